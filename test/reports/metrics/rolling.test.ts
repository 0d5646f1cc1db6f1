import { describe, expect, it } from 'vitest';
import { rollingAlpha, rollingBeta, rollingMetric, rollingSharpe, rollingSortino, rollingVolatility } from '../../../reports/metrics/rolling.ts';

describe('rolling metrics', () => {
  const r = [0.01, 0.03, -0.02, 0.04];

  it('first value at the w-th return, NaN before', () => {
    const v = rollingVolatility(r, 2, 1);
    expect(Number.isNaN(v[0])).toBe(true);
    // two-point std = |a − b| / √2
    expect(v[1]).toBeCloseTo(0.02 / Math.SQRT2, 15);
    expect(v[2]).toBeCloseTo(0.05 / Math.SQRT2, 15);
    expect(v[3]).toBeCloseTo(0.06 / Math.SQRT2, 15);
  });

  it('the window includes the labelled row', () => {
    const sums = rollingMetric([1, 2, 3, 4], 3, (x, s, e) => {
      let t = 0;
      for (let i = s; i < e; i++) t += x[i];
      return t;
    });
    expect(Array.from(sums)).toEqual([NaN, NaN, 6, 9]);
  });

  it('rolling Sharpe over 3 rows', () => {
    // window 1: .01 .03 −.02, mean .02/3, Σ(dev²) = (.01−m)² + (.03−m)² + (−.02−m)²
    const m = 0.02 / 3;
    const sd = Math.sqrt(((0.01 - m) ** 2 + (0.03 - m) ** 2 + (-0.02 - m) ** 2) / 2);
    const s = rollingSharpe(r, 3, 4);
    expect(s[2]).toBeCloseTo((m / sd) * 2, 13);
    // with rf 0.01 per period: .00 .02 −.03 → mean −.01/3, same deviations
    expect(rollingSharpe(r, 3, 4, 0.01)[2]).toBeCloseTo((-0.01 / 3 / sd) * 2, 13);
  });

  it('a flat window has no Sharpe', () => {
    const s = rollingSharpe([0, 0, 0, 0.01], 3, 252);
    expect(Number.isNaN(s[2])).toBe(true);
    expect(Number.isFinite(s[3])).toBe(true);
  });

  it('rolling beta', () => {
    // windows of 3 with mean(b) = 0: β = Σb·r / Σb²
    // rows 0-2: b .01 −.01 0 → (.01·.02 − .01·−.01) / .0002 = 1.5
    // rows 1-3: b −.01 0 .01 → (−.01·−.01 + .01·.05) / .0002 = 3
    const beta = rollingBeta([0.02, -0.01, 0.03, 0.05], [0.01, -0.01, 0, 0.01], 3);
    expect(Number.isNaN(beta[1])).toBe(true);
    expect(beta[2]).toBeCloseTo(1.5, 13);
    expect(beta[3]).toBeCloseTo(3, 13);
  });

  it('rejects a window that is not a positive integer', () => {
    expect(() => rollingVolatility(r, 0)).toThrow(/positive integer/);
  });
});

describe('rolling Sortino and alpha', () => {
  const r = [0.01, 0.03, -0.02, 0.04];

  it('rolling Sortino over 3 rows: mean·P over the downside deviation of all rows of the window', () => {
    // window 1: .01 .03 −.02 → mean .02/3; downside: √((0 + 0 + .02²)/3)·√P
    const P = 4;
    const dd = Math.sqrt(0.0004 / 3) * Math.sqrt(P);
    const s = rollingSortino(r, 3, P);
    expect(Number.isNaN(s[1])).toBe(true);
    expect(s[2]).toBeCloseTo(((0.02 / 3) * P) / dd, 13);
    // window 2: .03 −.02 .04 → mean .05/3, same single shortfall
    expect(s[3]).toBeCloseTo(((0.05 / 3) * P) / dd, 13);
    // No losing row in a window: no downside, no ratio.
    expect(Number.isNaN(rollingSortino([0.01, 0.02, 0.03], 3, P)[2])).toBe(true);
  });

  it('rolling alpha of a series that is 2·b + c: β = 2 and alpha = (1 + c)^P − 1 in every window', () => {
    const b = [0.01, -0.02, 0.015, 0.005, -0.01, 0.02];
    const c = 0.001;
    const rr = b.map((x) => 2 * x + c);
    const a = rollingAlpha(rr, b, 3, 252);
    expect(Number.isNaN(a[1])).toBe(true);
    for (let i = 2; i < b.length; i++) expect(a[i]).toBeCloseTo(Math.pow(1 + c, 252) - 1, 12);
    // With rf: alpha = mean((r − rf) − β(b − rf)) = c + rf·(β − 1) = c + rf.
    const withRf = rollingAlpha(rr, b, 3, 252, 0.0002);
    expect(withRf[4]).toBeCloseTo(Math.pow(1 + c + 0.0002, 252) - 1, 12);
  });
});
