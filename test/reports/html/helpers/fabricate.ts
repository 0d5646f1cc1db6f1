// A fabricated but realistic long run for report tests and bench/report.ts: a long/short
// small-cap quality book against a small-cap index, with a bear market, a crash and a recovery,
// monthly rebalances, five cost lines, contributors and a factor regression. Seeded, so every
// call gives the same report. Metrics and drawdowns come from reports/metrics like a real run's.

import { isoDay, parseIsoDay } from '../../../../data/dates.ts';
import { Random } from '../../../../data/random.ts';
import { computeMetrics, drawdownEpisodes, type Metric } from '../../../../reports/metrics/index.ts';
import type { CostLineData, MetricFigure, TearSheetData } from '../../../../reports/html/model.ts';
import { navReturns } from '../../../../reports/html/series.ts';

export interface FabricateOptions {
  sessions?: number;
  /** Seed of the strategy's own returns and book. */
  seed?: number;
  /** Seed of the market factor: runs sharing it move together, as funds on one market do. */
  marketSeed?: number;
  label?: string;
  start?: string;
}

/** Consecutive weekdays from `start`. */
export function weekdayDates(start: string, count: number): string[] {
  const out: string[] = [];
  for (let day = parseIsoDay(start); out.length < count; day++) {
    const weekday = new Date(day * 86_400_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) out.push(isoDay(day));
  }
  return out;
}

/** Market regime by position in the sample: annual drift and volatility of the index. */
function regime(f: number): { mu: number; sigma: number } {
  if (f > 0.16 && f < 0.22) return { mu: -0.45, sigma: 0.38 };
  if (f >= 0.22 && f < 0.3) return { mu: 0.3, sigma: 0.24 };
  if (f > 0.755 && f < 0.762) return { mu: -1.5, sigma: 0.6 };
  return { mu: 0.12, sigma: 0.19 };
}

const toFigures = (metrics: readonly Metric[]): MetricFigure[] => metrics.map((m) => ({ ...m }));

function costLine(line: string, daily: number[], nav: readonly number[]): CostLineData {
  const total = daily.reduce((s, v) => s + v, 0);
  const meanNav = nav.reduce((s, v) => s + v, 0) / nav.length;
  return { line, daily, total, annualDrag: nav.length > 1 ? (total / meanNav) * (252 / (nav.length - 1)) : null };
}

export function fabricateTearSheet(options: FabricateOptions = {}): TearSheetData {
  const T = options.sessions ?? 5_040;
  const random = new Random(options.seed ?? 7, 'report');
  const dates = weekdayDates(options.start ?? '2006-01-02', T);
  const nav = [1_000_000];
  const bench = [1_000_000];
  const long: number[] = [];
  const short: number[] = [];
  const longCount: number[] = [];
  const shortCount: number[] = [];
  const traded: number[] = [];
  const longPnl: number[] = [];
  const shortPnl: number[] = [];
  const lines: Record<string, number[]> = { commission: [], slippage: [], borrow_fee: [], short_dividends: [], interest_received: [] };
  let book = { long: 1.0, short: -0.5, nLong: 120, nShort: 80 };
  for (let t = 0; t < T; t++) {
    const { mu, sigma } = regime(t / T);
    // The market shock is a function of the date, so runs over different periods still share it.
    const shock = new Random(parseIsoDay(dates[t]), `market-${options.marketSeed ?? 7}`).normal();
    const market = mu / 252 + (sigma / Math.sqrt(252)) * shock;
    const quality = 0.03 / 252 + (0.06 / Math.sqrt(252)) * random.normal() - 0.03 * Math.min(market, 0);
    const rebalance = t === 0 || dates[t].slice(5, 7) !== dates[t - 1].slice(5, 7);
    if (rebalance) {
      book = { long: 0.95 + 0.1 * random.uniform(), short: -(0.4 + 0.2 * random.uniform()), nLong: 100 + random.int(40), nShort: 60 + random.int(40) };
    }
    const value = nav[nav.length - 1];
    const turnover = rebalance ? value * (0.25 + 0.2 * random.uniform()) : 0;
    const costs = {
      commission: turnover * 0.0001,
      slippage: turnover * 0.0006,
      borrow_fee: (value * -book.short * 0.01) / 252,
      short_dividends: random.chance(0.015) ? value * -book.short * 0.004 * random.uniform() : 0,
      interest_received: -(value * 0.5 * 0.02) / 252,
    };
    if (t > 0) {
      const charges = costs.commission + costs.slippage + costs.borrow_fee + costs.short_dividends + costs.interest_received;
      const r = (book.long + book.short) * market + quality - charges / value;
      nav.push(value * (1 + r));
      // The books' price P&L: the short side's market move, the rest (quality spread included) the long side's.
      shortPnl.push(value * book.short * market);
      longPnl.push(value * r + charges - value * book.short * market);
      bench.push(bench[bench.length - 1] * (1 + 1.1 * market + 0.002 * random.normal()));
    }
    long.push(book.long);
    short.push(book.short);
    longCount.push(book.nLong);
    shortCount.push(book.nShort);
    if (t === 0) {
      longPnl.push(0);
      shortPnl.push(0);
    }
    traded.push(turnover * 2);
    for (const [line, amount] of Object.entries(costs)) lines[line].push(amount);
  }
  const days = Int32Array.from(dates.slice(1), parseIsoDay);
  const r = navReturns(nav);
  const b = navReturns(bench);
  const startDay = parseIsoDay(dates[0]);
  const strategy = computeMetrics({ returns: r, dates: days, startDay, benchmarkLevels: bench }).metrics;
  const benchmark = computeMetrics({ returns: b, dates: days, startDay }).metrics;
  const symbols = Array.from({ length: 20 }, (_, k) => `SYN${String(k * 37 + 11).padStart(4, '0')}`);
  const total = (x: readonly number[]): number => x.reduce((a, v) => a + v, 0);
  const costLines = Object.entries(lines).map(([line, daily]) => costLine(line, daily, nav));
  return {
    run: {
      id: `run-${(options.seed ?? 7).toString(16).padStart(8, '0')}`,
      label: options.label ?? 'Small-cap quality long/short',
      strategy: { name: 'quality-long-short', params: { universe: 'bottom 2000 by cap', quantile: 0.2, weighting: 'equal', shortLeg: true }, schedule: 'monthStart' },
      data: { name: 'sample (built-in)', from: dates[0], to: dates[T - 1], sessions: T, synthetic: true },
      execution: { convention: 'next-open', lookAheadProne: false },
      costModels: [
        { kind: 'commission', model: 'bps(1)' },
        { kind: 'slippage', model: 'sqrt-impact(k=1, window=20)' },
        { kind: 'borrow', model: '100 bps/yr default' },
      ],
      riskFree: 'none (rf = 0)',
      engineVersion: '0.1.0',
      currency: 'USD',
      periodsPerYear: 252,
      initialCapital: nav[0],
      account: 'margin',
      facts: { requestedFrom: dates[0], firstInvestedDate: dates[1] ?? null, sessionsInCash: 1, ruinDate: null },
    },
    dates,
    nav,
    benchmark: { name: 'Russell 2000 (IWM)', nav: bench },
    metrics: { strategy: toFigures(strategy), benchmark: toFigures(benchmark) },
    drawdowns: drawdownEpisodes(days, r, startDay),
    exposures: {
      long,
      short,
      gross: long.map((l, t) => l - short[t]),
      net: long.map((l, t) => l + short[t]),
      longCount,
      shortCount,
    },
    tradedNotional: traded,
    costs: costLines,
    contributors: symbols.slice(0, 10).map((symbol, k) => ({ symbol, pnl: 180_000 / (k + 1), side: 'long' as const, avgWeight: 0.01, from: dates[0], to: null })),
    detractors: symbols.slice(10).map((symbol, k) => ({ symbol, pnl: -120_000 / (k + 1), side: 'short' as const, avgWeight: -0.008, from: dates[1], to: dates[T - 2] })),
    decomposition: {
      startNav: nav[0],
      endNav: nav[T - 1],
      lines: [
        { line: 'long_book', kind: 'pnl', amount: total(longPnl) },
        { line: 'short_book', kind: 'pnl', amount: total(shortPnl) },
        ...costLines.map((c) => ({ line: c.line, kind: c.total < 0 ? ('income' as const) : ('cost' as const), amount: -c.total })),
      ],
    },
    legs: { long: longPnl, short: shortPnl },
    holdings: {
      asOf: dates[T - 1],
      topLong: symbols.slice(0, 10).map((symbol, k) => ({ symbol, weight: 0.02 - k * 0.001 })),
      topShort: symbols.slice(10).map((symbol, k) => ({ symbol, weight: -0.015 + k * 0.001 })),
      concentration: { dates: dates.filter((_, t) => t % 21 === 0), max: dates.filter((_, t) => t % 21 === 0).map(() => 0.02), median: dates.filter((_, t) => t % 21 === 0).map(() => 0.006), top10: dates.filter((_, t) => t % 21 === 0).map(() => 0.12) },
    },
    attribution: {
      loadings: [
        { model: 'ff5_mom_daily', factor: 'Mkt-RF', loading: 0.52, tStat: 41.3, mean: 0.0003 },
        { model: 'ff5_mom_daily', factor: 'SMB', loading: 0.31, tStat: 12.8, mean: 0.0001 },
        { model: 'ff5_mom_daily', factor: 'HML', loading: -0.04, tStat: -1.2, mean: -0.00005 },
        { model: 'ff5_mom_daily', factor: 'RMW', loading: 0.44, tStat: 15.1, mean: 0.00012 },
        { model: 'ff5_mom_daily', factor: 'CMA', loading: 0.08, tStat: 2.1, mean: 0.00004 },
        { model: 'ff5_mom_daily', factor: 'Mom', loading: 0.02, tStat: 0.9, mean: 0.0002 },
      ],
      fits: [{ model: 'ff5_mom_daily', rSquared: 0.71, alpha: 0.021, alphaTStat: 1.7, n: T - 1, from: dates[1], to: dates[T - 1], periodsPerYear: 252, interceptPerPeriod: 0.00008, meanExcess: 0.00008 + 0.52 * 0.0003 + 0.31 * 0.0001 - 0.04 * -0.00005 + 0.44 * 0.00012 + 0.08 * 0.00004 + 0.02 * 0.0002 }],
    },
    caveats: [
      { code: 'synthetic', severity: 'medium', message: 'SYNTHETIC data: results come from the built-in sample universe, not real prices', size: null, unit: null, symbols: [] },
      { code: 'deferred', severity: 'low', message: '14 order-sessions deferred: no-trade', size: 14, unit: 'count', symbols: [] },
    ],
  };
}
