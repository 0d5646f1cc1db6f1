// The comparison page, built around the question it is used for (IWM vs SMLF; a variant vs its
// base): who the runs are and what they are measured against, the headline metrics over the
// period every run covers with the best of each row marked and whether the Sharpe difference is
// significant, growth, relative strength and rolling excess return against the reference, each
// year's winner, the holdings ribbon of switching strategies, all metrics, correlations, exposure.

import { caveatSize } from '../tearSheet/caveats.ts';
import { comparisonCharts, pairCorrelations } from './comparisonCharts.ts';
import { commonPeriodShortfall, commonPeriodShortNote, commonWindow, comparisonMetrics, sharpeDifferences, switches, yearlyReturns, yearWinners } from './comparisonMeasures.ts';
import { MIN_TEST_N } from '../../metrics/index.ts';
import { escapeHtml } from '../page/escape.ts';
import { decimals } from '../page/decimals.ts';
import { formatCount, formatPercent, formatRatio } from '../page/format.ts';
import { badges, tocNav } from '../header.ts';
import { card, chartCard, renderPage, section } from '../page/layout.ts';
import { metricInfo } from '../metricCatalog.ts';
import { metricsTable } from '../metricTables.ts';
import type { ComparisonData, ComparisonRun, MetricFigure } from '../model.ts';
import { holdingsRibbon, symbolColours } from './ribbon.ts';

const TOC: [string, string][] = [
  ['curves', 'Growth'],
  ['relative', 'Relative'],
  ['years', 'Years'],
  ['holdings', 'Holdings'],
  ['metrics', 'All metrics'],
  ['caveats', 'Caveats'],
  ['correlation', 'Correlation'],
  ['exposure', 'Exposure'],
];

/** Most distinct main holdings a run may have for its ribbon to be drawn. */
const RIBBON_SYMBOLS = 6;

const HEADLINE = ['total_return', 'annual_return', 'annual_volatility', 'sharpe', 'max_drawdown', 'alpha', 'turnover', 'cost_total_drag'];

function runsTable(runs: readonly ComparisonRun[]): string {
  const rows = runs.map(
    (r, k) =>
      `<tr><td>${k === 0 ? '<strong>ref</strong>' : String(k + 1)}</td><td class="t">${escapeHtml(r.label)} ${badges(r)}</td><td class="t">${escapeHtml(r.strategy)}</td><td class="t">${escapeHtml(r.benchmark?.name ?? 'none')}</td><td>${escapeHtml(r.dates[0] ?? '–')} to ${escapeHtml(r.dates[r.dates.length - 1] ?? '–')}</td><td>${formatCount(r.dates.length)}</td><td><code>${escapeHtml(r.id)}</code></td></tr>`,
  );
  return `<div class="table-scroll"><table><thead><tr><th>#</th><th class="t">Run</th><th class="t">Strategy</th><th class="t">Benchmark</th><th>Period</th><th>Sessions</th><th>Id</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/**
 * Each caveat once, under the runs it concerns ("all runs" when every run has it), most severe
 * first; with `highOnly`, the high ones alone — those that change how a run reads, shown above the
 * at-a-glance table as the tear sheet shows them above its figures ('' when there are none).
 */
function caveatList(runs: readonly ComparisonRun[], highOnly = false): string {
  const byMessage = new Map<string, { severity: string; size: string; labels: string[] }>();
  const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
  for (const r of runs) {
    for (const c of r.caveats) {
      if (highOnly && c.severity !== 'high') continue;
      const entry = byMessage.get(c.message) ?? { severity: c.severity, size: caveatSize(c, r.currency ?? ''), labels: [] };
      if (!entry.labels.includes(r.label)) entry.labels.push(r.label);
      byMessage.set(c.message, entry);
    }
  }
  const items = [...byMessage].sort((a, b) => rank[a[1].severity] - rank[b[1].severity]);
  if (items.length === 0) return highOnly ? '' : '<p class="clean">No caveat recorded for these runs.</p>';
  return `<ul class="caveats">${items
    // The runs it applies to in a chip of their own: as a "label:" prefix, a run named "ruin" read "ruin: ruin: NAV fell …".
    .map(([message, e]) => `<li class="caveat sev-${e.severity}"><span class="sev">${e.severity}</span><span class="runs" title="the runs it applies to">${escapeHtml(e.labels.length === runs.length && runs.length > 1 ? 'all runs' : e.labels.join(', '))}</span>${e.size === '' ? '' : `<span class="size">${escapeHtml(e.size)}</span>`}<span class="msg">${escapeHtml(message)}</span></li>`)
    .join('')}</ul>`;
}

function significance(runs: readonly ComparisonRun[], period: 'common' | 'full'): string {
  const [ref, ...rest] = runs;
  const lines = sharpeDifferences(runs, period).map(({ test: d, pairing }, k) => {
    const other = rest[k].label;
    if (d === null) return `<li>${escapeHtml(other)} vs ${escapeHtml(ref.label)}: not enough shared periods to test.</li>`;
    const over = `over ${formatCount(d.n)} intervals between the dates both share, annualised with P = ${formatCount(pairing.periodsPerYear)} (${escapeHtml(pairing.source.replace("the series", other))})`;
    const sharpes = `${escapeHtml(other)} vs ${escapeHtml(ref.label)}: Sharpe ${formatRatio(d.sharpeA)} vs ${formatRatio(d.sharpeB)}, difference ${d.difference >= 0 ? '+' : ''}${formatRatio(d.difference)}`;
    if (d.tooFew) return `<li data-figure="sharpe-difference">${sharpes} ${over} — too few intervals to test (n = ${formatCount(d.n)}, under ${MIN_TEST_N}): z and p withheld.</li>`;
    const verdict = d.pValue < 0.05 ? '<strong>significant at 5%</strong>' : 'not significant at 5%';
    return `<li data-figure="sharpe-difference">${sharpes}, z = ${formatRatio(d.z)}, p = ${decimals(d.pValue, 3)} ${over} — ${verdict}.</li>`;
  });
  return `<ul class="significance">${lines.join('')}</ul><p class="sub">Jobson–Korkie test with Memmel's correction on excess returns; it assumes independent, normal returns, so fat tails and autocorrelation make it overconfident.</p>`;
}

/**
 * Each run's calendar-year returns with the year's winner. A cell where the run covers only part
 * of the year is starred, with its dates in the tooltip (each run's own first and last session,
 * the tear sheet's rule); a year the runs cover over different spans (a half year beside a whole
 * one) has no winner: "not comparable", and it counts for no run.
 */
function yearsTable(runs: readonly ComparisonRun[], window: { from: string; to: string } | null): string {
  const { years, returns, partial, comparable } = yearlyReturns(runs, window);
  const winners = yearWinners(returns).map((w, k) => (comparable[k] ? w : 'apart'));
  const rows = years.map((year, k) => {
    const winner = winners[k];
    const cells = returns[k].map((v, j) => {
      if (v === null) return '<td class="na">–</td>';
      const cut = partial[k][j];
      return `<td class="${j === winner ? 'best' : ''}"${cut === null ? '' : ` title="${escapeHtml(`partial year: ${cut}`)}"`}>${formatPercent(v)}${cut === null ? '' : '*'}</td>`;
    });
    const named = winner === null ? '–' : winner === 'tie' ? 'tie' : winner === 'apart' ? '<span title="the runs cover different parts of this year">– not comparable</span>' : escapeHtml(runs[winner].label);
    return `<tr><td>${year}</td>${cells.join('')}<td class="t">${named}</td></tr>`;
  });
  const wins = runs.map((r, j) => `${escapeHtml(r.label)} ${winners.filter((w) => w === j).length}`);
  const ties = winners.filter((w) => w === 'tie').length;
  const apart = winners.filter((w) => w === 'apart').length;
  const tieNote = ties === 0 ? '' : ` (${ties} year${ties === 1 ? '' : 's'} tied: equal best returns to 1e-12 relative, no winner)`;
  const apartNote = apart === 0 ? '' : ` (${apart} year${apart === 1 ? '' : 's'} not comparable: the runs cover different parts of ${apart === 1 ? 'it' : 'them'}, no winner)`;
  const starNote = partial.some((row) => row.some((c) => c !== null)) ? '<p class="sub">* partial year: the run covers only part of it (it starts after Jan 7 or ends before Dec 24; the dates are in the cell\'s tooltip). A year the runs cover over different spans has no winner.</p>' : '';
  return `<p class="sub">Years won: ${wins.join(' · ')}${tieNote}${apartNote}.</p><div class="table-scroll"><table><thead><tr><th>Year</th>${runs.map((r) => `<th>${escapeHtml(r.label)}</th>`).join('')}<th class="t">Winner</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${starNote}`;
}

/**
 * The correlation chart's caption: each pair's correlation is over every date both runs have, not
 * the common period of all runs, with its n and span ("iwm-hold · smlf-hold: 1,872 intervals,
 * 2017-01-03 → 2024-06-12").
 */
function correlationNote(runs: readonly ComparisonRun[]): string {
  const pairs = pairCorrelations(runs).map(({ i, j, n, span }) => `${runs[i].label} · ${runs[j].label}: ${span === null ? 'no shared interval' : `${formatCount(n)} interval${n === 1 ? '' : 's'}, ${span.from} → ${span.to}`}`);
  const each = pairs.length === 0 ? '' : ` ${pairs.join('; ')}.`;
  return `Pearson correlation of returns over the same intervals: from each date a pair shares to the next (a daily and a monthly run pair month-end to month-end), each pair over all the dates both runs have, not only the common period.${each}`;
}

/** Relative metrics compare like with like only when every run has the same benchmark. */
function benchmarkFlag(runs: readonly ComparisonRun[]): (name: string) => string | null {
  const names = [...new Set(runs.map((r) => r.benchmark?.name ?? 'none'))];
  if (names.length < 2) return () => null;
  const note = `measured against different benchmarks: ${runs.map((r) => `${r.label}: ${r.benchmark?.name ?? 'none'}`).join(', ')}`;
  return (name) => (metricInfo(name).group === 'Relative to benchmark' ? note : null);
}

/**
 * The comparison page of several runs as one self-contained HTML document: who the runs are, the
 * headline metrics over the period every run covers (or `data.period`), growth, relative strength,
 * yearly winners, all metrics, correlations and exposure. Write it with writeReport.
 * @throws RangeError with no runs, or a run whose NAV and dates differ in length.
 */
export function renderComparison(data: ComparisonData): string {
  if (data.runs.length === 0) throw new RangeError('comparison: no runs to compare');
  for (const r of data.runs) if (r.dates.length !== r.nav.length) throw new RangeError(`comparison: run ${r.id} has ${r.nav.length} NAV values for ${r.dates.length} dates`);
  const period = data.period ?? 'common';
  const charts = comparisonCharts(data);
  const drawn = new Set(charts.charts.map((c) => c.id));
  const runs = data.runs;
  const reference = runs[0].label;
  const window = commonWindow(runs);
  const measured = comparisonMetrics(runs, period);
  // Each column in its run's period: a best day of one run is a best month of another, and neither is subtracted from the other.
  const columns = runs.map((r, k) => ({ label: r.label, metrics: measured[k], ...(r.periodsPerYear === undefined ? {} : { periodsPerYear: r.periodsPerYear }) }));
  const headline = columns.map((c) => ({ ...c, metrics: c.metrics.filter((m: MetricFigure) => HEADLINE.includes(m.name)) }));
  const flag = benchmarkFlag(runs);
  const periodNote =
    period === 'full' || window === null
      ? `each run over its own full period${window === null ? ' (no date on which every run has a value)' : ''}`
      : `over the common period ${window.from} → ${window.to}; turnover, costs and exposures are each run's full period`;
  const shortfall = period === 'common' ? commonPeriodShortfall(runs, window) : null;
  const short = period === 'common' ? commonPeriodShortNote(runs) : null;
  // A ribbon reads for strategies that switch between a few funds, not for books of hundreds of names.
  const ribbons = runs.map((r) => ({ run: r, stats: switches(r) })).filter((x) => x.stats !== null && x.stats.count > 0 && new Set(x.run.holdings?.symbols).size <= RIBBON_SYMBOLS);
  const colours = symbolColours(ribbons.map((x) => x.run));
  const only = runs.length === 1 ? '<p class="empty">Only one run: nothing to compare against.</p>' : '';
  const high = caveatList(runs, true);

  const body = [
    `<section class="card answer" id="summary"><div class="title-row"><h1>${escapeHtml(data.title)}</h1>${badges({ synthetic: runs.some((r) => r.synthetic), lookAheadProne: runs.some((r) => r.lookAheadProne) })}</div>
<p class="period">${runs.length} runs; the reference is ${escapeHtml(reference)}. Metrics ${escapeHtml(periodNote)}.${shortfall === null ? '' : ` ${escapeHtml(shortfall)}.`}</p>
${short === null ? '' : `<ul class="caveats"><li class="caveat sev-medium" data-figure="short-common-period"><span class="sev">medium</span><span class="msg">${escapeHtml(short)}.</span></li></ul>`}
${runsTable(runs)}
${high === '' ? '' : `<h2>Before you read the figures</h2>${high}`}
<h2>At a glance</h2>${metricsTable(headline, 'deltas', { best: true, flag })}
${runs.length > 1 ? `<h2>Is the Sharpe difference real?</h2>${significance(runs, period)}` : ''}</section>`,
    tocNav(TOC),
    section(
      'curves',
      'Growth and drawdowns',
      chartCard({ id: 'growth', title: 'Growth of 1', note: window === null ? 'Each run from its own first session to its last.' : `Rebased to 1 on ${window.from}, the first date all runs share; each line runs on to its run’s last session (the common period ends ${window.to}).`, tall: true, logToggle: runs.every((r) => r.nav.every((v) => v > 0)) }) +
        chartCard({ id: 'drawdown', title: 'Drawdowns', note: `Distance below each run’s running peak since ${window === null ? 'its own first session' : `${window.from}, the first date all runs share`}, to its run’s last session.` }),
    ),
    section(
      'relative',
      `Against ${reference}`,
      only ||
        `<div class="grid">${drawn.has('relative-strength') ? chartCard({ id: 'relative-strength', title: 'Relative strength', note: `Each run’s growth divided by ${reference}’s, on every date both have${window === null ? '' : ` from ${window.from}`} (past the common period where both go on); rising means it is pulling ahead.` }) : card('Relative strength', '<p class="empty">No shared dates.</p>')}${drawn.has('rolling-excess') ? chartCard({ id: 'rolling-excess', title: 'Rolling one-year excess return', note: `Return over the last calendar year, from the shared date nearest the same day a year before, minus ${reference}’s over the same dates; on every date both have${window === null ? '' : ` from ${window.from}`}.` }) : card('Rolling one-year excess return', '<p class="empty">Less than a year of shared dates.</p>')}</div>`,
    ),
    section('years', 'Year by year', card('Calendar-year returns', yearsTable(runs, period === 'common' ? window : null), 'The best run of each year is marked.')),
    section(
      'holdings',
      'What each run held',
      ribbons.length === 0
        ? card('Holdings', `<p class="empty">No run switched between ${RIBBON_SYMBOLS} or fewer main holdings.</p>`)
        : card('Holdings ribbon', ribbons.map(({ run, stats }) => holdingsRibbon(run, stats as { count: number; costPerSwitch: number | null }, colours)).join(''), 'The largest holding after each day with trades; cost per switch is the run’s commission and slippage over its switches.'),
    ),
    section('metrics', 'Metrics side by side', card('All metrics', metricsTable(columns, 'deltas', { best: true, flag }), `Metrics ${periodNote}. Grey figures are the change against ${reference} (percentage points for percentages); the best value of each row is marked; † relative metrics against different benchmarks.`)),
    section('caveats', 'Caveats', card('Caveats', caveatList(runs))),
    section('correlation', 'Correlation of period returns', chartCard({ id: 'correlation', title: 'Return correlation', note: correlationNote(runs), height: Math.max(260, runs.length * 56 + 120) })),
    section(
      'exposure',
      'Exposure',
      `<div class="grid">${chartCard({ id: 'net', title: 'Net exposure (% of NAV)' })}${chartCard({ id: 'gross', title: 'Gross exposure (% of NAV)' })}</div>` +
        chartCard({ id: 'exposure-difference', title: `Exposure difference vs ${reference}`, note: runs.length > 1 ? 'Each run minus the reference on the dates both have: net solid, gross dashed.' : 'Only one run: nothing to compare against.' }),
    ),
  ].join('\n');
  return renderPage({ title: `${data.title} — breadth comparison`, body, charts });
}

