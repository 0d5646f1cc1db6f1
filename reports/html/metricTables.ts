// Metric tables and headline tiles. Rows are grouped (returns, risk, ...) in catalogue order;
// a null figure reads "insufficient data (n = 1)" (or its own reason), never 0.

import { escapeHtml } from './escape.ts';
import { formatDelta, formatMetric } from './format.ts';
import { METRIC_GROUPS, metricInfo, metricRank } from './metricCatalog.ts';
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

/** A value cell; `extra` is already-escaped markup appended inside it (a delta). */
function cell(metric: MetricFigure | undefined, extra = ''): string {
  if (metric === undefined) return '<td class="na">–</td>';
  const na = metric.value === null ? ' class="na"' : '';
  return `<td${na} title="n = ${metric.n}">${escapeHtml(formatMetric(metric))}${extra}</td>`;
}

function delta(name: string, from: MetricFigure | undefined, to: MetricFigure | undefined): string {
  if (from?.value == null || to?.value == null) return '';
  return escapeHtml(formatDelta(name, from.value, to.value));
}

export function metricsTable(columns: readonly MetricColumn[], mode: DeltaMode): string {
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
      const cells = lookup.map((l, k) => {
        const m = l.get(name);
        const d = mode === 'deltas' && k > 0 ? delta(name, lookup[0].get(name), m) : '';
        return cell(m, d === '' ? '' : `<span class="delta">${d}</span>`);
      });
      if (difference) cells.push(`<td>${delta(name, lookup[1].get(name), lookup[0].get(name)) || '–'}</td>`);
      rows.push(`<tr><th scope="row">${escapeHtml(metricInfo(name).label)}</th>${cells.join('')}</tr>`);
    }
  }
  return `<div class="table-scroll"><table class="metrics">
<thead><tr><th scope="col">Metric</th>${head}</tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table></div>`;
}

const HEADLINE = ['total_return', 'annual_return', 'annual_volatility', 'sharpe', 'max_drawdown', 'beta'];

/** The few figures a reader looks at first, each against the benchmark when there is one. */
export function metricTiles(strategy: readonly MetricFigure[], benchmark?: { name: string; metrics: readonly MetricFigure[] }): string {
  const own = new Map(strategy.map((m) => [m.name, m]));
  const other = new Map((benchmark?.metrics ?? []).map((m) => [m.name, m]));
  const tiles = HEADLINE.filter((name) => own.has(name)).map((name) => {
    const m = own.get(name) as MetricFigure;
    const b = other.get(name);
    const vs = benchmark === undefined || b === undefined ? '' : `<div class="vs">${escapeHtml(benchmark.name)}: ${escapeHtml(formatMetric(b))}</div>`;
    return `<div class="tile" data-metric="${name}"><div class="label">${escapeHtml(metricInfo(name).label)}</div><div class="value">${escapeHtml(formatMetric(m))}</div>${vs}</div>`;
  });
  return `<div class="tiles">${tiles.join('')}</div>`;
}
