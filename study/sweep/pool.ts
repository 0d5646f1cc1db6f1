// The local trial pool: worker threads (piscina) that each run trials over the one shared market,
// and the executor that feeds it at most a few trials ahead of the workers, so stopping (Ctrl-C)
// only waits for the trials already running. A queue worker on another machine runs its jobs on
// the same pool.

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { UserError } from '../../data/errors.ts';
import { CopyMismatch } from './mismatch.ts';
import type { TrialExecutor, TrialSink } from './execute.ts';
import type { SharedMarket } from './sharedMarket.ts';
import type { TrialResult, TrialSpec } from './trial.ts';
import type { WorkerAnswer } from './worker.ts';

export interface TrialPool {
  readonly workers: number;
  /** Run one trial; a user's error rejects with a UserError; `signal` aborts it (its thread is ended). */
  run(spec: TrialSpec, signal?: AbortSignal): Promise<TrialResult>;
  close(): Promise<void>;
}

/** One worker per core by default. */
export const defaultWorkers = (): number => availableParallelism();

// The worker is a sibling module with this file's own extension (.ts from source, .js once built).
const WORKER = new URL(`./worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

export function localPool(market: SharedMarket, workers: number): TrialPool {
  if (!(Number.isInteger(workers) && workers >= 1)) throw new UserError(`--workers must be a whole number ≥ 1, got ${workers}`);
  // Threads start with the first trials (minThreads 0): a sweep whose trials are all stored starts none,
  // and none is ended while it is still starting.
  const pool = new Piscina<TrialSpec, WorkerAnswer>({ filename: WORKER.href, minThreads: 0, maxThreads: workers, idleTimeout: 60_000, workerData: { market } });
  return {
    workers,
    async run(spec, signal) {
      const answer = await pool.run(spec, signal ? { signal } : {});
      if ('userError' in answer) throw answer.mismatch ? new CopyMismatch(answer.userError) : new UserError(answer.userError);
      return answer.trial;
    },
    close: () => pool.destroy(),
  };
}

/** Trials on worker threads here: two in flight per worker, fed as they finish. */
export function localExecutor(market: SharedMarket, workers: number): TrialExecutor {
  const pool = localPool(market, workers);
  return {
    run: (todo, sink, signal) => feed(pool, todo, sink, signal),
    close: () => pool.close(),
  };
}

/** Run `todo` on the pool, reporting each trial to `sink` as it finishes; stop feeding when `signal` aborts. */
async function feed(pool: TrialPool, todo: readonly TrialSpec[], sink: TrialSink, signal: AbortSignal | undefined): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const lane = async (): Promise<void> => {
    while (next < todo.length && !signal?.aborted && failure === null) {
      const spec = todo[next++];
      try {
        sink.done(await pool.run(spec));
      } catch (err) {
        if (err instanceof UserError && !(err instanceof CopyMismatch)) sink.failed(spec, err.message, 'user');
        else failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(pool.workers * 2, todo.length) }, lane));
  if (failure !== null) throw failure;
}
