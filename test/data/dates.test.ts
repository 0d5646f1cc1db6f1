import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayParts, isoDay } from '../../data/dates.ts';

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
