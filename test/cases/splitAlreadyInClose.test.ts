// yfinance's Close is split-adjusted in both auto_adjust modes, so a Stock Splits row is already in
// Close: with Adj Close (auto_adjust=False) AdjClose/Close does not step there, and without it
// (auto_adjust=True) Close is split-adjusted by definition. A price that really falls on the
// ex-date must not apply the split a second time (probe r27c: 3:2 with −20.8 %, NAV 14,100 for
// 9,400). A raw Close beside an Adj Close that steps by the ratio keeps the split (13,000), and so
// does a Close that moves by the ratio within its own daily range (a split Yahoo left unadjusted).
// Hand-computed NAVs: 10,000 cash, 200 shares at the 01-03 open of 50.

import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { csv, load, tempDir, writeFile } from '../data/fixtures.ts';
import { MARGIN, orders, scripted } from '../engine/helpers.ts';

const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10'];

/**
 * A yfinance file: Close 50, 51, 52, 53, then `exClose` on 01-08 (Stock Splits `ratio`) rising 1 a day;
 * `adj` adds Adj Close (auto_adjust=False), as given per row, else the auto_adjust=True layout.
 */
async function yfinance(ratio: number, exClose: number, adj?: (close: number, k: number) => number, closes?: readonly number[]): Promise<Market> {
  const close = closes ?? [50, 51, 52, 53, exClose, exClose + 1, exClose + 2];
  const header = adj ? 'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits' : 'Date,Open,High,Low,Close,Volume,Dividends,Stock Splits,Capital Gains';
  const lines = DAYS.map((d, k) => {
    const open = k === 0 ? close[0] : k === 4 ? close[4] + 1 : close[k - 1];
    const split = k === 4 ? ratio : 0;
    const bar = `${d} 00:00:00-05:00,${open},${Math.max(open, close[k]) + 0.5},${Math.min(open, close[k]) - 0.5},${close[k]}`;
    return adj ? `${bar},${adj(close[k], k)},1000000,0.0,${split}` : `${bar},1000000,0.0,${split},0.0`;
  });
  const dir = tempDir();
  writeFile(dir, 'AAA.csv', csv(header, ...lines));
  return load(dir);
}

function hold(m: Market, quantity: number) {
  const decided = Array.from(m.dates, isoDay).indexOf('2024-01-02');
  return backtest(m, scripted({ [decided]: orders({ symbol: 'AAA', quantity }) }), { initialCash: 10_000, account: MARGIN });
}

const same = (close: number) => close;

describe("a stated split already in yfinance's split-adjusted Close, where the price also falls on the ex-date", () => {
  it('auto_adjust=False, 3:2 and Close 53 → 42 (−20.8 %), Adj Close = Close: not applied; 200 × 44 = 8,800 (was 300 × 44)', async () => {
    const m = await yfinance(1.5, 42, same);
    expect(Array.from(m.splits.value)).toEqual([]);
    expect(m.sources[0].notes.join(' | ')).toMatch(/1 split of the Stock Splits column is already in Close, not applied again: AdjClose\/Close does not step there, as it would beside a Close that is not split-adjusted .*: AAA 2024-01-08 \(3:2; Close ×0\.7925\)/);
    expect(hold(m, 200).daily.nav.at(-1)).toBe(8_800);
  });

  it('the same short: −200 at 50 is 20,000 cash; 20,000 − 200 × 44 = 11,200 (was −300: 6,800)', async () => {
    expect(hold(await yfinance(1.5, 42, same), -200).daily.nav.at(-1)).toBe(11_200);
  });

  it('auto_adjust=True, 3:2 and the same prices: not applied; 8,800', async () => {
    const m = await yfinance(1.5, 42);
    expect(Array.from(m.splits.value)).toEqual([]);
    expect(m.sources[0].notes.join(' | ')).toMatch(/1 split of the Stock Splits column is already in Close, not applied again: yfinance's auto_adjust=True Close is split-adjusted, so any move of Close that day is a price move: AAA 2024-01-08 \(3:2; Close ×0\.7925\)/);
    expect(hold(m, 200).daily.nav.at(-1)).toBe(8_800);
  });

  it('2:1 and Close 53 → 30 (−43.4 %), both layouts: not applied; 200 × 32 = 6,400 (was 400 × 32 = 12,800)', async () => {
    for (const m of [await yfinance(2, 30, same), await yfinance(2, 30)]) {
      expect(Array.from(m.splits.value)).toEqual([]);
      expect(hold(m, 200).daily.nav.at(-1)).toBe(6_400);
    }
  });

  it('auto_adjust=True with no move at all: not applied, and said without a move; 200 × 55 = 11,000', async () => {
    const m = await yfinance(2, 53, undefined, [50, 51, 52, 53, 53, 54, 55]);
    expect(Array.from(m.splits.value)).toEqual([]);
    expect(m.sources[0].notes.join(' | ')).toMatch(/price move: AAA 2024-01-08 \(2:1\)/);
    expect(hold(m, 200).daily.nav.at(-1)).toBe(11_000);
  });

  it('control: a raw Close 53 → 30 beside an Adj Close that steps by 1/2 (halved before 01-08): the 2:1 is applied; 400 × 32 = 12,800', async () => {
    const m = await yfinance(2, 30, (close, k) => (k < 4 ? close / 2 : close));
    expect(Array.from(m.splits.value)).toEqual([2]);
    expect(m.sources[0].notes.join(' | ')).not.toMatch(/already in Close/);
    expect(hold(m, 200).daily.nav.at(-1)).toBe(12_800);
  });
});

describe('the same on a suspended ex-date (Volume 0, stale Close), the move on the next traded row', () => {
  /** Stock Splits 2 on 01-08 (no trade), Close 53 → 30 on 01-09, 31 on 01-10; Adj Close halved before 01-08 when `adjusted`, else = Close. */
  async function suspended(adjusted: boolean): Promise<Market> {
    const close = [50, 51, 52, 53, 53, 30, 31];
    const lines = DAYS.map((d, k) => `${d},${close[Math.max(0, k - 1)]},${Math.max(close[k], close[Math.max(0, k - 1)]) + 0.5},${Math.min(close[k], close[Math.max(0, k - 1)]) - 0.5},${close[k]},${adjusted && k < 4 ? close[k] / 2 : close[k]},${k === 4 ? 0 : 1_000_000},0.0,${k === 4 ? 2 : 0}`);
    const dir = tempDir();
    writeFile(dir, 'AAA.csv', csv('Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits', ...lines));
    return load(dir);
  }

  it('AdjClose/Close flat across 01-05 → 01-09: already in Close, not applied; 200 × 31 = 6,200 (was 400 × 31 = 12,400)', async () => {
    const m = await suspended(false);
    expect(Array.from(m.splits.value)).toEqual([]);
    expect(m.sources[0].notes.join(' | ')).toMatch(/AdjClose\/Close does not step there.*: AAA 2024-01-08 \(2:1; Close ×0\.566\)/);
    expect(m.sources[0].notes.join(' | ')).not.toMatch(/next traded row/);
    expect(hold(m, 200).daily.nav.at(-1)).toBe(6_200);
  });

  it('control: Adj Close halved before the split: applied on 01-09, the next traded row; 400 × 31 = 12,400', async () => {
    const m = await suspended(true);
    expect(Array.from(m.splits.value)).toEqual([2]);
    expect(isoDay(m.dates[m.splits.session[0]])).toBe('2024-01-09');
    expect(hold(m, 200).daily.nav.at(-1)).toBe(12_400);
  });
});

describe('a split Yahoo did not adjust its prices for: Close moves by the ratio within its daily range (probe r27d s15)', () => {
  it('auto_adjust=True, Stock Splits 0.1 where Close 2.2 → 23 (1:10 and +4.5 %, inside 3 × its ~4.8 % days): applied, and said; 37 → 3 shares + 0.7 × 21', async () => {
    const dir = tempDir();
    writeFile(dir, 'RVY.csv', csv('Date,Open,High,Low,Close,Volume,Dividends,Stock Splits', '2024-01-02,2,2,2,2,1000000,0,0', '2024-01-03,2,2.1,2,2.1,1000000,0,0', '2024-01-04,2.1,2.2,2,2.2,1000000,0,0', '2024-01-05,21,23,21,23,100000,0,0.1', '2024-01-08,23,23,22,22,100000,0,0'));
    const m = await load(dir);
    expect(Array.from(m.splits.value)).toEqual([0.1]);
    expect(m.sources[0].notes.join(' | ')).toMatch(/1 split of the Stock Splits column is applied although yfinance's auto_adjust=True Close is split-adjusted: Close moved by the ratio only within its wide daily range.*: RVY 2024-01-05 \(1:10: Close ×10\.45, ×1\.045 beyond the ratio; not applied, that is a 945\.45% price move, and a holding's shares and value from then on are ×10 of what applying it gives\)/);
    const decided = Array.from(m.dates, isoDay).indexOf('2024-01-02');
    const result = backtest(m, scripted({ [decided]: orders({ symbol: 'RVY', quantity: 37 }) }), { initialCash: 10_000 });
    // 37 at 2 → cash 9,926; 01-05: 3 shares + 0.7 × 21 = 14.70; 9,940.70 + 3 × 23, then + 3 × 22 (was 37 × 22: 10,740).
    expect(Array.from(result.daily.nav.slice(-2))).toEqual([10_009.7, 10_006.7]);
  });
});

describe("a Close of yfinance's auto_adjust=True layout that shows a stated split raw (probe r71a F3: its dividend was 'not paid again', silently)", () => {
  it('5:4 with 0.40 on 01-05 (Close 42 → 33.6): the split is applied, and the dividend taken as in Close is said at medium', async () => {
    const dir = tempDir();
    writeFile(dir, 'SP.csv', csv('Date,Open,High,Low,Close,Volume,Dividends,Stock Splits', '2024-01-02,40,40,40,40,100000,0,0', '2024-01-03,40,41,40,41,100000,0,0', '2024-01-04,42,42,42,42,100000,0,0', '2024-01-05,33.2,33.6,33.2,33.6,100000,0.4,1.25', '2024-01-08,34,34,34,34,100000,0,0'));
    const m = await load(dir);
    expect(Array.from(m.splits.value)).toEqual([1.25]);
    expect(m.sources[0].notes).toContain(
      "1 symbol of yfinance's auto_adjust=True layout has a stated split applied (Close moved by its ratio), so its Close is not auto_adjust=True's there, and the dividends the Dividends column states may not be in Close either: they are taken as in Close and not paid, so returns understate the total return if Close is the traded price (then name the columns Dividend and Split Ratio, or export with auto_adjust=False): SP (1 dividend not paid)",
    );
    const decided = Array.from(m.dates, isoDay).indexOf('2024-01-02');
    const result = backtest(m, scripted({ [decided]: orders({ symbol: 'SP', quantity: 10 }) }), { initialCash: 10_000 });
    expect(result.caveats.find((c) => /may not be in Close either/.test(c.message))?.severity).toBe('medium');
  });
});
