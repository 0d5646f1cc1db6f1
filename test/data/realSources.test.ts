// The real factor, rate and SimFin files in ../shared/data, each checked against its raw text.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../data/dates.ts';
import { loadFactorTable } from '../../data/factors.ts';
import { loadRateSeries } from '../../data/fred.ts';
import { Fundamentals } from '../../data/fundamentals.ts';
import { rateAsOf } from '../../data/rates.ts';
import { loadSimfinStatements } from '../../data/fundamentals/simfin.ts';
import { statementsToRows } from '../../data/fundamentals/statements.ts';
import { explainSkip, hasData, sharedData } from './fixtures.ts';

explainSkip('real factors, rates and SimFin');

const rawLine = (file: string, prefix: string): string[] => {
  const line = readFileSync(file, 'utf8').split(/\r?\n/).find((l) => l.startsWith(prefix));
  if (!line) throw new Error(`no line starting ${prefix} in ${file}`);
  return line.split(',');
};

describe.skipIf(!hasData)('Fama-French and AQR factors (real data)', () => {
  it('daily percent values become decimals (ff3_daily 2020-03-16, read independently)', () => {
    const file = join(sharedData, 'factors', 'ff3_daily.csv');
    const table = loadFactorTable(file);
    const raw = rawLine(file, '2020-03-16,');
    const t = table.dates.indexOf(parseIsoDay('2020-03-16'));
    expect(table.frequency).toBe('daily');
    expect(table.columns['Mkt-RF'][t]).toBe(Number(raw[1]) / 100);
    expect(table.columns['Mkt-RF'][t]).toBe(-0.1201);
    expect(table.columns.SMB[t]).toBe(Number(raw[2]) / 100);
    expect(table.columns.HML[t]).toBe(Number(raw[3]) / 100);
    expect(table.columns.RF[t]).toBe(Number(raw[4]) / 100);
    expect(table.dates.length).toBe(26233);
  });

  it('the raw Ken French download (preamble, YYYYMMDD) gives the same table', () => {
    const parsed = loadFactorTable(join(sharedData, 'factors', 'ff3_daily.csv'));
    const raw = loadFactorTable(join(sharedData, 'factors', 'raw', 'F-F_Research_Data_Factors_daily_202604.csv'));
    expect(Array.from(raw.dates)).toEqual(Array.from(parsed.dates));
    expect(Array.from(raw.columns['Mkt-RF'])).toEqual(Array.from(parsed.columns['Mkt-RF']));
  });

  it('monthly rows sit on month ends; -99.99 is NaN; AQR stays decimal', () => {
    const me = loadFactorTable(join(sharedData, 'factors', 'me_portfolios_vw_monthly.csv'));
    expect(me.frequency).toBe('monthly');
    expect(me.dates[0]).toBe(parseIsoDay('1926-07-31'));
    expect(me.columns['<= 0'].every(Number.isNaN)).toBe(true);
    expect(me.columns['Lo 30'][0]).toBe(0.0014); // 0.14 %, read as the decimal it writes (0.14 / 100 is 0.0014000000000000002)
    const qmj = loadFactorTable(join(sharedData, 'factors', 'aqr_qmj_monthly.csv'));
    expect(qmj.dates[0]).toBe(parseIsoDay('1957-07-31'));
    expect(qmj.columns.USA[0]).toBe(0.0111539791294);
    expect(Number.isNaN(qmj.columns.AUS[0])).toBe(true);
  });
});

describe.skipIf(!hasData)('FRED rates (real data)', () => {
  it('DTB3: percent → decimal; blank holiday rows carry the previous value forward', () => {
    const { series, filled } = loadRateSeries(join(sharedData, 'rates', 'DTB3_daily.csv'));
    expect(filled).toBe(283);
    const holiday = parseIsoDay('2000-01-17'); // blank in the file
    const before = parseIsoDay('2000-01-14'); // 5.25
    const k = series.dates.indexOf(holiday);
    expect(series.values[k]).toBe(0.0525);
    expect(series.values[series.dates.indexOf(before)]).toBe(0.0525);
    expect(rateAsOf(series, holiday)).toBe(0.0525);
    expect(series.values.some(Number.isNaN)).toBe(false);
    expect(rateAsOf(series, parseIsoDay('2020-03-16'))).toBe(0.0024);
  });
});

describe.skipIf(!hasData)('SimFin fundamentals (real data)', () => {
  const universe = join(sharedData, 'universe');
  /** The raw row of `ticker` `year` `period` in a statement file, by column name. */
  const rawRow = (kind: string, ticker: string, year: string, period: string): Record<string, string> => {
    const lines = gunzipSync(readFileSync(join(universe, `simfin_us-${kind}-quarterly.csv.gz`))).toString('utf8').split('\n');
    const header = lines[0].split(';');
    const row = lines.find((l) => l.startsWith(`${ticker};`) && l.split(';')[3] === year && l.split(';')[4] === period)!.split(';');
    return Object.fromEntries(header.map((h, k) => [h, row[k]]));
  };

  it('a filing is invisible before its publish date (the latest of its three statements) and visible on it', () => {
    // AKA FY2021 Q3: balance sheet and income statement dated 2021-11-09, cash flow 2021-11-10.
    const balance = rawRow('balance', 'AKA', '2021', 'Q3');
    const published = Math.max(...['balance', 'cashflow', 'income'].map((k) => parseIsoDay(rawRow(k, 'AKA', '2021', 'Q3')['Publish Date'])));
    expect(parseIsoDay(balance['Publish Date'])).toBe(parseIsoDay('2021-11-09'));
    expect(published).toBe(parseIsoDay('2021-11-10'));
    const { statements } = loadSimfinStatements(universe, (ticker) => (ticker === 'AKA' ? 0 : -1));
    const fundamentals = new Fundamentals(1, statementsToRows(statements));
    const totalAssets = Number(balance['Total Assets']);
    const known = (day: number) => fundamentals.asOf('totalAssets', day)[0];
    expect(known(published - 1)).not.toBe(totalAssets);
    expect(known(published)).toBe(totalAssets);
    expect(fundamentals.asOf('sharesOutstanding', published)[0]).toBe(Number(balance['Shares (Basic)']));
    const row = fundamentals.latestRow(0, published);
    expect(fundamentals.periodEnd[row]).toBe(parseIsoDay(balance['Report Date']));
  });

  it('LFVN on 2021-07-01 (probe r60b fault 2): its 2021-06-30 fiscal Q4, "published" 2021-07-01, is not public until its 10-K deadline 2021-09-28 (+90 days); the 2021-03-31 quarter stands', () => {
    // Raw text: FY2021 Q4, Report 2021-06-30, Publish 2021-07-01 in all three files (+1 day), both debt fields blank.
    // FY2021 Q3, Report 2021-03-31: Short Term Debt 1,639,000, Long Term Debt 16,195,000, Total Equity 35,628,000:
    // debt 17,834,000, D/E 17,834,000 / 35,628,000 = 0.50056, short-term share 1,639,000 / 17,834,000 = 0.091903.
    const q4 = rawRow('balance', 'LFVN', '2021', 'Q4');
    expect([q4['Report Date'], q4['Publish Date'], q4['Short Term Debt'], q4['Long Term Debt']]).toEqual(['2021-06-30', '2021-07-01', '', '']);
    const { statements } = loadSimfinStatements(universe, (ticker) => (ticker === 'LFVN' ? 0 : -1));
    const f = new Fundamentals(1, statementsToRows(statements));
    const on = (iso: string, field: 'shortTermDebt' | 'totalDebt' | 'totalEquity'): number => f.asOf(field, parseIsoDay(iso))[0];
    expect(f.periodEnd[f.latestRow(0, parseIsoDay('2021-07-01'))]).toBe(parseIsoDay('2021-03-31'));
    expect([on('2021-07-01', 'shortTermDebt'), on('2021-07-01', 'totalDebt'), on('2021-07-01', 'totalEquity')]).toEqual([1_639_000, 17_834_000, 35_628_000]);
    expect(on('2021-07-01', 'totalDebt') / on('2021-07-01', 'totalEquity')).toBeCloseTo(0.50056, 5);
    expect(on('2021-07-01', 'shortTermDebt') / on('2021-07-01', 'totalDebt')).toBeCloseTo(0.091903, 6);
    // A fiscal Q4 is reported in the 10-K, due 90 days after the year's end: 2021-06-30 + 90 = 2021-09-28.
    expect(f.periodEnd[f.latestRow(0, parseIsoDay('2021-08-14'))]).toBe(parseIsoDay('2021-03-31'));
    expect(f.periodEnd[f.latestRow(0, parseIsoDay('2021-09-27'))]).toBe(parseIsoDay('2021-03-31'));
    expect(f.periodEnd[f.latestRow(0, parseIsoDay('2021-09-28'))]).toBe(parseIsoDay('2021-06-30'));
  });

  it('a quarter published after the next one (CUTR FY2023 Q3 on 2024-03-05, Q4 on 2024-02-09) reaches no figure before its publish date', () => {
    const { statements } = loadSimfinStatements(universe, (ticker) => (ticker === 'CUTR' ? 0 : -1));
    const fundamentals = new Fundamentals(1, statementsToRows(statements));
    const revenue = (year: string, period: string): number => Number(rawRow('income', 'CUTR', year, period).Revenue);
    const q4Shares = Number(rawRow('balance', 'CUTR', '2023', 'Q4')['Shares (Basic)']);
    const on = (iso: string, field: 'revenue' | 'sharesOutstanding'): number => fundamentals.asOf(field, parseIsoDay(iso))[0];
    // 2024-02-20: Q4'23 is out, Q3'23 is not. TTM: the last four consecutive public quarters, Q3'22..Q2'23.
    expect(on('2024-02-20', 'revenue')).toBe(revenue('2022', 'Q3') + revenue('2022', 'Q4') + revenue('2023', 'Q1') + revenue('2023', 'Q2'));
    expect(on('2024-02-20', 'sharesOutstanding')).toBe(q4Shares);
    // 2024-03-10: Q3'23 out too. TTM Q1..Q4'23; shares stay Q4'23's, the newest period.
    expect(on('2024-03-10', 'revenue')).toBe(revenue('2023', 'Q1') + revenue('2023', 'Q2') + revenue('2023', 'Q3') + revenue('2023', 'Q4'));
    expect(on('2024-03-10', 'sharesOutstanding')).toBe(q4Shares);
  });

  it('annual share counts from before a split are put in the quarterly units (probe r48a): NVDA 2018-04-02 and AVGO 2022-01-03 are no small caps', () => {
    // Raw text: NVDA annual FY2017 2,396,000,000 and FY2021 2,504,000,000; quarterly Q4 FY2021 25,040,000,000 (the 2024
    // 10:1 split in). AVGO annual FY2021 402,000,000 beside quarterly Q4 FY2021 4,020,000,000. Both ratios are 10.
    const symbols = ['NVDA', 'AVGO'];
    const { statements } = loadSimfinStatements(universe, (ticker) => symbols.indexOf(ticker));
    const fundamentals = new Fundamentals(2, statementsToRows(statements));
    expect(Number(rawRow('balance', 'NVDA', '2021', 'Q4')['Shares (Basic)'])).toBe(25_040_000_000);
    // NVDA on 2018-04-02: the newest public period is FY2017 (published 2018-02-28), in the quarterly units ×10.
    expect(fundamentals.asOf('sharesOutstanding', parseIsoDay('2018-04-02'))[0]).toBe(23_960_000_000);
    // AVGO on 2022-01-03: FY2021 (Report Date 2021-11-30, published 2021-12-17), ×10 = the quarterly Q4's 4,020,000,000.
    expect(fundamentals.asOf('sharesOutstanding', parseIsoDay('2022-01-03'))[1]).toBe(4_020_000_000);
  });

  it('one ratio per ticker from its latest year both files report (probe r49b): NOW ×5, SIRI ×0.1, PAHC and DT untouched by a typo', () => {
    // Raw text, 2019-06-03 (the newest public annual period is FY2018 for each):
    // NOW FY2018 177,846,023; FY2021 199,000,000 beside Q4 995,000,000 = 5.000 (FY2020's 5.118 drifts) → ×5 = 889,230,115.
    // SIRI FY2018 4,461,827,000; FY2021 4,044 M beside Q4 404.4 M = 0.1 (the 2024 1:10) → 446,182,700.
    // PAHC FY2018 40,181,000; FY2020 typed in thousands (40,454 beside 40,454,000), FY2021 1.0 → untouched.
    // DT (2020-01-02) FY2018 237,693,000; its only year in both, FY2020, reads 6,040,000 beside 282,661,000 (46.8) → untouched.
    const symbols = ['NOW', 'SIRI', 'PAHC', 'DT'];
    const { statements } = loadSimfinStatements(universe, (ticker) => symbols.indexOf(ticker));
    const fundamentals = new Fundamentals(4, statementsToRows(statements));
    const on = (iso: string): number[] => Array.from(fundamentals.asOf('sharesOutstanding', parseIsoDay(iso)));
    expect(on('2019-06-03').slice(0, 3)).toEqual([889_230_115, 446_182_700, 40_181_000]);
    expect(on('2020-01-02')[3]).toBe(237_693_000);
  });
});
