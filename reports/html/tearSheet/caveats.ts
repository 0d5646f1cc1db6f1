// What a reader must know before trusting the numbers: the run's recorded caveats (structured,
// with a severity and a size) plus checks the report makes itself on the manifest and the
// metrics — a recorded caveat on the same topic wins, so nothing is said twice — ranked most
// severe first, and the panel and first-screen list that show them.

import { type Caveat, rankCaveats } from '../../../engine/caveats/caveats.ts';
import { shortSampleCaveat } from '../../caveats/bookCaveats.ts';
import { escapeHtml } from '../page/escape.ts';
import { formatCount, formatCurrency, formatPercent } from '../page/format.ts';
import { metricInfo } from '../metricCatalog.ts';
import type { MetricFigure, ReportCaveat, RunInfo } from '../model.ts';

/** Codes of the caveats a report adds itself: checks of the manifest, and the metrics it could not compute. */
const OWN = { check: 'report', missingMetrics: 'report-metrics' } as const;

const report = (severity: ReportCaveat['severity'], message: string, size: number | null = null, unit: ReportCaveat['unit'] = null, code: string = OWN.check): ReportCaveat => ({ code, severity, message, size, unit, symbols: [] });

/** Null metrics grouped by their reason: "insufficient data: Sharpe ratio (n = 1), …". */
function missingMetrics(metrics: readonly MetricFigure[], owner: string): ReportCaveat[] {
  const byReason = new Map<string, string[]>();
  for (const m of metrics) {
    if (m.value !== null) continue;
    const reason = m.note ?? 'insufficient data';
    const list = byReason.get(reason) ?? [];
    list.push(`${metricInfo(m.name).label} (n = ${formatCount(m.n)})`);
    byReason.set(reason, list);
  }
  return [...byReason].map(([reason, list]) => report('low', `${owner}: ${list.length} metric${list.length === 1 ? '' : 's'} not computed, ${reason}: ${list.join(', ')}.`, null, null, OWN.missingMetrics));
}

/** The recorded caveats and the report's own checks, each topic once, most severe first. */
export function reportCaveats(run: RunInfo, recorded: readonly ReportCaveat[], metrics: { strategy: readonly MetricFigure[]; benchmark?: readonly MetricFigure[] }, benchmarkName?: string): ReportCaveat[] {
  const out: ReportCaveat[] = [];
  for (const c of recorded) if (!out.some((o) => o.message === c.message)) out.push(c);
  const mentions = (code: string, pattern: RegExp): boolean => out.some((c) => c.code === code || pattern.test(c.message));
  if (run.execution.lookAheadProne && !mentions('look-ahead', /look-ahead/i)) {
    out.push(report('high', `Execution convention "${run.execution.convention}" is look-ahead-prone: orders fill on the same close the strategy decided on, which flatters results.`));
  }
  if (run.data.synthetic && !mentions('synthetic', /synthetic/i)) out.push(report('medium', `SYNTHETIC data: "${run.data.name}" is generated, not market history.`));
  if (run.data.survivorshipBiased === true && !mentions('data-note', /survivor/i)) {
    out.push(report('medium', 'Survivorship-biased data: the universe omits names that delisted, so returns are biased upward.'));
  }
  if ((run.riskFree === undefined || /rf = 0|none/i.test(run.riskFree)) && !mentions('missing-rate', /risk-free|cash rate/i)) {
    out.push(report('low', 'No risk-free rate: Sharpe, Sortino, Omega and alpha are measured against zero, not cash.'));
  }
  const short = shortSampleCaveat(run.data.sessions, run.periodsPerYear, run.data.periods);
  if (short !== null && !mentions('short-sample', /short sample/i)) out.push(short);
  out.push(...missingMetrics(metrics.strategy, 'Strategy'));
  if (metrics.benchmark !== undefined) out.push(...missingMetrics(metrics.benchmark, benchmarkName ?? 'Benchmark'));
  // rankCaveats reads severity, size and unit only: the report's own codes (OWN) rank alike.
  return rankCaveats(out as unknown as Caveat[]) as unknown as ReportCaveat[];
}

/** A caveat's size in words: "24.8% of NAV", "146 sessions", "USD 10,198". */
export function caveatSize(c: Pick<ReportCaveat, 'size' | 'unit'>, currency: string): string {
  if (c.size === null || c.unit === null) return '';
  switch (c.unit) {
    case 'nav-share':
      return `${formatPercent(c.size, 1)} of NAV`;
    case 'sessions':
      return `${formatCount(c.size)} session${c.size === 1 ? '' : 's'}`;
    case 'days':
      return `${formatCount(c.size)} day${c.size === 1 ? '' : 's'}`;
    case 'weekdays':
      return `${formatCount(c.size)} weekday${c.size === 1 ? '' : 's'}`;
    case 'count':
      return formatCount(c.size);
    case 'currency':
      return `${currency} ${formatCurrency(c.size)}`;
  }
}

function item(c: ReportCaveat, currency: string): string {
  const size = caveatSize(c, currency);
  return `<li class="caveat sev-${c.severity}"><span class="sev">${c.severity}</span>${size === '' ? '' : `<span class="size">${escapeHtml(size)}</span>`}<span class="msg">${escapeHtml(c.message)}</span></li>`;
}

/** Caveats as a list, each with its severity and size. */
export function caveatList(caveats: readonly ReportCaveat[], currency: string): string {
  return `<ul class="caveats">${caveats.map((c) => item(c, currency)).join('')}</ul>`;
}

/** The caveats that change how the run reads (high, then medium), the first three, for the first screen; `empty` when there is none. */
export function headlineCaveats(caveats: readonly ReportCaveat[], currency: string, empty = 'No high or medium caveats.'): string {
  const shown = caveats.filter((c) => c.severity !== 'low').slice(0, 3);
  if (shown.length === 0) return `<p class="clean">${escapeHtml(empty)}</p>`;
  const more = caveats.length - shown.length;
  return `${caveatList(shown, currency)}${more > 0 ? `<p class="sub"><a href="#caveats">${more} more caveat${more === 1 ? '' : 's'}</a></p>` : ''}`;
}

/**
 * Where the caveats come from: "9 recorded with the run (the count the terminal and `breadth runs
 * show` give) and 3 of this report's own: 3 notes on metrics it could not compute" (checks of the
 * run's settings counted beside them) — so the panel's count and the terminal's reconcile. Empty
 * when every caveat was recorded.
 */
export function caveatSources(caveats: readonly ReportCaveat[]): string {
  const missing = caveats.filter((c) => c.code === OWN.missingMetrics).length;
  const checks = caveats.filter((c) => c.code === OWN.check).length;
  if (missing + checks === 0) return '';
  const recorded = caveats.length - missing - checks;
  const kinds = [...(checks > 0 ? [`${formatCount(checks)} check${checks === 1 ? '' : 's'} of the run's settings`] : []), ...(missing > 0 ? [`${formatCount(missing)} note${missing === 1 ? '' : 's'} on metrics it could not compute`] : [])];
  return `${formatCount(recorded)} recorded with the run (the count the terminal and \`breadth runs show\` give) and ${formatCount(missing + checks)} of this report's own: ${kinds.join(', ')}`;
}

/** Every caveat, ranked, with its severity and size. */
export function caveatPanel(caveats: readonly ReportCaveat[], currency: string): string {
  if (caveats.length === 0) return '<p class="clean">Nothing recorded: no caveat applies to this run.</p>';
  const counts = (['high', 'medium', 'low'] as const).map((s) => `${caveats.filter((c) => c.severity === s).length} ${s}`).join(' · ');
  const sources = caveatSources(caveats);
  return `<p class="sub">${counts}${sources === '' ? '' : `; ${escapeHtml(sources)}`}. Ranked by severity, then size; data notes concern only what this run read: the symbols it traded or its strategy read, fundamentals only if read.</p>${caveatList(caveats, currency)}`;
}
