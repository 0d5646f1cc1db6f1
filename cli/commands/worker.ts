// breadth worker --queue redis://HOST:PORT[/DB]: take trials of distributed sweeps from the queue and
// run them here, on --concurrency worker threads, over the data given by --data. Runs until
// Ctrl-C or SIGTERM (the trials in progress finish), or until a job needs other data or another
// breadth version or build (exit 2, one line: the job goes back to the queue for another worker).

import type { CommandModule } from 'yargs';
import { loadOptions, withLoadOptions, type LoadArgs } from '../loadOptions.ts';
import { writeStandardOutput } from '../../reports/html/page/standardStreams.ts';

interface WorkerArgs extends LoadArgs {
  queue: string;
  concurrency?: number;
  data: string;
  'lock-duration': number;
}

export const workerCommand: CommandModule<object, WorkerArgs> = {
  command: 'worker',
  describe: 'Run the trials of distributed sweeps (`breadth sweep --queue`) from a Redis queue, on this machine',
  builder: (y) =>
    withLoadOptions(y)
      .option('queue', { type: 'string', demandOption: true, describe: 'the sweep\'s Redis queue: redis://HOST:PORT[/DB]' })
      .option('concurrency', { type: 'number', describe: 'trials at once, on worker threads (default: one per core)' })
      .option('data', { type: 'string', default: 'sample', describe: 'data folder holding the same files as the sweep\'s (jobs on the built-in sample need none)' })
      .option('lock-duration', { type: 'number', default: 30, describe: 'seconds without a sign of life after which this worker\'s trial goes to another worker' })
      .example('$0 worker --queue redis://10.0.0.5:6379 --data ~/data', 'serve sweeps queued on 10.0.0.5, with a copy of the data in ~/data'),
  handler: async (args) => {
    const [{ UserError }, { defaultWorkers }, { runQueueWorker }] = await Promise.all([import('../../data/errors.ts'), import('../../study/sweep/pool.ts'), import('../../study/sweep/queue/queueWorker.ts')]);
    const concurrency = args.concurrency ?? defaultWorkers();
    if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new UserError(`--concurrency must be a whole number ≥ 1, got ${args.concurrency}`);
    if (!(Number.isFinite(args['lock-duration']) && args['lock-duration'] >= 1)) throw new UserError(`--lock-duration must be a number of seconds ≥ 1, got ${args['lock-duration']}`);
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    try {
      const outcome = await runQueueWorker({
        url: args.queue,
        concurrency,
        data: args.data,
        // A long-lived process that drops markets: their columns stay in ArrayBuffers (see AlignOptions.shared).
        load: { ...loadOptions(args), cacheInBackground: false },
        lockMs: args['lock-duration'] * 1000,
        signal: controller.signal,
        log: (line) => writeStandardOutput(`${line}\n`),
      });
      if (outcome.refused !== null) throw new UserError(outcome.refused);
      writeStandardOutput(`worker stopped after ${outcome.completed} trial${outcome.completed === 1 ? '' : 's'}\n`);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
};
