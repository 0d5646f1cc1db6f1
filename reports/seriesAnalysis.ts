// Analysing any dated return series without a backtest (the quantstats use case): the METRICS.md
// set, relative metrics on the dates both series share, and factor regressions.

import type { FactorTable } from '../data/factors.ts';
import type { RateSeries } from '../data/rates.ts';
import { factorRegressions, type FactorRegression } from './attribution/index.ts';
import { alignOnDates, computeMetrics, type Frequency, givenFrequency, inferFrequency, levelsOf, type MetricSet, pairedIntervals, perPeriodRate, riskFreeFromRates } from './metrics/index.ts';

export interface DatedSeries {
  readonly dates: Int32Array;
  readonly returns: Float64Array;
  readonly startDay?: number;
  readonly name?: string;
}

export type RiskFreeInput =
  | { readonly kind: 'annual'; readonly rate: number }
  | { readonly kind: 'perPeriod'; readonly rate: number }
  | { readonly kind: 'series'; readonly series: RateSeries; readonly source: string };

export interface SeriesAnalysis {
  readonly metrics: MetricSet;
  readonly benchmark: string | null;
  /** Intervals paired with the benchmark (the sample of the relative metrics). */
  readonly alignedRows: number | null;
  /** How P was found: given, or inferred from the series' dates. */
  readonly frequency: Frequency;
  readonly regressions: FactorRegression[];
}

export function analyseSeries(
  series: DatedSeries,
  options: { benchmark?: DatedSeries; riskFree?: RiskFreeInput; periodsPerYear?: number; factors?: readonly FactorTable[] } = {},
): SeriesAnalysis {
  const calendar = series.startDay === undefined ? series.dates : Int32Array.of(series.startDay, ...series.dates);
  const frequency = options.periodsPerYear === undefined ? inferFrequency(calendar) : givenFrequency(options.periodsPerYear);
  const P = frequency.periodsPerYear;
  const rf = options.riskFree;
  const riskFree =
    rf === undefined ? 0 : rf.kind === 'annual' ? perPeriodRate(rf.rate, P) : rf.kind === 'perPeriod' ? rf.rate : riskFreeFromRates(series.dates, rf.series, P);
  const riskFreeSource =
    rf === undefined ? 'none (rf = 0)' : rf.kind === 'annual' ? `constant ${rf.rate} a year` : rf.kind === 'perPeriod' ? `constant ${rf.rate} per period` : rf.source;
  const benchmarkLevels = options.benchmark ? levelsOnDates(series, options.benchmark) : undefined;
  const metrics = computeMetrics({
    returns: series.returns,
    dates: series.dates,
    ...(series.startDay === undefined ? {} : { startDay: series.startDay }),
    periodsPerYear: P,
    riskFree,
    riskFreeSource,
    ...(benchmarkLevels ? { benchmarkLevels } : {}),
  });
  const alignedRows = benchmarkLevels ? pairedIntervals(levelsOf(series.returns), benchmarkLevels).r.length : null;
  const regressions = options.factors?.length ? factorRegressions(series.dates, series.returns, series.startDay, { factors: options.factors, periodsPerYear: P }) : [];
  return { metrics, benchmark: options.benchmark?.name ?? null, alignedRows, frequency, regressions };
}

/**
 * The benchmark's value levels on the series' own rows (row 0 = the series' start, row k = its
 * k-th return's date), NaN where the benchmark has no value on that date. The start is common
 * when both series start on the same day (their first return dates, when a start is not given —
 * the convention of inner-joined return files), or when the benchmark has a row on the series'
 * start date.
 */
function levelsOnDates(series: DatedSeries, benchmark: DatedSeries): Float64Array {
  const b = levelsOf(benchmark.returns);
  const out = new Float64Array(series.returns.length + 1).fill(NaN);
  const sameStart = series.startDay !== undefined && benchmark.startDay !== undefined ? series.startDay === benchmark.startDay : series.dates[0] === benchmark.dates[0];
  if (sameStart) out[0] = 1;
  const joined = alignOnDates(series.dates, series.returns, benchmark.dates, benchmark.returns);
  joined.indexA.forEach((a, k) => (out[a + 1] = b[joined.indexB[k] + 1]));
  if (!sameStart && series.startDay !== undefined) {
    const j = alignOnDates([series.startDay], [0], benchmark.dates, benchmark.returns).indexB;
    if (j.length === 1) out[0] = b[j[0] + 1];
  }
  return out;
}
