// The worker thread of cache/backgroundStore.ts: writes one entry, posts whether it was stored.

import { parentPort, workerData } from 'node:worker_threads';
import type { StoreJob } from './backgroundStore.ts';
import { MarketCache } from './marketCache.ts';

const { dir, limitBytes, entry } = workerData as StoreJob;
const cache = new MarketCache(dir, limitBytes);
try {
  parentPort!.postMessage(cache.write(entry));
} finally {
  cache.close();
}
