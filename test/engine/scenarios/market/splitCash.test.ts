// Cash in lieu of a split's fraction is the decimal fraction itself (1,666 shares through a 1:10
// reverse split leave 0.6 of a share, stored as −0.6, not −0.6000000000000227), and the book
// keeps the whole count exactly.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FillReason } from '../../../../engine/result.ts';
import { pricePerNewShare, splitParts } from '../../../../engine/accounting/shares.ts';
import { orders, scenario } from '../../helpers.ts';

describe('splitParts', () => {
  it('is the whole part and the decimal fraction, signed like the position (hand values)', () => {
    expect(1666 * 0.1).not.toBe(166.6); // the noise this replaces: 166.60000000000002
    expect(splitParts(1666, 0.1)).toEqual({ whole: 166, fraction: 0.6 });
    expect(splitParts(9166, 0.1)).toEqual({ whole: 916, fraction: 0.6 });
    expect(splitParts(-9166, 0.1)).toEqual({ whole: -916, fraction: -0.6 });
    expect(splitParts(7, 1 / 3)).toEqual({ whole: 2, fraction: 1 / 3 });
    expect(splitParts(5, 1.5)).toEqual({ whole: 7, fraction: 0.5 });
    expect(splitParts(40, 2)).toEqual({ whole: 80, fraction: 0 });
    expect(splitParts(1001, 0.01)).toEqual({ whole: 10, fraction: 0.01 });
    expect(splitParts(2.5, 2)).toEqual({ whole: 5, fraction: 0 }); // a fractional book: the product
  });

  it('equals ⌊|n|·p/q⌋ and (|n|·p mod q)/q for any whole count and ratio p/q', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (n, p, q) => {
        const { whole, fraction } = splitParts(n, p / q);
        const rest = (Math.abs(n) * p) % q;
        return whole === Math.sign(n) * ((Math.abs(n) * p - rest) / q) && fraction === (Math.sign(n) * rest) / q + 0;
      }),
    );
  });
});

describe('pricePerNewShare: a printed price through a split stays the decimal it is', () => {
  it('3.8 through a 1:5 reverse split is 19 (3.8 / 0.2 = 18.999999999999996 would miss a low of 19)', () => {
    expect(3.8 / 0.2).not.toBe(19);
    expect(pricePerNewShare(3.8, 0.2)).toBe(19);
    expect(pricePerNewShare(30, 1.5)).toBe(20);
  });
  it('property: a cent price through 1:n is n times it, exactly; a price n cents apart through n:1 is its nth, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 2, max: 1000 }), (cents, n) => {
        expect(pricePerNewShare(cents / 100, 1 / n)).toBe((cents * n) / 100);
        expect(pricePerNewShare((cents * n) / 100, n)).toBe(cents / 100);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('1:10 reverse split on 1,666 whole shares (t1)', () => {
  // t0: buy 1,666 at market; t1 fills at 10. t2: ex-date of a 1:10 split, open 100:
  // 166.6 shares → 166 kept, 0.6 paid in cash at 100 = 60.
  const result = scenario(
    { symbols: ['A'], closes: [[10], [10], [100], [100]], splits: [{ session: 2, symbol: 0, value: 0.1 }] },
    { 0: orders({ symbol: 'A', quantity: 1666 }) },
    { initialCash: 100_000 },
  );
  const f = result.fills;
  const k = [...f.reason.keys()].find((j) => f.reason[j] === FillReason.splitCash) as number;

  it('stores the fraction as −0.6 at the ex-date open', () => {
    expect(f.quantity[k]).toBe(-0.6);
    expect(f.price[k]).toBe(100);
    expect(f.session[k]).toBe(2);
  });

  it('keeps 166 whole shares and credits 60 in cash', () => {
    // Cash: 100,000 − 16,660 + 60 = 83,400; NAV at t3 = 166 × 100 + 83,400 = 100,000.
    expect(result.daily.cash[3]).toBeCloseTo(83_400, 9);
    expect(result.daily.nav[3]).toBeCloseTo(100_000, 9);
    expect(result.daily.longValue[3]).toBe(16_600);
  });

  it('counts the cash in lieu as traded notional, like any fill: 0.6 × 100 = 60 on the ex-date', () => {
    // t1: 1,666 × 10 = 16,660; t2: the fraction sold, 0.6 × 100 = 60.
    expect(Array.from(result.daily.tradedNotional)).toEqual([0, 16_660, 60, 0]);
  });
});
