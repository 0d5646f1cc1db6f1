// The report header: what was run, on what, and how — the manifest a reader checks first —
// with the SYNTHETIC and look-ahead badges where they apply, and the warnings callout.

import { escapeHtml } from './escape.ts';
import { formatCount } from './format.ts';
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

export function runHeader(run: RunInfo, benchmarkName: string | undefined, toc: readonly [anchor: string, title: string][]): string {
  const d = run.data;
  const params = describeParams(run.strategy.params)
    .split('\n')
    .map((line) => `<code>${escapeHtml(line)}</code>`)
    .join('<br>');
  const costs = run.costModels.map((c) => `${escapeHtml(c.kind)}: <code>${escapeHtml(c.model)}</code>`).join('<br>') || 'none';
  const execution = `${escapeHtml(run.execution.convention)}${run.execution.lookAheadProne ? ' <strong>(look-ahead-prone)</strong>' : ''}`;
  const rows = [
    row('Strategy', `${escapeHtml(run.strategy.name)}${run.strategy.schedule === undefined ? '' : ` · schedule ${escapeHtml(run.strategy.schedule)}`}`),
    row('Parameters', params),
    row('Data', `${escapeHtml(d.name)}${d.synthetic ? ' (synthetic)' : ''}`),
    row('Period', `${escapeHtml(d.from)} to ${escapeHtml(d.to)} · ${formatCount(d.sessions)} sessions`),
    row('Execution', execution),
    row('Cost models', costs),
    row('Benchmark', escapeHtml(benchmarkName ?? 'none')),
    row('Risk-free', escapeHtml(run.riskFree ?? 'not stated (rf = 0)')),
    row('Run', `<code>${escapeHtml(run.id)}</code>${run.engineVersion === undefined ? '' : ` · breadth ${escapeHtml(run.engineVersion)}`}`),
  ];
  const links = toc.map(([anchor, title]) => `<a href="#${anchor}">${escapeHtml(title)}</a>`).join('');
  return `<header class="card">
<div class="title-row"><h1>${escapeHtml(run.label)}</h1>${badges({ synthetic: d.synthetic, lookAheadProne: run.execution.lookAheadProne })}</div>
<dl class="manifest">${rows.join('')}</dl>
<nav class="toc" aria-label="Sections">${links}</nav>
</header>`;
}

export function warningsCallout(warnings: readonly string[]): string {
  if (warnings.length === 0) return '';
  const items = warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return `<section class="card warnings" id="warnings" role="note"><h2>Warnings (${warnings.length})</h2><ul>${items}</ul></section>`;
}
