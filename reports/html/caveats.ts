// What a reader must know before trusting the numbers: the run's recorded caveats, plus checks
// the report makes itself on the manifest and the metrics (a recorded caveat on the same topic
// wins, so nothing is said twice).

import { formatCount } from './format.ts';
import { metricInfo } from './metricCatalog.ts';
import type { MetricFigure, RunInfo } from './model.ts';

/** A year of daily sessions: below it, annualized figures extrapolate. */
const SHORT_SAMPLE = 252;

/** Null metrics grouped by their reason: "insufficient data: Sharpe ratio (n = 1), …". */
function missingMetrics(metrics: readonly MetricFigure[], owner: string): string[] {
  const byReason = new Map<string, string[]>();
  for (const m of metrics) {
    if (m.value !== null) continue;
    const reason = m.note ?? 'insufficient data';
    const list = byReason.get(reason) ?? [];
    list.push(`${metricInfo(m.name).label} (n = ${formatCount(m.n)})`);
    byReason.set(reason, list);
  }
  return [...byReason].map(([reason, list]) => `${owner}: ${list.length} metric${list.length === 1 ? '' : 's'} not computed, ${reason}: ${list.join(', ')}.`);
}

export function reportWarnings(run: RunInfo, recorded: readonly string[], metrics: { strategy: readonly MetricFigure[]; benchmark?: readonly MetricFigure[] }, benchmarkName?: string): string[] {
  const out = [...new Set(recorded)];
  const mentions = (pattern: RegExp): boolean => out.some((w) => pattern.test(w));
  if (run.execution.lookAheadProne && !mentions(/look-ahead/i)) {
    out.push(`Execution convention "${run.execution.convention}" is look-ahead-prone: orders fill on the same close the strategy decided on, which flatters results.`);
  }
  if (run.data.synthetic && !mentions(/synthetic/i)) out.push(`SYNTHETIC data: "${run.data.name}" is generated, not market history.`);
  if (run.data.survivorshipBiased === true && !mentions(/survivor/i)) {
    out.push('Survivorship-biased data: the universe omits names that delisted, so returns are biased upward.');
  }
  if ((run.riskFree === undefined || /rf = 0|none/i.test(run.riskFree)) && !mentions(/risk-free|cash rate/i)) {
    out.push('No risk-free rate: Sharpe, Sortino, Omega and alpha are measured against zero, not cash.');
  }
  if (run.data.sessions < SHORT_SAMPLE) {
    out.push(`Short sample: ${formatCount(run.data.sessions)} sessions, under a year; annualized figures extrapolate.`);
  }
  out.push(...missingMetrics(metrics.strategy, 'Strategy'));
  if (metrics.benchmark !== undefined) out.push(...missingMetrics(metrics.benchmark, benchmarkName ?? 'Benchmark'));
  return out;
}
