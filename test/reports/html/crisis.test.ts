// A crisis window is partial only when the run misses a day its calendar could have traded inside it.
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../../data/dates.ts';
import { crisisRows } from '../../../reports/html/tearSheet/crisis.ts';

/** Every day from `from` to `to` whose weekday (0 = Sunday) is in `weekdays`, ISO. */
function calendar(from: string, to: string, weekdays: readonly number[]): string[] {
  const out: string[] = [];
  for (let d = parseIsoDay(from); d <= parseIsoDay(to); d++) if (weekdays.includes((((d + 4) % 7) + 7) % 7)) out.push(isoDay(d));
  return out;
}
const WEEKDAYS = [1, 2, 3, 4, 5];
const bear = (dates: string[]) => crisisRows(dates, dates.map((_, t) => 100 + t), undefined).find((r) => r.window.name === '2022 bear market');

describe('crisis window coverage', () => {
  it('a weekday run from Mon 2022-01-03 to Fri 2022-12-30 covers the 2022 window (Jan 1–2 and Dec 31 fall on a weekend)', () => {
    const dates = calendar('2021-12-01', '2022-12-30', WEEKDAYS);
    const row = bear(dates);
    expect(row?.partial).toBe(false);
    // From the last NAV before the window (Fri 2021-12-31) to the last inside it.
    const start = dates.indexOf('2021-12-31');
    expect(row?.strategy).toBeCloseTo((100 + dates.length - 1) / (100 + start) - 1, 14);
  });

  it('a weekday run ending Thu 2022-12-29 misses Fri 2022-12-30, and one starting Tue 2022-01-04 misses Mon 2022-01-03', () => {
    expect(bear(calendar('2021-12-01', '2022-12-29', WEEKDAYS))?.partial).toBe(true);
    expect(bear(calendar('2022-01-04', '2023-01-31', WEEKDAYS))?.partial).toBe(true);
  });

  it('a 7-day (crypto) run ending Fri 2022-12-30 misses Sat 2022-12-31', () => {
    expect(bear(calendar('2021-12-01', '2022-12-30', [0, 1, 2, 3, 4, 5, 6]))?.partial).toBe(true);
    expect(bear(calendar('2021-12-01', '2022-12-31', [0, 1, 2, 3, 4, 5, 6]))?.partial).toBe(false);
  });

  it('a weekly run on Fridays ending 2022-12-30 covers it; ending 2022-12-23 it does not', () => {
    expect(bear(calendar('2021-06-04', '2022-12-30', [5]))?.partial).toBe(false);
    expect(bear(calendar('2021-06-04', '2022-12-23', [5]))?.partial).toBe(true);
  });
});
