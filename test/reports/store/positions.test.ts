// Positions are stored only when a decision changed the book: a strategy that decides every
// session but trades once writes its holdings once per change, and getRun still gives every
// decision's holdings.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isoDay } from '../../../data/dates.ts';
import { backtest } from '../../../engine/backtest.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { getRun, openStore, writeRun } from '../../../reports/store/index.ts';
import { fixtureMarket } from '../../engine/fixtures.ts';
import { scripted } from '../../engine/helpers.ts';

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
      if ([0, 1, 10, 11].includes(p.session)) {
        expect(p.unchangedSince).toBeUndefined();
        expect(p.price).toBe(s.price[k]);
      } else {
        expect(p.unchangedSince).toBe(isoDay(result.dates[p.session < 10 ? 1 : 11]));
        expect(p.price).toBeNull();
      }
    });
  });
});
