// What `breadth sweep` prints: the JSON summary (trials, PBO, best trial with its DSR), or a short
// table of the best trials for people.

import { ranked, type SweepOutcome } from '../study/sweep/index.ts';
import { fixed, percent, printTable } from './output.ts';
import { writeStandardOutput } from '../reports/html/page/standardStreams.ts';

const SHOWN = 10;

/** `tearSheets`: the kept runs' tear sheets by run id (none with --no-report). */
export function sweepJson(outcome: SweepOutcome, page: string | null, tearSheets: ReadonlyMap<number, string>) {
  const best = outcome.best;
  const pbo = outcome.pbo;
  return {
    trials: outcome.trials.length,
    pbo: 'note' in pbo ? null : pbo.result.pbo,
    best: best === null ? null : { name: best.trial.name, params: best.trial.params, sharpe: best.trial.metrics.sharpe ?? null, dsr: best.dsr.value },
    ...('note' in pbo ? { pboNote: pbo.note } : { pboTrials: pbo.trials, pboLeftOut: pbo.leftOut, pboPeriod: pbo.period, pboOtherPeriods: pbo.otherPeriods, probabilityOfLoss: pbo.result.probabilityOfLoss, degradationSlope: pbo.result.degradation.slope }),
    ...(best !== null && best.dsr.value === null ? { dsrNote: best.dsr.note, dsrN: best.dsr.n } : {}),
    planned: outcome.planned,
    refused: outcome.refused,
    ran: outcome.ran,
    resumed: outcome.skipped,
    failedBefore: outcome.failedBefore,
    failed: outcome.failed,
    interrupted: outcome.interrupted,
    metric: outcome.metric,
    data: outcome.market.name,
    synthetic: outcome.market.synthetic,
    db: outcome.db,
    sweep: outcome.sweepId,
    kept: outcome.kept.map((k) => ({ ...k, tearSheet: tearSheets.get(k.runId) ?? null })),
    page,
    notes: outcome.notes,
  };
}

export function printSweepSummary(outcome: SweepOutcome, page: string | null, tearSheets: ReadonlyMap<number, string>): void {
  const { trials, metric } = outcome;
  writeStandardOutput(`\n${outcome.market.name}${outcome.market.synthetic ? '  [SYNTHETIC — generated data, not market history]' : ''}\n`);
  const rows = ranked(trials, metric).slice(0, SHOWN);
  printTable(
    ['trial', 'CAGR', 'volatility', 'Sharpe', 'max drawdown', 'DSR', 'run'],
    rows.map((t) => [t.name, percent(t.metrics.annual_return), percent(t.metrics.annual_volatility), fixed(t.metrics.sharpe), percent(t.metrics.max_drawdown), percent(outcome.dsr.get(t.key)?.value), t.runId ?? '']),
  );
  const pbo = outcome.pbo;
  writeStandardOutput(`\n${trials.length} trial${trials.length === 1 ? '' : 's'} (${outcome.ran} run now, ${outcome.skipped} already stored${outcome.failedBefore ? `, ${outcome.failedBefore} failed before` : ''}) of ${outcome.planned} planned; ranked by ${metric}\n`);
  writeStandardOutput('note' in pbo ? `PBO: ${pbo.note}\n` : `PBO ${percent(pbo.result.pbo)} (CSCV, S = ${pbo.result.blocks}, ${pbo.trials} trials${pbo.otherPeriods > 0 ? ` of ${pbo.period}, the best trial's period` : ''}); P(out-of-sample loss) ${percent(pbo.result.probabilityOfLoss)}; degradation slope ${fixed(pbo.result.degradation.slope)}\n`);
  if (outcome.best) writeStandardOutput(`best: ${outcome.best.trial.name}: Sharpe ${fixed(outcome.best.trial.metrics.sharpe)}, DSR ${outcome.best.dsr.value === null ? `— (${outcome.best.dsr.note}; ${outcome.best.dsr.n} returns)` : percent(outcome.best.dsr.value)}\n`);
  for (const note of outcome.notes) writeStandardOutput(`note: ${note}\n`);
  if (outcome.failed.length) {
    const refused = outcome.refused ? `; ${outcome.refused} of them grid point${outcome.refused === 1 ? '' : 's'} the strategy's parameter check refused, not run` : '';
    writeStandardOutput(`\n${outcome.failed.length} trial${outcome.failed.length === 1 ? '' : 's'} failed (not in the statistics above${refused}):\n`);
    for (const f of outcome.failed.slice(0, SHOWN)) writeStandardOutput(`  ${f.name}: ${f.message}\n`);
    if (outcome.failed.length > SHOWN) writeStandardOutput(`  … ${outcome.failed.length - SHOWN} more (breadth sweep … --json lists them)\n`);
  }
  if (outcome.interrupted) writeStandardOutput(`\ninterrupted: ${outcome.skipped + outcome.ran} of ${outcome.planned - outcome.refused} trials are stored; run again with --resume to finish\n`);
  writeStandardOutput(`\nresults: ${outcome.db}\n`);
  if (outcome.kept.length) writeStandardOutput('kept in full:\n');
  for (const k of outcome.kept) writeStandardOutput(`  ${k.name} (run ${k.runId})${tearSheets.has(k.runId) ? `: tear sheet ${tearSheets.get(k.runId)}` : ''}\n`);
  if (page) writeStandardOutput(`sweep page: ${page}\n`);
}
