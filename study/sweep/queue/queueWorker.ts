// A worker of a distributed sweep (`breadth worker --queue redis://…`): takes trial jobs from the
// BullMQ queue and runs them on local worker threads over one shared market — the same trial
// runner and pool as a sweep here. It loads the market each job names once (per request, from its
// own `--data`), and refuses — puts the job back for another worker, says why in one line and
// stops — a job whose breadth version, build (its source fingerprint) or data fingerprint differs
// from its own: a worker with another breadth or other data never contributes a trial. A user's
// error fails the job for good (no retries); a timeout or a crash is retried by BullMQ, and a
// worker killed mid-trial leaves its jobs to the others once their locks expire (stalled-job recovery).

import { UnrecoverableError, WaitingError, Worker } from 'bullmq';
import { isUserFacing, UserError } from '../../../data/errors.ts';
import { canonicalJson } from '../../../reports/store/canonicalJson.ts';
import { openStudyMarket, type StudyLoadOptions } from '../../market.ts';
import { CopyMismatch } from '../mismatch.ts';
import { localPool, type TrialPool } from '../pool.ts';
import { shareMarket } from '../sharedMarket.ts';
import { queueConnection, reachable } from './connection.ts';
import { buildMismatch, encodeResult, type MarketRequest, QUEUE_NAME, type TrialJob, USER_ERROR } from './protocol.ts';
import { watchQueueErrors } from './queueErrors.ts';

export interface WorkerOptions {
  /** `redis://HOST:PORT[/DB]`. */
  readonly url: string;
  /** Trials at once (worker threads). */
  readonly concurrency: number;
  /** The data folder jobs on real data load from ("sample" for none). */
  readonly data: string;
  readonly load?: StudyLoadOptions;
  /** A job whose lock is not renewed for this long is given to another worker (BullMQ lockDuration). */
  readonly lockMs?: number;
  readonly signal?: AbortSignal;
  /** One line per event worth telling (ready, a refusal, a Redis outage and its end, a lost job lock). */
  log?(line: string): void;
}

export interface WorkerOutcome {
  /** Trials this worker completed (their results taken by the queue: not a run whose lock was lost). */
  readonly completed: number;
  /** Why it stopped on its own (a refused job), or null when it was stopped. */
  readonly refused: string | null;
}

const DEFAULT_LOCK_MS = 30_000;

/** Run until `signal` aborts (then the trials in progress finish) or a job is refused. */
export async function runQueueWorker(options: WorkerOptions): Promise<WorkerOutcome> {
  const connection = queueConnection(options.url);
  await reachable(connection);
  const markets = new Map<string, Promise<{ fingerprint: string; pool: TrialPool }>>();
  const marketFor = (request: MarketRequest) => {
    const key = canonicalJson(request);
    let entry = markets.get(key);
    if (entry === undefined) {
      entry = openStudyMarket({ data: request.sample ? 'sample' : options.data, sample: request.sample ?? {}, ...(request.symbols ? { symbols: [...request.symbols] } : {}), ...(request.to ? { to: request.to } : {}) }, options.load).then((market) => ({
        fingerprint: market.fingerprint,
        pool: localPool(shareMarket(market), options.concurrency),
      }));
      markets.set(key, entry);
    }
    return entry;
  };
  let completed = 0;
  let refused: string | null = null;
  const lockDuration = options.lockMs ?? DEFAULT_LOCK_MS;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));

  const refuse = async (job: { moveToWait(token?: string): Promise<number> }, token: string | undefined, why: string): Promise<never> => {
    refused ??= why;
    await job.moveToWait(token);
    stop();
    throw new WaitingError();
  };

  /** The trial of each job in progress, by job id (a lost lock names it). */
  const trials = new Map<string, string>();
  const worker = new Worker<TrialJob, string>(
    QUEUE_NAME,
    async (job, token) => {
      const { version, spec, market, fingerprint, timeoutMs } = job.data;
      if (job.id !== undefined) trials.set(job.id, spec.name);
      const otherBuild = buildMismatch(version, spec.name);
      if (otherBuild !== null) return refuse(job, token, otherBuild);
      let entry;
      try {
        entry = await marketFor(market);
      } catch (err) {
        if (!isUserFacing(err)) throw err;
        return refuse(job, token, `cannot load the data this sweep needs from ${options.data}: ${err.message}`);
      }
      if (entry.fingerprint !== fingerprint) {
        return refuse(job, token, `this worker's data (${options.data}, fingerprint ${entry.fingerprint.slice(0, 12)}…) is not the sweep's (${fingerprint.slice(0, 12)}…): start the worker with --data on a copy of the same files`);
      }
      try {
        // Past the job's --trial-timeout the pool ends the trial: a TrialTimedOut, its message the attempt's failed reason.
        const result = await entry.pool.run(spec, { timeoutMs });
        return encodeResult(result);
      } catch (err) {
        if (err instanceof CopyMismatch) return refuse(job, token, err.message);
        if (err instanceof UserError) throw new UnrecoverableError(`${USER_ERROR}${err.message}`);
        throw err;
      }
    },
    { connection: connection.options, concurrency: options.concurrency, lockDuration, stalledInterval: lockDuration, maxStalledCount: 2, autorun: false },
  );
  // BullMQ renews a job's lock on a timer of this thread: a load of the market blocks it for
  // seconds, and past the lock duration the queue takes the job back and runs it again (here or
  // on another worker; the coordinator stores it once). Not an outage: Redis is there.
  const lostLock = (jobId: string): string =>
    `lost the lock on job ${trials.get(jobId) ?? jobId} (not renewed within --lock-duration ${lockDuration / 1000} s: the worker was busy, e.g. loading the market); the queue will run it again — a longer --lock-duration avoids it`;
  const errors = watchQueueErrors(connection.label, [worker], { log: options.log, lostLock });
  worker.on('completed', (job) => {
    completed++;
    trials.delete(job.id as string);
    errors.back();
  });
  worker.on('failed', (job) => {
    if (job?.id !== undefined) trials.delete(job.id);
  });
  options.signal?.addEventListener('abort', stop);
  void worker.run();
  await worker.waitUntilReady();
  options.log?.(`worker ready on ${connection.label}: ${options.concurrency} trial${options.concurrency === 1 ? '' : 's'} at once, data ${options.data}`);
  try {
    await stopped;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await worker.close();
    for (const entry of markets.values()) await entry.then((e) => e.pool.close()).catch(() => {});
  }
  return { completed, refused };
}
