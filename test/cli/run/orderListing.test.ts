// The order listing of an order that rested across a split: in a whole-share run the engine rests
// what is left rounded toward zero (engine/execution/orderBook.ts applySplit), so the listing shows the whole
// shares the book could trade and states the fraction the split left, never a fractional order
// "filled" by a whole-share fill.

import { describe, expect, it } from 'vitest';
import { orderLines, ordersWithFills } from '../../../cli/orderListing.ts';
import type { EngineConfigInput } from '../../../engine/config.ts';
import { backtest } from '../../../engine/backtest.ts';
import type { Result } from '../../../engine/result.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { getRun, openStore, type StoredRun, writeRun } from '../../../reports/store/index.ts';
import { fixtureMarket } from '../../engine/fixtures.ts';
import { orders, scripted } from '../../engine/helpers.ts';

/** FS at 30, then 20 from the 3:2 split on 2024-01-04 (session 3); a buy of 15 decided on 2024-01-03 rests across it. */
function listing(volumes: number[], config: EngineConfigInput, decidedOn = 2): string[] {
  const closes = [[30], [30], [30], [20], [20], [20]];
  const market = fixtureMarket({ symbols: ['FS'], closes, volumes: volumes.map((v) => [v]), splits: [{ session: 3, symbol: 0, value: 1.5 }] });
  return stored(backtest(market, scripted({ [decidedOn]: orders({ symbol: 'FS', quantity: 15 }) }), { initialCash: 10_000, ...config }));
}

/** The listing of a run after a round trip through the store. */
function stored(result: Result): string[] {
  const store = openStore(':memory:');
  const stored = getRun(store, writeRun(store, { result, metrics: runMetrics(result) })) as StoredRun;
  store.close();
  return orderLines(ordersWithFills(stored));
}

describe('an order resting across a split', () => {
  const busy = [1e6, 1e6, 1e6, 1e6, 1e6, 1e6];

  it('whole shares: 15 × 1.5 = 22.5 rests as 22, the half share stated', () => {
    expect(listing(busy, {})).toEqual([
      'order 1  2024-01-03  FS  +22 market gtc (explicit; +15 as decided, +22.5000 after a 3:2 split on 2024-01-04, 22 whole shares) → filled on 2024-01-04',
      '    fill 2024-01-04  +22 @ 20 (reference 20)  commission 0.00  slippage 0.00',
    ]);
  });

  it('fractional shares: 22.5 rests and fills, nothing dropped', () => {
    expect(listing(busy, { shares: 'fractional' })).toEqual([
      'order 1  2024-01-03  FS  +22.5000 market gtc (explicit; +15 as decided, +22.5000 after a 3:2 split on 2024-01-04) → filled on 2024-01-04',
      '    fill 2024-01-04  +22.5000 @ 20 (reference 20)  commission 0.00  slippage 0.00',
    ]);
  });

  it('a fill before the split: only the rest is rescaled and rounded', () => {
    // Decided on 2024-01-01; a 10 % cap of 60 fills 6 at 30 on 01-02, no volume on 01-03; the 9 left
    // become 13.5 at the split, 13 whole, filled at 20 on 01-04. In post-split shares 6 × 1.5 + 13 = 22.
    expect(listing([1e6, 60, 0, 1e6, 1e6, 1e6], { participationCap: 0.1 }, 0)).toEqual([
      'order 1  2024-01-01  FS  +22 market gtc (explicit; +15 as decided, +22.5000 after a 3:2 split on 2024-01-04, 22 whole shares) → filled on 2024-01-04',
      '    fill 2024-01-02  +6 @ 30 (reference 30)  commission 0.00  slippage 0.00',
      '    fill 2024-01-04  +13 @ 20 (reference 20)  commission 0.00  slippage 0.00',
    ]);
  });
});

/** AAA at 120; a 3:2 split on 2024-01-04 (session 3, 80) and a 2:1 on 2024-01-08 (session 5, 40). */
function twoSplits(volumes: number[], weight = 1): string[] {
  const closes = [120, 120, 120, 80, 80, 40, 40, 40].map((c) => [c]);
  const splits = [
    { session: 3, symbol: 0, value: 1.5 },
    { session: 5, symbol: 0, value: 2 },
  ];
  const market = fixtureMarket({ symbols: ['AAA'], closes, volumes: volumes.map((v) => [v]), splits });
  return stored(backtest(market, scripted({ 0: { weights: { AAA: weight } } }), { initialCash: 10_000, ...(volumes[1] === 20 ? { participationCap: 0.1 } : {}) }));
}

describe('an order resting across two splits (r21b b1, b2)', () => {
  it('10,000 / 120 = 83 decided, 83 × 3 = 249 after both, all of it filled at 40', () => {
    expect(twoSplits([1e6, 0, 0, 0, 0, 0, 1e6, 1e6])).toEqual([
      'order 1  2024-01-01  AAA  +249 market gtc (targets; +83 as decided, +249 after a 3:2 split on 2024-01-04 and a 2:1 split on 2024-01-08) → filled on 2024-01-09',
      '    fill 2024-01-09  +249 @ 40 (reference 40)  commission 0.00  slippage 0.00',
    ]);
  });

  it('partial fills before and between the splits: remaining = exact − filled (2 a session at a 10 % cap of 20)', () => {
    // 83 − 4 (2 on 01-02, 2 on 01-03) = 79 → 118.5 at 3:2; − 2 (01-04) − 2 (01-05) = 114.5 → 229 at 2:1; − 2 × 3 (01-08 to 01-10) = 223 left open.
    // In end shares: 4 × 3 + 4 × 2 + 6 = 26 filled, 26 + 223 = 249 = 83 × 3 asked (rounding at each split: 118 − 4 = 114 → 228, 248).
    const lines = twoSplits([20, 20, 20, 20, 20, 20, 20, 20]);
    expect(lines[0]).toBe(
      'order 1  2024-01-01  AAA  +249 market gtc (targets; +83 as decided, +249 after a 3:2 split on 2024-01-04 and a 2:1 split on 2024-01-08) → partially-filled (run-end) on 2024-01-10, filled +26',
    );
    expect(lines.length).toBe(1 + 7);
  });
});

describe('the singular of one whole share', () => {
  it('15 across a 1:10 reverse split: +1.5000 after it, 1 whole share', () => {
    const closes = [[2], [2], [2], [20], [20]];
    const market = fixtureMarket({ symbols: ['RS'], closes, volumes: [[1e6], [1e6], [0], [1e6], [1e6]], splits: [{ session: 3, symbol: 0, value: 0.1 }] });
    expect(stored(backtest(market, scripted({ 1: orders({ symbol: 'RS', quantity: 15 }) }), { initialCash: 10_000 }))[0]).toBe(
      'order 1  2024-01-02  RS  +1 market gtc (explicit; +15 as decided, +1.5000 after a 1:10 reverse split on 2024-01-04, 1 whole share) → filled on 2024-01-04',
    );
  });
});

describe('an amended order (r21b a, order 7)', () => {
  it('shows the shares first decided beside the amendment: +3 as decided, amended to +1', () => {
    // BBB at 50, no volume on 01-02 and 01-03, so the +3 decided on 01-01 (150 of 10,000 × 1.5 %) rests; on 01-02 the target
    // falls to 0.5 % (50 → 1 share): the resting buy is amended to +1 and fills on 01-04.
    const market = fixtureMarket({ symbols: ['BBB'], closes: [[50], [50], [50], [50]], volumes: [[1e6], [0], [0], [1e6]] });
    const lines = stored(backtest(market, scripted({ 0: { weights: { BBB: 0.015 } }, 1: { weights: { BBB: 0.005 } } }), { initialCash: 10_000 }));
    expect(lines[0]).toBe('order 1  2024-01-01  BBB  +1 market gtc (targets; +3 as decided, amended to +1 on 2024-01-02) → filled on 2024-01-04');
  });
});

describe('a flip left resting across 1:4 then 4:1 (r22a finding 1)', () => {
  it('the cover shows the 12 shares the position kept, the open leg its exact 13', () => {
    // FFF −15 held at 10; the target +13 plans a cover +15 and an open +13, which rest (no volume) to the run's end.
    // The position: −15 → −3.75 → −3 (0.75 in cash) → −12 after 4:1; the cover rests at +12; the open leg 13 × 1/4 × 4 = +13.
    const closes = [10, 10, 10, 40, 10, 10].map((c) => [c]);
    const volumes = [1000, 1000, 0, 0, 0, 0].map((v) => [v]);
    const splits = [
      { session: 3, symbol: 0, value: 0.25 },
      { session: 4, symbol: 0, value: 4 },
    ];
    const market = fixtureMarket({ symbols: ['FFF'], closes, volumes, splits });
    const lines = stored(backtest(market, scripted({ 0: { shares: { FFF: -15 } }, 1: { shares: { FFF: 13 } } }), { initialCash: 100_000, account: { kind: 'margin', maxGross: 2, maxNet: 1 } }));
    expect(lines.filter((l) => l.startsWith('order')).slice(1)).toEqual([
      'order 2  2024-01-02  FFF  +12 market gtc (targets; +15 as decided, +15 after a 1:4 reverse split on 2024-01-04 and a 4:1 split on 2024-01-05, 12 whole shares) → open (run-end) on 2024-01-08, filled 0',
      'order 3  2024-01-02  FFF  +13 market gtc (targets; +13 as decided, +13 after a 1:4 reverse split on 2024-01-04 and a 4:1 split on 2024-01-05) → open (run-end) on 2024-01-08, filled 0',
    ]);
  });
});

describe('one name for a split (r22a finding 4)', () => {
  it('a 7:5 split is "7:5 split" in the listing, as in the split caveat (not "1.4:1")', () => {
    // 10 bought at 14 on 2024-01-02; 10 more decided that day rest (no volume) across 7:5 on 2024-01-03: 10 × 7/5 = 14 shares at 10.
    const market = fixtureMarket({ symbols: ['SV'], closes: [[14], [14], [10], [10]], volumes: [[1e6], [1e6], [0], [1e6]], splits: [{ session: 2, symbol: 0, value: 1.4 }] });
    const result = backtest(market, scripted({ 0: orders({ symbol: 'SV', quantity: 10 }), 1: orders({ symbol: 'SV', quantity: 10 }) }), { initialCash: 10_000 });
    expect(stored(result)[2]).toBe('order 2  2024-01-02  SV  +14 market gtc (explicit; +10 as decided, +14 after a 7:5 split on 2024-01-03) → filled on 2024-01-04');
    expect(result.caveats.find((c) => c.code === 'split')?.message).toContain('SV 7:5 split on 2024-01-03: 10 → 14 shares');
  });
});
