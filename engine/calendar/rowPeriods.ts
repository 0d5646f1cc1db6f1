// The periods of P each row of a calendar covers (k), so a rate accrues (1 + R)^(k/P) − 1 over a
// row and the returns span Σk / P years: the engine's interest and borrow accruals, rf, and the
// annual return, Calmar and the short-sample check all read k from here. A row is one period
// unless the calendar lacks dates there — a hole of missing data in a daily calendar, months
// missing from month-ends — or a stray date splits a period (one file's holiday week dated
// Thursday, the other's Friday; a value moved mid-month), where the rows between the two dates on
// the calendar's grid around it share the periods those span by their days: the rows of one week
// sum to one week.
// What accrues by time — interest, borrow fees, the risk-free return — reads accrualPeriods: the
// rows of the calendar's own spacing, whatever P the user gives for annualising.

import { calendarPlace, gridDate } from './calendarGrid.ts';
import { holeWeekdays } from './dailyPeriods.ts';
import { calendarGap, type Frequency, inferFrequency, otherMissingSpacings, wholeSpacings } from './frequency.ts';

/**
 * Periods of P each row of a calendar covers (ascending epoch days → one per gap, dates.length −
 * 1):
 * - a daily trading-day calendar (P = 252): 1 a row — a weekend, holidays, an exchange closure
 *   such as 2001-09-11 … 14 are one session — but a row closing a hole of missing data, six
 *   weekdays or more (engine/calendar/dailyPeriods.ts holeWeekdays), counts its weekdays: Friday 2024-01-19 →
 *   Monday 01-29, 6;
 * - a daily calendar-day one (P = 365): its days, 1 a row unless days are missing;
 * - a regular weekly, monthly, quarterly or annual one (coarseRows): 1 for a gap that fits its
 *   bucket, whole spacings for missing dates — month-ends without June: 2 for the 61 days from
 *   May to July — and where a stray gap lies between two dates on its grid, the rows between them
 *   share the spacings those span by their days (Fridays with a Thursday beside one of them: 6/7
 *   and 1/7; a month-end moved to the 15th: 2 · 15/61 and 2 · 46/61);
 * - a regular one outside the buckets (otherRows: the 15th and month-ends, every 14 or 28 days,
 *   every other month-end): the rows between holes share the periods their days span, round(days
 *   · P / 365.25) — 1 a row where P fits, whatever each gap (13 to 18 days on the 15th and
 *   month-ends) —, a row closing a hole its whole spacings;
 * - an irregular one (P counted over its span): gap · P / 365.25, each row its own share of the
 *   year, so Σk / P is the span in years whatever the rounding of P; a daily one 1 a row;
 * - a P given (`periodsPerYear`) other than the calendar's own: 1 a row, the P the user stated —
 *   for annualising; what accrues by time counts accrualPeriods instead.
 */
export function periodsPerRow(dates: ArrayLike<number>, periodsPerYear: number): Float64Array {
  const out = new Float64Array(Math.max(dates.length - 1, 0)).fill(1);
  const f = inferFrequency(dates);
  if (f.periodsPerYear !== periodsPerYear || (f.label === 'daily' && f.irregular)) return out;
  if (f.label === 'daily') {
    for (let k = 1; k < dates.length; k++) {
      const gap = dates[k] - dates[k - 1];
      out[k - 1] = periodsPerYear === 365 ? gap : holeWeekdays(dates[k - 1], dates[k]) || 1;
    }
  } else if (f.irregular) {
    for (let k = 1; k < dates.length; k++) out[k - 1] = ((dates[k] - dates[k - 1]) * periodsPerYear) / 365.25;
  } else if (f.label === 'other') otherRows(dates, f, out);
  else coarseRows(dates, f, out);
  return out;
}

/**
 * The rows of a regular calendar outside the buckets (periodsPerRow), into `out`. Such a spacing
 * has no grid, and its gaps may vary by design — a half-month on the 15th and month-ends is 13 to
 * 18 days once weekend dates move to the Friday, its median 15 where a year / 24 is 15.22 — so no
 * one gap is one period: a row closing missing dates (frequency.ts otherMissingSpacings: a 15th
 * missing, 28 to 33 days) counts its whole spacings, and each run of rows between such rows counts
 * the periods its days span, m = round(days · P / 365.25) (the unrounded share where that is 0),
 * m / rows each. On the 15th and month-ends of 2023 (2023-01-13 … 12-29, 350 days, P = 24): 23
 * rows, m = round(22.998) = 23, 1 each — not 1.2 for an 18-day gap and 1 for a 14-day one (Σk
 * 23.53). A fixed spacing (every 14 days, P = 26) counts 1 a row until its days drift half a
 * period from P's (26 · 14 = 364 of 365.25 days a year: 5.6 years), then by its days.
 */
function otherRows(dates: ArrayLike<number>, f: Frequency, out: Float64Array): void {
  const run = (from: number, to: number): void => {
    if (to === from) return;
    const exact = ((dates[to] - dates[from]) * f.periodsPerYear) / 365.25;
    out.fill((Math.round(exact) || exact) / (to - from), from, to);
  };
  let from = 0; // the first row of the current run; row r spans dates[r] → dates[r + 1]
  for (let r = 0; r < out.length; r++) {
    const hole = otherMissingSpacings(dates[r + 1] - dates[r], f);
    if (hole === 0) continue;
    run(from, r);
    out[r] = hole;
    from = r + 1;
  }
  run(from, out.length);
}

/**
 * The rows of a regular coarse calendar (periodsPerRow), into `out`: a gap that fits the spacing
 * one period, missing dates whole spacings (frequency.ts wholeSpacings: 61 days of month-ends, 2),
 * a stray gap its own share of a spacing (a first date mid-month: 16 / 30.44) — except between two
 * consecutive dates on the grid (gridAnchors) with a stray gap between them and whole spacings
 * from one to the other: there the rows share those spacings by their days (Friday 2024-01-19 →
 * Thursday 01-25 → Friday 01-26: 6/7 and 1/7 of the week, not 1 and 1/7; month-ends 05-31 →
 * 06-15 → 07-31: 2 · 15/61 and 2 · 46/61), so the rows of one spacing sum to one period.
 */
function coarseRows(dates: ArrayLike<number>, f: Frequency, out: Float64Array): void {
  const spacing = calendarGap(f) ?? f.medianGapDays;
  const whole = new Float64Array(out.length);
  for (let k = 1; k < dates.length; k++) {
    const gap = dates[k] - dates[k - 1];
    whole[k - 1] = wholeSpacings(gap, f);
    out[k - 1] = whole[k - 1] || gap / spacing;
  }
  const anchors = gridAnchors(dates, f);
  for (let a = 1; a < anchors.length; a++) {
    const [from, to] = [anchors[a - 1], anchors[a]];
    if (!whole.subarray(from, to).includes(0)) continue;
    const days = dates[to] - dates[from];
    const shared = wholeSpacings(days, f);
    if (shared > 0) for (let k = from + 1; k <= to; k++) out[k - 1] = (shared * (dates[k] - dates[k - 1])) / days;
  }
}

/**
 * Indices of the dates that anchor a coarse calendar's rows (coarseRows): those on its grid
 * (engine/calendar/calendarGrid.ts gridDate), the nearest one where several share a grid date (Thursday
 * 2024-01-25 beside Friday 01-26: the Friday); every date for a spacing without a grid (none
 * reaches here: periodsPerRow counts those by otherRows).
 */
function gridAnchors(dates: ArrayLike<number>, f: Frequency): number[] {
  const place = calendarPlace(dates, f);
  if (place === undefined) return Array.from({ length: dates.length }, (_, k) => k);
  const anchors: number[] = [];
  let lastGrid = NaN;
  for (let k = 0; k < dates.length; k++) {
    const on = gridDate(dates[k], f, place);
    if (on === undefined) continue;
    // Dates of one grid date are consecutive: keep the nearest, the earlier on a tie.
    if (on === lastGrid) {
      const held = anchors[anchors.length - 1];
      if (Math.abs(dates[k] - on) < Math.abs(dates[held] - on)) anchors[anchors.length - 1] = k;
    } else anchors.push(k);
    lastGrid = on;
  }
  return anchors;
}

/**
 * Periods of P each of n returns covers (periodsPerRow): the returns dated `dates` (n epoch days,
 * ascending), the first earned since `startDay` (NAV_0's day) when known — else its interval is
 * unknown and counts one period.
 */
export function periodsOfReturns(dates: ArrayLike<number>, startDay: number | undefined, periodsPerYear: number): Float64Array {
  if (startDay !== undefined) {
    const calendar = new Float64Array(dates.length + 1);
    calendar[0] = startDay;
    for (let k = 0; k < dates.length; k++) calendar[k + 1] = dates[k];
    return periodsPerRow(calendar, periodsPerYear);
  }
  const out = new Float64Array(dates.length).fill(1);
  if (dates.length > 1) out.set(periodsPerRow(dates, periodsPerYear), 1);
  return out;
}

/**
 * periodsOfReturns counted on the sessions of the series and `other` (a benchmark's value days,
 * ascending epoch days; NaN skipped) together, as a run's calendar — the union of its files' dates —
 * counts them, so a paired interval's risk-free compounds over the sessions both of its returns
 * span: a daily series lacking Monday 2024-01-08 that its benchmark has covers 2 sessions from
 * Friday 01-05 to Tuesday 01-09, not 1 as its own calendar reads a weekend and a holiday. `days`
 * are the series' value days (its start, NaN when unknown, then its returns' dates) as paired. Only
 * where the union is spaced as the series is (the same inferred P): a daily benchmark beside
 * month-end values, or a calendar-day one beside weekdays, leaves the series' own count.
 */
export function periodsOfReturnsAmong(days: readonly number[], other: readonly number[], periodsPerYear: number): Float64Array {
  const start = days[0];
  const dates = Int32Array.from(days.slice(1));
  const own = periodsOfReturns(dates, Number.isNaN(start) ? undefined : start, periodsPerYear);
  const calendar = days.filter((d) => !Number.isNaN(d));
  const held = new Set(calendar);
  const [first, last] = [calendar[0], calendar[calendar.length - 1]];
  const extra = other.filter((d) => d > first && d < last && !held.has(d));
  if (extra.length === 0) return own;
  const union = Int32Array.from([...calendar, ...extra]).sort();
  if (inferFrequency(union).periodsPerYear !== inferFrequency(calendar).periodsPerYear) return own;
  const rows = periodsPerRow(union, periodsPerYear);
  const out = own.slice();
  const offset = own.length - (calendar.length - 1); // 1 where the first return's start is unknown
  let u = 0; // union row u spans union[u] → union[u + 1]
  for (let j = 0; j + 1 < calendar.length; j++) {
    let k = 0;
    while (u < rows.length && union[u + 1] <= calendar[j + 1]) k += rows[u++];
    out[j + offset] = k;
  }
  return out;
}

/**
 * The P a calendar's rows are timed by for what accrues over them (accrualPeriods): its own
 * inferred P (engine/calendar/frequency.ts) where its spacing is regular, whatever P the user gives
 * for annualising; `periodsPerYear`, the P of the run, where it is irregular — such a calendar has
 * no frequency of its own, and a P given defines its rows (engine/caveats/givenPeriodsCaveats.ts
 * says so).
 */
export function accrualPeriodsPerYear(dates: ArrayLike<number>, periodsPerYear: number): number {
  const own = inferFrequency(dates);
  return own.irregular ? periodsPerYear : own.periodsPerYear;
}

/**
 * Periods of `periodsPerYear` (P) each row of a calendar lasts (ascending epoch days → one per gap),
 * for what accrues by time: cash interest, debit interest, borrow fee and rebate, the risk-free
 * return. The rows the calendar's own spacing gives (periodsPerRow at P_own =
 * accrualPeriodsPerYear), in periods of P: k · P / P_own, so a rate accrues (1 + R)^(k/P) − 1 =
 * (1 + R)^(k_own/P_own) − 1 whatever P the user gives for annualising — a weekday session 1/252 of
 * a year with P = 52 given (52/252 of a period, not a week; probe r69a F1). periodsPerRow itself
 * where P is the calendar's own, or where the calendar is irregular.
 */
export function accrualPeriods(dates: ArrayLike<number>, periodsPerYear: number): Float64Array {
  const own = accrualPeriodsPerYear(dates, periodsPerYear);
  return inPeriodsOf(periodsPerRow(dates, own), own, periodsPerYear);
}

/** periodsOfReturns for what accrues by time (accrualPeriods): over the calendar of `startDay` (when known) and `dates`. */
export function accrualPeriodsOfReturns(dates: ArrayLike<number>, startDay: number | undefined, periodsPerYear: number): Float64Array {
  const own = accrualPeriodsPerYear(startDay === undefined ? dates : [startDay, ...Array.from(dates)], periodsPerYear);
  return inPeriodsOf(periodsOfReturns(dates, startDay, own), own, periodsPerYear);
}

/** periodsOfReturnsAmong for what accrues by time (accrualPeriods): timed by the series' own calendar (`days`, NaN skipped). */
export function accrualPeriodsOfReturnsAmong(days: readonly number[], other: readonly number[], periodsPerYear: number): Float64Array {
  const own = accrualPeriodsPerYear(days.filter((d) => !Number.isNaN(d)), periodsPerYear);
  return inPeriodsOf(periodsOfReturnsAmong(days, other, own), own, periodsPerYear);
}

/** Periods of P `from` (rows, in place) counted in periods of P `to`: × to / from. */
function inPeriodsOf(rows: Float64Array, from: number, to: number): Float64Array {
  if (from !== to) for (let k = 0; k < rows.length; k++) rows[k] = (rows[k] * to) / from;
  return rows;
}
