// Which sessions' NAV observes the book (reports/navObservations.ts): only one on which every held
// position carried an earlier close is left out of the pairing with a benchmark.
import { describe, expect, it } from 'vitest';
import { carriedSessions, observedValues } from '../../reports/navObservations.ts';

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
