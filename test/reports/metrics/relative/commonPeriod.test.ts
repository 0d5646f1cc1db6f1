// Two sides measured over the intervals they share: an annual return over intervals merged
// across a benchmark's missing dates is annualised by the time they cover, not by their count
// (probe r13b: a daily benchmark missing March 2022 gave the run 14.03 % beside its own 13.36 %): both
// sides over the series' rows, rows / P years, so over the whole run the run's figure is its own.
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../../data/dates.ts';
import { commonIntervals, measureOver, monthIndex } from '../../../../reports/metrics/index.ts';
import { weekdays } from '../../../engine/fixtures.ts';

const value = (metrics: { name: string; value: number | null }[], name: string): number | null => metrics.find((m) => m.name === name)?.value ?? null;

describe('the common period of a run and a benchmark with missing dates', () => {
  it('daily: 3 intervals over 5 sessions annualise over 5 sessions (by hand: 1.05^(252/5) − 1 and 1.1^(252/5) − 1)', () => {
    const days = weekdays('2024-01-01', 6);
    const nav = Float64Array.of(100, 101, 102, 103, 104, 105);
    const levels = Float64Array.of(100, 102, NaN, NaN, 103, 110);
    const common = commonIntervals(nav, levels, days, 252);
    expect([common.pairing.intervals, common.pairing.periodsPerYear, common.periods]).toEqual([3, 252, 5]);
    expect(value(measureOver(common, days, 'r'), 'annual_return')).toBeCloseTo(1.05 ** (252 / 5) - 1, 9);
    expect(value(measureOver(common, days, 'b'), 'annual_return')).toBeCloseTo(1.1 ** (252 / 5) - 1, 9);
  });

  /** Month-end sessions from 2022-01-31 (weekdays), the one at `missing` left out, `count` kept. */
  const monthEnds = (count: number, missing: number) => {
    const days = weekdays('2022-01-31', 560);
    const ends = Array.from(days).filter((d, k) => k === 0 || (k + 1 < days.length && monthIndex(days[k + 1]) !== monthIndex(d)));
    const keep = ends.filter((_, k) => k !== missing).slice(0, count);
    const last = days.indexOf(keep[keep.length - 1]);
    return { days: days.subarray(0, last + 1), keep };
  };

  it('a daily run against 24 month-ends missing the 11th: 23 monthly intervals annualised over the run\'s sessions (by hand: (1.01^23)^(252/sessions) − 1)', () => {
    const { days, keep } = monthEnds(24, 10);
    // The NAV gains 1 % on each kept month-end after the first; the benchmark is flat. The common period is the whole run.
    let nav = 100;
    const navs = Float64Array.from(days, (d, k) => (k > 0 && keep.includes(d) ? (nav *= 1.01) : nav));
    const levels = Float64Array.from(days, (d) => (keep.includes(d) ? 1 : NaN));
    const common = commonIntervals(navs, levels, days, 252);
    const sessions = days.length - 1;
    expect([common.pairing.intervals, common.pairing.periodsPerYear]).toEqual([23, 12]);
    expect(common.periods).toBeCloseTo((sessions * 12) / 252, 12);
    expect(value(measureOver(common, days, 'r'), 'annual_return')).toBeCloseTo(1.01 ** ((23 * 252) / sessions) - 1, 9);
  });

  it('a 7-day run against a weekday benchmark covering it whole: the run\'s figure beside the benchmark is its own (P = 365), and both sides share its time', () => {
    // Probe r14b: 725 calendar-day returns read 47.70 % alone but "this run 30.90 %" beside the benchmark (2.88 "years" for 1.99).
    const days = Int32Array.from({ length: 29 }, (_, k) => parseIsoDay('2024-01-01') + k); // Monday 2024-01-01 … Monday 2024-01-29
    const navs = Float64Array.from(days, (_, k) => 100 * 1.002 ** k);
    const weekday = (d: number) => ((d % 7) + 7 + 3) % 7 < 5; // epoch day 0 was a Thursday
    const levels = Float64Array.from(days, (d, k) => (weekday(d) ? 100 * 1.001 ** k : NaN));
    expect([weekday(days[0]), weekday(days[28])]).toEqual([true, true]);
    const common = commonIntervals(navs, levels, days, 365);
    expect(common.whole).toBe(true);
    expect(common.periods).toBeCloseTo((28 * common.pairing.periodsPerYear) / 365, 12);
    // 28 daily returns of 0.2 % at P = 365: 1.002^365 − 1; the benchmark's 28 days of 0.1 %: 1.001^365 − 1.
    expect(value(measureOver(common, days, 'r'), 'annual_return')).toBeCloseTo(1.002 ** 365 - 1, 9);
    expect(value(measureOver(common, days, 'b'), 'annual_return')).toBeCloseTo(1.001 ** 365 - 1, 9);
  });
});
