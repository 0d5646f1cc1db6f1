// The rows of a factor regression: each return paired with the factor returns compounded over
// exactly that return's interval (METRICS.md "Inputs": returns over the same intervals, the
// factor tables standing in for the benchmark). A weekly return is regressed on its week's
// compounded daily factors, a two-month return on two months of monthly factors — never on the
// one day or month its end date falls in.
import { sessionOnOrBefore } from '../../data/dates.ts';
import type { Series } from '../metrics/index.ts';
import { monthIndex } from '../metrics/index.ts';
import { factorColumn } from '../../data/factors.ts';
import type { FactorColumns, FactorModel } from './factorRegression.ts';

/**
 * Returns to explain, one interval each: `returns[i]` was earned from `starts[i]` (exclusive, the
 * previous observation) to `dates[i]` (inclusive); epoch days, ascending. A NaN start (a series
 * whose first observation has no known start) or a NaN return leaves that row out.
 */
export interface PeriodReturns {
  readonly dates: Series;
  readonly returns: Series;
  readonly starts: Series;
}

/**
 * A dated series as consecutive intervals: row i runs from the previous date (row 0 from
 * `startDay`, the date of the value before the first return; unknown without it).
 */
export function seriesIntervals(dates: Series, returns: Series, startDay?: number): PeriodReturns {
  const starts = Float64Array.from(dates, (_, i) => (i > 0 ? dates[i - 1] : (startDay ?? NaN)));
  return { dates, returns, starts };
}

/**
 * Dated intervals of a NAV (PeriodReturns: `starts[i]` → `dates[i]`, epoch days; daily returns or
 * calendar months) between observed values, for pairing with factor returns over the same
 * interval (attribution/factorIntervals.ts): an interval that ends on a day in `carried` (the
 * days of navObservations.ts carriedSessions' rows) is joined with the next one that starts there, compounded — the
 * carried month-end of a monthly model too —, and left out where none does (the last row, or a
 * month dropped after it); one that starts on a carried day without being joined has an unknown
 * start (NaN: a factor table covers no such interval). Intervals untouched keep their returns
 * exactly; without carried days, `intervals` itself.
 */
export function joinCarriedEnds<T extends PeriodReturns>(intervals: T, carried: ReadonlySet<number>): T {
  if (carried.size === 0) return intervals;
  const { starts, dates, returns } = intervals;
  const [ends, values, begins] = [[] as number[], [] as number[], [] as number[]];
  let open: { start: number; end: number; growth: number } | null = null;
  for (let i = 0; i < returns.length; i++) {
    let start = starts[i];
    let value = returns[i];
    if (open !== null && open.end === start) {
      start = open.start;
      value = open.growth * (1 + value) - 1;
    } else if (carried.has(start)) start = NaN;
    open = null;
    if (carried.has(dates[i])) {
      open = { start, end: dates[i], growth: 1 + value };
      continue;
    }
    ends.push(dates[i]);
    values.push(value);
    begins.push(start);
  }
  return { ...intervals, dates: Float64Array.from(ends), returns: Float64Array.from(values), starts: Float64Array.from(begins) };
}

/** Regression rows: y = r − RF and each factor over the same interval, with the rows left out. */
export interface IntervalRows {
  y: number[];
  /** One array per model factor, aligned with y. */
  factors: number[][];
  /** End date of each row (epoch day). */
  days: number[];
  /** Intervals left out because some factor table does not cover the whole of them (or has a NaN there). */
  uncovered: number;
}

/**
 * The factor rows of `table` inside the interval (start, end] as [lo, hi), or null when the
 * table does not cover all of it: a daily table must have rows on or before the start and on or
 * after the end (a day missing inside shows as a count unlike the other tables'); a monthly table
 * must have one row for each month of (month(start), month(end)].
 */
function rowsIn(keys: Int32Array, daily: boolean, start: number, end: number): [number, number] | null {
  const ks = daily ? start : monthIndex(start);
  const ke = daily ? end : monthIndex(end);
  const lo = sessionOnOrBefore(keys, ks) + 1;
  const hi = sessionOnOrBefore(keys, ke) + 1;
  if (hi <= lo) return null;
  if (daily) return keys[0] <= ks && keys[keys.length - 1] >= ke ? [lo, hi] : null;
  return hi - lo === ke - ks ? [lo, hi] : null;
}

/**
 * Pair each interval with the model's factors compounded over it: a spread factor (SMB, HML, …)
 * as Π(1 + f) − 1, risk-free as Π(1 + RF) − 1, and an excess factor (Mkt-RF) as
 * Π(1 + f + RF) − Π(1 + RF), the compounded market return over the compounded bill. An interval
 * is left out (and counted) where a table lacks part of it, the tables disagree on its number of
 * rows, or a value in it is NaN.
 */
export function pairFactorRows(returns: PeriodReturns, model: FactorModel, sources: readonly FactorColumns[], rf: FactorColumns): IntervalRows {
  const daily = model.frequency === 'daily';
  const tables = [...new Set([...sources, rf])];
  const keys = new Map(tables.map((t) => [t, daily ? t.dates : Int32Array.from(t.dates, monthIndex)]));
  const out: IntervalRows = { y: [], factors: model.factors.map(() => []), days: [], uncovered: 0 };
  const rfColumn = columnOf(rf, 'RF');
  for (let i = 0; i < returns.returns.length; i++) {
    const r = returns.returns[i];
    const start = returns.starts[i];
    if (Number.isNaN(r) || Number.isNaN(start)) continue;
    const spans = new Map(tables.map((t) => [t, rowsIn(keys.get(t) as Int32Array, daily, start, returns.dates[i])]));
    const counts = new Set([...spans.values()].map((s) => (s === null ? -1 : s[1] - s[0])));
    const rfSpan = spans.get(rf);
    if (counts.size !== 1 || counts.has(-1) || rfSpan == null) {
      out.uncovered++;
      continue;
    }
    const rfGrowth = compound(rfColumn, rfSpan[0], rfSpan[1]);
    const values = model.factors.map((f, j) => {
      const [lo, hi] = spans.get(sources[j]) as [number, number];
      const column = columnOf(sources[j], f.column ?? f.name);
      if (!f.overRiskFree) return compound(column, lo, hi) - 1;
      let g = 1;
      for (let k = lo; k < hi; k++) g *= 1 + column[k] + rfColumn[rfSpan[0] + k - lo];
      return g - rfGrowth;
    });
    if (Number.isNaN(rfGrowth) || values.some(Number.isNaN)) {
      out.uncovered++;
      continue;
    }
    values.forEach((v, j) => out.factors[j].push(v));
    out.y.push(r - (rfGrowth - 1));
    out.days.push(returns.dates[i]);
  }
  return out;
}

/** The values of the column of `table` that reads as `name` (data/factors.ts factorColumn); throws where none does (the caller picked the table for it, factorRegression.ts tableWith). */
function columnOf(table: FactorColumns, name: string): Float64Array {
  const column = factorColumn(table, name);
  if (column === undefined) throw new Error(`factor table ${table.name} has no column ${name}`);
  return column.values;
}

/** Π(1 + x) over rows [lo, hi); NaN when any is NaN. */
function compound(x: Float64Array, lo: number, hi: number): number {
  let g = 1;
  for (let k = lo; k < hi; k++) g *= 1 + x[k];
  return g;
}
