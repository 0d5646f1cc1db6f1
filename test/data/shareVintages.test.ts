// SimFin's annual share counts put in the quarterly file's split units (data/fundamentals/shareVintages.ts),
// so that shares × the split-adjusted price is a market cap (probe r48a: NVDA a 13 B$ "small cap" in 2018,
// AVGO at 24.6 B$ on 2022-01-03, both held long by quality-long-short as small caps).
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../data/dates.ts';
import { type ShareFiling, reconcileShareVintages, splitRatio } from '../../data/fundamentals/shareVintages.ts';
import { loadMarket } from '../../data/load.ts';
import { symbolIndex } from '../../data/market.ts';
import { viewAt } from '../strategies/views.ts';
import { csv, tempDir, writeFile } from './fixtures.ts';

const filing = (symbol: number, fiscalYear: number, fiscalPeriod: ShareFiling['fiscalPeriod'], shares: number): ShareFiling => ({ symbol, fiscalYear, fiscalPeriod, values: { sharesOutstanding: shares } });

describe('splitRatio', () => {
  it('a split is a ratio of at least 1.45 within 2 % of a whole number or a half, in its direction', () => {
    expect(splitRatio(4_020_000_000, 402_000_000)).toBe(10); // AVGO FY2021: the 2024 10:1
    expect(splitRatio(25_040_000_000, 2_504_000_000)).toBe(10); // NVDA FY2021
    expect(splitRatio(1_000_000, 10_150_000)).toBe(0.1); // a 1:10 reverse split, 1.5 % off by the weighted average
    expect(splitRatio(150, 100)).toBe(1.5); // 3:2
    expect(splitRatio(3_500, 100)).toBe(35);
    // Not splits: a weighted average's drift, an IPO year's partial average (ABNB 2020: 2.3), 2.07 (3.5 % off 2).
    expect([splitRatio(118, 100), splitRatio(230, 100), splitRatio(207, 100), splitRatio(0, 100), splitRatio(100, NaN)]).toEqual([null, null, null, null, null]);
  });
});

describe('reconcileShareVintages', () => {
  it('each FY count takes the ratio of the nearest year at or after it in both files, else the last before it', () => {
    // Symbol 0 (AVGO-like): FY2017 405 M and FY2021 402 M; Q4 2021 4,020 M → ×10 for both FY rows.
    // Symbol 1: FY2019 1,000 M (Q4 2019 100 M: a later 1:10 reverse split → 100 M), FY2020 50 M with Q4 2020 51 M
    //   (no split between the vintages: stays), FY2021 60 M with no Q4 (the last matched year, 2020: stays).
    const f = [
      filing(0, 2017, 'FY', 405e6),
      filing(0, 2021, 'FY', 402e6),
      filing(0, 2021, 'Q4', 4_020e6),
      filing(1, 2019, 'FY', 1_000e6),
      filing(1, 2019, 'Q4', 100e6),
      filing(1, 2020, 'FY', 50e6),
      filing(1, 2020, 'Q4', 51e6),
      filing(1, 2021, 'FY', 60e6),
      filing(2, 2020, 'FY', 7e6), // no quarterly count at all: nothing to tell the vintages by
    ];
    expect(reconcileShareVintages(f)).toEqual(new Set([0, 1]));
    expect(f.map((x) => x.values.sharesOutstanding)).toEqual([4_050e6, 4_020e6, 4_020e6, 100e6, 100e6, 50e6, 51e6, 60e6, 7e6]);
  });
});

describe('a SimFin folder whose annual file predates a 10:1 split', () => {
  const KEY = 'Ticker;SimFinId;Currency;Fiscal Year;Fiscal Period;Report Date;Publish Date;Restated Date';
  const BALANCE = `${KEY};Shares (Basic);Cash, Cash Equivalents & Short Term Investments;Total Assets;Short Term Debt;Long Term Debt;Total Liabilities;Total Equity`;
  const dir = tempDir();
  const days = ['2018-04-02', '2018-04-03', '2022-01-03', '2022-01-04'];
  // Prices adjusted for the 2024 10:1 split (as the shared data's AdjClose): 5.46 in 2018 is 54.6 as traded.
  writeFile(dir, 'universe/prices.csv', csv('Ticker,Date,AdjClose', ...days.map((d) => `BIG,${d},${d < '2020' ? 5.46 : 30}`)));
  writeFile(dir, 'etf/adjclose/SPY.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${300 + k}`)));
  writeFile(
    dir,
    'universe/simfin_us-balance-annual.csv',
    csv(BALANCE, 'BIG;1;USD;2017;Q4;2018-01-31;2018-02-28;2018-02-28;2396000000;1;10;;;5;5', 'BIG;1;USD;2021;Q4;2022-01-31;2022-03-18;2022-03-18;2504000000;1;10;;;5;5'),
  );
  writeFile(dir, 'universe/simfin_us-balance-quarterly.csv', csv(BALANCE, 'BIG;1;USD;2021;Q4;2022-01-31;2022-03-18;2022-03-18;25040000000;1;10;;;5;5'));

  it('sizes it in the prices\' units: 23,960,000,000 shares × 5.46 = 130.8 B$ on 2018-04-02, not 13.1 B$, and says so in the source notes', async () => {
    const market = await loadMarket(dir, { cacheDir: false });
    const t = market.dates.indexOf(parseIsoDay('2018-04-02'));
    const view = viewAt(market, t);
    const big = symbolIndex(market, 'BIG');
    expect(view.sharesOutstanding()[big]).toBe(23_960_000_000); // 2,396 M × 10
    expect(view.marketCap()[big]).toBeCloseTo(23_960_000_000 * 5.46, 0);
    const notes = market.sources.flatMap((s) => s.notes);
    expect(notes).toContain("Shares (Basic) of 1 ticker put in the quarterly file's share units: a fiscal year both files report differs by a split's ratio (the annual file predates a split the quarterly file and the split-adjusted prices include)");
  });
});
