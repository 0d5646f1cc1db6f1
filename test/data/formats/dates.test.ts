import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayParts, epochDay, isoDay, marketDay, parseIsoDay, preMarketDate } from '../../../data/dates.ts';
import { parseFactorDate } from '../../../data/factors.ts';
import { loadDelistings } from '../../../data/folder/delistings.ts';
import { loadSymbolsFile } from '../../../data/folder/symbolsFile.ts';
import { badBarDateError, parseDateText, parseIsoDayBytes, parseSlashedDate } from '../../../data/formats/fields.ts';
import { loadRateSeries } from '../../../data/fred.ts';
import { loadReturnsFile } from '../../../data/returnSeries.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const MS_PER_DAY = 86_400_000;

/** The definitions: Date's UTC calendar and its ISO spelling. */
const byDate = (day: number) => {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate(), weekday: d.getUTCDay() };
};
const isoByDate = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

describe('calendar arithmetic', () => {
  it('dayParts and isoDay agree with Date on every day (property), leap days and era ends included', () => {
    // ±100,000,000 days is Date's whole range.
    const days = fc.oneof(fc.integer({ min: -800_000, max: 800_000 }), fc.integer({ min: -100_000_000, max: 100_000_000 }));
    fc.assert(fc.property(days, (day) => JSON.stringify(dayParts(day)) === JSON.stringify(byDate(day)) && isoDay(day) === isoByDate(day)), { numRuns: 20_000 });
    for (let day = -1_000; day <= 1_000; day++) expect(dayParts(day)).toEqual(byDate(day));
    // 1900-02-28/03-01 (no leap day), 2000-02-29, 2100-03-01, year 0 and 9999 and beyond.
    for (const iso of ['1900-02-28', '1900-03-01', '2000-02-29', '2000-03-01', '2100-02-28', '2100-03-01', '0000-01-01', '0000-03-01', '9999-12-31']) {
      const day = Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;
      expect(isoDay(day)).toBe(iso);
      expect(dayParts(day)).toEqual(byDate(day));
    }
    expect(isoDay(2_932_897)).toBe(isoByDate(2_932_897)); // +010000-01-01
    expect(() => isoDay(NaN)).toThrow(RangeError);
  });
});

// Probe r60c F2: epochDay went through Date.UTC, which reads years 0–99 as 1900–1999, so a price file's
// `0024-01-02` (a typo of 2024-01-02) ran as 1924 — a 100-year run — while --from refused the same text.
describe('one date rule: a market date is a real date from 1800-01-01 on', () => {
  it('epochDay is exact for every year: 0024-01-02 is day −710,761, never 1924-01-02 (−16,801)', () => {
    // 0024-01-01 → 1970-01-01 spans the years 24 … 1969: 1,946 × 365 = 710,290 days and 472 leap days
    // (487 multiples of 4 from 24 to 1968, less the 15 centuries not divisible by 400: 100, 200, 300, 500 … 1900),
    // so 0024-01-01 is day −710,762 and 0024-01-02 day −710,761.
    expect(epochDay(24, 1, 2)).toBe(-710_761);
    // 1924-01-01 → 1970-01-01: 46 × 365 + 12 leap days (1924 … 1968) = 16,802 days: what Date.UTC gave for year 24.
    expect(Date.UTC(24, 0, 2) / MS_PER_DAY).toBe(-16_801);
    // 1800-01-01 → 1970-01-01: 170 × 365 + 41 leap days (42 multiples of 4 from 1804 to 1968, less 1900) = 62,091.
    expect(epochDay(1800, 1, 1)).toBe(-62_091);
    // The inverse of dayParts on every day of Date's range (years 0–99 included), and Date.UTC's overflow of month and day where Date reads the year as given (≥ 100).
    const days = fc.integer({ min: -100_000_000, max: 100_000_000 });
    fc.assert(fc.property(days, (day) => { const p = dayParts(day); return epochDay(p.year, p.month, p.date) === day; }), { numRuns: 20_000 });
    fc.assert(fc.property(fc.integer({ min: 100, max: 9999 }), fc.integer({ min: -30, max: 40 }), fc.integer({ min: -40, max: 70 }), (y, m, d) => epochDay(y, m, d) === Date.UTC(y, m - 1, d) / MS_PER_DAY), { numRuns: 20_000 });
  });

  it('every valid ISO date from 1800-01-01 to 9999-12-31 round-trips, in every form a reader takes (property)', () => {
    const forms = (iso: string): number[] => {
      const compact = iso.replaceAll('-', '');
      // Year first, unpadded (2000-2-9): its month and day as numbers.
      const unpadded = `${iso.slice(0, 4)}-${+iso.slice(5, 7)}-${+iso.slice(8)}`;
      const yearFirst = [iso.replaceAll('-', '/'), iso.replaceAll('-', '.'), unpadded, unpadded.replaceAll('-', '/'), `${unpadded.replaceAll('-', '/')} 0:00`];
      return [parseIsoDay(iso), parseIsoDayBytes(Buffer.from(iso), 0, 10), parseDateText(iso), parseDateText(compact), parseDateText(`${iso}T00:00:00Z`), parseFactorDate(compact), parseSlashedDate(`${iso.slice(5, 7)}/${iso.slice(8)}/${iso.slice(0, 4)}`, 'monthFirst'), ...yearFirst.map(parseDateText), ...yearFirst.map((text) => parseIsoDayBytes(Buffer.from(text), 0, text.length))];
    };
    fc.assert(fc.property(fc.integer({ min: epochDay(1800, 1, 1), max: epochDay(9999, 12, 31) }), (day) => forms(isoDay(day)).every((d) => d === day)), { numRuns: 20_000 });
    for (const iso of ['1800-01-01', '2000-02-29', '9999-12-31']) expect(forms(iso)).toEqual(Array(17).fill(epochDay(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8))));
  });

  it('every real date before 1800 is refused by every reader, and said as not a market date (property)', () => {
    const refusedEverywhere = (iso: string): boolean => {
      const [y, m, d] = iso.split('-').map(Number);
      const compact = iso.replaceAll('-', '');
      return [marketDay(y, m, d), parseIsoDay(iso), parseIsoDayBytes(Buffer.from(iso), 0, 10), parseDateText(iso), parseDateText(compact), parseDateText(`${iso} 00:00:00`), parseDateText(iso.replaceAll('-', '/')), parseDateText(`${y}.${m}.${d}`), parseFactorDate(compact), parseFactorDate(compact.slice(0, 6))].every(Number.isNaN) && preMarketDate(y, m, d) !== undefined;
    };
    fc.assert(fc.property(fc.integer({ min: epochDay(0, 1, 1), max: epochDay(1800, 1, 1) - 1 }), (day) => refusedEverywhere(isoDay(day))), { numRuns: 20_000 });
    expect(['0024-01-02', '0000-01-01', '0099-12-31', '1799-12-31'].every(refusedEverywhere)).toBe(true);
    // A year below 100 is two digits written as four, completed as POSIX's %y: 00–68 → 20xx, 69–99 → 19xx.
    expect(preMarketDate(24, 1, 2)).toEqual({ reason: 'not a market date: year 0024 is before 1800', fix: 'write the full year, e.g. 2024-01-02' });
    expect(preMarketDate(99, 12, 31)?.fix).toBe('write the full year, e.g. 1999-12-31');
    expect(preMarketDate(1799, 12, 31)).toEqual({ reason: 'not a market date: year 1799 is before 1800', fix: 'correct the year: breadth reads dates from 1800-01-01 on' });
    // No calendar date (0023-02-29), or a market date: nothing to say here.
    expect([preMarketDate(23, 2, 29), preMarketDate(1800, 1, 1)]).toEqual([undefined, undefined]);
  });
});

// Probe r64d F4: year-first dates with slashes or dots, or unpadded (2024/01/02, Excel's short date in Japanese, Chinese
// and Korean locales; 2024.01.02; 2024-1-2) were refused as "not a valid date" while day-first 02.01.2024 was read.
describe('year-first dates are read by every reader of dates (one rule: formats/fields.ts parseDateText)', () => {
  // 2024-01-02 is epoch day 19,724: 54 years from 1970 (54 × 365 = 19,710, 13 leap days 1972 … 2020) = 19,723 to 2024-01-01, plus 1.
  const JAN_2 = 19_724;

  it.each(['2024/01/02', '2024.01.02', '2024-1-2', '2024/1/2', '2024.1.02', '2024/01/02 00:00', '2024/1/2 0:00:00'])('%s is 2024-01-02', (text) => {
    expect(parseDateText(text)).toBe(JAN_2);
    expect(parseIsoDayBytes(Buffer.from(text), 0, text.length)).toBe(JAN_2);
  });

  it.each([
    ['2024/02/30', 'is not a calendar date (February 2024 has 29 days) — correct the date, or remove the row'],
    ['2024.13.01', 'is not a calendar date (there is no month 13) — correct the date, or remove the row'],
    ['0024/01/02', 'is not a market date: year 0024 is before 1800 — write the full year, e.g. 2024-01-02'],
    ['1799.12.31', 'is not a market date: year 1799 is before 1800 — correct the year: breadth reads dates from 1800-01-01 on'],
    // Two separators that differ: no form read; the row's own date is not told.
    ['2024/01-02', 'is not a valid date — write dates as YYYY-MM-DD (or 2020/03/31, YYYYMMDD, 31-Mar-2020, or a date-time at midnight such as 2020-03-31T00:00:00Z), e.g. 2020-03-31'],
    // A time of day: the row's date in the fix.
    ['2024/1/2 9:30', 'has a time of day (9:30); breadth reads daily bars, one row per date at midnight or with no time — write dates as YYYY-MM-DD (or 2020/03/31, YYYYMMDD, 31-Mar-2020, or a date-time at midnight such as 2020-03-31T00:00:00Z), e.g. 2024-01-02'],
  ])('%s is refused, saying why', (text, said) => {
    expect(parseDateText(text)).toBeNaN();
    expect(badBarDateError({ file: 'X.csv', line: 2, column: 'Date' }, text).message).toBe(`X.csv:2: Date "${text}" ${said}`);
  });

  // Probe r73d F3: 2024-01-01T23:00:00Z (pandas' tz_convert('UTC') of Central-European midnights) was told "e.g. 2024-01-01",
  // the UTC date: a day early for the exchange. 23:00Z + 1 h = 24:00, midnight of 2024-01-02 at UTC+01:00; 15:30Z + 8 h 30 min
  // = 24:00 at UTC+08:30; both dates are said, the next one where these are local midnights, the written one west of UTC.
  it.each([
    ['2024-01-01T23:00:00Z', '23:00:00Z', '+01:00', '2024-01-02', '2024-01-01'],
    ['2024-01-01 15:30:00+00:00', '15:30:00+00:00', '+08:30', '2024-01-02', '2024-01-01'],
    ['2024-02-28T22:00Z', '22:00Z', '+02:00', '2024-02-29', '2024-02-28'],
  ])('%s, a UTC time from 10:00 on: both readings, never the UTC date alone', (text, time, east, next, written) => {
    expect(badBarDateError({ file: 'X.csv', line: 2, column: 'Date' }, text).message).toBe(
      `X.csv:2: Date "${text}" has a time of day (${time}); breadth reads daily bars, one row per date at midnight or with no time, and in UTC the date may not be the exchange's: ${time} is midnight of ${next} at UTC${east} — write each row's date as the exchange's local date, YYYY-MM-DD: ${next} where these are local midnights converted to UTC (pandas' tz_convert('UTC') of an exchange at UTC${east}), ${written} where the exchange is west of UTC; or save the dates before converting them to UTC`,
    );
  });

  it.each(['2024-01-02 16:00:00-05:00', '2024-01-02T05:00:00Z', '2024-01-02T09:30:00Z', '2024-01-02 16:00:00'])('%s (an exchange offset, a morning UTC time, or no zone): the written date', (text) => {
    expect(badBarDateError({ file: 'X.csv', line: 2, column: 'Date' }, text).message).toMatch(/has a time of day \([^)]*\); breadth reads daily bars, one row per date at midnight or with no time — write dates as YYYY-MM-DD .*, e\.g\. 2024-01-02$/);
  });

  it('returns files, FRED rates, symbols.csv and delistings.csv read them as price files do', () => {
    const dir = tempDir();
    // Returns: 2024/01/31 and 2024.2.29 (a leap day) are month-ends January and February 2024.
    const returns = loadReturnsFile(writeFile(dir, 'r.csv', csv('date,return', '2024/01/31,0.01', '2024.2.29,0.02')));
    expect(Array.from(returns.dates, isoDay)).toEqual(['2024-01-31', '2024-02-29']);
    const rates = loadRateSeries(writeFile(dir, 'DTB3.csv', csv('observation_date,DTB3', '2024/01/02,5.2', '2024/1/3,5.3')));
    expect(Array.from(rates.series.dates, isoDay)).toEqual(['2024-01-02', '2024-01-03']);
    const symbols = loadSymbolsFile(writeFile(dir, 'symbols.csv', csv('Symbol,DelistingDate', 'AAA,2024/01/10', 'BBB,')));
    expect(isoDay(symbols.symbols.get('AAA')!.delistedOn)).toBe('2024-01-10');
    const delistings = loadDelistings(writeFile(dir, 'delistings.csv', csv('Ticker,LastDate,DelistReturn', 'CCC,2024.01.03,-0.3')));
    expect(isoDay(delistings.delistings.get('CCC')!.lastDay)).toBe('2024-01-03');
  });
});
