// The periods of P each row of a calendar covers (k), so a rate accrues (1 + R)^(k/P) − 1 over a
// row and the returns span Σk / P years: the engine's interest and borrow accruals, rf, and the
// annual return and Calmar read k from here. A row is one period unless the calendar lacks dates
// there — a hole of missing data in a daily calendar, months missing from month-ends — or holds a
// stray date, whose rows count their days.

import { calendarGap, type Frequency, holeWeekdays, inferFrequency, wholeSpacings } from './frequency.ts';

/**
 * Periods of P each row of a calendar covers (ascending epoch days → one per gap, dates.length −
 * 1):
 * - a daily trading-day calendar (P = 252): 1 a row — a weekend, holidays, an exchange closure
 *   such as 2001-09-11 … 14 are one session — but a row closing a hole of missing data, six
 *   weekdays or more (engine/frequency.ts holeWeekdays), counts its weekdays: Friday 2024-01-19 →
 *   Monday 01-29, 6;
 * - a daily calendar-day one (P = 365): its days, 1 a row unless days are missing;
 * - a regular coarser one (coarseRows): 1 for a gap that fits its bucket (or ±10 % of its spacing
 *   outside the buckets), whole spacings for missing dates — month-ends without June: 2 for the 61
 *   days from May to July — and a stray gap's own share of a spacing (a date moved mid-month:
 *   0.49 and 1.51);
 * - an irregular one (P counted over its span): gap · P / 365.25, each row its own share of the
 *   year, so Σk / P is the span in years whatever the rounding of P; a daily one 1 a row;
 * - a P given (`periodsPerYear`) other than the calendar's own: 1 a row, the P the user stated.
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
  } else coarseRows(dates, f, out);
  return out;
}

/**
 * The rows of a regular coarse calendar (periodsPerRow), into `out`: a gap that fits the spacing
 * one period, missing dates whole spacings (frequency.ts wholeSpacings: 61 days of month-ends, 2),
 * a stray gap its own share of a spacing (a first date mid-month: 16 / 30.44; a date moved
 * mid-month: 15 and 46 days, 0.49 and 1.51), so neither a stray nor its neighbour gains or loses a
 * whole period.
 */
function coarseRows(dates: ArrayLike<number>, f: Frequency, out: Float64Array): void {
  const spacing = calendarGap(f) ?? f.medianGapDays;
  for (let k = 1; k < dates.length; k++) {
    const gap = dates[k] - dates[k - 1];
    out[k - 1] = wholeSpacings(gap, f) || gap / spacing;
  }
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
