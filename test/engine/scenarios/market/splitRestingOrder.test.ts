// A whole-share order resting across several splits keeps its exact count and trades only its
// whole part: +83 across 3:2 then 2:1 is 83 × 3 = 249 shares, not ⌊⌊83 × 1.5⌋ × 2⌋ = 248 (rounded
// at each split). A reduction stays one: the fraction of a position a split pays in cash is not
// sold again after a later split.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../../engine/execution/orderBook.ts';
import { OrderOrigin } from '../../../../engine/execution/orders.ts';
import { splitExact } from '../../../../engine/accounting/shares.ts';
import { SPLIT_RATIOS } from '../../fixtures.ts';
import { MARGIN, orderRows, orders, scenario } from '../../helpers.ts';

describe('splitExact', () => {
  it('scales whole + numerator/denominator exactly (hand values)', () => {
    expect(splitExact(83, 0, 1, 1.5)).toEqual({ whole: 124, numerator: 1, denominator: 2 }); // 124.5
    expect(splitExact(124, 1, 2, 2)).toEqual({ whole: 249, numerator: 0, denominator: 1 }); // 124.5 × 2
    expect(splitExact(-41, 0, 1, 1.5)).toEqual({ whole: -61, numerator: -1, denominator: 2 }); // −61.5
    expect(splitExact(-61, -1, 2, 2)).toEqual({ whole: -123, numerator: 0, denominator: 1 });
    expect(splitExact(15, 0, 1, 0.1)).toEqual({ whole: 1, numerator: 1, denominator: 2 }); // 1.5, 5/10 reduced
    expect(splitExact(1, 1, 2, 1 / 3)).toEqual({ whole: 0, numerator: 1, denominator: 2 }); // 1.5 / 3 = 0.5
    expect(splitExact(2, 1, 3, 1.5)).toEqual({ whole: 3, numerator: 1, denominator: 2 }); // 7/3 × 3/2 = 3.5
  });
});

describe('the order book at a split', () => {
  const book = (): OrderBook => new OrderBook(['A'], true);

  it('carries the fraction: +83 rests as 124 after 3:2, then 249 after 2:1', () => {
    const b = book();
    b.place(0, 83, 0, OrderOrigin.targets);
    b.applySplit(0, 1.5, 1, 0);
    expect(b.resting[0].quantity).toBe(124);
    b.applySplit(0, 2, 2, 0);
    expect(b.resting[0].quantity).toBe(249);
  });

  it('15 across a 1:10 reverse split is 1 whole share, never 1.5; 5 is cancelled (split)', () => {
    const b = book();
    b.place(0, 15, 0, OrderOrigin.targets);
    b.place(0, 5, 0, OrderOrigin.explicit);
    expect(b.applySplit(0, 0.1, 1, 0)).toBe(0.5); // the cancelled order's 0.5 post-split shares
    expect(b.openOrders().map((o) => o.quantity)).toEqual([1]);
  });

  it('a sale of the whole position sells what the position keeps: −15 of 15 across 1:10 then 2:1 is −1, then −2 (not −3)', () => {
    // The position: 15 → 1 share (0.5 paid in cash) → 2. Without the cap the order's exact −1.5 would become −3.
    const b = book();
    b.place(0, -15, 0, OrderOrigin.targets);
    b.applySplit(0, 0.1, 1, 15);
    expect(b.resting[0].quantity).toBe(-1);
    b.applySplit(0, 2, 2, 1);
    expect(b.resting[0].quantity).toBe(-2);
  });

  it('a sale of part of the position keeps its fraction: −83 of 100 across 3:2 then 2:1 is −249 of 300', () => {
    const b = book();
    b.place(0, -83, 0, OrderOrigin.targets);
    b.applySplit(0, 1.5, 1, 100);
    b.applySplit(0, 2, 2, 150);
    expect(b.resting[0].quantity).toBe(-249);
  });

  it('an amendment replaces the carried fraction with the planned whole quantity', () => {
    const b = book();
    b.place(0, 83, 0, OrderOrigin.targets);
    b.applySplit(0, 1.5, 1, 0); // 124 + 1/2
    b.replaceTargetOrders({ count: 1, symbol: Int32Array.of(0), quantity: Float64Array.of(100), cut: Float64Array.of(0) }, 2, false);
    b.applySplit(0, 2, 3, 0);
    expect(b.resting[0].quantity).toBe(200); // not 201 (100.5 × 2)
  });
});

/** AAA at 120, 3:2 on session 3 (80), 2:1 on session 5 (40); no volume on sessions 1–5, so orders rest across both. */
const TWO_SPLITS = {
  symbols: ['AAA', 'BBB'],
  closes: [120, 120, 120, 80, 80, 40, 40, 40].map((c) => [c, 50]),
  volumes: [1e6, 0, 0, 0, 0, 0, 1e6, 1e6].map((v) => [v, 1e6]),
  splits: [
    { session: 3, symbol: 0, value: 1.5 },
    { session: 5, symbol: 0, value: 2 },
  ],
};

describe('a rebalance order resting across a 3:2 and a 2:1 split (r21b b1, b4)', () => {
  it('long: 10,000 / 120 = 83 decided, 83 × 3 = 249 filled at 40 (9,960 ≤ 10,000), not 248', () => {
    const result = scenario(TWO_SPLITS, { 0: { weights: { AAA: 1 } } }, { initialCash: 10_000 });
    expect(orderRows(result)).toEqual([{ id: 1, session: 0, symbol: 'AAA', quantity: 83, filled: 249, status: 'filled', end: 'filled', endSession: 6 }]);
    expect(result.daily.cash[6]).toBe(10_000 - 249 * 40);
  });

  it('short: −0.5 × 10,000 / 120 = −41 decided, −41 × 3 = −123 filled, not −122', () => {
    const result = scenario(TWO_SPLITS, { 0: { weights: { AAA: -0.5, BBB: 0.5 } } }, { initialCash: 10_000, account: MARGIN });
    expect(orderRows(result).find((o) => o.symbol === 'AAA')).toMatchObject({ quantity: -41, filled: -123, status: 'filled' });
  });
});


describe('property: an order resting across splits fills trunc(decided × Π ratios)', () => {
  it('for any ratio sequence and decided quantity, with the cash to pay (0 when a split left less than one share)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5_000, max: 5_000 }).filter((d) => d !== 0), fc.array(fc.constantFrom(...SPLIT_RATIOS), { minLength: 1, maxLength: 4 }), (decided, ratios) => {
        const k = ratios.length;
        let price = 1_000;
        const closes = [[price]];
        for (const [p, q] of ratios) closes.push([(price = (price * q) / p)]);
        closes.push([price]);
        const volumes = closes.map((_, t) => [t >= 1 && t <= k ? 0 : 1e12]);
        const splits = ratios.map(([p, q], j) => ({ session: j + 1, symbol: 0, value: p / q }));
        const result = scenario({ symbols: ['AAA'], closes, volumes, splits }, { 0: orders({ symbol: 'AAA', quantity: decided }) }, { initialCash: 1e7, account: MARGIN });
        // Exact: trunc(|d| × Πp / Πq) with integers; an order left with no whole share at any split is cancelled.
        let num = BigInt(Math.abs(decided));
        let den = 1n;
        let cancelled = false;
        for (const [p, q] of ratios) {
          num *= BigInt(p);
          den *= BigInt(q);
          if (num / den === 0n) cancelled = true;
        }
        const expected = cancelled ? 0 : Math.sign(decided) * Number(num / den);
        return (result.orders.filled[0] ?? 0) === expected;
      }),
    );
  });
});
