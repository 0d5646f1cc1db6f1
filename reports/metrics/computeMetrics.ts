// One call for the full METRICS.md set of a return series, in the documented order and names.
import { medianGap } from '../../data/dates.ts';
import { inferFrequency } from '../../engine/calendar/frequency.ts';
import { periodsOfReturns } from '../../engine/calendar/rowPeriods.ts';
import { drawdownDurations, drawdownEpisodes, maxDrawdown, ulcerIndex } from './drawdown.ts';
import type { Metric } from './metric.ts';
import { MIN_STAT_N, unavailable, valued } from './metric.ts';
import { bestWorstPeriods, periodReturns, TRAILING_NAMES, trailingReturns } from './periods.ts';
import { type Pairing, pairingOf } from './relative/pairing.ts';
import { activeRisk, alpha, battingAverage, beta, capture, chainsOf, correlation, levelsOf, pairedIntervals, treynor } from './relative/relative.ts';
import { annualReturn, bestWorstPeriod, cagrCalendar, totalReturn, winLossMetrics } from './returns.ts';
import { annualVolatility, conditionalValueAtRisk, downsideRisk, parametricVaR, skewKurtosis, tailRatio, valueAtRisk } from './risk.ts';
import { calmar, dsr, omega, psr, type SharpeTrials, sharpe, sortino, stability } from './riskAdjusted.ts';
import { flatUpToPrint } from './relative/printRounding.ts';
import type { RiskFree } from './riskFree.ts';
import { mean, nonNaNCount, type Series, sortedNonNaN, steadied } from './stats.ts';
import { type TradeHistory, tradeMetrics } from './trades.ts';
import { returnsToRuin } from './wealthReturns.ts';

export interface MetricsInput {
  /** Simple per-period returns of the NAV, r_t = NAV_t / NAV_{t−1} − 1. */
  returns: Series;
  /** Epoch day of the session of each return (ascending). Enables calendar metrics. */
  dates?: Series;
  /** Epoch day of NAV_0's session (before r[0]); lets calendar metrics use the first return. */
  startDay?: number;
  /**
   * P, from the data's frequency: 252 daily, 52 weekly, 12 monthly. Default: inferred from
   * `dates` (and `startDay`) as a run infers it (engine/calendar/frequency.ts); 252 without dates.
   */
  periodsPerYear?: number;
  /**
   * The time the returns cover in periods of P, where some return covers more than one (a date
   * missing from a month-end calendar; an interval paired with a benchmark across its missing
   * dates, commonPeriod.ts): per return (one value each), or their total. Default: from `dates`
   * (and `startDay`) as a run counts them (engine/calendar/rowPeriods.ts periodsPerRow; r[0] one period
   * without `startDay`), else one per return. The total annualises the annual return and Calmar
   * (years = Σ / P); per return, also the trailing windows. Not the relative metrics: each
   * interval paired with the benchmark is one period of the pairing's P (METRICS.md n_sub/P).
   */
  periods?: number | Series;
  /** Per-period rf: a constant or a series aligned with returns (see riskFree.ts). Default 0. */
  riskFree?: RiskFree;
  /** Where rf came from, for the manifest, e.g. 'FRED DTB3 as of session, forward-filled'. */
  riskFreeSource?: string;
  /**
   * Benchmark value levels aligned with the NAV: n + 1 rows, row 0 at NAV_0's date and row k at
   * r[k − 1]'s, NaN where the benchmark has no value. Relative metrics use the paired intervals
   * between common rows (relative.ts pairedIntervals).
   */
  benchmarkLevels?: Series;
  /** The run of each benchmark level (relative.ts chainsOf): a benchmark built from returns with blanks. Default: one run. */
  benchmarkChain?: Series;
  /**
   * Level rows (0 = NAV_0's, k = r[k − 1]'s) whose NAV is not an observation of the book: every
   * held mark carried (reports/navObservations.ts carriedSessions). The relative metrics pair
   * across them, joining the intervals around each into one. Default: none.
   */
  unobserved?: readonly number[];
  /** The benchmark is cash (the risk-free series compounded): co-movement metrics are undefined. */
  benchmarkIsCash?: boolean;
  /** Per-period target q of downside risk and Sortino; default 0. */
  downsideTarget?: number;
  /** Annual threshold R of Omega; default 0. */
  omegaThreshold?: number;
  /** Trials recorded for the dataset, for the deflated Sharpe ratio. */
  trials?: SharpeTrials;
  /** Fills and the splits their symbols went through, for round-trip trade statistics. */
  trades?: TradeHistory;
}

export interface MetricSet {
  convention: 'breadth-metrics/1';
  periodsPerYear: number;
  /** How P was found: 'given', the inferred spacing (e.g. "inferred: monthly spacing (median gap 30 days)"), or 'no dates: daily (252) assumed'. */
  periodsSource: string;
  riskFree: { source: string; kind: 'zero' | 'constant' | 'series'; meanPerPeriod: number | null };
  downsideTarget: number;
  omegaThreshold: number;
  metrics: Metric[];
  /**
   * The time the known returns cover in periods of P (Σk, `MetricsInput.periods`), present where
   * it is not one period a return: the m of annual_return = (Π(1 + r))^(P/m) − 1 and of Calmar
   * (years = m / P). An irregular calendar's rows each count their days, gap · P / 365.25, so m is
   * its span · P / 365.25 (8 dates over 120 days at P = 21: 6.90, not 7); a row closing missing
   * dates counts the periods it spans (month-ends without June: 13 for 12 returns).
   */
  periodsCovered?: number;
  /** With a benchmark: the intervals paired with it and the P that annualises the relative metrics. */
  pairing?: Pairing;
  /**
   * Present when some return was ≤ −1 (wealth went to 0 or below): every metric is measured over
   * the returns up to and including that one (row `row`, 0-based); the `left` returns after it
   * start from wealth ≤ 0 and measure nothing (wealthReturns.ts).
   */
  ruin?: { readonly row: number; readonly left: number };
}

/** P as given; else inferred from the dates (NAV_0's day first when known), as a run infers it; else daily. */
function periodsOf(input: MetricsInput): { P: number; source: string } {
  if (input.periodsPerYear !== undefined) return { P: input.periodsPerYear, source: 'given' };
  const d = input.dates;
  if (d === undefined || d.length === 0) return { P: 252, source: 'no dates: daily (252) assumed' };
  const f = inferFrequency(input.startDay === undefined ? d : [input.startDay, ...Array.from(d)]);
  return { P: f.periodsPerYear, source: f.source };
}

function checkInput(input: MetricsInput): void {
  const n = input.returns.length;
  const same = (what: string, s: Series | undefined): void => {
    if (s !== undefined && s.length !== n) throw new RangeError(`${what} has ${s.length} rows but returns have ${n}; align them first`);
  };
  same('dates', input.dates);
  if (input.benchmarkLevels !== undefined && input.benchmarkLevels.length !== n + 1) {
    throw new RangeError(`benchmarkLevels has ${input.benchmarkLevels.length} rows; it needs one per NAV level (${n + 1})`);
  }
  if (typeof input.riskFree !== 'number') same('riskFree', input.riskFree);
  if (typeof input.periods === 'object') same('periods', input.periods);
  const d = input.dates;
  if (d !== undefined) {
    for (let i = 1; i < n; i++) if (!(d[i] > d[i - 1])) throw new RangeError(`dates must strictly increase: row ${i} (${d[i]}) after ${d[i - 1]}`);
    if (input.startDay !== undefined && n > 0 && !(input.startDay < d[0])) throw new RangeError(`startDay ${input.startDay} must precede the first date ${d[0]}`);
  }
}

function describeRiskFree(rf: RiskFree | undefined, source: string | undefined): MetricSet['riskFree'] {
  if (rf === undefined || rf === 0) return { source: source ?? 'none (rf = 0)', kind: 'zero', meanPerPeriod: 0 };
  if (typeof rf === 'number') return { source: source ?? `constant ${rf} per period`, kind: 'constant', meanPerPeriod: rf };
  const m = mean(rf);
  return { source: source ?? 'per-period series', kind: 'series', meanPerPeriod: Number.isNaN(m) ? null : m };
}

function calendarMetrics(input: MetricsInput, P: number, rowPeriods: Series | undefined): Metric[] {
  const { dates, returns: r, startDay } = input;
  const names = ['cagr_calendar', 'best_month', 'worst_month', 'best_year', 'worst_year', ...TRAILING_NAMES];
  if (dates === undefined) return names.map((name) => unavailable(name, 0, 'dates not given'));
  const gap = medianGap(Array.from(dates));
  return [
    cagrCalendar(dates, r, startDay),
    ...bestWorstPeriods(periodReturns(dates, r, 'month'), 'month', gap),
    ...bestWorstPeriods(periodReturns(dates, r, 'year'), 'year', gap),
    ...trailingReturns(dates, r, P, startDay, rowPeriods),
  ];
}

/** The relative metrics of METRICS.md over paired rows, each row one period of P. */
function relativeMetrics(r: Series, b: Series, rf: RiskFree, P: number): Metric[] {
  return [
    alpha(r, b, rf, P),
    beta(r, b),
    ...correlation(r, b),
    ...activeRisk(r, b, P),
    capture(r, b, 'up', P),
    capture(r, b, 'down', P),
    battingAverage(r, b, 'all'),
    battingAverage(r, b, 'up'),
    battingAverage(r, b, 'down'),
    treynor(r, b, rf, P),
  ];
}

/** Metrics that measure co-movement with the benchmark: undefined against cash, which does not move. */
const CO_MOVEMENT = new Set(['beta', 'correlation', 'r_squared', 'up_capture', 'down_capture', 'batting_average_up', 'batting_average_down', 'treynor']);
const CASH_NOTE = 'the benchmark is cash';
const NO_COMMON_DATES = 'no two dates in common with the benchmark';
/**
 * Metrics that divide by the benchmark's variance (β) or its volatility, or that sort its rows by
 * the sign of its move (captures): undefined on a benchmark flat up to its print, whose moves are
 * the rounding of its last digit (probe r32b: an up capture of 2.22 over 19 one-cent ticks).
 */
const ON_BENCHMARK_VARIANCE = new Set(['alpha', 'beta', 'correlation', 'r_squared', 'treynor', 'up_capture', 'down_capture']);

/** A benchmark whose printed levels are a constant growth up to their rounding (printRounding.ts): its β would be measured on rounding. */
function withoutPrintNoise(metrics: Metric[], benchmarkLevels: Series): Metric[] {
  const tick = flatUpToPrint(benchmarkLevels);
  if (tick === null) return metrics;
  const why = `zero benchmark volatility: its levels grow at a constant rate up to the rounding of their last printed digit (a tick of ${tick.toExponential(1)} of its first level)`;
  return metrics.map((m) => (ON_BENCHMARK_VARIANCE.has(m.name) ? unavailable(m.name, m.n, why) : m));
}

/**
 * Relative metrics over the intervals the NAV and the benchmark share, annualised with the P of
 * those intervals (pairing.ts), each interval one period of it. Against cash (the risk-free series
 * compounded) beta, correlation, captures and Treynor are not defined — they would divide by the
 * noise of the bill rate — and alpha is the annualised mean excess return (β = 0): (1 + mean(r − rf))^P − 1;
 * tracking error and information ratio are those of r − rf.
 */
function pairedMetrics(input: MetricsInput, benchmarkLevels: Series, rf: RiskFree, P: number): { metrics: Metric[]; pairing: Pairing } {
  const levels = levelsOf(input.returns);
  for (const k of input.unobserved ?? []) levels[k] = NaN;
  const paired = pairedIntervals(levels, benchmarkLevels, rf, { a: chainsOf(input.returns), ...(input.benchmarkChain ? { b: input.benchmarkChain } : {}) });
  // Row 0 of the levels is NAV_0's session, row k the k-th return's; without dates the series' P stands.
  const { dates, startDay } = input;
  const how = dates === undefined ? { intervals: paired.r.length, periodsPerYear: P, source: 'no dates: the series\' P', ...(paired.unknown > 0 ? { unknown: paired.unknown } : {}) } : pairingOf(paired, [startDay ?? NaN, ...Array.from(dates)], P);
  const Pp = how.periodsPerYear;
  const measured = withoutPrintNoise(relativeMetrics(paired.r, paired.b, paired.rf, Pp), benchmarkLevels);
  // Fewer than two common dates: nothing was paired, which is not a small sample.
  const metrics = paired.r.length === 0 && paired.unknown === 0 ? measured.map((m) => unavailable(m.name, 0, NO_COMMON_DATES)) : measured;
  if (input.benchmarkIsCash !== true) return { metrics, pairing: how };
  const cash = metrics.map((m) => {
    if (CO_MOVEMENT.has(m.name)) return unavailable(m.name, m.n, CASH_NOTE);
    if (m.name !== 'alpha' || paired.r.length < MIN_STAT_N) return m;
    // Intervals with a missing rate (NaN rf) are left out, as alpha leaves them out against any benchmark.
    let sum = 0;
    let known = 0;
    for (let k = 0; k < paired.r.length; k++) {
      if (Number.isNaN(paired.rf[k])) continue;
      sum += paired.r[k] - paired.rf[k];
      known++;
    }
    return known < MIN_STAT_N ? unavailable('alpha', known) : valued('alpha', Math.pow(1 + sum / known, Pp) - 1, known);
  });
  return { metrics: cash, pairing: how };
}

/** Σ of the periods the non-blank returns cover (`rowPeriods`, one each by default). */
function knownPeriods(r: Series, rowPeriods: Series | undefined): number {
  let total = 0;
  for (let k = 0; k < r.length; k++) if (!Number.isNaN(r[k])) total += rowPeriods === undefined ? 1 : rowPeriods[k];
  return total;
}

/**
 * The input cut after its first return ≤ −1 (ruin), every row-aligned field with it (returns,
 * dates, per-return periods and rf: k rows; benchmark levels and chains: k + 1), or as given.
 */
function toRuin(input: MetricsInput): { input: MetricsInput; ruin?: MetricSet['ruin'] } {
  const n = input.returns.length;
  const k = returnsToRuin(input.returns);
  if (k === n) return { input };
  const cut = (s: Series, rows: number): Series => Array.prototype.slice.call(s, 0, rows) as number[];
  const { dates, periods, riskFree, benchmarkLevels, benchmarkChain, unobserved } = input;
  return {
    input: {
      ...input,
      returns: cut(input.returns, k),
      ...(dates === undefined ? {} : { dates: cut(dates, k) }),
      ...(periods === undefined || typeof periods === 'number' ? {} : { periods: cut(periods, k) }),
      ...(riskFree === undefined || typeof riskFree === 'number' ? {} : { riskFree: cut(riskFree, k) }),
      ...(benchmarkLevels === undefined ? {} : { benchmarkLevels: cut(benchmarkLevels, k + 1) }),
      ...(benchmarkChain === undefined ? {} : { benchmarkChain: cut(benchmarkChain, k + 1) }),
      ...(unobserved === undefined ? {} : { unobserved: unobserved.filter((row) => row <= k) }),
    },
    ruin: { row: k - 1, left: n - k },
  };
}

/**
 * Every metric of METRICS.md for one return series; relative and trade metrics when given. A
 * series whose wealth went to 0 or below (a return ≤ −1) is measured to that return (`ruin`).
 */
export function computeMetrics(given: MetricsInput): MetricSet {
  checkInput(given);
  const { input: measured, ruin } = toRuin(given);
  const input = { ...measured, returns: steadied(measured.returns) };
  const { P, source } = periodsOf(input);
  if (!(Number.isFinite(P) && P > 0)) throw new RangeError(`periodsPerYear must be a positive number, got ${P}`);
  const r = input.returns;
  const rowPeriods = typeof input.periods === 'number' ? undefined : (input.periods ?? (input.dates === undefined || input.dates.length === 0 ? undefined : periodsOfReturns(input.dates, input.startDay, P)));
  // The time the known returns cover: a blank (unknown) return's period is not in it (a returns file missing a month: 23 of 24).
  const periods = typeof input.periods === 'number' ? input.periods : knownPeriods(r, rowPeriods);
  const rf = input.riskFree ?? 0;
  const q = input.downsideTarget ?? 0;
  const R = input.omegaThreshold ?? 0;
  const sorted = sortedNonNaN(r);
  const [best, worst] = bestWorstPeriod(r);
  const calendar = calendarMetrics(input, P, rowPeriods);
  const relative = input.benchmarkLevels === undefined ? undefined : pairedMetrics(input, input.benchmarkLevels, rf, P);
  const metrics: Metric[] = [
    totalReturn(r),
    annualReturn(r, P, periods),
    calendar[0],
    annualVolatility(r, P),
    downsideRisk(r, q, P),
    sharpe(r, rf, P),
    sortino(r, q, P),
    calmar(r, P, periods),
    omega(r, rf, P, R),
    stability(r),
    maxDrawdown(r),
    ...drawdownDurations(drawdownEpisodes(null, r)),
    ulcerIndex(r),
    valueAtRisk(sorted, 0.05),
    conditionalValueAtRisk(sorted, 0.05),
    valueAtRisk(sorted, 0.01),
    conditionalValueAtRisk(sorted, 0.01),
    parametricVaR(r, 0.05),
    ...skewKurtosis(r),
    tailRatio(sorted),
    psr(r, rf),
    dsr(r, rf, input.trials),
    ...winLossMetrics(r),
    best,
    worst,
    ...calendar.slice(1),
    ...(relative?.metrics ?? []),
    ...(input.trades === undefined ? [] : tradeMetrics(input.trades)),
  ];
  return {
    convention: 'breadth-metrics/1',
    periodsPerYear: P,
    periodsSource: source,
    riskFree: describeRiskFree(input.riskFree, input.riskFreeSource),
    downsideTarget: q,
    omegaThreshold: R,
    metrics,
    // Shares of a period (6/7 + 1/7) sum to a whole one only to rounding.
    ...(Math.abs(periods - nonNaNCount(r)) <= 1e-9 ? {} : { periodsCovered: periods }),
    ...(relative === undefined ? {} : { pairing: relative.pairing }),
    ...(ruin === undefined ? {} : { ruin }),
  };
}
