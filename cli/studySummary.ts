// The headline table printed after runs, and the JSON form of the same.

import type { StudyOutcome } from '../study/index.ts';
import { fixed, percent, printTable } from './output.ts';

const HEADLINE = ['annual_return', 'annual_volatility', 'sharpe', 'max_drawdown', 'turnover', 'cost_total'] as const;

export function headline(outcome: StudyOutcome): { name: string; id: number; benchmark: string | null; report: string | null; metrics: Record<string, number | null> }[] {
  return outcome.study.runs.map((run, k) => {
    const published = outcome.published.runs[k];
    const metrics: Record<string, number | null> = {};
    for (const name of HEADLINE) metrics[name] = run.metrics.metrics.find((m) => m.name === name)?.value ?? null;
    return { name: run.name, id: published.id, benchmark: run.benchmark, report: published.report, metrics };
  });
}

export function printSummary(outcome: StudyOutcome): void {
  const { study, published } = outcome;
  const market = study.market;
  process.stdout.write(`\n${market.name}${market.synthetic ? '  [SYNTHETIC — generated data, not market history]' : ''}\n`);
  printTable(
    ['run', 'CAGR', 'volatility', 'Sharpe', 'max drawdown', 'turnover/yr', 'costs', 'id'],
    headline(outcome).map((r) => [
      r.name,
      percent(r.metrics.annual_return),
      percent(r.metrics.annual_volatility),
      fixed(r.metrics.sharpe),
      percent(r.metrics.max_drawdown),
      fixed(r.metrics.turnover),
      r.metrics.cost_total === null ? '—' : Math.round(r.metrics.cost_total).toLocaleString('en-US'),
      r.id,
    ]),
  );
  for (const note of study.notes) process.stdout.write(`note: ${note}\n`);
  printWarnings(outcome);
  process.stdout.write(`\nresults: ${published.db}\n`);
  const reports = published.runs.filter((r) => r.report);
  if (reports.length) process.stdout.write(`tear sheets: ${reports.map((r) => r.report).join('\n             ')}\n`);
  if (published.comparisons.length) process.stdout.write(`comparisons: ${published.comparisons.map((c) => c.path).join('\n             ')}\n`);
}

/**
 * The runs' warnings: how many, then each run's top one (the engine lists the weightiest first),
 * runs sharing a top warning on one line; `breadth runs show` has them all.
 */
function printWarnings({ study, published }: StudyOutcome): void {
  const warned = study.runs.map((run, k) => ({ name: run.name, id: published.runs[k].id, warnings: run.result.warnings })).filter((r) => r.warnings.length > 0);
  if (warned.length === 0) return;
  const total = warned.reduce((sum, r) => sum + r.warnings.length, 0);
  const show = `breadth runs show ${published.db} ${warned.length === 1 ? warned[0].id : '<id>'}`;
  process.stdout.write(`warnings: ${total} in ${warned.length} of ${study.runs.length} run${study.runs.length === 1 ? '' : 's'} (all of a run's: ${show}); the top one of each:\n`);
  const byTop = new Map<string, string[]>();
  for (const r of warned) byTop.set(r.warnings[0], [...(byTop.get(r.warnings[0]) ?? []), r.name]);
  for (const [top, names] of byTop) {
    const who = names.length === study.runs.length && names.length > 1 ? 'every run' : names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
    process.stdout.write(`  ${top} — ${who}\n`);
  }
}
