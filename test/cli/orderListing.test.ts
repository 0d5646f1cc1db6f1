// The order listing of an order that rested across a split: in a whole-share run the engine rests
// what is left rounded toward zero (engine/orderBook.ts applySplit), so the listing shows the whole
// shares the book could trade and states the fraction the split left, never a fractional order
// "filled" by a whole-share fill.

import { describe, expect, it } from 'vitest';
import { orderLines, ordersWithFills } from '../../cli/orderListing.ts';
import type { EngineConfigInput } from '../../engine/config.ts';
import { backtest } from '../../engine/backtest.ts';
import { runMetrics } from '../../reports/runMetrics.ts';
import { getRun, openStore, type StoredRun, writeRun } from '../../reports/store/index.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { orders, scripted } from '../engine/helpers.ts';

/** FS at 30, then 20 from the 3:2 split on 2024-01-04 (session 3); a buy of 15 decided on 2024-01-03 rests across it. */
function listing(volumes: number[], config: EngineConfigInput, decidedOn = 2): string[] {
  const closes = [[30], [30], [30], [20], [20], [20]];
  const market = fixtureMarket({ symbols: ['FS'], closes, volumes: volumes.map((v) => [v]), splits: [{ session: 3, symbol: 0, value: 1.5 }] });
  const result = backtest(market, scripted({ [decidedOn]: orders({ symbol: 'FS', quantity: 15 }) }), { initialCash: 10_000, ...config });
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
      'order 1  2024-01-03  FS  +22.5000 market gtc (explicit; +15 as decided, before a 3:2 split on 2024-01-04) → filled on 2024-01-04',
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
