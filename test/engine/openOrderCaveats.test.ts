// Orders still open at the run's end (engine/caveats/openOrderCaveats.ts): sales and purchases said apart,
// sized by the larger side — a switch's two legs are one move of the book, not 200 % of it — each
// with its own symbols and whether it goes short or covers.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openOrdersCaveats } from '../../engine/caveats/openOrderCaveats.ts';
import { fixtureMarket } from './fixtures.ts';
import { MARGIN, scenario, scripted } from './helpers.ts';

describe('orders still open at the run’s end', () => {
  it('a switch whose sale is suspended on the last session: a sale and a purchase of 100 % each, not 200 % (probe r20b sw1/last)', () => {
    // 10,000 in A at 100 (100 shares, decided t0, filled t1's open); t1 decides B: sell 100 A, buy 200 B at 50.
    // A trades no volume on t2, the last session: the sale rests, and the purchase it funds waits. NAV 10,000.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 50], [100, 50], [100, 50]], volumes: [[1e6, 1e6], [1e6, 1e6], [0, 1e6]] });
    const result = scenario(m, { 0: { weights: { A: 1 } }, 1: { weights: { B: 1 } } }, { initialCash: 10_000 });
    expect(result.caveats.find((c) => c.code === 'open-orders')).toMatchObject({
      severity: 'high',
      size: 1,
      message: "2 orders still open at the run's end, unfilled: a sale of 10,000 (A; 100.0% of the final NAV) and a purchase of 10,000 (B; 100.0%) — the book did not reach them",
    });
  });

  it('several orders on a side are summed and counted', () => {
    // Sales: 10 × 100 + 20 × 50 = 2,000 (2.0 % of 100,000); no purchase: medium (above 1 %).
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 50]] });
    const [c] = openOrdersCaveats({ market, last: 0, finalNav: 100_000, openAtEnd: [{ symbol: 0, quantity: -10, held: 10 }, { symbol: 1, quantity: -20, held: 30 }] });
    expect(c).toMatchObject({ severity: 'medium', size: 0.02, message: "2 orders still open at the run's end, unfilled: 2 sales of 2,000 (A, B; 2.0% of the final NAV) — the book did not reach them" });
  });

  it('a cover and a new short, suspended at the end: each side names its symbol and what it does to a short (probe r21c oo4)', () => {
    // Session 0 shorts A to -50 % of 10,000: -50 A at 100, filled at session 1's open. Session 2 targets -30 % in B instead:
    // buy 50 A (5,000) and sell 60 B at 50 (3,000). Neither trades volume on sessions 3 and 4, the last: both rest. Flat prices: NAV 10,000.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 50], [100, 50], [100, 50], [100, 50], [100, 50]], volumes: [[1e6, 1e6], [1e6, 1e6], [1e6, 1e6], [0, 0], [0, 0]] });
    const strategy = { ...scripted({ 0: { weights: { A: -0.5 } }, 2: { weights: { B: -0.3 } } }), shorts: true };
    const c = scenario(m, strategy, { account: MARGIN, initialCash: 10_000 }).caveats.find((x) => x.code === 'open-orders');
    expect(c?.message).toBe("2 orders still open at the run's end, unfilled: a sale of 3,000 (B, opening a short; 30.0% of the final NAV) and a purchase of 5,000 (A, covering a short; 50.0%) — the book did not reach them");
    expect([c?.severity, c?.size]).toEqual(['high', 0.5]); // the larger side: 5,000 of 10,000
  });

  it('two purchases, one covering a short: the cover is named (probe r21c oo5)', () => {
    // Buy 30 A at 100 from -50 held (3,000, covering) and 60 B at 50 from none (3,000): 6,000 = 60.0 % of 10,000.
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 50]] });
    const [c] = openOrdersCaveats({ market, last: 0, finalNav: 10_000, openAtEnd: [{ symbol: 0, quantity: 30, held: -50 }, { symbol: 1, quantity: 60, held: 0 }] });
    expect(c.message).toBe("2 orders still open at the run's end, unfilled: 2 purchases of 6,000 (A, B — A covering a short; 60.0% of the final NAV) — the book did not reach them");
  });

  it('one order says whether it adds to a short, sells past a long, or covers past a short', () => {
    // A at 100 on a book of 100,000: each order alone, 10 shares = 1,000 = 1.0 % (low: not above 1 %).
    const market = fixtureMarket({ symbols: ['A'], closes: [[100]] });
    const said = (quantity: number, held: number): string => openOrdersCaveats({ market, last: 0, finalNav: 100_000, openAtEnd: [{ symbol: 0, quantity, held }] })[0].message;
    expect(said(-10, -5)).toBe("1 order still open at the run's end, unfilled: a sale of 1,000 (A, adding to a short; 1.0% of the final NAV) — the book did not reach it");
    expect(said(-10, 4)).toContain('a sale of 1,000 (A, selling a long and opening a short; 1.0%');
    expect(said(-10, 10)).toContain('a sale of 1,000 (A; 1.0%');
    expect(said(10, -4)).toContain('a purchase of 1,000 (A, covering a short and opening a long; 1.0%');
    expect(said(10, -10)).toContain('a purchase of 1,000 (A, covering a short; 1.0%');
    expect(said(10, 0)).toContain('a purchase of 1,000 (A; 1.0%');
  });

  it('several orders on a side name those that sell short or cover, at most five symbols in each list', () => {
    // Seven sales of 1 share at 100 (700 = 0.7 % of 100,000, low); A and B held long 1 each, C to G from none: those five sell short.
    const symbols = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    const market = fixtureMarket({ symbols, closes: [symbols.map(() => 100)] });
    const openAtEnd = symbols.map((_, i) => ({ symbol: i, quantity: -1, held: i < 2 ? 1 : 0 }));
    const [c] = openOrdersCaveats({ market, last: 0, finalNav: 100_000, openAtEnd });
    expect(c).toMatchObject({ severity: 'low', message: "7 orders still open at the run's end, unfilled: 7 sales of 700 (A, B, C, D, E and 2 more — C, D, E, F, G selling short; 0.7% of the final NAV) — the book did not reach them" });
  });

  it('property: each side names exactly its own symbols, and "short" only where a sale leaves one or a purchase starts from one', () => {
    const market = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[100, 50, 20]] });
    const order = fc.record({ symbol: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: -1_000, max: 1_000 }).filter((q) => q !== 0), held: fc.integer({ min: -1_000, max: 1_000 }) });
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 3 }), (openAtEnd) => {
        const [c] = openOrdersCaveats({ market, last: 0, finalNav: 100_000, openAtEnd });
        const said = (noun: string): string => c.message.match(new RegExp(`(?:a|\\d+) ${noun}s? of [\\d,]+ \\(([^;]*);`))?.[1] ?? '';
        for (const [noun, sign] of [['sale', -1], ['purchase', 1]] as const) {
          const own = openAtEnd.filter((o) => Math.sign(o.quantity) === sign);
          const names = [...new Set(own.map((o) => 'ABC'[o.symbol]))];
          const listed = said(noun).replace(/( —|, (opening|adding|selling|covering)).*$/, '');
          expect(listed === '' ? [] : listed.split(', ')).toEqual(names);
          const shorts = own.some((o) => (sign < 0 ? o.held + o.quantity < 0 : o.held < 0));
          expect(/short/.test(said(noun))).toBe(shorts);
        }
      }),
    );
  });

  it('property: the size is the larger side, never the sum of both', () => {
    const market = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[100, 50, 20]] });
    const prices = [100, 50, 20];
    const order = fc.record({ symbol: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: -1_000, max: 1_000 }).filter((q) => q !== 0), held: fc.constant(0) });
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 6 }), (openAtEnd) => {
        const [c] = openOrdersCaveats({ market, last: 0, finalNav: 100_000, openAtEnd });
        const side = (sign: number): number => openAtEnd.filter((o) => Math.sign(o.quantity) === sign).reduce((sum, o) => sum + Math.abs(o.quantity) * prices[o.symbol], 0) / 100_000;
        expect(c.size).toBeCloseTo(Math.max(side(-1), side(1)), 12);
      }),
    );
  });
});
