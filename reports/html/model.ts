// The renderers' input, as plain data: everything a tear sheet or a comparison page shows, and
// nothing that needs the engine, the store or a Result to read. Adapters (fromStore.ts) fill it;
// renderers derive chart series from it with reports/metrics. Dates are ISO `YYYY-MM-DD`;
// fractions are decimals (0.012 = 1.2 %); amounts are in `run.currency`.
import type { Caveat } from '../../engine/caveats/caveats.ts';
import type { DrawdownEpisode, Pairing } from '../metrics/index.ts';

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
    /** Periods of P the returns cover, Σk (engine/calendar/rowPeriods.ts periodsPerRow): sessions − 1 unless the calendar has holes or dates off its grid; absent: sessions − 1. */
    periods?: number;
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
  /** ISO 4217 code of every amount on the page, e.g. 'USD'. */
  currency: string;
  /** P: return periods per year (252 daily, 52 weekly, 12 monthly). */
  periodsPerYear: number;
  /** NAV before the first session's trades. */
  initialCapital: number;
  /** `cash` or `margin`, when known. */
  account?: string;
  /** What the run asked for and what it did (absent fields: not recorded). */
  facts?: { requestedFrom: string | null; firstInvestedDate: string | null; sessionsInCash: number | null; ruinDate: string | null };
}

/** A caveat as a report shows it: the engine's structured caveat, or one the report adds (code 'report'). */
export type ReportCaveat = Omit<Caveat, 'code'> & { code: string };

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
  /** Which book held it (from the signs of its positions); absent when unknown. */
  side?: 'long' | 'short' | 'both';
  /**
   * Mean weight of NAV (signed) at the decision closes that held it, before each close's trades
   * (the `positions` rows): a daily average only for a strategy deciding every session. Null when
   * no decision close held it.
   */
  avgWeight?: number | null;
  /** First fill, and the fill that closed it last (null: still held at the end). */
  from?: string | null;
  to?: string | null;
}

/** The return decomposition: where ΔNAV came from, line by line (reports/attribution). */
export interface PnlDecomposition {
  startNav: number;
  endNav: number;
  /** Signed currency as each line moved NAV (costs negative); Σ amounts + residual = endNav − startNav. */
  lines: { line: string; kind: 'pnl' | 'income' | 'cost'; amount: number }[];
}

/** Holdings derived from the stored positions (holdings.ts). */
export interface HoldingsData {
  /** The last decision's date and its largest long and short positions by weight. */
  asOf: string;
  topLong: { symbol: string; weight: number }[];
  topShort: { symbol: string; weight: number }[];
  /** Per decision: largest |weight|, median |weight| and the top 10's share of gross exposure. */
  concentration: { dates: string[]; max: number[]; median: number[]; top10: number[] };
  /** Per decision: net weight of each sector (the largest few, the rest as 'Other'); absent without sectors. */
  sectors?: { dates: string[]; names: string[]; weights: number[][] };
}

export interface FactorLoading {
  model: string;
  factor: string;
  loading: number | null;
  tStat: number | null;
  /** The factor's mean return per period over the model's rows (loading × mean = its contribution). */
  mean?: number | null;
}

export interface FactorFit {
  model: string;
  rSquared: number | null;
  /** Annualized intercept, fraction. */
  alpha: number | null;
  alphaTStat?: number | null;
  n: number;
  /** Dates of the first and last row of the regression. */
  from?: string | null;
  to?: string | null;
  /** Periods per year of the model (252 daily, 12 monthly), and its intercept and mean excess return per period. */
  periodsPerYear?: number;
  interceptPerPeriod?: number | null;
  meanExcess?: number | null;
}

/** A dated window the page measures the run over (a crisis), both ends inclusive. */
export interface NamedWindow {
  name: string;
  from: string;
  to: string;
}

export interface TearSheetData {
  run: RunInfo;
  dates: string[];
  nav: number[];
  /**
   * Rows of `dates` whose NAV carried every held mark: no position had a bar (reports/navObservations.ts).
   * Paired with a benchmark or another run, the intervals around each join into one.
   */
  carried?: number[];
  /** Benchmark NAV aligned with `dates` (null where it has no row). */
  benchmark?: { name: string; nav: (number | null)[] };
  /** What the relative metrics were paired over: the intervals both cover and their P. */
  pairing?: Pairing;
  /** Per-period risk-free return of each NAV return (length dates − 1); rolling Sharpe and "vs cash" use it. */
  riskFreeReturns?: number[];
  /**
   * The run's metrics and the benchmark column's, with the P of the benchmark column's returns
   * (the pairing's for stored levels, a benchmark run's own P; the run's P when absent) and the
   * dates its first and last value measure from and to (the run's period when absent).
   */
  metrics: { strategy: MetricFigure[]; benchmark?: MetricFigure[]; benchmarkPeriodsPerYear?: number; benchmarkPeriod?: { from: string; to: string } };
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
  /** The ledger's decomposition of ΔNAV (the waterfall), and the long and short books' daily P&L. */
  decomposition?: PnlDecomposition;
  legs?: { long: number[]; short: number[] };
  holdings?: HoldingsData;
  /** Windows to measure beside the standard crises (crisis.ts), e.g. from `breadth report --crisis`. */
  crises?: NamedWindow[];
  /** Caveats recorded with the run, most severe first; the renderer adds its own checks. */
  caveats: ReportCaveat[];
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
  /**
   * Rows of `dates` whose NAV carried every held mark: no position had a bar (reports/navObservations.ts).
   * Paired with a benchmark or another run, the intervals around each join into one.
   */
  carried?: number[];
  /** The stored metrics, over the run's full period. */
  metrics: MetricFigure[];
  /** Daily gross and net exposure (fractions of NAV), aligned with `dates`. */
  exposures: { gross: number[]; net: number[] };
  caveats: ReportCaveat[];
  /** P, and what the run's metrics are measured against; needed to re-measure a common period. */
  periodsPerYear?: number;
  /** Per-period risk-free return of each NAV return (length dates − 1). */
  riskFreeReturns?: number[];
  /** The benchmark's levels aligned with `dates` (null where it has none). */
  benchmark?: { name: string; levels: (number | null)[] };
  /** The largest holding at each decision ('' = cash), for the holdings ribbon of switching strategies. */
  holdings?: { dates: string[]; symbols: string[] };
  /** Trading costs (commission + slippage) over the run, currency. */
  tradingCosts?: number;
  currency?: string;
}

export interface ComparisonData {
  title: string;
  /** The first run is the reference: deltas and exposure differences are against it. */
  runs: ComparisonRun[];
  /** 'common' (default): metrics re-measured over the dates every run covers; 'full': each run's own period. */
  period?: 'common' | 'full';
}
