// Walk-forward choices in hard cases, on a small generated folder: two runs of one command that
// share an in-sample trial (it runs once, each run labels its choice with its own values), and a
// window where no trial has a value of the metric (a fallback, said in the window and a caveat).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { epochDay, isoDay } from '../../data/dates.ts';
import { getRun, openStore, readWindows, sweepTrials } from '../../reports/store/index.ts';
import { parseStudy } from '../../study/index.ts';
import { runWalkForward } from '../../study/sweep/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-wf-choice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 80 weekdays from 2020-01-01: AAA gains 1 % a session, BBB loses 1 %; BNCH only from session `benchFrom`. */
function folder(name: string, benchFrom: number): string {
  const data = join(dir, name);
  mkdirSync(data);
  const days: string[] = [];
  for (let d = epochDay(2020, 1, 1); days.length < 80; d++) if (![0, 6].includes(new Date(d * 86_400_000).getUTCDay())) days.push(isoDay(d));
  const csv = (price: (t: number) => number, from = 0) => `Date,Close\n${days.slice(from).map((d, k) => `${d},${price(k + from).toFixed(6)}`).join('\n')}\n`;
  writeFileSync(join(data, 'AAA.csv'), csv((t) => 100 * 1.01 ** t));
  writeFileSync(join(data, 'BBB.csv'), csv((t) => 100 * 0.99 ** t));
  writeFileSync(join(data, 'BNCH.csv'), csv((t) => 100 * (1 + 0.002 * (t % 3)), benchFrom));
  return data;
}

describe('walk-forward choices', () => {
  it('two runs sharing an in-sample trial: it runs once, and each run names its choice by its own axes', { timeout: 120_000 }, async () => {
    const db = join(dir, 'shared.db');
    const study = parseStudy({
      data: folder('d-shared', 0),
      engine: { shares: 'fractional' },
      runs: [
        // 3 windows of 20 sessions in sample, 20 out (sessions 20–79).
        { name: 'wa', strategy: 'fixed-weights', params: { weights: { AAA: 1 }, schedule: 'every-session' }, sweep: { params: { weights: [{ AAA: 1 }, { BBB: 1 }] } }, walkForward: { inSample: '20d', outOfSample: '20d', mode: 'rolling', metric: 'annual_return' } },
        // Its first point in each window is wa's first point: the same trial.
        { name: 'wb', strategy: 'fixed-weights', params: { weights: { AAA: 1 }, schedule: 'every-session' }, sweep: { params: { schedule: ['every-session', 'month-end'] } }, walkForward: { inSample: '20d', outOfSample: '20d', mode: 'rolling', metric: 'annual_return' } },
      ],
    });
    const [wa, wb] = await runWalkForward(study, { where: 'test', db, workers: 1 });
    expect([wa.windows.length, wb.windows.length]).toEqual([3, 3]);
    // AAA rises, BBB falls: wa chooses AAA in every window, labelled by wa's axis.
    expect(wa.windows.map((w) => w.values)).toEqual([{ weights: { AAA: 1 } }, { weights: { AAA: 1 } }, { weights: { AAA: 1 } }]);
    // wb's labels carry wb's axis, never wa's (the shared trial was stored under wa's name).
    for (const w of wb.windows) expect(Object.keys(w.values)).toEqual(['schedule']);
    expect(wb.windows.every((w) => !w.fallback)).toBe(true);
    const store = openStore(db);
    try {
      // 3 windows × 2 points per run, 3 of them shared: 9 distinct trials stored, each once.
      expect(store.db.prepare('SELECT COUNT(*) FROM trials').pluck().get()).toBe(9);
      expect(readWindows(store, wb.sweepId).map((w) => Object.keys(w.values))).toEqual([['schedule'], ['schedule'], ['schedule']]);
    } finally {
      store.close();
    }
  });

  it('a window where no trial has a value of the metric runs the first point as a fallback, and says so', { timeout: 120_000 }, async () => {
    const db = join(dir, 'fallback.db');
    const study = parseStudy({
      // The benchmark starts at session 30: the first in-sample span (sessions 0–19) has no information ratio.
      data: folder('d-late-bench', 30),
      benchmark: 'BNCH',
      engine: { shares: 'fractional' },
      runs: [{ name: 'ir', strategy: 'fixed-weights', params: { weights: { AAA: 1 }, schedule: 'every-session' }, sweep: { params: { weights: [{ BBB: 1 }, { AAA: 1 }] } }, walkForward: { inSample: '20d', outOfSample: '20d', mode: 'rolling', metric: 'information_ratio' } }],
    });
    const [o] = await runWalkForward(study, { where: 'test', db, workers: 1 });
    expect(o.windows.map((w) => w.fallback)).toEqual([true, false, false]);
    // The fallback is the first grid point (BBB), with no in-sample metric; later windows choose.
    expect(o.windows[0].values).toEqual({ weights: { BBB: 1 } });
    expect(o.windows[0].isMetric).toBeNull();
    const store = openStore(db);
    try {
      expect(readWindows(store, o.sweepId).map((w) => w.fallback)).toEqual([true, false, false]);
      const run = getRun(store, o.runId ?? -1);
      const note = run?.caveats.find((c) => c.code === 'walk-forward');
      expect(note?.severity).toBe('high');
      expect(note?.message).toContain(`information_ratio for the out-of-sample window ${o.windows[0].oosFrom}..${o.windows[0].oosTo}`);
      expect(note?.message).toContain('ir[weights=BBB:1]');
    } finally {
      store.close();
    }
  });
});

describe('walk-forward caveats (probe r57b F2)', () => {
  it('each window carries its in-sample trials\' caveats as a sweep tells its trials\', and the outcome the stitched run\'s', { timeout: 120_000 }, async () => {
    const db = join(dir, 'late-symbol.db');
    const study = parseStudy({
      // BNCH's first bar is session 30, Wednesday 2020-02-12 (23 weekdays in January, then 7 in February): the first in-sample span, sessions 0–19, has none.
      data: folder('d-late-symbol', 30),
      engine: { shares: 'fractional' },
      runs: [{ name: 'mix', strategy: 'fixed-weights', params: { weights: { AAA: 0.5, BNCH: 0.5 }, schedule: 'every-session' }, walkForward: { inSample: '20d', outOfSample: '20d', mode: 'rolling', params: { weights: [{ AAA: 0.5, BNCH: 0.5 }, { BNCH: 1 }] } } }],
    });
    const [o] = await runWalkForward(study, { where: 'test', db, workers: 1 });
    const store = openStore(db);
    try {
      const trials = sweepTrials(store, o.sweepId);
      const inFirst = trials.filter((t) => t.periodFrom === o.windows[0].isFrom);
      // Both points of window 1 held BNCH's share in cash: each trial says so in a high caveat, and the window's notes carry it.
      const coverage = 'BNCH none in the run (its data starts 2020-02-12)';
      for (const t of inFirst) expect(t.caveats.find((c) => c.message.includes(coverage))?.severity).toBe('high');
      const message = inFirst[0].caveats.find((c) => c.message.includes(coverage))?.message;
      expect(o.notes).toContain(`window 1's in sample: every trial: ${message}`);
      // The point that held BNCH alone never invested in its 20 in-sample sessions: said by its own name, in window 1 only.
      expect(o.notes.filter((n) => n.includes('never invested'))).toEqual(["window 1's in sample: mix[weights=BNCH:1]: never invested: all 20 sessions in cash; no price in the run's sessions for BNCH"]);
      // The stitched run's caveats, ranked as stored.
      expect(o.caveats).toEqual(getRun(store, o.runId ?? -1)?.caveats);
    } finally {
      store.close();
    }
  });
});
