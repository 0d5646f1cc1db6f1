// reverse-split — whole shares survive corporate actions. RSPL trades at 2 until a 1-for-10
// reverse split on 2024-01-05 (Close 2 → 20, AdjClose flat at 20). Whole-share books stay whole:
// the fraction a split leaves is paid (or, for a short, charged) in cash at the ex-date's price,
// and resting orders are rounded toward zero.

import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { loadMarket } from '../../data/load.ts';
import { backtest } from '../../engine/backtest.ts';
import { FillReason } from '../../engine/result.ts';
import { expectColumn, MARGIN, orders, scripted } from '../engine/helpers.ts';
import { csv, tempDir, writeFile } from '../data/fixtures.ts';
import { caseMarket } from './helpers.ts';

const market = await caseMarket('reverse-split');
const session = (date: string): number => Array.from(market.dates, isoDay).indexOf(date);
const symbol = market.symbols.indexOf('RSPL');

function held(quantity: number, decided: string) {
  return backtest(market, scripted({ [session(decided)]: orders({ symbol: 'RSPL', quantity }) }), { initialCash: 10_000, account: MARGIN });
}

describe('reverse-split', () => {
  it('the data gives the split: 1 new share per 10 on 2024-01-05', () => {
    expect(Array.from(market.splits.value)).toEqual([0.1]);
    expect(isoDay(market.dates[market.splits.session[0]])).toBe('2024-01-05');
  });

  it('15 shares held through it become 1 share and $10 cash in lieu; NAV 10,000 every day', () => {
    const result = held(15, '2024-01-03');
    const f = result.fills;
    expect(Array.from(f.quantity)).toEqual([15, -0.5]);
    expect(Array.from(f.reason)).toEqual([FillReason.order, FillReason.splitCash]);
    expect(f.price[1]).toBe(20);
    expect(isoDay(market.dates[f.session[1]])).toBe('2024-01-05');
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
    // 10 000 − 15 × 2 = 9 970; + 0.5 × 20 = 9 980 with 1 share at 20.
    expectColumn(result.daily.cash, [10_000, 10_000, 9_970, 9_980, 9_980, 9_980]);
    expect(result.daily.longValue[3]).toBe(20);
    // Said in the run, not only in the fills: 10 of 10,000 is 0.1 % of NAV (low).
    expect(result.caveats.find((c) => c.code === 'split')).toMatchObject({ severity: 'low', message: '1 split applied to a held position: RSPL 1:10 reverse split on 2024-01-05: 15 → 1 share, 10.00 paid as cash in lieu' });
  });

  it('a short of 15 becomes −1 share and pays the $10 fraction in cash', () => {
    const result = held(-15, '2024-01-03');
    expect(Array.from(result.fills.quantity)).toEqual([-15, 0.5]);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
    expectColumn(result.daily.cash, [10_000, 10_000, 10_030, 10_020, 10_020, 10_020]);
    expect(result.daily.shortValue[3]).toBe(-20);
    expect(result.caveats.find((c) => c.code === 'split')?.message).toBe('1 split applied to a held position: RSPL 1:10 reverse split on 2024-01-05: -15 → -1 share, 10.00 charged as cash in lieu (a short)');
  });

  it('an order for 15 pre-split shares resting into the ex-date fills 1 whole share, never 1.5', () => {
    const result = held(15, '2024-01-04');
    expect(Array.from(result.fills.quantity)).toEqual([1]);
    expect(result.fills.price[0]).toBe(20);
    expect(result.fills.symbol[0]).toBe(symbol);
    // Nothing was held at the split: the order's rounding is not a split of a position.
    expect(result.caveats.some((c) => c.code === 'split')).toBe(false);
  });

  it('fractional-share books keep the fraction', () => {
    const result = backtest(market, scripted({ [session('2024-01-03')]: orders({ symbol: 'RSPL', quantity: 15 }) }), { initialCash: 10_000, shares: 'fractional' });
    expect(Array.from(result.fills.quantity)).toEqual([15]);
    expect(result.daily.longValue[5]).toBeCloseTo(30, 12);
  });
});

// The same kind on other inputs: splits whose price also moves a lot, ratios printed with float
// noise, a split and a dividend on one ex-date. Prices are flat around each event, so the
// right holdings and cash follow by hand.
describe('whole shares survive corporate actions: other inputs', () => {
  const folder = (name: string, text: string) => loadMarket(writeFile(tempDir(), name, text), { cacheDir: false });
  const rows = (header: string, lines: string[]) => csv(header, ...lines.map((l, k) => `${DATES[k]},${l}`));
  const DATES = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];
  const run = (market: Awaited<ReturnType<typeof folder>>, script: Record<string, ReturnType<typeof orders>>) => {
    const at = (date: string) => Array.from(market.dates, isoDay).indexOf(date);
    return backtest(market, scripted(Object.fromEntries(Object.entries(script).map(([d, o]) => [at(d), o]))), { initialCash: 10_000 });
  };

  it('a 1-for-10 reverse split on a day the stock also fell 40% is still a split: 100 shares become 10', async () => {
    // Close 2 → 12 (×6), AdjClose 20 → 12: the factor steps by exactly 10.
    const market = await folder('RD.csv', rows('Date,Open,High,Low,Close,AdjClose,Volume', ['2,2,2,2,20,1e6', '2,2,2,2,20,1e6', '2,2,2,2,20,1e6', '12,12,12,12,12,1e6', '12,12,12,12,12,1e6', '12,12,12,12,12,1e6']));
    expect(Array.from(market.splits.value)).toEqual([0.1]);
    expect(market.sources[0].notes.join(' ')).toMatch(/1 split applied on an ex-date where the price also moved more than ×1\.5 beyond the ratio .*RD 2024-01-05 \(×0\.60\)/);
    const result = run(market, { '2024-01-02': orders({ symbol: 'RD', quantity: 100 }) });
    // 10 000 − 100 × 2 = 9 800 cash; 10 shares at 12 = 120.
    expect(result.daily.nav.at(-1)).toBe(9_920);
    expect(result.daily.longValue.at(-1)).toBe(120);
  });

  it('a 1-for-10 reverse split whose ex-date is a suspended day (Close repeats, volume 0; AdjClose already steps) applies when the price moves: 100 shares become 10, NAV flat', async () => {
    // The vendor adjusts from the ex-date 01-05 (AdjClose = Close × 1 there: 2), the price first moves on 01-08.
    const market = await folder('RZ.csv', rows('Date,Open,High,Low,Close,AdjClose,Volume', ['2,2,2,2,20,1e6', '2,2,2,2,20,1e6', '2,2,2,2,20,1e6', '2,2,2,2,2,0', '20,20,20,20,20,1e6', '20,20,20,20,20,1e6']));
    expect(Array.from(market.splits.value)).toEqual([0.1]);
    expect(isoDay(market.dates[market.splits.session[0]])).toBe('2024-01-08');
    const result = run(market, { '2024-01-02': orders({ symbol: 'RZ', quantity: 100 }) });
    // 10 000 − 100 × 2 = 9 800 cash; 10 shares at 20 = 200 (was 100 shares at 20: a phantom ×10 gain).
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
    expect(result.daily.longValue.at(-1)).toBe(200);
  });

  it('fractional shares: a suspended sale of the whole position, resting across a 1:5 reverse split, still funds the buy decided with it', async () => {
    // AAA: 20 until 01-05, 100 from 01-08 (1:5), no volume on 01-05 and 01-08. BBB 50, closing 55 on 01-10.
    const dir = tempDir();
    const day = (k: number) => DATES.concat('2024-01-10')[k];
    writeFile(dir, 'AAA.csv', csv('Date,Open,High,Low,Close,AdjClose,Volume', ...[20, 20, 20, 20, 100, 100, 100].map((p, k) => `${day(k)},${p},${p},${p},${p},100,${k === 3 || k === 4 ? 0 : 50_000}`)));
    writeFile(dir, 'BBB.csv', csv('Date,Open,High,Low,Close,AdjClose,Volume', ...[50, 50, 50, 50, 50, 50, 55].map((p, k) => `${day(k)},50,${p},50,${p},${p},50000`)));
    const market = await loadMarket(dir, { cacheDir: false });
    const at = (date: string) => Array.from(market.dates, isoDay).indexOf(date);
    const result = backtest(market, scripted({ [at('2024-01-02')]: { weights: { AAA: 1 } }, [at('2024-01-04')]: { weights: { BBB: 1 } } }), { initialCash: 10_060, shares: 'fractional' });
    // 503 AAA at 20 on 01-03; the sale rests through 01-05 and the split (503 → 100.6, the order −503 → −100.6) until 01-09,
    // when it sells 100.6 × 100 = 10,060 and buys 10,060 / 50 = 201.2 BBB. NAV on 01-10: 201.2 × 55 = 11,066 (was 10,060 in cash, the buy rejected).
    expect(Array.from(result.fills.quantity)).toEqual([503, -100.6, 201.2]);
    expect(result.daily.nav.at(-1)).toBeCloseTo(11_066, 9);
    expect(result.daily.longCount.at(-1)).toBe(1);
  });

  it('a limit price resting across a 1:5 reverse split is the decimal it becomes: a buy at 3.80 fills at 19 on the bar whose low is 19', async () => {
    const market = await folder('RSL.csv', rows('Date,Open,High,Low,Close,AdjClose,Volume', ['4,4,4,4,20,1e5', '4,4.1,3.95,4,20,1e5', '4,4.1,3.95,4,20,1e5', '20,20.5,19.8,20,20,1e5', '20,20,19,19.5,19.5,1e5', '19,19.5,18.5,19,19,1e5']));
    const result = run(market, { '2024-01-03': orders({ symbol: 'RSL', quantity: 1000, type: 'limit', limit: 3.8 }) });
    // 1,000 at 3.80 becomes 200 at 19 from 01-05; 01-08's low is 19: filled there at 19 (was 01-09 at 18.999999999999996).
    expect(Array.from(result.fills.session, (s) => isoDay(market.dates[s]))).toEqual(['2024-01-08']);
    expect([result.fills.quantity[0], result.fills.price[0]]).toEqual([200, 19]);
  });

  it('the same split from a split column of 0.1 beside a raw Close (no Dividends column: not yfinance\'s auto_adjust=True layout), with the same price move', async () => {
    const market = await folder('RD.csv', rows('Date,Open,High,Low,Close,Volume,Stock Splits', ['2,2,2,2,1e6,0', '2,2,2,2,1e6,0', '2,2,2,2,1e6,0', '12,12,12,12,1e6,0.1', '12,12,12,12,1e6,0', '12,12,12,12,1e6,0']));
    expect(Array.from(market.splits.value)).toEqual([0.1]);
    expect(run(market, { '2024-01-02': orders({ symbol: 'RD', quantity: 100 }) }).daily.nav.at(-1)).toBe(9_920);
  });

  it("in yfinance's auto_adjust=True layout (Dividends and Stock Splits, no Adj Close) the same 0.1 is not applied: that Close is split-adjusted, so ×6 is a price move; NAV 9,800 + 100 × 12 = 11,000", async () => {
    const market = await folder('RY.csv', rows('Date,Open,High,Low,Close,Volume,Dividends,Stock Splits', ['2,2,2,2,1e6,0,0', '2,2,2,2,1e6,0,0', '2,2,2,2,1e6,0,0', '12,12,12,12,1e6,0,0.1', '12,12,12,12,1e6,0,0', '12,12,12,12,1e6,0,0']));
    expect(Array.from(market.splits.value)).toEqual([]);
    expect(market.sources[0].notes.join(' | ')).toMatch(/1 split of the Stock Splits column is already in Close, not applied again: yfinance's auto_adjust=True Close is split-adjusted, so any move of Close that day is a price move: RY 2024-01-05 \(1:10; Close ×6\)/);
    expect(run(market, { '2024-01-02': orders({ symbol: 'RY', quantity: 100 }) }).daily.nav.at(-1)).toBe(11_000);
  });

  it('a ratio printed as 0.333333 is 1:3: 30 shares become exactly 10, with no cash in lieu', async () => {
    const market = await folder('RS.csv', rows('Date,Open,High,Low,Close,Volume,Dividends,Stock Splits', ['10,10,10,10,1e5,0,0', '10,10,10,10,1e5,0,0', '10,10,10,10,1e5,0,0', '30,30,30,30,1e5,0,0.333333', '30,30,30,30,1e5,0,0', '30,30,30,30,1e5,0,0']));
    expect(Array.from(market.splits.value)).toEqual([1 / 3]);
    const result = run(market, { '2024-01-02': orders({ symbol: 'RS', quantity: 30 }) });
    expect(Array.from(result.fills.reason)).toEqual([FillReason.order]);
    expect(result.daily.longValue.at(-1)).toBe(300);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('a ratio printed as 1.333333 is 4:3: 30 shares become 40, and 3 resting shares become 4', async () => {
    const market = await folder('FQ.csv', rows('Date,Open,High,Low,Close,Volume,Dividends,Stock Splits', ['40,40,40,40,1e5,0,0', '40,40,40,40,1e5,0,0', '40,40,40,40,1e5,0,0', '30,30,30,30,1e5,0,1.333333', '30,30,30,30,1e5,0,0', '30,30,30,30,1e5,0,0']));
    expect(Array.from(market.splits.value)).toEqual([4 / 3]);
    const result = run(market, { '2024-01-02': orders({ symbol: 'FQ', quantity: 30 }), '2024-01-04': orders({ symbol: 'FQ', quantity: 3 }) });
    // The order for 3 decided 01-04 fills on the ex-date as 3 × 4/3 = 4 shares at 30.
    expect(Array.from(result.fills.quantity)).toEqual([30, 4]);
    expect(result.daily.longValue.at(-1)).toBe(44 * 30);
    expect(result.daily.nav.at(-1)).toBe(10_000);
  });

  it('a 3:2 split with a $0.20 dividend on the same ex-date: 150 shares and $30, not a 34% dividend', async () => {
    // Close 30 → 19.8 and AdjClose flat at 19.8: factor step 19.8/30 = (1/1.5) × (1 − 0.2/20).
    const market = await folder('TSD.csv', rows('Date,Open,High,Low,Close,AdjClose,Volume', ['30,30,30,30,19.8,1e5', '30,30,30,30,19.8,1e5', '30,30,30,30,19.8,1e5', '19.8,19.8,19.8,19.8,19.8,1e5', '19.8,19.8,19.8,19.8,19.8,1e5', '19.8,19.8,19.8,19.8,19.8,1e5']));
    expect(Array.from(market.splits.value)).toEqual([1.5]);
    const result = run(market, { '2024-01-02': orders({ symbol: 'TSD', quantity: 100 }) });
    expect(result.daily.longValue.at(-1)).toBeCloseTo(150 * 19.8, 9);
    expect(result.daily.dividends.reduce((a, b) => a + b, 0)).toBeCloseTo(150 * 0.2, 9);
    expect(result.daily.nav.at(-1)).toBeCloseTo(10_000, 9);
  });
});
