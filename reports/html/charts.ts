// The chart payload: a small declarative vocabulary (line over dates, bars over categories,
// heatmap) that the inline client script (client.js) turns into echarts options. Keeping
// formatters and styling in the client lets the payload stay plain JSON; keeping the vocabulary
// small keeps that script short. Numbers are rounded to 6 significant digits and date axes are
// stored once and shared, which is what keeps a 20-year daily report under 2 MB.

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
  /** Shaded date ranges with a label, e.g. the worst drawdowns. */
  areas?: { from: string; to: string; label: string }[];
}

export interface BarChartSpec {
  type: 'bar';
  id: string;
  format: ValueFormat;
  categories: string[];
  series: { name: string; values: (number | null)[]; color: string; stack?: string }[];
}

export interface HeatmapSpec {
  type: 'heatmap';
  id: string;
  format: ValueFormat;
  x: string[];
  y: string[];
  /** [x index, y index, value]. */
  cells: [number, number, number][];
  /** Colours run from −limit (red) through 0 (white) to +limit (green). */
  limit: number;
}

export type ChartSpec = LineChartSpec | BarChartSpec | HeatmapSpec;

export interface ChartPayload {
  axes: Record<string, string[]>;
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

/** values at the given indices. */
export function pick<T>(values: ArrayLike<T>, indices: readonly number[]): T[] {
  return indices.map((i) => values[i]);
}

/** Collects charts and shares identical date axes between them. */
export class ChartPayloadBuilder {
  private readonly axes: Record<string, string[]> = {};
  private readonly byContent = new Map<string, string>();
  private readonly charts: ChartSpec[] = [];

  /** The key of a date axis, registering it once. */
  axis(dates: readonly string[]): string {
    const content = dates.join(',');
    const known = this.byContent.get(content);
    if (known !== undefined) return known;
    const key = `d${this.byContent.size}`;
    this.byContent.set(content, key);
    this.axes[key] = [...dates];
    return key;
  }

  add(spec: ChartSpec): void {
    this.charts.push(spec);
  }

  build(): ChartPayload {
    return { axes: this.axes, charts: this.charts };
  }
}
