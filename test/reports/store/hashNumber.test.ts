import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashNumber } from '../../../reports/store/fillsHash.ts';

/** The hash format's definition: 12 significant digits as toPrecision(12) spells them, −0 as 0, NaN as empty. */
const defined = (x: number): string => (x === 0 ? '0' : Number.isNaN(x) ? '' : x.toPrecision(12));

describe('hashNumber', () => {
  it('spells every number as toPrecision(12) does (integers take a shortcut)', () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), (x) => hashNumber(x) === defined(x)), { numRuns: 2000 });
    fc.assert(fc.property(fc.double(), (x) => hashNumber(x) === defined(x)), { numRuns: 2000 });
    for (const x of [1, -1, 9, 10, 999_999_999_999, 1e12 - 1, 1e12, -1e12, 1e12 + 1, 123_456_789_012, -0, NaN, Infinity, -Infinity, 0.5, 1e21]) expect(hashNumber(x), String(x)).toBe(defined(x));
  });
});
