// Stored runs (reports/store getRun) to the renderers' plain-data model, so any run in SQLite
// can be re-rendered without its Result. Conventions follow reports/runMetrics.ts: exposures are
// fractions of NAV with the short side ≤ 0, credits (interest received, borrow rebate) are
// negative costs, and `cost_<line>_drag` is the annualized drag.

import type { ModelConcern } from '../../engine/models/types.ts';
import { COST_LINES, type DailyColumn, snakeCase } from '../../engine/result.ts';
import { topContributors } from '../attribution/index.ts';
import { CASH_BENCHMARK } from '../benchmark/benchmark.ts';
import { commonIntervals, measureOver, periodsPerRow, sum, wealthSeries, withholdTreynor } from '../metrics/index.ts';
import { carriedSessions, observedValues } from '../navObservations.ts';
import type { StoredRun } from '../store/index.ts';
import { dominantHoldings, holdingsData, symbolHoldings } from './holdings.ts';
import { pageCaveats } from './storedCaveats.ts';
import type { ComparisonRun, CostLineData, ExposureSeries, MetricFigure, RunInfo, SymbolPnl, TearSheetData } from './model.ts';
import { epochDays } from './series.ts';

/** Credits that add to NAV, shown as negative costs beside the five charges. */
const CREDIT_LINES = ['interestReceived', 'borrowRebate'] as const;
const TOP_SYMBOLS = 10;
/**
 * Every data file breadth reads is in US dollars (../shared/data/README.md) and runs record no
 * currency of their own yet: the page names this one.
 */
export const RUN_CURRENCY = 'USD';

function runLabel(stored: StoredRun): string {
  return stored.run.label ?? stored.run.strategy;
}

function costModels(stored: StoredRun): RunInfo['costModels'] {
  const { config, costModels, userModels = [] } = stored.manifest;
  // Runs stored before models were plug-ins name only commission and slippage.
  const names = costModels as Partial<Record<ModelConcern, string>>;
  if (names.borrow !== undefined) {
    // Every concern's model is named (a user's model included): show what really ran.
    const user = new Map(userModels.map((m) => [m.concern, m]));
    const shown: { kind: ModelConcern; model: string }[] = (['commission', 'slippage', 'borrow', 'cash'] as const).map((kind) => ({ kind, model: costModels[kind] }));
    if (config.participationCap !== undefined || user.has('volume')) shown.push({ kind: 'volume', model: costModels.volume });
    if (user.has('fill')) shown.push({ kind: 'fill', model: costModels.fill });
    return shown.map((m) => (user.has(m.kind) ? { ...m, model: `${m.model} (user model${user.get(m.kind)?.path ? ` ${user.get(m.kind)?.path}` : ''})` } : m));
  }
  const rate = config.cash.rate;
  const models = [
    { kind: 'commission', model: costModels.commission },
    { kind: 'slippage', model: costModels.slippage },
    { kind: 'borrow', model: `${config.borrow.defaultBps} bps/yr default, rebate ${config.borrow.rebateBps} bps/yr` },
    { kind: 'cash', model: rate === null ? 'no interest' : `${typeof rate === 'number' ? `${rate * 100}%/yr` : rate}, debit spread ${config.cash.debitSpreadBps} bps` },
  ];
  if (config.participationCap !== undefined) models.push({ kind: 'volume cap', model: `${config.participationCap * 100}% of session volume` });
  return models;
}

function runInfo(stored: StoredRun): RunInfo {
  const { run } = stored;
  return {
    id: String(run.id),
    label: runLabel(stored),
    strategy: { name: run.strategy, params: run.params, schedule: run.schedule },
    data: { name: run.dataName, from: run.periodFrom, to: run.periodTo, sessions: run.sessions, periods: sum(periodsPerRow(epochDays(stored.daily.dates), run.periodsPerYear)), synthetic: run.synthetic },
    execution: { convention: run.execution, lookAheadProne: run.lookAheadProne },
    costModels: costModels(stored),
    riskFree: run.riskFreeSource,
    engineVersion: run.engineVersion,
    currency: RUN_CURRENCY,
    periodsPerYear: run.periodsPerYear,
    initialCapital: run.initialCash,
    account: run.account,
    facts: { requestedFrom: run.requestedFrom, firstInvestedDate: run.firstInvestedDate, sessionsInCash: run.sessionsInCash, ruinDate: run.ruinDate },
  };
}

function exposures(stored: StoredRun): ExposureSeries {
  const d = stored.daily;
  const c = d.columns;
  const share = (value: Float64Array): number[] => Array.from(value, (v, t) => (c.nav[t] > 0 ? v / c.nav[t] : NaN));
  return {
    long: share(c.longValue),
    short: share(c.shortValue.map((v) => -Math.abs(v))),
    gross: Array.from(d.grossExposure),
    net: Array.from(d.netExposure),
    longCount: Array.from(c.longCount),
    shortCount: Array.from(c.shortCount),
  };
}

function costLines(stored: StoredRun): CostLineData[] {
  const drag = new Map(stored.metrics.map((m) => [m.name, m.value]));
  const line = (column: DailyColumn, sign: 1 | -1): CostLineData => {
    const name = snakeCase(column);
    const daily = Array.from(stored.daily.columns[column], (v) => (sign === 1 ? v : 0 - v));
    return { line: name, daily, total: daily.reduce((s, v) => s + v, 0), annualDrag: drag.get(`cost_${name}_drag`) ?? null };
  };
  return [...COST_LINES.map((c) => line(c, 1)), ...CREDIT_LINES.map((c) => line(c, -1))];
}

/** The benchmark's value on each session: its stored level, or (older stores) its returns compounded. */
function benchmarkLevels(stored: StoredRun): (number | null)[] | undefined {
  const d = stored.daily;
  if (d.benchmarkLevel.some((v) => !Number.isNaN(v))) return Array.from(d.benchmarkLevel, (v) => (Number.isNaN(v) ? null : v));
  if (!d.benchmarkReturn.some((v) => !Number.isNaN(v))) return undefined;
  return Array.from(wealthSeries(d.benchmarkReturn.subarray(1))); // a missing return leaves the level where it was
}

/**
 * The benchmark: another stored run (its NAV matched on dates, its own metrics), or else the
 * benchmark's stored levels, rebased to the run's starting capital, with metrics computed here
 * on its own values: returns from one value to the next, rf compounded over each, annualised
 * with the P of those intervals (pairing.ts; a month-end benchmark in a daily run is monthly).
 * `pairing` says what the run's relative metrics were paired over.
 */
function benchmarkOf(stored: StoredRun, benchmarkRun: StoredRun | undefined): Pick<TearSheetData, 'benchmark' | 'pairing'> & { metrics?: MetricFigure[]; periodsPerYear?: number; period?: { from: string; to: string } } {
  const d = stored.daily;
  if (benchmarkRun !== undefined) {
    const navByDate = new Map(benchmarkRun.daily.dates.map((date, t) => [date, benchmarkRun.daily.columns.nav[t]]));
    return { benchmark: { name: runLabel(benchmarkRun), nav: d.dates.map((date) => navByDate.get(date) ?? null) }, metrics: benchmarkRun.metrics, periodsPerYear: benchmarkRun.run.periodsPerYear, period: { from: benchmarkRun.run.periodFrom, to: benchmarkRun.run.periodTo } };
  }
  const name = stored.run.benchmark;
  const levels = benchmarkLevels(stored);
  if (name === null || levels === undefined) return {};
  const first = levels.find((v) => v !== null && v > 0) ?? 1;
  const nav = levels.map((v) => (v === null ? null : (v / first) * stored.run.initialCash));
  const days = epochDays(d.dates);
  const rf = d.riskFreeReturn.subarray(1);
  const common = commonIntervals(observedValues(d.columns.nav, carriedOf(stored)), Float64Array.from(levels, (v) => v ?? NaN), days, stored.run.periodsPerYear, rf);
  const { pairing } = common;
  // Cash has no risk to measure: its Sharpe is 0/0 and its Calmar divides by a drawdown of 0. The
  // page states what cash earned beside each return figure instead of a column of such ratios.
  if (name === CASH_BENCHMARK || common.first < 0) return { benchmark: { name, nav }, pairing };
  const period = { from: d.dates[common.first], to: d.dates[common.last] };
  return { benchmark: { name, nav }, pairing, metrics: measureOver(common, days, 'b'), periodsPerYear: pairing.periodsPerYear, period };
}

/** Top contributors and detractors with the side they were held on, mean weight and holding dates. */
function contributors(stored: StoredRun): Pick<TearSheetData, 'contributors' | 'detractors'> {
  const top = topContributors(stored.contributions, TOP_SYMBOLS);
  const held = symbolHoldings(stored.positions, stored.fills, stored.splits);
  const row = (c: { symbol: string; total: number }): SymbolPnl => ({ symbol: c.symbol, pnl: c.total, ...held.get(c.symbol) });
  return { contributors: top.contributors.map(row), detractors: top.detractors.map(row) };
}

/** A stored run as a tear sheet; `benchmarkRun` (e.g. IWM buy-and-hold) overrides the stored benchmark. */
export function tearSheetFromStoredRun(stored: StoredRun, benchmarkRun?: StoredRun): TearSheetData {
  const d = stored.daily;
  const { benchmark, pairing, metrics: benchmarkMetrics, periodsPerYear: benchmarkPeriodsPerYear, period: benchmarkPeriod } = benchmarkOf(stored, benchmarkRun);
  const sectors = new Map(stored.symbols.filter((s) => s.sector !== '').map((s) => [s.symbol, s.sector]));
  const holdings = holdingsData(stored.positions, sectors);
  const { decomposition: dec } = stored;
  return {
    run: runInfo(stored),
    dates: d.dates,
    nav: Array.from(d.columns.nav),
    carried: carriedOf(stored),
    ...(benchmark === undefined ? {} : { benchmark }),
    ...(pairing === undefined ? {} : { pairing }),
    riskFreeReturns: Array.from(d.riskFreeReturn.subarray(1)),
    metrics: benchmarkMetrics === undefined ? { strategy: stored.metrics } : { strategy: stored.metrics, benchmark: benchmarkMetrics, benchmarkPeriodsPerYear, ...(benchmarkPeriod === undefined ? {} : { benchmarkPeriod }) },
    drawdowns: stored.drawdowns,
    exposures: exposures(stored),
    tradedNotional: Array.from(d.columns.tradedNotional),
    costs: costLines(stored),
    ...contributors(stored),
    attribution: {
      loadings: stored.regressions.flatMap((r) => r.loadings.map((l) => ({ model: r.model, factor: l.factor, loading: l.loading, tStat: l.tStat, mean: l.mean }))),
      fits: stored.regressions.map((r) => ({
        model: r.model,
        rSquared: r.rSquared,
        alpha: r.alphaAnnualized,
        alphaTStat: r.alphaT,
        n: r.n,
        from: r.from,
        to: r.to,
        periodsPerYear: r.periodsPerYear,
        interceptPerPeriod: r.alpha,
        meanExcess: r.meanExcess,
      })),
    },
    decomposition: { startNav: dec.startNav, endNav: dec.endNav, lines: dec.lines.map(({ line, kind, amount }) => ({ line, kind, amount })) },
    legs: { long: Array.from(d.columns.longPnl), short: Array.from(d.columns.shortPnl) },
    ...(holdings === undefined ? {} : { holdings }),
    caveats: pageCaveats(stored),
  };
}

/** Sessions whose NAV carried every held mark (none in runs stored before schema v12). */
function carriedOf(stored: StoredRun): number[] {
  return carriedSessions(stored.daily.columns.navCarried);
}

/** A stored run as one column of the comparison page. */
export function comparisonRunFromStoredRun(stored: StoredRun): ComparisonRun {
  const { run, daily } = stored;
  const levels = benchmarkLevels(stored);
  const trading = (column: 'commission' | 'slippage'): number => daily.columns[column].reduce((s, v) => s + v, 0);
  return {
    id: String(run.id),
    label: runLabel(stored),
    strategy: run.strategy,
    dataName: run.dataName,
    synthetic: run.synthetic,
    lookAheadProne: run.lookAheadProne,
    dates: daily.dates,
    nav: Array.from(daily.columns.nav),
    carried: carriedOf(stored),
    metrics: withholdTreynor(stored.metrics),
    exposures: { gross: Array.from(daily.grossExposure), net: Array.from(daily.netExposure) },
    caveats: pageCaveats(stored),
    periodsPerYear: run.periodsPerYear,
    riskFreeReturns: Array.from(daily.riskFreeReturn.subarray(1)),
    ...(run.benchmark === null || levels === undefined ? {} : { benchmark: { name: run.benchmark, levels } }),
    holdings: dominantHoldings(stored.fills, stored.splits),
    tradingCosts: trading('commission') + trading('slippage'),
    currency: RUN_CURRENCY,
  };
}
