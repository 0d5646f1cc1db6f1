// The grid of a regular calendar coarser than daily: the date of its period a calendar's value
// stands for (gridDate), so that two dates for one week or month (one file's holiday week dated
// Thursday, another's Friday) share that period (engine/calendar/rowPeriods.ts); vendors move a date to a
// business day, so a month-start is the 1st to the 4th, a business month-end the last weekday or
// the day before it (a holiday), a weekly bar a day either side of its weekday. And the date the
// convention names for the period before or after a session (nominalSession), by which a date
// asked inside one of the data's own intervals (a mid-month `from` on month-ends) is told from a
// start or end the data lacks (engine/caveats/warnings.ts periodCaveats).

import { dayParts, epochDay, weekdayOf } from '../../data/dates.ts';
import { isNyseHoliday } from '../../data/nyseHolidays.ts';
import type { Frequency } from './frequency.ts';

/** Months in one period of each monthly-or-coarser spacing. */
const MONTHS: Partial<Record<Frequency['label'], number>> = { monthly: 1, quarterly: 3, annual: 12 };

/** Days a business-day convention may move a date: a weekend and a holiday. */
const SHIFT = 3;
/** A calendar whose median day of the month is this or later (February's last) keeps month-ends. */
const MONTH_END_DAY = 28;

/**
 * The date on which a regular calendar coarser than daily holds its session `periods` (−1 or 1)
 * periods from the period of session `day`, by its convention: its weekday (weekly); its day of
 * the month, the month's last from day 28 on (monthly and coarser). A calendar on the 1st to the
 * 4th is on month-starts, the 1st. As the calendar's own dates show (`dating`, datingOf), a date on
 * a weekend or a holiday moves to a session, back or forward (a month-start on Saturday 2024-06-01
 * → Monday 06-03; Q1 2024's end → Thursday 03-28, before Good Friday). The holidays are NYSE's
 * (data/nyseHolidays.ts): breadth does not know a source's exchange, and a user asks for a period
 * by its trading days (probe r58a: the first trading day of 2023, 01-03, read as after January's
 * month-start). A `day` off the grid (gridDate undefined: a mid-month first bar on month-ends)
 * counts from the grid dates around it: the last before it (−1) or the first after it (1).
 * Undefined for daily and irregular calendars (their gaps are judged by the weekdays they skip). From 2018-01-05 on Fridays, −1 → 2017-12-29; from 2018-01-31 on business month-ends,
 * −1 → Friday 2017-12-29; from 2022-11-30, 1 → Friday 2022-12-30.
 */
export function nominalSession(day: number, f: Frequency, periods: -1 | 1, place: CalendarPlace, dating: Dating): number | undefined {
  const months = MONTHS[f.label];
  if (f.label !== 'weekly' && months === undefined) return undefined;
  const business = (d: number): number => {
    if (dating.weekends) return d;
    while (weekdayOf(d) === 0 || weekdayOf(d) === 6 || (!dating.holidays && isNyseHoliday(d))) d += dating.back ? -1 : 1;
    return d;
  };
  const grid = gridDate(day, f, place);
  if (months === undefined) {
    if (grid !== undefined) return business(grid + 7 * periods);
    const back = (weekdayOf(day) - place.weekday + 7) % 7 || 7; // days since the last grid weekday before `day`
    return business(periods < 0 ? day - back : day - back + 7);
  }
  // A month-start calendar's convention is the 1st, moved forward (its median day may be the 3rd: 06-03 after a weekend).
  const gridDay = place.day <= SHIFT + 1 ? 1 : place.day;
  const on = (m: number): number => business(gridOn(m, gridDay));
  if (grid !== undefined) {
    const { year, month } = dayParts(grid);
    return on(monthIndex(year, month) + months * periods);
  }
  const { year, month } = dayParts(day);
  const here = monthIndex(year, month);
  const atOrBefore = here - ((((here - place.month) % months) + months) % months); // the grid month at or before `day`'s
  if (periods < 0) return on(on(atOrBefore) < day ? atOrBefore : atOrBefore - months);
  return on(on(atOrBefore) > day ? atOrBefore : atOrBefore + months);
}

/**
 * How a calendar dates a period whose grid date is closed, read from its own dates: `weekends`,
 * it holds weekend dates (calendar-dated: a grid date is never moved); `holidays`, it holds NYSE
 * holidays (weekday-labelled, as Yahoo's weekly bars on every Monday or pandas' business
 * month-ends: not moved off a holiday, probe r59a); `back`, a closed grid date moves to the session
 * before (month-ends; weeks whose off-grid dates fall before their weekday, or, with none, weeks
 * dated Thursday or Friday) rather than after.
 */
export interface Dating {
  readonly weekends: boolean;
  readonly holidays: boolean;
  readonly back: boolean;
}

/** The Dating of a regular coarse calendar of spacing `f` at `place`, from its ascending epoch days. */
export function datingOf(dates: ArrayLike<number>, f: Frequency, place: CalendarPlace): Dating {
  let weekends = false;
  let holidays = false;
  let earlier = 0; // weekly dates before their grid weekday, less those after it
  for (let k = 0; k < dates.length; k++) {
    const d = dates[k];
    const weekday = weekdayOf(d);
    weekends ||= weekday === 0 || weekday === 6;
    holidays ||= isNyseHoliday(d);
    if (f.label === 'weekly') earlier += Math.sign((gridDate(d, f, place) ?? d) - d);
  }
  const back = f.label === 'weekly' ? (earlier !== 0 ? earlier > 0 : place.weekday >= 4) : place.day >= MONTH_END_DAY;
  return { weekends, holidays, back };
}

/** The grid date of absolute month `m` (monthIndex) for a calendar on day `gridDay` of the month (its last from MONTH_END_DAY on). */
function gridOn(m: number, gridDay: number): number {
  const [y, mo] = [Math.floor(m / 12), (m % 12) + 1];
  return gridDay >= MONTH_END_DAY ? epochDay(y, mo + 1, 0) : epochDay(y, mo, Math.min(gridDay, daysIn(y, mo)));
}

/** Days in `month` of `year` (month may run past 12 or below 1). */
const daysIn = (year: number, month: number): number => epochDay(year, month + 1, 1) - epochDay(year, month, 1);

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
    const on = gridOn(m, place.day);
    if (!(Math.abs(on - day) >= Math.abs(nearest - day))) nearest = on;
  }
  return Math.abs(nearest - day) <= SHIFT ? nearest : undefined;
}

/** Months since year 0 of (year, month 1 … 12). */
const monthIndex = (year: number, month: number): number => year * 12 + month - 1;
