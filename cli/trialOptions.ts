// What `breadth sweep` and `breadth walk-forward` share: their options (the study file, where
// results go, the worker pool or queue, --resume and the run filter) and how a command turns them
// into its runner's settings, with a progress bar and Ctrl-C.

import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { UserError } from '../data/errors.ts';
import type { StudyConfig } from '../study/index.ts';
import type { StudyLoadOptions } from '../study/market.ts';
import { outputPlaces } from '../study/pageNames.ts';
import type { QueueSettings } from '../study/sweep/queue/protocol.ts';
import { trialTimeoutMs } from '../study/sweep/trialTimeout.ts';
import { interruptible } from './interrupt.ts';
import { noteCacheSkipped, symbolsOption } from './loadOptions.ts';
import { checkOutputPlaces, progressBar } from './output.ts';

export interface TrialArgs {
  config: string;
  data?: string;
  symbols?: string;
  out?: string;
  db?: string;
  workers?: number;
  resume: boolean;
  runs?: string;
  report: boolean;
  json: boolean;
  queue?: string;
  'trial-timeout': number;
  attempts: number;
}

export function trialOptions<T>(y: Argv<T>, what: { config: string; report: string }) {
  return y
    .positional('config', { type: 'string', demandOption: true, describe: what.config })
    .option('data', { type: 'string', describe: 'data path, overriding the file\'s `data` ("sample" = the built-in SYNTHETIC universe)' })
    .option('symbols', { type: 'string', describe: 'load only these symbols of the data (comma-separated), e.g. IWM,SPY' })
    .option('out', { type: 'string', describe: 'folder for the database and the pages (default: the folder of --db, else out; page names start with the database\'s file name, less .db, unless it is breadth.db)' })
    .option('db', { type: 'string', describe: 'results database (default <out>/breadth.db); without --out the pages go beside it, in <folder of --db>/reports, as `breadth run` writes them' })
    .option('workers', { type: 'number', describe: 'worker threads (default: one per core)' })
    .option('resume', { type: 'boolean', default: false, describe: 'skip trials the database holds already' })
    .option('runs', { type: 'string', describe: 'only these runs of the study (comma-separated names; a name the study lacks, or for walk-forward a run without a walkForward block, is refused before anything runs)' })
    .option('report', { type: 'boolean', default: true, describe: what.report })
    .option('json', { type: 'boolean', default: false, describe: 'machine-readable summary' })
    .option('queue', { type: 'string', describe: 'run the trials on `breadth worker`s of this Redis queue (redis://HOST:PORT[/DB]) instead of here' })
    .option('trial-timeout', { type: 'number', default: 600, describe: 'seconds a trial may run: past it the trial is ended and recorded as failed, and --resume runs it again only under a longer limit (with --queue: a failed attempt, tried again up to --attempts, and on --resume)' })
    .option('attempts', { type: 'number', default: 3, describe: 'with --queue: attempts for a trial failing for a reason that is not yours (a worker crash, a timeout)' });
}

/** Where the trials run: `{ queue }` with --queue (its attempts checked), else nothing. */
function queueSettings(args: Pick<TrialArgs, 'queue' | 'attempts'>): { queue?: QueueSettings } {
  if (args.queue === undefined) return {};
  if (!(Number.isInteger(args.attempts) && args.attempts >= 1)) throw new UserError(`--attempts must be a whole number ≥ 1, got ${args.attempts}`);
  return { queue: { url: args.queue, attempts: args.attempts, log: (line) => process.stderr.write(`breadth: ${line}\n`) } };
}

/** The study file's config with --symbols applied (--data is loadStudyFile's). */
function withSymbolsArg<C extends { symbols?: string[] }>(config: C, args: Pick<TrialArgs, 'symbols'>): C {
  return args.symbols === undefined ? config : { ...config, symbols: symbolsOption(args.symbols) };
}

/** --runs a,b → ['a', 'b']. */
const runNames = (runs: string | undefined): { runs?: string[] } => (runs ? { runs: runs.split(',').map((s) => s.trim()) } : {});

/** The settings runSweep and runWalkForward take alike (study/sweep/). */
export interface TrialRunSettings {
  readonly where: string;
  readonly db: string;
  readonly baseDir: string;
  readonly workers: number;
  readonly queue?: QueueSettings;
  /** --trial-timeout in ms, checked (here or on the queue). */
  readonly trialTimeoutMs: number;
  readonly resume: boolean;
  readonly runs?: string[];
  readonly signal: AbortSignal;
  /** The market cache's trouble is told (noteCacheSkipped). */
  readonly load: StudyLoadOptions;
  onTrial(done: number, total: number, name: string): void;
}

/**
 * Runs `work` on the study file of `args` (--data and --symbols applied) with the settings the
 * trial commands share: the results database (--db, else <out>/breadth.db; its folder and, with
 * --report, <out>/reports checked before any work), the
 * workers or the queue, --trial-timeout, --resume, --runs, a progress bar with ETA, and Ctrl-C
 * aborting `signal` (the trials in progress finish, each within --trial-timeout).
 * `out` is where pages go: --out, else the folder of --db (the rule of `breadth run`), else `out`
 * (study/pageNames.ts outputPlaces); a database not named breadth.db puts its name (less .db) before each page's
 * name, so two sweeps into two stores never overwrite each other's pages.
 */
export async function runTrialCommand<R>(args: TrialArgs, work: (config: StudyConfig, settings: TrialRunSettings) => Promise<R>): Promise<{ config: StudyConfig; db: string; out: string; result: R }> {
  const { loadStudyFile } = await import('../study/index.ts');
  const { defaultWorkers } = await import('../study/sweep/index.ts');
  const timeoutMs = trialTimeoutMs(args['trial-timeout']);
  const config = withSymbolsArg(loadStudyFile(args.config, args.data || undefined), args);
  const { out, db } = outputPlaces(args.out, args.db);
  checkOutputPlaces({ out, db }, args, args.report);
  const bar = progressBar({ eta: true });
  // Here a trial in progress ends within its --trial-timeout (its thread is ended past it).
  const stopping = `stopping after the trials in progress${args.queue === undefined ? `, each within --trial-timeout ${timeoutMs / 1000} s` : ''}`;
  const result = await interruptible(stopping, (signal) =>
    work(config, {
      where: args.config,
      db,
      baseDir: dirname(resolve(args.config)),
      workers: args.workers ?? defaultWorkers(),
      ...queueSettings(args),
      trialTimeoutMs: timeoutMs,
      resume: args.resume,
      ...runNames(args.runs),
      signal,
      load: { onCache: noteCacheSkipped },
      onTrial: (done, total, name) => bar.update(done, total, name),
    }),
  ).finally(() => bar.stop());
  return { config, db, out, result };
}
