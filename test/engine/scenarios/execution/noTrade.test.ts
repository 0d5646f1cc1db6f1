// An order never fills against a bar with no trade (NaN close or zero volume): it rests with a
// 'no-trade' deferral and fills at the next session that trades.

import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../../fixtures.ts';
import { deferralRows, expectColumn, orders, trades, scenario } from '../../helpers.ts';

describe('an order resting through a no-trade day', () => {
  // A: no price at t1. B: priced at t1 but volume 0. Both trade again at t2 (opens 11 and 21).
  const market = fixtureMarket({
    symbols: ['A', 'B'],
    closes: [
      [10, 20],
      [NaN, 20],
      [12, 22],
      [12, 22],
    ],
    opens: [
      [10, 20],
      [NaN, 20],
      [11, 21],
      [12, 22],
    ],
    volumes: [
      [1e6, 1e6],
      [1e6, 0],
      [1e6, 1e6],
      [1e6, 1e6],
    ],
  });
  const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 10 }, { symbol: 'B', quantity: 10 }) }, {
    initialCash: 1_000,
  });

  it('defers both at t1 with reason no-trade', () => {
    expect(deferralRows(result)).toEqual([
      { session: 1, symbol: 'A', reason: 'no-trade', remaining: 10 },
      { session: 1, symbol: 'B', reason: 'no-trade', remaining: 10 },
    ]);
  });

  it('fills both at the next open', () => {
    expect(trades(result)).toEqual([
      [2, 'A', 10, 11],
      [2, 'B', 10, 21],
    ]);
    // cash 1 000 − 110 − 210 = 680; NAV t2 680 + 120 + 220 = 1 020.
    expectColumn(result.daily.nav, [1_000, 1_000, 1_020, 1_020]);
  });

  it('marks a held position at its last close on a day without a price', () => {
    // Buy 10 A at the t1 open (10); t2 has no price: NAV keeps the t1 mark; t3 marks at 15.
    const gap = fixtureMarket({ symbols: ['A'], closes: [[10], [10], [NaN], [15]] });
    const held = scenario(gap, { 0: orders({ symbol: 'A', quantity: 10 }) }, { initialCash: 1_000 });
    expectColumn(held.daily.nav, [1_000, 1_000, 1_000, 1_050]);
    expectColumn(held.daily.longValue, [0, 100, 100, 150]);
    expectColumn(held.daily.longPnl, [0, 0, 0, 50]);
  });
});
