import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../data/dates.ts';
import { inspectMarket, renderInspection } from '../../../data/inspect.ts';
import { loadMarket } from '../../../data/load.ts';
import { AssetClass, PriceKind, symbolIndex, type Market } from '../../../data/market.ts';
import { rateAsOf } from '../../../data/rates.ts';
import { generateSampleMarket } from '../../../data/sample.ts';
import { writeSampleCsv } from '../../../data/sample/csv.ts';
import { DataError, UserError } from '../../../data/errors.ts';
import { loadRateSeries } from '../../../data/fred.ts';
import { noRateSeries } from '../../../data/folder/rateFiles.ts';
import { backtest } from '../../../engine/backtest.ts';
import { everySession } from '../../../engine/calendar/schedule.ts';
import { scripted } from '../../engine/helpers.ts';
import { parseStudy, runStudyRuns } from '../../../study/index.ts';
import { csv, explainSkip, hasData, sharedData, tempDir, writeFile } from '../fixtures.ts';

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

// Probe r60c F3: a file in rates/ whose header breadth did not take as FRED (Excel's trailing comma, a third column, no
// header) was skipped without a word: data inspect did not list it, --rf said the data "has none", and a study ran at rate 0.
describe('rate files in rates/', () => {
  const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
  /** A data folder: AAA's total-return closes 100 … 104 in etf/, and `rates/DTB3.csv` as given. */
  function folder(...rateLines: string[]): string {
    const dir = tempDir();
    writeFile(dir, 'etf/AAA.csv', csv('Date,AdjClose', ...DAYS.map((d, k) => `${d},${100 + k}`)));
    writeFile(dir, 'rates/DTB3.csv', csv(...rateLines));
    return dir;
  }

  it("Excel's comma ending every line is a FRED file: half in AAA with cash at tbill3m ends at 101,550.01, as without it", async () => {
    const excel = folder('observation_date,DTB3,', ...DAYS.map((d) => `${d},5.20,`));
    const m = await loadMarket(excel, { cacheDir: false });
    expect(Object.keys(m.rates)).toEqual(['tbill3m']);
    expect(m.sources.find((s) => s.rate === 'tbill3m')?.notes).toContain('a comma ends every line (as Excel saves CSV): the empty column it makes is read past');
    const study = parseStudy({ data: excel, riskFree: 'tbill3m', engine: { initialCash: 100_000, cash: { rate: 'tbill3m' } }, runs: [{ name: 'half', strategy: 'buy-and-hold', params: { weights: { AAA: 0.5 } } }] }, 'test');
    const nav = (await runStudyRuns(study, m, 'test')).runs[0].result.daily.nav;
    // Decision at the 01-02 close of 100: 50,000 / 100 = 500 shares, filled on 01-03 at 101 (no opens: the close), cash 49,500.
    // g = 1.052^(1/252) − 1 = 0.000201183 a session, on the previous close's cash: 100,000·g on 01-03, then
    // c = 49,500 + 100,000·g compounding over 01-04, 01-05 and 01-08: c·((1 + g)^3 − 1). In all 20.12 + 29.89 = 50.01.
    const g = 1.052 ** (1 / 252) - 1;
    const interest = 100_000 * g + (49_500 + 100_000 * g) * ((1 + g) ** 3 - 1);
    expect(interest).toBeCloseTo(50.01, 2);
    expect(nav[nav.length - 1]).toBeCloseTo(500 * 104 + 49_500 + interest, 9); // 101,550.01
    const plain = await loadMarket(folder('observation_date,DTB3', ...DAYS.map((d) => `${d},5.20`)), { cacheDir: false });
    expect((await runStudyRuns(study, plain, 'test')).runs[0].result.daily.nav).toEqual(nav);
    // The empty column holds nothing: a value there is refused at its line.
    const third = writeFile(tempDir(), 'DTB3.csv', csv('observation_date,DTB3,', '2024-01-02,5.20,', '2024-01-03,5.20,7'));
    expect(() => loadRateSeries(third)).toThrow(new DataError(third, 3, 'the third column, unnamed in the header, holds "7"', 'a FRED file holds a date and one value per row: remove the third field, or name its series in a file of its own'));
  });

  it('any other file in rates/ is listed as not read, with why, and what asks for a rate the data lacks names it', async () => {
    const fix = "give it FRED's header, a date column and one series column (observation_date,DTB3)";
    for (const [lines, why] of [
      [['observation_date,DTB3,X', ...DAYS.map((d) => `${d},5.20,1`)], `its header "observation_date,DTB3,X" is not observation_date,<SERIES> — ${fix}`],
      [DAYS.map((d) => `${d},5.20`), `its first line "2024-01-02,5.20" is a row of data, with no header — ${fix}`],
    ]) {
      const dir = folder(...lines);
      const m = await loadMarket(dir, { cacheDir: false });
      expect(m.rates).toEqual({});
      const file = join(dir, 'rates', 'DTB3.csv');
      expect(m.sources.find((s) => s.path === file)).toEqual({ path: file, format: 'not read (rate file)', fingerprint: '', notes: [why], unread: why });
      expect(renderInspection(inspectMarket(m))).toContain(`    ${file}  (not read (rate file))\n      - ${why}`);
      const said = `no rate series "tbill3m" in ${dir} (it has none; rates/DTB3.csv was not read: ${why})`;
      expect(noRateSeries(m, 'tbill3m')).toBe(said);
      // The engine's cash rate and a strategy's view.rate say the same.
      expect(() => backtest(m, { name: 'idle', params: {}, schedule: everySession, decide: () => undefined }, { cash: { rate: 'tbill3m' } })).toThrow(`engine config: cash.rate: ${said}`);
      // A run that asks for no rate lacks nothing: the file is no caveat of it (a price file not read is one of every run's).
      const held = backtest(m, scripted({ 0: { weights: { AAA: 1 } } }));
      expect(held.caveats.filter((c) => c.message.includes('DTB3'))).toEqual([]);
    }
  });
});

// Probe r68b F5: caddc86 asked a rate file beside etf/ for a FRED series id in capitals, so tbill.csv (observation_date,tbill)
// there was skipped without a word: --rf tbill said the data "has none" and data inspect did not list the file.
describe('files of a data folder itself, beside etf/', () => {
  const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'];
  /** A data folder: AAA's total-return closes 100 … 104 in etf/, and each [name, lines] beside etf/. */
  function folder(...files: [string, string[]][]): string {
    const dir = tempDir();
    writeFile(dir, 'etf/AAA.csv', csv('Date,AdjClose', ...DAYS.map((d, k) => `${d},${100 + k}`)));
    for (const [name, lines] of files) writeFile(dir, name, csv(...lines));
    return dir;
  }

  it('a date and one series column is a rate file, whatever its series is named (README: rate files go in rates/ or beside etf/)', async () => {
    const m = await loadMarket(folder(['tbill.csv', ['observation_date,tbill', ...DAYS.map((d) => `${d},5.20`)]]), { cacheDir: false });
    expect(Object.keys(m.rates)).toEqual(['tbill']);
    expect(Array.from(m.rates.tbill.values)).toEqual(DAYS.map(() => 0.052)); // 5.20 % a year
  });

  it("a series named after the file itself (SPY.csv: Date,SPY, as pandas writes one) is a price file there, not a rate (probe r68b F6)", async () => {
    const dir = folder(['SPY.csv', ['Date,SPY', ...DAYS.map((d) => `${d},300`)]], ['DTB3.csv', ['observation_date,DTB3', ...DAYS.map((d) => `${d},5.20`)]]);
    const m = await loadMarket(dir, { cacheDir: false });
    expect(Object.keys(m.rates)).toEqual(['tbill3m']); // FRED's own download is named after its series
    expect(m.sources.find((s) => s.path === join(dir, 'SPY.csv'))?.format).toBe('not read (price file beside etf/)');
  });

  it('any other file there is listed as not read, with why: a rate refusal names one that is no prices, a run a price file', async () => {
    const dir = folder(['notes.csv', ['a,b,c', '1,2,3']], ['BBB.csv', ['Date,Close', ...DAYS.map((d) => `${d},50`)]]);
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.rates).toEqual({});
    const notes = `its header "a,b,c" is not observation_date,<SERIES> — give it FRED's header, a date column and one series column (observation_date,DTB3)`;
    const prices = `a per-symbol price file in the data folder itself, where price files are read from etf/ only — move it into ${join(dir, 'etf')}/`;
    const inspection = renderInspection(inspectMarket(m));
    expect(inspection).toContain(`    ${join(dir, 'notes.csv')}  (not read (rate file))\n      - ${notes}`);
    expect(inspection).toContain(`    ${join(dir, 'BBB.csv')}  (not read (price file beside etf/))\n      - ${prices}`);
    expect(noRateSeries(m, 'tbill3m')).toBe(`no rate series "tbill3m" in ${dir} (it has none; ${basename(dir)}/notes.csv was not read: ${notes})`);
    // BBB is not in the universe: a run is told why, as of an unread IWM.txt.
    const held = backtest(m, scripted({ 0: { weights: { AAA: 1 } } }));
    expect(held.caveats.map((c) => c.message).filter((c) => c.includes('BBB.csv'))).toEqual([expect.stringContaining(`not read: ${prices}`)]);
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
