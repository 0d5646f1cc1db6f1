// A split the prices show twice — Close moves by a clean ratio and AdjClose/Close steps by it —
// where the vendor's split column (yfinance Stock Splits, Tiingo splitFactor) states nothing that
// day, or a ratio Close did not move by (probe r16c). Positions must go through a split: the
// prices' one where none is stated (a high caveat), the stated one where another is stated (the
// 'splitRatio' rule, a high caveat) — never "already in Close" while Close moved by a split.
// Hand values: buy decided 01-02, filled at the 01-03 open; cash in lieu at the ex-date's open.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { loadMarket } from '../../data/load.ts';
import { backtest } from '../../engine/backtest.ts';
import { orders, scripted } from '../engine/helpers.ts';
import { csv, loadOneSeries, tempDir, writeFile } from '../data/fixtures.ts';

const DATES = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
/** A bar per date: open, close, adjusted close (high/low = the larger/smaller of open and close). */
type Bar = readonly [open: number, close: number, adjClose: number];
/** RSX: a 1:10 reverse split on 01-05 (Close 2 → 20.40, the open 20.20), AdjClose continuous. */
const RSX: Bar[] = [[2, 2, 20], [2.02, 2.1, 21], [2, 2, 20], [20.2, 20.4, 20.4], [21.4, 21.4, 21.4]];
/** SPL: a 3:2 split on 01-05 (Close 60 → 41.60, the open 41.70; AdjClose/Close 2/3 → 1). */
const SPL: Bar[] = [[60, 60, 40], [60.3, 60, 40], [60, 60, 40], [41.7, 41.6, 41.6], [43, 43, 43]];

/** The vendors' layouts: a header and one row (event columns last: dividend, split ratio; `none` = the column's "no split"). */
const LAYOUTS = {
  yfinance: { header: 'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits', long: 'Date,Ticker', none: 0 },
  tiingo: { header: 'date,open,high,low,close,adjClose,volume,divCash,splitFactor', long: 'date,ticker', none: 1 },
} as const;
type Layout = keyof typeof LAYOUTS;

/** The file's text for `symbol`'s bars with `stated` in the split column on row `exRow` (per symbol, or long with a ticker column). */
function priceText(layout: Layout, long: boolean, symbol: string, bars: readonly Bar[], exRow: number, stated: number | 'none'): string {
  const { header, long: longHead, none } = LAYOUTS[layout];
  const rows = bars.map(([open, close, adj], k) => {
    const split = k === exRow && stated !== 'none' ? stated : none;
    const cells = [open, Math.max(open, close), Math.min(open, close), close, adj, 100_000, 0, split].join(',');
    return long ? `${DATES[k]},${symbol},${cells}` : `${DATES[k]},${cells}`;
  });
  return csv(long ? header.replace(/^\w+/, longHead) : header, ...rows);
}

async function runOn(layout: Layout, long: boolean, symbol: string, bars: readonly Bar[], stated: number | 'none', quantity: number) {
  const path = writeFile(tempDir(), long ? 'prices.csv' : `${symbol}.csv`, priceText(layout, long, symbol, bars, 3, stated));
  const market = await loadMarket(path, { cacheDir: false });
  const result = backtest(market, scripted({ 0: orders({ symbol, quantity }) }), { initialCash: 10_000 });
  const splits = Array.from(market.splits.value, (value, k) => [isoDay(market.dates[market.splits.session[k]]), value]);
  const high = result.caveats.filter((c) => c.severity === 'high').map((c) => c.message);
  return { splits, nav: result.daily.nav.at(-1)!, high, all: result.caveats.map((c) => c.message).join(' | ') };
}

const EVERY_LAYOUT = (Object.keys(LAYOUTS) as Layout[]).flatMap((layout) => [false, true].map((long) => [layout, long] as const));

/**
 * Per case: what the column states on 01-05, the split applied, the final NAV by hand and the high
 * caveat ({column}: the layout's split column). Buy 33 RSX at 2.02 (cash 9,933.34) or 13 SPL at
 * 60.30 (cash 9,216.10).
 */
const CASES = [
  // 33 → 3.3: 3 shares and 0.3 × 20.20 = 6.06 cash; 3 × 21.40 = 64.20 (was 33 × 21.40: no split applied).
  { name: 'RSX, none stated where Close and AdjClose step by 1:10: the prices\' 1:10', symbol: 'RSX', bars: RSX, stated: 'none', quantity: 33, split: 0.1, nav: 10_003.6, high: /1 split the {column} column does not state is applied: Close and AdjClose both step by it .*RSX 2024-01-05 \(1:10\)/ },
  // A forward 10:1 stated for the 1:10 reverse split both prices show points the other way (an inverted convention):
  // the prices' 1:10, as with none stated — 10,003.60, not 330 shares × 21.40 (16,995.34, a phantom ×10).
  { name: 'RSX, 10 (10:1) stated where the prices show 1:10, the other way: the prices\' 1:10', symbol: 'RSX', bars: RSX, stated: 10, quantity: 33, split: 0.1, nav: 10_003.6, high: /1 split the {column} column does not state is applied.*RSX 2024-01-05 \(1:10; the column states 10:1, the other way\)/ },
  // 13 × 3 = 39 shares × 43 = 1,677 (was 13 × 43, "already in Close").
  { name: 'SPL, 3 (3:1) stated where the prices show 3:2: the stated ratio', symbol: 'SPL', bars: SPL, stated: 3, quantity: 13, split: 3, nav: 10_893.1, high: /disagrees with the prices' split ratio .*SPL 2024-01-05 \(Close and AdjClose step by a 3:2 split, stated 3:1\)/ },
  // 13 → 19.5: 19 shares and 0.5 × 41.70 = 20.85 cash; 19 × 43 = 817.
  { name: 'SPL, none stated: the prices\' 3:2', symbol: 'SPL', bars: SPL, stated: 'none', quantity: 13, split: 1.5, nav: 10_053.95, high: /1 split the {column} column does not state is applied.*SPL 2024-01-05 \(3:2\)/ },
  { name: 'SPL, the 3:2 the prices show stated: applied, no caveat about it (unchanged)', symbol: 'SPL', bars: SPL, stated: 1.5, quantity: 13, split: 1.5, nav: 10_053.95, high: null },
] as const;

describe.each(EVERY_LAYOUT)('%s layout, long file %s', (layout, long) => {
  const column = layout === 'yfinance' ? 'Stock Splits' : 'splitFactor';
  it.each(CASES)('$name', async ({ symbol, bars, stated, quantity, split, nav, high }) => {
    const r = await runOn(layout, long, symbol, bars, stated, quantity);
    expect(r.splits).toEqual([['2024-01-05', split]]);
    expect(r.nav).toBeCloseTo(nav, 9);
    if (high === null) expect(r.all).not.toMatch(/does not state|disagree/);
    else expect(r.high.join(' | ')).toMatch(new RegExp(high.source.replace('{column}', column)));
    expect(r.all).not.toMatch(/already in Close/);
  });
});

describe('property: a split both Close and AdjClose show is never dropped, whatever the split column states that day', () => {
  const RATIOS = [0.1, 0.2, 0.25, 1 / 3, 0.5, 1.5, 2, 3, 4, 5, 10];
  it('the series splits on the ex-date: by the stated ratio when one is stated on the same side of 1, else by the prices\' ratio', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...RATIOS), fc.option(fc.constantFrom(...RATIOS), { nil: undefined }), fc.integer({ min: 3, max: 500 }), async (shown, stated, price) => {
        // Close `price` → price / shown on 01-05; AdjClose/Close steps from 1/shown to 1. From 3: at price 2 and a 2:1 split every
        // AdjClose prints as the whole number 1, which could be 0.5 … 1.5 (factorNoise.ts: print resolution), so the step 0.5 is
        // within the prints' rounding and the file cannot show the split (1 run in about 10 drew it).
        const closes = [price, price, price, price / shown, price / shown];
        const text = csv(LAYOUTS.yfinance.header, ...closes.map((c, k) => `${DATES[k]},${c},${c},${c},${c},${k < 3 ? c / shown : c},1000,0,${k === 3 ? (stated ?? 0) : 0}`));
        const s = await loadOneSeries('P.csv', ...text.trimEnd().split('\n'));
        const taken = stated === undefined || (stated - 1) * (shown - 1) < 0 ? shown : stated;
        expect(s.splits.map((e) => [isoDay(e.day), e.value])).toEqual([['2024-01-05', taken]]);
      }),
      { numRuns: 40 },
    );
  });
});
