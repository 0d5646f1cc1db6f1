// Any run's DSR counts the registry: after a sweep, a study run of the same strategy on the same
// data gets a real deflated Sharpe ratio (N and Var(SR) of the recorded trials) — from a config
// or from `breadth run --strategy` flags — and a run of a strategy the registry has never seen
// still says why it has none.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Random } from '../../data/random.ts';
import { dsr } from '../../reports/metrics/index.ts';
import { navReturns } from '../../reports/runMetrics.ts';
import { getRun, openStore, recordedTrials } from '../../reports/store/index.ts';
import { parseStudy, runStudy } from '../../study/index.ts';
import { runSweep } from '../../study/sweep/index.ts';
import { breadth, expectOk, parseJson, weekdays, write } from '../cli/helpers.ts';

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
      // Its note names the registry it was deflated by (probe r72c F2: note NULL, "dsr 11.33%" alone):
      // N = the 11 trials, V = their variance (one period: the sweep's), as sharpeTrialsOf gave it.
      const note = `N = 11 trials, Var(SR) = ${recorded?.sharpeVariance.toExponential(2)}`;
      expect(stored?.note).toBe(note);
      const id = String(published.runs[0].id);
      const shown = await breadth(['runs', 'show', db, id], { cwd: dir });
      expectOk(shown);
      expect(shown.stdout).toContain(note);
      expectOk(await breadth(['export', db, id, '--what', 'metrics', '--out', join(dir, 'm.csv')], { cwd: dir }));
      expect(readFileSync(join(dir, 'm.csv'), 'utf8').split('\n').find((l) => l.startsWith('dsr,'))).toContain(note);
      expectOk(await breadth(['report', db, id, '--out', join(dir, 'mine.html')], { cwd: dir }));
      expect(readFileSync(join(dir, 'mine.html'), 'utf8')).toContain(`Deflated Sharpe over the trial registry of its results store: ${note}.`);
      expect(getRun(store, published.runs[1].id)?.metrics.find((m) => m.name === 'dsr')).toMatchObject({ value: null, note: 'number of trials not given' });
      // The kept best trial is an ordinary run with the same trades as its trial row.
      const kept = getRun(store, swept.kept[0].runId);
      expect(kept?.run.fillsHash).toBe(swept.best?.trial.fillsHash);
      expect(kept?.metrics.find((m) => m.name === 'dsr')?.value).not.toBeNull();
    } finally {
      store.close();
    }
  });

  it('`breadth run --strategy …` reads the registry of its --db as a config run does (probe r46c F3: DSR null, "number of trials not given")', { timeout: 120_000 }, async () => {
    // AAA: 400 weekdays of a seeded random walk (1.5 % a day); 4 sma-crossover trials on it, then the
    // same untried point (15/50) by flags and by config into that database.
    const data = mkdtempSync(join(dir, 'flags-'));
    const random = new Random(7, 'registry-flags');
    let close = 100;
    write(data, 'AAA.csv', ['Date,Close', ...weekdays(400).map((d) => `${d},${(close *= 1 + 0.0003 + 0.015 * random.normal()).toFixed(4)}`), ''].join('\n'));
    const db = join(data, 'r.db');
    const run = { strategy: 'sma-crossover', benchmark: 'AAA', params: { symbol: 'AAA', exposure: 1 } };
    await runSweep(parseStudy({ data, runs: [{ name: 'sma', ...run, sweep: { params: { fast: [5, 10], slow: [20, 40] } } }] }), { where: 'test', db, workers: 1, keep: 0 });
    const flags = await breadth(['run', '--data', data, '--strategy', 'sma-crossover', '--param', 'symbol=AAA', '--param', 'fast=15', '--param', 'slow=50', '--param', 'exposure=1', '--benchmark', 'AAA', '--db', db, '--label', 'flags', '--json'], { cwd: data });
    expectOk(flags);
    const { published } = await runStudy(parseStudy({ data, engine: { initialCash: 1_000_000 }, runs: [{ name: 'config', ...run, params: { ...run.params, fast: 15, slow: 50 } }] }), { where: 'test', db, reportDir: null });
    const store = openStore(db);
    try {
      const byFlags = getRun(store, parseJson(flags).runs[0].id);
      const byConfig = getRun(store, published.runs[0].id);
      expect(byFlags?.run.fillsHash).toBe(byConfig?.run.fillsHash);
      // The DSR of the flags run's own returns against the registry's N = 4 trials and their Var(SR).
      const recorded = recordedTrials(store, 'sma-crossover', byFlags?.run.dataFingerprint ?? '');
      expect(recorded?.count).toBe(4);
      const nav = byFlags?.daily.columns.nav ?? new Float64Array();
      const expected = dsr(Float64Array.from(nav.subarray(1), (v, t) => v / nav[t] - 1), 0, recorded);
      const value = (r: typeof byFlags) => r?.metrics.find((m) => m.name === 'dsr');
      expect(expected.value).not.toBeNull();
      expect(value(byFlags)?.value).toBeCloseTo(expected.value ?? NaN, 12);
      expect(value(byFlags)?.value).toBe(value(byConfig)?.value);
    } finally {
      store.close();
    }
  });
});
