// P of a calendar whose spacing is daily (engine/calendar/frequency.ts), from the sessions a calendar year
// holds: a trading-day calendar (five sessions a week, less holidays) 252, a calendar-day one
// (crypto) 365, any other count as measured and irregular — but a few stray weekend rows (a merged
// calendar's) leave a trading-day calendar at 252, and so does a calendar too short to tell
// (under four weeks). The days it lacks are counted in — its
// holes of missing data (rows spanning six weekdays or more: a month without rows) and, where they
// are few, the days its shorter rows lack (NYSE's holidays, an exchange closure, a missing row) —
// so they never make a short trading-day calendar look sparser, while a sparser week (Mondays to
// Thursdays) is told by the days of the week it lacks. engine/calendar/rowPeriods.ts counts a hole's
// weekdays as its row's periods; a shorter row is one session.

import { weekdayOf, weekdaysBetween } from '../../data/dates.ts';
import { isNyseHoliday } from '../../data/nyseHolidays.ts';

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
 * Rows in a row lacking days (shortRowsLacking) from which they are a stretch of a sparser
 * spacing, not days missing: 16 Fridays before weekdays lack 4 weekdays on each of their 15 rows —
 * as three gaps in a row off a spacing change it (engine/caveats/inferredPeriodsCaveats.ts CHANGE_GAPS).
 * A closure is one row; a Tuesday and a Thursday missing are two.
 */
const STRETCH_ROWS = 3;

/** Weeks a day of the week lacks on, no fewer than it is held, from which it is a pattern of the calendar, not holidays (two: Golden Week's Mondays). */
const WEEKDAY_PATTERN = 3;

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
 * A reading of a daily calendar's days (dailyPeriods): trading days or calendar days, the P it
 * gives where its count of sessions a year is standard (standardDailyP), the days it counts
 * (`unit`; a hole lacks its weekdays or its days, holesLacking), the days of the week it holds
 * (0 = Sunday … 6 = Saturday: Monday to Friday, or all seven), and the dates it is closed by
 * rule, lacking no session: NYSE's regular holidays (data/nyseHolidays.ts) for trading days, none
 * for calendar days.
 */
interface Reading {
  readonly name: 'trading days' | 'calendar days';
  readonly periodsPerYear: 252 | 365;
  readonly unit: 'weekdays' | 'days';
  readonly holds: (weekday: number) => boolean;
  readonly closed: (day: number) => boolean;
}

const READINGS: readonly Reading[] = [
  { name: 'trading days', periodsPerYear: 252, unit: 'weekdays', holds: (weekday) => weekday % 6 !== 0, closed: isNyseHoliday },
  { name: 'calendar days', periodsPerYear: 365, unit: 'days', holds: () => true, closed: () => false },
];

/** P of a daily calendar, whether it is irregular (no standard count: a best guess), and how it was found ('daily spacing, trading days (260.9 sessions a year)'). */
type DailyP = { periodsPerYear: number; irregular: boolean; why: string };

/**
 * P of a calendar whose spacing is daily (ascending epoch days): the sessions it holds a year,
 * counted over the k whole weeks from its first date, sessions / (7k) · 365.25 — whole weeks, so a
 * Wednesday start or a Friday end does not tilt the count (Wed/Fri sessions: 104.36, not the
 * 104.5 of n / span) —, read as trading days, then as calendar days: 252 (365) where the count
 * maps there (standardDailyP), else the count rounded, flagged irregular. The days a calendar
 * lacks are counted in where that makes the count standard, so they never make it look sparser:
 * - the holes of missing data (holeWeekdays), their weekdays (days): a year of weekdays without
 *   March keeps 252 (260.9 sessions a year with the hole's 23 weekdays, not 237.8) — unless they
 *   are on so many of its rows that `isChangeOfSpacing` (holes, rows) (frequency.ts: more than a
 *   quarter, three or more) calls it a sparser calendar, then counted as it is;
 * - then the days its shorter rows lack (shortRowsLacking): NYSE's holidays, an exchange closure
 *   (2001-09-11 … 14), a missing row, a benchmark's missing day among paired dates — the few of a
 *   four- to nine-week calendar took it under 90 % of 252 (IWM 2001-08-27 → 10-05: 208.7, with
 *   its 5 lacking weekdays 260.9) — unless, with the holes, they are on so many rows that
 *   `isChangeOfSpacing` calls it sparser, or they are a sparser week or spacing (shortRowsLacking
 *   `sparser`: Mondays to Thursdays lack every Friday; a weekday calendar every weekend read as
 *   calendar days). A count that maps without them stays (a stray weekend row in five weeks, 10.4
 *   a year, would take the count with every weekday in past 1.02 · 261).
 * Where no reading maps, weekend rows that are strays (strayWeekendRows: on at most half of its
 * weeks, no two whole weekends in a row — a benchmark's few weekend dates in a merged calendar)
 * are left out and the weekdays read again: 252 where they give it (five NYSE weeks with two
 * Saturdays: 24 / 35 · 365.25 = 250.5, not 26 / 35 · 365.25 = 271). Else the count, irregular.
 * Under four weeks, weekdays only keep 252 (too short to tell holidays from a sparser week); with
 * a weekend date the calendar is counted over its span, gaps / span · 365.25, 252 or 365 where
 * that maps (twenty consecutive days: 365), else 252 flagged irregular: too short to tell a few
 * stray weekend rows from a sparser or seven-day week, so METRICS.md's P for a median gap of one
 * day (probe r69a F3: a benchmark's two Saturdays, a Sunday and MLK beside 11 weekdays were 14 /
 * 15 · 365.25 → 341). A fixed spacing of 2 days or more is not daily (frequency.ts inferFrequency).
 */
export function dailyPeriods(dates: ArrayLike<number>, isChangeOfSpacing: (holes: number, rows: number) => boolean): DailyP {
  const first = dates[0];
  const last = dates[dates.length - 1];
  const weeks = Math.floor((last - first + 1) / 7);
  if (weeks < MIN_COUNT_WEEKS) {
    const weekend = Array.prototype.some.call(dates, (d: number) => weekdayOf(d) % 6 === 0);
    if (!weekend) return { periodsPerYear: 252, irregular: false, why: `daily spacing, weekdays, under ${MIN_COUNT_WEEKS} weeks: sessions a year not counted` };
    const perYear = ((dates.length - 1) / (last - first)) * 365.25;
    const reading = READINGS.find((r) => standardDailyP(perYear) === r.periodsPerYear);
    if (reading) return standard(reading, perYear, '');
    // Too short to tell a few stray weekend rows (a merged calendar's) from a sparser or a seven-day week: METRICS.md's daily P, flagged.
    return { periodsPerYear: 252, irregular: true, why: `daily spacing, under ${MIN_COUNT_WEEKS} weeks with weekend dates, ${perYear.toFixed(1)} sessions a year over its span: neither trading days (252) nor calendar days (365) told apart, read as trading days` };
  }
  const end = first + 7 * weeks;
  let sessions = 0;
  while (sessions < dates.length && dates[sessions] < end) sessions++;
  const perYear = (n: number): number => (n / (7 * weeks)) * 365.25;
  const holes = holesLacking(dates, end);
  // Holes on too many rows are a sparser calendar, as missing dates on too many gaps are a change of spacing.
  const holesIn = holes.holes > 0 && !isChangeOfSpacing(holes.holes, holes.rows);
  const holeWords = (unit: string): string => `the ${unit} of ${holes.holes} hole${holes.holes === 1 ? '' : 's'}`;
  for (const reading of READINGS) {
    const held = sessions + (holesIn ? (reading.unit === 'weekdays' ? holes.weekdays : holes.days) : 0);
    if (standardDailyP(perYear(held)) === reading.periodsPerYear) return standard(reading, perYear(held), holesIn ? `, with ${holeWords(reading.unit)} without a row` : '');
    if (holes.holes > 0 && !holesIn) continue;
    // Only where the count falls short: a long calendar's count is standard as held, and this pass is not needed.
    const short = shortRowsLacking(dates, end, reading);
    if (short.days === 0 || short.sparser || isChangeOfSpacing(holes.holes + short.rows, holes.rows)) continue;
    if (standardDailyP(perYear(held + short.days)) !== reading.periodsPerYear) continue;
    const closed = short.closed === 0 ? '' : `, ${short.closed} ${short.closed === 1 ? 'an NYSE holiday' : 'NYSE holidays'}`;
    return standard(reading, perYear(held + short.days), `, with ${holesIn ? `${holeWords(reading.unit)} and ${short.days} more` : `${short.days} ${reading.unit}`} without a row${closed}`);
  }
  // Stray weekend rows (a benchmark's or a data file's, in a merged calendar) do not make a trading-day calendar sparser or denser: its weekdays alone give 252.
  const strays = strayWeekendRows(dates, first, end);
  if (strays > 0) {
    const weekdays = Array.prototype.filter.call(dates, (d: number) => weekdayOf(d) % 6 !== 0) as number[];
    const read = dailyPeriods(weekdays, isChangeOfSpacing);
    if (read.periodsPerYear === 252 && !read.irregular) return { ...read, why: `${read.why}, its ${strays} weekend row${strays === 1 ? '' : 's'} read as strays` };
  }
  return irregular(perYear(sessions));
}

/**
 * The weekend rows of a daily calendar before epoch day `end` (its whole weeks from `first`) where
 * they are strays — on at most half of its weeks, and no two weekends in a row held whole (Saturday
 * and Sunday): a few rows a merged calendar takes from one file (a benchmark dated on two
 * Saturdays and a Sunday) —, else 0: a six-day week holds a Saturday every week, a coin listed
 * later (or any calendar-day stretch) whole weekends one after another.
 */
function strayWeekendRows(dates: ArrayLike<number>, first: number, end: number): number {
  const weekend = new Set<number>();
  for (let k = 0; k < dates.length && dates[k] < end; k++) if (weekdayOf(dates[k]) % 6 === 0) weekend.add(dates[k]);
  if (weekend.size === 0) return 0;
  const weeks = new Set<number>();
  for (const d of weekend) weeks.add(Math.floor((d - first) / 7));
  if (weeks.size > (end - first) / 14) return 0;
  // Saturdays: a whole weekend is d and d + 1; one a week before is d − 7.
  const whole = (saturday: number): boolean => weekend.has(saturday) && weekend.has(saturday + 1);
  for (const d of weekend) if (weekdayOf(d) === 6 && whole(d) && whole(d - 7)) return 0;
  return weekend.size;
}

/** A daily calendar's standard P, from its count `perYear` in `reading` and what the count holds beyond its sessions (`lacking`, '' for nothing). */
function standard(reading: Reading, perYear: number, lacking: string): DailyP {
  return { periodsPerYear: reading.periodsPerYear, irregular: false, why: `daily spacing, ${reading.name} (${perYear.toFixed(1)} sessions a year${lacking})` };
}

/** A daily calendar of no standard count: its sessions a year `counted`, rounded, flagged irregular. */
function irregular(counted: number): DailyP {
  return { periodsPerYear: Math.round(counted), irregular: true, why: `daily spacing at ${counted.toFixed(1)} sessions a year, neither trading days (252) nor calendar days (365)` };
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
 * The days of `reading` a daily calendar lacks before epoch day `end` on its rows shorter than a
 * hole (holeWeekdays 0): `days` of them, `closed` by rule among them (NYSE holidays: no session
 * missing), `rows` lacking one not closed; and `sparser`, whether they are a sparser calendar,
 * not a few days missing: STRETCH_ROWS such rows in a row (weekly dates before daily ones), or a
 * day of the week lacking (not closed) on more than twice as many of the weeks as it is held (a
 * week of fewer sessions: Fridays held on none of four or five weeks, or on one; a weekday
 * calendar's weekends, read as calendar days, a stray Saturday or not), or on WEEKDAY_PATTERN
 * weeks or more and no fewer than it is held (three weeks of weekdays, then three of every day).
 * Two Mondays lacking beside two held is no sparser week: Tokyo's Golden Week (04-29 and 05-06),
 * or two Fridays missing beside Presidents' Day, were P = 222 (probe r61a). IWM 2001-08-27 …
 * 10-05 as trading days: 5 days, 1 closed (Labor Day), the others on 1 row (09-10 → 09-17), no
 * weekday lacking on more than 1 of its 5 weeks; the dates IWM shares with SPY lacking 2025-01-02
 * have 2 Thursdays lacking (with the 01-09 closure) beside 3 held.
 */
function shortRowsLacking(dates: ArrayLike<number>, end: number, reading: Reading): { days: number; closed: number; rows: number; sparser: boolean } {
  const held = new Int32Array(7);
  const lacks = new Int32Array(7);
  let days = 0;
  let closed = 0;
  let rows = 0;
  let inRow = 0;
  let stretch = false;
  for (let k = 0; k < dates.length && dates[k] < end; k++) {
    held[weekdayOf(dates[k])]++;
    let lacking = false;
    if (k + 1 < dates.length && holeWeekdays(dates[k], dates[k + 1]) === 0) {
      for (let d = dates[k] + 1; d < Math.min(dates[k + 1], end); d++) {
        const weekday = weekdayOf(d);
        if (!reading.holds(weekday)) continue;
        days++;
        if (reading.closed(d)) closed++;
        else {
          lacks[weekday]++;
          lacking = true;
        }
      }
    }
    inRow = lacking ? inRow + 1 : 0;
    rows += lacking ? 1 : 0;
    stretch ||= inRow >= STRETCH_ROWS;
  }
  return { days, closed, rows, sparser: stretch || lacks.some((n, weekday) => n > 2 * held[weekday] || (n >= WEEKDAY_PATTERN && n >= held[weekday])) };
}
