import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../data/dates.ts';
import { UserError } from '../../data/errors.ts';
import { inspectMarket } from '../../data/inspect.ts';
import { loadMarket } from '../../data/load.ts';
import { AssetClass, PriceKind, symbolIndex, type Market } from '../../data/market.ts';
import { rateAsOf } from '../../data/rates.ts';
import { generateSampleMarket } from '../../data/sample.ts';
import { writeSampleCsv } from '../../data/sample/csv.ts';
import { csv, explainSkip, hasData, sharedData, tempDir, writeFile } from './fixtures.ts';

explainSkip('loading the whole shared data folder');

const KEY = 'Ticker;SimFinId;Currency;Fiscal Year;Fiscal Period;Report Date;Publish Date;Restated Date';
const BALANCE = `${KEY};Shares (Basic);Cash, Cash Equivalents & Short Term Investments;Total Assets;Short Term Debt;Long Term Debt;Total Liabilities;Total Equity`;
const CASHFLOW = `${KEY};Net Cash from Operating Activities;Change in Fixed Assets & Intangibles`;
const INCOME = `${KEY};Revenue;Gross Profit;Operating Income (Loss);Interest Expense, Net;Net Income`;

/** A small data folder in the shared-data layout: two funds, three stocks, a rate, SimFin, delistings. */
function smallDataFolder(): string {
  const dir = tempDir();
  const days = ['2019-12-31', '2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07'];
  writeFile(dir, 'etf/adjclose/SPY.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${300 + k}`)));
  writeFile(dir, 'etf/adjclose/IWM.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${150 + k}`)));
  writeFile(
    dir,
    'universe/prices.csv.gz',
    csv(
      'Ticker,Date,Close,AdjClose,Volume',
      'AAA,2020-01-02,10,9.9,100',
      'AAA,2020-01-03,10,9.9,0',
      'AAA,2020-01-06,9.9,9.9,100', // ex-dividend 0.1 (factor 0.99)
      'AAA,2020-01-07,10,10,100',
      'BBB,2020-01-02,40,20,5', // 2:1 split on 01-03
      'BBB,2020-01-03,20.2,20.2,5',
      'BBB,2020-01-06,20.4,20.4,5',
      'BBB,2020-01-07,20.6,20.6,5',
      'CCC,2020-01-02,5,5,7', // delisted after 01-03
      'CCC,2020-01-03,4,4,7',
    ),
  );
  writeFile(dir, 'rates/DTB3_daily.csv', csv('observation_date,DTB3', '2020-01-01,', '2020-01-02,1.5', '2020-01-03,', '2020-01-06,1.6'));
  writeFile(dir, 'universe/delistings.csv', csv('Ticker,LastDate,DelistReturn,Reason', 'CCC,2020-01-03,-0.4,bankruptcy'));
  writeFile(dir, 'universe/simfin_us-companies.csv', csv('Ticker;SimFinId;Company Name;IndustryId', 'AAA;1;Aaa Inc;100001', 'BBB;2;Bbb Inc;999999'));
  writeFile(dir, 'universe/simfin_industries.csv', 'IndustryId;Industry;Sector\r\n100001;Industrial Products;Industrials\r\n');
  // A fiscal year ending in November: published 34 and 37 days after the period end (a date under 10 days after it would be moved to 45 days).
  writeFile(dir, 'universe/simfin_us-balance-quarterly.csv.gz', csv(BALANCE, 'AAA;1;USD;2019;Q4;2019-11-30;2020-01-06;2020-01-06;1000;5;50;;10;30;20'));
  writeFile(dir, 'universe/simfin_us-cashflow-quarterly.csv.gz', csv(CASHFLOW, 'AAA;1;USD;2019;Q4;2019-11-30;2020-01-03;2020-01-03;7;-2'));
  writeFile(dir, 'universe/simfin_us-income-quarterly.csv.gz', csv(INCOME, 'AAA;1;USD;2019;Q4;2019-11-30;2020-01-03;2020-01-03;100;40;12;-1;8'));
  return dir;
}

const closeOf = (m: Market, symbol: string, iso: string): number => m.close[m.dates.indexOf(parseIsoDay(iso)) * m.symbols.length + symbolIndex(m, symbol)];

describe('loadMarket on a data folder', () => {
  it('finds funds, stocks, rates, statements, labels and delistings by layout', async () => {
    const market = await loadMarket(smallDataFolder(), { cacheDir: false });
    expect(market.symbols).toEqual(['AAA', 'BBB', 'CCC', 'IWM', 'SPY']);
    expect(market.dates[0]).toBe(parseIsoDay('2019-12-31')); // the funds' first date: nothing is cut to the stocks' start
    expect(Array.from(market.assetClass)).toEqual([AssetClass.stock, AssetClass.stock, AssetClass.stock, AssetClass.fund, AssetClass.fund]);
    expect(Array.from(market.priceKind)).toEqual([PriceKind.raw, PriceKind.raw, PriceKind.raw, PriceKind.totalReturn, PriceKind.totalReturn]);
    expect(market.roles).toEqual({ smallCap: 'IWM', largeCap: 'SPY' });
    expect(market.synthetic).toBe(false);

    expect(Array.from(market.dividends.value)).toHaveLength(1);
    expect(market.dividends.value[0]).toBeCloseTo(0.1, 10);
    expect(Array.from(market.splits.value)).toEqual([2]);
    expect(closeOf(market, 'BBB', '2020-01-02')).toBe(40);
    expect(market.volume[2 * 5 + symbolIndex(market, 'AAA')]).toBe(0); // 2020-01-03, session 2
    expect(Number.isNaN(market.volume[symbolIndex(market, 'SPY')])).toBe(true);

    const ccc = symbolIndex(market, 'CCC');
    expect(market.delistedAfter[ccc]).toBe(2); // 2020-01-03
    expect(market.delistReturn[ccc]).toBe(-0.4);
    expect(market.sector).toEqual(['Industrials', '', '', '', '']);
    expect(market.industry[0]).toBe('Industrial Products');

    const aaa = symbolIndex(market, 'AAA');
    expect(market.fundamentals.asOf('totalAssets', parseIsoDay('2020-01-03'))[aaa]).toBeNaN(); // balance sheet out 01-06
    expect(market.fundamentals.asOf('totalAssets', parseIsoDay('2020-01-06'))[aaa]).toBe(50);
    expect(market.fundamentals.asOf('totalDebt', parseIsoDay('2020-01-06'))[aaa]).toBe(10);

    expect(Object.keys(market.rates)).toEqual(['tbill3m']);
    expect(rateAsOf(market.rates.tbill3m, parseIsoDay('2020-01-03'))).toBe(0.015);
    expect(market.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('from, to, symbols and roles options', async () => {
    const dir = smallDataFolder();
    const market = await loadMarket(dir, { cacheDir: false, from: '2020-01-03', to: '2020-01-06', symbols: ['AAA', 'IWM'], roles: { largeCap: 'AAA' } });
    expect(market.symbols).toEqual(['AAA', 'IWM']);
    expect(market.dates.length).toBe(2);
    expect(market.roles).toEqual({ smallCap: 'IWM', largeCap: 'AAA' });
    const early = await loadMarket(dir, { cacheDir: false, from: '2019-01-01' });
    expect(early.dates[0]).toBe(parseIsoDay('2019-12-31'));
    expect(early.fingerprint).not.toBe(market.fingerprint);
    // The period asked travels with the market, so a run on it states a start later than asked (probe r36a).
    expect([market.requested, early.requested]).toEqual([{ from: '2020-01-03', to: '2020-01-06' }, { from: '2019-01-01' }]);
    expect((await loadMarket(dir, { cacheDir: false })).requested).toBeUndefined();
  });

  it('an empty symbols list is refused as such, not blamed on from/to (probe r54a)', async () => {
    const dir = smallDataFolder();
    // No from/to was given: the one cause is the empty list.
    const refusal = loadMarket(dir, { cacheDir: false, symbols: [] });
    await expect(refusal).rejects.toThrow(UserError);
    await expect(refusal).rejects.toThrow(/^symbols: \[\] names no symbol: list the symbols to load .*, or leave symbols out to load every symbol$/);
    await expect(refusal).rejects.not.toThrow(/from\/to/);
  });
});

describe('loadMarket on the files the sample writer emits', () => {
  it('reads them back: same closes, events, delistings and fundamentals; still SYNTHETIC', async () => {
    const sample = generateSampleMarket({ stocks: 30, years: 2 });
    const dir = tempDir();
    await writeSampleCsv(sample, dir);
    const market = await loadMarket(dir, { cacheDir: false });
    expect(market.synthetic).toBe(true);
    expect([...market.symbols].sort()).toEqual([...sample.symbols].sort());
    expect(market.roles).toEqual(sample.roles);
    expect(Array.from(market.dates)).toEqual(Array.from(sample.dates));
    const n = sample.symbols.length;
    for (const [i, symbol] of market.symbols.entries()) {
      const j = sample.symbols.indexOf(symbol);
      for (let t = 0; t < market.dates.length; t++) expect(Object.is(market.close[t * n + i], sample.close[t * n + j]), `${symbol} ${t}`).toBe(true);
      expect(Object.is(market.delistReturn[i], sample.delistReturn[j])).toBe(true);
      expect(market.delistedAfter[i]).toBe(sample.delistedAfter[j]);
    }
    expect(market.dividends.value.length).toBe(sample.dividends.value.length);
    expect(market.splits.value.length).toBe(sample.splits.value.length);
    expect(market.fundamentals.rowCount).toBe(sample.fundamentals.rowCount);
  });
});

describe.skipIf(!hasData)('loadMarket on ../shared/data (real data)', () => {
  it('ETFs + universe + rates + fundamentals, and the same market again from the cache', async () => {
    const cacheDir = tempDir();
    const events: string[] = [];
    const market = await loadMarket(sharedData, { cacheDir, onCache: (e) => events.push(e.kind) });
    expect(market.symbols.length).toBe(14 + 2696 + 950);
    expect(market.dates[0]).toBe(parseIsoDay('1993-01-29')); // SPY's first session: an ETF strategy is not cut to the stocks' 2016 start
    expect(market.roles).toEqual({ smallCap: 'IWM', qualitySmallCap: 'SMLF', largeCap: 'SPY', bond: 'TLT' });
    expect(market.assetClass[symbolIndex(market, 'IWM')]).toBe(AssetClass.fund);
    expect(market.sector[symbolIndex(market, 'A')]).toBe('Healthcare');
    expect(Object.keys(market.rates).sort()).toEqual(['tbill3m', 'tbill3mMonthly']);
    expect(market.fundamentals.rowCount).toBeGreaterThan(50_000);
    const report = inspectMarket(market);
    const bluefin = report.symbols.find((s) => s.symbol === 'ZYNE')!; // a Bluefin ticker: its file stops 2020-12-11
    expect(bluefin.flags).toContain('data ends 2020-12-11');
    expect(market.delistedAfter[symbolIndex(market, 'ZYNE')]).toBe(-1);
    expect(report.symbols.find((s) => s.symbol === 'IWM')!.first).toBe('2000-05-26');

    const again = await loadMarket(sharedData, { cacheDir, onCache: (e) => events.push(e.kind) });
    expect(events).toEqual(['stored', 'hit']);
    expect(again.fingerprint).toBe(market.fingerprint);
    expect(Buffer.from(again.close.buffer, again.close.byteOffset, again.close.byteLength).equals(Buffer.from(market.close.buffer))).toBe(true);
    expect(again.fundamentals.asOf('totalAssets', parseIsoDay('2022-06-30'))).toEqual(market.fundamentals.asOf('totalAssets', parseIsoDay('2022-06-30')));
  });
});
