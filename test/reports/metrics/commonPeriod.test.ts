// Two sides measured over the intervals they share: an annual return over intervals merged
// across a benchmark's missing dates is annualised by the time they cover, not by their count
// (probe r13b: a daily benchmark missing March 2022 gave the run 14.03 % beside its own 13.36 %).
import { describe, expect, it } from 'vitest';
import { commonIntervals, measureOver, monthIndex } from '../../../reports/metrics/index.ts';
import { weekdays } from '../../engine/fixtures.ts';

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

  it('a daily run against 24 month-ends missing the 11th: 23 monthly intervals (P = 12) cover 24 months (by hand: 1.01^(23 × 12/24) − 1)', () => {
    const { days, keep } = monthEnds(24, 10);
    // The NAV gains 1 % on each kept month-end after the first; the benchmark is flat.
    let nav = 100;
    const navs = Float64Array.from(days, (d, k) => (k > 0 && keep.includes(d) ? (nav *= 1.01) : nav));
    const levels = Float64Array.from(days, (d) => (keep.includes(d) ? 1 : NaN));
    const common = commonIntervals(navs, levels, days, 252);
    expect([common.pairing.intervals, common.pairing.periodsPerYear, common.periods]).toEqual([23, 12, 24]);
    expect(value(measureOver(common, days, 'r'), 'annual_return')).toBeCloseTo(1.01 ** ((23 * 12) / 24) - 1, 9);
  });

  it('six month-ends missing one are irregular, P counted over their span (10 a year): n / P is their time already, 5 intervals over half a year', () => {
    const { days, keep } = monthEnds(6, 3);
    let nav = 100;
    const navs = Float64Array.from(days, (d, k) => (k > 0 && keep.includes(d) ? (nav *= 1.01) : nav));
    const levels = Float64Array.from(days, (d) => (keep.includes(d) ? 1 : NaN));
    const common = commonIntervals(navs, levels, days, 252);
    expect([common.pairing.intervals, common.pairing.periodsPerYear, common.periods]).toEqual([5, 10, 5]);
    // 1.01^5 over half a year: (1.01^5)^2 − 1.
    expect(value(measureOver(common, days, 'r'), 'annual_return')).toBeCloseTo(1.01 ** 10 - 1, 9);
  });
});
