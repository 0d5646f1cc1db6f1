// `--runs` names are checked against the study's runs before anything loads or runs: an unknown
// name is refused in one line naming it and the study's runs, never dropped in silence (probe r64b
// F4: `--runs p,nope` ran p alone; `--runs P` was blamed on the study's walkForward blocks); runs
// without the block a sweep or walk-forward varies are refused, not run once (probe r67b).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { parseStudy } from '../../study/index.ts';
import { runSweep, runWalkForward } from '../../study/sweep/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-run-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const walkForward = { inSample: '2m', outOfSample: '1m', mode: 'rolling', params: { weights: [{ AAA: 1 }, { BBB: 1 }] } };
const study = parseStudy({
  data: join(import.meta.dirname, 'inputs', 'probe-r64b'),
  runs: [
    { name: 'p', strategy: 'fixed-weights', params: { weights: { AAA: 1 } }, walkForward },
    { name: 'bh', strategy: 'fixed-weights', params: { weights: { AAA: 1 } } },
  ],
});

async function refusal(work: (db: string) => Promise<unknown>): Promise<string> {
  const db = join(dir, `${Math.random()}.db`);
  const err = await work(db).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  expect(existsSync(db)).toBe(false); // refused before any store is made
  return (err as Error).message;
}

describe('--runs', () => {
  it('refuses a name the study lacks, with the nearest and the runs it has, for sweep and walk-forward alike', async () => {
    expect(await refusal((db) => runSweep(study, { where: 'w1.yaml', db, workers: 1, runs: ['bh', 'nope'] }))).toBe('--runs: no run named "nope" in w1.yaml (runs: p, bh)');
    expect(await refusal((db) => runWalkForward(study, { where: 'w1.yaml', db, workers: 1, runs: ['p', 'nope'] }))).toBe('--runs: no run named "nope" in w1.yaml (runs: p, bh)');
    // Names are case-sensitive; "P" was blamed on the study ("no run has a walkForward block").
    expect(await refusal((db) => runWalkForward(study, { where: 'w1.yaml', db, workers: 1, runs: ['P', 'zz', 'P'] }))).toBe('--runs: no run named "P" (did you mean p?), "zz" in w1.yaml (runs: p, bh)');
  });

  it('refuses a sweep of runs none of which has a sweep: block, as walk-forward refuses runs without theirs, before anything loads (probe r67b: one trial of each run, exit 0)', async () => {
    expect(await refusal((db) => runSweep(study, { where: 'w1.yaml', db, workers: 1 }))).toBe(
      'w1.yaml: no run has a sweep: block, so there is nothing to sweep — add one at the top of the study or under a run (see examples/sweep.yaml), or use `breadth run w1.yaml` for one backtest of each run',
    );
    const oneSwept = parseStudy({ ...study, runs: study.runs.map((run) => (run.name === 'p' ? { ...run, sweep: { params: { weights: [{ AAA: 1 }, { BBB: 1 }] } } } : run)) });
    expect(await refusal((db) => runSweep(oneSwept, { where: 'w1.yaml', db, workers: 1, runs: ['bh'] }))).toBe('--runs: run "bh" of w1.yaml has no sweep: block (runs with one: p)');
  });

  it('refuses, for a walk-forward test, a run named that has no walkForward block', async () => {
    expect(await refusal((db) => runWalkForward(study, { where: 'w1.yaml', db, workers: 1, runs: ['p', 'bh'] }))).toBe('--runs: run "bh" of w1.yaml has no walkForward block (runs with one: p)');
  });
});
