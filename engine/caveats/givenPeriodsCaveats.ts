// A P given (periodsPerYear, --periods-per-year) that the calendar's spacing would not give, said
// (METRICS.md "Inputs": P is inferred from the spacing, overridable, recorded with every result):
// the P given annualises and is what the strategy reads, but what accrues by time keeps the
// calendar's own spacing (engine/calendar/rowPeriods.ts accrualPeriods) — unless the calendar is
// irregular, with no frequency of its own, where the P given times its rows too (probe r69a F1:
// P = 52 on weekday sessions silently accrued a week of interest each session).

import { type Caveat, caveat } from './caveats.ts';
import { inferFrequency } from '../calendar/frequency.ts';

/** How the caveat names its subject. */
export interface GivenPeriodsWords {
  /** Whose calendar: "the run's", "the series'". */
  readonly whose: string;
  /** What accrues by time, plural: "interest and borrow fees", "the risk-free returns". */
  readonly accrued: string;
  /** One row of the calendar: "session", "return". */
  readonly row: string;
  /** What the P given is read by besides the figures' annualisation: " and the strategy reads it (view.periodsPerYear, windows given as durations)", or ''. */
  readonly readBy: string;
}

/**
 * Medium when `given` (a P the user set) differs from the P the calendar `dates` (ascending epoch
 * days) infers (engine/calendar/frequency.ts): on a regular calendar, "P = 52 was given, but the
 * run's calendar gives 252 (inferred: …): 52 annualises the figures …, while interest and borrow
 * fees accrue by the calendar's own spacing (each session 1/252 of a year, not 1/52)"; on an
 * irregular one, that the P given times each row (1/P of a year) where its own days do not.
 * None when nothing was given, the calendar has under two dates, or the P agrees. Size: the P given.
 */
export function givenPeriodsCaveats(dates: ArrayLike<number>, given: number | undefined, words: GivenPeriodsWords): Caveat[] {
  if (given === undefined || dates.length < 2) return [];
  const own = inferFrequency(dates);
  if (own.periodsPerYear === given) return [];
  const { whose, accrued, row, readBy } = words;
  const message = own.irregular
    ? `P = ${given} was given, and ${whose} calendar has no regular spacing (${own.source}): ${given} annualises the figures${readBy}, and times ${accrued} too — each ${row} accrues over 1/${given} of a year, not its own time on the calendar`
    : `P = ${given} was given, but ${whose} calendar gives ${own.periodsPerYear} (${own.source}): ${given} annualises the figures${readBy}, while ${accrued} accrue by the calendar's own spacing (each ${row} 1/${own.periodsPerYear} of a year, more across missing dates; not 1/${given})`;
  return [caveat('frequency', 'medium', message, { value: given, unit: 'count' })];
}
