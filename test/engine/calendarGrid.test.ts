// Where a coarse calendar expects its sessions, one period from one of them (engine/calendarGrid.ts),
// by hand from a 2024 calendar.
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../data/dates.ts';
import { gridDay } from '../../engine/calendarGrid.ts';
import { givenFrequency } from '../../engine/frequency.ts';

const at = (iso: string, P: number, periods: number): string | undefined => {
  const day = gridDay(parseIsoDay(iso), givenFrequency(P), periods);
  return day === undefined ? undefined : isoDay(day);
};

describe('gridDay', () => {
  it('business month-ends: the last weekday of the month before or after (2024-03-29 is a Friday, 2024-06-28 too)', () => {
    expect(at('2024-03-29', 12, -1)).toBe('2024-02-29');
    expect(at('2024-03-29', 12, 1)).toBe('2024-04-30');
    expect(at('2024-05-31', 12, 1)).toBe('2024-06-28');
    expect(at('2024-01-31', 12, -1)).toBe('2023-12-29');
  });

  it('month-starts and mid-month dates keep their day of the month, clamped to a shorter month', () => {
    expect(at('2024-01-01', 12, 1)).toBe('2024-02-01');
    expect(at('2024-01-15', 12, -1)).toBe('2023-12-15');
    expect(at('2024-03-20', 12, -1)).toBe('2024-02-20');
  });

  it('quarter- and year-ends, weekly bars; none for daily calendars', () => {
    expect(at('2024-03-29', 4, -1)).toBe('2023-12-29');
    expect(at('2024-06-28', 4, 1)).toBe('2024-09-30');
    expect(at('2023-12-29', 1, 1)).toBe('2024-12-31');
    expect(at('2024-01-12', 52, -1)).toBe('2024-01-05');
    expect(at('2024-01-12', 252, -1)).toBeUndefined();
  });
});
