// A 2:1 split while a limit order rests: the order's quantity doubles and its limit halves,
// the position doubles at half the mark (NAV unchanged), and the order fills later at the
// adjusted limit.

import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../../engine/execution/orders.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { deferralRows, expectColumn, fillRows, orders, scripted, MARGIN, scenario } from '../../helpers.ts';

describe('2:1 split with a resting limit order', () => {
  // t0: decide: buy 40 at market, and a GTC limit buy of 10 @ 90.
  // t1: open 100, low 95 → market fills 40 @ 100; limit not reached (95 > 90).
  // t2: ex-date of a 2:1 split. 80 shares; limit order → 20 @ 45. Low 48 > 45: not reached.
  // t3: open 46 > 45 but low 44 ≤ 45 → limit fills 20 @ 45.
  const market = fixtureMarket({
    symbols: ['A'],
    closes: [[100], [100], [50], [46], [46]],
    opens: [[100], [100], [50], [46], [46]],
    highs: [[100], [101], [51], [47], [46]],
    lows: [[100], [95], [48], [44], [46]],
    splits: [{ session: 2, symbol: 0, value: 2 }],
  });
  const seenOrders: OrderRequest[][] = [];
  const seenShares: number[] = [];
  const strategy = scripted({
    0: orders({ symbol: 'A', quantity: 40 }, { symbol: 'A', quantity: 10, type: 'limit', limit: 90, tif: 'gtc' }),
    1: (_v, book) => void (seenOrders[1] = book.openOrders()),
    2: (_v, book) => {
      seenOrders[2] = book.openOrders();
      seenShares[2] = book.shares(0);
    },
  });
  const result = scenario(market, strategy, { initialCash: 10_000 });

  it('scales the resting order: quantity × 2, limit ÷ 2', () => {
    expect(seenOrders[1]).toEqual([{ symbol: 'A', quantity: 10, type: 'limit', limit: 90, tif: 'gtc' }]);
    expect(seenOrders[2]).toEqual([{ symbol: 'A', quantity: 20, type: 'limit', limit: 45, tif: 'gtc' }]);
    expect(seenShares[2]).toBe(80);
  });

  it('fills the market order at t1 and the adjusted limit at t3', () => {
    expect(fillRows(result).map((f) => [f.session, f.quantity, f.price])).toEqual([
      [1, 40, 100],
      [3, 20, 45],
    ]);
    expect(deferralRows(result)).toEqual([
      { session: 1, symbol: 'A', reason: 'price-not-reached', remaining: 10 },
      { session: 2, symbol: 'A', reason: 'price-not-reached', remaining: 20 },
    ]);
  });

  it('keeps NAV unchanged across the split and books no P&L for it', () => {
    // cash: 10 000 − 40 × 100 = 6 000; t1 NAV 6 000 + 40 × 100 = 10 000;
    // t2 NAV 6 000 + 80 × 50 = 10 000; t3 cash 6 000 − 20 × 45 = 5 100, NAV 5 100 + 100 × 46 = 9 700.
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 9_700, 9_700]);
    expectColumn(result.daily.cash, [10_000, 6_000, 6_000, 5_100, 5_100]);
    // t2 P&L: mark 100/2 = 50 → close 50: 0. t3: 80 × (46 − 50) = −320 on the old shares, 20 × (46 − 45) = +20 on the new.
    expectColumn(result.daily.longPnl, [0, 0, 0, -300, 0]);
  });
});

describe('1:4 reverse split of a short position', () => {
  // Short 100 @ 10 (filled t1). t2: 1:4 reverse split (value 0.25): −25 shares, mark 40.
  const market = fixtureMarket({
    symbols: ['S'],
    closes: [[10], [10], [40], [44]],
    splits: [{ session: 2, symbol: 0, value: 0.25 }],
  });
  const result = scenario(market, { 0: orders({ symbol: 'S', quantity: -100 }) }, { account: MARGIN, initialCash: 1_000 });

  it('rescales the short and keeps NAV', () => {
    // cash 1 000 + 100 × 10 = 2 000. t2 NAV = 2 000 − 25 × 40 = 1 000. t3 NAV = 2 000 − 25 × 44 = 900.
    expectColumn(result.daily.nav, [1_000, 1_000, 1_000, 900]);
    expectColumn(result.daily.shortValue, [0, -1_000, -1_000, -1_100]);
    expectColumn(result.daily.shortPnl, [0, 0, 0, -100]);
  });
});

describe('a reverse split that leaves a resting order under one whole share', () => {
  it('cancels it with a split deferral holding the fraction (3 × 1/4 = 0.75 shares) and a caveat', () => {
    // t0: a limit buy of 3 @ 4 (close 5: never reached). t2: 1-for-4 (value 0.25): 3 → 0.75 → 0 whole shares.
    const m = fixtureMarket({ symbols: ['A'], closes: [[5], [5], [20], [20]], splits: [{ session: 2, symbol: 0, value: 0.25 }] });
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 3, type: 'limit', limit: 4 }) }, { initialCash: 10_000 });
    expect(deferralRows(result).filter((d) => d.reason === 'split')).toEqual([{ session: 2, symbol: 'A', reason: 'split', remaining: 0.75 }]);
    // 0.75 × 20 = 15 of NAV 10 000: 0.15 %, low.
    expect(result.caveats.find((c) => c.message.startsWith('1 order cancelled: a split'))).toMatchObject({ severity: 'low', size: 0.0015 });
  });
});
