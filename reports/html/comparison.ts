// The comparison page: several runs side by side — who they are, growth and drawdowns overlaid,
// metrics with deltas against the first run, how their daily returns correlate, and how their
// exposures differ. This is how IWM vs SMLF, or a size tilt vs its benchmark, is read.

import { comparisonCharts, commonStart } from './comparisonCharts.ts';
import { escapeHtml } from './escape.ts';
import { formatCount } from './format.ts';
import { badges, warningsCallout } from './header.ts';
import { card, chartCard, renderPage, section } from './layout.ts';
import { metricsTable } from './metricTables.ts';
import type { ComparisonData, ComparisonRun } from './model.ts';

const TOC: [string, string][] = [
  ['runs', 'Runs'],
  ['curves', 'Growth & drawdowns'],
  ['metrics', 'Metrics'],
  ['correlation', 'Correlation'],
  ['exposure', 'Exposure'],
];

function runsTable(runs: readonly ComparisonRun[]): string {
  const rows = runs.map(
    (r, k) =>
      `<tr><td>${k === 0 ? '<strong>reference</strong>' : String(k + 1)}</td><td class="t">${escapeHtml(r.label)} ${badges(r)}</td><td class="t">${escapeHtml(r.strategy)}</td><td class="t">${escapeHtml(r.dataName)}</td><td>${escapeHtml(r.dates[0] ?? '–')} to ${escapeHtml(r.dates[r.dates.length - 1] ?? '–')}</td><td>${formatCount(r.dates.length)}</td><td><code>${escapeHtml(r.id)}</code></td></tr>`,
  );
  return `<div class="table-scroll"><table><thead><tr><th>#</th><th class="t">Run</th><th class="t">Strategy</th><th class="t">Data</th><th>Period</th><th>Sessions</th><th>Id</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/**
 * Each caveat once, under the runs it concerns ("all runs" when every run shares it — data
 * caveats usually do), plus checks that matter when reading runs together.
 */
function comparisonWarnings(runs: readonly ComparisonRun[]): string[] {
  const runsOf = new Map<string, string[]>();
  for (const r of runs) {
    const own = [...new Set(r.warnings)];
    if (r.lookAheadProne && !own.some((w) => /look-ahead/i.test(w))) own.push('look-ahead-prone execution convention (same-close fills)');
    if (r.synthetic && !own.some((w) => /synthetic/i.test(w))) own.push('SYNTHETIC data, not market history');
    for (const w of own) runsOf.set(w, [...(runsOf.get(w) ?? []), r.label]);
  }
  const out = [...runsOf].map(([w, labels]) => `${labels.length === runs.length && runs.length > 1 ? 'all runs' : labels.join(', ')}: ${w}`);
  const periods = new Set(runs.map((r) => `${r.dates[0]}/${r.dates[r.dates.length - 1]}`));
  if (periods.size > 1) {
    const start = commonStart(runs);
    out.push(
      start === null
        ? 'The runs cover periods that do not overlap: curves start at each run’s own first date and correlations are undefined.'
        : `The runs cover different periods: curves start at ${start}, the first date all share; metrics use each run’s full period.`,
    );
  }
  return out;
}

export function renderComparison(data: ComparisonData): string {
  if (data.runs.length === 0) throw new RangeError('comparison: no runs to compare');
  for (const r of data.runs) if (r.dates.length !== r.nav.length) throw new RangeError(`comparison: run ${r.id} has ${r.nav.length} NAV values for ${r.dates.length} dates`);
  const charts = comparisonCharts(data);
  const reference = data.runs[0].label;
  const start = commonStart(data.runs);
  const links = TOC.map(([anchor, title]) => `<a href="#${anchor}">${escapeHtml(title)}</a>`).join('');
  const n = data.runs.length;
  const body = [
    `<header class="card"><div class="title-row"><h1>${escapeHtml(data.title)}</h1>${badges({ synthetic: data.runs.some((r) => r.synthetic), lookAheadProne: data.runs.some((r) => r.lookAheadProne) })}</div>
<p class="sub">${n} runs; deltas and differences are against the reference run, ${escapeHtml(reference)}.</p>
<nav class="toc" aria-label="Sections">${links}</nav></header>`,
    warningsCallout(comparisonWarnings(data.runs)),
    section('runs', 'Runs', card('Runs compared', runsTable(data.runs))),
    section(
      'curves',
      'Growth & drawdowns',
      chartCard({ id: 'growth', title: 'Growth of 1', note: start === null ? 'Each run from its own first session.' : `Rebased to 1 on ${start}, the first date all runs share.`, tall: true, logToggle: data.runs.every((r) => r.nav.every((v) => v > 0)) }) +
        chartCard({ id: 'drawdown', title: 'Drawdowns', note: 'Distance below each run’s running peak over the same window.' }),
    ),
    section('metrics', 'Metrics side by side', card('All metrics', metricsTable(data.runs.map((r) => ({ label: r.label, metrics: r.metrics })), 'deltas'), `Grey figures are the change against ${reference}; percentages differ in percentage points.`)),
    section('correlation', 'Correlation of daily returns', chartCard({ id: 'correlation', title: 'Return correlation', note: 'Pearson correlation of daily returns on the dates each pair shares.', height: Math.max(260, n * 56 + 120) })),
    section(
      'exposure',
      'Exposure',
      `<div class="grid">${chartCard({ id: 'net', title: 'Net exposure (% of NAV)' })}${chartCard({ id: 'gross', title: 'Gross exposure (% of NAV)' })}</div>` +
        chartCard({ id: 'exposure-difference', title: `Exposure difference vs ${reference}`, note: n > 1 ? 'Each run minus the reference on the dates both have: net solid, gross dashed.' : 'Only one run: nothing to compare against.' }),
    ),
  ].join('\n');
  return renderPage({ title: `${data.title} — breadth comparison`, body, charts });
}
