// The tear sheet's charts as payload specs. Curves where detail matters (equity, underwater)
// keep every session up to FULL_POINTS, and beyond it every peak and trough (extremaIndices);
// smooth or step-like series (rolling statistics, exposures, holdings, the books' P&L) are
// thinned to COARSE_POINTS, which a chart 1,200 px wide cannot tell apart and which keeps a
// 30-year report small. Windows scale with P (half a
// year and a year of periods), so monthly runs get 6- and 12-period windows, not 126 sessions.

import { drawdownSeries, rollingAlpha, rollingBeta, rollingSharpe, rollingSortino, rollingVolatility, nonNaNCount, sampleStd } from '../../metrics/index.ts';
import { splitModel, returnSplit } from './attributionView.ts';
import { monthlyHeatmap, type YearRow, yearRows } from './calendar.ts';
import { type BarChartSpec, type ChartPayload, ChartPayloadBuilder, COLORS, compact, extremaIndices, type LineSeriesSpec, type SampledAxis, strideIndices } from '../page/charts.ts';
import { benchmarkIsCash } from './figures.ts';
import { formatPercent, formatRatio } from '../page/format.ts';
import { addHoldingsCharts } from './holdingsView.ts';
import { humanize } from '../metricCatalog.ts';
import type { TearSheetData } from '../model.ts';
import { addLegsChart, waterfall } from './pnl.ts';
import { bucketShareOfNav, calendarBuckets, epochDays, histogram, navReturns, pairedOnRows, pathFrom, rebased, wherePresent } from '../series.ts';

const FULL_POINTS = 4_000;
const COARSE_POINTS = 1_000;

/** Rolling windows for P periods a year: half a year and a year. */
export const rollingWindows = (periodsPerYear: number): [number, number] => [Math.max(2, Math.round(periodsPerYear / 2)), Math.max(3, Math.round(periodsPerYear))];

/** A per-return series (length T − 1) placed on the session axis (length T, NaN at session 0). */
function onSessions(perReturn: ArrayLike<number>): Float64Array {
  const out = new Float64Array(perReturn.length + 1);
  out[0] = NaN;
  out.set(perReturn, 1);
  return out;
}

/** A run shorter than the window has no rolling value at all: the page says so instead of an empty plot. */
const hasValue = (s: LineSeriesSpec): boolean => s.values.some((v) => v !== null);

export interface TearSheetCharts {
  payload: ChartPayload;
  years: YearRow[];
  heatmapCaps: { month: number; year: number };
  /**
   * The volatility-matched chart: the benchmark's leverage std(r)/std(b) over the paired
   * intervals (how many, at P a year), and the strategy's annual volatility over those same
   * intervals, std(r)·√P — the volatility the levered benchmark has there.
   */
  volatilityMatch?: { factor: number; volatility: number; intervals: number; periodsPerYear: number };
}

/** The risk-free growth of the starting capital, on the session axis. */
function cashNav(data: TearSheetData): number[] | undefined {
  const rf = data.riskFreeReturns;
  if (rf === undefined || rf.every((v) => !Number.isFinite(v) || v === 0) || benchmarkIsCash(data)) return undefined;
  const out = [data.nav[0]];
  rf.forEach((v, k) => out.push(out[k] * (1 + (Number.isFinite(v) ? v : 0))));
  return out;
}

export function tearSheetCharts(data: TearSheetData): TearSheetCharts {
  const P = data.run.periodsPerYear;
  const out = new ChartPayloadBuilder(P);
  const T = data.dates.length;
  const r = navReturns(data.nav);
  const bench = data.benchmark;
  const b = bench === undefined ? undefined : navReturns(bench.nav);
  // The benchmark against the NAV over the intervals both cover, a gap compounded into one.
  const pairs = bench === undefined ? undefined : pairedOnRows(data.nav, bench.nav, data.riskFreeReturns, data.carried);
  const pairedP = data.pairing?.periodsPerYear ?? P;
  // Drawdowns on the session axis: drawdownSeries of T − 1 returns has T values, 0 at the first
  // session (its starting value is a peak) and W_t / max W − 1 on each session t after it. The
  // benchmark's is drawn from the first session it pairs with the run (W = 1 there, a peak) and
  // on the sessions its intervals end on: before it started there is no line, not a flat 0.
  const ownDrawdown = drawdownSeries(r);
  const benchDrawdown = pairs === undefined ? undefined : wherePresent(drawdownSeries(pairs.b), pathFrom(pairs.b, pairs.first, 1));
  const benchNav = bench === undefined ? undefined : rebased(data.nav, bench.nav);
  // The benchmark's own points are kept too: a coarser benchmark has values on few rows.
  const full = extremaIndices(T, FULL_POINTS, [data.nav, ownDrawdown, ...(benchDrawdown === undefined ? [] : [benchDrawdown]), ...(benchNav === undefined ? [] : [benchNav])]);
  const coarse = strideIndices(T, COARSE_POINTS);
  const fullAxis = out.sampled(data.dates, full);
  const coarseAxis = out.sampled(data.dates, coarse);
  const days = epochDays(data.dates);
  const name = data.run.label;
  // One value per session, drawn at the axis's rows.
  const line = (label: string, axis: SampledAxis, values: ArrayLike<number | null>, color: string, extra: Partial<LineSeriesSpec> = {}): LineSeriesSpec => ({ name: label, x: axis.x, values: axis.values(values), color, ...extra });

  // Equity: NAV against the benchmark rebased to the same starting capital, and cash.
  const cash = cashNav(data);
  const equity = [line(name, fullAxis, data.nav, COLORS.runs[0], { width: 2 })];
  if (bench !== undefined && benchNav !== undefined) equity.push(line(bench.name, fullAxis, benchNav, COLORS.runs[1], { connect: true }));
  if (cash !== undefined) equity.push(line('Cash', coarseAxis, cash, COLORS.runs[2], { dashed: true }));
  const positive = data.nav.every((v) => v > 0) && (benchNav ?? []).every((v) => v === null || v > 0);
  out.add({ type: 'line', id: 'equity', format: 'currency', series: equity, logToggle: positive, zoom: true });

  // Volatility-matched: the benchmark levered to the strategy's volatility, so returns compare at equal risk.
  let volatilityMatch: TearSheetCharts['volatilityMatch'];
  if (bench !== undefined && pairs !== undefined && !benchmarkIsCash(data)) {
    const factor = sampleStd(pairs.r) / sampleStd(pairs.b);
    if (Number.isFinite(factor) && factor > 0) {
      // Started at the run's NAV on the first session both have (as the equity chart rebases it),
      // each paired interval's levered return lands on its last session, joined across a gap.
      const levered = pathFrom(pairs.b.map((v) => factor * v), pairs.first, data.nav[pairs.first]);
      volatilityMatch = { factor, volatility: sampleStd(pairs.r) * Math.sqrt(pairedP), intervals: nonNaNCount(pairs.b), periodsPerYear: pairedP };
      // A coarser benchmark has values on few rows: the axis keeps its points as well as the NAV's.
      const axis = out.sampled(data.dates, extremaIndices(T, COARSE_POINTS, [data.nav, levered]));
      out.add({ type: 'line', id: 'vol-matched', format: 'currency', series: [line(name, axis, data.nav, COLORS.runs[0], { width: 2 }), line(`${bench.name} ×${formatRatio(factor)}`, axis, levered, COLORS.runs[1], { connect: true })] });
    }
  }

  // Underwater, with the five deepest episodes shaded; an open episode is labelled so.
  const worst = [...data.drawdowns].sort((x, y) => x.depth - y.depth).slice(0, 5);
  const underwater = [line(name, fullAxis, ownDrawdown, COLORS.short, { area: true })];
  if (bench !== undefined && benchDrawdown !== undefined) underwater.push(line(bench.name, fullAxis, benchDrawdown, COLORS.runs[1], { dashed: true, connect: true }));
  out.add({
    type: 'line',
    id: 'underwater',
    format: 'percent',
    series: underwater,
    zoom: true,
    // On a phone the numbers alone: "#2 -2.9%" labels ran into each other and the curve (the table below has the depths).
    areas: worst.map((e, k) => ({ from: e.peakDate ?? data.dates[0], to: e.recoveryDate ?? data.dates[T - 1], label: `#${k + 1} ${formatPercent(e.depth, 1)}${e.recoveryDate === null ? ' (open)' : ''}`, short: `#${k + 1}` })),
  });

  // Rolling statistics: both windows for the strategy, the longer one for the benchmark.
  const [short, long] = rollingWindows(P);
  const rf = data.riskFreeReturns ?? 0;
  // The benchmark's window is drawn once it lies wholly after the benchmark's first session:
  // a window ending on session s holds the returns into sessions s − w + 1 … s, from level s − w.
  const benchFrom = pairs === undefined || pairs.first < 0 ? Infinity : pairs.first;
  const sinceBenchmark = (x: Float64Array, w: number): Float64Array => x.map((v, s) => (s - w >= benchFrom ? v : NaN));
  const rolling = (id: string, stat: (x: Float64Array, w: number) => Float64Array, format: 'ratio' | 'percent', withBenchmark = true): void => {
    const series = [short, long].map((w, k) => line(`${w} periods`, coarseAxis, onSessions(stat(r, w)), k === 0 ? COLORS.light : COLORS.runs[0], { width: k === 0 ? 1 : 2 }));
    // Cash has no risk to roll: its Sortino divides by a downside of almost nothing.
    if (withBenchmark && bench !== undefined && b !== undefined && !benchmarkIsCash(data)) series.push(line(`${bench.name}, ${long}`, coarseAxis, sinceBenchmark(onSessions(stat(b, long)), long), COLORS.runs[1]));
    if (series.some(hasValue)) out.add({ type: 'line', id, format, series, marks: [0] });
  };
  rolling('rolling-sharpe', (x, w) => rollingSharpe(x, w, P, rf), 'ratio');
  rolling('rolling-sortino', (x, w) => rollingSortino(x, w, P), 'ratio');
  rolling('rolling-volatility', (x, w) => rollingVolatility(x, w, P), 'percent');
  if (pairs !== undefined) {
    // Windows of sessions holding the paired intervals that end in them, annualised with their P.
    rolling('rolling-beta', (_, w) => rollingBeta(pairs.r, pairs.b, w), 'ratio', false);
    rolling('rolling-alpha', (_, w) => rollingAlpha(pairs.r, pairs.b, w, pairedP, pairs.rf), 'percent', false);
  }

  // Calendar returns: the month × year heatmap with a year column, and yearly bars.
  const years = yearRows(data.dates, data.nav, bench?.nav);
  const heatmap = monthlyHeatmap('monthly', data.dates, data.nav, years);
  out.add(heatmap.spec);
  const yearlySeries: BarChartSpec['series'] = [{ name, values: compact(years.map((y) => y.strategy)), color: COLORS.runs[0] }];
  if (bench !== undefined) yearlySeries.push({ name: bench.name, values: compact(years.map((y) => y.benchmark)), color: COLORS.runs[1] });
  out.add({ type: 'bar', id: 'yearly', format: 'percent', categories: years.map((y) => (y.partial ? `${y.year}*` : y.year)), series: yearlySeries });

  // Distribution of period returns, shares of periods so the two series compare.
  const hist = histogram(b === undefined ? [r] : [r, b]);
  const width = hist.edges.length > 1 ? hist.edges[1] - hist.edges[0] : 0;
  out.add({
    type: 'bar',
    id: 'distribution',
    format: 'percent',
    categories: hist.edges.map((e) => formatPercent(e + width / 2, width < 0.001 ? 2 : 1)),
    series: hist.shares.map((s, k) => ({ name: k === 0 ? name : (bench?.name ?? ''), values: compact(s), color: COLORS.runs[k] })),
  });

  // Where the money came from.
  if (data.decomposition !== undefined) out.add(waterfall('pnl-waterfall', data.decomposition));
  addLegsChart(out, data, coarseAxis);

  // Exposures, position counts and holdings.
  const x = data.exposures;
  out.add({
    type: 'line',
    id: 'exposure',
    format: 'percent',
    series: [
      line('Gross', coarseAxis, x.gross, COLORS.gross, { width: 2 }),
      line('Net', coarseAxis, x.net, COLORS.net, { width: 2 }),
      line('Long', coarseAxis, x.long, COLORS.long),
      line('Short', coarseAxis, x.short, COLORS.short),
    ],
  });
  out.add({
    type: 'line',
    id: 'positions',
    format: 'count',
    series: [line('Long positions', coarseAxis, x.longCount, COLORS.long, { step: true }), line('Short positions', coarseAxis, x.shortCount, COLORS.short, { step: true })],
  });
  if (data.holdings !== undefined) addHoldingsCharts(out, data.holdings, COARSE_POINTS);

  // Turnover per month (one-way: half the traded notional) and each cost line per year.
  const turnover = bucketShareOfNav(days, data.nav, data.tradedNotional, 'month', 0.5);
  out.add({ type: 'bar', id: 'turnover', format: 'percent', categories: turnover.map((m) => m.period), series: [{ name: 'Turnover', values: compact(turnover.map((m) => m.value)), color: COLORS.gross }] });
  // A run that paid and earned nothing has no cost bars to draw: the page says so instead of an empty axis.
  if (data.costs.some((c) => c.daily.some((v) => v !== 0))) {
    out.add({
      type: 'bar',
      id: 'costs',
      format: 'percent',
      categories: calendarBuckets(days, 'year').map((y) => y.period),
      series: data.costs.map((c, k) => ({ name: humanize(c.line), values: compact(bucketShareOfNav(days, data.nav, c.daily, 'year').map((y) => y.value)), color: COLORS.costs[k % COLORS.costs.length], stack: 'costs' })),
    });
  }

  // Factor attribution: the split of the mean excess return.
  const att = data.attribution;
  const fit = att === undefined ? undefined : splitModel(att.fits);
  if (att !== undefined && fit !== undefined) out.add(returnSplit('factor-split', att.loadings, fit));

  return { payload: out.build(), years, heatmapCaps: { month: heatmap.monthCap, year: heatmap.yearCap }, ...(volatilityMatch === undefined ? {} : { volatilityMatch }) };
}
