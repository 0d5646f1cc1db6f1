// Calendar period returns and trailing returns (METRICS.md "Returns": period returns, best/worst).
// `dates[i]` is the epoch day of the session that earned r[i]; dates ascend.
import { dayParts, epochDay } from '../../data/dates.ts';
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

/** Trailing windows: name, anchor (the base session is the last one on or before it), annualized. */
function trailingAnchors(last: number): { name: string; anchor: number; annualized: boolean }[] {
  const { year, month } = dayParts(last);
  return [
    { name: 'mtd', anchor: epochDay(year, month, 1) - 1, annualized: false },
    { name: 'ytd', anchor: epochDay(year, 1, 1) - 1, annualized: false },
    { name: 'return_3m', anchor: monthsBefore(last, 3), annualized: false },
    { name: 'return_6m', anchor: monthsBefore(last, 6), annualized: false },
    { name: 'return_1y', anchor: monthsBefore(last, 12), annualized: false },
    { name: 'annual_return_3y', anchor: monthsBefore(last, 36), annualized: true },
    { name: 'annual_return_5y', anchor: monthsBefore(last, 60), annualized: true },
    { name: 'annual_return_10y', anchor: monthsBefore(last, 120), annualized: true },
  ];
}

/** Names of the trailing-return metrics, in output order. */
export const TRAILING_NAMES: readonly string[] = trailingAnchors(0).map((w) => w.name);

/**
 * MTD, YTD, 3M, 6M, 1Y and annualized 3Y/5Y/10Y returns, measured back from the last session:
 * NAV_last / NAV_base − 1 with the base the last session on or before the anchor date (end of the
 * previous month / year, or the same calendar day k months earlier), i.e. the returns dated after
 * the anchor. The 3Y+ figures are annualized like annual_return, (Π)^(P/n_window) − 1. A window
 * reaching back before the data is "insufficient data": the base session must be known, either a
 * dated session or `startDay` (the epoch day of NAV_0, the session before r[0]).
 */
export function trailingReturns(dates: Series, r: Series, periodsPerYear = 252, startDay?: number): Metric[] {
  const n = r.length;
  if (dates.length !== n) throw new RangeError(`dates have ${dates.length} rows but returns have ${n}`);
  if (n === 0) return trailingAnchors(0).map((w) => unavailable(w.name, 0));
  return trailingAnchors(dates[n - 1]).map(({ name, anchor, annualized }) => {
    let first = n;
    while (first > 0 && dates[first - 1] > anchor) first--;
    const rows = n - first;
    const covered = first > 0 || (startDay !== undefined && startDay <= anchor);
    if (!covered) return unavailable(name, rows, INSUFFICIENT);
    const g = growth(r, first, n);
    if (!annualized) return valued(name, g - 1, rows);
    if (g < 0) return unavailable(name, rows, 'wealth went negative');
    return valued(name, annualize(g, rows, periodsPerYear), rows);
  });
}

