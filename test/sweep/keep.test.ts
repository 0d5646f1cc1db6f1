// --keep stores the best trials in full — only trials with a value of the ranking metric: one that
// never invested has no Sharpe ratio and is no "best" (probe r28c: a random sweep's third kept run
// was a trial that never invested, stored with a tear sheet as sweep-1-best-3) — and only when the
// re-run gives the stored trial's fills.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { loadStudyFile } from '../../study/index.ts';
import { runSweep } from '../../study/sweep/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-keep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Weekdays of January and February 2024: AAA on all of them, BBB from February only. */
function writeData(): string {
  const data = join(dir, 'prices');
  mkdirSync(data, { recursive: true });
  const days: string[] = [];
  for (let d = new Date(Date.UTC(2024, 0, 2)); d < new Date(Date.UTC(2024, 2, 1)); d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  const rows = (from: string) => days.filter((d) => d >= from).map((d, k) => `${d},${(100 + 3 * Math.sin(k) + k / 4).toFixed(2)}`);
  writeFileSync(join(data, 'AAA.csv'), ['Date,Close', ...rows('2024-01-02')].join('\n') + '\n');
  writeFileSync(join(data, 'BBB.csv'), ['Date,Close', ...rows('2024-02-01')].join('\n') + '\n');
  return data;
}

/** Buy-and-hold AAA or BBB over January 2024 (writeData's prices): the study file's path. */
function writeStudy(): string {
  writeData();
  const study = join(dir, 'keep.yaml');
  writeFileSync(
    study,
    ['title: keep', 'data: prices', 'benchmark: none', 'runs:', '  - name: bh', '    strategy: buy-and-hold', '    params: { weights: { AAA: 1 } }', '    sweep:', '      params:', '        weights: [{ AAA: 1 }, { BBB: 1 }]', '      periods: [{ from: "2024-01-02", to: "2024-01-31" }]', ''].join('\n'),
  );
  return study;
}

describe('--keep ranks only trials with a value of the metric', () => {
  it('of two trials over January only the AAA one invested (BBB lists in February): 1 kept of 3, and the sweep says why', async () => {
    const study = writeStudy();
    const outcome = await runSweep(loadStudyFile(study), { where: study, db: join(dir, 'keep.db'), workers: 1, keep: 3, metric: 'sharpe' });
    expect(outcome.trials).toHaveLength(2);
    expect(outcome.kept.map((k) => k.name)).toEqual([outcome.best?.trial.name]);
    expect(outcome.kept[0]?.name).toMatch(/AAA/);
    expect(outcome.notes).toContain('kept 1 of --keep 3: 1 trial has no sharpe (never invested, or undefined) and is not ranked');
  });
});

describe('--keep re-runs the best trial and compares its fills with the stored trial first', () => {
  it('refuses, in one line and storing nothing, a stored trial whose fills the re-run does not give (probe r48d F1: run stored, then exit 70)', async () => {
    // The registry row of the best trial as another build would have left it: its fills hash
    // replaced (000…). The re-run here gives the trial's own hash back, which differs: a UserError
    // naming the trial and both hashes, and the runs table stays empty (before: an Error blaming
    // determinism, exit 70, after writeRun had stored run 1 linked from no trial).
    const study = writeStudy();
    const db = join(dir, 'rehashed.db');
    const sweep = (keep: number, resume: boolean) => runSweep(loadStudyFile(study), { where: study, db, workers: 1, keep, metric: 'sharpe', resume });
    const first = await sweep(0, false);
    const best = first.best?.trial;
    expect(best?.name).toMatch(/AAA/);
    const conn = new Database(db);
    conn.prepare('UPDATE trials SET fills_hash = ?').run('0'.repeat(64));
    conn.close();
    const refusal = await sweep(1, true).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).message).toBe(
      `trial ${best?.name} re-ran here to fills hash ${best?.fillsHash.slice(0, 12)}…, not the 000000000000… stored for it: it was computed by another breadth build, or it is not reproducible (a strategy reading the clock or unseeded random numbers); nothing was kept for it`,
    );
    const after = new Database(db, { readonly: true });
    expect(after.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(0);
    expect(after.prepare('SELECT COUNT(*) FROM trials WHERE run_id IS NOT NULL').pluck().get()).toBe(0);
    after.close();
  });
});
