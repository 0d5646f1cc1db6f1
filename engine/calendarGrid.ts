// Where a regular calendar coarser than daily expects its sessions, some periods from one of
// them: the same weekday weeks apart; the same day of the month months apart, or — for a session
// in its month's last week, as business month-ends are — the last weekday of that month. How a
// date asked inside one of the data's own intervals (a mid-month `from` on month-ends, a `to`
// before the next month-end) is told from one in a hole (engine/warnings.ts periodCaveats).

import { dayParts, epochDay, weekdayOf } from '../data/dates.ts';
import type { Frequency } from './frequency.ts';

/** Months in one period of each monthly-or-coarser spacing. */
const MONTHS: Partial<Record<Frequency['label'], number>> = { monthly: 1, quarterly: 3, annual: 12 };

/**
 * The epoch day a calendar of spacing `f` expects `periods` periods from session `day` (negative:
 * before it): 2024-03-29 on month-ends, −1 → 2024-02-29 (the last weekday of February); 2024-01-01
 * on month-starts, +1 → 2024-02-01; a Friday on weekly bars, −1 → the Friday before. Undefined for
 * daily and irregular calendars (their gaps are judged by the weekdays they skip).
 */
export function gridDay(day: number, f: Frequency, periods: number): number | undefined {
  if (f.label === 'weekly') return day + 7 * periods;
  const months = MONTHS[f.label];
  if (months === undefined) return undefined;
  const { year, month, date } = dayParts(day);
  const target = month + months * periods; // epochDay carries months past 12 or below 1 into the year
  if (date > daysIn(year, month) - 7) return lastWeekday(year, target);
  return epochDay(year, target, Math.min(date, daysIn(year, target)));
}

/** Days in `month` of `year` (month may run past 12 or below 1). */
const daysIn = (year: number, month: number): number => epochDay(year, month + 1, 1) - epochDay(year, month, 1);

function lastWeekday(year: number, month: number): number {
  let day = epochDay(year, month + 1, 0);
  while (weekdayOf(day) === 0 || weekdayOf(day) === 6) day--;
  return day;
}
