// breadth sweep <study>: every trial of the study's sweep blocks on a pool of worker threads, each
// stored in the trial registry; the best trials kept as runs; PBO, DSR and the sweep page.

import { dirname, join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { ensureFolder, printJson, progressBar } from '../output.ts';
import { interruptible } from '../interrupt.ts';

interface SweepArgs {
  config: string;
  data?: string;
  out: string;
  db?: string;
  workers?: number;
  resume: boolean;
  keep: number;
  metric: string;
  blocks: number;
  runs?: string;
  report: boolean;
  json: boolean;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <config>',
  describe: 'Run every trial of a study file\'s sweep blocks on all cores, record them, and measure overfitting (DSR, PBO)',
  builder: (y) =>
    y
      .positional('config', { type: 'string', demandOption: true, describe: 'study file (.yaml/.json) with a sweep: block (top level or per run)' })
      .option('data', { type: 'string', describe: 'data path, overriding the file\'s `data` ("sample" = the built-in SYNTHETIC universe)' })
      .option('out', { type: 'string', default: 'out', describe: 'folder for the database and the sweep page' })
      .option('db', { type: 'string', describe: 'results database (default <out>/breadth.db)' })
      .option('workers', { type: 'number', describe: 'worker threads (default: one per core)' })
      .option('resume', { type: 'boolean', default: false, describe: 'skip trials the database holds already' })
      .option('keep', { type: 'number', default: 3, describe: 'store the best K trials in full as runs (fills, positions, tear sheet)' })
      .option('metric', { type: 'string', default: 'sharpe', describe: 'the metric that ranks trials (a METRICS.md name)' })
      .option('blocks', { type: 'number', default: 16, describe: 'PBO: number of CSCV blocks S (even)' })
      .option('runs', { type: 'string', describe: 'only these runs of the study (comma-separated names)' })
      .option('report', { type: 'boolean', default: true, describe: 'write the sweep page (--no-report to skip)' })
      .option('json', { type: 'boolean', default: false, describe: 'machine-readable summary' })
      .example('$0 sweep examples/sweep.yaml', 'the size-tilt sweep on the built-in sample')
      .example('$0 sweep examples/sweep.yaml --data ../shared/data --workers 2', 'the same on the real data')
      .example('$0 sweep examples/sweep.yaml --resume', 'carry on after Ctrl-C: stored trials are skipped'),
  handler: async (args) => {
    const { loadStudyFile } = await import('../../study/index.ts');
    const { runSweep, defaultWorkers, writeSweepPage } = await import('../../study/sweep/index.ts');
    const { printSweepSummary, sweepJson } = await import('../sweepSummary.ts');
    const loaded = loadStudyFile(args.config);
    const config = args.data ? { ...loaded, data: args.data } : loaded;
    const db = args.db ?? join(args.out, 'breadth.db');
    ensureFolder(dirname(db));
    const bar = progressBar({ eta: true });
    const outcome = await interruptible((signal) =>
      runSweep(config, {
        where: args.config,
        db,
        baseDir: dirname(resolve(args.config)),
        workers: args.workers ?? defaultWorkers(),
        resume: args.resume,
        keep: args.keep,
        metric: args.metric,
        blocks: args.blocks,
        ...(args.runs ? { runs: args.runs.split(',').map((s) => s.trim()) } : {}),
        signal,
        onTrial: (done, total, name) => bar.update(done, total, name),
      }),
    ).finally(() => bar.stop());
    const page = args.report && !outcome.interrupted ? writeSweepPage(outcome, join(args.out, 'reports', `sweep-${outcome.sweepId}.html`), config.title) : null;
    if (args.json) printJson(sweepJson(outcome, page));
    else printSweepSummary(outcome, page);
    if (outcome.interrupted) process.exitCode = 130;
  },
};
