// A rate a decision can know (DESIGN.md's causality contract): a daily rate is the rate of its
// own day; a period average dated on its period's first day (FRED's monthly TB3MS, quarterly
// series alike) is known only once its period is over (probe r37b: rate-regime read July 2020's
// average on July 1st).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, parseIsoDay } from '../../data/dates.ts';
import { rateAsOf, rateKnownOn, startDatedMonths, type RateSeries } from '../../data/rates.ts';

const series = (name: string, isoDates: string[], values: number[]): RateSeries => ({ name, dates: Int32Array.from(isoDates.map(parseIsoDay)), values: Float64Array.from(values) });
// TB3MS 2020-04 … 2020-08 (percent a year / 100): May 0.13, June 0.16, July 0.13.
const tb3ms = series('TB3MS', ['2020-04-01', '2020-05-01', '2020-06-01', '2020-07-01', '2020-08-01'], [0.0014, 0.0013, 0.0016, 0.0013, 0.001]);

describe('rateKnownOn', () => {
  it("a monthly average dated on its month's first day is known from the next month's first day", () => {
    expect(startDatedMonths(tb3ms)).toBe(1);
    expect(rateKnownOn(tb3ms, parseIsoDay('2020-07-01'))).toBe(0.0016); // June's, not July's 0.0013
    expect(rateKnownOn(tb3ms, parseIsoDay('2020-07-31'))).toBe(0.0016);
    expect(rateKnownOn(tb3ms, parseIsoDay('2020-06-30'))).toBe(0.0013); // May's
    expect(rateKnownOn(tb3ms, parseIsoDay('2020-09-01'))).toBe(0.001); // August over
    expect(rateKnownOn(tb3ms, parseIsoDay('2020-04-30'))).toBeNaN(); // April not over, nothing before it
    // Cash accrues at the month's own average: rateAsOf is unchanged.
    expect(rateAsOf(tb3ms, parseIsoDay('2020-07-15'))).toBe(0.0013);
  });

  it('a quarterly series dated on the quarter\'s first day: known once the quarter is over', () => {
    const q = series('Q', ['2020-01-01', '2020-04-01', '2020-07-01', '2020-10-01'], [0.01, 0.02, 0.03, 0.04]);
    expect(startDatedMonths(q)).toBe(3);
    expect(rateKnownOn(q, parseIsoDay('2020-07-15'))).toBe(0.02); // Q2 (Apr–Jun) is over; Q3 is not
    expect(rateKnownOn(q, parseIsoDay('2020-06-30'))).toBe(0.01);
  });

  it('a daily series, or a monthly one dated at month-ends, is the rate of its own date', () => {
    const daily = series('DTB3', ['2020-07-01', '2020-07-02', '2020-07-06'], [0.0014, 0.0013, 0.0015]);
    expect(startDatedMonths(daily)).toBe(0);
    expect(rateKnownOn(daily, parseIsoDay('2020-07-02'))).toBe(0.0013);
    const ends = series('M', ['2020-05-31', '2020-06-30', '2020-07-31'], [0.01, 0.02, 0.03]);
    expect([startDatedMonths(ends), rateKnownOn(ends, parseIsoDay('2020-07-01'))]).toEqual([0, 0.02]);
  });

  it('property: a start-dated monthly series read on a day never depends on a row whose month is not over', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.2, noNaN: true }), { minLength: 2, maxLength: 36 }), fc.integer({ min: 0, max: 1200 }), fc.double({ min: 0, max: 0.2, noNaN: true }), (values, offset, other) => {
        const dates = Int32Array.from(values, (_, k) => epochDay(2020, 1 + k, 1));
        const day = dates[0] + offset;
        const known = rateKnownOn({ name: 'm', dates, values: Float64Array.from(values) }, day);
        // Every row whose month ends after `day` (its next month's first day is later) rewritten.
        const revised = Float64Array.from(values, (v, k) => (epochDay(2020, 2 + k, 1) > day ? other : v));
        expect(Object.is(rateKnownOn({ name: 'm', dates, values: revised }, day), known)).toBe(true);
      }),
    );
  });
});
