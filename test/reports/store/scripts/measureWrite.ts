// How fast a long run is stored: prints the writeRun and getRun wall time (median of 3) for a
// 20-year daily run (5,040 sessions) over 2,000 symbols, at two trading intensities.
//   npx tsx test/reports/store/scripts/measureWrite.ts
// A figure to report, not a test: timings belong in benchmarks, never in assertions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMetrics } from '../../../../reports/runMetrics.ts';
import { getRun, openStore, writeRun } from '../../../../reports/store/index.ts';
import { largeResult } from '../fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-measure-'));
const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

for (const perDecision of [200, 2000]) {
  const result = largeResult(5040, 2000, perDecision);
  const metrics = runMetrics(result);
  const writes: number[] = [];
  const reads: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const store = openStore(join(dir, `measure-${perDecision}-${rep}.db`));
    let t = performance.now();
    const id = writeRun(store, { result, metrics });
    writes.push(performance.now() - t);
    t = performance.now();
    getRun(store, id);
    reads.push(performance.now() - t);
    store.close();
  }
  const rows = result.fills.session.length;
  console.log(`5,040 sessions, 2,000 symbols, ${rows.toLocaleString('en-US')} fills + ${rows.toLocaleString('en-US')} position rows: writeRun ${median(writes).toFixed(0)} ms, getRun ${median(reads).toFixed(0)} ms (median of 3)`);
}
rmSync(dir, { recursive: true, force: true });
