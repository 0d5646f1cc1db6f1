// A real engine run gone through the results store, as the report reads it: the long/short
// fixture backtest (costs, dividends, interest) against a made-up index, written
// with writeRun and read back with getRun from a store in a temporary directory.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../../engine/result.ts';
import { levelsOf } from '../../../../reports/metrics/index.ts';
import { runMetrics } from '../../../../reports/runMetrics.ts';
import { getRun, openStore, type StoredRun, writeRun } from '../../../../reports/store/index.ts';
import { longShortRun } from '../../store/fixtures.ts';

/** A made-up index over the run's dates (the fixture market has no index of its own). */
function fixtureIndex(result: Result): { dates: Int32Array; returns: Float64Array } {
  const returns = Float64Array.from({ length: result.dates.length - 1 }, (_, t) => 0.004 * Math.sin(t / 3) + 0.0005);
  return { dates: result.dates.subarray(1), returns };
}

export interface StoredFixture {
  result: Result;
  stored: StoredRun;
}

/** Backtest, store and read back; `label` becomes the run's label in the store. */
export function storedLongShortRun(label: string): StoredFixture {
  const result = longShortRun(label);
  const metrics = runMetrics(result, { benchmark: { name: 'Fixture index', levels: levelsOf(fixtureIndex(result).returns) }, riskFree: 0.04 });
  const dir = mkdtempSync(join(tmpdir(), 'breadth-html-'));
  const store = openStore(join(dir, 'runs.sqlite'));
  try {
    const id = writeRun(store, { result, metrics, label });
    const stored = getRun(store, id);
    if (stored === undefined) throw new Error(`run ${id} was written but cannot be read back`);
    return { result, stored };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
