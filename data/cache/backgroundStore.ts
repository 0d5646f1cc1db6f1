// A cache entry written on a worker thread (storeWorker.ts) while the load that read it returns:
// a cold `breadth run` replays and stores its results while the market goes into the cache
// (backtrader's 2,000-file set: 0.7 s of the run's wall time). The price columns are in shared
// memory (a load that asks for this has alignment allocate them there, AlignOptions.shared), so
// the worker reads them where they are; the rest of the entry is small and copied. A killed process leaves the cache as it was: the entry
// is one transaction.

import { Worker } from 'node:worker_threads';
import type { EntryToWrite } from './marketCache.ts';
import type { EncodedMarket } from './marketCodec.ts';

/** True when every stored price column is a view of shared memory (posting it copies nothing). */
export function pricesShared(market: EncodedMarket): boolean {
  return market.prices.columns.every((column) => column.buffer instanceof SharedArrayBuffer);
}

// Beside this module, with its extension: storeWorker.ts in the repository, .js in the package.
const WORKER = new URL(`./storeWorker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

/** What the worker is given. */
export interface StoreJob {
  readonly dir: string;
  readonly limitBytes: number;
  readonly entry: EntryToWrite;
  /** One shared cell the worker sets to 1 once it is done with SQLite (stored or not), for awaitBackgroundStores. */
  readonly done: Int32Array;
}

/** The `done` cells of the stores in flight. */
const inFlight = new Set<Int32Array>();

/**
 * Blocks the calling thread until every cache entry being written on a worker thread is done, or
 * `timeoutMs` has passed. For a process about to call process.exit(): exiting terminates the
 * workers, and a thread terminated inside better-sqlite3 (even while it loads) aborts the whole
 * process with a native stack trace ("FATAL ERROR: Error::New napi_get_last_error_info"; see
 * WiseLibs/better-sqlite3#1507) — seen when a strategy's error ended a cold run at once.
 * Waiting also keeps the entry, so the next run need not read the files again.
 */
export function awaitBackgroundStores(timeoutMs = 60_000): void {
  const deadline = Date.now() + timeoutMs;
  for (const done of inFlight) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    Atomics.wait(done, 0, 0, left);
  }
}

/**
 * Writes `entry` into the cache in `dir` on a worker thread; resolves to what
 * MarketCache.write returns (false: larger than the limit), rejects with the worker's error.
 * The worker keeps the process alive until it is done.
 */
export function storeInBackground(job: Omit<StoreJob, 'done'>): Promise<boolean> {
  const done = new Int32Array(new SharedArrayBuffer(4));
  inFlight.add(done);
  return new Promise<boolean>((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { ...job, done } satisfies StoreJob });
    let stored: boolean | undefined;
    worker.once('message', (message: boolean) => (stored = message));
    worker.once('error', (err) => (stored === undefined ? reject(err) : resolve(stored))); // stored, then failed closing: stored
    worker.once('exit', (code) => (stored === undefined ? reject(new Error(`the cache writer stopped (exit code ${code})`)) : resolve(stored)));
  }).finally(() => inFlight.delete(done));
}
