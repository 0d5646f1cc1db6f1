// Per-symbol price files parsed on all cores: worker threads (piscina) each read, hash and parse
// whole files and hand back their typed columns in shared memory (parseWorker.ts), while the main
// thread waits. Worth it for many files (backtrader's 2,000-file set); a handful of files is read
// on the main thread, where starting workers would cost more than it saves.

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ParseOutcome, ParseTask } from './parseWorker.ts';

/** Below this many files, or this many bytes, the main thread reads alone. */
export const POOL_MIN_FILES = 64;
export const POOL_MIN_BYTES = 32 << 20;

/**
 * Worker threads to parse with: `$BREADTH_PARSE_THREADS` when set (0 = the main thread alone,
 * e.g. to compare in a benchmark), else one per core (at most 8).
 */
export function parseThreads(env: NodeJS.ProcessEnv = process.env): number {
  const set = env.BREADTH_PARSE_THREADS;
  if (set !== undefined && /^\d+$/.test(set)) return Number(set);
  return Math.min(availableParallelism(), 8);
}

// Beside this module, with its extension: parseWorker.ts in the repository, .js in the package.
const WORKER = new URL(`./parseWorker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url).href;

/** Parses the files on worker threads; outcomes in the order of `tasks`. */
export async function parseOnWorkers(tasks: readonly ParseTask[]): Promise<ParseOutcome[]> {
  const threads = Math.max(1, Math.min(parseThreads(), Math.ceil(tasks.length / 16)));
  // A few tasks queued at each worker: it starts the next file as soon as one is done, instead of
  // waiting for the main thread to take the result and send another (backtrader's 2,000 files:
  // 135–206 ms of each worker's time idle with one task at a time, 35–64 ms with four).
  const pool = new Piscina({ filename: WORKER, minThreads: threads, maxThreads: threads, idleTimeout: 100, concurrentTasksPerWorker: 4 });
  try {
    return await Promise.all(tasks.map((task) => pool.run(task) as Promise<ParseOutcome>));
  } finally {
    await pool.destroy();
  }
}
