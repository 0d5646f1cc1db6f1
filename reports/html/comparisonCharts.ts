// The comparison page's charts: growth of 1 and drawdowns from the first date every run shares,
// the correlation of daily returns (pairwise inner join on dates), and exposures with their
// difference from the first run.

import { alignOnDates, correlation, drawdownSeries } from '../metrics/index.ts';
import { type ChartPayload, ChartPayloadBuilder, COLORS, compact, type LineSeriesSpec, pick, strideIndices } from './charts.ts';
import type { ComparisonData, ComparisonRun } from './model.ts';
import { epochDays, navReturns } from './series.ts';

const FULL_POINTS = 4_000;
const COARSE_POINTS = 1_300;

/** The first date all runs have (ISO strings compare as dates), or null when they never overlap. */
export function commonStart(runs: readonly ComparisonRun[]): string | null {
  if (runs.some((r) => r.dates.length === 0)) return null;
  const start = runs.reduce((latest, r) => (r.dates[0] > latest ? r.dates[0] : latest), runs[0].dates[0]);
  const end = runs.reduce((earliest, r) => (r.dates[r.dates.length - 1] < earliest ? r.dates[r.dates.length - 1] : earliest), runs[0].dates[runs[0].dates.length - 1]);
  return start <= end ? start : null;
}

interface Window {
  run: ComparisonRun;
  /** Index of the first session shown. */
  from: number;
  color: string;
}

/** Pairwise correlation of daily returns, inner-joined on dates; null where undefined. */
export function returnCorrelations(runs: readonly ComparisonRun[]): (number | null)[][] {
  const dated = runs.map((run) => ({ days: epochDays(run.dates).subarray(1), r: navReturns(run.nav) }));
  return dated.map((a, i) =>
    dated.map((b, j) => {
      if (i === j) return 1;
      const joined = alignOnDates(a.days, a.r, b.days, b.r);
      return correlation(joined.a, joined.b)[0].value;
    }),
  );
}

export function comparisonCharts(data: ComparisonData): ChartPayload {
  const out = new ChartPayloadBuilder();
  const start = commonStart(data.runs);
  const windows: Window[] = data.runs.map((run, k) => ({
    run,
    from: start === null ? 0 : Math.max(0, run.dates.findIndex((d) => d >= start)),
    color: COLORS.runs[k % COLORS.runs.length],
  }));

  const growth: LineSeriesSpec[] = [];
  const underwater: LineSeriesSpec[] = [];
  const gross: LineSeriesSpec[] = [];
  const net: LineSeriesSpec[] = [];
  for (const { run, from, color } of windows) {
    const dates = run.dates.slice(from);
    const nav = run.nav.slice(from);
    const full = strideIndices(dates.length, FULL_POINTS);
    const coarse = strideIndices(dates.length, COARSE_POINTS);
    const fullAxis = out.axis(pick(dates, full));
    const coarseAxis = out.axis(pick(dates, coarse));
    const base = nav[0];
    growth.push({ name: run.label, x: fullAxis, values: compact(pick(nav.map((v) => v / base), full)), color, width: 2 });
    underwater.push({ name: run.label, x: fullAxis, values: compact(pick(drawdownSeries(navReturns(nav)), full)), color });
    gross.push({ name: run.label, x: coarseAxis, values: compact(pick(run.exposures.gross.slice(from), coarse)), color });
    net.push({ name: run.label, x: coarseAxis, values: compact(pick(run.exposures.net.slice(from), coarse)), color });
  }
  const positive = data.runs.every((r) => r.nav.every((v) => v > 0));
  out.add({ type: 'line', id: 'growth', format: 'multiple', series: growth, logToggle: positive, zoom: true });
  out.add({ type: 'line', id: 'drawdown', format: 'percent', series: underwater, zoom: true });

  const labels = data.runs.map((r) => r.label);
  const matrix = returnCorrelations(data.runs);
  const cells: [number, number, number][] = [];
  matrix.forEach((row, i) => row.forEach((v, j) => v !== null && cells.push([j, i, Number(v.toPrecision(6))])));
  out.add({ type: 'heatmap', id: 'correlation', format: 'ratio', x: labels, y: labels, cells, limit: 1 });

  out.add({ type: 'line', id: 'gross', format: 'percent', series: gross });
  out.add({ type: 'line', id: 'net', format: 'percent', series: net });
  out.add({ type: 'line', id: 'exposure-difference', format: 'percent', series: exposureDifferences(out, windows) });
  return out.build();
}

/** Net (solid) and gross (dashed) exposure of each later run minus the first, on shared dates. */
function exposureDifferences(out: ChartPayloadBuilder, windows: readonly Window[]): LineSeriesSpec[] {
  const [first, ...rest] = windows;
  if (first === undefined) return [];
  const firstDays = epochDays(first.run.dates);
  const series: LineSeriesSpec[] = [];
  for (const { run, color } of rest) {
    const days = epochDays(run.dates);
    for (const [kind, dashed] of [['net', false], ['gross', true]] as const) {
      const joined = alignOnDates(days, run.exposures[kind], firstDays, first.run.exposures[kind]);
      const diff = Array.from(joined.a, (v, k) => v - joined.b[k]);
      const keep = strideIndices(diff.length, COARSE_POINTS);
      const axis = out.axis(pick(Array.from(joined.indexA, (i) => run.dates[i]), keep));
      series.push({ name: `${run.label} − ${first.run.label} (${kind})`, x: axis, values: compact(pick(diff, keep)), color, dashed });
    }
  }
  return series;
}
