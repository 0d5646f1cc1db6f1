// The local trial pool: worker threads (piscina) that each run trials over the one shared market.
// The coordinator feeds it at most a few trials ahead of the workers, so stopping (Ctrl-C) only
// waits for the trials already running.

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { UserError } from '../../data/errors.ts';
import type { SharedMarket } from './sharedMarket.ts';
import type { TrialResult, TrialSpec } from './trial.ts';
import type { WorkerAnswer } from './worker.ts';

export interface TrialPool {
  readonly workers: number;
  run(spec: TrialSpec): Promise<TrialResult>;
  close(): Promise<void>;
}

/** One worker per core by default. */
export const defaultWorkers = (): number => availableParallelism();

// The worker is a sibling module with this file's own extension (.ts from source, .js once built).
const WORKER = new URL(`./worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

export function localPool(market: SharedMarket, workers: number): TrialPool {
  if (!(Number.isInteger(workers) && workers >= 1)) throw new UserError(`--workers must be a whole number ≥ 1, got ${workers}`);
  const pool = new Piscina<TrialSpec, WorkerAnswer>({ filename: WORKER.href, minThreads: workers, maxThreads: workers, idleTimeout: 60_000, workerData: { market } });
  return {
    workers,
    async run(spec) {
      const answer = await pool.run(spec);
      if ('userError' in answer) throw new UserError(answer.userError);
      return answer.trial;
    },
    close: () => pool.destroy(),
  };
}
