// A coarse calendar's grid and the dates its convention names (engine/calendar/calendarGrid.ts), by hand
// from the 2017–2024 calendar.
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../data/dates.ts';
import { calendarPlace, datingOf, gridDate, nominalSession } from '../../engine/calendar/calendarGrid.ts';
import { inferFrequency } from '../../engine/calendar/frequency.ts';

/** nominalSession from `iso` on a calendar of the ISO dates `calendar` (its place and dating). */
const nominal = (iso: string, periods: -1 | 1, calendar: string[]): string | undefined => {
  const days = calendar.map(parseIsoDay);
  const f = inferFrequency(days);
  const place = calendarPlace(days, f) ?? { weekday: 0, day: 0, month: 0 };
  const on = nominalSession(parseIsoDay(iso), f, periods, place, datingOf(days, f, place));
  return on === undefined ? undefined : isoDay(on);
};
const every = (first: string, step: number, count: number): string[] => Array.from({ length: count }, (_, k) => isoDay(parseIsoDay(first) + step * k));

describe('nominalSession: the date a coarse calendar\'s convention names for the period before or after a session (probe r57c)', () => {
  const fridays = every('2018-01-05', 7, 10);
  const businessMonthEnds = ['2018-01-31', '2018-02-28', '2018-03-29', '2018-04-30', '2018-05-31', '2018-06-29', '2018-07-31'];

  it('Fridays: the Friday a week before 2018-01-05 is 2017-12-29, a week after 2018-03-09 is 03-16; a holiday Thursday bar stands for its Friday', () => {
    expect(nominal('2018-01-05', -1, fridays)).toBe('2017-12-29');
    expect(nominal('2018-03-09', 1, fridays)).toBe('2018-03-16');
    expect(nominal('2018-03-29', 1, fridays)).toBe('2018-04-06'); // Good Friday's Thursday: next week's Friday
    expect(nominal('2018-01-09', -1, fridays)).toBe('2018-01-05'); // a Tuesday off the grid: the last Friday before it
  });

  it('business month-ends: December 2017\'s last weekday is Friday the 29th (its 31st a Sunday); November 2022 → Friday 2022-12-30', () => {
    expect(nominal('2018-01-31', -1, businessMonthEnds)).toBe('2017-12-29');
    expect(nominal('2018-03-29', -1, businessMonthEnds)).toBe('2018-02-28'); // from Good Friday's Thursday month-end
    expect(nominal('2022-11-30', 1, businessMonthEnds)).toBe('2022-12-30');
    expect(nominal('2018-01-15', -1, businessMonthEnds)).toBe('2017-12-29'); // mid-month, off the grid: the month-end before it
    expect(nominal('2018-01-15', 1, businessMonthEnds)).toBe('2018-01-31');
  });

  it('calendar month-ends with weekend dates: the last day itself (Saturday 2023-09-30)', () => {
    expect(nominal('2023-10-31', -1, ['2023-10-31', '2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31'])).toBe('2023-09-30');
  });

  it('month-starts: the 1st, moved forward past a weekend (June 2024 starts on Saturday: Monday 06-03), whatever the median day', () => {
    const starts = ['2024-06-03', '2024-07-01'];
    expect(nominal('2024-06-03', -1, starts)).toBe('2024-05-01');
    expect(nominal('2024-05-01', 1, starts)).toBe('2024-06-03');
  });

  it('quarters and years keep their months; daily calendars have none', () => {
    const quarterEnds = ['2023-03-31', '2023-06-30', '2023-09-29', '2023-12-29', '2024-03-28', '2024-06-28'];
    expect(nominal('2024-03-28', -1, quarterEnds)).toBe('2023-12-29');
    expect(nominal('2023-03-31', -1, quarterEnds)).toBe('2022-12-30');
    expect(nominal('2023-12-29', 1, ['2019-12-31', '2020-12-31', '2021-12-31', '2022-12-30', '2023-12-29'])).toBe('2024-12-31');
    expect(nominal('2024-01-12', -1, every('2024-01-01', 1, 30))).toBeUndefined();
  });
});

describe('gridDate: the date of its grid a coarse calendar\'s date stands for (probe r45b F3)', () => {
  /** The grid date of `iso` on a calendar of the ISO dates `calendar`, or undefined off the grid. */
  const on = (iso: string, calendar: string[]): string | undefined => {
    const days = calendar.map(parseIsoDay);
    const f = inferFrequency(days);
    const grid = gridDate(parseIsoDay(iso), f, calendarPlace(days, f)!);
    return grid === undefined ? undefined : isoDay(grid);
  };
  const fridays = Array.from({ length: 11 }, (_, k) => isoDay(parseIsoDay('2024-01-05') + 7 * k));
  const monthEnds = ['2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30', '2024-05-31', '2024-06-28', '2024-07-31', '2024-08-30', '2024-09-30'];
  const quarterEnds = ['2023-03-31', '2023-06-30', '2023-09-29', '2023-12-29', '2024-03-28', '2024-06-28', '2024-09-30'];

  it('Fridays: a Thursday stands for the Friday after it, a Saturday for the one before; a Tuesday is off the grid (a weekly bar moves a day at most)', () => {
    expect(on('2024-01-25', fridays)).toBe('2024-01-26');
    expect(on('2024-01-27', fridays)).toBe('2024-01-26');
    expect(on('2024-01-23', fridays)).toBeUndefined();
  });

  it('business month-ends: the last day of the month within three days, 2024-07-01 for 06-30; the 15th is off the grid', () => {
    expect(on('2024-06-28', monthEnds)).toBe('2024-06-30');
    expect(on('2024-07-01', monthEnds)).toBe('2024-06-30');
    expect(on('2024-06-15', monthEnds)).toBeUndefined();
  });

  it('quarter-ends in March, June, September and December: a May month-end is off the grid', () => {
    expect(on('2024-06-27', quarterEnds)).toBe('2024-06-30');
    expect(on('2024-05-31', quarterEnds)).toBeUndefined();
  });
});
