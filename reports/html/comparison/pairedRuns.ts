// Two runs' returns over the same intervals (METRICS.md "Inputs"): their NAV levels laid on the
// union of their dates and paired between the dates both have (relative.ts pairedIntervals), with
// the P of those intervals (pairing.ts pairingOf). A daily and a month-end run pair month-end to
// month-end returns annualised with 12; two daily runs where one lacks a holiday pair a two-day
// return of one with the two-day return of the other.

import { type Pairing, type PairedIntervals, pairedIntervals, pairingOf } from '../../metrics/index.ts';
import type { ComparisonRun } from '../model.ts';
import { parseIsoDay } from '../../../data/dates.ts';

const DEFAULT_P = 252;

export interface PairedRuns {
  /** Returns of `a` (r) and `b` (b) over each paired interval; rf is a's risk-free compounded over it. */
  paired: PairedIntervals;
  /** b's risk-free compounded over each paired interval (aligned with paired.r). */
  rfB: Float64Array;
  /** Intervals and their P (a's P where the intervals are spaced like a's own dates, else inferred). */
  pairing: Pairing;
  /** The first interval's start and the last one's end (ISO dates), null with no interval. */
  span: { from: string; to: string } | null;
}

/** One run's NAV and per-return risk-free on `calendar` rows (NaN level, 0 rf where the run has no row). */
function onCalendar(run: ComparisonRun, calendar: readonly string[]): { level: Float64Array; rf: Float64Array; days: Float64Array } {
  const row = new Map(run.dates.map((d, k) => [d, k]));
  const carried = new Set(run.carried);
  const level = new Float64Array(calendar.length).fill(NaN);
  const rf = new Float64Array(Math.max(calendar.length - 1, 0));
  const days = new Float64Array(calendar.length).fill(NaN);
  calendar.forEach((d, t) => {
    const k = row.get(d);
    if (k === undefined) return;
    level[t] = carried.has(k) ? NaN : (run.nav[k] ?? NaN); // a NAV of carried marks only is no observation (navObservations.ts)
    days[t] = parseIsoDay(d);
    const x = k > 0 ? run.riskFreeReturns?.[k - 1] : undefined;
    if (t > 0 && x !== undefined && Number.isFinite(x)) rf[t - 1] = x;
  });
  return { level, rf, days };
}

/**
 * Runs `a` and `b` paired over the dates both have inside `window` (both ends inclusive; null =
 * all dates). A run's risk-free on a row it lacks is 0, so each interval compounds exactly the
 * rf of that run's own returns inside it.
 */
export function pairRuns(a: ComparisonRun, b: ComparisonRun, window: { from: string; to: string } | null): PairedRuns {
  const inside = (d: string): boolean => window === null || (d >= window.from && d <= window.to);
  const calendar = [...new Set([...a.dates, ...b.dates])].filter(inside).sort();
  const ca = onCalendar(a, calendar);
  const cb = onCalendar(b, calendar);
  const paired = pairedIntervals(ca.level, cb.level, ca.rf);
  const n = paired.r.length;
  const span = n === 0 ? null : { from: calendar[paired.start[0]], to: calendar[paired.end[n - 1]] };
  return { paired, rfB: pairedIntervals(ca.level, cb.level, cb.rf).rf, pairing: pairingOf(paired, ca.days, a.periodsPerYear ?? DEFAULT_P), span };
}
