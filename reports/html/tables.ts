// The tear sheet's smaller tables: worst drawdowns, contributors and detractors, costs, factor
// attribution. Every data-derived string is escaped here.

import { escapeHtml } from './escape.ts';
import { formatCount, formatCurrency, formatPercent, formatRatio } from './format.ts';
import { humanize } from './metricCatalog.ts';
import type { CostLineData, DrawdownRow, FactorFit, FactorLoading, SymbolPnl } from './model.ts';

/** A column heading: numeric columns align right; `{ text }` marks a left-aligned text column. */
type Heading = string | { text: string };

function table(head: readonly Heading[], rows: readonly string[]): string {
  const th = head.map((h) => (typeof h === 'string' ? `<th scope="col">${escapeHtml(h)}</th>` : `<th scope="col" class="t">${escapeHtml(h.text)}</th>`)).join('');
  return `<div class="table-scroll"><table><thead><tr>${th}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

const orDash = (text: string | null): string => escapeHtml(text ?? '–');
const signClass = (x: number): string => (x > 0 ? 'pos' : x < 0 ? 'neg' : '');

/** The deepest episodes, deepest first. */
export function drawdownTable(episodes: readonly DrawdownRow[], count = 5): string {
  const worst = [...episodes].sort((a, b) => a.depth - b.depth).slice(0, count);
  if (worst.length === 0) return '<p class="empty">No drawdown: the NAV never fell below a previous high.</p>';
  const rows = worst.map(
    (e, k) =>
      `<tr><td>#${k + 1}</td><td class="neg">${formatPercent(e.depth)}</td><td>${orDash(e.peakDate)}</td><td>${orDash(e.troughDate)}</td><td>${e.recoveryDate === null ? 'not recovered' : escapeHtml(e.recoveryDate)}</td><td>${formatCount(e.timeToTrough)}</td><td>${formatCount(e.length)}</td></tr>`,
  );
  return table([{ text: 'Rank' }, 'Depth', 'Peak', 'Trough', 'Recovery', 'Sessions to trough', 'Length (sessions)'], rows);
}

/** Symbols and their P&L with a bar scaled to the largest magnitude in either list. */
export function pnlTable(rows: readonly SymbolPnl[], scale: number): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  const body = rows.map((r) => {
    const width = scale > 0 ? Math.min(100, (Math.abs(r.pnl) / scale) * 100) : 0;
    const colour = r.pnl < 0 ? 'var(--down)' : 'var(--up)';
    return `<tr><td>${escapeHtml(r.symbol)}</td><td class="${signClass(r.pnl)}">${formatCurrency(r.pnl)}</td><td class="bar"><div class="bar-fill" style="width:${width.toFixed(1)}%;background:${colour}"></div></td></tr>`;
  });
  return table([{ text: 'Symbol' }, 'P&L', ''], body);
}

/** Each cost line's total and annualized drag, with the annual turnover for context. */
export function costTable(costs: readonly CostLineData[]): string {
  if (costs.length === 0) return '<p class="empty">No cost lines recorded.</p>';
  const rows = costs.map(
    (c) =>
      `<tr><td>${escapeHtml(humanize(c.line))}</td><td>${formatCurrency(c.total)}</td><td${c.annualDrag === null ? ' class="na"' : ''}>${c.annualDrag === null ? 'insufficient data' : formatPercent(c.annualDrag, 3)}</td></tr>`,
  );
  return table([{ text: 'Cost line' }, 'Total', 'Annual drag (% of mean NAV)'], rows);
}

const tStat = (t: number | null | undefined): string => (t === null || t === undefined ? '–' : formatRatio(t));

/** Loadings with t-statistics, then each model's fit (R², annualized alpha). */
export function attributionTables(loadings: readonly FactorLoading[], fits: readonly FactorFit[]): string {
  const loadingRows = loadings.map(
    (l) => `<tr><td>${escapeHtml(l.model)}</td><td class="t">${escapeHtml(l.factor)}</td><td class="${signClass(l.loading ?? 0)}">${l.loading === null ? '–' : formatRatio(l.loading)}</td><td>${tStat(l.tStat)}</td></tr>`,
  );
  const fitRows = fits.map(
    (f) =>
      `<tr><td>${escapeHtml(f.model)}</td><td>${f.rSquared === null ? '–' : formatRatio(f.rSquared)}</td><td>${f.alpha === null ? '–' : formatPercent(f.alpha)}</td><td>${tStat(f.alphaTStat)}</td><td>${formatCount(f.n)}</td></tr>`,
  );
  return `<h3>Loadings</h3>${table([{ text: 'Model' }, { text: 'Factor' }, 'Loading', 't-stat'], loadingRows)}<h3>Fit</h3>${table([{ text: 'Model' }, 'R²', 'Alpha (annualized)', 'Alpha t-stat', 'n'], fitRows)}`;
}
