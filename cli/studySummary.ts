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

/** Each run's warnings in one line: how many, and the first (the engine lists the weightiest first). */
function printWarnings({ study, published }: StudyOutcome): void {
  const warned = study.runs.map((run, k) => ({ run, id: published.runs[k].id })).filter(({ run }) => run.result.warnings.length > 0);
  for (const { run, id } of warned) {
    const [top, ...rest] = run.result.warnings;
    process.stdout.write(`warnings: ${run.name}: ${run.result.warnings.length} — ${top}${rest.length ? ` (all: breadth runs show ${published.db} ${id})` : ''}\n`);
  }
}
