// The tear sheet's charts as payload specs. Daily curves where detail matters (equity,
// underwater) keep every session up to FULL_POINTS; smooth or step-like series (rolling
// statistics, exposures) are thinned to COARSE_POINTS, which a chart 1,200 px wide cannot tell
// apart and which keeps a 20-year report small.

import { drawdownSeries, percentileSorted, periodReturns, rollingBeta, rollingSharpe, rollingVolatility, sortedNonNaN } from '../metrics/index.ts';
import { type BarChartSpec, type ChartPayload, ChartPayloadBuilder, COLORS, compact, type LineSeriesSpec, pick, strideIndices } from './charts.ts';
import { formatPercent } from './format.ts';
import { humanize } from './metricCatalog.ts';
import type { TearSheetData } from './model.ts';
import { bucketShareOfNav, calendarBuckets, epochDays, histogram, navReturns, rebased } from './series.ts';

const FULL_POINTS = 6_000;
const COARSE_POINTS = 1_300;
/** Daily sessions; the model carries daily runs only. */
const PERIODS_PER_YEAR = 252;
export const ROLLING_WINDOWS = [126, 252] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A per-return series (length T − 1) placed on the session axis (length T, NaN at session 0). */
function onSessions(perReturn: ArrayLike<number>): Float64Array {
  const out = new Float64Array(perReturn.length + 1);
  out[0] = NaN;
  out.set(perReturn, 1);
  return out;
}

/** Colour range of the heatmap: the 95th percentile magnitude, so one crash month does not wash out the rest. */
function colourLimit(values: readonly number[]): number {
  const sorted = sortedNonNaN(values.map(Math.abs));
  return Math.max(percentileSorted(sorted, 95) || 0, 0.005);
}

/** A run shorter than the window has no rolling value at all: the page says so instead of an empty plot. */
const hasValue = (s: LineSeriesSpec): boolean => s.values.some((v) => v !== null);

export function tearSheetCharts(data: TearSheetData): ChartPayload {
  const out = new ChartPayloadBuilder();
  const T = data.dates.length;
  const full = strideIndices(T, FULL_POINTS);
  const coarse = strideIndices(T, COARSE_POINTS);
  const fullAxis = out.axis(pick(data.dates, full));
  const coarseAxis = out.axis(pick(data.dates, coarse));
  const days = epochDays(data.dates);
  const returnDays = days.subarray(1);
  const r = navReturns(data.nav);
  const bench = data.benchmark;
  const b = bench === undefined ? undefined : navReturns(bench.nav);
  const strategyName = data.run.label;
  const line = (name: string, x: string, values: ArrayLike<number | null>, color: string, extra: Partial<LineSeriesSpec> = {}): LineSeriesSpec => ({
    name,
    x,
    values: compact(values),
    color,
    ...extra,
  });

  // Equity: NAV against the benchmark rebased to the same starting capital.
  const benchNav = bench === undefined ? undefined : rebased(data.nav, bench.nav);
  const equity = [line(strategyName, fullAxis, pick(data.nav, full), COLORS.runs[0], { width: 2 })];
  if (bench !== undefined && benchNav !== undefined) equity.push(line(bench.name, fullAxis, pick(benchNav, full), COLORS.runs[1]));
  const positive = data.nav.every((v) => v > 0) && (benchNav ?? []).every((v) => v === null || v > 0);
  out.add({ type: 'line', id: 'equity', format: 'currency', series: equity, logToggle: positive, zoom: true });

  // Underwater, with the five deepest episodes shaded.
  const worst = [...data.drawdowns].sort((x, y) => x.depth - y.depth).slice(0, 5);
  const underwater = [line(strategyName, fullAxis, pick(drawdownSeries(r), full), COLORS.short, { area: true })];
  if (bench !== undefined && b !== undefined) underwater.push(line(bench.name, fullAxis, pick(drawdownSeries(b), full), COLORS.runs[1], { dashed: true }));
  out.add({
    type: 'line',
    id: 'underwater',
    format: 'percent',
    series: underwater,
    zoom: true,
    areas: worst.map((e, k) => ({
      from: e.peakDate ?? data.dates[0],
      to: e.recoveryDate ?? data.dates[T - 1],
      label: `#${k + 1} ${formatPercent(e.depth, 1)}`,
    })),
  });

  // Rolling statistics: both windows for the strategy, the longer one for the benchmark. Legend
  // names stay short so they fit a half-width card; the card title names the strategy.
  const rf = data.riskFreeReturns;
  const rolling = (id: string, stat: (x: Float64Array, w: number) => Float64Array, format: 'ratio' | 'percent'): void => {
    const series = ROLLING_WINDOWS.map((w, k) =>
      line(`${w} sessions`, coarseAxis, pick(onSessions(stat(r, w)), coarse), k === 0 ? COLORS.light : COLORS.runs[0], { width: k === 0 ? 1 : 2 }),
    );
    if (bench !== undefined && b !== undefined) series.push(line(`${bench.name}, 252 sessions`, coarseAxis, pick(onSessions(stat(b, 252)), coarse), COLORS.runs[1]));
    if (series.some(hasValue)) out.add({ type: 'line', id, format, series });
  };
  rolling('rolling-sharpe', (x, w) => rollingSharpe(x, w, PERIODS_PER_YEAR, rf ?? 0), 'ratio');
  rolling('rolling-volatility', (x, w) => rollingVolatility(x, w, PERIODS_PER_YEAR), 'percent');
  if (bench !== undefined && b !== undefined) {
    const series = ROLLING_WINDOWS.map((w, k) =>
      line(`${w} sessions`, coarseAxis, pick(onSessions(rollingBeta(r, b, w)), coarse), k === 0 ? COLORS.light : COLORS.runs[0], { width: k === 0 ? 1 : 2 }),
    );
    if (series.some(hasValue)) out.add({ type: 'line', id: 'rolling-beta', format: 'ratio', series });
  }

  // Calendar returns: a month × year heatmap and yearly bars against the benchmark.
  const months = periodReturns(returnDays, r, 'month');
  const years = [...new Set(months.map((m) => m.period.slice(0, 4)))];
  out.add({
    type: 'heatmap',
    id: 'monthly',
    format: 'percent',
    x: MONTHS,
    y: years,
    cells: months.map((m) => [Number(m.period.slice(5, 7)) - 1, years.indexOf(m.period.slice(0, 4)), Number(m.value.toPrecision(6))]),
    limit: colourLimit(months.map((m) => m.value)),
  });
  const yearly = periodReturns(returnDays, r, 'year');
  const yearlySeries: BarChartSpec['series'] = [{ name: strategyName, values: compact(yearly.map((y) => y.value)), color: COLORS.runs[0] }];
  if (bench !== undefined && b !== undefined) {
    yearlySeries.push({ name: bench.name, values: compact(periodReturns(returnDays, b, 'year').map((y) => y.value)), color: COLORS.runs[1] });
  }
  out.add({ type: 'bar', id: 'yearly', format: 'percent', categories: yearly.map((y) => y.period), series: yearlySeries });

  // Distribution of daily returns, shares of sessions so the two series compare.
  const hist = histogram(b === undefined ? [r] : [r, b]);
  const width = hist.edges.length > 1 ? hist.edges[1] - hist.edges[0] : 0;
  out.add({
    type: 'bar',
    id: 'distribution',
    format: 'percent',
    categories: hist.edges.map((e) => formatPercent(e + width / 2, width < 0.001 ? 2 : 1)),
    series: hist.shares.map((s, k) => ({ name: k === 0 ? strategyName : (bench?.name ?? ''), values: compact(s), color: COLORS.runs[k] })),
  });

  // Exposures and position counts.
  const x = data.exposures;
  out.add({
    type: 'line',
    id: 'exposure',
    format: 'percent',
    series: [
      line('Gross', coarseAxis, pick(x.gross, coarse), COLORS.gross, { width: 2 }),
      line('Net', coarseAxis, pick(x.net, coarse), COLORS.net, { width: 2 }),
      line('Long', coarseAxis, pick(x.long, coarse), COLORS.long),
      line('Short', coarseAxis, pick(x.short, coarse), COLORS.short),
    ],
  });
  out.add({
    type: 'line',
    id: 'positions',
    format: 'count',
    series: [
      line('Long positions', coarseAxis, pick(x.longCount, coarse), COLORS.long, { step: true }),
      line('Short positions', coarseAxis, pick(x.shortCount, coarse), COLORS.short, { step: true }),
    ],
  });

  // Turnover per month (one-way: half the traded notional) and each cost line per year.
  const turnover = bucketShareOfNav(days, data.nav, data.tradedNotional, 'month', 0.5);
  out.add({ type: 'bar', id: 'turnover', format: 'percent', categories: turnover.map((m) => m.period), series: [{ name: 'Turnover', values: compact(turnover.map((m) => m.value)), color: COLORS.gross }] });
  const costYears = calendarBuckets(days, 'year').map((y) => y.period);
  out.add({
    type: 'bar',
    id: 'costs',
    format: 'percent',
    categories: costYears,
    series: data.costs.map((c, k) => ({
      name: humanize(c.line),
      values: compact(bucketShareOfNav(days, data.nav, c.daily, 'year').map((y) => y.value)),
      color: COLORS.costs[k % COLORS.costs.length],
      stack: 'costs',
    })),
  });
  return out.build();
}
