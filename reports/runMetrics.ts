// The full metric set of one run: the METRICS.md return/risk metrics of its NAV returns (from
// reports/metrics), plus the portfolio and cost figures only a Result can give (exposures,
// turnover, each cost line, round-trip trades) and, on the run's market, its capacity
// (reports/capacity.ts). The CLI, studies and sweeps call it as a library user does.
//
// Conventions for the figures defined here (names as METRICS.md "Names in machine-readable output"):
// - T = sessions of the run, n = T − 1 returns. Averages run over the T daily rows; annualized
//   figures (turnover, `_drag`) scale by P/m as METRICS.md prescribes (P/n), m the periods of P
//   the n returns cover (engine/calendar/rowPeriods.ts periodsPerRow: n on a daily calendar, more across
//   its holes of missing data and dates missing from a coarser one, so years = m / P as the annual return counts them); they report n.
// - Exposures are fractions of NAV: long = longValue/nav, short = shortValue/nav (≤ 0), net = their
//   sum, gross = long − short. Days with NAV ≤ 0 have no exposure and drop out (n says so).
// - `stale_mark_mean` / `stale_mark_peak`: mean and largest share of NAV marked at a price older
//   than the run's staleMarkSessions (daily staleValue / NAV, same days as the exposures).
// - `cost_<line>` is the run's total in currency that left the NAV; the two credit lines
//   (`interest_received`, `borrow_rebate`) are reported as negative costs, so Σ cost_<line> is the
//   net drag. `cost_<line>_drag` = total / mean NAV · P/m (mean NAV, here and in turnover, over the
//   sessions with NAV > 0: after a ruin the negative NAVs are no capital), a decimal fraction of NAV per year
//   (0.001 = 0.1 %). `cost_total` sums the five charges only (credits excluded).
import type { Market } from '../data/market.ts';
import type { RateSeries } from '../data/rates.ts';
import { type Caveat, caveat } from '../engine/caveats/caveats.ts';
import { rateSourceCaveats } from '../engine/caveats/warnings.ts';
import { givenPeriodsCaveats } from '../engine/caveats/givenPeriodsCaveats.ts';
import { type BenchmarkLevels, CASH_BENCHMARK, runBenchmark } from './benchmark/benchmark.ts';
import { benchmarkSourceCaveats } from './benchmark/benchmarkSource.ts';
import { annualisationCaveats, calendarHoleCaveats } from './caveats/annualisationCaveats.ts';
import { benchmarkCoverageCaveats, benchmarkFlatCaveats } from './benchmark/benchmarkCoverage.ts';
import { bookCaveats } from './caveats/bookCaveats.ts';
import { ruinCaveats } from './caveats/ruinCaveats.ts';
import { capacityFigures } from './capacity.ts';
import { carriedSessionCaveats, carriedSessions } from './navObservations.ts';
import { COST_LINES, type DailyColumn, FillReason, type Result, snakeCase } from '../engine/result.ts';
import {
  computeMetrics,
  type DrawdownEpisode,
  drawdownEpisodes,
  type Frequency,
  frequencyOf,
  mean,
  type Metric,
  type MetricSet,
  periodsPerRow,
  accrualPeriods,
  sum,
  riskFreeCaveats,
  riskFreeOfReturns,
  type SharpeTrials,
  steadied,
  type TradeHistory,
} from './metrics/index.ts';
import { unavailable, valued } from './metrics/metric.ts';
import { wealthReturns } from './metrics/wealthReturns.ts';
import { checkAnnualRate, checkPeriodsPerYear } from './metricOptions.ts';
import { navFingerprint } from './navFingerprint.ts';

/** A dated return series: epoch days (ascending) and simple returns. */
export interface DatedReturns {
  readonly dates: ArrayLike<number>;
  readonly returns: ArrayLike<number>;
}

/** How runMetrics measures a run: against which benchmark and risk-free rate, at what periods a year, and with which market (for symbol benchmarks, capacity and data caveats). */
export interface RunMetricsOptions {
  /**
   * What the run is measured against (the relative metrics: beta, alpha, tracking error, …):
   * - a symbol or role of `market` (`'SPY'`, `'@smallCap'`; needs `market`), measured as `breadth run
   *   --benchmark SPY` measures it: its total-return level over the run's sessions (a raw series
   *   adjusted for its splits and dividends), whether it has values beyond them, and its data caveats;
   * - `'cash'`: the risk-free returns below, compounded; `'none'` (or absent): no benchmark;
   * - levels you built, `{ name, levels, reach? }` (BenchmarkLevels): one per session of the result,
   *   NaN where it has none, and TOTAL-RETURN — a price index (raw closes) leaves the dividends and
   *   splits out of every relative metric; levels that follow the closes of a raw symbol of `market`
   *   named `name` are said in a caveat. Without `reach`, a first or last session without a value
   *   is said as such, not as the benchmark's start or end.
   */
  benchmark?: string | BenchmarkLevels;
  /** A constant annual rate (decimal, 0.02 = 2 %) or a dated annual-yield series (decimal). */
  riskFree?: number | RateSeries;
  /**
   * P; else the engine config's `periodsPerYear` (the P the run's strategy read), else
   * inferred from the run's calendar (engine/calendar/frequency.ts), as the engine did. It
   * annualises; the risk-free return of each session keeps the calendar's own spacing, as the
   * engine's interest does (engine/calendar/rowPeriods.ts accrualPeriods).
   */
  periodsPerYear?: number;
  /** Trials recorded for the dataset, for the deflated Sharpe ratio. */
  trials?: SharpeTrials;
  /**
   * The market the run was backtested on, for the capacity figures (participation in ADV,
   * capacity_nav); without it they are stored as not measured (capacity.ts NOT_MEASURED).
   */
  market?: Market;
}

/** A run's measures (runMetrics): every METRICS.md metric with its sample size n (null with a reason where it cannot be computed), dated drawdown episodes, the benchmark and risk-free rate used, how P was found, and caveats about the measurement. */
export interface RunMetrics extends MetricSet {
  /** The benchmark's name, or null when none was given. */
  benchmark: string | null;
  /** How P was found (given, or inferred from the calendar) and whether the spacing is irregular. */
  frequency: Frequency;
  /** Drawdown episodes of the NAV, dated. */
  drawdowns: DrawdownEpisode[];
  /**
   * The per-period inputs, aligned with the NAV returns (row k earned on session k + 1), kept so a
   * stored run can be re-rendered without the benchmark or rate files: the benchmark's return over
   * the same session as the NAV's, from session k to k + 1 (NaN where it has no level on either:
   * that return is not known — the relative metrics pair over the levels, METRICS.md "Inputs";
   * null without a benchmark), its levels (one per session), and risk-free returns (0 when none given).
   */
  benchmarkReturns: Float64Array | null;
  benchmarkLevels: Float64Array | null;
  riskFreeReturns: Float64Array;
  /** The measured result's navFingerprint (sha256 hex of its dates and NAV): writeRun stores the metrics only beside that result. */
  navFingerprint: string;
  /** Caveats about the measurement itself (irregular spacing, a benchmark with gaps or a late start) and the book's (bookCaveats.ts: exposure gap, deferred notional, short sample). */
  caveats: Caveat[];
}

/**
 * The run's NAV returns r_t = NAV_t / NAV_{t−1} − 1, dated by the session that earned them; NaN
 * after the first session whose NAV is ≤ 0 (ruin: a return from a NAV ≤ 0 has no meaning,
 * metrics/wealthReturns.ts; the return into it is a real loss and stays).
 */
export function navReturns(result: Result): { dates: Int32Array; returns: Float64Array } {
  return { dates: result.dates.subarray(1), returns: wealthReturns(result.daily.nav) };
}

/**
 * Every metric of METRICS.md for a backtest result: its NAV returns (one per session after the
 * first), against the risk-free rate and, when `options.benchmark` is given (a symbol of
 * `options.market` as `breadth run --benchmark` measures it, 'cash', or total-return levels, one per
 * session, NaN where unknown), a benchmark paired over the same intervals; annualised with P given
 * or inferred from the calendar; with `options.market` (the market it ran on) its capacity too.
 * The CLI and studies measure their runs through it. Returns the metrics (value, sample size n,
 * note), drawdown episodes and the caveats of the measurement.
 * @throws UserError when a constant `riskFree` is not an annual rate from −0.1 to 1, `periodsPerYear`
 *   not a whole number from 1 to 366 (the rules of a study file and the CLI), the benchmark names a
 *   symbol without `options.market` or one it lacks (naming the symbol, the nearest ones and the
 *   roles), or its levels do not have one row per session of the result.
 */
export function runMetrics(result: Result, options: RunMetricsOptions = {}): RunMetrics {
  if (typeof options.riskFree === 'number') checkAnnualRate(options.riskFree, 'runMetrics: riskFree');
  if (options.periodsPerYear !== undefined) checkPeriodsPerYear(options.periodsPerYear, 'runMetrics: periodsPerYear');
  // The strategy read config.periodsPerYear, else this same inference; rf and cash both accrue by the calendar's spacing.
  const given = options.periodsPerYear ?? result.manifest.config.periodsPerYear;
  const frequency = frequencyOf(result.dates, given);
  const P = frequency.periodsPerYear;
  const { dates, returns } = navReturns(result);
  const startDay = result.dates.length > 0 ? result.dates[0] : undefined;
  // The periods of P each return covers, for annualising: more than one across missing dates.
  const periods = periodsPerRow(result.dates, P);
  // rf over each return's own time, as the engine accrued cash interest: by the calendar's spacing whatever P annualises.
  const rf = riskFreeOfReturns(options.riskFree, dates, P, accrualPeriods(result.dates, P));
  const riskFreeReturns = typeof rf.perPeriod === 'number' ? new Float64Array(returns.length).fill(rf.perPeriod) : Float64Array.from(rf.perPeriod);
  const benchmark = runBenchmark(options.benchmark, result, options.market, riskFreeReturns);
  const levels = benchmark?.levels;
  const d = result.daily;
  const carried = carriedSessions(d.navCarried);
  const set = computeMetrics({
    returns,
    dates,
    startDay,
    periodsPerYear: P,
    periods,
    riskFree: rf.perPeriod,
    riskFreeSource: rf.source,
    ...(levels === undefined ? {} : { benchmarkLevels: levels, benchmarkIsCash: options.benchmark === CASH_BENCHMARK, unobserved: carried }),
    trials: options.trials,
    trades: tradeHistory(result),
  });
  return {
    ...set,
    periodsSource: frequency.source, // P was inferred here (or given by the user), not by computeMetrics
    metrics: [...set.metrics, ...portfolioFigures(result, P, periods), ...costFigures(result, P, periods), ...capacityFigures(result, options.market)],
    benchmark: benchmark?.name ?? null,
    frequency,
    drawdowns: drawdownEpisodes(dates, steadied(returns), startDay),
    benchmarkReturns: levels === undefined ? null : wealthReturns(levels),
    benchmarkLevels: levels ?? null,
    riskFreeReturns,
    navFingerprint: navFingerprint(result),
    caveats: [...measurementCaveats(frequency, benchmark, result, set), ...(benchmark === undefined ? [] : carriedSessionCaveats(benchmark.name, carried, benchmark.levels, (row) => result.dates[row])), ...calendarHoleCaveats(result.dates, periods, frequency, "the run's", 'interest'), ...remeasuredPeriodsCaveats(result, options.periodsPerYear), ...riskFreeCaveats(options.riskFree, dates, { cashRateToo: isCashRate(options.riskFree, result) }), ...riskFreeSourceCaveats(options.riskFree, result, options.market), ...benchmarkSourceCaveats(benchmark, result, options.market), ...bookCaveats(result, P, periods)],
  };
}

/**
 * A P given to runMetrics (`given`) other than the run's own (its config's, which the run's caveats
 * already weigh against its calendar) and than its calendar gives: said as the run's are
 * (engine/caveats/givenPeriodsCaveats.ts), for the risk-free returns.
 */
function remeasuredPeriodsCaveats(result: Result, given: number | undefined): Caveat[] {
  if (given === undefined || given === result.manifest.config.periodsPerYear) return [];
  return givenPeriodsCaveats(result.dates, given, { whose: "the run's", accrued: 'the risk-free returns', row: 'return', readBy: '' });
}

function measurementCaveats(frequency: Frequency, benchmark: BenchmarkLevels | undefined, result: Result, set: MetricSet): Caveat[] {
  const out: Caveat[] = [];
  if (benchmark !== undefined) {
    const name = benchmark.name;
    if (!benchmark.levels.some((v) => !Number.isNaN(v))) out.push(caveat('benchmark', 'high', `benchmark ${name} has no value in the run's period: no relative metrics`));
    const day = (row: number): number => result.dates[row];
    out.push(...benchmarkCoverageCaveats(name, benchmark.levels, day, { noun: 'the run', unit: 'session' }, benchmark.reach));
    // Cash at a rate of 0 is flat by design: only an index can be stale.
    if (name !== CASH_BENCHMARK) out.push(...benchmarkFlatCaveats(name, benchmark.levels, day, { noun: 'the run', unit: 'session' }));
  }
  return [...ruinCaveats(set.ruin, (row) => result.dates[row + 1], 'NAV'), ...annualisationCaveats(frequency, set, benchmark?.name, "the run's", 'periodsPerYear'), ...out];
}

/**
 * The data notes of the risk-free series' source on `market` (engine/caveats/warnings.ts rateSourceCaveats:
 * a monthly average dated on its month's first day) — those the run's own caveats do not already
 * say (its strategy read the series, or it is the cash rate).
 */
function riskFreeSourceCaveats(riskFree: RunMetricsOptions['riskFree'], result: Result, market: Market | undefined): Caveat[] {
  if (market === undefined || typeof riskFree !== 'object') return [];
  const said = new Set(result.caveats.map((c) => c.message));
  return rateSourceCaveats(market, riskFree.name).filter((c) => !said.has(c.message));
}

/** The risk-free series is the run's cash rate series (the same name): one set of caveats for both. */
function isCashRate(riskFree: RunMetricsOptions['riskFree'], result: Result): boolean {
  const cash = result.manifest.config.cash?.rate;
  return typeof cash === 'string' && typeof riskFree === 'object' && riskFree !== null && 'name' in riskFree && riskFree.name === cash;
}

/**
 * Fills and splits for round trips. The fill price already includes slippage, so the fee is
 * commission only; a split's cash in lieu is marked so it trims its lot instead of trading.
 */
export function tradeHistory(result: Result): TradeHistory {
  const f = result.fills;
  const s = result.splits;
  return {
    fills: Array.from(f.session, (session, k) => ({ symbol: f.symbol[k], session, quantity: f.quantity[k], price: f.price[k], fee: f.commission[k], cashInLieu: f.reason[k] === FillReason.splitCash })),
    splits: Array.from(s.session, (session, k) => ({ symbol: s.symbol[k], session, ratio: s.ratio[k] })),
  };
}

/**
 * Mean NAV and the annualization factor P/m (m = Σ `periods`, the periods of P the n returns
 * cover: n on a daily calendar, more across dates missing from a coarser one), or why the
 * annualized figures cannot be given.
 */
function annualization(result: Result, P: number, periods: Float64Array): { meanNav: number; perYear: number; n: number } | { note: string; n: number } {
  const n = result.daily.nav.length - 1;
  if (n < 1) return { note: 'insufficient data', n: Math.max(n, 0) };
  // A NAV ≤ 0 (after ruin) is no capital to scale by: the mean runs over the sessions with NAV > 0, as the exposures do.
  const meanNav = mean(Float64Array.from(result.daily.nav, (v) => (v > 0 ? v : NaN)));
  if (!(meanNav > 0)) return { note: 'no session with positive NAV', n };
  return { meanNav, perYear: P / sum(periods), n };
}

function portfolioFigures(result: Result, P: number, periods: Float64Array): Metric[] {
  const d = result.daily;
  const T = d.nav.length;
  const exposure = { gross: 0, net: 0, long: 0, short: 0, stale: 0 };
  let stalePeak = 0;
  let days = 0;
  for (let t = 0; t < T; t++) {
    const nav = d.nav[t];
    if (!(nav > 0)) continue;
    const long = d.longValue[t] / nav;
    const short = -Math.abs(d.shortValue[t]) / nav; // ≤ 0 whatever sign the engine records
    exposure.gross += long - short;
    exposure.net += long + short;
    exposure.long += long;
    exposure.short += short;
    exposure.stale += d.staleValue[t] / nav;
    stalePeak = Math.max(stalePeak, d.staleValue[t] / nav);
    days++;
  }
  const average = (name: string, total: number, k: number, why: string): Metric => (k > 0 ? valued(name, total / k, k) : unavailable(name, k, why));
  const a = annualization(result, P, periods);
  const turnover = 'note' in a ? unavailable('turnover', a.n, a.note) : valued('turnover', (sum(d.tradedNotional) / 2 / a.meanNav) * a.perYear, a.n);
  return [
    turnover,
    average('avg_gross_exposure', exposure.gross, days, 'no session with positive NAV'),
    average('avg_net_exposure', exposure.net, days, 'no session with positive NAV'),
    average('avg_long_exposure', exposure.long, days, 'no session with positive NAV'),
    average('avg_short_exposure', exposure.short, days, 'no session with positive NAV'),
    average('avg_long_positions', sum(d.longCount), T, 'insufficient data'),
    average('avg_short_positions', sum(d.shortCount), T, 'insufficient data'),
    average('stale_mark_mean', exposure.stale, days, 'no session with positive NAV'),
    days > 0 ? valued('stale_mark_peak', stalePeak, days) : unavailable('stale_mark_peak', 0, 'no session with positive NAV'),
  ];
}


/** Cost lines in currency, the credit lines as negative costs, each with its annual drag. */
function costFigures(result: Result, P: number, periods: Float64Array): Metric[] {
  const T = result.daily.nav.length;
  const a = annualization(result, P, periods);
  const lines: [string, number][] = [
    ...COST_LINES.map((line): [string, number] => [snakeCase(line), sum(result.daily[line])]),
    ['interest_received', 0 - sum(result.daily.interestReceived)],
    ['borrow_rebate', 0 - sum(result.daily.borrowRebate)],
  ];
  const charges = COST_LINES.reduce((s, line: DailyColumn) => s + sum(result.daily[line]), 0);
  const figures: Metric[] = [];
  for (const [line, total] of [...lines, ['total', charges] as [string, number]]) {
    const name = `cost_${line}`;
    figures.push(T > 0 ? valued(name, total, T) : unavailable(name, 0));
    figures.push('note' in a ? unavailable(`${name}_drag`, a.n, a.note) : valued(`${name}_drag`, (total / a.meanNav) * a.perYear, a.n));
  }
  return figures;
}
