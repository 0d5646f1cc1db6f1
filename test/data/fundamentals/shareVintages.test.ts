// SimFin's annual share counts put in the quarterly file's split units (data/fundamentals/shareVintages.ts),
// so that shares × the split-adjusted price is a market cap (probe r48a: NVDA a 13 B$ "small cap" in 2018,
// AVGO at 24.6 B$ on 2022-01-03, both held long by quality-long-short as small caps).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../data/dates.ts';
import { type ShareFiling, reconcileShareVintages, vintageRatio } from '../../../data/fundamentals/shareVintages.ts';
import { loadMarket } from '../../../data/load.ts';
import { symbolIndex } from '../../../data/market.ts';
import { backtest } from '../../../engine/backtest.ts';
import { scripted } from '../../engine/helpers.ts';
import { viewAt } from '../../strategies/views.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

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
    const done = reconcileShareVintages(f);
    expect(done.split).toEqual(new Map([[0, 10], [1, 5]]));
    expect([done.measured.size, done.unknown.size]).toEqual([0, 0]);
    expect(f.map((x) => x.values.sharesOutstanding)).toEqual([
      4_050e6, 4_020e6, 4_020e6, 855_877_885, 965_480_000, 988_325_000, 995_000_000, 995_000_000, 39_524_000, 40_454, 40_454_000, 40_463_000, 40_463_000, 237_693_000, 6_040_000, 282_661_000, 7e6,
    ]);
  });
});

describe('reconcileShareVintages where no year tells a split or the same units (probe r56b)', () => {
  it('two years measuring one ratio restate by it; two measuring different ratios leave the units unknown; one year, or a copy, leaves them', () => {
    // 0 (ARMK-like, a spin-off restated like a split): FY2020 251,828,000 beside Q4 350,798,340 (×1.39300); FY2021
    //   255,609,000 beside 354,018,465 (×1.38500): 0.58 % apart, within 3 % → every FY × 1.38500 (FY2017 244,453,000 →
    //   338,567,405 to 0.1 share).
    // 1 (XXII's counts): FY2020 138,813,000 beside Q4 12 (×8.645e-8); FY2021 156,208,000 beside 15 (×9.603e-8): 11.1 %
    //   apart → units unknown, FY2018 124,298,981 and both others dropped; Q4 counts kept.
    // 2 (RKLB-like): FY2020 and FY2021 both 469,768,797 beside Q4 209,895,135 both years (×0.4468): a copied row, one
    //   measurement → untouched. 3 (an IPO year): FY2021 10,000,000 beside Q4 28,000,000 (×2.8), alone → untouched.
    const f = [
      filing(0, 2017, 'FY', 244_453_000),
      filing(0, 2020, 'FY', 251_828_000),
      filing(0, 2020, 'Q4', 350_798_340),
      filing(0, 2021, 'FY', 255_609_000),
      filing(0, 2021, 'Q4', 354_018_465),
      filing(1, 2018, 'FY', 124_298_981),
      filing(1, 2020, 'FY', 138_813_000),
      filing(1, 2020, 'Q4', 12),
      filing(1, 2021, 'FY', 156_208_000),
      filing(1, 2021, 'Q4', 15),
      filing(2, 2020, 'FY', 469_768_797),
      filing(2, 2020, 'Q4', 209_895_135),
      filing(2, 2021, 'FY', 469_768_797),
      filing(2, 2021, 'Q4', 209_895_135),
      filing(3, 2021, 'FY', 10_000_000),
      filing(3, 2021, 'Q4', 28_000_000),
    ];
    const done = reconcileShareVintages(f);
    const armk = 354_018_465 / 255_609_000;
    expect(armk).toBeCloseTo(1.385, 3);
    expect(done.split.size).toBe(0);
    expect([...done.measured.keys()]).toEqual([0]);
    expect(done.measured.get(0)!.map((y) => y.fiscalYear)).toEqual([2021, 2020]);
    expect([...done.unknown.keys()]).toEqual([1]);
    expect(done.unknown.get(1)!.map((y) => [y.fiscalYear, y.ratio])).toEqual([
      [2021, 15 / 156_208_000],
      [2020, 12 / 138_813_000],
    ]);
    expect(f.map((x) => x.values.sharesOutstanding)).toEqual([
      expect.closeTo(338_567_405, 0),
      expect.closeTo(251_828_000 * armk, 6),
      350_798_340,
      expect.closeTo(354_018_465, 6),
      354_018_465,
      undefined,
      undefined,
      12,
      undefined,
      15,
      469_768_797,
      209_895_135,
      469_768_797,
      209_895_135,
      10_000_000,
      28_000_000,
    ]);
  });

  it('property: a symbol\'s annual counts are all scaled by one factor, all dropped, or all left; its quarterly counts never change', () => {
    const count = fc.integer({ min: 1, max: 10_000_000_000 });
    const year = fc.record({ annual: count, quarterly: count });
    fc.assert(
      fc.property(fc.array(year, { minLength: 0, maxLength: 3 }), fc.array(count, { minLength: 1, maxLength: 3 }), (both, annualOnly) => {
        const f = [
          ...both.flatMap((y, k) => [filing(0, 2021 - k, 'FY', y.annual), filing(0, 2021 - k, 'Q4', y.quarterly)]),
          ...annualOnly.map((n, k) => filing(0, 2017 - k, 'FY', n)),
        ];
        const before = f.map((x) => x.values.sharesOutstanding!);
        const done = reconcileShareVintages(f);
        const factors = new Set(f.flatMap((x, k) => (x.fiscalPeriod === 'FY' && x.values.sharesOutstanding !== undefined ? [Number((x.values.sharesOutstanding / before[k]).toPrecision(9))] : [])));
        const dropped = f.filter((x) => x.fiscalPeriod === 'FY' && x.values.sharesOutstanding === undefined).length;
        expect(dropped === 0 || factors.size === 0).toBe(true);
        expect(factors.size).toBeLessThanOrEqual(1);
        expect(dropped > 0).toBe(done.unknown.has(0));
        expect(f.filter((x) => x.fiscalPeriod === 'Q4').map((x) => x.values.sharesOutstanding)).toEqual(both.map((y) => y.quarterly));
      }),
    );
  });
});

describe('a SimFin folder whose annual file predates a 10:1 split', () => {
  const KEY = 'Ticker;SimFinId;Currency;Fiscal Year;Fiscal Period;Report Date;Publish Date;Restated Date';
  const BALANCE = `${KEY};Shares (Basic);Cash, Cash Equivalents & Short Term Investments;Total Assets;Short Term Debt;Long Term Debt;Total Liabilities;Total Equity`;
  const dir = tempDir();
  const days = ['2018-04-02', '2018-04-03', '2022-01-03', '2022-01-04'];
  // Prices adjusted for the 2024 10:1 split (as the shared data's AdjClose): 5.46 in 2018 is 54.6 as traded. Total assets
  // NVDA's (11,241 M FY2017, 28,791 M FY2021): the cap, 11.6× them, is one that can be true.
  writeFile(dir, 'universe/prices.csv', csv('Ticker,Date,AdjClose', ...days.map((d) => `BIG,${d},${d < '2020' ? 5.46 : 30}`)));
  writeFile(dir, 'etf/adjclose/SPY.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${300 + k}`)));
  writeFile(
    dir,
    'universe/simfin_us-balance-annual.csv',
    csv(BALANCE, 'BIG;1;USD;2017;Q4;2018-01-31;2018-02-28;2018-02-28;2396000000;1;11241000000;;;5;5', 'BIG;1;USD;2021;Q4;2022-01-31;2022-03-18;2022-03-18;2504000000;1;28791000000;;;5;5'),
  );
  writeFile(dir, 'universe/simfin_us-balance-quarterly.csv', csv(BALANCE, 'BIG;1;USD;2021;Q4;2022-01-31;2022-03-18;2022-03-18;25040000000;1;28791000000;;;5;5'));

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

describe("a SimFin folder with XXII's two vintages (probe r56b: 5.2e16 USD on 2019-06-03)", () => {
  const KEY = 'Ticker;SimFinId;Currency;Fiscal Year;Fiscal Period;Report Date;Publish Date;Restated Date';
  const BALANCE = `${KEY};Shares (Basic);Cash, Cash Equivalents & Short Term Investments;Total Assets;Short Term Debt;Long Term Debt;Total Liabilities;Total Equity`;
  const dir = tempDir();
  const days = ['2019-06-03', '2019-06-04', '2021-06-01'];
  // XXII's raw rows: annual FY2018 124,298,981 (total assets 77,302,136), FY2020 138,813,000, FY2021 156,208,000;
  // quarterly Q4 FY2020 12, Q4 FY2021 15 (whole shares after reverse splits of about 1:10⁷); AdjClose 420,292,800 on 2019-06-03.
  writeFile(dir, 'universe/prices.csv', csv('Ticker,Date,AdjClose', ...days.map((d) => `XXII,${d},420292800`)));
  writeFile(dir, 'etf/adjclose/SPY.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${300 + k}`)));
  writeFile(
    dir,
    'universe/simfin_us-balance-annual.csv',
    csv(
      BALANCE,
      'XXII;1;USD;2018;Q4;2018-12-31;2019-02-07;2019-02-07;124298981;1;77302136;;;5;5',
      'XXII;1;USD;2020;Q4;2020-12-31;2021-03-11;2021-03-11;138813000;1;51694;;;5;5',
      'XXII;1;USD;2021;Q4;2021-12-31;2022-03-01;2022-03-01;156208000;1;75954;;;5;5',
    ),
  );
  writeFile(
    dir,
    'universe/simfin_us-balance-quarterly.csv',
    csv(BALANCE, 'XXII;1;USD;2020;Q4;2020-12-31;2021-03-11;2021-03-11;12;1;51694000;;;5;5', 'XXII;1;USD;2021;Q4;2021-12-31;2022-03-01;2022-03-01;15;1;75954000;;;5;5'),
  );
  // 15 / 156,208,000 = 9.603e-8 and 12 / 138,813,000 = 8.645e-8: 11.1 % apart, no split's, not the same units.
  const note =
    'Shares (Basic) of 1 ticker left unknown (NaN) in the annual file, so its market cap is unknown while an annual filing is its newest: no year both files report shows a split or the same units, and its two latest measure different ratios (quarterly / annual): XXII FY2021 ×9.603e-8 (15 / 156,208,000), FY2020 ×8.645e-8 (12 / 138,813,000)';

  it('leaves the annual counts unknown: no cap on 2019-06-03 (was 124,298,981 × 420,292,800 = 5.2e16), and says so in the source notes', async () => {
    const market = await loadMarket(dir, { cacheDir: false });
    const view = viewAt(market, market.dates.indexOf(parseIsoDay('2019-06-03')));
    const xxii = symbolIndex(market, 'XXII');
    expect(view.sharesOutstanding()[xxii]).toBeNaN();
    expect(view.marketCap()[xxii]).toBeNaN();
    // The quarterly counts stand where they are the newest: Q4 FY2020's 12 on 2021-06-01 (published 2021-03-11).
    expect(viewAt(market, market.dates.indexOf(parseIsoDay('2021-06-01'))).sharesOutstanding()[xxii]).toBe(12);
    expect(market.sources.flatMap((s) => s.notes)).toContain(note);
  });

  it('a run that read market caps carries the note as a caveat', async () => {
    const market = await loadMarket(dir, { cacheDir: false });
    const run = backtest(market, scripted({ 0: (view) => ({ weights: { XXII: view.marketCap()[symbolIndex(market, 'XXII')] > 0 ? 1 : 0 } }) }), { initialCash: 10_000 });
    expect(run.caveats.filter((c) => c.message === `simfin_us-balance-annual.csv: ${note}`).map((c) => c.severity)).toEqual(['low']);
  });
});
