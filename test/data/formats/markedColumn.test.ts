// Rate (FRED) and returns files (gzip written by the fixture for a .gz name) read decimal commas by the rules price files follow (probe r22c:
// "5,2", "0,01" and "1,0E-02" were "not a number" in semicolon- and tab-separated files).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFactorTable } from '../../../data/factors.ts';
import { loadRateSeries } from '../../../data/fred.ts';
import { loadMarket } from '../../../data/load.ts';
import { loadReturnsFile } from '../../../data/returnSeries.ts';
import { parseStudy, runStudyRuns } from '../../../study/index.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const split = (delimiter: string, ...lines: string[]): string => csv(...lines.map((line) => line.replaceAll('|', delimiter)));
const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];

describe('decimal commas in rate files', () => {
  it('"5,2" split by a semicolon or a tab (plain or gzip), and "5,2E+00", are 5.2 % a year; FRED\'s "." and a blank carry forward', () => {
    const dir = tempDir();
    const files = [
      writeFile(dir, 'semi.csv', split(';', 'observation_date|DTB3', '2024-01-02|5,2', '2024-01-03|.', '2024-01-04|4,8')),
      writeFile(dir, 'tab.tsv', split('\t', 'observation_date|DTB3', '2024-01-02|5,2', '2024-01-03|', '2024-01-04|4,8')),
      writeFile(dir, 'gz.csv.gz', split(';', 'observation_date|DTB3', '2024-01-02|5,2', '2024-01-03|.', '2024-01-04|4,8')),
      writeFile(dir, 'exp.csv', split(';', 'observation_date|DTB3', '2024-01-02|5,2E+00', '2024-01-03|', '2024-01-04|4,8E+00')),
    ];
    for (const file of files) {
      const { series, filled } = loadRateSeries(file);
      expect(Array.from(series.values), file).toEqual([0.052, 0.052, 0.048]); // 5.2 % as the decimal it writes, 0.052 (5.2 / 100 is 0.052000000000000005)
      expect(filled).toBe(1);
    }
    // 1.234,5 % (thousands grouped by a point): 12.345 as a decimal.
    const grouped = writeFile(dir, 'grouped.csv', split(';', 'DATE|X', '2024-01-02|1.234,5'));
    expect(loadRateSeries(grouped).series.values[0]).toBeCloseTo(12.345, 12);
  });

  it('a semicolon rates/DTB3.csv with "5,2" is tbill3m: cash earns r = 1.052^(1/252) − 1 = 0.000201183 a session', async () => {
    const dir = tempDir();
    writeFile(dir, 'etf/AAA.csv', csv('Date,Open,Close', ...DAYS.map((d, k) => `${d},${k < 2 ? 100 : 90 + 10 * k},${k < 2 ? 100 : 90 + 10 * k}`)));
    writeFile(dir, 'rates/DTB3.csv', split(';', 'observation_date|DTB3', ...DAYS.map((d) => `${d}|5,2`)));
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.rates.tbill3m.values[0]).toBe(0.052);
    const config = parseStudy({ data: dir, runs: [{ name: 'hold', strategy: 'buy-and-hold', params: { weights: { AAA: 1 } }, engine: { initialCash: 10_000, cash: { rate: 'tbill3m' } } }] }, 'test');
    const nav = (await runStudyRuns(config, m, 'test')).runs[0].result.daily.nav;
    // 01-03: 10,000 cash earns 10,000·r, then 100 shares at the open of 100 leave that interest as cash,
    // compounding four more sessions; at the last close the shares are worth 100 × 140.
    const r = 0.000201183;
    expect(nav[nav.length - 1]).toBeCloseTo(14_000 + 10_000 * r * (1 + r) ** 4, 5);
  });
});

describe('decimal commas in returns files', () => {
  it('"0,01" split by a semicolon or tab, "1,0E-02", "0,010" and gzip alike: total return (1.01)(0.98)(1.005)(1.015) − 1 = 0.009670235', () => {
    const dir = tempDir();
    const rows = (...r: string[]) => ['date|return', ...DAYS.slice(0, 4).map((d, k) => `${d}|${r[k]}`)];
    const files = [
      writeFile(dir, 's.csv', split(';', ...rows('0,01', '-0,02', '0,005', '0,015'))),
      writeFile(dir, 't.tsv', split('\t', ...rows('0,01', '-0,02', '0,005', '0,015'))),
      writeFile(dir, 'e.csv', split(';', ...rows('1,0E-02', '-2,0E-02', '5,0E-03', '1,5E-02'))),
      writeFile(dir, 'z.csv', split(';', ...rows('0,010', '-0,020', '0,005', '0,015'))),
      writeFile(dir, 'g.csv.gz', split(';', ...rows('0,01', '-0,02', '0,005', '0,015'))),
    ];
    for (const file of files) {
      const { returns } = loadReturnsFile(file);
      expect(Array.from(returns), file).toEqual([0.01, -0.02, 0.005, 0.015]);
      expect(returns.reduce((g, x) => g * (1 + x), 1) - 1).toBeCloseTo(0.009670235, 12);
    }
  });

  it('a number either mark could read, with none in the file showing the mark, is refused in one line rather than read 1000× off', () => {
    const file = writeFile(tempDir(), 'r.tsv', split('\t', 'date|return', '2024-01-02|1,234', '2024-01-03|'));
    expect(() => loadReturnsFile(file, 'percent')).toThrow(`${file}:2: return "1,234" may be 1.234 or 1234: no number in the file shows its decimal mark — write its decimals so they show the mark (1,2340), or without a thousands separator`);
  });

  it('a number whose marks break the file\'s rule is refused with its line and the mark\'s source', () => {
    const file = writeFile(tempDir(), 'r.csv', split(';', 'date|return', '2024-01-02|0,01', '2024-01-03|0.0,2'));
    expect(() => loadReturnsFile(file)).toThrow(`${file}:3: return "0.0,2" does not fit this file's numbers, whose decimal mark is "," (as line 2's "0,01" shows)`);
  });

  it('property: returns written with four decimals and a decimal comma read back as the point-written numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 6 }), fc.constantFrom(';', '\t'), (tenThousandths, delimiter) => {
        const texts = tenThousandths.map((n) => (n / 10_000).toFixed(4));
        const file = writeFile(tempDir(), 'p.csv', split(delimiter, 'date|return', ...texts.map((t, k) => `${DAYS[k]}|${t.replace('.', ',')}`)));
        expect(Array.from(loadReturnsFile(file, 'fraction').returns)).toEqual(texts.map(Number));
      }),
      { numRuns: 40 },
    );
  });
});

describe('a percent in a rate, returns or factor file is the decimal it writes (probe r57a: a percent ÷ 100 is off by one bit for a third of two-decimal percents)', () => {
  it('0.07 and 2.89 percent read as 0.0007 and 0.0289, where ÷ 100 gave 0.0007000000000000001 and 0.028900000000000002', () => {
    const dir = tempDir();
    const rate = writeFile(dir, 'DTB3.csv', csv('observation_date,DTB3', '2024-01-02,0.07', '2024-01-03,2.89'));
    expect(Array.from(loadRateSeries(rate).series.values)).toEqual([0.0007, 0.0289]);
    const returns = writeFile(dir, 'r.csv', csv('date,return', '2024-01-02,0.07', '2024-01-03,2.89', '2024-01-04,'));
    expect(Array.from(loadReturnsFile(returns, 'percent').returns)).toEqual([0.0007, 0.0289, NaN]);
    const factors = writeFile(dir, 'ff3_monthly.csv', csv('Date,Mkt-RF,RF', '1926-07,2.89,0.07', '1926-08,-99.99,0.35'));
    const table = loadFactorTable(factors);
    expect(Array.from(table.columns['Mkt-RF'])).toEqual([0.0289, NaN]);
    expect(Array.from(table.columns.RF)).toEqual([0.0007, 0.0035]); // 0.35 / 100 is 0.0034999999999999996
  });

  it('a percent return below −100 % is refused as the file writes it (-100.04 %, not -100.03999999999999 %)', () => {
    const file = writeFile(tempDir(), 'r.csv', csv('date,return', '2024-01-02,1.5', '2024-01-03,-100.04'));
    expect(() => loadReturnsFile(file, 'percent')).toThrow(`${file}:3: return -100.04 % is below −100 % — a simple return cannot lose more than everything; correct that row`);
  });
});
