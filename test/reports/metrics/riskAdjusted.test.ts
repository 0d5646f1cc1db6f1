import { describe, expect, it } from 'vitest';
import { invPhi, phi } from './normal.ts';
import { calmar, dsr, expectedMaxSharpe, omega, psr, sharpe, sortino, stability } from '../../../reports/metrics/riskAdjusted.ts';
import { perPeriodRate } from '../../../data/rates.ts';
import { riskFreeFromRates } from '../../../reports/metrics/riskFree.ts';

const A = [0.1, -0.05, 0.02, -0.03]; // mean 0.01, std √(0.0134/3)
const sdA = Math.sqrt(0.0134 / 3);

describe('sharpe', () => {
  it('mean/std·√P with rf = 0, a constant and a series', () => {
    expect(sharpe(A, 0, 12)).toMatchObject({ name: 'sharpe', n: 4 });
    expect(sharpe(A, 0, 12).value).toBeCloseTo((0.01 / sdA) * Math.sqrt(12), 13);
    // constant rf shifts the mean only: 0.009
    expect(sharpe(A, 0.001, 12).value).toBeCloseTo((0.009 / sdA) * Math.sqrt(12), 13);
    // rf = .001 .002 .001 .002 → x = .099 −.052 .019 −.032, mean 0.0085,
    // deviations .0905 −.0605 .0105 −.0405 → Σ² = 0.013601
    expect(sharpe(A, [0.001, 0.002, 0.001, 0.002], 12).value).toBeCloseTo((0.0085 / Math.sqrt(0.013601 / 3)) * Math.sqrt(12), 12);
  });

  it('edge rules: n < 2 insufficient, zero volatility null (not Infinity), NaN rows skipped', () => {
    expect(sharpe([0.01])).toEqual({ name: 'sharpe', value: null, n: 1, note: 'insufficient data' });
    expect(sharpe([0.01, 0.01, 0.01], 0.001)).toEqual({ name: 'sharpe', value: null, n: 3, note: 'zero volatility' });
    expect(sharpe([0.1, NaN, -0.05, 0.02, -0.03], 0, 12)).toMatchObject({ n: 4 });
    expect(sharpe([0.1, NaN, -0.05, 0.02, -0.03], 0, 12).value).toBeCloseTo((0.01 / sdA) * Math.sqrt(12), 13);
  });

  it('annual rf converts as (1 + R)^(1/P) − 1', () => {
    expect(perPeriodRate(0.1, 2)).toBeCloseTo(Math.sqrt(1.1) - 1, 15);
  });

  it('dated rates: as of the session, forward-filled, NaN before the first', () => {
    const rates = { name: 'bill', dates: Int32Array.from([10, 20, 30]), values: Float64Array.from([0.21, NaN, 0.44]) };
    const rf = riskFreeFromRates([5, 10, 25, 31], rates, 2);
    expect(Number.isNaN(rf[0])).toBe(true);
    expect(rf[1]).toBeCloseTo(0.1, 15); // √1.21 − 1
    expect(rf[2]).toBeCloseTo(0.1, 15); // day 25: the NaN on day 20 is skipped
    expect(rf[3]).toBeCloseTo(0.2, 15); // √1.44 − 1
  });
});

describe('sortino', () => {
  it('mean(r − q)·P / downside risk', () => {
    // downside risk (q = 0) = √(0.0034/4)·√12
    expect(sortino(A, 0, 12).value).toBeCloseTo((0.01 * 12) / (Math.sqrt(0.0034 / 4) * Math.sqrt(12)), 12);
    // q = 0.02: mean −0.01; shortfalls −0.07, −0.05 → √(0.0074/4)·√12
    expect(sortino(A, 0.02, 12).value).toBeCloseTo((-0.01 * 12) / (Math.sqrt(0.0074 / 4) * Math.sqrt(12)), 12);
  });

  it('no shortfall: null', () => {
    expect(sortino([0.01, 0.02], 0, 12)).toMatchObject({ value: null, note: 'zero downside risk' });
    expect(sortino([0.01]).note).toBe('insufficient data');
  });
});

describe('calmar', () => {
  it('annualized return / |max drawdown|', () => {
    // growth 1.033923 over 4 months; max drawdown 0.95·1.02·0.97 − 1 = −0.06007
    expect(calmar(A, 12).value).toBeCloseTo((Math.pow(1.033923, 3) - 1) / 0.06007, 12);
  });

  it('max drawdown ≥ 0: null', () => {
    expect(calmar([0.01, 0.02, 0], 12)).toEqual({ name: 'calmar', value: null, n: 3, note: 'no drawdown' });
  });
});

describe('omega', () => {
  it('Σx⁺ / −Σx⁻ with x = r − rf − th', () => {
    // gains 0.12, losses 0.08
    expect(omega(A).value).toBeCloseTo(1.5, 14);
    // R = 1.01^12 − 1 → th = 0.01: x = .09 −.06 .01 −.04 → 0.10 / 0.10
    expect(omega(A, 0, 12, Math.pow(1.01, 12) - 1).value).toBeCloseTo(1, 12);
    // rf 0.01 per period does the same as th
    expect(omega(A, 0.01, 12).value).toBeCloseTo(1, 12);
  });

  it('nothing below the threshold: null', () => {
    expect(omega([0.01, 0.02]).note).toBe('no returns below threshold');
  });
});

describe('stability', () => {
  it('R² of cumulative log returns on time', () => {
    // log increments .1 .1 −.1 .1 → y = .1 .2 .1 .2, t̄ = 1.5, ȳ = .15
    // Σdt·dy = 0.1, Σdt² = 5, Σdy² = 0.01 → R² = 0.01 / 0.05 = 0.2
    const r = [0.1, 0.1, -0.1, 0.1].map(Math.expm1);
    expect(stability(r).value).toBeCloseTo(0.2, 12);
    // a straight line of wealth (in logs) is perfectly stable
    expect(stability([0.01, 0.01, 0.01, 0.01]).value).toBeCloseTo(1, 12);
  });

  it('flat wealth has no fit; one return is insufficient', () => {
    expect(stability([0, 0, 0]).note).toBe('zero volatility');
    expect(stability([0.01]).note).toBe('insufficient data');
  });
});

describe('probabilistic and deflated Sharpe', () => {
  // Series A moments: m2 = 0.0134/4, m3 = 0.00045/4, m4 = 0.00008114/4
  const m2 = 0.0134 / 4;
  const g3 = 0.00045 / 4 / Math.pow(m2, 1.5);
  const g4 = 0.00008114 / 4 / (m2 * m2); // non-excess
  const sr = 0.01 / sdA; // per period, not annualized
  const psrAt = (srStar: number): number => phi(((sr - srStar) * Math.sqrt(4 - 1)) / Math.sqrt(1 - g3 * sr + ((g4 - 1) / 4) * sr * sr));

  it('psr against SR* = 0', () => {
    expect(psr(A)).toMatchObject({ name: 'psr', n: 4 });
    expect(psr(A).value).toBeCloseTo(psrAt(0), 12);
  });

  it('dsr with N = 10 trials of Sharpe variance 0.01', () => {
    const gamma = 0.5772156649;
    const srStar = Math.sqrt(0.01) * ((1 - gamma) * invPhi(1 - 1 / 10) + gamma * invPhi(1 - 1 / (10 * Math.E)));
    expect(expectedMaxSharpe({ count: 10, sharpeVariance: 0.01 })).toBeCloseTo(srStar, 12);
    expect(dsr(A, 0, { count: 10, sharpeVariance: 0.01 }).value).toBeCloseTo(psrAt(srStar), 12);
  });

  it('dsr without trials, or with one, is null with the reason', () => {
    expect(dsr(A)).toEqual({ name: 'dsr', value: null, n: 4, note: 'number of trials not given' });
    expect(dsr(A, 0, { count: 1, sharpeVariance: 0.01 }).note).toBe('needs at least 2 trials');
  });

  it('psr edge rules', () => {
    expect(psr([0.01]).note).toBe('insufficient data');
    expect(psr([0.01, 0.01]).note).toBe('zero volatility');
  });
});
