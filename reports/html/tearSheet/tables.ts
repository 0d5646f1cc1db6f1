// The tear sheet's smaller tables: worst drawdowns, costs, capacity. Every data-derived string
// is escaped here.

import { escapeHtml } from '../page/escape.ts';
import { formatCount, formatCurrency, formatPercent } from '../page/format.ts';
import { costLineLabel } from '../metricCatalog.ts';
import type { CostLineData, DrawdownRow, MetricFigure } from '../model.ts';

/** The CSS class of a signed figure: pos, neg, or none for zero. */
export const signClass = (x: number): string => (x > 0 ? 'pos' : x < 0 ? 'neg' : '');

/** A table cell with a signed percentage (– where there is none). */
export const percentCell = (x: number | null): string => (x === null ? '<td class="na">–</td>' : `<td class="${signClass(x)}">${formatPercent(x)}</td>`);

/** A column heading: numeric columns align right; `{ text }` marks a left-aligned text column. */
export type Heading = string | { text: string };

export function table(head: readonly Heading[], rows: readonly string[]): string {
  const th = head.map((h) => (typeof h === 'string' ? `<th scope="col">${escapeHtml(h)}</th>` : `<th scope="col" class="t">${escapeHtml(h.text)}</th>`)).join('');
  return `<div class="table-scroll"><table><thead><tr>${th}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

const orDash = (text: string | null): string => escapeHtml(text ?? '–');

/** The deepest episodes, deepest first; an episode not recovered by the end is "still open". */
export function drawdownTable(episodes: readonly DrawdownRow[], count = 5): string {
  const worst = [...episodes].sort((a, b) => a.depth - b.depth).slice(0, count);
  if (worst.length === 0) return '<p class="empty">No drawdown: the NAV never fell below a previous high.</p>';
  const rows = worst.map(
    (e, k) =>
      `<tr><td>#${k + 1}</td><td class="neg">${formatPercent(e.depth)}</td><td>${orDash(e.peakDate)}</td><td>${orDash(e.troughDate)}</td><td>${e.recoveryDate === null ? '<strong>still open</strong>' : escapeHtml(e.recoveryDate)}</td><td>${formatCount(e.timeToTrough)}</td><td>${formatCount(e.length)}${e.recoveryDate === null ? ' so far' : ''}</td></tr>`,
  );
  return table([{ text: 'Rank' }, 'Depth', 'Peak', 'Trough', 'Recovery', 'Periods to trough', 'Length (periods)'], rows);
}

/** Each cost line's total and annualized drag, the credits as negative costs (costLineLabel says so). */
export function costTable(costs: readonly CostLineData[], currency: string): string {
  if (costs.length === 0) return '<p class="empty">No cost lines recorded.</p>';
  const rows = costs.map(
    (c) =>
      `<tr><td>${escapeHtml(costLineLabel(c.line))}</td><td>${formatCurrency(c.total)}</td><td${c.annualDrag === null ? ' class="na"' : ''}>${c.annualDrag === null ? 'insufficient data' : formatPercent(c.annualDrag, 3)}</td></tr>`,
  );
  return table([{ text: 'Cost line' }, `Total (${currency})`, 'Annual drag (% of mean NAV)'], rows);
}

/** Participation in average daily volume at the run's NAV, and the NAV at which it reaches the cap. */
export function capacityTable(metrics: ReadonlyMap<string, MetricFigure>, currency: string): string {
  const median = metrics.get('participation_median');
  // Every run measured since capacity figures exist stores their four rows (null with a note where not measured).
  if (median === undefined) return '<p class="empty">Not measured for this run: it was stored by an earlier breadth, without capacity figures.</p>';
  if (median.value === null) return `<p class="empty">No capacity figures: ${escapeHtml(median.note ?? 'insufficient data')}.</p>`;
  const value = (name: string, show: (v: number) => string): string => {
    const m = metrics.get(name);
    return m === undefined || m.value === null ? `<td class="na">${escapeHtml(m?.note ?? '–')}</td>` : `<td>${show(m.value)}</td>`;
  };
  const rows = [
    `<tr><td>Median fill</td>${value('participation_median', (v) => formatPercent(v, 3))}</tr>`,
    `<tr><td>95th-percentile fill</td>${value('participation_p95', (v) => formatPercent(v, 3))}</tr>`,
    `<tr><td>Largest fill</td>${value('participation_max', (v) => formatPercent(v, 2))}</tr>`,
    `<tr><td>NAV at which the 95th-percentile fill takes 10% of ADV</td>${value('capacity_nav', (v) => `${escapeHtml(currency)} ${formatCurrency(v)}`)}</tr>`,
  ];
  return `${table([{ text: 'Participation in 20-session average daily volume' }, 'At this run’s NAV'], rows)}<p class="sub">n = ${formatCount(median.n)} fills with a known volume. Participation grows in proportion to NAV.</p>`;
}
