// The sample universe's calendar: business days and the calendar quarters that fundamentals
// report on. Only fixed-date holidays are skipped; the sample needs plausible sessions, not NYSE's.

import { dayParts, epochDay } from '../dates.ts';
import type { FiscalPeriod } from '../fundamentals/statements.ts';

/** Month-day pairs closed every year (when they fall on a weekday). */
const FIXED_HOLIDAYS: readonly (readonly [number, number])[] = [
  [1, 1],
  [7, 4],
  [12, 25],
];

/** Sessions from `startDay` (inclusive) to the same calendar day `years` later (exclusive). */
export function businessDays(startDay: number, years: number): Int32Array {
  const start = dayParts(startDay);
  const endDay = epochDay(start.year + years, start.month, start.date);
  const days: number[] = [];
  for (let day = startDay; day < endDay; day++) {
    const { month, date, weekday } = dayParts(day);
    if (weekday === 0 || weekday === 6) continue;
    if (FIXED_HOLIDAYS.some(([m, d]) => m === month && d === date)) continue;
    days.push(day);
  }
  return Int32Array.from(days);
}

/** A calendar quarter that ended inside the sample, with the last session on or before its end. */
export interface SampleQuarter {
  readonly fiscalYear: number;
  readonly fiscalPeriod: FiscalPeriod;
  /** Epoch day of the quarter's last calendar day. */
  readonly periodEnd: number;
  /** Index of the last session on or before periodEnd (0 for quarters before the sample). */
  readonly session: number;
}

/**
 * Calendar quarters (fiscal year = calendar year) ending within the sessions, plus those ending in
 * the `yearsBefore` years before the first session (their session is 0): companies have a history
 * when the sample starts, so trailing-twelve-month figures exist from the first weeks.
 */
export function quartersWithin(dates: Int32Array, yearsBefore: number): SampleQuarter[] {
  const first = dayParts(dates[0]);
  const from = epochDay(first.year - yearsBefore, first.month, first.date);
  const last = dates[dates.length - 1];
  const quarters: SampleQuarter[] = [];
  let session = 0;
  for (let year = first.year - yearsBefore; ; year++) {
    for (let q = 1; q <= 4; q++) {
      const periodEnd = epochDay(year, 3 * q + 1, 0); // day 0 of the next month = last day of this one
      if (periodEnd < from) continue;
      if (periodEnd > last) return quarters;
      while (session + 1 < dates.length && dates[session + 1] <= periodEnd) session++;
      quarters.push({ fiscalYear: year, fiscalPeriod: `Q${q}` as FiscalPeriod, periodEnd, session });
    }
  }
}

/** Index of the first session of each calendar year after the first (index reconstitution days). */
export function yearStarts(dates: Int32Array): number[] {
  const starts: number[] = [];
  for (let t = 1; t < dates.length; t++) {
    if (dayParts(dates[t]).year !== dayParts(dates[t - 1]).year) starts.push(t);
  }
  return starts;
}
