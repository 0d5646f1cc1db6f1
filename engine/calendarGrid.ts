// Where a regular calendar coarser than daily may hold a session one period before or after one
// of its sessions, as a window of days: vendors move a date to a business day, so a month-start
// is the 1st to the 4th, a business month-end the last weekday or the day before it (a holiday),
// a mid-month date that day or up to three days later, a weekly bar a day either side of a week
// away. How a date asked inside one of the data's own intervals (a mid-month `from` on
// month-ends, a `to` before the next month-end) is told from a start or end the data lacks
// (engine/warnings.ts periodCaveats).

import { dayParts, epochDay, weekdayOf } from '../data/dates.ts';
import type { Frequency } from './frequency.ts';

/** Months in one period of each monthly-or-coarser spacing. */
const MONTHS: Partial<Record<Frequency['label'], number>> = { monthly: 1, quarterly: 3, annual: 12 };

/** Days a business-day convention may move a date: a weekend and a holiday. */
const SHIFT = 3;
/** A calendar whose median day of the month is this or later (February's last) keeps month-ends. */
const MONTH_END_DAY = 28;

/**
 * The earliest and latest epoch days a calendar of spacing `f` may hold its session `periods`
 * periods from session `day` (negative: before it), as the conventions above allow, for a
 * calendar whose dates fall on day `typical` of their month (its median: 1–4 a month-start, the
 * month's last four days a month-end, else that day — not the session's own, which a holiday may
 * have moved): from 2024-03-28 on business month-ends, −1 → [2024-02-28, 2024-02-29]; from
 * 2024-06-03 on month-starts, −1 → [2024-05-01, 2024-05-04]. A business month-end may be the
 * weekday before the month's last (a holiday; Friday before a Monday one). `weekends`: the calendar
 * holds weekend dates, so a month-end is the month's last day itself. Undefined for daily and
 * irregular calendars (their gaps are judged by the weekdays they skip).
 */
export function expectedSession(day: number, f: Frequency, periods: number, calendar: { readonly typical: number; readonly weekends: boolean }): readonly [number, number] | undefined {
  if (f.label === 'weekly') return [day + 7 * periods - 1, day + 7 * periods + 1];
  const months = MONTHS[f.label];
  if (months === undefined) return undefined;
  const { year, month } = dayParts(day);
  const target = month + months * periods; // epochDay carries months past 12 or below 1 into the year
  const { typical, weekends } = calendar;
  if (typical <= SHIFT + 1) return [epochDay(year, target, 1), epochDay(year, target, SHIFT + 1)];
  if (typical >= MONTH_END_DAY) {
    const last = epochDay(year, target + 1, 0);
    return weekends ? [last, last] : [previousWeekday(previousWeekday(last + 1)), last];
  }
  const same = epochDay(year, target, Math.min(typical, daysIn(year, target)));
  return [same, same + SHIFT];
}

/** Days in `month` of `year` (month may run past 12 or below 1). */
const daysIn = (year: number, month: number): number => epochDay(year, month + 1, 1) - epochDay(year, month, 1);

/** The last weekday before `day`. */
function previousWeekday(day: number): number {
  let d = day - 1;
  while (weekdayOf(d) === 0 || weekdayOf(d) === 6) d--;
  return d;
}
