// A rate series a study names that its data lacks (probe r60c F3: riskFree and cash: { rate } on data whose rates/DTB3.csv
// was not read ran at 0 with two terminal notes, nothing stored): each run goes on at 0 and says so in a caveat stored
// with it — high for a cash rate asked and not applied (it changes the NAV), medium for a risk-free measured as 0 —
// naming the file of rates/ that was not read. Study runs, sweep trials and the runs a sweep keeps alike.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getRun, openStore } from '../../reports/store/index.ts';
import { parseStudy, runStudy } from '../../study/index.ts';
import { runSweep } from '../../study/sweep/index.ts';
import { csv, tempDir, writeFile } from '../data/fixtures.ts';

const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];

/** AAA's total-return closes 100 … 104 in etf/, and a rates/DTB3.csv with a third column: not read. */
function folder(): string {
  const dir = tempDir();
  writeFile(dir, 'etf/AAA.csv', csv('Date,AdjClose', ...DAYS.map((d, k) => `${d},${100 + k}`)));
  writeFile(dir, 'rates/DTB3.csv', csv('observation_date,DTB3,X', ...DAYS.map((d) => `${d},5.20,1`)));
  return dir;
}

/** Half of 100,000 in AAA, cash and rf at tbill3m; `sweep` as given. */
const study = (dir: string, sweep?: unknown) =>
  parseStudy({ data: dir, riskFree: 'tbill3m', engine: { initialCash: 100_000, cash: { rate: 'tbill3m' } }, runs: [{ name: 'half', strategy: 'buy-and-hold', params: { weights: { AAA: 0.5 } } }], ...(sweep ? { sweep } : {}) }, 'test');

/** The two caveats, as a run on `dir` says them. */
function said(dir: string): { cash: string; rf: string } {
  const missing = `no rate series "tbill3m" in ${dir} (it has none; rates/DTB3.csv was not read: its header "observation_date,DTB3,X" is not observation_date,<SERIES> — give it FRED's header, a date column and one series column (observation_date,DTB3))`;
  return { cash: `cash rate "tbill3m" was asked for and not applied: ${missing}; cash earned no interest`, rf: `risk-free "tbill3m" was asked for and not applied: ${missing}; metrics use rf = 0` };
}

/** The missing-rate caveats stored with run `id` of `db`, as [severity, message]. */
function stored(db: string, id: number): [string, string][] {
  const store = openStore(db);
  try {
    return getRun(store, id)!.caveats.filter((c) => c.code === 'missing-rate').map((c) => [c.severity, c.message]);
  } finally {
    store.close();
  }
}

describe('a rate series a study asks for and its data lacks', () => {
  it('runs at 0 — NAV 101,500, not 101,550.01 — with a high caveat for the cash rate and a medium one for rf, stored with the run', async () => {
    const dir = folder();
    const db = join(dir, 'r.db');
    const { study: ran } = await runStudy(study(dir), { where: 'test', db, reportDir: null, load: { cacheDir: false } });
    const run = ran.runs[0];
    // 500 shares filled on 01-03 at 101 (no opens: the close) leave 49,500 in cash, earning nothing: 500 × 104 + 49,500.
    // Read, the rate would have added 50.01 (test/data/sample/load.test.ts: 101,550.01).
    expect(run.result.daily.nav.at(-1)).toBe(101_500);
    expect(run.result.manifest.config.cash.rate).toBeNull(); // what ran
    const { cash, rf } = said(dir);
    expect(run.result.caveats[0]).toMatchObject({ code: 'missing-rate', severity: 'high', message: cash });
    expect(run.metrics.caveats).toContainEqual(expect.objectContaining({ code: 'missing-rate', severity: 'medium', message: rf }));
    expect(stored(db, 1)).toEqual([['high', cash], ['medium', rf]]);
  });

  it("says so on a sweep's every trial, and stores it with the trial it keeps", async () => {
    const dir = folder();
    const db = join(dir, 's.db');
    const outcome = await runSweep(study(dir, { engine: { commission: [{ kind: 'bps', bps: 0 }, { kind: 'bps', bps: 1 }] } }), { where: 'test', db, workers: 1, keep: 1, load: { cacheDir: false } });
    const { cash, rf } = said(dir);
    expect(outcome.notes).toEqual(expect.arrayContaining([`every trial: ${cash}`, `every trial: ${rf}`]));
    expect(stored(db, outcome.kept[0].runId)).toEqual([['high', cash], ['medium', rf]]);
  });
});
