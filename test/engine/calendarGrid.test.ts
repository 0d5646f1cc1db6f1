// Where a coarse calendar may hold its session one period from one of its sessions, as a window of
// days (engine/calendarGrid.ts), by hand from a 2023–2024 calendar.
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../data/dates.ts';
import { expectedSession } from '../../engine/calendarGrid.ts';
import { givenFrequency } from '../../engine/frequency.ts';

const at = (iso: string, P: number, periods: number, weekends = false): string[] | undefined =>
  expectedSession(parseIsoDay(iso), givenFrequency(P), periods, weekends)?.map(isoDay);

describe('expectedSession', () => {
  it('business month-ends: the last weekday of the month or the day before (a holiday), to the calendar month-end', () => {
    expect(at('2024-03-28', 12, -1)).toEqual(['2024-02-28', '2024-02-29']); // Good Friday's month-end, 28 ≥ 31 − 3
    expect(at('2024-05-31', 12, 1)).toEqual(['2024-06-27', '2024-06-30']); // June's last weekday is Friday the 28th
    expect(at('2024-01-31', 12, -1)).toEqual(['2023-12-28', '2023-12-31']);
  });

  it('calendar month-ends on a calendar with weekend dates: the last day itself', () => {
    expect(at('2023-10-31', 12, -1, true)).toEqual(['2023-09-30', '2023-09-30']);
  });

  it('month-starts moved to a business day: the 1st to the 4th; a mid-month date: that day to three days later', () => {
    expect(at('2024-06-03', 12, -1)).toEqual(['2024-05-01', '2024-05-04']);
    expect(at('2024-06-17', 12, -1)).toEqual(['2024-05-17', '2024-05-20']); // the 15th moved to Monday the 17th: 17 is no month-start
    expect(at('2023-02-22', 12, -1)).toEqual(['2023-01-22', '2023-01-25']);
  });

  it('quarters, years, weeks; none for daily calendars', () => {
    expect(at('2024-03-28', 4, -1)).toEqual(['2023-12-28', '2023-12-31']);
    expect(at('2023-12-29', 1, 1)).toEqual(['2024-12-30', '2024-12-31']);
    expect(at('2024-04-05', 52, -1)).toEqual(['2024-03-28', '2024-03-30']);
    expect(at('2024-01-12', 252, -1)).toBeUndefined();
  });
});
