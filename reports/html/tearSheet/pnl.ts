// Where the money came from: the ledger's decomposition of ΔNAV as a waterfall (start, long book,
// short book, income lines, each cost line, end), the long and short books' cumulative P&L over
// time, and the symbols that added and lost the most with the side, weight and dates they were held.

import { type ChartPayloadBuilder, COLORS, type LineSeriesSpec, type SampledAxis, type WaterfallSpec } from '../page/charts.ts';
import { escapeHtml } from '../page/escape.ts';
import { formatCurrency, formatPercent } from '../page/format.ts';
import { humanize } from '../metricCatalog.ts';
import type { PnlDecomposition, SymbolPnl, TearSheetData } from '../model.ts';
import { signClass } from './tables.ts';

/** Lines smaller than this share of the starting capital are left out of the waterfall (they still reconcile in the table). */
const NEGLIGIBLE = 1e-9;
/** The ledger reconciles to rounding (1e-9 relative, DESIGN.md): a larger gap is shown, never hidden. */
const RECONCILED = 1e-8;

/** The waterfall: Start, each non-zero line, a residual if the ledger does not reconcile, End. */
export function waterfall(id: string, dec: PnlDecomposition): WaterfallSpec {
  const lines = dec.lines.filter((l) => Math.abs(l.amount) > NEGLIGIBLE * Math.abs(dec.startNav));
  const residual = dec.endNav - dec.startNav - dec.lines.reduce((s, l) => s + l.amount, 0);
  const steps = lines.map((l) => ({ label: humanize(l.line), amount: l.amount }));
  const scale = Math.abs(dec.startNav) + dec.lines.reduce((s, l) => s + Math.abs(l.amount), 0);
  if (Math.abs(residual) > RECONCILED * scale) steps.push({ label: 'Unexplained', amount: residual });
  return {
    type: 'waterfall',
    id,
    format: 'currency',
    categories: ['Start', ...steps.map((s) => s.label), 'End'],
    values: [dec.startNav, ...steps.map((s) => s.amount), dec.endNav],
    totals: [true, ...steps.map(() => false), true],
  };
}

/** Cumulative P&L of the long and the short book, and the NAV change, on each session of `axis` (sampled from the run's dates). */
export function addLegsChart(out: ChartPayloadBuilder, data: TearSheetData, axis: SampledAxis): void {
  const legs = data.legs;
  if (legs === undefined) return;
  const cumulative = (x: readonly number[]): number[] => {
    let s = 0;
    return x.map((v) => (s += Number.isFinite(v) ? v : 0));
  };
  const series: LineSeriesSpec[] = [{ name: 'Long book', x: axis.x, values: axis.values(cumulative(legs.long)), color: COLORS.long, width: 2 }];
  if (legs.short.some((v) => v !== 0)) series.push({ name: 'Short book', x: axis.x, values: axis.values(cumulative(legs.short)), color: COLORS.short, width: 2 });
  const start = data.nav[0] ?? 0;
  series.push({ name: 'NAV change', x: axis.x, values: axis.values(data.nav.map((v) => v - start)), color: COLORS.gross, width: 1 });
  out.add({ type: 'line', id: 'legs', format: 'currency', series, marks: [0] });
}

const weight = (w: number | null | undefined): string => (w === null || w === undefined ? '–' : formatPercent(w, 2));

/**
 * What the tables' weight column is: the store holds each symbol's price only at decision closes,
 * so its weight over time cannot be averaged session by session; the column says which moments it
 * averages (probe r52c: a drift-band rebalancer read 62.00 % for a 60 % target, the mean of its
 * two most drifted closes, while buy-and-hold, deciding every session, read a daily average).
 */
export const DECISION_WEIGHT_NOTE =
  'Avg weight at decisions: the mean of the symbol’s weight of NAV at the decision closes that held it, before that close’s trades. A strategy that decides every session gives its daily average; one that rebalances when the book drifts is weighed at its most drifted closes, not over time.';

/** Symbols with P&L, side, mean weight at decisions (DECISION_WEIGHT_NOTE) and holding dates, and a bar scaled to the largest magnitude in either list. */
export function pnlTable(rows: readonly SymbolPnl[], scale: number, currency: string): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  const body = rows.map((r) => {
    const width = scale > 0 ? Math.min(100, (Math.abs(r.pnl) / scale) * 100) : 0;
    const colour = r.pnl < 0 ? 'var(--down)' : 'var(--up)';
    const held = r.from === undefined ? '–' : `${escapeHtml(r.from ?? '–')} → ${r.to === null ? 'held at end' : escapeHtml(r.to ?? '–')}`;
    return `<tr><td>${escapeHtml(r.symbol)}</td><td class="t">${escapeHtml(r.side ?? '–')}</td><td>${weight(r.avgWeight)}</td><td class="t held">${held}</td><td class="${signClass(r.pnl)}">${formatCurrency(r.pnl)}</td><td class="bar"><div class="bar-fill" style="width:${width.toFixed(1)}%;background:${colour}"></div></td></tr>`;
  });
  return `<div class="table-scroll"><table><thead><tr><th scope="col" class="t">Symbol</th><th scope="col" class="t">Side</th><th scope="col" title="mean weight of NAV at the decision closes that held it">Avg weight at decisions</th><th scope="col" class="t">Held</th><th scope="col">P&amp;L (${escapeHtml(currency)})</th><th scope="col"></th></tr></thead><tbody>${body.join('')}</tbody></table></div>`;
}

/** The decomposition as a table: each line in currency and as a share of the starting capital. */
export function decompositionTable(dec: PnlDecomposition, currency: string): string {
  const rows = dec.lines.map((l) => `<tr><td class="t">${escapeHtml(humanize(l.line))}</td><td class="t">${l.kind}</td><td class="${signClass(l.amount)}">${formatCurrency(l.amount)}</td><td>${formatPercent(l.amount / dec.startNav, 2)}</td></tr>`);
  const change = dec.endNav - dec.startNav;
  rows.push(`<tr class="total"><td class="t">NAV change</td><td></td><td>${formatCurrency(change)}</td><td>${formatPercent(change / dec.startNav, 2)}</td></tr>`);
  return `<div class="table-scroll"><table><thead><tr><th scope="col" class="t">Line</th><th scope="col" class="t">Kind</th><th scope="col">${escapeHtml(currency)}</th><th scope="col">Of starting capital</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
