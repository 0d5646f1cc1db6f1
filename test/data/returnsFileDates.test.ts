// A returns file's dates: ISO, or months as the factor files write them (probe r44a: `metrics --returns`
// refused ../shared/data/factors' `1927-01`, which `--factors` reads) — dated on the month's last day.
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { loadReturnsFile } from '../../data/returnSeries.ts';
import { DataError } from '../../data/errors.ts';
import { csv, tempDir, writeFile } from './fixtures.ts';

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
});
