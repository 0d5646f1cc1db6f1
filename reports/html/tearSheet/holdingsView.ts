// The holdings section: the largest long and short positions at the last decision, concentration
// over time and, where the data has sectors, each sector's net weight over time.

import { type ChartPayloadBuilder, COLORS } from '../page/charts.ts';
import { escapeHtml } from '../page/escape.ts';
import { formatPercent } from '../page/format.ts';
import { card, chartCard } from '../page/layout.ts';
import type { HoldingsData } from '../model.ts';

function weightTable(rows: readonly { symbol: string; weight: number }[]): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  const body = rows.map((r) => `<tr><td>${escapeHtml(r.symbol)}</td><td class="${r.weight < 0 ? 'neg' : 'pos'}">${formatPercent(r.weight, 2)}</td></tr>`);
  return `<div class="table-scroll"><table><thead><tr><th scope="col" class="t">Symbol</th><th scope="col">Weight of NAV</th></tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

/** Concentration and sector weights, thinned to at most ~`points` decisions (a daily strategy decides every session). */
export function addHoldingsCharts(out: ChartPayloadBuilder, h: HoldingsData, points: number): void {
  const c = h.concentration;
  const { x, values } = out.thinned(c.dates, points);
  out.add({
    type: 'line',
    id: 'concentration',
    format: 'percent',
    series: [
      { name: 'Largest position', x, values: values(c.max), color: COLORS.runs[0], width: 2, step: true },
      { name: 'Median position', x, values: values(c.median), color: COLORS.runs[2], step: true },
      { name: 'Top 10, share of gross', x, values: values(c.top10), color: COLORS.gross, dashed: true, step: true },
    ],
  });
  const s = h.sectors;
  if (s !== undefined) {
    const sectors = out.thinned(s.dates, points);
    out.add({
      type: 'line',
      id: 'sectors',
      format: 'percent',
      series: s.names.map((name, k) => ({ name, x: sectors.x, values: sectors.values(s.weights[k]), color: COLORS.categorical[k % COLORS.categorical.length], step: true })),
      marks: [0],
    });
  }
}

/**
 * The section, from the holdings at decision closes (`h`, undefined when no decision close found a
 * position) and the daily gross exposure: a run whose fills all came after its last decision (one
 * month-start decision, next-open) held positions no decision close saw, and is told so, not
 * "never held" (probe r46a F3).
 */
export function holdingsSection(h: HoldingsData | undefined, gross: readonly number[]): string {
  if (h === undefined) {
    const held = gross.some((g) => g > 0);
    return card('Holdings', `<p class="empty">${held ? 'No decision close found the book holding a position: holdings are taken at decision closes, and this run’s fills came after its last decision (the exposure above shows what it held).' : 'The run never held a position.'}</p>`);
  }
  const tables = `<div class="grid">${card(`Largest long positions, ${h.asOf}`, weightTable(h.topLong))}${card(`Largest short positions, ${h.asOf}`, weightTable(h.topShort))}</div>`;
  const charts = `<div class="grid">${chartCard({ id: 'concentration', title: 'Concentration', note: 'At each decision: the largest and the median position (|weight| of NAV), and the ten largest as a share of gross exposure.' })}${
    h.sectors === undefined
      ? card('Sector exposure', '<p class="empty">The data has no sector labels for these symbols.</p>')
      : chartCard({ id: 'sectors', title: 'Sector exposure (net % of NAV)', note: 'Net weight of each sector at each decision; the smaller sectors are summed as Other.' })
  }</div>`;
  return tables + charts;
}
