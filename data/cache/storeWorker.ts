// The worker thread of cache/backgroundStore.ts: writes one entry, posts whether it was stored.

import { parentPort, workerData } from 'node:worker_threads';
import type { StoreJob } from './backgroundStore.ts';
import { MarketCache } from './marketCache.ts';

const { dir, limitBytes, entry, done } = workerData as StoreJob;
try {
  const cache = new MarketCache(dir, limitBytes);
  try {
    parentPort!.postMessage(cache.write(entry));
  } finally {
    cache.close();
  }
} finally {
  // Done with SQLite: a process exiting now no longer cuts the thread inside it (awaitBackgroundStores).
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
