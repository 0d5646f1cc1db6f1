// Rolling metrics (METRICS.md "Rolling"): the value labelled at row i uses the `window` most
// recent returns including row i, so the first value is at row window − 1 and earlier rows are
// NaN. These are chart series, not reported figures, hence NaN (not null) where undefined.
// Each window is recomputed exactly over [i − w + 1, i + 1): O(n·w) with no allocation per row;
// running sums would be O(n) but let a flat (all-cash) stretch show a tiny non-zero volatility.
import { betaOf } from './relative/relative.ts';
import { downsideDeviation } from './risk.ts';
import { sharpeOf } from './riskAdjusted.ts';
import { excessReturns, type RiskFree } from './riskFree.ts';
import { mean, nonNaNCount, sampleStd, type Series } from './stats.ts';

/** A statistic of x over the row range [start, end). */
export type RangeStatistic = (x: Series, start: number, end: number) => number;

/** fn over each trailing window of `window` rows; NaN before the window is full. */
export function rollingMetric(r: Series, window: number, fn: RangeStatistic): Float64Array {
  if (!(Number.isInteger(window) && window >= 1)) throw new RangeError(`rolling window must be a positive integer, got ${window}`);
  const out = new Float64Array(r.length).fill(NaN);
  for (let end = window; end <= r.length; end++) out[end - 1] = fn(r, end - window, end);
  return out;
}

/** Rolling annualized volatility std·√P. */
export function rollingVolatility(r: Series, window: number, periodsPerYear = 252): Float64Array {
  const scale = Math.sqrt(periodsPerYear);
  return rollingMetric(r, window, (x, s, e) => sampleStd(x, s, e) * scale);
}

/** Rolling Sharpe of r − rf; NaN where a window has zero volatility. */
export function rollingSharpe(r: Series, window: number, periodsPerYear = 252, rf: RiskFree = 0): Float64Array {
  return rollingMetric(excessReturns(r, rf), window, (x, s, e) => sharpeOf(x, periodsPerYear, s, e));
}

/** Rolling beta of r on the aligned benchmark b; NaN where b is flat over a window. */
export function rollingBeta(r: Series, b: Series, window: number): Float64Array {
  if (b.length !== r.length) throw new RangeError(`benchmark has ${b.length} rows but returns have ${r.length}; align them first`);
  return rollingMetric(r, window, (x, s, e) => betaOf(x, b, s, e));
}

/** Rolling Sortino: mean(r − q)·P / downside risk(q) over each window; NaN where the window has no downside. */
export function rollingSortino(r: Series, window: number, periodsPerYear = 252, target = 0): Float64Array {
  return rollingMetric(r, window, (x, s, e) => {
    if (nonNaNCount(x, s, e) < 2) return NaN;
    const dr = downsideDeviation(x, target, periodsPerYear, s, e);
    return dr > 0 ? ((mean(x, s, e) - target) * periodsPerYear) / dr : NaN;
  });
}

/**
 * Rolling alpha (annualized, METRICS.md): (1 + mean((r − rf) − β·(b − rf)))^P − 1 over each
 * window of the aligned r and b, β from the same window; NaN where b is flat.
 */
export function rollingAlpha(r: Series, b: Series, window: number, periodsPerYear = 252, rf: RiskFree = 0): Float64Array {
  if (b.length !== r.length) throw new RangeError(`benchmark has ${b.length} rows but returns have ${r.length}; align them first`);
  const xr = excessReturns(r, rf);
  const xb = excessReturns(b, rf);
  return rollingMetric(r, window, (x, s, e) => {
    const be = betaOf(x, b, s, e);
    if (Number.isNaN(be)) return NaN;
    let sum = 0;
    let k = 0;
    for (let i = s; i < e; i++) {
      const v = xr[i] - be * xb[i];
      if (Number.isNaN(v)) continue;
      sum += v;
      k++;
    }
    return k >= 2 ? Math.pow(1 + sum / k, periodsPerYear) - 1 : NaN;
  });
}
