// Per-period risk-free returns (METRICS.md "Inputs": rf = (1 + R)^(1/P) − 1; (1 + R)^(k/P) − 1 over a
// row covering k periods, engine/calendar/rowPeriods.ts periodsPerRow).
import { isoDay } from '../../data/dates.ts';
import { perPeriodRate, rateAsOf, rateCoverage, rateGaps, type RateSeries } from '../../data/rates.ts';
import { type Caveat, caveat } from '../../engine/caveats/caveats.ts';
import { rateGapCaveats } from '../../engine/caveats/rateGapCaveat.ts';
import type { Series } from './stats.ts';

/**
 * The metrics computeMetrics gives rf (the ones whose n drops where the rate is missing): Sharpe,
 * omega, PSR and DSR on r − rf, alpha and Treynor on the paired rows. Sortino uses its target q
 * (METRICS.md). test/reports/metrics/riskFreeCaveats.test.ts derives this list from computeMetrics.
 */
export const RISK_FREE_METRICS: readonly string[] = ['sharpe', 'omega', 'psr', 'dsr', 'alpha', 'treynor'];

/** Risk-free return per period: a constant, or a series aligned with the returns. */
export type RiskFree = number | Series;

/**
 * Per-period rf for each date from a dated annual-rate series (decimal), as of the session with
 * forward fill, compounded over the `periods` of P each row covers (engine/calendar/frequency.ts
 * periodsPerRow; default 1 a row): (1 + R)^(k/P) − 1. NaN before the first known rate: those rows
 * drop out of rf-dependent metrics rather than silently using 0.
 */
export function riskFreeFromRates(dates: Series, rates: RateSeries, periodsPerYear: number, periods?: Series): Float64Array {
  const out = new Float64Array(dates.length);
  for (let i = 0; i < dates.length; i++) out[i] = perPeriodRate(rateAsOf(rates, dates[i]), periodsPerYear, periods?.[i] ?? 1);
  return out;
}

/**
 * A constant annual rate R per row: (1 + R)^(k/P) − 1 over the `periods` k each row covers — one
 * number when every row is one period, else one per row (a row closing missing dates earns more).
 */
export function riskFreeFromRate(annualRate: number, periodsPerYear: number, periods: Series): RiskFree {
  if (Array.prototype.every.call(periods, (k: number) => k === 1)) return perPeriodRate(annualRate, periodsPerYear);
  return Float64Array.from(periods, (k) => perPeriodRate(annualRate, periodsPerYear, k));
}

/**
 * rf of each return (dated `dates`, epoch days; each covering `periods` periods of P: riskFreeFromRate,
 * riskFreeFromRates), with the source the metrics name. A rate of 0, given or defaulted, is no
 * risk-free: one source ('none (rf = 0)', computeMetrics) either way.
 */
export function riskFreeOfReturns(riskFree: number | RateSeries | undefined, dates: Series, P: number, periods: Series): { perPeriod: RiskFree; source: string | undefined } {
  if (riskFree === undefined || riskFree === 0) return { perPeriod: 0, source: undefined };
  if (typeof riskFree === 'number') return { perPeriod: riskFreeFromRate(riskFree, P, periods), source: `constant annual rate ${riskFree}` };
  return { perPeriod: riskFreeFromRates(dates, riskFree, P, periods), source: `${riskFree.name}, annual yield as of each session, forward-filled` };
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

/**
 * A dated risk-free series that does not cover the returns' dates (`dates`, epoch days, one per
 * return): returns before its first rate drop out of the excess-return metrics, and its last rate
 * carried past its end, or across a gap of more than 10 sessions inside it, stands in for rates
 * the source does not give. All are said, not silent — the end and gaps once: not here when the
 * series is also the run's cash rate (`cashRateToo`), whose caveats say them.
 */
export function riskFreeCaveats(riskFree: number | RateSeries | undefined, dates: ArrayLike<number>, options: { readonly cashRateToo?: boolean } = {}): Caveat[] {
  if (riskFree === undefined || typeof riskFree === 'number') return [];
  const c = rateCoverage(riskFree, dates);
  const out: Caveat[] = [];
  if (c.before > 0 && c.before < dates.length) {
    out.push(caveat('missing-rate', 'medium', `risk-free rate ${riskFree.name} starts on ${isoDay(c.firstDay)}: ${RISK_FREE_METRICS.join(', ')} use the ${dates.length - c.before} returns from then on, not all ${dates.length} (sortino uses its target, not the rate, and keeps them all)`, { value: c.before, unit: 'sessions' }));
  } else if (c.before > 0) out.push(caveat('missing-rate', 'high', `risk-free rate ${riskFree.name} has no value in the run's period: no excess-return metrics`, { value: c.before, unit: 'sessions' }));
  // The same series as the run's cash rate: its end and gaps are said once, by the engine's cash-rate caveats.
  if (options.cashRateToo === true) return out;
  if (c.carried > 0) {
    const rate = `${(c.lastRate * 100).toFixed(2)}%`;
    out.push(caveat('missing-rate', c.carried > 21 ? 'medium' : 'low', `risk-free rate ${riskFree.name} ends on ${isoDay(c.lastDay)}: its last rate (${rate}) stands in for the ${c.carried} returns after ${isoDay(c.carriedAfter)}, when its next rate was due`, { value: c.carried, unit: 'sessions' }));
  }
  out.push(...rateGapCaveats(`risk-free rate ${riskFree.name}`, 'stands in for', rateGaps(riskFree, dates)));
  return out;
}
