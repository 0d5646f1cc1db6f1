import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { movedByRatio } from '../../../data/prices/series/dailyRange.ts';

describe('movedByRatio: a move by a split ratio within the symbol\'s daily range', () => {
  it('an exact ×4 on a 1:4 after a flat history: ln(4 × 0.25) = 0, within the 3 % floor', () => {
    expect(movedByRatio([5, 5, 20], 2, 2, 0.25)).toBe(true);
  });
  it('a 3:2 with Close 53 → 42 after days of ~1.9 %: ln(42 × 1.5 / 53) = 17.3 % beyond 3 × 1.94 % = 5.8 %: a price move', () => {
    expect(movedByRatio([50, 51, 52, 53, 42], 4, 4, 1.5)).toBe(false);
  });
  it('a 1:10 with Close 2.2 → 23 after days of 4.9 % and 4.7 %: ln(23 / 22) = 4.4 % within 3 × 4.77 % = 14.3 %', () => {
    expect(movedByRatio([2, 2.1, 2.2, 23], 3, 3, 0.1)).toBe(true);
  });
  it('across a suspended row: Close 53, 53 (stale), 26 on a 2:1 stated on the stale row is within the floor', () => {
    expect(movedByRatio([53, 53, 53, 26], 2, 3, 2)).toBe(true);
  });
  it('is the same for prices in any unit, and for any ratio a move of the ratio × e^ε with |ε| ≤ 3 % (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.constantFrom(0.1, 0.25, 1.5, 2, 3), fc.double({ min: -0.03, max: 0.03, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (history, ratio, eps, unit) => {
        const close = [...history, (history[history.length - 1] / ratio) * Math.exp(eps * 0.999)];
        const at = close.length - 1;
        expect(movedByRatio(close, at, at, ratio)).toBe(true);
        expect(movedByRatio(close.map((c) => c * unit), at, at, ratio)).toBe(movedByRatio(close, at, at, ratio));
      }),
      { seed: 20261130 },
    );
  });
});
