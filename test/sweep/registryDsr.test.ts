// Any run's DSR counts the registry: after a sweep, a study run of the same strategy on the same
// data gets a real deflated Sharpe ratio (N and Var(SR) of the recorded trials), and a run of
// a strategy the registry has never seen still says why it has none.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dsr } from '../../reports/metrics/index.ts';
import { navReturns } from '../../reports/runMetrics.ts';
import { getRun, openStore, recordedTrials } from '../../reports/store/index.ts';
import { parseStudy, runStudy } from '../../study/index.ts';
import { runSweep } from '../../study/sweep/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-registry-dsr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { data: 'sample', sample: { stocks: 30, years: 5 }, benchmark: '@largeCap', riskFree: 0.02 };

describe('DSR over the trial registry', () => {
  it('a study run after a sweep gets its DSR from the recorded trials', { timeout: 120_000 }, async () => {
    const db = join(dir, 'registry.db');
    const sweep = parseStudy({ ...base, runs: [{ name: 'tilt', strategy: 'size-tilt', params: { mode: 'etf' }, sweep: { params: { tilt: { from: 0, to: 1, step: 0.1 } } } }] });
    const swept = await runSweep(sweep, { where: 'test', db, workers: 1, keep: 1 });
    expect(swept.trials).toHaveLength(11);
    expect(swept.best?.dsr.value).not.toBeNull();

    const study = parseStudy({ ...base, runs: [{ name: 'mine', strategy: 'size-tilt', params: { mode: 'etf', tilt: 0.35 } }, { name: 'other', strategy: 'rate-regime' }] });
    const { study: runs, published } = await runStudy(study, { where: 'test', db, reportDir: null });
    const store = openStore(db);
    try {
      const recorded = recordedTrials(store, 'size-tilt', runs.market.fingerprint);
      expect(recorded?.count).toBe(11);
      const mine = runs.runs[0];
      const expected = dsr(navReturns(mine.result).returns, mine.metrics.riskFreeReturns, recorded);
      const stored = getRun(store, published.runs[0].id)?.metrics.find((m) => m.name === 'dsr');
      expect(expected.value).not.toBeNull();
      expect(stored?.value).toBeCloseTo(expected.value ?? NaN, 12);
      expect(getRun(store, published.runs[1].id)?.metrics.find((m) => m.name === 'dsr')).toMatchObject({ value: null, note: 'number of trials not given' });
      // The kept best trial is an ordinary run with the same trades as its trial row.
      const kept = getRun(store, swept.kept[0].runId);
      expect(kept?.run.fillsHash).toBe(swept.best?.trial.fillsHash);
      expect(kept?.metrics.find((m) => m.name === 'dsr')?.value).not.toBeNull();
    } finally {
      store.close();
    }
  });
});
