// Metric tables. Rows are grouped (returns, risk, ...) in catalogue order;
// a null figure reads "insufficient data (n = 1)" (or its own reason), never 0.

import { escapeHtml } from './page/escape.ts';
import { formatDelta, formatMetric } from './page/format.ts';
import { betterDirection, METRIC_GROUPS, metricInfo, metricLabel, metricRank } from './metricCatalog.ts';
import type { MetricFigure } from './model.ts';

export interface MetricColumn {
  label: string;
  metrics: MetricFigure[];
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
  /** The runs' periods a year, when they share one: per-period metrics are labelled by it (metricLabel). */
  periodsPerYear?: number;
}

/** A value cell; `extra` is already-escaped markup appended inside it (a delta). */
function cell(metric: MetricFigure | undefined, extra = '', best = false): string {
  if (metric === undefined) return '<td class="na">–</td>';
  const cls = metric.value === null ? ' class="na"' : best ? ' class="best"' : '';
  const note = metric.value !== null && metric.note !== undefined ? `, ${metric.note}` : '';
  return `<td${cls} title="n = ${metric.n}${escapeHtml(note)}">${escapeHtml(formatMetric(metric))}${extra}</td>`;
}

/** Index of the best value in a row, or −1 (no direction, fewer than two values, or a tie for first as shown). */
function bestIndex(name: string, values: readonly (MetricFigure | undefined)[]): number {
  const direction = betterDirection(name);
  const known = values.map((m, k) => ({ m, k })).filter((x): x is { m: MetricFigure & { value: number }; k: number } => typeof x.m?.value === 'number' && Number.isFinite(x.m.value));
  if (direction === null || known.length < 2) return -1;
  const sorted = known.sort((a, b) => (direction === 'higher' ? b.m.value - a.m.value : a.m.value - b.m.value));
  return formatMetric(sorted[0].m) === formatMetric(sorted[1].m) ? -1 : sorted[0].k;
}

function delta(name: string, from: MetricFigure | undefined, to: MetricFigure | undefined): string {
  if (from?.value == null || to?.value == null) return '';
  return escapeHtml(formatDelta(name, from.value, to.value));
}

export function metricsTable(columns: readonly MetricColumn[], mode: DeltaMode, options: TableOptions = {}): string {
  const lookup = columns.map((c) => new Map(c.metrics.map((m) => [m.name, m])));
  const names: string[] = [];
  for (const c of columns) for (const m of c.metrics) if (!names.includes(m.name)) names.push(m.name);
  const difference = mode === 'difference' && columns.length === 2;
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('') + (difference ? '<th scope="col">Difference</th>' : '');
  const width = columns.length + 1 + (difference ? 1 : 0);
  const rows: string[] = [];
  for (const group of METRIC_GROUPS) {
    const inGroup = names.filter((n) => metricInfo(n).group === group).sort((a, b) => metricRank(a) - metricRank(b));
    if (inGroup.length === 0) continue;
    rows.push(`<tr class="group"><th colspan="${width}" scope="colgroup">${group}</th></tr>`);
    for (const name of inGroup) {
      const best = options.best === true ? bestIndex(name, lookup.map((l) => l.get(name))) : -1;
      const cells = lookup.map((l, k) => {
        const m = l.get(name);
        const d = mode === 'deltas' && k > 0 ? delta(name, lookup[0].get(name), m) : '';
        return cell(m, d === '' ? '' : `<span class="delta">${d}</span>`, k === best);
      });
      if (difference) cells.push(`<td>${delta(name, lookup[1].get(name), lookup[0].get(name)) || '–'}</td>`);
      const flag = options.flag?.(name) ?? null;
      const label = `${escapeHtml(metricLabel(name, options.periodsPerYear))}${flag === null ? '' : ` <abbr class="flag" title="${escapeHtml(flag)}">†</abbr>`}`;
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
