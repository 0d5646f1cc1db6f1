// A walk-forward window's out-of-sample figures (reports/SWEEPS.md "Per window"): the stitched
// run's returns over the window's sessions, annualised with the window's own P — the P a run over
// those sessions has (engine/calendar/frequency.ts frequencyOf: the periodsPerYear set, else inferred from
// their calendar, as the engine and runMetrics infer a run's) — as its in-sample figures are its
// trial's, a run over the in-sample span with its own P. So in-sample and out-of-sample compare
// like for like: with the stitched run's one P, a window of weekly bars in a run that turns daily
// was annualised with P = 123 where a run over it has 52 (probe r57b F3).

import type { RateSeries } from '../../../data/rates.ts';
import { annualReturn, type Frequency, frequencyOf, periodsPerRow, sharpe, sum, wealthReturns } from '../../../reports/metrics/index.ts';
import { sessionsRiskFree } from '../../measure.ts';
import type { Window } from './windows.ts';

/**
 * The market sessions [from, to] whose closes bound the window's out-of-sample returns: from the
 * session before its first (the return into it is the window's), or from its first when that is
 * the stitched run's first session `runFirst` (no return into it).
 */
export function returnSessions(window: Window, runFirst: number): readonly [number, number] {
  return [Math.max(window.oosFirst - 1, runFirst), window.oosLast];
}

/** The window's own P: that of a run over its return sessions (returnSessions) of the calendar `dates`, `given` where the study sets periodsPerYear. */
export function outOfSampleFrequency(dates: Int32Array, window: Window, runFirst: number, given: number | undefined): Frequency {
  const [from, to] = returnSessions(window, runFirst);
  return frequencyOf(dates.subarray(from, to + 1), given);
}

export interface OutOfSampleFigures {
  /** (Π(1 + r))^(P/m) − 1 over the window's returns, m the periods of P they cover (no returns: null). */
  readonly annualReturn: number | null;
  /** mean(r − rf) / std(r − rf) · √P (fewer than 2 returns, or none that move: null). */
  readonly sharpe: number | null;
  /** The window's own P and how it was found. */
  readonly frequency: Frequency;
}

/**
 * The annualised return and Sharpe of `window` out of sample, measured as runMetrics measures a run
 * over its return sessions: `nav` is the stitched run's NAV (one a session from market session
 * `runFirst`), `dates` the market's calendar, `given` the periodsPerYear the study sets, `riskFree`
 * the study's rate (resolveRiskFree), per period at the window's P.
 */
export function outOfSampleFigures(nav: Float64Array, dates: Int32Array, runFirst: number, window: Window, given: number | undefined, riskFree: number | RateSeries): OutOfSampleFigures {
  const [from, to] = returnSessions(window, runFirst);
  const sessions = dates.subarray(from, to + 1);
  const frequency = outOfSampleFrequency(dates, window, runFirst, given);
  const P = frequency.periodsPerYear;
  const r = wealthReturns(nav.subarray(from - runFirst, to - runFirst + 1));
  return {
    annualReturn: annualReturn(r, P, sum(periodsPerRow(sessions, P))).value,
    sharpe: sharpe(r, sessionsRiskFree(sessions, P, riskFree), P).value,
    frequency,
  };
}
