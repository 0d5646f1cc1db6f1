// The tear sheet's yearly and crisis tables give a benchmark's return only over the sessions the
// strategy's return spans: a missing level at either end is a blank cell with the reason under the
// table, never a return from an earlier level (a longer span; probe r69a F2).

import { describe, expect, it } from 'vitest';
import { yearlyTable, yearRows } from '../../../reports/html/tearSheet/calendar.ts';
import { crisisRows, crisisTable } from '../../../reports/html/tearSheet/crisis.ts';

describe('benchmark period returns in the tear sheet', () => {
  // Three sessions a year apart: 2022-12-30, 2023-12-29, 2024-12-31; the benchmark has no level on
  // 2023-12-29. 2023 runs 2022-12-30 → 2023-12-29 and 2024 runs 2023-12-29 → 2024-12-31: the
  // benchmark has neither return. 2024 was 121/100 − 1 = 0.21, two years beside the NAV's one.
  const dates = ['2022-12-30', '2023-12-29', '2024-12-31'];
  const nav = [100, 110, 99];
  const bench = [100, null, 121];

  it('yearRows: both years blank, each with the day it lacks', () => {
    const rows = yearRows(dates, nav, bench);
    expect(rows.map((r) => [r.year, r.strategy, r.benchmark, r.benchmarkNote])).toEqual([
      ['2023', expect.closeTo(0.1, 14), null, 'no level on 2023-12-29'],
      ['2024', expect.closeTo(-0.1, 14), null, 'no level on 2023-12-29'],
    ]);
    const html = yearlyTable(rows, 'S', 'BM');
    expect(html).toContain('won 0 of 0 years');
    expect(html).toContain('– BM has no return over the same sessions (2023: no level on 2023-12-29; 2024: no level on 2023-12-29)');
  });

  it('yearRows: a level at both ends is the return between them, with no note', () => {
    const rows = yearRows(dates, nav, [100, 105, 121]);
    expect(rows.map((r) => r.benchmark)).toEqual([expect.closeTo(0.05, 14), expect.closeTo(121 / 105 - 1, 14)]);
    expect(rows.every((r) => r.benchmarkNote === undefined)).toBe(true);
    expect(yearlyTable(rows, 'S', 'BM')).not.toContain('no return over the same sessions');
  });

  it('crisisRows: a window whose start session has no level is blank, with the reason', () => {
    // The 2022 window runs from the last session before it (2021-12-31) to its last (2022-12-30).
    const rows = crisisRows(['2021-12-30', '2021-12-31', '2022-12-30'], [100, 100, 80], [50, null, 40]);
    expect(rows.map((r) => [r.window.name, r.strategy, r.benchmark, r.benchmarkNote])).toEqual([['2022 bear market', expect.closeTo(-0.2, 14), null, 'no level on 2021-12-31']]);
    expect(crisisTable(rows, 'S', 'BM')).toContain('2022 bear market: no level on 2021-12-31');
    expect(crisisRows(['2021-12-30', '2021-12-31', '2022-12-30'], [100, 100, 80], [50, 50, 40])[0].benchmark).toBeCloseTo(-0.2, 14);
  });
});
