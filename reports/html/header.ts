// The manifest: what was run, on what, and how — the details a reader checks after the summary —
// the SYNTHETIC and look-ahead badges where they apply, and the sections' navigation.

import { escapeHtml } from './page/escape.ts';
import { formatCount, formatCurrency } from './page/format.ts';
import type { RunInfo } from './model.ts';

/** Parameters as `key: value` lines; nested values as compact JSON. */
function describeParams(params: unknown): string {
  if (params === null || params === undefined) return 'none';
  if (typeof params !== 'object' || Array.isArray(params)) return JSON.stringify(params) ?? String(params);
  const entries = Object.entries(params as Record<string, unknown>);
  if (entries.length === 0) return 'none';
  return entries.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join('\n');
}

export function badges(run: { synthetic: boolean; lookAheadProne: boolean }): string {
  const out: string[] = [];
  if (run.synthetic) out.push('<span class="badge badge-synthetic" title="Generated data, not market history">SYNTHETIC</span>');
  if (run.lookAheadProne) out.push('<span class="badge badge-lookahead" title="Orders fill on the decision close">LOOK-AHEAD-PRONE</span>');
  return out.join('');
}

function row(term: string, detail: string): string {
  return `<dt>${escapeHtml(term)}</dt><dd>${detail}</dd>`;
}

export function manifestList(run: RunInfo, benchmarkName: string | undefined): string {
  const d = run.data;
  const params = describeParams(run.strategy.params)
    .split('\n')
    .map((line) => `<code>${escapeHtml(line)}</code>`)
    .join('<br>');
  const costs = run.costModels.map((c) => `${escapeHtml(c.kind)}: <code>${escapeHtml(c.model)}</code>`).join('<br>') || 'none';
  const execution = `${escapeHtml(run.execution.convention)}${run.execution.lookAheadProne ? ' <strong>(look-ahead-prone)</strong>' : ''}`;
  const facts = run.facts;
  const start = facts?.requestedFrom && facts.requestedFrom !== d.from ? ` (asked from ${escapeHtml(facts.requestedFrom)})` : '';
  const rows = [
    row('Strategy', `${escapeHtml(run.strategy.name)}${run.strategy.schedule === undefined ? '' : ` · schedule ${escapeHtml(run.strategy.schedule)}`}`),
    row('Parameters', params),
    row('Data', `${escapeHtml(d.name)}${d.synthetic ? ' (synthetic)' : ''}`),
    row('Period', `${escapeHtml(d.from)} to ${escapeHtml(d.to)}${start} · ${formatCount(d.sessions)} sessions · P = ${formatCount(run.periodsPerYear)} per year`),
    row('Capital', `${escapeHtml(run.currency)} ${escapeHtml(formatCurrency(run.initialCapital))}${run.account === undefined ? '' : ` · ${escapeHtml(run.account)} account`}`),
    row('Execution', execution),
    row('Cost models', costs),
    row('Benchmark', escapeHtml(benchmarkName ?? 'none')),
    row('Risk-free', escapeHtml(run.riskFree ?? 'not stated (rf = 0)')),
    row('Run', `<code>${escapeHtml(run.id)}</code>${run.engineVersion === undefined ? '' : ` · breadth ${escapeHtml(run.engineVersion)}`}`),
  ];
  return `<dl class="manifest">${rows.join('')}</dl>`;
}

/** The sections' links, kept in view at the top of the page on a wide screen. */
export function tocNav(toc: readonly [anchor: string, title: string][]): string {
  return `<nav class="toc card" aria-label="Sections">${toc.map(([anchor, title]) => `<a href="#${anchor}">${escapeHtml(title)}</a>`).join('')}</nav>`;
}
