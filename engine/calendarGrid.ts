// Where a regular calendar coarser than daily may hold a session one period before or after one
// of its sessions, as a window of days: vendors move a date to a business day, so a month-start
// is the 1st to the 4th, a business month-end the last weekday or the day before it (a holiday),
// a mid-month date that day or up to three days later, a weekly bar a day either side of a week
// away. How a date asked inside one of the data's own intervals (a mid-month `from` on
// month-ends, a `to` before the next month-end) is told from a start or end the data lacks
// (engine/warnings.ts periodCaveats). And the grid itself (gridDate): the date of its period a
// calendar's value stands for, so that two dates for one week or month (one file's holiday week
// dated Thursday, another's Friday) share that period (engine/rowPeriods.ts).

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

/**
 * Where a regular coarse calendar's dates fall in their period: the weekday most of them fall on
 * (0 = Sunday; weekly), or the median day of the month and the month of the period most of them
 * fall in (0 … months − 1 of absolute months; monthly and coarser: quarter-ends in March, June,
 * September and December → 2). Undefined for daily and other spacings, which have no grid.
 */
export interface CalendarPlace {
  readonly weekday: number;
  readonly day: number;
  readonly month: number;
}

/** The place (CalendarPlace) of a calendar of spacing `f` from its ascending epoch days. */
export function calendarPlace(dates: ArrayLike<number>, f: Frequency): CalendarPlace | undefined {
  const months = MONTHS[f.label];
  if (f.label !== 'weekly' && months === undefined) return undefined;
  const weekdays = new Int32Array(7);
  const inPeriod = new Int32Array(months ?? 1);
  for (let k = 0; k < dates.length; k++) {
    const p = dayParts(dates[k]);
    weekdays[p.weekday]++;
    inPeriod[monthIndex(p.year, p.month) % inPeriod.length]++;
  }
  const mode = (counts: Int32Array): number => counts.indexOf(Math.max(...counts));
  return { weekday: mode(weekdays), day: medianDayOfMonth(dates), month: mode(inPeriod) };
}

/** The median day of the month of ascending epoch days (a calendar's `typical` day for expectedSession). */
export function medianDayOfMonth(dates: ArrayLike<number>): number {
  const days = Array.from(dates, (d) => dayParts(d).date).sort((a, b) => a - b);
  return days[days.length >> 1];
}

/** Days a weekly bar may sit off its weekday: a holiday moves it a day either side (expectedSession). */
const WEEK_SHIFT = 1;

/**
 * The date of the calendar's grid (its weekday each week; its day of the month in each of its
 * months, the month's last from day 28 on) nearest epoch day `day`, when `day` lies within the
 * days a business-day convention moves a date from it (a day for weekly, three for monthly and
 * coarser); undefined off the grid (2024-06-15 on month-ends) and for daily and other spacings.
 * On Fridays: Thursday 2024-01-25 → Friday 01-26; on month-ends: 2024-07-01 → 06-30.
 */
export function gridDate(day: number, f: Frequency, place: CalendarPlace): number | undefined {
  if (f.label === 'weekly') {
    const ahead = (place.weekday - weekdayOf(day) + 7) % 7; // days to the next grid weekday
    const nearest = ahead <= 3 ? day + ahead : day + ahead - 7;
    return Math.abs(nearest - day) <= WEEK_SHIFT ? nearest : undefined;
  }
  const months = MONTHS[f.label];
  if (months === undefined) return undefined;
  const { year, month } = dayParts(day);
  const here = monthIndex(year, month);
  const grid = here - ((((here - place.month) % months) + months) % months); // the grid month at or before `day`'s
  let nearest = NaN;
  for (const m of [grid - months, grid, grid + months]) {
    const [y, mo] = [Math.floor(m / 12), (m % 12) + 1];
    const on = place.day >= MONTH_END_DAY ? epochDay(y, mo + 1, 0) : epochDay(y, mo, Math.min(place.day, daysIn(y, mo)));
    if (!(Math.abs(on - day) >= Math.abs(nearest - day))) nearest = on;
  }
  return Math.abs(nearest - day) <= SHIFT ? nearest : undefined;
}

/** Months since year 0 of (year, month 1 … 12). */
const monthIndex = (year: number, month: number): number => year * 12 + month - 1;
