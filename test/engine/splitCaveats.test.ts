// Splits that met a held position are said in the run (engine/caveats/splitCaveats.ts), not only in the
// fills' split-cash rows: shares before and after, and the cash in lieu (probe r20a rs2).

import { describe, expect, it } from 'vitest';
import { splitCaveats, splitLabel } from '../../engine/caveats/splitCaveats.ts';
import { fixtureMarket } from './fixtures.ts';
import { MARGIN, scenario } from './helpers.ts';

const splitOf = (result: ReturnType<typeof scenario>) => result.caveats.find((c) => c.code === 'split');

describe('a split of a held position', () => {
  it('1:4 reverse: 15 → 3 shares and 0.75 × 8 = 6.00 in lieu, 20 % of a 30 NAV (medium)', () => {
    // A at 2 on sessions 0–2, 8 from the ex-date (session 3, 2024-01-04); 30 buys 15 shares at 2 (decided t0, filled t1).
    const m = fixtureMarket({ symbols: ['A'], closes: [[2], [2], [2], [8], [8]], splits: [{ session: 3, symbol: 0, value: 0.25 }] });
    const result = scenario(m, { 0: { weights: { A: 1 } } }, { initialCash: 30 });
    expect(splitOf(result)).toMatchObject({ severity: 'medium', size: 0.2, unit: 'nav-share', symbols: ['A'], message: '1 split applied to a held position: A 1:4 reverse split on 2024-01-04: 15 → 3 shares, 6.00 paid as cash in lieu' });
  });

  it('3:2 forward: 15 → 22 shares and 0.5 × 60 = 30.00 in lieu, 0.03 % of 100,000 (low)', () => {
    // A at 90, 60 from the ex-date; 0.0135 × 100,000 = 1,350 buys 15 shares.
    const m = fixtureMarket({ symbols: ['A'], closes: [[90], [90], [90], [60], [60]], splits: [{ session: 3, symbol: 0, value: 1.5 }] });
    const result = scenario(m, { 0: { weights: { A: 0.0135 } } }, { initialCash: 100_000 });
    expect(splitOf(result)).toMatchObject({ severity: 'low', message: '1 split applied to a held position: A 3:2 split on 2024-01-04: 15 → 22 shares, 30.00 paid as cash in lieu' });
    expect(splitOf(result)?.size).toBeCloseTo(0.0003, 12);
  });

  it('a short through a 3:2 split is charged its fraction: −15 → −22 shares, 30.00 charged', () => {
    const m = fixtureMarket({ symbols: ['A'], closes: [[90], [90], [90], [60], [60]], splits: [{ session: 3, symbol: 0, value: 1.5 }] });
    const result = scenario(m, { 0: { weights: { A: -0.0135 } } }, { initialCash: 100_000, account: MARGIN });
    expect(splitOf(result)?.message).toBe('1 split applied to a held position: A 3:2 split on 2024-01-04: -15 → -22 shares, 30.00 charged as cash in lieu (a short)');
  });

  it('a split of a symbol not held says nothing; fractional shares keep the fraction and pay no cash', () => {
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: [[90, 10], [90, 10], [90, 10], [60, 10], [60, 10]], splits: [{ session: 3, symbol: 0, value: 1.5 }] });
    expect(splitOf(scenario(m, { 0: { weights: { B: 1 } } }, { initialCash: 1_000 }))).toBeUndefined();
    const fractional = scenario(m, { 0: { weights: { A: 0.0135 } } }, { initialCash: 100_000, shares: 'fractional' });
    expect(splitOf(fractional)).toMatchObject({ severity: 'low', size: 1, unit: 'count', message: '1 split applied to a held position: A 3:2 split on 2024-01-04: 15 → 22.5 shares' });
  });
});

describe('splitCaveats', () => {
  it('describes three, then counts them with the net cash in lieu', () => {
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 5 }, () => [10, 10]) });
    const applied = [1, 2, 3, 4].map((session) => ({ session, symbol: session % 2, ratio: 2, before: 3, after: 6, cashInLieu: session === 4 ? -1.5 : 0.5 }));
    const [c] = splitCaveats(market, applied, () => 1_000);
    // Cash in lieu paid 0.5 × 3 = 1.50, charged 1.50; the largest, 1.5 of 1,000, is 0.15 % (low).
    expect(c).toMatchObject({ severity: 'low', size: 0.0015, symbols: ['B', 'A'] });
    expect(c.message).toBe(
      '4 splits applied to held positions: B 2:1 split on 2024-01-02: 3 → 6 shares, 0.50 paid as cash in lieu; A 2:1 split on 2024-01-03: 3 → 6 shares, 0.50 paid as cash in lieu; B 2:1 split on 2024-01-04: 3 → 6 shares, 0.50 paid as cash in lieu; … (4 splits in all: cash in lieu 1.50 paid to longs, 1.50 charged to shorts)',
    );
  });

  it('names ratios as a reader writes them', () => {
    expect([0.25, 1.5, 2, 1 / 3, 0.1].map(splitLabel)).toEqual(['1:4 reverse split', '3:2 split', '2:1 split', '1:3 reverse split', '1:10 reverse split']);
  });
});
