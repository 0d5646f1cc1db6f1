// How fast a large run is stored: the engine benchmark's monthly equal-weight rebalance of 2,000
// symbols over 5,040 sessions (419,510 fills, as many orders, 464,000 position rows), written to
// a new results store `repeats` times in this process. Prints rows/s and the best and median
// writeRun time (CPU beside wall: other work on the machine inflates wall times).
//   node bench/storeWrite.ts [repeats]

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { backtest } from '../engine/backtest.ts';
import { runMetrics } from '../reports/runMetrics.ts';
import { openStore, writeRun } from '../reports/store/index.ts';
import { equalWeight } from './equalWeight.ts';
import { randomWalkMarket } from './randomWalkMarket.ts';
import { median } from './measure.ts';

const repeats = Number(process.argv[2] ?? 3);
const result = backtest(randomWalkMarket(2000, 5040), equalWeight, { initialCash: 10_000_000 });
const metrics = runMetrics(result, { benchmark: 'cash' });
const rows = result.fills.session.length + result.orders.id.length + result.snapshots.session.length;
const dir = mkdtempSync(join(tmpdir(), 'breadth-bench-store-'));
const walls: number[] = [];
const cpus: number[] = [];
try {
  for (let k = 0; k < repeats; k++) {
    const store = openStore(join(dir, `run-${k}.db`));
    const cpu = process.cpuUsage();
    const start = performance.now();
    writeRun(store, { result, metrics, label: 'bench' });
    walls.push((performance.now() - start) / 1000);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1e6);
    store.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const best = Math.min(...walls);
console.log(
  `writeRun of ${rows.toLocaleString('en-US')} ledger rows: best ${best.toFixed(2)} s (${((rows / best) / 1e6).toFixed(2)} M rows/s), median ${median(walls).toFixed(2)} s of [${walls.map((w) => w.toFixed(2)).join(', ')}], ` +
    `CPU best ${Math.min(...cpus).toFixed(2)} s; load average ${loadavg()[0].toFixed(2)}`,
);
