// Is one Sharpe ratio really higher than another? The Jobson-Korkie test with Memmel's (2003)
// correction, on two excess-return series over the same periods:
//   SR_i = mean(x_i) / std(x_i) (per period), ρ = corr(x_1, x_2), n paired periods,
//   θ = (2 − 2ρ + ½(SR_1² + SR_2² − 2·SR_1·SR_2·ρ²)) / n,   z = (SR_1 − SR_2) / √θ,
//   p = 2·(1 − Φ(|z|)) (two-sided).
// It assumes independent, normally distributed returns: fat tails and autocorrelation make it
// overconfident, which the page says beside the figure.
// Memmel, C. (2003) "Performance hypothesis testing with the Sharpe ratio", Finance Letters 1.

import { MIN_STAT_N } from '../metric.ts';
import { mean, normCdf, sampleStd, type Series } from '../stats.ts';

/**
 * Paired periods below which z and p are not to be read (the page withholds them, `tooFew`).
 * z is referred to the normal distribution, which θ only justifies asymptotically (delta method);
 * with n pairs the sample stds behind each SR make z closer to Student's t with n − 1 degrees of
 * freedom. At n = 4, |z| = 1.96 reads p = 0.05 but t(3) gives p ≈ 0.145 (its 97.5 % point is
 * 3.182); at n = 30 t(29)'s 97.5 % point is 2.045 against 1.96, p ≈ 0.06: the usual n ≥ 30 rule
 * for a normal approximation. MIN_STAT_N (2) is the least a Sharpe ratio needs, not a test.
 */
export const MIN_TEST_N = 30;

export interface SharpeDifference {
  /** Paired periods used (rows where both series are known). */
  n: number;
  /** n < MIN_TEST_N: the Sharpe ratios stand, z and p are too unreliable to report. */
  tooFew: boolean;
  /** Annualized Sharpe ratios of each series over those rows (SR·√P), and their difference. */
  sharpeA: number;
  sharpeB: number;
  difference: number;
  z: number;
  /** Two-sided p-value of "equal Sharpe ratios". */
  pValue: number;
}

/** The Memmel-corrected Jobson-Korkie test of SR(a) = SR(b); null below 3 pairs or with a flat series; `tooFew` below MIN_TEST_N pairs. */
export function sharpeDifference(a: Series, b: Series, periodsPerYear: number): SharpeDifference | null {
  if (a.length !== b.length) throw new RangeError(`series have ${a.length} and ${b.length} rows; align them first`);
  const xa: number[] = [];
  const xb: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    xa.push(a[i]);
    xb.push(b[i]);
  }
  const n = xa.length;
  if (n < MIN_STAT_N + 1) return null;
  const sa = sampleStd(xa);
  const sb = sampleStd(xb);
  if (!(sa > 0 && sb > 0)) return null;
  const ma = mean(xa);
  const mb = mean(xb);
  let cov = 0;
  for (let i = 0; i < n; i++) cov += (xa[i] - ma) * (xb[i] - mb);
  const rho = cov / (n - 1) / (sa * sb);
  const srA = ma / sa;
  const srB = mb / sb;
  const theta = (2 - 2 * rho + 0.5 * (srA * srA + srB * srB - 2 * srA * srB * rho * rho)) / n;
  const z = theta > 0 ? (srA - srB) / Math.sqrt(theta) : NaN;
  const root = Math.sqrt(periodsPerYear);
  return { n, tooFew: n < MIN_TEST_N, sharpeA: srA * root, sharpeB: srB * root, difference: (srA - srB) * root, z, pValue: Number.isNaN(z) ? NaN : 2 * (1 - normCdf(Math.abs(z))) };
}
