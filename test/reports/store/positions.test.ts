// Positions are stored only when a decision changed the book: a strategy that decides every
// session but trades once writes its holdings once per change, and getRun still gives every
// decision's holdings.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../../data/dates.ts';
import { backtest } from '../../../engine/backtest.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { getRun, openStore, type StoredRun, writeRun } from '../../../reports/store/index.ts';
import { fixtureMarket } from '../../engine/fixtures.ts';
import { MARGIN, scripted } from '../../engine/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-positions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const closes = Array.from({ length: 20 }, (_, t) => [10 + t, 20 + (t % 4), 30 - t / 2]);
const market = fixtureMarket({ symbols: ['A', 'B', 'C'], closes, volumes: closes.map(() => [1e6, 1e6, 1e6]) });

describe('positions of a run that decides every session', () => {
  // Buy A and B on session 0 (fills on 1), switch B for C on session 10; every other decision keeps the book.
  const result = backtest(market, scripted({ 0: { weights: { A: 0.5, B: 0.5 } }, 10: { weights: { A: 0.5, C: 0.5 } } }), {});
  const store = openStore(join(dir, 'positions.db'));
  const id = writeRun(store, { result, metrics: runMetrics(result) });
  const run = getRun(store, id);
  afterAll(() => store.close());

  it('stores a decision\'s rows only when its holdings or targets changed', () => {
    // Changes: session 0 (targets, nothing held), 1 (filled), 10 (new targets), 11 (filled).
    const sessions = store.db.prepare('SELECT DISTINCT session FROM positions WHERE run_id = ? ORDER BY session').pluck().all(id);
    expect(sessions).toEqual([0, 1, 10, 11]);
    expect(store.db.prepare('SELECT COUNT(*) FROM decisions WHERE run_id = ?').pluck().get(id)).toBe(20);
  });

  it('gives back every decision\'s holdings, the repeated ones marked', () => {
    const s = result.snapshots;
    expect(run?.positions).toHaveLength(s.session.length);
    run?.positions.forEach((p, k) => {
      expect(p.session).toBe(s.session[k]);
      expect(p.date).toBe(isoDay(result.dates[s.session[k]]));
      expect(p.symbol).toBe(result.symbols[s.symbol[k]]);
      expect(p.shares).toBe(s.shares[k]);
      expect(p.targetWeight).toBe(Number.isNaN(s.targetWeight[k]) ? null : s.targetWeight[k]);
      expect(p.unchangedSince).toBe([0, 1, 10, 11].includes(p.session) ? undefined : isoDay(result.dates[p.session < 10 ? 1 : 11]));
      // Every row carries its own close (A = 10 + t, B = 20 + t mod 4, C = 30 − t/2), stored or repeated.
      const close = closes[p.session][['A', 'B', 'C'].indexOf(p.symbol)];
      expect(p.price).toBe(close);
      expect(p.value).toBe(p.shares * close);
    });
  });
});

describe('a repeated book carries each close\'s marks', () => {
  // Cash 1,000; decide 50 % A, 40 % B on session 0, filled at the open of 1 (A 10, B 20): 50 A and
  // 20 B, cash 100. Sessions 2–4 keep the book: B has no bar on 3, so it is marked stale at 19.
  const nan = NaN;
  const closes2 = [[10, 20], [10, 20], [12, 19], [9, nan], [11, 22]];
  const m = fixtureMarket({ symbols: ['A', 'B'], closes: closes2 });
  const result = backtest(m, scripted({ 0: { weights: { A: 0.5, B: 0.4 } } }), { initialCash: 1000 });
  const store = openStore(join(dir, 'marks.db'));
  const run = getRun(store, writeRun(store, { result, metrics: runMetrics(result) })) as StoredRun;
  afterAll(() => store.close());
  const row = (date: string, symbol: string) => run.positions.find((p) => p.date === date && p.symbol === symbol);

  it('prices, values and weighs the repeated rows by hand', () => {
    // 2024-01-03: A 50 × 12 = 600, B 20 × 19 = 380, NAV 100 + 980 = 1,080.
    expect(row('2024-01-03', 'A')).toMatchObject({ shares: 50, price: 12, value: 600, unchangedSince: '2024-01-02' });
    expect(row('2024-01-03', 'A')?.weight).toBeCloseTo(600 / 1080, 12);
    expect(row('2024-01-03', 'B')?.weight).toBeCloseTo(380 / 1080, 12);
    // 2024-01-04: B has no bar and keeps its stale mark 19; A 50 × 9 = 450, NAV 100 + 450 + 380 = 930.
    expect(row('2024-01-04', 'B')).toMatchObject({ shares: 20, price: 19, value: 380 });
    expect(row('2024-01-04', 'B')?.weight).toBeCloseTo(380 / 930, 12);
    expect(row('2024-01-04', 'A')?.weight).toBeCloseTo(450 / 930, 12);
    // 2024-01-05: A 550, B 440, NAV 1,090.
    expect(row('2024-01-05', 'B')).toMatchObject({ price: 22, value: 440 });
    expect(run.daily.columns.nav[4]).toBe(1090);
  });

  it('stores the repeated book as marks, not rows', () => {
    expect(store.db.prepare('SELECT COUNT(*) FROM positions WHERE run_id = 1').pluck().get()).toBe(4); // sessions 0 and 1, 2 rows each
    const blobs = store.db.prepare('SELECT length(marks) FROM decisions WHERE run_id = 1 ORDER BY session').pluck().all();
    expect(blobs).toEqual([null, null, 16, 16, 16]);
  });
});

describe('Σ value of every decision\'s rows is the book the daily table valued', () => {
  it('holds for random long/short books that change on random decisions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 5, max: 50, noNaN: true }), fc.double({ min: 5, max: 50, noNaN: true }), fc.double({ min: 5, max: 50, noNaN: true })), { minLength: 6, maxLength: 12 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true })), { minLength: 1, maxLength: 4 }),
        (rows, changes) => {
          const m = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: rows.map(([a, b, c]) => [a, b, c]) });
          const script = Object.fromEntries(changes.map(([t, a, b]) => [t, { weights: { A: a, B: b, C: 0.2 } }]));
          const result = backtest(m, scripted(script), { initialCash: 100_000, account: MARGIN });
          const store = openStore(':memory:');
          const run = getRun(store, writeRun(store, { result, metrics: runMetrics(result) })) as StoredRun;
          store.close();
          const d = run.daily.columns;
          for (let t = 0; t < run.daily.dates.length; t++) {
            const held = run.positions.filter((p) => p.session === t);
            if (held.length === 0) continue;
            const sum = held.reduce((s, p) => s + (p.value ?? 0), 0);
            expect(sum).toBeCloseTo(d.longValue[t] + d.shortValue[t], 6);
            for (const p of held) if (p.value !== null) expect(p.weight).toBeCloseTo(p.value / d.nav[t], 12);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
