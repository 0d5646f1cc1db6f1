// P of a calendar whose spacing is daily (engine/frequency.ts), from the sessions a calendar year
// holds: a trading-day calendar (five sessions a week, less holidays) 252, a calendar-day one
// (crypto) 365, any other count as measured and irregular — and its holes of missing data, rows
// spanning six weekdays or more (a month without rows), whose lacking sessions are counted in, so
// a hole never makes a trading-day calendar look sparser (engine/rowPeriods.ts counts their
// weekdays as the rows' periods).

import { weekdayOf, weekdaysBetween } from '../data/dates.ts';

/**
 * Sessions a year → P of a daily calendar. Trading days: from 90 % of 252 up to 2 % over the 261
 * weekdays of a year (five sessions a week with holidays, or none, and a stray weekend row or
 * two) → exactly 252; calendar days: 95 % of 365 or more (a few missing days of a 24/7 market) →
 * 365. Null for any other count (a weekday calendar with weekend sessions for part of the year).
 */
export function standardDailyP(sessionsPerYear: number): 252 | 365 | null {
  if (sessionsPerYear >= 0.9 * 252 && sessionsPerYear <= 1.02 * 261) return 252;
  if (sessionsPerYear >= 0.95 * 365) return 365;
  return null;
}

/** Whole weeks a calendar must span before its sessions a year are counted by the week; a shorter one is counted over its span, or keeps 252 (see dailyPeriods). */
const MIN_COUNT_WEEKS = 4;

/**
 * Weekdays from which a row of a daily trading-day calendar closes a hole of missing data: a
 * weekend with holidays, or an exchange closure (2001-09-11 … 14: Monday 10 → Monday 17, 5
 * weekdays), spans 5 at most; a week of data missing (Friday → the Monday 10 days on) spans 6.
 */
export const HOLE_WEEKDAYS = 6;

/**
 * The weekdays (Monday to Friday) the row from epoch day `previous` to `day` spans — those in
 * (previous, day] — when it closes a hole of missing data, HOLE_WEEKDAYS or more; 0 for a shorter
 * row (seven days span five weekdays at most). 2024-01-19 (Fri) → 2024-01-29 (Mon): 6.
 */
export function holeWeekdays(previous: number, day: number): number {
  if (day - previous <= 7) return 0;
  const weekdays = weekdaysBetween(previous + 1, day + 1);
  return weekdays >= HOLE_WEEKDAYS ? weekdays : 0;
}

/**
 * P of a calendar whose spacing is daily (ascending epoch days): the sessions it holds a year,
 * counted over the k whole weeks from its first date, sessions / (7k) · 365.25 — whole weeks, so a
 * Wednesday start or a Friday end does not tilt the count (Wed/Fri sessions: 104.36, not the
 * 104.5 of n / span) — then mapped by standardDailyP (dailyP), or rounded where no standard count
 * fits (flagged irregular). The holes of missing data (holeWeekdays) count the sessions they lack:
 * a year of weekdays without March keeps 252 (250.9 sessions a year), not 227.8 — unless they are
 * on so many of its rows that `isChangeOfSpacing` (holes, rows) (frequency.ts: more than a quarter,
 * three or more) calls it a sparser calendar, then counted as it is. Under four weeks,
 * weekdays only keep 252 (too short to tell holidays from a sparser week); with a weekend date the
 * calendar is counted over its span, gaps / span · 365.25 (twenty consecutive days: 365). A fixed
 * spacing of 2 days or more is not daily (frequency.ts inferFrequency).
 */
export function dailyPeriods(dates: ArrayLike<number>, isChangeOfSpacing: (holes: number, rows: number) => boolean): { periodsPerYear: number; irregular: boolean; why: string } {
  const first = dates[0];
  const last = dates[dates.length - 1];
  const weeks = Math.floor((last - first + 1) / 7);
  if (weeks < MIN_COUNT_WEEKS) {
    const weekend = Array.prototype.some.call(dates, (d: number) => weekdayOf(d) % 6 === 0);
    if (!weekend) return { periodsPerYear: 252, irregular: false, why: `daily spacing, weekdays, under ${MIN_COUNT_WEEKS} weeks: sessions a year not counted` };
    return dailyP(((dates.length - 1) / (last - first)) * 365.25);
  }
  const end = first + 7 * weeks;
  let sessions = 0;
  while (sessions < dates.length && dates[sessions] < end) sessions++;
  const perYear = (n: number): number => (n / (7 * weeks)) * 365.25;
  const lacking = holesLacking(dates, end);
  // Holes on too many rows are a sparser calendar, as missing dates on too many gaps are a change of spacing.
  const sparse = isChangeOfSpacing(lacking.holes, lacking.rows);
  return dailyP(perYear(sessions), lacking.holes === 0 || sparse ? undefined : { holes: lacking.holes, tradingDays: perYear(sessions + lacking.weekdays), calendarDays: perYear(sessions + lacking.days) });
}

/**
 * What the holes of missing data (holeWeekdays) of a daily calendar lack before epoch day `end` —
 * a hole running past it up to it —: how many, their weekdays and their days, without the date
 * closing each (a session the count holds); and the rows looked at.
 */
function holesLacking(dates: ArrayLike<number>, end: number): { holes: number; weekdays: number; days: number; rows: number } {
  let holes = 0;
  let weekdays = 0;
  let days = 0;
  let k = 1;
  for (; k < dates.length && dates[k - 1] < end; k++) {
    if (holeWeekdays(dates[k - 1], dates[k]) === 0) continue;
    const to = Math.min(dates[k], end);
    holes++;
    weekdays += weekdaysBetween(dates[k - 1] + 1, to);
    days += to - dates[k - 1] - 1;
  }
  return { holes, weekdays, days, rows: k - 1 };
}

/**
 * P of a daily calendar from the sessions it holds a year, `counted`; with `holes`, also counted
 * with the sessions its holes lack, read as trading days (their weekdays) or as calendar days
 * (their days). 252 where the trading-day count maps there (standardDailyP), else 365 where the
 * calendar-day count does, else the count as measured, rounded and flagged irregular.
 */
function dailyP(counted: number, holes?: { holes: number; tradingDays: number; calendarDays: number }): { periodsPerYear: number; irregular: boolean; why: string } {
  const said = (perYear: number, lacking: string): string =>
    `${perYear.toFixed(1)} sessions a year${holes === undefined ? '' : `, with the ${lacking} of ${holes.holes} hole${holes.holes === 1 ? '' : 's'} without a row`}`;
  const trading = holes?.tradingDays ?? counted;
  if (standardDailyP(trading) === 252) return { periodsPerYear: 252, irregular: false, why: `daily spacing, trading days (${said(trading, 'weekdays')})` };
  const calendar = holes?.calendarDays ?? counted;
  if (standardDailyP(calendar) === 365) return { periodsPerYear: 365, irregular: false, why: `daily spacing, calendar days (${said(calendar, 'days')})` };
  return { periodsPerYear: Math.round(counted), irregular: true, why: `daily spacing at ${counted.toFixed(1)} sessions a year, neither trading days (252) nor calendar days (365)` };
}
