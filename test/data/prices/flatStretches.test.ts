// Stretches of repeated values (data/flatStretches.ts): the one detector behind a benchmark's
// flat-stretch caveat and a run's caveat of repeated prices it held.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatStretches } from '../../../data/flatStretches.ts';

describe('flatStretches', () => {
  it('by hand: rows without a value do not break a stretch; `least` keeps the longer ones', () => {
    // Values 10 10 NaN 10 | 11 | 12 12 | 13: returns after the first value: 6 (the NaN row has none).
    const levels = [10, 10, NaN, 10, 11, 12, 12, 13];
    expect(flatStretches(levels, 2)).toEqual({
      stretches: [
        { from: 0, to: 3, values: 3 },
        { from: 5, to: 6, values: 2 },
      ],
      returns: 6,
    });
    expect(flatStretches(levels, 3).stretches).toEqual([{ from: 0, to: 3, values: 3 }]);
    expect(flatStretches([NaN, NaN], 2)).toEqual({ stretches: [], returns: 0 });
  });

  it('with `least` 2 the stretches hold every 0 % return: Σ (values − 1) is the count of values equal to the one before', () => {
    const level = fc.oneof(fc.constant(NaN), fc.integer({ min: 1, max: 3 }));
    fc.assert(
      fc.property(fc.array(level, { maxLength: 60 }), fc.integer({ min: 2, max: 6 }), (levels, least) => {
        const valued = levels.filter((v) => !Number.isNaN(v));
        const repeats = valued.filter((v, k) => k > 0 && v === valued[k - 1]).length;
        const all = flatStretches(levels, 2);
        expect(all.returns).toBe(Math.max(0, valued.length - 1));
        expect(all.stretches.reduce((sum, s) => sum + s.values - 1, 0)).toBe(repeats);
        // Each starts and ends on a value, the same one.
        for (const s of all.stretches) expect([Number.isNaN(levels[s.from]), levels[s.to]]).toEqual([false, levels[s.from]]);
        // A larger `least` keeps exactly the stretches that long.
        expect(flatStretches(levels, least).stretches).toEqual(all.stretches.filter((s) => s.values >= least));
      }),
    );
  });
});
