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
}

/**
 * Writes `entry` into the cache in `dir` on a worker thread; resolves to what
 * MarketCache.write returns (false: larger than the limit), rejects with the worker's error.
 * The worker keeps the process alive until it is done.
 */
export function storeInBackground(job: StoreJob): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    let stored: boolean | undefined;
    worker.once('message', (message: boolean) => (stored = message));
    worker.once('error', (err) => (stored === undefined ? reject(err) : resolve(stored))); // stored, then failed closing: stored
    worker.once('exit', (code) => (stored === undefined ? reject(new Error(`the cache writer stopped (exit code ${code})`)) : resolve(stored)));
  });
}
