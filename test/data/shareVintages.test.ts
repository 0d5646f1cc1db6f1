// SimFin's annual share counts put in the quarterly file's split units (data/fundamentals/shareVintages.ts),
// so that shares × the split-adjusted price is a market cap (probe r48a: NVDA a 13 B$ "small cap" in 2018,
// AVGO at 24.6 B$ on 2022-01-03, both held long by quality-long-short as small caps).
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../data/dates.ts';
import { type ShareFiling, reconcileShareVintages, vintageRatio } from '../../data/fundamentals/shareVintages.ts';
import { loadMarket } from '../../data/load.ts';
import { symbolIndex } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { scripted } from '../engine/helpers.ts';
import { viewAt } from '../strategies/views.ts';
import { csv, tempDir, writeFile } from './fixtures.ts';

const filing = (symbol: number, fiscalYear: number, fiscalPeriod: ShareFiling['fiscalPeriod'], shares: number): ShareFiling => ({ symbol, fiscalYear, fiscalPeriod, values: { sharesOutstanding: shares } });

describe('vintageRatio', () => {
  it("a real split's ratio within 3 %, in its direction; 'same' within 1.3× of 1; a typo or a drift tells nothing", () => {
    expect(vintageRatio(4_020_000_000, 402_000_000)).toBe(10); // AVGO FY2021: the 2024 10:1
    expect(vintageRatio(1_081_875_000, 73_817_000)).toBe(15); // ORLY FY2020: 14.66, 2.3 % off 15 (not the half 14.5)
    expect(vintageRatio(1_000_000, 10_150_000)).toBe(0.1); // a 1:10 reverse split, 1.5 % off by the weighted average
    expect(vintageRatio(150, 100)).toBe(1.5); // 3:2
    expect(vintageRatio(40_463_000, 40_454_000)).toBe('same');
    expect(vintageRatio(282_661_000, 237_693_000)).toBe('same'); // 1.19: a year of issuance
    // Tell nothing: PAHC FY2020's count in thousands (1000), DT FY2020 (46.8), an IPO year (2.3), XXII's quarterly
    // file in millions (8.6e-8), 2.07 (3.5 % off 2), and no count.
    expect([vintageRatio(40_454_000, 40_454), vintageRatio(282_661_000, 6_040_000), vintageRatio(230, 100), vintageRatio(12, 138_813_000), vintageRatio(207, 100), vintageRatio(0, 100), vintageRatio(100, NaN)]).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('reconcileShareVintages', () => {
  it('one ratio per symbol, from the latest year both files report that tells it; a typo year passed over', () => {
    // 0 (AVGO-like): FY2017 405 M, FY2021 402 M; Q4 2021 4,020 M → ×10 for both FY rows.
    // 1 (NOW-like): FY2017 171,175,577; FY2020 193,096,000 beside Q4 988,325,000 (5.118: drift); FY2021 199 M beside
    //   995 M (5.000) → ×5 for every FY row: 855,877,885; 965,480,000; 995,000,000.
    // 2 (PAHC-like): FY2017 39,524,000; FY2020 40,454 (typed in thousands) beside Q4 40,454,000; FY2021 40,463,000 beside
    //   Q4 40,463,000 → the latest year says 'same': nothing restated, FY2017 stays 39,524,000.
    // 3 (DT-like): FY2018 237,693,000; FY2020 6,040,000 beside Q4 282,661,000 (46.8: a typo), no other year → unchanged.
    // 4: no quarterly count at all → unchanged.
    const f = [
      filing(0, 2017, 'FY', 405e6),
      filing(0, 2021, 'FY', 402e6),
      filing(0, 2021, 'Q4', 4_020e6),
      filing(1, 2017, 'FY', 171_175_577),
      filing(1, 2020, 'FY', 193_096_000),
      filing(1, 2020, 'Q4', 988_325_000),
      filing(1, 2021, 'FY', 199_000_000),
      filing(1, 2021, 'Q4', 995_000_000),
      filing(2, 2017, 'FY', 39_524_000),
      filing(2, 2020, 'FY', 40_454),
      filing(2, 2020, 'Q4', 40_454_000),
      filing(2, 2021, 'FY', 40_463_000),
      filing(2, 2021, 'Q4', 40_463_000),
      filing(3, 2018, 'FY', 237_693_000),
      filing(3, 2020, 'FY', 6_040_000),
      filing(3, 2020, 'Q4', 282_661_000),
      filing(4, 2020, 'FY', 7e6),
    ];
    expect(reconcileShareVintages(f)).toEqual(new Set([0, 1]));
    expect(f.map((x) => x.values.sharesOutstanding)).toEqual([
      4_050e6, 4_020e6, 4_020e6, 855_877_885, 965_480_000, 988_325_000, 995_000_000, 995_000_000, 39_524_000, 40_454, 40_454_000, 40_463_000, 40_463_000, 237_693_000, 6_040_000, 282_661_000, 7e6,
    ]);
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
    expect(notes).toContain("Shares (Basic) of 1 ticker put in the quarterly file's share units: the latest fiscal year both files report differs by a split's ratio (the annual file predates a split the quarterly file and the split-adjusted prices include)");
  });

  it('a run that read market caps is told of the conversion in its caveats (low), one that read no fundamentals is not (probe r51a)', async () => {
    const market = await loadMarket(dir, { cacheDir: false });
    const note = "simfin_us-balance-annual.csv: Shares (Basic) of 1 ticker put in the quarterly file's share units: the latest fiscal year both files report differs by a split's ratio (the annual file predates a split the quarterly file and the split-adjusted prices include)";
    const sized = backtest(market, scripted({ 0: (view) => ({ weights: { BIG: view.marketCap()[symbolIndex(market, 'BIG')] > 0 ? 1 : 0 } }) }), { initialCash: 10_000 });
    expect(sized.caveats.filter((c) => c.message === note).map((c) => c.severity)).toEqual(['low']);
    const plain = backtest(market, scripted({ 0: { weights: { BIG: 1 } } }), { initialCash: 10_000 });
    expect(plain.caveats.some((c) => c.message === note)).toBe(false);
  });
});
