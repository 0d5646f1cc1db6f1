// Monthly returns of a series, for monthly factor regressions: its returns compounded within
// calendar months. A monthly factor return covers whole calendar months, so a month is kept only
// when the series' values on both sides of it are month ends; a month the series covers in part
// (a run starting mid-month, a weekly series whose last Friday is not the month's last session)
// would be regressed on returns it did not earn, and is dropped.
import { dayParts } from '../../data/dates.ts';
import { monthIndex, periodReturns, type Series } from '../metrics/index.ts';
import type { PeriodReturns } from './factorIntervals.ts';

export interface MonthlyReturns extends PeriodReturns {
  /** Months left out because the series does not begin or end them on a month end. */
  dropped: string[];
}

/** True when no weekday follows `day` in its month (holidays aside, the month's last session). */
function lastWeekdayOfMonth(day: number): boolean {
  const { month } = dayParts(day);
  for (let d = day + 1; dayParts(d).month === month; d++) {
    const { weekday } = dayParts(d);
    if (weekday !== 0 && weekday !== 6) return false;
  }
  return true;
}

/** Longest step of a daily calendar across a month turn (a Friday to a Tuesday after a holiday Monday). */
const DAILY_STEP_DAYS = 4;

/**
 * True when a value on `day` closes its month, `next` being the series' next date (undefined at
 * its end): the next value is in a later month and `day` is the month's last weekday, or a daily
 * step away from the next value (the weekdays skipped are the market's holidays), or the series
 * is monthly or coarser (one value per month stands for its month end).
 */
function closesMonth(day: number, next: number | undefined, periodsPerYear: number): boolean {
  if (next !== undefined && monthIndex(next) <= monthIndex(day)) return false;
  return periodsPerYear <= 12 || lastWeekdayOfMonth(day) || (next !== undefined && next - day <= DAILY_STEP_DAYS);
}

/**
 * Compound the returns (dated by the day that ends each, ascending; `startDay` the date of the
 * value before the first, unknown when undefined) within calendar months, and keep the months
 * whose start and end values close their months (`periodsPerYear`: the series' P). Each kept
 * month's interval runs from the previous month's last value, so a month the series skips is
 * compounded into the next one and paired with both months' factors.
 */
export function monthlyReturns(dates: Series, returns: Series, startDay: number | undefined, periodsPerYear: number): MonthlyReturns {
  const periods = periodReturns(dates, returns, 'month');
  const kept: { start: number; end: number; value: number }[] = [];
  const dropped: string[] = [];
  periods.forEach((p, k) => {
    const start = k === 0 ? startDay : dates[p.start - 1];
    const end = dates[p.end - 1];
    const whole = start !== undefined && closesMonth(start, dates[p.start], periodsPerYear) && closesMonth(end, p.end < dates.length ? dates[p.end] : undefined, periodsPerYear);
    if (whole) kept.push({ start, end, value: p.value });
    else dropped.push(p.period);
  });
  return {
    dates: Int32Array.from(kept, (m) => m.end),
    starts: Int32Array.from(kept, (m) => m.start),
    returns: Float64Array.from(kept, (m) => m.value),
    dropped,
  };
}
