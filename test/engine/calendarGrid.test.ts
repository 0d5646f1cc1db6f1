// Where a coarse calendar may hold its session one period from one of its sessions, as a window of
// days (engine/calendarGrid.ts), by hand from a 2021–2025 calendar.
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../data/dates.ts';
import { calendarPlace, expectedSession, gridDate } from '../../engine/calendarGrid.ts';
import { givenFrequency, inferFrequency } from '../../engine/frequency.ts';

const at = (iso: string, P: number, periods: number, typical: number, weekends = false): string[] | undefined =>
  expectedSession(parseIsoDay(iso), givenFrequency(P), periods, { typical, weekends })?.map(isoDay);

describe('expectedSession', () => {
  it('business month-ends: the last weekday of the month or the weekday before it (a holiday), to the calendar month-end', () => {
    expect(at('2024-03-28', 12, -1, 30)).toEqual(['2024-02-28', '2024-02-29']); // Good Friday's month-end
    expect(at('2024-05-31', 12, 1, 30)).toEqual(['2024-06-27', '2024-06-30']); // June's last weekday is Friday the 28th
    // Monday 2021-05-31 was Memorial Day: May's month-end was Friday the 28th, inside the window (probe r41a).
    expect(at('2021-06-30', 12, -1, 30)).toEqual(['2021-05-28', '2021-05-31']);
  });

  it('calendar month-ends on a calendar with weekend dates: the last day itself', () => {
    expect(at('2023-10-31', 12, -1, 31, true)).toEqual(['2023-09-30', '2023-09-30']);
  });

  it("the calendar's own day of the month, not the session's a holiday moved (probe r41a)", () => {
    expect(at('2024-06-03', 12, -1, 1)).toEqual(['2024-05-01', '2024-05-04']); // month-starts
    expect(at('2025-01-06', 12, -1, 2)).toEqual(['2024-12-01', '2024-12-04']); // a Japanese New Year: the 6th, still a month-start
    expect(at('2025-06-16', 12, -1, 15)).toEqual(['2025-05-15', '2025-05-18']); // the 15th moved to Monday the 16th
  });

  it('quarters, years, weeks; none for daily calendars', () => {
    expect(at('2024-03-28', 4, -1, 30)).toEqual(['2023-12-28', '2023-12-31']);
    expect(at('2023-12-29', 1, 1, 30)).toEqual(['2024-12-30', '2024-12-31']);
    expect(at('2024-04-05', 52, -1, 5)).toEqual(['2024-03-28', '2024-03-30']);
    expect(at('2024-01-12', 252, -1, 12)).toBeUndefined();
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
