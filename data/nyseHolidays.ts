// The New York Stock Exchange's regular full-day holidays, by their rules (NYSE Rule 7.2 and its
// published holiday calendars): New Year's Day, Martin Luther King Jr. Day (from 1998), Washington's
// Birthday, Good Friday, Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day,
// Thanksgiving and Christmas. A holiday on a Saturday is observed the Friday before, on a Sunday the
// Monday after — except New Year's Day on a Saturday, which is not observed (the Friday before is
// the year's last trading day: 2021-12-31 was open). Unscheduled closures (2001-09-11 … 14,
// 2012-10-29/30, days of mourning) follow no rule and are not here. breadth does not know a data
// source's exchange: this is the calendar by which a coarse calendar's business-day convention is
// read where a holiday moves a session (engine/calendar/calendarGrid.ts nominalSession), and by which a
// daily calendar lacking a weekday lacks no session (engine/calendar/dailyPeriods.ts).

import { dayParts, epochDay, weekdayOf } from './dates.ts';

const SATURDAY = 6;
const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;

/** The `n`-th `weekday` (0 = Sunday) of `month` (1 … 12) of `year`, as an epoch day. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = epochDay(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

/** The last `weekday` of `month` of `year`. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const last = epochDay(year, month + 1, 0);
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** A fixed-date holiday moved off a weekend: Saturday → the Friday before, Sunday → the Monday after. */
function observed(day: number): number {
  const weekday = weekdayOf(day);
  return weekday === SATURDAY ? day - 1 : weekday === SUNDAY ? day + 1 : day;
}

/** Easter Sunday of `year` (Gregorian), by the anonymous algorithm (Meeus, Astronomical Algorithms, ch. 8). */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return epochDay(year, Math.floor(n / 31), (n % 31) + 1);
}

/** The holidays of `year`, as epoch days. */
function holidaysOf(year: number): Set<number> {
  const newYear = epochDay(year, 1, 1);
  const days = [
    weekdayOf(newYear) === SATURDAY ? NaN : observed(newYear),
    year >= 1998 ? nthWeekday(year, 1, MONDAY, 3) : NaN,
    nthWeekday(year, 2, MONDAY, 3),
    easter(year) - 2,
    lastWeekday(year, 5, MONDAY),
    year >= 2022 ? observed(epochDay(year, 6, 19)) : NaN,
    observed(epochDay(year, 7, 4)),
    nthWeekday(year, 9, MONDAY, 1),
    nthWeekday(year, 11, THURSDAY, 4),
    observed(epochDay(year, 12, 25)),
  ];
  return new Set(days.filter((d) => !Number.isNaN(d)));
}

const byYear = new Map<number, Set<number>>();

/** True when epoch day `day` (a weekday or not) is one of NYSE's regular holidays of its year. */
export function isNyseHoliday(day: number): boolean {
  const { year } = dayParts(day);
  let holidays = byYear.get(year);
  if (holidays === undefined) byYear.set(year, (holidays = holidaysOf(year)));
  return holidays.has(day);
}
