// Metric tables. Rows are grouped (returns, risk, ...) in catalogue order;
// a null figure reads "insufficient data (n = 1)" (or its own reason), never 0.

import { escapeHtml } from './page/escape.ts';
import { formatDelta, formatMetric } from './page/format.ts';
import { betterDirection, METRIC_GROUPS, metricInfo, metricLabel, metricRank, periodDependent, periodWords } from './metricCatalog.ts';
import type { MetricFigure } from './model.ts';

export interface MetricColumn {
  label: string;
  /** The dates its figures measure, shown under the label when the columns' periods differ, e.g. '2015-04-30 → 2026-07-31'. */
  period?: string;
  metrics: MetricFigure[];
  /**
   * P of this column's returns, when it is not the table's (a monthly benchmark beside a daily
   * run): its per-period metrics and counts of periods are labelled by it, and a row whose
   * columns measure periods of different lengths shows no difference (metricCatalog periodDependent).
   */
  periodsPerYear?: number;
}

/** A Difference cell that is not the first column minus the second: to − from in periods of P, and what it measures (its title). */
export interface StatedDifference {
  from: number;
  to: number;
  periodsPerYear: number;
  note: string;
}

/**
 * 'difference' mode when the columns measure different periods: every difference is the run minus
 * its benchmark over the period both cover. `label` heads the column; a row absent from `rows` is
 * not subtracted across periods, and `missing` says why (its title).
 */
export interface StatedDifferences {
  label: string;
  rows: ReadonlyMap<string, StatedDifference>;
  missing: string;
}

/**
 * 'difference': one extra column, first minus second (strategy against its benchmark).
 * 'deltas': each later column also shows its change against the first (comparison page).
 */
export type DeltaMode = 'difference' | 'deltas';

export interface TableOptions {
  /** Mark the best value of each row where the metric has a direction (comparison page). */
  best?: boolean;
  /** A note on a row's label (e.g. relative metrics against different benchmarks): shown as † with the note as its title. */
  flag?: (name: string) => string | null;
  /** The columns' periods a year, unless a column gives its own: per-period metrics are labelled by it (metricLabel). */
  periodsPerYear?: number;
  /** 'difference' mode: the differences, when they are measured over another period than the columns'. */
  differences?: StatedDifferences;
}

/** A value cell in the periods of P; `extra` is already-escaped markup appended inside it (a delta). */
function cell(metric: MetricFigure | undefined, periodsPerYear: number, extra = '', best = false): string {
  if (metric === undefined) return '<td class="na">–</td>';
  const cls = metric.value === null ? ' class="na"' : best ? ' class="best"' : '';
  const note = metric.value !== null && metric.note !== undefined ? `, ${metric.note}` : '';
  return `<td${cls} title="n = ${metric.n}${escapeHtml(note)}">${escapeHtml(formatMetric(metric, periodsPerYear))}${extra}</td>`;
}

/**
 * A row's label: the metric's label in each column's period, once when they agree; else the first
 * column's, then each other label with the columns it labels ("Best day · MM: Best month").
 */
function rowLabel(name: string, columns: readonly MetricColumn[], periods: readonly number[]): string {
  const first = metricLabel(name, periods[0]);
  const others = new Map<string, string[]>();
  columns.forEach((c, k) => {
    const label = metricLabel(name, periods[k]);
    if (label !== first) others.set(label, [...(others.get(label) ?? []), c.label]);
  });
  return [first, ...[...others].map(([label, of]) => `${of.join(', ')}: ${label}`)].join(' · ');
}

/**
 * A per-period row that every column labels as another row — a monthly run's best day is its
 * "Best month", an annual run's its "Best year" — duplicates the calendar row of that name, which
 * holds the figure; the table shows it once.
 */
function relabelledTwin(name: string, names: readonly string[], periods: readonly number[]): boolean {
  const labels = periods.map((p) => metricLabel(name, p));
  if (labels.some((label) => label === metricInfo(name).label)) return false;
  return names.some((other) => other !== name && labels.every((label, k) => label === metricLabel(other, periods[k])));
}

/** Index of the best value in a row, or −1 (no direction, fewer than two values, or a tie for first as shown). */
function bestIndex(name: string, values: readonly (MetricFigure | undefined)[], periodsPerYear: number): number {
  const direction = betterDirection(name);
  const known = values.map((m, k) => ({ m, k })).filter((x): x is { m: MetricFigure & { value: number }; k: number } => typeof x.m?.value === 'number' && Number.isFinite(x.m.value));
  if (direction === null || known.length < 2) return -1;
  const sorted = known.sort((a, b) => (direction === 'higher' ? b.m.value - a.m.value : a.m.value - b.m.value));
  return formatMetric(sorted[0].m, periodsPerYear) === formatMetric(sorted[1].m, periodsPerYear) ? -1 : sorted[0].k;
}

function delta(name: string, from: MetricFigure | undefined, to: MetricFigure | undefined, periodsPerYear: number): string {
  if (from?.value == null || to?.value == null) return '';
  return escapeHtml(formatDelta(name, from.value, to.value, periodsPerYear));
}

/** The Difference column: first minus second, a stated difference, or none across periods (titled why). */
function differenceCell(name: string, values: readonly (MetricFigure | undefined)[], sameUnit: boolean, periods: readonly number[], stated: StatedDifferences | undefined): string {
  if (stated !== undefined) {
    const d = stated.rows.get(name);
    if (d === undefined) return `<td class="na" title="${escapeHtml(stated.missing)}">–</td>`;
    return `<td title="${escapeHtml(d.note)}">${escapeHtml(formatDelta(name, d.from, d.to, d.periodsPerYear))}</td>`;
  }
  if (!sameUnit) return `<td class="na" title="${escapeHtml(`not comparable: ${periodWords(periods[0]).adjective} against ${periodWords(periods[1]).adjective} periods`)}">–</td>`;
  return `<td>${delta(name, values[1], values[0], periods[0]) || '–'}</td>`;
}

export function metricsTable(columns: readonly MetricColumn[], mode: DeltaMode, options: TableOptions = {}): string {
  const lookup = columns.map((c) => new Map(c.metrics.map((m) => [m.name, m])));
  const names: string[] = [];
  for (const c of columns) for (const m of c.metrics) if (!names.includes(m.name)) names.push(m.name);
  const difference = mode === 'difference' && columns.length === 2;
  const periods = columns.map((c) => c.periodsPerYear ?? options.periodsPerYear ?? 252);
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c.label)}${c.period === undefined ? '' : `<span class="period">${escapeHtml(c.period)}</span>`}</th>`).join('') + (difference ? `<th scope="col">${escapeHtml(options.differences?.label ?? 'Difference')}</th>` : '');
  const width = columns.length + 1 + (difference ? 1 : 0);
  const rows: string[] = [];
  for (const group of METRIC_GROUPS) {
    const inGroup = names.filter((n) => metricInfo(n).group === group && !relabelledTwin(n, names, periods)).sort((a, b) => metricRank(a) - metricRank(b));
    if (inGroup.length === 0) continue;
    rows.push(`<tr class="group"><th colspan="${width}" scope="colgroup">${group}</th></tr>`);
    for (const name of inGroup) {
      const values = lookup.map((l) => l.get(name));
      // Periods of different lengths: each column in its own unit, nothing subtracted or ranked.
      const dependent = periodDependent(name);
      const comparable = (k: number): boolean => periods[k] === periods[0] || !dependent;
      const sameUnit = values.every((_, k) => comparable(k));
      const best = options.best === true && sameUnit ? bestIndex(name, values, periods[0]) : -1;
      const cells = values.map((m, k) => {
        const d = mode === 'deltas' && k > 0 && comparable(k) ? delta(name, values[0], m, periods[0]) : '';
        return cell(m, periods[k], d === '' ? '' : `<span class="delta">${d}</span>`, k === best);
      });
      if (difference) cells.push(differenceCell(name, values, sameUnit, periods, options.differences));
      const flag = options.flag?.(name) ?? null;
      const label = `${escapeHtml(rowLabel(name, columns, periods))}${flag === null ? '' : ` <abbr class="flag" title="${escapeHtml(flag)}">†</abbr>`}`;
      rows.push(`<tr><th scope="row">${label}</th>${cells.join('')}</tr>`);
    }
  }
  // Several runs side by side use the page's width; two columns stay near their labels.
  // Many runs: each delta goes under its value, so eight runs still fit a laptop's width.
  return `<div class="table-scroll"><table class="metrics${columns.length > 2 ? ' wide' : ''}${columns.length > 5 ? ' crowded' : ''}">
<thead><tr><th scope="col">Metric</th>${head}</tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table></div>`;
}
