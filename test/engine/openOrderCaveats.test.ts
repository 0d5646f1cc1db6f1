// Orders still open at the run's end (engine/openOrderCaveats.ts): sales and purchases said apart,
// sized by the larger side — a switch's two legs are one move of the book, not 200 % of it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openOrdersCaveats } from '../../engine/openOrderCaveats.ts';
import { fixtureMarket } from './fixtures.ts';
import { scenario } from './helpers.ts';

describe('orders still open at the run’s end', () => {
  it('a switch whose sale is suspended on the last session: a sale and a purchase of 100 % each, not 200 % (probe r20b sw1/last)', () => {
    // 10,000 in A at 100 (100 shares, decided t0, filled t1's open); t1 decides B: sell 100 A, buy 200 B at 50.
    // A trades no volume on t2, the last session: the sale rests, and the purchase it funds waits. NAV 10,000.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 50], [100, 50], [100, 50]], volumes: [[1e6, 1e6], [1e6, 1e6], [0, 1e6]] });
    const result = scenario(m, { 0: { weights: { A: 1 } }, 1: { weights: { B: 1 } } }, { initialCash: 10_000 });
    expect(result.caveats.find((c) => c.code === 'open-orders')).toMatchObject({
      severity: 'high',
      size: 1,
      message: "2 orders still open at the run's end (A, B), unfilled: a sale of 10,000 (100.0% of the final NAV) and a purchase of 10,000 (100.0%) — the book did not reach them",
    });
  });

  it('several orders on a side are summed and counted', () => {
    // Sales: 10 × 100 + 20 × 50 = 2,000 (2.0 % of 100,000); no purchase: medium (above 1 %).
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 50]] });
    const [c] = openOrdersCaveats({ market, last: 0, finalNav: 100_000, openAtEnd: [{ symbol: 0, quantity: -10 }, { symbol: 1, quantity: -20 }] });
    expect(c).toMatchObject({ severity: 'medium', size: 0.02, message: "2 orders still open at the run's end (A, B), unfilled: 2 sales of 2,000 (2.0% of the final NAV) — the book did not reach them" });
  });

  it('property: the size is the larger side, never the sum of both', () => {
    const market = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[100, 50, 20]] });
    const prices = [100, 50, 20];
    const order = fc.record({ symbol: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: -1_000, max: 1_000 }).filter((q) => q !== 0) });
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 6 }), (openAtEnd) => {
        const [c] = openOrdersCaveats({ market, last: 0, finalNav: 100_000, openAtEnd });
        const side = (sign: number): number => openAtEnd.filter((o) => Math.sign(o.quantity) === sign).reduce((sum, o) => sum + Math.abs(o.quantity) * prices[o.symbol], 0) / 100_000;
        expect(c.size).toBeCloseTo(Math.max(side(-1), side(1)), 12);
      }),
    );
  });
});
