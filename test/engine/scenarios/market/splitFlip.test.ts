// A flip resting across splits (r22a finding 1): the planner covers the holding, then opens the
// other side. Only the cover is capped at the whole shares the position keeps after a split; the
// leg that opens keeps its exact count. FFF −15 held, target +13, across 1:4 then 4:1: the
// position is −15 → −3.75 → −3 (0.75 charged at 40) → −12; the cover +15 → +3.75 → +3 (capped) →
// +12; the open leg +13 → +3.25 → +13 (not +12).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../../engine/execution/orderBook.ts';
import { OrderOrigin } from '../../../../engine/execution/orders.ts';
import { splitResting } from '../../../../engine/execution/restingSplit.ts';
import { MARGIN, orderRows, scenario } from '../../helpers.ts';

describe('splitResting: which orders close the position', () => {
  it('a cover then an open leg against −15 across 1:4: the cover is capped at the 3 kept, the open leg keeps 13/4', () => {
    const rescale = splitResting(-15, 0.25, true);
    expect(rescale({ whole: 15, numerator: 0, denominator: 1 })).toEqual({ whole: 3, numerator: 0, denominator: 1 }); // 3.75 → 3 kept
    expect(rescale({ whole: 13, numerator: 0, denominator: 1 })).toEqual({ whole: 3, numerator: 1, denominator: 4 }); // 3.25 exact
  });

  it('two sales of 10 and 5 of 15 across 1:4: together no more than the 3 kept (2.5, then 0.5 → 0 whole)', () => {
    const rescale = splitResting(15, 0.25, true);
    expect(rescale({ whole: -10, numerator: 0, denominator: 1 })).toEqual({ whole: -2, numerator: -1, denominator: 2 });
    expect(rescale({ whole: -5, numerator: 0, denominator: 1 })).toEqual({ whole: 0, numerator: 0, denominator: 1 });
  });

  it('a buy adding to a long and an order larger than the holding are never capped', () => {
    const rescale = splitResting(15, 0.25, true);
    expect(rescale({ whole: 7, numerator: 0, denominator: 1 })).toEqual({ whole: 1, numerator: 3, denominator: 4 });
    expect(rescale({ whole: -17, numerator: 0, denominator: 1 })).toEqual({ whole: -4, numerator: -1, denominator: 4 });
  });

  it('a fractional book keeps every count exact', () => {
    expect(splitResting(-15, 0.25, false)({ whole: 15, numerator: 0, denominator: 1 })).toEqual({ whole: 3, numerator: 3, denominator: 4 });
  });
});

describe('the order book: a flip across 1:4 then 4:1', () => {
  it('cover +15 rests as +3 then +12; the open leg +13 as +3 (and 1/4) then +13', () => {
    const b = new OrderBook(['FFF'], true);
    b.place(0, 15, 0, OrderOrigin.targets);
    b.place(0, 13, 0, OrderOrigin.targets);
    b.applySplit(0, 0.25, 1, -15);
    expect(b.resting.map((o) => o.quantity)).toEqual([3, 3]);
    b.applySplit(0, 4, 2, -3);
    expect(b.resting.map((o) => o.quantity)).toEqual([12, 13]);
  });
});

/** FFF at 10; a 1:4 reverse split on session 3 (40) and a 4:1 on session 4 (10); no volume on sessions 2–5. */
const FLIP = {
  symbols: ['FFF'],
  closes: [10, 10, 10, 40, 10, 10, 10, 10].map((c) => [c]),
  volumes: [1000, 1000, 0, 0, 0, 0, 1000, 1000].map((v) => [v]),
  splits: [
    { session: 3, symbol: 0, value: 0.25 },
    { session: 4, symbol: 0, value: 4 },
  ],
};

describe('a flip resting across 1:4 then 4:1 (r22a L)', () => {
  it('ends +13 FFF, cash 99,870, NAV 100,000 (hand: 100,000 + 150 − 30 in lieu − 25 × 10)', () => {
    const result = scenario(FLIP, { 0: { shares: { FFF: -15 } }, 1: { shares: { FFF: 13 } } }, { initialCash: 100_000, account: MARGIN });
    expect(orderRows(result).map((o) => [o.quantity, o.filled])).toEqual([
      [-15, -15],
      [15, 12],
      [13, 13],
    ]);
    expect(result.daily.cash[7]).toBe(99_870);
    expect(result.daily.nav[7]).toBe(100_000);
  });
});

/** The ratios a property draws, as [p, q]: p new shares per q old. */
const RATIOS = ['1:4', '4:1', '1:2', '2:1', '1:3', '3:2', '7:5', '1:10'].map((r) => r.split(':').map(Number) as [number, number]);

/** a / b as a BigInt fraction, truncated toward zero. */
const trunc = (a: bigint, b: bigint): bigint => a / b;

describe('property: a hold, then any target, resting across any splits', () => {
  it('ends at the exact arithmetic: the position the splits keep, closed by the closing orders at most, plus the opening leg × Π ratios', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -30, max: 30 }),
        fc.integer({ min: -30, max: 30 }),
        fc.array(fc.constantFrom(...RATIOS), { minLength: 1, maxLength: 3 }),
        (hold, target, ratios) => {
          const k = ratios.length;
          let price = 1_000;
          const closes = [[price], [price]];
          for (const [p, q] of ratios) closes.push([(price = (price * q) / p)]);
          closes.push([price], [price]);
          const volumes = closes.map((_, t) => [t >= 2 && t <= k + 1 ? 0 : 1e12]);
          const splits = ratios.map(([p, q], j) => ({ session: j + 2, symbol: 0, value: p / q }));
          const result = scenario(
            { symbols: ['AAA'], closes, volumes, splits },
            { 0: { shares: { AAA: hold } }, 1: { shares: { AAA: target } } },
            { initialCash: 1e6, account: MARGIN },
          );
          // The orders the target asks for, as fractions n/d of shares: a flip covers, then opens; else one order.
          const h = BigInt(hold);
          const flip = hold !== 0 && target !== 0 && Math.sign(hold) !== Math.sign(target);
          const legs: { n: bigint; d: bigint; closes: boolean; alive: boolean }[] = flip
            ? [
                { n: -h, d: 1n, closes: true, alive: true },
                { n: BigInt(target), d: 1n, closes: false, alive: true },
              ]
            : target === hold
              ? []
              : [{ n: BigInt(target) - h, d: 1n, closes: hold !== 0 && Math.abs(target) < Math.abs(hold) && target * hold >= 0, alive: true }];
          let held = h;
          for (const [p, q] of ratios) {
            held = trunc(held * BigInt(p), BigInt(q)); // the fraction is paid in cash
            for (const leg of legs) {
              if (!leg.alive) continue;
              leg.n *= BigInt(p);
              leg.d *= BigInt(q);
              // A closing order sells at most what the position keeps.
              const abs = leg.n < 0n ? -leg.n : leg.n;
              const kept = held < 0n ? -held : held;
              if (leg.closes && abs > kept * leg.d) [leg.n, leg.d] = [-held, 1n];
              if (trunc(leg.n, leg.d) === 0n) leg.alive = false; // no whole share left: cancelled
            }
          }
          const expected = Number(legs.reduce((sum, leg) => (leg.alive ? sum + trunc(leg.n, leg.d) : sum), held));
          const last = closes.length - 1;
          const shares = (result.daily.nav[last] - result.daily.cash[last]) / closes[last][0];
          return Math.abs(shares - expected) < 1e-6 * Math.max(1, Math.abs(expected));
        },
      ),
      { numRuns: 300 },
    );
  });
});
