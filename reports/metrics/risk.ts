// Dispersion and tail risk of a return series (METRICS.md "Risk"; drawdowns live in drawdown.ts).
import { MIN_STAT_N, type Metric, unavailable, valued } from './metric.ts';
import { centralMoments, isMotionless, nonNaNCount, mean, normInv, percentileSorted, sampleStd, type Series } from './stats.ts';

/** annual_volatility: std(r) · √P (ddof = 1). */
export function annualVolatility(r: Series, periodsPerYear = 252): Metric {
  const n = nonNaNCount(r);
  if (n < MIN_STAT_N) return unavailable('annual_volatility', n);
  return valued('annual_volatility', sampleStd(r) * Math.sqrt(periodsPerYear), n);
}

/**
 * √(mean(min(r − q, 0)²)) · √P. The mean runs over all n non-NaN observations, zeros where r ≥ q
 * (the empyrical convention), not only over the shortfalls. Over [start, end) when given.
 */
export function downsideDeviation(r: Series, target: number, periodsPerYear: number, start = 0, end = r.length): number {
  let ss = 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    const v = r[i];
    if (Number.isNaN(v)) continue;
    n++;
    const d = Math.min(v - target, 0);
    ss += d * d;
  }
  return n > 0 ? Math.sqrt(ss / n) * Math.sqrt(periodsPerYear) : NaN;
}

/** downside_risk against target q (per period, default 0). */
export function downsideRisk(r: Series, target = 0, periodsPerYear = 252): Metric {
  const n = nonNaNCount(r);
  if (n < MIN_STAT_N) return unavailable('downside_risk', n);
  return valued('downside_risk', downsideDeviation(r, target, periodsPerYear), n);
}

/** Suffix of a cutoff in metric names: 0.05 → '95', 0.01 → '99'. */
function level(cutoff: number): string {
  return String(Math.round((1 - cutoff) * 100));
}

/** Non-NaN returns sorted ascending (stats.sortedNonNaN); shared so tail metrics sort only once. */
export type SortedReturns = Float64Array;

/** var_95 / var_99: historical VaR = percentile(r, 100·c), type 7; a negative number for losses. */
export function valueAtRisk(sorted: SortedReturns, cutoff = 0.05): Metric {
  const name = `var_${level(cutoff)}`;
  const n = sorted.length;
  if (n < MIN_STAT_N) return unavailable(name, n);
  return valued(name, percentileSorted(sorted, 100 * cutoff), n);
}

/** cvar_95 / cvar_99: expected shortfall = mean of the k + 1 smallest returns, k = floor((n−1)·c). */
export function conditionalValueAtRisk(sorted: SortedReturns, cutoff = 0.05): Metric {
  const name = `cvar_${level(cutoff)}`;
  const n = sorted.length;
  if (n < MIN_STAT_N) return unavailable(name, n);
  const k = Math.floor((n - 1) * cutoff);
  return valued(name, mean(sorted, 0, k + 1), n);
}

/** parametric_var_95: mean(r) + Φ⁻¹(c) · std(r) (Gaussian VaR). */
export function parametricVaR(r: Series, cutoff = 0.05): Metric {
  const name = `parametric_var_${level(cutoff)}`;
  const n = nonNaNCount(r);
  if (n < MIN_STAT_N) return unavailable(name, n);
  return valued(name, mean(r) + normInv(cutoff) * sampleStd(r), n);
}

/**
 * skew and kurtosis as bias-uncorrected moment ratios with population central moments m_k
 * (divide by n, not n − 1): skew = m3 / m2^1.5, excess kurtosis (Fisher) = m4 / m2² − 3.
 * These are scipy.stats.skew / kurtosis with bias=True, not the ddof-corrected "sample" versions
 * some libraries report; METRICS.md asks for the uncorrected ratios.
 */
export function skewKurtosis(r: Series): [skew: Metric, kurtosis: Metric] {
  const { n, m2, m3, m4 } = centralMoments(r);
  if (n < MIN_STAT_N) return [unavailable('skew', n), unavailable('kurtosis', n)];
  if (isMotionless(r)) return [unavailable('skew', n, 'zero volatility'), unavailable('kurtosis', n, 'zero volatility')];
  return [valued('skew', m3 / Math.pow(m2, 1.5), n), valued('kurtosis', m4 / (m2 * m2) - 3, n)];
}

/** tail_ratio: |percentile(r, 95)| / |percentile(r, 5)|. */
export function tailRatio(sorted: SortedReturns): Metric {
  const n = sorted.length;
  if (n < MIN_STAT_N) return unavailable('tail_ratio', n);
  const left = Math.abs(percentileSorted(sorted, 5));
  if (left === 0) return unavailable('tail_ratio', n, 'zero 5th percentile');
  return valued('tail_ratio', Math.abs(percentileSorted(sorted, 95)) / left, n);
}

