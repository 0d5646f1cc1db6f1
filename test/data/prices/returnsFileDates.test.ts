// A returns file's dates: ISO, or months as the factor files write them (probe r44a: `metrics --returns`
// refused ../shared/data/factors' `1927-01`, which `--factors` reads) — dated on the month's last day.
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../../data/dates.ts';
import { loadReturnsFile } from '../../../data/returnSeries.ts';
import { DataError } from '../../../data/errors.ts';
import { loadPriceFile } from '../../../data/prices/files/priceFolder.ts';
import { AssetClass } from '../../../data/market.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

describe('returns file dates', () => {
  it('YYYY-MM and YYYYMM are their month-ends, beside ISO dates', () => {
    const file = writeFile(tempDir(), 'mom.csv', csv('Date,Mom', '2024-01,1.0', '2024-02,-0.5', '202403,2', '2024-04-30,0.25'));
    const series = loadReturnsFile(file, 'percent');
    expect(Array.from(series.dates, isoDay)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
    expect(Array.from(series.returns)).toEqual([0.01, -0.005, 0.02, 0.0025]);
  });

  it('a month that does not exist is refused at its line', () => {
    const file = writeFile(tempDir(), 'bad.csv', csv('Date,Mom', '2024-01,1.0', '2024-13,1.0'));
    expect(() => loadReturnsFile(file, 'percent')).toThrow(DataError);
    expect(() => loadReturnsFile(file, 'percent')).toThrow(/bad\.csv:3/);
  });

  // Probe r60c L1: a 70,000-character date field was echoed whole, and through a pipe stderr stopped at
  // 64 KiB, before the fix text. It is cut as the price reader cuts a long number: 40 characters and "…".
  it('a long date field is shown as its first 40 characters, so the one line keeps its fix; a price file\'s the same', async () => {
    const long = 'x'.repeat(70_000);
    const file = writeFile(tempDir(), 'r.csv', csv('date,return', '2024-01-02,0.01', `${long},0.01`));
    expect(() => loadReturnsFile(file)).toThrow(new DataError(file, 3, `date "${'x'.repeat(40)}…" is not a valid date`, 'write dates as YYYY-MM-DD, e.g. 2020-03-31'));
    const prices = writeFile(tempDir(), 'AAA.csv', csv('Date,Close', '2024-01-02,100', `${'9'.repeat(70_000)},101`));
    const refused = (await loadPriceFile(prices, () => ({ assetClass: AssetClass.stock, snapshotEnd: Infinity })).catch((err: unknown) => err)) as DataError;
    expect(refused.message).toBe(`${prices}:3: Date "${'9'.repeat(40)}…" is not a valid date — write dates as YYYY-MM-DD (or 2020/03/31, YYYYMMDD, 31-Mar-2020, or a date-time at midnight such as 2020-03-31T00:00:00Z), e.g. 2020-03-31`);
  });
});
