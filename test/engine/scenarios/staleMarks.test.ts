// Stale-mark lint: a held position marked at a price older than `staleMarkSessions` sessions is
// reported — symbol, first stale date, sessions, value — and the daily staleValue column gives
// the value marked stale, so reports can show its peak and mean share of NAV.

import { describe, expect, it } from 'vitest';
import { backtest } from '../../../engine/backtest.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { fixtureMarket } from '../fixtures.ts';
import { expectColumn, orders, scripted } from '../helpers.ts';

// S stops printing after session 1 and prints again on session 8: a suspension, not a data end.
const closes = [10, 10, NaN, NaN, NaN, NaN, NaN, NaN, 12, 12].map((s) => [100, s]);
const market = fixtureMarket({ symbols: ['A', 'S'], closes });

describe('stale marks', () => {
  const result = backtest(market, scripted({ 0: orders({ symbol: 'S', quantity: 100 }) }), { initialCash: 10_000, staleMarkSessions: 3 });

  it('a mark older than 3 sessions is stale from the 4th session without a price until the next print', () => {
    // Marked at session 1's close; sessions 2–4 are within 3 of it, 5–7 (from Monday 2024-01-08) are stale, 8 prints again.
    expectColumn(result.daily.staleValue, [0, 0, 0, 0, 0, 1_000, 1_000, 1_000, 0, 0]);
    expect(result.facts.staleMarks).toEqual([{ symbol: 'S', firstStaleDate: '2024-01-08', sessions: 3, value: 1_000, peakShare: 0.1 }]);
  });

  it('the caveat gives the peak and mean share of NAV', () => {
    const c = result.caveats.find((x) => x.code === 'stale-marks');
    expect(c?.size).toBeCloseTo(0.1, 12);
    expect(c?.severity).toBe('high'); // above 5 % of NAV
    expect(c?.message).toBe('positions marked at prices more than 3 sessions old: peak 10.0% of NAV, mean 3.0%; 1 names (S), longest S for 3 sessions from 2024-01-08');
  });

  it('the run reports the mean and peak share of NAV marked stale', () => {
    const m = runMetrics(result).metrics;
    // staleValue / NAV: 1 000 / 10 000 on 3 of the 10 sessions (NAV stays 10 000: S is marked, not moved).
    expect(m.find((x) => x.name === 'stale_mark_peak')).toEqual({ name: 'stale_mark_peak', value: 0.1, n: 10 });
    expect(m.find((x) => x.name === 'stale_mark_mean')?.value).toBeCloseTo(0.03, 15);
  });

  it('the default threshold is 5 sessions: this gap (6 sessions) is stale for one', () => {
    const plain = backtest(market, scripted({ 0: orders({ symbol: 'S', quantity: 100 }) }), { initialCash: 10_000 });
    expectColumn(plain.daily.staleValue, [0, 0, 0, 0, 0, 0, 0, 1_000, 0, 0]);
  });
});
