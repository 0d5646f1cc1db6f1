// Splits at the edges of what the price files show, held through a run: a 1000:1 forward split
// (beyond the 100:1 the ratio table used to stop at) and a stated 2:1 split on a suspended day
// (Volume 0, stale Close) whose move shows on the next traded bar. Hand-computed NAVs.

import { describe, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { csv, load, tempDir, writeFile } from '../data/fixtures.ts';
import { expectColumn, orders, scripted } from '../engine/helpers.ts';

const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];

function buy(market: Market, symbol: string, quantity: number) {
  const decided = Array.from(market.dates, isoDay).indexOf('2024-01-02');
  return backtest(market, scripted({ [decided]: orders({ symbol, quantity }) }), { initialCash: 10_000 });
}

describe('splits at the edges, held through a run', () => {
  it('1000:1 (Close 5000 → 5.10, AdjClose flat): 2 shares become 2,000; NAV 10,200 then 10,400', async () => {
    const closes = [5000, 5000, 5000, 5.1, 5.2, 5];
    const dir = tempDir();
    writeFile(dir, 'FWD.csv', csv('Date,Close,Adj Close', ...DAYS.map((d, k) => `${d},${closes[k]},${k < 3 ? 5 : closes[k]}`)));
    const result = buy(await load(dir), 'FWD', 2);
    // 2 × 5000 filled at the 01-03 close (no Open column); then 2,000 shares × 5.10, × 5.20, × 5.00.
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_200, 10_400, 10_000]);
  });

  it('Stock Splits 2 on a suspended day: 100 shares become 200 on the next traded bar; NAV 10,000 then 200 × 50.5 = 10,100', async () => {
    const closes = [100, 100, 100, 100, 50.5, 50.5];
    const dir = tempDir();
    writeFile(dir, 'SUS.csv', csv('Date,Open,High,Low,Close,Volume,Stock Splits', ...DAYS.map((d, k) => `${d},${closes[k]},${closes[k]},${closes[k]},${closes[k]},${k === 3 ? 0 : 1000},${k === 3 ? 2 : 0}`)));
    const result = buy(await load(dir), 'SUS', 100);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_100, 10_100]);
  });
});
