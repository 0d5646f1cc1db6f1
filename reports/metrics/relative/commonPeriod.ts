// A run and its benchmark over the same intervals (METRICS.md "Inputs"): both value series paired
// between the rows where each has a value (relative.ts pairedIntervals), then either side measured
// by computeMetrics on those intervals — the same n, dates, rf and P. A benchmark that starts
// late is compared over the period both cover; a month-end benchmark in a daily run over its
// monthly intervals. Every figure set beside a benchmark's comes from here, so a Difference never
// subtracts figures of different periods.
import { periodsPerRow } from '../../../engine/calendar/rowPeriods.ts';
import { computeMetrics } from '../computeMetrics.ts';
import type { Metric } from '../metric.ts';
import { type Pairing, pairingOf } from './pairing.ts';
import { intervalPeriods, pairedIntervals, type PairedIntervals } from './relative.ts';
import { type Series, sum } from '../stats.ts';

/** Two value series paired on the rows both cover (commonIntervals). */
export interface CommonIntervals {
  paired: PairedIntervals;
  /** How many intervals, and the P that annualises both sides (pairing.ts). */
  pairing: Pairing;
  /** Row of the first common value and of the last interval's end (−1 when there is none). */
  first: number;
  last: number;
  /** The common period runs from the series' first row to its last. */
  whole: boolean;
  /** The intervals are the series' own returns one for one (whole, none merged or left out, its own P): its figures stand unchanged. */
  ownReturns: boolean;
  /**
   * The time each interval covers in periods of the pairing's P: the periods of P of the series'
   * rows it spans (engine/calendar/rowPeriods.ts periodsPerRow) × P_pairs / P (relative.ts intervalPeriods),
   * so both sides count the years the series' own figures count (Σk / P). More than one where the
   * benchmark misses dates — a daily benchmark missing a month: 496 intervals over 519 sessions —
   * so an annual return over them is annualised by the time, not the count. `periods` is their sum.
   */
  intervalPeriods: Float64Array;
  periods: number;
}

/**
 * `values` (a run's NAV) and `levels` (its benchmark), one per row, NaN where a series has no
 * value; `days` the rows' epoch days; `periodsPerYear` the run's P; `riskFree` the per-period rf of
 * each return row (length rows − 1; NaN where the rate is missing, which leaves the interval's rf
 * unknown), compounded over each interval.
 */
export function commonIntervals(values: Series, levels: Series, days: Series, periodsPerYear: number, riskFree: Series | 0 = 0): CommonIntervals {
  const paired = pairedIntervals(values, levels, riskFree);
  const pairing = pairingOf(paired, days, periodsPerYear);
  const last = paired.end.length === 0 ? paired.first : paired.end[paired.end.length - 1];
  const whole = paired.first === 0 && last === values.length - 1;
  const ownReturns = whole && paired.r.length === values.length - 1 && pairing.periodsPerYear === periodsPerYear;
  const spans = intervalPeriods(paired, periodsPerRow(days, periodsPerYear), pairing.periodsPerYear / periodsPerYear);
  return { paired, pairing, first: paired.first, last, whole, ownReturns, intervalPeriods: spans, periods: sum(spans) };
}

/**
 * Every METRICS.md figure of one side ('r' the run, 'b' the benchmark) over the common intervals:
 * computeMetrics on that side's interval returns, dated by each interval's end (from the first
 * common day), rf compounded per interval, annualised with the pairing's P over the time each
 * interval covers (CommonIntervals.intervalPeriods).
 */
export function measureOver(common: CommonIntervals, days: Series, side: 'r' | 'b'): Metric[] {
  const { paired, pairing } = common;
  return computeMetrics({
    returns: paired[side],
    dates: Int32Array.from(paired.end, (k) => days[k]),
    ...(paired.first < 0 ? {} : { startDay: days[paired.first] }),
    periodsPerYear: pairing.periodsPerYear,
    periods: common.intervalPeriods,
    riskFree: paired.rf,
  }).metrics;
}
