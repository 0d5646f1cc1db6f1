// The options `breadth sweep` and `breadth walk-forward` share: the study file, where results
// go, the worker pool, --resume and the run filter.

import type { Argv } from 'yargs';
import { UserError } from '../data/errors.ts';
import type { QueueSettings } from '../study/sweep/queue/protocol.ts';

export interface TrialArgs {
  config: string;
  data?: string;
  symbols?: string;
  out: string;
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
    .option('out', { type: 'string', default: 'out', describe: 'folder for the database and the pages' })
    .option('db', { type: 'string', describe: 'results database (default <out>/breadth.db)' })
    .option('workers', { type: 'number', describe: 'worker threads (default: one per core)' })
    .option('resume', { type: 'boolean', default: false, describe: 'skip trials the database holds already' })
    .option('runs', { type: 'string', describe: 'only these runs of the study (comma-separated names)' })
    .option('report', { type: 'boolean', default: true, describe: what.report })
    .option('json', { type: 'boolean', default: false, describe: 'machine-readable summary' })
    .option('queue', { type: 'string', describe: 'run the trials on `breadth worker`s of this Redis queue (redis://HOST:PORT[/DB]) instead of here' })
    .option('trial-timeout', { type: 'number', default: 600, describe: 'with --queue: seconds a trial may run before it counts as a failed attempt' })
    .option('attempts', { type: 'number', default: 3, describe: 'with --queue: attempts for a trial failing for a reason that is not yours (a worker crash, a timeout)' });
}

/** Where the trials run: `{ queue }` with --queue (its timeout and attempts checked), else nothing. */
export function queueSettings(args: Pick<TrialArgs, 'queue' | 'trial-timeout' | 'attempts'>): { queue?: QueueSettings } {
  if (args.queue === undefined) return {};
  const timeout = args['trial-timeout'];
  if (!(Number.isFinite(timeout) && timeout > 0)) throw new UserError(`--trial-timeout must be a number of seconds > 0, got ${timeout}`);
  if (!(Number.isInteger(args.attempts) && args.attempts >= 1)) throw new UserError(`--attempts must be a whole number ≥ 1, got ${args.attempts}`);
  return { queue: { url: args.queue, timeoutMs: timeout * 1000, attempts: args.attempts, log: (line) => process.stderr.write(`breadth: ${line}\n`) } };
}

/** The study file's config with --data and --symbols applied. */
export function withDataArgs<C extends { data: string; symbols?: string[] }>(config: C, args: Pick<TrialArgs, 'data' | 'symbols'>): C {
  return { ...config, ...(args.data ? { data: args.data } : {}), ...(args.symbols ? { symbols: args.symbols.split(',').map((s) => s.trim()) } : {}) };
}

/** --runs a,b → ['a', 'b']. */
export const runNames = (runs: string | undefined): { runs?: string[] } => (runs ? { runs: runs.split(',').map((s) => s.trim()) } : {});
