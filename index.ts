// breadth as a library: everything a TypeScript user needs, from one entry.
//   import { loadMarket, generateSampleMarket, backtest, createStrategy, runMetrics, openStore, writeRun, renderTearSheet } from 'breadth';
//   backtest(market, strategy) → runMetrics(result, { market, benchmark: 'SPY' }) → writeRun(store, { result, metrics })
//   measures and stores a run as `breadth run --benchmark SPY` does (README, "From TypeScript").
// A strategy file needs nothing else: `import { defineStrategy, z } from 'breadth'` (z is zod's).

// First: on an old Node, importing breadth throws here, before the native SQLite addon loads: an Error
// whose message is one line naming the Node needed and how to get it. A library cannot end its host's
// process, so how it shows is the importer's: uncaught, Node prints it with a stack trace (the
// `breadth` bin checks first and prints the line alone, exit 2: cli/breadth.ts).
import './core/requireNode.ts';

export {
  /** zod's schema builder (https://zod.dev), the one breadth's parameter schemas are built with: a strategy's `params` is a `z.object({ … })`. */
  z,
} from 'zod';

// data
export { DataError, StrategyError, UserError } from './data/errors.ts';
export { isoDay, parseIsoDay } from './data/dates.ts';
export { AssetClass, PriceKind, type EventTable, type Market, type SourceInfo } from './data/market.ts';
export { FUNDAMENTAL_FIELDS, Fundamentals, type FundamentalField, type FundamentalRow } from './data/fundamentals.ts';
export { rateAsOf, type RateSeries } from './data/rates.ts';
export { loadMarket, type LoadMarketOptions } from './data/load.ts';
export { inspectMarket, renderInspection, type MarketInspection } from './data/inspect.ts';
export { loadFactorTable, type FactorTable } from './data/factors.ts';
export { loadRateSeries } from './data/fred.ts';
export { loadPriceReturns, loadReturnsFile, type ReturnSeries } from './data/returnSeries.ts';
export { generateSampleMarket, type SampleMarket, type SampleOptions } from './data/sample.ts';
export { loadSampleMarket } from './data/sample/loadSample.ts';
export type { LoadSelection } from './data/selectLoaded.ts';
export { writeSampleCsv } from './data/sample/csv.ts';

// engine
export { backtest, type BacktestOptions } from './engine/backtest.ts';
export {
  defineModel,
  MODEL_CONCERNS,
  type AccrualContext,
  type BorrowModel,
  type CashModel,
  type CommissionModel,
  type ExecutionModels,
  type FillContext,
  type FillModel,
  type LiquidityEstimate,
  type ModelConcern,
  type ModelDefinition,
  type SlippageModel,
  type VolumeLimit,
} from './engine/models/index.ts';
export { engineConfigSchema, EXECUTION_CONVENTIONS, type EngineConfig, type EngineConfigInput, type ExecutionConvention } from './engine/config.ts';
export { MarketView, type PriceField } from './engine/decisions/view.ts';
export { schedules, type Schedule } from './engine/calendar/schedule.ts';
export type { BookView, Decision, InitContext, Strategy, Targets } from './engine/strategy.ts';
export { DEFERRAL_NAMES, ORDER_END_NAMES, ORDER_ORIGIN_NAMES, ORDER_STATUS_NAMES, ORDER_TYPE_NAMES, TIF_NAMES, type CancelRequest, type OrderRequest, type OrderType, type TimeInForce } from './engine/execution/orders.ts';
export { COST_LINES, DAILY_COLUMNS, FILL_REASON_NAMES, INCOME_LINES, type Manifest, type Orders, type Result } from './engine/result.ts';

// strategies
export * from './strategies/index.ts';

// reports
import * as metricFunctions from './reports/metrics/index.ts';
export {
  /** The METRICS.md formulas as plain functions over return series (fractions per period): computeMetrics for the whole set, and each alone (sharpe, maxDrawdown, psr, dsr, alpha, beta, …). */
  metricFunctions as metrics,
};
export { isMetricName, METRIC_GROUPS, METRIC_KINDS, METRIC_NAMES, metricInfo, type MetricGroup, type MetricInfo, type MetricKind, type MetricName } from './reports/html/metricCatalog.ts';
export { navReturns, runMetrics, type RunMetrics, type RunMetricsOptions, tradeHistory } from './reports/runMetrics.ts';
export type { BenchmarkLevels } from './reports/benchmark/benchmark.ts';
export type { BenchmarkReach } from './reports/benchmark/benchmarkCoverage.ts';
export { analyseSeries, type SeriesAnalysis } from './reports/seriesAnalysis.ts';
export { attributeRun, factorRegressions, type RunAttribution } from './reports/attribution/index.ts';
export { deleteRun, fillsHash, findRuns, getRun, listRuns, openStore, ordersHash, writeRun, type Store, type StoredRun } from './reports/store/index.ts';
export { renderComparison, renderTearSheet, tearSheetFromStoredRun, comparisonRunFromStoredRun, writeReport } from './reports/html/index.ts';
export { baselineCaveatChanges, compareToBaseline, notCompared, parseBaseline, type Baseline, type Drift } from './reports/regression.ts';
export { recordedCaveats, type CaveatChange, type RecordedCaveat } from './reports/caveats/baselineCaveats.ts';

// studies
export { loadStudyFile, parseStudy, publishStudy, runStudy, runStudyRuns, type StudyConfig } from './study/index.ts';
