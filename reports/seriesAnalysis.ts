// Analysing any dated return series without a backtest (the quantstats use case): the METRICS.md
// set, relative metrics on the dates both series share, and factor regressions.

import type { FactorTable } from '../data/factors.ts';
import type { RateSeries } from '../data/rates.ts';
import { factorRegressions, type FactorRegression } from './attribution/index.ts';
import { alignOnDates, computeMetrics, perPeriodRate, riskFreeFromRates, type MetricSet } from './metrics/index.ts';

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
  /** Rows shared with the benchmark (the sample of the relative metrics). */
  readonly alignedRows: number | null;
  readonly regressions: FactorRegression[];
}

export function analyseSeries(
  series: DatedSeries,
  options: { benchmark?: DatedSeries; riskFree?: RiskFreeInput; periodsPerYear?: number; factors?: readonly FactorTable[] } = {},
): SeriesAnalysis {
  const P = options.periodsPerYear ?? 252;
  const rf = options.riskFree;
  const riskFree =
    rf === undefined ? 0 : rf.kind === 'annual' ? perPeriodRate(rf.rate, P) : rf.kind === 'perPeriod' ? rf.rate : riskFreeFromRates(series.dates, rf.series, P);
  const riskFreeSource =
    rf === undefined ? 'none (rf = 0)' : rf.kind === 'annual' ? `constant ${rf.rate} a year` : rf.kind === 'perPeriod' ? `constant ${rf.rate} per period` : rf.source;
  let benchmark: Float64Array | undefined;
  let alignedRows: number | null = null;
  if (options.benchmark) {
    const joined = alignOnDates(series.dates, series.returns, options.benchmark.dates, options.benchmark.returns);
    benchmark = new Float64Array(series.returns.length).fill(NaN);
    joined.indexA.forEach((a, k) => (benchmark![a] = joined.b[k]));
    alignedRows = joined.dates.length;
  }
  const metrics = computeMetrics({
    returns: series.returns,
    dates: series.dates,
    ...(series.startDay === undefined ? {} : { startDay: series.startDay }),
    periodsPerYear: P,
    riskFree,
    riskFreeSource,
    ...(benchmark ? { benchmark } : {}),
  });
  const startDay = series.startDay ?? series.dates[0] - 1;
  const regressions = options.factors?.length ? factorRegressions(series, startDay, { factors: options.factors }) : [];
  return { metrics, benchmark: options.benchmark?.name ?? null, alignedRows, regressions };
}
