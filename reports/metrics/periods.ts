// Calendar period returns and trailing returns (METRICS.md "Returns": period returns, best/worst).
// `dates[i]` is the epoch day of the session that earned r[i]; dates ascend.
import { dayParts, epochDay, isoDay, medianGap } from '../../data/dates.ts';
import { INSUFFICIENT, type Metric, unavailable, valued } from './metric.ts';
import { annualize, growth } from './returns.ts';
import { nonNaNCount, type Series } from './stats.ts';

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

/** A level a return can be measured from: a positive number (null, NaN and ≤ 0 are no level). */
const hasLevel = (v: number | null | undefined): v is number => v !== null && v !== undefined && v > 0;

/**
 * Return of a value-level series (a benchmark index) from row `from` to row `to`,
 * levels[to] / levels[from] − 1, a fraction: the series' return over exactly the rows a period
 * return of the NAV spans (the period's last row, and the last row before it). Null when either row
 * has no level of its own (null, NaN or ≤ 0): the nearest level before it would measure a longer
 * span than the period's, beside a NAV return over the period alone (METRICS.md: never pair a
 * one-day return with a two-day one), and a missing day is never a 0 % day. levelGapNote says why.
 */
export function levelChange(levels: ArrayLike<number | null>, from: number, to: number): number | null {
  const a = levels[from];
  const b = levels[to];
  return hasLevel(a) && hasLevel(b) ? b / a - 1 : null;
}

/**
 * Why levelChange(levels, from, to) is null, for a table's note: 'no level on <ISO day>[ or <ISO
 * day>]', the rows without a level dated by `dates` (one ISO date per row of `levels`); undefined
 * when it has a value.
 */
export function levelGapNote(levels: ArrayLike<number | null>, dates: readonly string[], from: number, to: number): string | undefined {
  const missing = [...new Set([from, to])].filter((k) => !hasLevel(levels[k]));
  return missing.length === 0 ? undefined : `no level on ${missing.map((k) => dates[k]).join(' or ')}`;
}

/** The longest calendar month and year, in days. */
const LONGEST = { month: 31, year: 366 } as const;

/**
 * best_month / worst_month (or best_year / worst_year) over the calendar periods. `gap` is the
 * median gap of the dates in days: where it is longer than the period (quarterly dates for
 * months) a period holds at most one return, which spans more than the period, so both are
 * refused rather than report a quarter's return as a month's.
 */
export function bestWorstPeriods(periods: readonly PeriodReturn[], kind: 'month' | 'year', gap: number): [best: Metric, worst: Metric] {
  const k = periods.length;
  if (gap > LONGEST[kind]) {
    const note = `dates spaced more than a ${kind} apart (median gap ${gap} days)`;
    return [unavailable(`best_${kind}`, k, note), unavailable(`worst_${kind}`, k, note)];
  }
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
 * Trailing windows: name, anchor date (see trailingReturns for the base it gives) and whether
 * the figure is annualized. MTD and YTD are anchored on the previous month / year end.
 */
function trailingAnchors(last: number): { name: string; anchor: number; annualized: boolean }[] {
  const { year, month } = dayParts(last);
  const back = (name: string, months: number, annualized = false) => ({ name, anchor: monthsBefore(last, months), annualized });
  return [
    { name: 'mtd', anchor: epochDay(year, month, 1) - 1, annualized: false },
    { name: 'ytd', anchor: epochDay(year, 1, 1) - 1, annualized: false },
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
 * Days a month-end anchor's value may lie before it on a weekday calendar without the window
 * being mis-measured: a Sunday's value is Friday's close, Thursday's when Friday is a holiday.
 */
const WEEKEND_DAYS = 3;

interface WindowBase {
  /** Index into the value days (NAV_0's day first when known, then each return's day). */
  index: number;
  /** Said with the figure when the base is not the value nearest the anchor. */
  note?: string;
}

/**
 * The value a trailing window starts from: the one nearest its anchor, ties to the earlier, a
 * value after the anchor only within `slack` days (none on daily data, where a non-session
 * anchor's value is the close before it). When every value lies after the anchor, the first one
 * serves if it lies within `firstWithin` days after it (a weekend and a holiday, WEEKEND_DAYS): only the return into
 * the first value is missing, and the note says so. Undefined when the window reaches past the
 * data. `values` ascend.
 */
function windowBase(values: readonly number[], anchor: number, slack: number, firstWithin = WEEKEND_DAYS): WindowBase | undefined {
  let after = 0;
  while (after < values.length && values[after] <= anchor) after++;
  const later = after < values.length && values[after] - anchor <= slack;
  if (after > 0) return later && values[after] - anchor < anchor - values[after - 1] ? { index: after } : { index: after - 1 };
  if (later) return { index: 0 };
  const gap = values.length > 0 ? values[0] - anchor : Infinity;
  if (gap > firstWithin) return undefined;
  return { index: 0, note: `from the first value, ${isoDay(values[0])}, ${gap} day${gap === 1 ? '' : 's'} after the window's start ${isoDay(anchor)}: the return into it is not in the data` };
}

/** Σ periods[k] over the rows [start, end) whose return r[k] is known (not NaN). */
function knownSum(r: Series, periods: Series, start: number, end: number): number {
  let total = 0;
  for (let k = start; k < end; k++) if (!Number.isNaN(r[k])) total += periods[k];
  return total;
}

/**
 * MTD, YTD, 3M, 6M, 1Y and annualized 3Y/5Y/10Y returns, measured back from the last session
 * (METRICS.md "period returns … all from the last session backwards"): NAV_last / NAV_base − 1,
 * i.e. the returns dated after the base. Every window follows one rule. Its anchor is a calendar
 * day — the end of the previous month (MTD) or year (YTD), or the same day k months before the
 * last session, clamped to a shorter month's end — and its base is the value nearest the anchor
 * at the data's resolution (windowBase: ties and daily data take the value on or before the
 * anchor; a later one within ⌊g/2⌋ days, g the median gap of the dates). On daily data that is the
 * last session on or before the anchor; on period-end data the period end nearest it even when
 * its day of the month differs (a quarter ending Fri 2022-12-30 is one year before Fri
 * 2023-12-29, weekly 1Y = 52 weeks; fortnightly MTD on 2024-01-19 starts 2024-01-05, 5 days after
 * Dec 31, not 2023-12-22, 9 days before). The 3Y+ figures are annualized like annual_return,
 * (Π)^(P/m) − 1, m the periods the window's returns cover (`periods`, one per return: more where
 * a return closes a gap of missing dates; default m = n_window).
 * Not available, with the reason: a window reaching past the data ("insufficient data"; NAV_0's
 * day is `startDay`, the session before r[0], or without it one median gap before r[0]); a window the dates cannot resolve ("window shorter
 * than the spacing of the dates"): no return after its base (MTD of quarterly data), or a base
 * more than half the window (plus a weekend) from the anchor (6M of annual data: the nearest
 * value to Jun 30 is the Dec 31 before it).
 */
export function trailingReturns(dates: Series, r: Series, periodsPerYear = 252, startDay?: number, periods?: Series): Metric[] {
  const n = r.length;
  if (dates.length !== n) throw new RangeError(`dates have ${dates.length} rows but returns have ${n}`);
  if (n === 0) return trailingAnchors(0).map((w) => unavailable(w.name, 0));
  const gap = medianGap(Array.from(dates));
  // A returns file does not date the value before r[0]: it is taken one median gap before r[0]'s date (the
  // previous session), so a window reaching back to it holds r[0] (YTD of returns dated from 2 January on).
  const values = [startDay ?? dates[0] - gap, ...Array.from(dates)];
  const last = dates[n - 1];
  return trailingAnchors(last).map(({ name, anchor, annualized }) => {
    // The estimated day before r[0] may lie a holiday later than the real one (Tue 2 January's return began on Fri 29 December).
    const found = windowBase(values, anchor, Math.floor(gap / 2), startDay === undefined ? WEEKEND_DAYS + gap : WEEKEND_DAYS);
    if (found === undefined) return unavailable(name, n, INSUFFICIENT);
    const base = startDay === undefined && found.index === 0 ? { index: 0 } : found;
    const first = base.index;
    const rows = n - first;
    const length = last - anchor;
    const distance = Math.abs(values[base.index] - anchor);
    if (rows === 0 || (distance > length / 2 + WEEKEND_DAYS && length < gap)) return unavailable(name, rows, 'window shorter than the spacing of the dates');
    if (distance > length / 2 + WEEKEND_DAYS) return unavailable(name, rows, `no value near the window's start ${isoDay(anchor)}: the nearest is ${isoDay(values[base.index])}`);
    // A blank (unknown) return in the window is skipped, as annual_return skips it: neither a return of its n nor a period of its time.
    const known = nonNaNCount(r, first, n);
    const g = growth(r, first, n);
    if (!annualized) return valued(name, g - 1, known, base.note);
    if (g < 0) return unavailable(name, known, 'wealth went negative');
    return valued(name, annualize(g, periods === undefined ? known : knownSum(r, periods, first, n), periodsPerYear), known, base.note);
  });
}
