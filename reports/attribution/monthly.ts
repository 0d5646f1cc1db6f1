// Monthly returns of a daily run, for monthly factor regressions: daily returns compounded
// within calendar months. A monthly factor return covers the whole month, so a month the run
// covers only in part would be regressed on returns it did not earn; such months are dropped.
import { dayParts } from '../../data/dates.ts';
import { monthIndex, periodReturns, type Series } from '../metrics/index.ts';

export interface MonthlyReturns {
  /** year·12 + (month − 1) of each month (see reports/metrics monthIndex). */
  months: Int32Array;
  /** Epoch day of the last session in each month. */
  dates: Int32Array;
  returns: Float64Array;
  /** Partial months left out at the start and end of the run. */
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

/**
 * Compound daily returns (dated by the session that earned them) within calendar months.
 * `startDay` is the session of NAV_0: the first month is whole only when NAV_0 closed in an
 * earlier month. The last month is whole when its last session is the month's last weekday.
 */
export function monthlyReturns(dates: Series, returns: Series, startDay: number): MonthlyReturns {
  const periods = periodReturns(dates, returns, 'month');
  const keep = periods.filter((p, k) => {
    if (k === 0 && monthIndex(startDay) === monthIndex(dates[p.start])) return false;
    if (k === periods.length - 1 && !lastWeekdayOfMonth(dates[p.end - 1])) return false;
    return true;
  });
  return {
    months: Int32Array.from(keep, (p) => monthIndex(dates[p.start])),
    dates: Int32Array.from(keep, (p) => dates[p.end - 1]),
    returns: Float64Array.from(keep, (p) => p.value),
    dropped: periods.filter((p) => !keep.includes(p)).map((p) => p.period),
  };
}
