// The comparison page's charts: growth of 1 and drawdowns from the first date every run shares,
// each run's growth relative to the reference (relative strength) and its rolling one-year excess
// return, the correlation of returns over the intervals each pair shares (pairedRuns.ts), and exposures with
// their difference from the first run.

import { alignOnDates, correlation, drawdownSeries } from '../../metrics/index.ts';
import { type ChartPayload, ChartPayloadBuilder, COLORS, extremaIndices, type LineSeriesSpec } from '../page/charts.ts';
import { commonWindow } from './comparisonMeasures.ts';
import { pairRuns } from './pairedRuns.ts';
import { divergingFill, inkFor } from '../page/heatmapColors.ts';
import type { ComparisonData, ComparisonRun } from '../model.ts';
import { epochDays, navReturns } from '../series.ts';
import { parseIsoDay } from '../../../data/dates.ts';

const FULL_POINTS = 2_500;
const COARSE_POINTS = 700;

/** The first date all runs have (ISO strings compare as dates), or null when they never overlap. */
export function commonStart(runs: readonly ComparisonRun[]): string | null {
  return commonWindow(runs)?.from ?? null;
}

interface Window {
  run: ComparisonRun;
  /** Index of the first session shown. */
  from: number;
  color: string;
}

/** One pair's return correlation and what it is measured over: n intervals from `from` to `to` (ISO), null where none. */
export interface PairCorrelation {
  i: number;
  j: number;
  value: number | null;
  n: number;
  span: { from: string; to: string } | null;
}

/**
 * Each pair (i < j) of runs' return correlation over the intervals both share (pairedRuns.ts):
 * all the dates both runs have, over each pair's own overlap — not the common period of every
 * run, so two long runs beside a short one correlate over years while the Sharpe test pairs them
 * over the short one's weeks (probe r72d F5); the page says each pair's n and span.
 */
export function pairCorrelations(runs: readonly ComparisonRun[]): PairCorrelation[] {
  const out: PairCorrelation[] = [];
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const { paired, span } = pairRuns(runs[i], runs[j], null);
      out.push({ i, j, value: correlation(paired.r, paired.b)[0].value, n: paired.r.length, span });
    }
  }
  return out;
}

/** Pairwise correlation of the runs' returns over the same intervals (pairCorrelations); null where undefined. */
export function returnCorrelations(runs: readonly ComparisonRun[]): (number | null)[][] {
  const m = runs.map((_, i) => runs.map((__, j): number | null => (i === j ? 1 : null)));
  // Symmetric: each pair is measured once.
  for (const { i, j, value } of pairCorrelations(runs)) m[i][j] = m[j][i] = value;
  return m;
}

export function comparisonCharts(data: ComparisonData): ChartPayload {
  const out = new ChartPayloadBuilder(data.runs[0]?.periodsPerYear ?? 252);
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
    // One value per date: W_t / max W − 1 on each date t, 0 on the first (a peak).
    const drawdown = drawdownSeries(navReturns(nav));
    const full = out.sampled(dates, extremaIndices(dates.length, FULL_POINTS, [nav, drawdown]));
    const coarse = out.thinned(dates, COARSE_POINTS);
    const base = nav[0];
    growth.push({ name: run.label, x: full.x, values: full.values(nav.map((v) => v / base)), color, width: 2 });
    underwater.push({ name: run.label, x: full.x, values: full.values(drawdown), color });
    gross.push({ name: run.label, x: coarse.x, values: coarse.values(run.exposures.gross.slice(from)), color });
    net.push({ name: run.label, x: coarse.x, values: coarse.values(run.exposures.net.slice(from)), color });
  }
  const positive = data.runs.every((r) => r.nav.every((v) => v > 0));
  out.add({ type: 'line', id: 'growth', format: 'multiple', series: growth, logToggle: positive, zoom: true });
  out.add({ type: 'line', id: 'drawdown', format: 'percent', series: underwater, zoom: true });
  addRelativeCharts(out, windows);

  const labels = data.runs.map((r) => r.label);
  const matrix = returnCorrelations(data.runs);
  const cells: [number, number, number][] = [];
  matrix.forEach((row, i) => row.forEach((v, j) => v !== null && cells.push([j, i, Number(v.toPrecision(6))])));
  const fills = cells.map((c) => divergingFill(c[2], 1));
  out.add({ type: 'heatmap', id: 'correlation', format: 'ratio', x: labels, y: labels, cells, fills, inks: fills.map(inkFor) });

  out.add({ type: 'line', id: 'gross', format: 'percent', series: gross });
  out.add({ type: 'line', id: 'net', format: 'percent', series: net });
  out.add({ type: 'line', id: 'exposure-difference', format: 'percent', series: exposureDifferences(out, windows) });
  return out.build();
}

/** How far from one year earlier the start of a one-year window may lie (days): half a month, so month-ends a year apart fit. */
export const YEAR_AGO_SLACK_DAYS = 16;

/**
 * For each of ascending ISO `dates`, the row one calendar year earlier: the date nearest to the
 * same day a year before (Feb 29 → Feb 28; the earlier of two equally near), or −1 where none lies
 * within YEAR_AGO_SLACK_DAYS of it. A window of a year of dates whatever the spacing: a count of
 * P rows spans a year only where every row is one of the run's own (a daily and a calendar
 * month-end run share 64 dates in 7 years, so 12 shared rows spanned 16 months; a daily P = 252
 * over month-ends asked for 21 years: probe r72d F2).
 */
export function yearAgoRows(dates: readonly string[]): Int32Array {
  const days = dates.map(parseIsoDay);
  const out = new Int32Array(dates.length).fill(-1);
  let j = 0;
  dates.forEach((d, k) => {
    const mmdd = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
    const target = parseIsoDay(`${Number(d.slice(0, 4)) - 1}-${mmdd}`);
    while (j + 1 < k && days[j + 1] <= target) j++; // j: the last row on or before the target (or row 0)
    const near = [j, j + 1].filter((i) => i < k && Math.abs(days[i] - target) <= YEAR_AGO_SLACK_DAYS);
    if (near.length > 0) out[k] = near.reduce((a, b) => (Math.abs(days[b] - target) < Math.abs(days[a] - target) ? b : a));
  });
  return out;
}

/**
 * Relative strength (each run's growth over the reference's, 1 = level) and the rolling one-year
 * excess return (growth since the shared date one calendar year earlier, yearAgoRows, minus the
 * reference's over the same dates), on the dates both have.
 */
function addRelativeCharts(out: ChartPayloadBuilder, windows: readonly Window[]): void {
  const [ref, ...rest] = windows;
  const strength: LineSeriesSpec[] = [];
  const excess: LineSeriesSpec[] = [];
  if (ref !== undefined) {
    const refDays = epochDays(ref.run.dates.slice(ref.from));
    const refNav = Float64Array.from(ref.run.nav.slice(ref.from));
    for (const { run, from, color } of rest) {
      const joined = alignOnDates(epochDays(run.dates.slice(from)), Float64Array.from(run.nav.slice(from)), refDays, refNav);
      const n = joined.a.length;
      if (n === 0) continue;
      const dates = Array.from(joined.indexA, (i) => run.dates[from + i]);
      const { x, values } = out.thinned(dates, COARSE_POINTS);
      const ratio = Array.from(joined.a, (v, k) => v / joined.a[0] / (joined.b[k] / joined.b[0]));
      const back = yearAgoRows(dates);
      const rolling = Array.from(joined.a, (v, k) => (back[k] < 0 ? NaN : v / joined.a[back[k]] - joined.b[k] / joined.b[back[k]]));
      strength.push({ name: `${run.label} / ${ref.run.label}`, x, values: values(ratio), color, width: 2 });
      excess.push({ name: `${run.label} − ${ref.run.label}`, x, values: values(rolling), color });
    }
  }
  if (strength.length > 0) out.add({ type: 'line', id: 'relative-strength', format: 'multiple', series: strength, marks: [1] });
  if (excess.some((s) => s.values.some((v) => v !== null))) out.add({ type: 'line', id: 'rolling-excess', format: 'percent', series: excess, marks: [0] });
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
      const { x, values } = out.thinned(Array.from(joined.indexA, (i) => run.dates[i]), COARSE_POINTS);
      series.push({ name: `${run.label} − ${first.run.label} (${kind})`, x, values: values(diff), color, dashed });
    }
  }
  return series;
}
