// Series derived from the report model for charts: returns, calendar buckets, a histogram.
// Figures with a METRICS.md definition (drawdown, rolling statistics, period returns) come from
// reports/metrics; this file only reshapes.

import { parseIsoDay } from '../../data/dates.ts';
import { pairedIntervals, periodReturns, percentileSorted, sortedNonNaN, wealthReturns } from '../metrics/index.ts';
import { observedValues } from '../navObservations.ts';

/** ISO dates as epoch days, the form reports/metrics takes. */
export function epochDays(dates: readonly string[]): Int32Array {
  return Int32Array.from(dates, parseIsoDay);
}

/** r_t = NAV_t / NAV_{t−1} − 1 (length T − 1); NaN where either NAV is missing, and after a ruin (metrics wealthReturns). */
export function navReturns(nav: readonly (number | null)[]): Float64Array {
  return wealthReturns(nav);
}

/**
 * The NAV's and the benchmark's returns over the intervals both have values for (metrics
 * pairedIntervals), each on the return row where its interval ends (length T − 1, NaN on the rows
 * inside an interval and before the first), with the per-period `rf` (length T − 1, NaN as 0)
 * compounded likewise: across a benchmark gap both are compounded into one interval, never zeroed
 * and never lost. `first` is the level row the pairing starts on (−1 when the two never meet).
 */
export function pairedOnRows(nav: readonly number[], benchmark: readonly (number | null)[], rf: readonly number[] = [], carried: readonly number[] = []): { r: Float64Array; b: Float64Array; rf: Float64Array; first: number } {
  const rows = Math.max(nav.length - 1, 0);
  const paired = pairedIntervals(observedValues(nav, carried), Float64Array.from(benchmark, (v) => v ?? NaN), rf.length === rows ? Float64Array.from(rf) : 0);
  const out = { r: new Float64Array(rows).fill(NaN), b: new Float64Array(rows).fill(NaN), rf: new Float64Array(rows).fill(NaN), first: paired.first };
  paired.end.forEach((k, j) => {
    out.r[k - 1] = paired.r[j];
    out.b[k - 1] = paired.b[j];
    out.rf[k - 1] = paired.rf[j];
  });
  return out;
}

/**
 * A level path of per-row returns on the session axis (length T = returns.length + 1): null before
 * level row `first` (a series that had not started: not a flat line, METRICS.md "never fill a
 * missing benchmark day with 0") and on rows no interval ends on (inside a gap), `start` on row
 * `first`, and start × Π(1 + g_j) on the row where each later interval j ends. `returns` as
 * pairedOnRows gives them (row k − 1 holds the interval ending on level row k, NaN elsewhere).
 */
export function pathFrom(returns: ArrayLike<number>, first: number, start: number): (number | null)[] {
  const out = new Array<number | null>(returns.length + 1).fill(null);
  if (first < 0) return out;
  let level = start;
  out[first] = level;
  for (let k = first + 1; k < out.length; k++) {
    const g = returns[k - 1];
    if (Number.isNaN(g)) continue;
    level *= 1 + g;
    out[k] = level;
  }
  return out;
}

/** `values` where `path` has a value, null where it has none: a derived series drawn only where its source is. */
export const wherePresent = (values: ArrayLike<number>, path: readonly (number | null)[]): (number | null)[] => path.map((v, k) => (v === null ? null : values[k]));

/** The benchmark scaled to start at the strategy's NAV on the first date both have. */
export function rebased(nav: readonly number[], benchmark: readonly (number | null)[]): (number | null)[] {
  const first = benchmark.findIndex((v) => v !== null && v > 0);
  if (first < 0) return benchmark.map(() => null);
  const scale = nav[first] / (benchmark[first] as number);
  return benchmark.map((v) => (v === null ? null : v * scale));
}

/** Calendar buckets (month 'YYYY-MM' or year 'YYYY') as row ranges [start, end) of dated rows. */
export function calendarBuckets(days: ArrayLike<number>, kind: 'month' | 'year'): { period: string; start: number; end: number }[] {
  return periodReturns(days, new Float64Array(days.length), kind).map(({ period, start, end }) => ({ period, start, end }));
}

/**
 * Per calendar bucket, Σ values / mean NAV over the bucket's rows: monthly turnover (with half
 * the traded notional) and each year's cost drag read as fractions of the capital at work.
 */
export function bucketShareOfNav(days: ArrayLike<number>, nav: readonly number[], values: readonly number[], kind: 'month' | 'year', scale = 1): { period: string; value: number }[] {
  return calendarBuckets(days, kind).map(({ period, start, end }) => {
    let total = 0;
    let navSum = 0;
    for (let t = start; t < end; t++) {
      total += values[t];
      navSum += nav[t];
    }
    const meanNav = navSum / (end - start);
    return { period, value: meanNav > 0 ? (total * scale) / meanNav : NaN };
  });
}

export interface Histogram {
  /** Lower edge of each bin; the last bin's upper edge is `top`. */
  edges: number[];
  top: number;
  /** Share of observations in each bin, per series. */
  shares: number[][];
}

/**
 * A shared-bin histogram of several return series. The range spans the 0.5th–99.5th percentile
 * of all of them so one crash day does not squeeze the body into a few bars; observations beyond
 * it land in the edge bins.
 */
export function histogram(series: readonly ArrayLike<number>[], bins = 50): Histogram {
  const all: number[] = [];
  for (const s of series) for (let i = 0; i < s.length; i++) all.push(s[i]);
  const sorted = sortedNonNaN(all);
  if (sorted.length === 0) return { edges: [], top: 0, shares: series.map(() => []) };
  let lo = percentileSorted(sorted, 0.5);
  let hi = percentileSorted(sorted, 99.5);
  if (!(hi > lo)) {
    lo -= 0.001;
    hi += 0.001;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins }, (_, k) => lo + k * width);
  const shares = series.map((s) => {
    const counts = new Array<number>(bins).fill(0);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      if (!Number.isFinite(s[i])) continue;
      counts[Math.min(bins - 1, Math.max(0, Math.floor((s[i] - lo) / width)))]++;
      n++;
    }
    return counts.map((c) => (n > 0 ? c / n : 0));
  });
  return { edges, top: hi, shares };
}
