// Cash dividends: holders of record at the previous close are paid on the ex-date session;
// a short pays the dividend on its own cost line.

import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../../fixtures.ts';
import { expectColumn, orders, trades, MARGIN, scenario } from '../../helpers.ts';

describe('cash dividend on a long and on a short', () => {
  // L: long 100 from the t1 open @ 50; ex-date t2, D = 1.00; close 50 → 49.
  // S: short 200 from the t1 open @ 20; ex-date t2, D = 0.25; close 20 → 19.6.
  // L also has a dividend with ex-date t1: the position is bought at t1's open, after the
  // record date (the previous close), so nothing is paid for it.
  const market = fixtureMarket({
    symbols: ['L', 'S'],
    closes: [
      [50, 20],
      [50, 20],
      [49, 19.6],
      [49, 19.6],
    ],
    dividends: [
      { session: 1, symbol: 0, value: 3 },
      { session: 2, symbol: 0, value: 1 },
      { session: 2, symbol: 1, value: 0.25 },
    ],
  });
  const result = scenario(market, { 0: orders({ symbol: 'L', quantity: 100 }, { symbol: 'S', quantity: -200 }) }, { account: MARGIN,
    initialCash: 100_000,
  });

  it('fills at t1 as expected', () => {
    expect(trades(result)).toEqual([
      [1, 'L', 100, 50],
      [1, 'S', -200, 20],
    ]);
  });

  it('pays the long and charges the short on the ex-date session only', () => {
    // dividends: t2 100 × 1.00 = 100; shortDividends: t2 200 × 0.25 = 50.
    expectColumn(result.daily.dividends, [0, 0, 100, 0]);
    expectColumn(result.daily.shortDividends, [0, 0, 50, 0]);
    expectColumn(result.incomeBySymbol, [100, 0]);
    expectColumn(result.costBySymbol, [0, 50]);
  });

  it('moves NAV by exactly the dividend lines plus price P&L', () => {
    // cash t1: 100 000 − 5 000 + 4 000 = 99 000; t2: 99 000 + 100 − 50 = 99 050.
    // NAV t1: 99 000 + 5 000 − 4 000 = 100 000.
    // NAV t2: 99 050 + 100 × 49 − 200 × 19.6 = 99 050 + 4 900 − 3 920 = 100 030.
    // ΔNAV t2 = long P&L (−100) + short P&L (+80) + dividends (100) − short dividends (50) = +30.
    expectColumn(result.daily.cash, [100_000, 99_000, 99_050, 99_050]);
    expectColumn(result.daily.nav, [100_000, 100_000, 100_030, 100_030]);
    expectColumn(result.daily.longPnl, [0, 0, -100, 0]);
    expectColumn(result.daily.shortPnl, [0, 0, 80, 0]);
  });
});
