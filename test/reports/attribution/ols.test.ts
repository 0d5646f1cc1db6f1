import { linearRegression, rSquared } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { ols } from '../../../reports/attribution/ols.ts';

describe('ols', () => {
  it('recovers y = 0.001 + 1.2·x1 − 0.5·x2 exactly', () => {
    const x1 = Array.from({ length: 50 }, (_, i) => Math.sin(i) / 100);
    const x2 = Array.from({ length: 50 }, (_, i) => Math.cos(3 * i) / 100);
    const y = x1.map((v, i) => 0.001 + 1.2 * v - 0.5 * x2[i]);
    const fit = ols(y, [x1, x2]);
    expect(fit.n).toBe(50);
    expect(fit.k).toBe(3);
    expect(fit.coefficients[0]).toBeCloseTo(0.001, 14);
    expect(fit.coefficients[1]).toBeCloseTo(1.2, 12);
    expect(fit.coefficients[2]).toBeCloseTo(-0.5, 12);
    expect(fit.rSquared).toBeCloseTo(1, 12);
    for (const se of fit.stdErrors) expect(se).toBeLessThan(1e-12);
  });

  it('a 3-point case by hand: x = 0, 1, 2; y = 1, 2, 4', () => {
    // x̄ = 1, ȳ = 7/3, Sxx = 2, Sxy = 3 → slope 3/2, intercept 7/3 − 3/2 = 5/6.
    // Fitted 5/6, 7/3, 23/6; residuals 1/6, −1/3, 1/6; SSR = 1/6; σ² = SSR/(3 − 2) = 1/6.
    // SE(slope) = √(σ²/Sxx) = √(1/12); SE(intercept) = √(σ²(1/n + x̄²/Sxx)) = √(5/36).
    // SST = 16/9 + 1/9 + 25/9 = 14/3; R² = 1 − (1/6)/(14/3) = 27/28; adj R² = 1 − (1/28)·2/1 = 13/14.
    const fit = ols([1, 2, 4], [[0, 1, 2]]);
    expect(fit.coefficients[0]).toBeCloseTo(5 / 6, 14);
    expect(fit.coefficients[1]).toBeCloseTo(1.5, 14);
    expect(fit.stdErrors[1]).toBeCloseTo(Math.sqrt(1 / 12), 14);
    expect(fit.stdErrors[0]).toBeCloseTo(Math.sqrt(5) / 6, 14);
    expect(fit.tStats[1]).toBeCloseTo(1.5 * Math.sqrt(12), 12);
    expect(fit.rSquared).toBeCloseTo(27 / 28, 14);
    expect(fit.adjRSquared).toBeCloseTo(13 / 14, 14);
    expect(fit.residualStd).toBeCloseTo(Math.sqrt(1 / 6), 14);
  });

  it('agrees with simple-statistics for one regressor', () => {
    const x = Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7) * 0.02);
    const y = x.map((v, i) => 0.0003 + 0.8 * v + Math.cos(i * 2.3) * 0.01);
    const fit = ols(y, [x]);
    const { m, b } = linearRegression(x.map((v, i) => [v, y[i]]));
    expect(fit.coefficients[1]).toBeCloseTo(m, 12);
    expect(fit.coefficients[0]).toBeCloseTo(b, 14);
    expect(fit.rSquared).toBeCloseTo(rSquared(x.map((v, i) => [v, y[i]]), (v) => b + m * v), 12);
  });

  it('skips rows with a NaN anywhere', () => {
    const fit = ols([1, NaN, 2, 4, 9], [[0, 5, 1, 2, NaN]]);
    expect(fit.n).toBe(3);
    expect(fit.coefficients[1]).toBeCloseTo(1.5, 14);
  });

  it('refuses what it cannot identify: too few rows, a constant or collinear regressor', () => {
    expect(() => ols([1, 2], [[1, 2], [3, 5]])).toThrow(RangeError);
    expect(() => ols([1, 2, 3, 5], [[1, 1, 1, 1]])).toThrow(/collinear/);
    expect(() => ols([1, 2, 3, 5], [[1, 2, 3, 4], [0.2, 0.4, 0.6, 0.8]])).toThrow(/collinear/);
  });

  it('n = k fits exactly but has no standard errors', () => {
    const fit = ols([1, 3], [[0, 1]]);
    expect(fit.coefficients[1]).toBeCloseTo(2, 14);
    expect(Number.isNaN(fit.stdErrors[1])).toBe(true);
    expect(Number.isNaN(fit.tStats[1])).toBe(true);
  });
});
