// The chart payload: a small declarative vocabulary (line over dates, bars over categories,
// heatmap, waterfall) that the inline client script (client.js) turns into echarts options.
// Keeping formatters and styling in the client lets the payload stay plain JSON; keeping the
// vocabulary small keeps that script short. Numbers are rounded to 6 significant digits and date
// axes are stored once, as day offsets, and shared, which keeps a 20-year daily payload small.

import { parseIsoDay } from '../../../data/dates.ts';

/** How values read on axes and in tooltips (the client implements each). */
export type ValueFormat = 'percent' | 'ratio' | 'currency' | 'count' | 'multiple';

export interface LineSeriesSpec {
  name: string;
  /** Key of the date axis in `ChartPayload.axes` that these values align with. */
  x: string;
  values: (number | null)[];
  color: string;
  area?: boolean;
  dashed?: boolean;
  step?: boolean;
  width?: number;
  /** Join the known points across nulls (a benchmark with values only on its own, coarser dates). */
  connect?: boolean;
}

export interface LineChartSpec {
  type: 'line';
  id: string;
  format: ValueFormat;
  series: LineSeriesSpec[];
  /** Offer a linear/log toggle (only when every value is positive). */
  logToggle?: boolean;
  /** Date-zoom slider under the plot. */
  zoom?: boolean;
  /** Shaded date ranges with a label, e.g. the worst drawdowns; `short` is the label on a chart under 600 px wide (`label` when absent). */
  areas?: { from: string; to: string; label: string; short?: string }[];
  /** Horizontal reference lines, e.g. 0 or 1. */
  marks?: number[];
}

export interface BarChartSpec {
  type: 'bar';
  id: string;
  format: ValueFormat;
  categories: string[];
  series: { name: string; values: (number | null)[]; color: string; stack?: string }[];
}

/** Cells coloured here (heatmapColors.ts), so their text contrast is checked where it is chosen. */
export interface HeatmapSpec {
  type: 'heatmap';
  id: string;
  format: ValueFormat;
  x: string[];
  y: string[];
  /** [x index, y index, value]. */
  cells: [number, number, number][];
  /** Fill and text colour of each cell, aligned with `cells`. */
  fills: string[];
  inks: string[];
  /** Decimals of the cell text (of the percent for a percent format); 1 of a percent, 2 of a ratio when absent. */
  decimals?: number;
  /** Indexes into `cells` of the cells whose text and tooltip carry a star (a partial month). */
  starred?: number[];
}

/**
 * Floating bars from a start level through signed steps to an end level: `values[k]` is a level
 * where `totals[k]` (a bar from 0), else a change from the running level (up or down).
 */
export interface WaterfallSpec {
  type: 'waterfall';
  id: string;
  format: ValueFormat;
  categories: string[];
  values: number[];
  totals: boolean[];
}

export type ChartSpec = LineChartSpec | BarChartSpec | HeatmapSpec | WaterfallSpec;

/**
 * A date axis: the epoch day of its first date, then the gap in days to each next date
 * (2 bytes a date instead of 13 for ISO text).
 */
export type DateAxis = number[];

export interface ChartPayload {
  axes: Record<string, DateAxis>;
  /** Return periods per year of the run: the client never ticks below a period (no hours on daily data). */
  periodsPerYear: number;
  charts: ChartSpec[];
}

/** A restrained palette: strategy, benchmark and further runs, then semantic colours. */
export const COLORS = {
  /** A lighter strategy blue for the shorter of two rolling windows. */
  light: '#93c5fd',
  runs: ['#2563eb', '#64748b', '#d97706', '#7c3aed', '#0d9488', '#db2777', '#65a30d', '#0891b2'],
  long: '#16a34a',
  short: '#dc2626',
  gross: '#334155',
  net: '#2563eb',
  costs: ['#f59e0b', '#ef4444', '#8b5cf6', '#ec4899', '#0ea5e9', '#14b8a6', '#a3a3a3'],
  /** Many categories (sectors, factors): Okabe–Ito, distinguishable with the common colour-vision deficiencies. */
  categorical: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000', '#999999'],
} as const;

/** Round to `digits` significant digits; NaN, ±Infinity and null become null (JSON has no NaN). */
export function compact(values: ArrayLike<number | null>, digits = 6): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || !Number.isFinite(v) ? null : v === 0 ? 0 : Number(v.toPrecision(digits));
  }
  return out;
}

/** Every k-th index (first and last always kept) so that at most ~`max` points remain. */
export function strideIndices(n: number, max: number): number[] {
  const step = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  if (n > 0 && out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/**
 * At most ~`max` indices that keep every extreme: the rows split into buckets, and each bucket
 * keeps its first row and the lowest and highest row of every series (first and last row always).
 * A thinned equity or underwater curve keeps its peaks and its deepest trough to the day.
 */
export function extremaIndices(n: number, max: number, series: readonly ArrayLike<number | null>[]): number[] {
  const perBucket = 1 + 2 * series.length;
  const size = Math.max(1, Math.ceil((n * perBucket) / max));
  if (size === 1) return strideIndices(n, n);
  const keep = new Set<number>();
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    keep.add(start);
    for (const s of series) {
      let lo = -1;
      let hi = -1;
      for (let i = start; i < end; i++) {
        const v = s[i];
        if (v === null || !Number.isFinite(v)) continue;
        if (lo < 0 || v < (s[lo] as number)) lo = i;
        if (hi < 0 || v > (s[hi] as number)) hi = i;
      }
      if (lo >= 0) keep.add(lo);
      if (hi >= 0) keep.add(hi);
    }
  }
  if (n > 0) keep.add(n - 1);
  return [...keep].sort((a, b) => a - b);
}

/** values at the given indices. */
export function pick<T>(values: ArrayLike<T>, indices: readonly number[]): T[] {
  return indices.map((i) => values[i]);
}

/** ISO dates (ascending) as a DateAxis. */
export function dateAxis(dates: readonly string[]): DateAxis {
  const days = dates.map(parseIsoDay);
  return days.map((d, k) => (k === 0 ? d : d - days[k - 1]));
}

/** A date axis's key in the payload, and the values of a series (one per date of the full axis) at its rows. */
export interface SampledAxis {
  x: string;
  values: (series: ArrayLike<number | null>) => (number | null)[];
}

/** Collects charts and shares identical date axes between them. */
export class ChartPayloadBuilder {
  private readonly axes: Record<string, DateAxis> = {};
  private readonly byContent = new Map<string, string>();
  private readonly charts: ChartSpec[] = [];
  private readonly periodsPerYear: number;

  constructor(periodsPerYear = 252) {
    this.periodsPerYear = periodsPerYear;
  }

  /** The key of a date axis, registering it once. */
  axis(dates: readonly string[]): string {
    const content = dates.join(',');
    const known = this.byContent.get(content);
    if (known !== undefined) return known;
    const key = `d${this.byContent.size}`;
    this.byContent.set(content, key);
    this.axes[key] = dateAxis(dates);
    return key;
  }

  /**
   * The given rows of `dates` as a date axis, and the same rows of any series with one value per
   * date (compacted). A series of another length throws: a curve one value longer or shorter than
   * its dates (an extra leading 0, a per-return series not put on sessions) would draw every point
   * on a neighbouring session's date (probe r52c).
   */
  sampled(dates: readonly string[], rows: readonly number[]): SampledAxis {
    return {
      x: this.axis(pick(dates, rows)),
      values: (series) => {
        if (series.length !== dates.length) throw new RangeError(`a chart series has ${series.length} values for ${dates.length} dates: one value per date, or its points land on other dates`);
        return compact(pick(series, rows));
      },
    };
  }

  /** `sampled` on ~`max` evenly strided rows (strideIndices): for curves whose every point need not be drawn. */
  thinned(dates: readonly string[], max: number): SampledAxis {
    return this.sampled(dates, strideIndices(dates.length, max));
  }

  add(spec: ChartSpec): void {
    this.charts.push(spec);
  }

  build(): ChartPayload {
    return { axes: this.axes, periodsPerYear: this.periodsPerYear, charts: this.charts };
  }
}
