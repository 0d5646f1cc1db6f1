// A split with a dividend of more than 2 % on its ex-date, held through a run (probe r27d s20, s22):
// Close moves by exactly the split ratio, and AdjClose/Close steps by (1/q)(1 − D / (P/q)), the
// Yahoo way. It was read as one distribution of 34.9 % / 51.25 %, and the shares never split.
// Hand-computed NAVs: 1,000 cash, 33 shares bought at the 01-03 open of 30, cash 10.

import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { csv, load, tempDir, writeFile } from '../data/fixtures.ts';
import { expectColumn, MARGIN, orders, scripted } from '../engine/helpers.ts';

const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];

/** A Close/AdjClose file: `bars` as [open, close] per day; the split q and cash D (post-split, a share) on row 3. */
async function market(symbol: string, bars: readonly (readonly [number, number])[], q: number, cash: number): Promise<Market> {
  const g = (1 / q) * (1 - cash / (bars[2][1] / q));
  const dir = tempDir();
  writeFile(dir, `${symbol}.csv`, csv('Date,Open,High,Low,Close,AdjClose,Volume', ...DAYS.map((d, k) => {
    const [open, close] = bars[k];
    return `${d},${open},${Math.max(open, close)},${Math.min(open, close)},${close},${k < 3 ? close * g : close},1000000`;
  })));
  return load(dir);
}

function hold(m: Market, symbol: string, quantity: number) {
  const decided = Array.from(m.dates, isoDay).indexOf('2024-01-02');
  return backtest(m, scripted({ [decided]: orders({ symbol, quantity }) }), { initialCash: 1_000, account: MARGIN });
}

const SDA: readonly (readonly [number, number])[] = [[30, 30], [30, 31], [31, 32], [21, 22], [22, 21], [21, 23]];

describe('a split with a same-day dividend above 2 %', () => {
  it('3:2 and 0.50 (2.34 % of 21.33): 33 → 49.5 shares paid 49.5 × 0.50 = 24.75, then 49 kept and 10.50 cash in lieu; NAV 1,123.25, 1,074.25, 1,172.25', async () => {
    const m = await market('SDA', SDA, 1.5, 0.5);
    expect(Array.from(m.splits.value)).toEqual([1.5]);
    const result = hold(m, 'SDA', 33);
    // 01-05: 10 + 0.5 × 21 (the fraction at the open) + 24.75 + 49 × 22 = 1,123.25; then 45.25 + 49 × 21, 45.25 + 49 × 23.
    expectColumn(result.daily.nav, [1_000, 1_033, 1_066, 1_123.25, 1_074.25, 1_172.25], 1e-9);
    expectColumn(result.daily.dividends, [0, 0, 0, 24.75, 0, 0], 1e-9);
  });

  it('the short: −33 → −49.5, charged 49.5 × 0.50 = 24.75, then −49 and 10.50; NAV 1,990 − 35.25 − 49 × 23 = 827.75 at the end', async () => {
    const result = hold(await market('SDA', SDA, 1.5, 0.5), 'SDA', -33);
    // Cash 1,000 + 33 × 30 = 1,990; 01-05: 1,990 − 10.50 − 24.75 = 1,954.75; NAV 1,954.75 − 49 × 22, × 21, × 23.
    expectColumn(result.daily.nav, [1_000, 967, 934, 876.75, 925.75, 827.75], 1e-9);
    expectColumn(result.daily.shortDividends, [0, 0, 0, 24.75, 0, 0], 1e-9);
  });

  it('2:1 and 0.40 (2.5 % of 16): 33 → 66 shares, 66 × 0.40 = 26.40; NAV 1,092.40 then 1,125.40', async () => {
    const m = await market('SDC', [[30, 30], [30, 31], [31, 32], [15.6, 16], [16, 15.5], [15.5, 16.5]], 2, 0.4);
    const result = hold(m, 'SDC', 33);
    // 10 + 26.40 + 66 × 16 = 1,092.40; 36.40 + 66 × 15.5 = 1,059.40; 36.40 + 66 × 16.5 = 1,125.40.
    expectColumn(result.daily.nav, [1_000, 1_033, 1_066, 1_092.4, 1_059.4, 1_125.4], 1e-9);
  });

  it('1:4 reverse and 0.60 (3 % of 20): 33 → 8.25 shares paid 8.25 × 0.60 = 4.95, then 8 kept and 0.25 × 19.4 cash in lieu; NAV flat at 1,000 through it', async () => {
    const m = await market('RVD', [[5, 5], [5, 5], [5, 5], [19.4, 19.4], [19.5, 19.5], [20, 20]], 0.25, 0.6);
    expect(Array.from(m.splits.value)).toEqual([0.25]);
    const result = hold(m, 'RVD', 33);
    // Bought 33 at 5: cash 835. 01-05: 835 + 4.85 + 4.95 + 8 × 19.4 = 1,000 (4 × 5 = 19.4 + 0.6: the
    // holder loses nothing); then 844.80 + 8 × 19.5, + 8 × 20.
    expectColumn(result.daily.nav, [1_000, 1_000, 1_000, 1_000, 1_000.8, 1_004.8], 1e-9);
  });
});

// A zipline csvdir file states the split (new shares per old) and the dividend (cash per new share)
// on one row (probe r65a F1): 30 flat, then 19.5 on 2024-01-05 with split 1.5 and dividend 0.5.
// 15 shares are 22.5 new ones, each worth 19.5 + 0.5 = 20: 22.5 × 20 = 450 = 15 × 30, so NAV stays
// 10,000. The dividend is paid on the whole entitlement, 22.5 × 0.5 = 11.25 (not 22 × 0.5 = 11,
// which lost 0.25), and the 0.5 left over is paid at the ex-date's price, 0.5 × 19.5 = 9.75.
describe('a split and a dividend on one ex-date (zipline layout)', () => {
  async function splitDividend(): Promise<Market> {
    const dir = tempDir();
    writeFile(dir, 'SPLT.csv', csv('date,open,high,low,close,volume,dividend,split', ...DAYS.map((d, k) => {
      const p = k < 3 ? 30 : 19.5;
      return `${d},${p},${p},${p},${p},100000,${k === 3 ? 0.5 : 0},${k === 3 ? 1.5 : 1}`;
    })));
    return load(dir);
  }

  it('long 15: 22 shares kept, dividends 11.25, cash in lieu 9.75; NAV 10,000 every session', async () => {
    const m = await splitDividend();
    const decided = Array.from(m.dates, isoDay).indexOf('2024-01-02');
    const result = backtest(m, scripted({ [decided]: orders({ symbol: 'SPLT', quantity: 15 }) }), { initialCash: 10_000, account: MARGIN });
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000], 1e-9);
    expectColumn(result.daily.dividends, [0, 0, 0, 11.25, 0, 0], 1e-12);
    // 10,000 − 450 + 11.25 + 9.75 = 9,571; 22 × 19.5 = 429.
    expectColumn(result.daily.cash, [10_000, 9_550, 9_550, 9_571, 9_571, 9_571], 1e-9);
    expectColumn(result.daily.longValue, [0, 450, 450, 429, 429, 429], 1e-9);
  });

  it('short 15: −22 shares, charged 11.25 of dividends and 9.75 to buy back the half share; NAV 10,000 every session', async () => {
    const m = await splitDividend();
    const decided = Array.from(m.dates, isoDay).indexOf('2024-01-02');
    const result = backtest(m, scripted({ [decided]: orders({ symbol: 'SPLT', quantity: -15 }) }), { initialCash: 10_000, account: MARGIN });
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000], 1e-9);
    expectColumn(result.daily.shortDividends, [0, 0, 0, 11.25, 0, 0], 1e-12);
    expectColumn(result.daily.cash, [10_000, 10_450, 10_450, 10_429, 10_429, 10_429], 1e-9);
    expectColumn(result.daily.shortValue, [0, -450, -450, -429, -429, -429], 1e-9);
  });
});
