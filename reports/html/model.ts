// The renderers' input, as plain data: everything a tear sheet or a comparison page shows, and
// nothing that needs the engine, the store or a Result to read. Adapters (fromStore.ts) fill it;
// renderers derive chart series from it with reports/metrics. Dates are ISO `YYYY-MM-DD`;
// fractions are decimals (0.012 = 1.2 %); currency is the run's currency, unlabelled.
import type { DrawdownEpisode } from '../metrics/index.ts';

/** One reported figure, exactly as reports/metrics gives it (METRICS.md names). */
export interface MetricFigure {
  name: string;
  /** null when it cannot be computed; `note` says why (e.g. 'insufficient data'). */
  value: number | null;
  /** Sample size the figure rests on. */
  n: number;
  note?: string;
}

/** The manifest fields a reader needs to judge a run. */
export interface RunInfo {
  id: string;
  /** A human label for the run (defaults to the strategy name in adapters). */
  label: string;
  strategy: { name: string; params: unknown; schedule?: string };
  data: {
    name: string;
    from: string;
    to: string;
    sessions: number;
    /** Generated data (the built-in sample universe): the report shows a SYNTHETIC badge. */
    synthetic: boolean;
    /** The universe lacks delisted names, so returns are biased upward. */
    survivorshipBiased?: boolean;
  };
  execution: { convention: string; lookAheadProne: boolean };
  /** Each cost model in use, e.g. { kind: 'commission', model: 'bps(1)' }. */
  costModels: { kind: string; model: string }[];
  /** Where rf came from, e.g. 'none (rf = 0)'; absent = not stated. */
  riskFree?: string;
  engineVersion?: string;
}

/** A drawdown episode as reports/metrics' drawdownEpisodes dates it (the dated fields are all a page needs). */
export type DrawdownRow = Pick<DrawdownEpisode, 'peakDate' | 'troughDate' | 'recoveryDate' | 'depth' | 'length' | 'timeToTrough'>;

/** Daily exposures, aligned with `dates`: fractions of NAV (short ≤ 0) and position counts. */
export interface ExposureSeries {
  long: number[];
  short: number[];
  gross: number[];
  net: number[];
  longCount: number[];
  shortCount: number[];
}

/** One cost line: daily currency charged (aligned with `dates`) and its annualized drag. */
export interface CostLineData {
  /** snake_case line name, e.g. 'borrow_fee'. */
  line: string;
  daily: number[];
  /** Run total in currency (credits negative). */
  total: number;
  /** total / mean NAV · P/n as a fraction of NAV per year; null when undefined. */
  annualDrag: number | null;
}

export interface SymbolPnl {
  symbol: string;
  pnl: number;
}

export interface FactorLoading {
  model: string;
  factor: string;
  loading: number | null;
  tStat: number | null;
}

export interface FactorFit {
  model: string;
  rSquared: number | null;
  /** Annualized intercept, fraction. */
  alpha: number | null;
  alphaTStat?: number | null;
  n: number;
}

export interface TearSheetData {
  run: RunInfo;
  dates: string[];
  nav: number[];
  /** Benchmark NAV aligned with `dates` (null where it has no row). */
  benchmark?: { name: string; nav: (number | null)[] };
  /** Per-period risk-free return of each NAV return (length dates − 1); rolling Sharpe uses it. */
  riskFreeReturns?: number[];
  metrics: { strategy: MetricFigure[]; benchmark?: MetricFigure[] };
  drawdowns: DrawdownRow[];
  exposures: ExposureSeries;
  /** Daily traded notional in currency, aligned with `dates`. */
  tradedNotional: number[];
  costs: CostLineData[];
  /** Largest P&L first. */
  contributors: SymbolPnl[];
  /** Most negative P&L first. */
  detractors: SymbolPnl[];
  attribution?: { loadings: FactorLoading[]; fits: FactorFit[] };
  /** Plain-language caveats recorded with the run; the renderer adds its own checks. */
  warnings: string[];
}

/** One run on the comparison page. */
export interface ComparisonRun {
  id: string;
  label: string;
  strategy: string;
  dataName: string;
  synthetic: boolean;
  lookAheadProne: boolean;
  dates: string[];
  nav: number[];
  metrics: MetricFigure[];
  /** Daily gross and net exposure (fractions of NAV), aligned with `dates`. */
  exposures: { gross: number[]; net: number[] };
  warnings: string[];
}

export interface ComparisonData {
  title: string;
  /** The first run is the reference: deltas and exposure differences are against it. */
  runs: ComparisonRun[];
}
