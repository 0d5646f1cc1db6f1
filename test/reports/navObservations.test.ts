// Which sessions' NAV observes the book (reports/navObservations.ts): only one on which every held
// position carried an earlier close is left out of the pairing with a benchmark.
import { describe, expect, it } from 'vitest';
import { carriedSessions, observedIntervals, observedValues } from '../../reports/navObservations.ts';

describe('carriedSessions', () => {
  it('a session is unobserved only when every held position, long or short, carried its mark', () => {
    // Rows: cash only; 1 long carried of 1; 2 longs, 1 carried (half the book priced: observed);
    // 1 long + 1 short, both carried; 1 short carried of 1 long + 1 short.
    const long = [0, 1, 2, 1, 1];
    const short = [0, 0, 0, 1, 1];
    const carried = [0, 1, 1, 2, 1];
    expect(carriedSessions(long, short, carried)).toEqual([1, 3]);
  });

  it('runs stored before the store kept the count (NaN) observe every session', () => {
    expect(carriedSessions([1, 1], [0, 0], [NaN, NaN])).toEqual([]);
  });
});

describe('observedValues', () => {
  it('NaN on the carried rows, nulls as NaN, the rest unchanged', () => {
    expect(Array.from(observedValues([100, 102, null, 104], [1]))).toEqual([100, NaN, NaN, 104]);
  });
});

describe('observedIntervals', () => {
  it('joins the return ending on a carried row with the next, and drops one ending on a carried last row', () => {
    // Levels 100 (day 10), 102 (11), carried 102 (12), 104 (13), carried 104 (14): returns 0.02, 0, 2/102, 0.
    // Row 2 carried: 11 → 13 is one interval, 104/102 − 1 = 0.0196078…; row 4 (the last) carried: its return is left out.
    const r = [0.02, 0, 104 / 102 - 1, 0];
    const out = observedIntervals([11, 12, 13, 14], r, 10, [2, 4]);
    expect(Array.from(out.dates)).toEqual([11, 13]);
    expect(Array.from(out.starts)).toEqual([10, 11]);
    expect(out.returns[0]).toBe(0.02); // untouched where no row is carried: the same float, not (1 + r) − 1
    expect(out.returns[1]).toBeCloseTo(104 / 102 - 1, 15);
  });

  it('no carried rows: the series as seriesIntervals gives it', () => {
    const out = observedIntervals([11, 12], [0.1, -0.05], undefined, []);
    expect(Array.from(out.returns)).toEqual([0.1, -0.05]);
    expect(Number.isNaN(out.starts[0])).toBe(true);
    expect(out.starts[1]).toBe(11);
  });
});
