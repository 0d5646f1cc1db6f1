// Per-period risk-free returns (METRICS.md "Inputs": rf = (1 + R)^(1/P) − 1).
import { perPeriodRate, type RateSeries, rateAsOf } from '../../data/rates.ts';
import type { Series } from './stats.ts';

/** Risk-free return per period: a constant, or a series aligned with the returns. */
export type RiskFree = number | Series;

/**
 * Per-period rf for each date from a dated annual-rate series (decimal), as of the session with
 * forward fill. NaN before the first known rate: those rows drop out of rf-dependent metrics
 * rather than silently using 0.
 */
export function riskFreeFromRates(dates: Series, rates: RateSeries, periodsPerYear: number): Float64Array {
  const out = new Float64Array(dates.length);
  for (let i = 0; i < dates.length; i++) out[i] = perPeriodRate(rateAsOf(rates, dates[i]), periodsPerYear);
  return out;
}

/** r − rf row by row (NaN where either is NaN). */
export function excessReturns(r: Series, rf: RiskFree): Float64Array {
  const out = new Float64Array(r.length);
  if (typeof rf === 'number') {
    for (let i = 0; i < r.length; i++) out[i] = r[i] - rf;
    return out;
  }
  if (rf.length !== r.length) throw new RangeError(`risk-free series has ${rf.length} rows but returns have ${r.length}; align them first`);
  for (let i = 0; i < r.length; i++) out[i] = r[i] - rf[i];
  return out;
}
