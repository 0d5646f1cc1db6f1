// breadth sweep <study>: every trial of the study's sweep blocks on a pool of worker threads, each
// stored in the trial registry; the best trials kept as runs; PBO, DSR and the sweep page. A sweep
// none of whose trials produced a result fails (exit 2 when the failures are the user's).

import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { isUserFacing } from '../../data/errors.ts';
import { pagePath } from '../../study/pageNames.ts';
import { ExitCode } from '../exitCodes.ts';
import { printJson } from '../output.ts';
import { runTrialCommand, type TrialArgs, trialOptions } from '../trialOptions.ts';

interface SweepArgs extends TrialArgs {
  keep: number;
  metric: string;
  blocks: number;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <config>',
  describe: 'Run every trial of a study file\'s sweep blocks on all cores, record them, and measure overfitting (DSR, PBO)',
  builder: (y) =>
    trialOptions(y, { config: 'study file (.yaml/.json) with a sweep: block (top level or per run)', report: 'write the sweep page (--no-report to skip)' })
      .option('keep', { type: 'number', default: 3, describe: 'store the best K trials in full as runs (fills, positions, tear sheet)' })
      .option('metric', { type: 'string', default: 'sharpe', describe: 'the metric that ranks trials (a METRICS.md name)' })
      .option('blocks', { type: 'number', default: 16, describe: 'PBO: number of CSCV blocks S (even)' })
      .example('$0 sweep examples/sweep.yaml', 'the size-tilt sweep on the built-in sample')
      .example('$0 sweep examples/sweep.yaml --data ../shared/data --workers 2', 'the same on the real data')
      .example('$0 sweep examples/sweep.yaml --resume', 'carry on after Ctrl-C: stored trials are skipped')
      .example('$0 sweep examples/sweep.yaml --queue redis://10.0.0.5:6379', 'on `breadth worker`s of other machines (README: sweeps on several machines)'),
  handler: async (args) => {
    const { noResultError, runSweep, writeKeptTearSheets, writeSweepPage } = await import('../../study/sweep/index.ts');
    const { printSweepSummary, sweepJson } = await import('../sweepSummary.ts');
    const { config, out, result: outcome } = await runTrialCommand(args, (study, settings) =>
      runSweep(study, { ...settings, keep: args.keep, metric: args.metric, blocks: args.blocks }),
    );
    const reports = join(out, 'reports');
    const written = args.report && !outcome.interrupted;
    const page = written ? writeSweepPage(outcome, pagePath(reports, outcome.db, `sweep-${outcome.sweepId}`), config.title) : null;
    const tearSheets = written ? writeKeptTearSheets(outcome, reports) : new Map<number, string>();
    // Every trial failed: nothing was measured (the summary lists why), so the command fails — 2 when the failures are the user's.
    const noResult = !outcome.interrupted && outcome.trials.length === 0 && outcome.failed.length > 0 ? noResultError(`sweep ${outcome.sweepId}`, outcome.failed) : null;
    // The exit code is decided before the summary is printed: a reader that stops early (`| head`) ends the command with it (cli/main.ts).
    if (outcome.interrupted) process.exitCode = 130;
    else if (noResult !== null) process.exitCode = isUserFacing(noResult) ? ExitCode.badInput : ExitCode.internal;
    if (args.json) printJson(sweepJson(outcome, page, tearSheets));
    else printSweepSummary(outcome, page, tearSheets);
    if (noResult !== null) throw noResult;
  },
};
