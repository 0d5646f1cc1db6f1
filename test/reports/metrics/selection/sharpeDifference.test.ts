// The Memmel-corrected Jobson-Korkie test against a hand computation on four paired periods.

import { describe, expect, it } from 'vitest';
import { MIN_TEST_N, sharpeDifference } from '../../../../reports/metrics/selection/sharpeDifference.ts';
import { normCdf } from '../../../../reports/metrics/stats.ts';

describe('sharpeDifference', () => {
  it('matches the formula worked by hand', () => {
    const a = [0.02, -0.01, 0.03, 0.0];
    const b = [0.01, 0.0, 0.02, -0.01];
    // a: mean 0.01, deviations .01 −.02 .02 −.01 → Σd² = .001, std = √(.001/3)
    // b: mean 0.005, deviations .005 −.005 .015 −.015 → Σd² = .0005, std = √(.0005/3)
    // cov = (.01·.005 + .02·.005 + .02·.015 + .01·.015)/3 = .0006/3 → ρ = .0006 / √(.001·.0005)
    const sa = Math.sqrt(0.001 / 3);
    const sb = Math.sqrt(0.0005 / 3);
    const rho = 0.0006 / Math.sqrt(0.001 * 0.0005);
    const srA = 0.01 / sa;
    const srB = 0.005 / sb;
    const theta = (2 - 2 * rho + 0.5 * (srA ** 2 + srB ** 2 - 2 * srA * srB * rho ** 2)) / 4;
    const z = (srA - srB) / Math.sqrt(theta);
    const d = sharpeDifference(a, b, 12);
    expect(d).not.toBeNull();
    expect(d?.n).toBe(4);
    expect(d?.tooFew).toBe(true); // 4 pairs: z and p are not to be read (r13b item 4)
    expect(d?.sharpeA).toBeCloseTo(srA * Math.sqrt(12), 12);
    expect(d?.sharpeB).toBeCloseTo(srB * Math.sqrt(12), 12);
    expect(d?.z).toBeCloseTo(z, 12);
    expect(d?.pValue).toBeCloseTo(2 * (1 - normCdf(Math.abs(z))), 12);
  });

  it('pairs only rows where both are known, and says nothing about a flat series', () => {
    expect(sharpeDifference([0.01, NaN, 0.02, -0.01, 0.0], [0.02, 0.5, 0.01, 0.0, -0.01], 252)?.n).toBe(4);
    expect(sharpeDifference([0.01, 0.01, 0.01, 0.01], [0.02, 0.0, 0.01, -0.01], 252)).toBeNull();
    expect(sharpeDifference([0.01, 0.02], [0.0, 0.01], 252)).toBeNull();
  });

  it('finds no difference between a series and itself', () => {
    const x = [0.01, -0.02, 0.015, 0.003, -0.004, 0.02];
    const d = sharpeDifference(x, x, 252);
    expect(d?.difference).toBe(0);
    // θ is 0 up to rounding for identical series: z is 0 (p = 1) or undefined, never a spurious certainty.
    expect(d?.z === 0 || Number.isNaN(d?.z)).toBe(true);
    expect(d?.pValue === 1 || Number.isNaN(d?.pValue)).toBe(true);
  });

  it('flags fewer than 30 pairs as too few to test, and not 30', () => {
    expect(MIN_TEST_N).toBe(30);
    const series = (n: number, k: number): number[] => Array.from({ length: n }, (_, i) => 0.01 * Math.sin(i * k) + 0.001);
    expect(sharpeDifference(series(29, 1), series(29, 2), 252)?.tooFew).toBe(true);
    expect(sharpeDifference(series(30, 1), series(30, 2), 252)?.tooFew).toBe(false);
  });
});
