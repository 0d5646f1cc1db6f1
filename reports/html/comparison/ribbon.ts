// The holdings ribbon of a switching strategy: one bar over the run's period, a segment per
// stretch of the same main holding, coloured by symbol, with the number of switches and the
// trading cost per switch. Plain HTML (widths in %), so it wraps, prints and needs no chart.

import { parseIsoDay } from '../../../data/dates.ts';
import { COLORS } from '../page/charts.ts';
import { escapeHtml } from '../page/escape.ts';
import { formatCount, formatCurrency } from '../page/format.ts';
import type { ComparisonRun } from '../model.ts';

const CASH = '#e2e8f0';

/** One colour per symbol across all ribbons of the page (cash is grey). */
export function symbolColours(runs: readonly ComparisonRun[]): Map<string, string> {
  const symbols = [...new Set(runs.flatMap((r) => r.holdings?.symbols ?? []).filter((s) => s !== ''))];
  return new Map(symbols.map((s, k) => [s, COLORS.categorical[k % COLORS.categorical.length]]));
}

export function holdingsRibbon(run: ComparisonRun, stats: { count: number; costPerSwitch: number | null }, colours: ReadonlyMap<string, string>): string {
  const h = run.holdings;
  if (h === undefined || run.dates.length === 0) return '';
  const start = parseIsoDay(run.dates[0]);
  const end = parseIsoDay(run.dates[run.dates.length - 1]);
  const span = Math.max(1, end - start);
  const segments = h.symbols.map((symbol, k) => {
    const from = Math.max(start, parseIsoDay(h.dates[k]));
    const to = k + 1 < h.dates.length ? parseIsoDay(h.dates[k + 1]) : end;
    const width = (Math.max(0, to - from) / span) * 100;
    const label = symbol === '' ? 'cash' : symbol;
    const until = k + 1 < h.dates.length ? h.dates[k + 1] : run.dates[run.dates.length - 1];
    return `<span class="segment" style="width:${width.toFixed(3)}%;background:${symbol === '' ? CASH : (colours.get(symbol) ?? CASH)}" title="${escapeHtml(`${label}: ${h.dates[k]} to ${until}`)}"></span>`;
  });
  const lead = h.dates[0] > run.dates[0] ? `<span class="segment" style="width:${(((parseIsoDay(h.dates[0]) - start) / span) * 100).toFixed(3)}%;background:${CASH}" title="cash until ${escapeHtml(h.dates[0])}"></span>` : '';
  const legend = [...new Set(h.symbols)].map((s) => `<span class="key"><span class="swatch" style="background:${s === '' ? CASH : (colours.get(s) ?? CASH)}"></span>${escapeHtml(s === '' ? 'cash' : s)}</span>`).join('');
  const cost = stats.costPerSwitch === null ? '' : `, ${escapeHtml(run.currency ?? '')} ${formatCurrency(stats.costPerSwitch)} of trading costs per switch`;
  return `<div class="ribbon-row"><div class="ribbon-head"><strong>${escapeHtml(run.label)}</strong>: ${formatCount(stats.count)} switch${stats.count === 1 ? '' : 'es'}${cost}</div><div class="ribbon" role="img" aria-label="${escapeHtml(`${run.label} holdings over time`)}">${lead}${segments.join('')}</div><div class="ribbon-keys">${legend}</div></div>`;
}
