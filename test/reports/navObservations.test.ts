// Which sessions' NAV observes the book (reports/navObservations.ts): only one on which no held
// position had a bar is left out of the pairing with a benchmark or a factor.
import { describe, expect, it } from 'vitest';
import { joinCarriedEnds } from '../../reports/attribution/factorIntervals.ts';
import { carriedSessions, observedValues } from '../../reports/navObservations.ts';

describe('carriedSessions', () => {
  it('the rows where the engine flagged the NAV as carried; NaN (runs stored before the flag) observes every row', () => {
    expect(carriedSessions([0, 1, 0, 1, NaN])).toEqual([1, 3]);
    expect(carriedSessions([NaN, NaN])).toEqual([]);
  });
});

describe('observedValues', () => {
  it('NaN on the carried rows, nulls as NaN, the rest unchanged', () => {
    expect(Array.from(observedValues([100, 102, null, 104], [1]))).toEqual([100, NaN, NaN, 104]);
  });
});

describe('joinCarriedEnds', () => {
  const intervals = (starts: number[], dates: number[], returns: number[]) => ({ starts, dates, returns });

  it('joins an interval ending on a carried day with the next, and drops one ending on a carried last day', () => {
    // Levels 100 (day 10), 102 (11), carried 102 (12), 104 (13), carried 104 (14): returns 0.02, 0, 2/102, 0.
    // Day 12 carried: 11 → 13 is one interval, 104/102 − 1 = 0.0196078…; day 14 (the last) carried: left out.
    const out = joinCarriedEnds(intervals([10, 11, 12, 13], [11, 12, 13, 14], [0.02, 0, 104 / 102 - 1, 0]), new Set([12, 14]));
    expect(Array.from(out.dates)).toEqual([11, 13]);
    expect(Array.from(out.starts)).toEqual([10, 11]);
    expect(out.returns[0]).toBe(0.02); // untouched where nothing joins: the same float, not (1 + r) − 1
    expect(out.returns[1]).toBeCloseTo(104 / 102 - 1, 15);
  });

  it('two carried days in a row compound three returns; a start on a carried day not joined is unknown', () => {
    // Months: Jan (day 31) carried, Feb (59) carried, Mar (90): (1.1)(0.95)(1.2) − 1 = 0.254 over 0 → 90.
    // A month starting on carried day 120 whose predecessor was dropped (none ends there): start NaN.
    const out = joinCarriedEnds(intervals([0, 31, 59, 120], [31, 59, 90, 151], [0.1, -0.05, 0.2, 0.03]), new Set([31, 59, 120]));
    expect(Array.from(out.dates)).toEqual([90, 151]);
    expect(out.starts[0]).toBe(0);
    expect(out.returns[0]).toBeCloseTo(1.1 * 0.95 * 1.2 - 1, 15);
    expect(Number.isNaN(out.starts[1])).toBe(true);
  });

  it('no carried days: the intervals themselves', () => {
    const given = intervals([10, 11], [11, 12], [0.1, -0.05]);
    expect(joinCarriedEnds(given, new Set())).toBe(given);
  });
});
