// Measuring a run as a study does: its metrics against its benchmark index over its own sessions
// (or cash), with the risk-free of the study and the trials for its DSR. Kept apart from
// runStudy.ts so a sweep's worker threads load no attribution code.

import { isoDay, parseIsoDay, sessionOnOrBefore } from '../data/dates.ts';
import type { Market } from '../data/market.ts';
import type { RateSeries } from '../data/rates.ts';
import { backtest } from '../engine/backtest.ts';
import type { Result } from '../engine/result.ts';
import { everySession } from '../engine/calendar/schedule.ts';
import type { Strategy } from '../engine/strategy.ts';
import { CASH_BENCHMARK } from '../reports/benchmark/benchmark.ts';
import { accrualPeriods, type RiskFree, riskFreeOfReturns, type SharpeTrials } from '../reports/metrics/index.ts';
import type { TrialRecord } from '../reports/store/index.ts';
import { runMetrics, type RunMetrics } from '../reports/runMetrics.ts';
import type { StudyConfig } from './config.ts';
import { missingRiskFreeCaveats } from './missingRates.ts';

/**
 * A run's metrics (capacity on `market` included) against its benchmark (a symbol or role of
 * `market`, 'cash', or null for none), measured by runMetrics as a library user's are, with the
 * trials for its DSR. `riskFree` is the study's (a rate, or a series name): a series `market`
 * lacks is measured as 0, said in a medium caveat among the metrics' (missingRates.ts).
 */
export function measureRun(result: Result, market: Market, options: { benchmark: string | null; periodsPerYear: number | undefined; riskFree: StudyConfig['riskFree']; trials?: SharpeTrials | undefined }): RunMetrics {
  const { benchmark, periodsPerYear } = options;
  const metrics = runMetrics(result, {
    market,
    riskFree: resolveRiskFree(options.riskFree, market),
    ...(periodsPerYear === undefined ? {} : { periodsPerYear }),
    ...(benchmark === null ? {} : { benchmark }),
    ...(options.trials === undefined ? {} : { trials: options.trials }),
  });
  const missing = missingRiskFreeCaveats(options.riskFree, market);
  return missing.length === 0 ? metrics : { ...metrics, caveats: [...metrics.caveats, ...missing] };
}

/** The metrics' risk-free: a constant, or a rate series of the market (0 where it has none: measureRun says so in a caveat, missingRates.ts). */
export function resolveRiskFree(riskFree: StudyConfig['riskFree'], market: Market): number | RateSeries {
  if (typeof riskFree === 'number') return riskFree;
  return Object.hasOwn(market.rates, riskFree) ? market.rates[riskFree] : 0;
}


/**
 * The per-period rf of each return of a run over `sessions` (epoch days; one return per session
 * after the first) annualised with P `periodsPerYear`, as runMetrics derives it: `riskFree`
 * (resolveRiskFree) compounded over the periods of P each return lasts on the calendar's own
 * spacing (accrualPeriods), as the engine accrues cash.
 */
export function sessionsRiskFree(sessions: Int32Array, periodsPerYear: number, riskFree: number | RateSeries): RiskFree {
  return riskFreeOfReturns(riskFree, sessions.subarray(1), periodsPerYear, accrualPeriods(sessions, periodsPerYear)).perPeriod;
}

/**
 * The per-period rf of each of a trial's returns (one per session after its first), as its
 * metrics subtracted it: `riskFree` (resolveRiskFree) over the trial's sessions of `market`, with its P.
 */
export function trialRiskFree(trial: TrialRecord, market: Market, riskFree: number | RateSeries): RiskFree {
  const first = sessionOnOrBefore(market.dates, parseIsoDay(trial.periodFrom));
  return sessionsRiskFree(market.dates.subarray(first, first + trial.sessions), trial.periodsPerYear, riskFree);
}

/** A strategy that never holds anything: what measuredMetricNames measures. */
const IDLE: Strategy = { name: 'idle', params: {}, schedule: everySession, decide: () => undefined };

/**
 * The name of every metric a run on `market` is measured by (measureRun, against a benchmark: the
 * relative metrics too), read off the measurement of an idle run over its first two sessions — the
 * code that measures the trials, so an option naming a metric is checked before any trial runs.
 */
export function measuredMetricNames(market: Market): string[] {
  const span = { from: isoDay(market.dates[0]), to: isoDay(market.dates[Math.min(1, market.dates.length - 1)]) };
  const metrics = measureRun(backtest(market, IDLE, span), market, { benchmark: CASH_BENCHMARK, periodsPerYear: undefined, riskFree: 0 });
  return metrics.metrics.map((m) => m.name);
}
