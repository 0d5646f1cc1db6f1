// The headline table printed after runs, and the JSON form of the same.

import { rankCaveats } from '../engine/caveats.ts';
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

/** Caveats that change how a run reads (high and medium), a few per run; the report has them all. */
const SHOWN_PER_RUN = 3;

function printCaveats(outcome: StudyOutcome): void {
  const { study, published } = outcome;
  const counts = study.runs.map((run) => run.result.caveats.length + run.metrics.caveats.length);
  const total = counts.reduce((a, b) => a + b, 0);
  const withCaveats = counts.filter((c) => c > 0).length;
  if (total > 0) {
    const one = counts.findIndex((c) => c > 0);
    const show = `breadth runs show ${published.db} ${withCaveats === 1 ? published.runs[one].id : '<id>'}`;
    process.stdout.write(`\ncaveats: ${total} in ${withCaveats} of ${study.runs.length} run${study.runs.length === 1 ? '' : 's'} (all of a run's: ${show}); those that change how a run reads:\n`);
  }
  for (const run of study.runs) {
    const all = rankCaveats([...run.result.caveats, ...run.metrics.caveats]);
    const shown = all.filter((c) => c.severity !== 'low' && c.code !== 'synthetic').slice(0, SHOWN_PER_RUN);
    if (shown.length === 0) continue;
    const m = run.result.manifest.period;
    process.stdout.write(`\n${run.name} (${m.from} → ${m.to}, ${all.length} caveat${all.length === 1 ? '' : 's'}):\n`);
    for (const c of shown) process.stdout.write(`  ${c.severity === 'high' ? '!' : '·'} ${c.message}\n`);
    if (all.length > shown.length) process.stdout.write(`  … ${all.length - shown.length} more in the report\n`);
  }
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
  printCaveats(outcome);
  for (const note of study.notes) process.stdout.write(`note: ${note}\n`);
  process.stdout.write(`\nresults: ${published.db}\n`);
  const reports = published.runs.filter((r) => r.report);
  if (reports.length) process.stdout.write(`tear sheets: ${reports.map((r) => r.report).join('\n             ')}\n`);
  if (published.comparisons.length) process.stdout.write(`comparisons: ${published.comparisons.map((c) => c.path).join('\n             ')}\n`);
}
