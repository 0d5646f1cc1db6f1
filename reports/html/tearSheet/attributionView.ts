// Factor attribution: a models × factors table (loading, t-statistic, and what the exposure
// earned per year) with each model's date range and fit, and a bar that splits the mean excess
// return into factor contributions and alpha. OLS with an intercept fits the means exactly, so
// mean excess = α + Σ βₖ·mean(fₖ); annualized arithmetically (× P) the parts add up to the
// whole. Loadings are exposures, not good or bad: they are not coloured.

import type { WaterfallSpec } from '../page/charts.ts';
import { escapeHtml } from '../page/escape.ts';
import { formatCount, formatPercent, formatRatio } from '../page/format.ts';
import type { FactorFit, FactorLoading } from '../model.ts';

const MODEL_NAMES: Record<string, string> = {
  ff5_mom_daily: 'FF5 + momentum, daily',
  ff5_mom_monthly: 'FF5 + momentum, monthly',
  aqr_qmj_monthly: 'Market + AQR QMJ, monthly',
};

export const modelName = (model: string): string => MODEL_NAMES[model] ?? model;

/** βₖ·mean(fₖ)·P: what the exposure earned per year (arithmetic), or null. */
function contribution(l: FactorLoading, fit: FactorFit | undefined): number | null {
  if (l.loading === null || l.mean === null || l.mean === undefined || fit?.periodsPerYear === undefined) return null;
  return l.loading * l.mean * fit.periodsPerYear;
}

const ratio = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : formatRatio(x));

export function attributionTable(loadings: readonly FactorLoading[], fits: readonly FactorFit[]): string {
  const factors = [...new Set(loadings.map((l) => l.factor))];
  const at = new Map(loadings.map((l) => [`${l.model}\u0000${l.factor}`, l]));
  const head = fits.map((f) => `<th scope="col">${escapeHtml(modelName(f.model))}<br><span class="muted">${escapeHtml(f.from ?? '–')} → ${escapeHtml(f.to ?? '–')}, n = ${formatCount(f.n)}</span></th>`).join('');
  const rows = factors.map((factor) => {
    const cells = fits.map((f) => {
      const l = at.get(`${f.model}\u0000${factor}`);
      if (l === undefined) return '<td class="na">–</td>';
      const c = contribution(l, f);
      return `<td>${ratio(l.loading)} <span class="muted">t ${ratio(l.tStat)}</span>${c === null ? '' : `<br><span class="muted">${c >= 0 ? '+' : ''}${formatPercent(c, 2)}/yr</span>`}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(factor)}</th>${cells.join('')}</tr>`;
  });
  const fitRow = (label: string, value: (f: FactorFit) => string): string => `<tr><th scope="row">${label}</th>${fits.map((f) => `<td>${value(f)}</td>`).join('')}</tr>`;
  rows.push(
    fitRow('Alpha (annualized)', (f) => `${f.alpha === null ? '–' : formatPercent(f.alpha)} <span class="muted">t ${ratio(f.alphaTStat)}</span>`),
    fitRow('R²', (f) => ratio(f.rSquared)),
  );
  return `<div class="table-scroll"><table class="metrics"><thead><tr><th scope="col">Factor</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** The model whose split the bar shows: the first with a mean excess return (daily before monthly, as stored). */
export function splitModel(fits: readonly FactorFit[]): FactorFit | undefined {
  return fits.find((f) => f.meanExcess !== null && f.meanExcess !== undefined && f.interceptPerPeriod !== null && f.interceptPerPeriod !== undefined && f.periodsPerYear !== undefined);
}

/** Each factor's contribution, then alpha, then the mean excess return they add up to (all × P). */
export function returnSplit(id: string, loadings: readonly FactorLoading[], fit: FactorFit): WaterfallSpec {
  const P = fit.periodsPerYear as number;
  const own = loadings.filter((l) => l.model === fit.model);
  const parts = own.map((l) => ({ label: l.factor, value: contribution(l, fit) ?? 0 }));
  parts.push({ label: 'Alpha', value: (fit.interceptPerPeriod as number) * P });
  return {
    type: 'waterfall',
    id,
    format: 'percent',
    categories: [...parts.map((p) => p.label), 'Excess return'],
    values: [...parts.map((p) => p.value), (fit.meanExcess as number) * P],
    totals: [...parts.map(() => false), true],
  };
}
