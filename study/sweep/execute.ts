// Executing planned trials: skip those the registry holds (with --resume; without it a stored
// trial is an error rather than a silent re-run), link them to the sweep, and run the rest on the
// worker pool, writing each result in its own transaction as it arrives. The coordinator is the
// only writer, so a kill leaves every finished trial stored once and nothing half-written.

import { UserError } from '../../data/errors.ts';
import { linkTrials, type Store, storedTrialKeys, writeTrial } from '../../reports/store/index.ts';
import { localPool, type TrialPool } from './pool.ts';
import type { SharedMarket } from './sharedMarket.ts';
import type { TrialResult, TrialSpec } from './trial.ts';

export interface ExecuteOptions {
  readonly db: string;
  readonly workers: number;
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  onTrial?(done: number, total: number, name: string): void;
}

/** Run the trials not yet stored; returns how many ran now and how many were found stored. */
export async function executeTrials(store: Store, sweepId: number, shared: SharedMarket, trials: readonly TrialSpec[], options: ExecuteOptions): Promise<{ ran: number; skipped: number }> {
  const stored = storedTrialKeys(store, trials.map((t) => t.key));
  if (stored.size > 0 && !options.resume) {
    throw new UserError(`${options.db} holds ${stored.size} of the ${trials.length} trials of this sweep already: --resume skips them, or choose another --db`);
  }
  linkTrials(store, sweepId, trials.filter((t) => stored.has(t.key)));
  const todo = trials.filter((t) => !stored.has(t.key));
  if (stored.size > 0) options.onTrial?.(stored.size, trials.length, `${stored.size} already stored`);
  if (todo.length === 0) return { ran: 0, skipped: stored.size };
  const pool = localPool(shared, Math.min(options.workers, todo.length));
  let ran = 0;
  try {
    await feed(pool, todo, options.signal, (trial) => {
      writeTrial(store, sweepId, trial);
      ran++;
      options.onTrial?.(stored.size + ran, trials.length, trial.name);
    });
  } finally {
    await pool.close();
  }
  return { ran, skipped: stored.size };
}

/**
 * Run `todo` on the pool, at most two trials per worker in flight, calling `done` for each result
 * as it arrives (in completion order). Stops feeding when `signal` aborts and waits for the
 * trials in flight. Returns how many finished.
 */
async function feed(pool: TrialPool, todo: readonly TrialSpec[], signal: AbortSignal | undefined, done: (trial: TrialResult) => void): Promise<number> {
  let next = 0;
  let finished = 0;
  let failure: unknown = null;
  const lane = async (): Promise<void> => {
    while (next < todo.length && !signal?.aborted && failure === null) {
      const spec = todo[next++];
      try {
        done(await pool.run(spec));
        finished++;
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: pool.workers * 2 }, lane));
  if (failure !== null) throw failure;
  return finished;
}

