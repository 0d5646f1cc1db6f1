// How a dated rate series covers a calendar: no rate before its first row; forward fill within its
// own spacing; its last rate carried past its end, counted.
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../data/dates.ts';
import { rateCoverage } from '../../data/rates.ts';

const day = (iso: string) => epochDay(...(iso.split('-').map(Number) as [number, number, number]));
const series = (rows: [string, number][]) => ({ name: 'r', dates: Int32Array.from(rows, ([d]) => day(d)), values: Float64Array.from(rows, ([, v]) => v) });

describe('rateCoverage', () => {
  it('a daily series: days before it have no rate, a weekend after its last row is fill, later days are carried', () => {
    const daily = series([['2024-01-02', 0.05], ['2024-01-03', 0.05], ['2024-01-04', 0.04], ['2024-01-05', NaN]]);
    const days = ['2024-01-01', '2024-01-02', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'].map(day);
    // Known rates end Thu 4 Jan; median gap 1 day: Fri 5 Jan is fill, Mon 8 and Tue 9 are carried.
    expect(rateCoverage(daily, days)).toMatchObject({ before: 1, carried: 2, lastDay: day('2024-01-04'), lastRate: 0.04 });
  });

  it('a monthly series fills its own month, and carries only beyond it', () => {
    const monthly = series([['2024-01-01', 0.05], ['2024-02-01', 0.05], ['2024-03-01', 0.04]]);
    // Gaps 31 and 29 days; the (upper) median is 31: through 1 Apr is fill, 2 Apr is carried.
    expect(rateCoverage(monthly, ['2024-03-15', '2024-03-30', '2024-04-01', '2024-04-02'].map(day))).toMatchObject({ before: 0, carried: 1 });
  });

  it('a series with no rate covers nothing', () => {
    expect(rateCoverage(series([['2024-01-02', NaN]]), [day('2024-01-03')])).toMatchObject({ before: 1, carried: 0 });
  });
});
