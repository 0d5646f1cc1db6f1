// Calendar period returns and trailing returns (METRICS.md "Returns": period returns, best/worst).
// `dates[i]` is the epoch day of the session that earned r[i]; dates ascend.
import { dayParts, epochDay, medianGap } from '../../data/dates.ts';
import { INSUFFICIENT, type Metric, unavailable, valued } from './metric.ts';
import { annualize, growth } from './returns.ts';
import type { Series } from './stats.ts';

/**
 * year·12 + (month − 1) of an epoch day, by integer arithmetic (H. Hinnant's civil-from-days), so
 * grouping 5,000 sessions allocates no Date objects.
 */
export function monthIndex(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9; // 1..12, the civil year starting in March
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

export interface PeriodReturn {
  /** 'YYYY-MM' or 'YYYY'. */
  period: string;
  /** Row range [start, end) of r that falls in the period. */
  start: number;
  end: number;
  /** Π(1 + r) − 1 over those rows (partial first/last periods included as they are). */
  value: number;
  n: number;
}

/** Compounded return of each calendar month or year that has at least one session. */
export function periodReturns(dates: Series, r: Series, kind: 'month' | 'year'): PeriodReturn[] {
  if (dates.length !== r.length) throw new RangeError(`dates have ${dates.length} rows but returns have ${r.length}`);
  const n = r.length;
  if (n === 0) return [];
  const key = (i: number): number => (kind === 'month' ? monthIndex(dates[i]) : Math.floor(monthIndex(dates[i]) / 12));
  const out: PeriodReturn[] = [];
  let start = 0;
  let current = key(0);
  for (let i = 1; i <= n; i++) {
    const k = i < n ? key(i) : NaN;
    if (k === current) continue;
    const label = kind === 'month' ? `${Math.floor(current / 12)}-${String((current % 12) + 1).padStart(2, '0')}` : String(current);
    out.push({ period: label, start, end: i, value: growth(r, start, i) - 1, n: i - start });
    start = i;
    current = k;
  }
  return out;
}

/**
 * Return of a value-level series (a benchmark index) from row `from` to row `to`, each end at
 * the last row at or before it that has a level: a period's return without pairing a missing
 * day with 0. Null when either end has no level, or `to` itself has none.
 */
export function levelChange(levels: ArrayLike<number | null>, from: number, to: number): number | null {
  const at = (k: number): number | null => {
    for (let i = k; i >= 0; i--) {
      const v = levels[i];
      if (v !== null && v > 0) return v;
    }
    return null;
  };
  const a = at(from);
  const b = at(to);
  const end = levels[to];
  return a === null || b === null || end === null || Number.isNaN(end) ? null : b / a - 1;
}

/** best_month / worst_month (or best_year / worst_year) over the calendar periods. */
export function bestWorstPeriods(periods: readonly PeriodReturn[], kind: 'month' | 'year'): [best: Metric, worst: Metric] {
  const k = periods.length;
  if (k < 1) return [unavailable(`best_${kind}`, 0), unavailable(`worst_${kind}`, 0)];
  let hi = -Infinity;
  let lo = Infinity;
  for (const p of periods) {
    hi = Math.max(hi, p.value);
    lo = Math.min(lo, p.value);
  }
  return [valued(`best_${kind}`, hi, k), valued(`worst_${kind}`, lo, k)];
}

/** The epoch day `months` calendar months before `day`, clamped to the end of a shorter month. */
function monthsBefore(day: number, months: number): number {
  const { year, month, date } = dayParts(day);
  const m0 = year * 12 + month - 1 - months;
  const y = Math.floor(m0 / 12);
  const m = (m0 % 12) + 1;
  const monthLength = epochDay(y, m + 1, 1) - epochDay(y, m, 1);
  return epochDay(y, m, Math.min(date, monthLength));
}

/**
 * Trailing windows: name, anchor date (see trailingReturns for the base session it gives),
 * annualized, and months back (0: MTD and YTD, anchored on the previous month / year end).
 */
function trailingAnchors(last: number): { name: string; anchor: number; annualized: boolean; months: number }[] {
  const { year, month } = dayParts(last);
  const back = (name: string, months: number, annualized = false) => ({ name, anchor: monthsBefore(last, months), annualized, months });
  return [
    { name: 'mtd', anchor: epochDay(year, month, 1) - 1, annualized: false, months: 0 },
    { name: 'ytd', anchor: epochDay(year, 1, 1) - 1, annualized: false, months: 0 },
    back('return_3m', 3),
    back('return_6m', 6),
    back('return_1y', 12),
    back('annual_return_3y', 36, true),
    back('annual_return_5y', 60, true),
    back('annual_return_10y', 120, true),
  ];
}

/** Names of the trailing-return metrics, in output order. */
export const TRAILING_NAMES: readonly string[] = trailingAnchors(0).map((w) => w.name);

/**
 * MTD, YTD, 3M, 6M, 1Y and annualized 3Y/5Y/10Y returns, measured back from the last session:
 * NAV_last / NAV_base − 1, i.e. the returns dated after the base session. MTD and YTD: the base is
 * the last session on or before the end of the previous month / year. The k-month windows: the
 * base is the session nearest the same calendar day k months earlier, ties to the earlier — the
 * last session on or before that anchor + ⌊g/2⌋ days, g the median gap between the dates. On
 * daily data (g = 1) that is the last session on or before the anchor; on period-end data it is
 * the period end k months back even when its day of the month differs (a quarter ending Fri
 * 2022-12-30 is one year before Fri 2023-12-29, not the one ending 2022-09-30; weekly 1Y = 52
 * weeks), so a window spans k · P/12 whole periods where none is missing. The 3Y+ figures are
 * annualized like annual_return, (Π)^(P/n_window) − 1. A window reaching back before the data is
 * "insufficient data": the base session must be known, either a dated session or `startDay` (the
 * epoch day of NAV_0, the session before r[0]); so is a window shorter than the dates' spacing
 * (3M of annual data).
 */
export function trailingReturns(dates: Series, r: Series, periodsPerYear = 252, startDay?: number): Metric[] {
  const n = r.length;
  if (dates.length !== n) throw new RangeError(`dates have ${dates.length} rows but returns have ${n}`);
  if (n === 0) return trailingAnchors(0).map((w) => unavailable(w.name, 0));
  const slack = Math.floor(medianGap(Array.from(dates)) / 2);
  return trailingAnchors(dates[n - 1]).map(({ name, anchor, annualized, months }) => {
    const base = months === 0 ? anchor : anchor + slack;
    let first = n;
    while (first > 0 && dates[first - 1] > base) first--;
    const rows = n - first;
    const covered = first > 0 || (startDay !== undefined && startDay <= base);
    if (!covered) return unavailable(name, rows, INSUFFICIENT);
    if (rows === 0) return unavailable(name, 0, 'window shorter than the spacing of the dates');
    const g = growth(r, first, n);
    if (!annualized) return valued(name, g - 1, rows);
    if (g < 0) return unavailable(name, rows, 'wealth went negative');
    return valued(name, annualize(g, rows, periodsPerYear), rows);
  });
}

