// The comparison page's rolling one-year excess return spans one calendar year of dates, whatever
// the runs' own P and however few dates they share (probe r72d F2: a window of P shared points
// spanned 16 months for a daily and a calendar month-end run, and a daily P = 252 over shared
// month-ends dropped the chart). Expected values are computed by hand in the comments.

import { describe, expect, it } from 'vitest';
import { isoDay } from '../../../data/dates.ts';
import { yearAgoRows } from '../../../reports/html/comparison/comparisonCharts.ts';
import { type ComparisonRun, renderComparison } from '../../../reports/html/index.ts';
import { comparisonRun, payload } from './helpers/pages.ts';

function run(label: string, dates: string[], nav: number[], periodsPerYear: number): ComparisonRun {
  const zeros = dates.map(() => 0);
  return { ...comparisonRun(label, 1, 3), label, dates, nav, periodsPerYear, riskFreeReturns: undefined, exposures: { gross: zeros, net: zeros } };
}

/** Every weekday from `from` to `to` (ISO). */
function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) out.push(day.toISOString().slice(0, 10));
  }
  return out;
}

/** The rolling-excess line of the page's first later run, as date → value (points with a value only). */
function rollingExcess(html: string): Map<string, number> {
  const { axes, charts } = payload(html);
  const chart = charts.find((c) => c.id === 'rolling-excess') as unknown as { series: { x: string; values: (number | null)[] }[] } | undefined;
  if (chart === undefined) return new Map();
  const s = chart.series[0];
  let day = 0;
  const dates = axes[s.x].map((d, j) => isoDay(j === 0 ? (day = d) : (day += d)));
  return new Map(dates.flatMap((d, j) => (s.values[j] === null ? [] : [[d, s.values[j] as number]])));
}

// Calendar month-ends 2022-01-31 … 2024-01-31 (25); those on a weekday (19) are the dates a weekday run shares:
// 2022 Apr 30 Sat, Jul 31 Sun, Dec 31 Sat and 2023 Apr 30 Sun, Sep 30 Sat, Dec 31 Sun are not.
const CAL_ENDS = Array.from({ length: 25 }, (_, k) => isoDay(Date.UTC(2022, k + 1, 0) / 86_400_000));

describe('the rolling one-year excess return', () => {
  it('finds the shared date one calendar year earlier, within half a month', () => {
    const shared = CAL_ENDS.filter((d) => weekdays(d, d).length === 1);
    expect(shared).toHaveLength(19);
    const back = yearAgoRows(shared);
    // 2024-01-31 → 2023-01-31 (row 9); 2023-03-31 → 2022-03-31 (row 2); 2023-05-31 → 2022-05-31 (row 3);
    // 2022-… rows have nothing a year back (−1). 12 shared rows back from 2024-01-31 is 2022-09-30, 16 months.
    expect(shared[back[18]]).toBe('2023-01-31');
    expect(shared[back[shared.indexOf('2023-03-31')]]).toBe('2022-03-31');
    expect(shared[back[shared.indexOf('2023-05-31')]]).toBe('2022-05-31');
    expect(Array.from(back.slice(0, 9))).toEqual(Array(9).fill(-1));
    // Month-ends on the last weekday: one year before 2024-03-29 is 2023-03-29, nearest shared 2023-03-31 (2 days), not 2023-02-28 (29).
    expect(yearAgoRows(['2023-02-28', '2023-03-31', '2024-02-29', '2024-03-29'])[3]).toBe(1);
  });

  it('a daily reference and a calendar month-end run (P = 12): one year, not 12 shared points', () => {
    // Reference flat at 100 on every weekday; the other 100 · 1.01^k on calendar month-end k = 0 … 24.
    // At 2024-01-31 (k = 24) the year since 2023-01-31 (k = 12): 1.01^12 − 1 = 0.1268250; the reference 0.
    // The old window of 12 shared points reached back to 2022-09-30 (k = 8): 1.01^16 − 1 = 0.1725786.
    const days = weekdays('2022-01-31', '2024-01-31');
    const ref = run('ref', days, days.map(() => 100), 252);
    const cal = run('cal', CAL_ENDS, CAL_ENDS.map((_, k) => 100 * 1.01 ** k), 12);
    const line = rollingExcess(renderComparison({ title: 't', runs: [ref, cal] }));
    expect(line.get('2024-01-31')).toBeCloseTo(1.01 ** 12 - 1, 6);
    // 2023-01-31's year reaches 2022-01-31, the first shared date: 1.01^12 − 1 as well.
    expect(line.get('2023-01-31')).toBeCloseTo(1.01 ** 12 - 1, 6);
    expect([...line.keys()][0]).toBe('2023-01-31');
  });

  it('a month-end reference against a daily run (P = 252) still draws the chart over 13 shared month-ends', () => {
    // Reference on the 13 weekday month-ends 2023-01-31 … 2024-01-31, level 100 + k; the daily run 200 on
    // 2023-01-31, 220 on 2024-01-31, 210 on other days. 2024-01-31: 220/200 − 1 − (112/100 − 1) = 0.10 − 0.12 = −0.02.
    // The old window of 252 shared points drew nothing ("Less than a year of shared dates").
    const ends = ['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-28', '2023-05-31', '2023-06-30', '2023-07-31', '2023-08-31', '2023-09-29', '2023-10-31', '2023-11-30', '2023-12-29', '2024-01-31'];
    const monthly = run('monthly', ends, ends.map((_, k) => 100 + k), 12);
    const days = weekdays('2023-01-31', '2024-01-31');
    const daily = run('daily', days, days.map((d) => (d === '2023-01-31' ? 200 : d === '2024-01-31' ? 220 : 210)), 252);
    const html = renderComparison({ title: 't', runs: [monthly, daily] });
    expect(html).not.toContain('Less than a year of shared dates');
    const line = rollingExcess(html);
    expect([...line.keys()]).toEqual(['2024-01-31']);
    expect(line.get('2024-01-31')).toBeCloseTo(-0.02, 12);
  });
});
