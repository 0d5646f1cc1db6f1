// Limit and stop orders against one bar, and day vs GTC expiry (fill rules in engine/execution/broker.ts).

import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../../engine/execution/orders.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { deferralRows, expectNear, fillRows, orders, trades, MARGIN, scenario } from '../../helpers.ts';

interface Bar {
  o: number;
  h: number;
  l: number;
  c: number;
}
const bar = (o: number, h: number, l: number, c: number): Bar => ({ o, h, l, c });
const flatBar = bar(100, 100, 100, 100);

/** One symbol per case; `bars[symbol][session]`. */
function market(bars: Record<string, Bar[]>, volumes?: number[][]) {
  const symbols = Object.keys(bars);
  const sessions = bars[symbols[0]].length;
  const field = (f: keyof Bar) => Array.from({ length: sessions }, (_, t) => symbols.map((s) => bars[s][t][f]));
  return fixtureMarket({ symbols, opens: field('o'), highs: field('h'), lows: field('l'), closes: field('c'), volumes });
}

describe('limit and stop fills (next-open)', () => {
  const m = market({
    // Buy limit 100: open 99 ≤ 100 → fills at the open, 99.
    LB_OPEN: [flatBar, bar(99, 101, 98, 100), flatBar],
    // Buy limit 100: open 102 > 100, low 99 reaches it → fills at the limit, 100.
    LB_LOW: [flatBar, bar(102, 103, 99, 100), flatBar],
    // Buy limit 90: low 95 misses at t1; t2 open 93, low 89 → fills at 90.
    LB_LATER: [flatBar, bar(98, 99, 95, 97), bar(93, 94, 89, 92)],
    // Sell limit 105: open 106 ≥ 105 → 106.
    LS_OPEN: [flatBar, bar(106, 107, 104, 105), flatBar],
    // Sell limit 105: open 103, high 107 → 105.
    LS_HIGH: [flatBar, bar(103, 107, 102, 104), flatBar],
    // Buy stop 105: high 104 misses at t1; t2 open 103, high 106 → triggers, fills at max(103, 105) = 105.
    SB: [flatBar, bar(101, 104, 100, 102), bar(103, 106, 102, 104)],
    // Buy stop 105 on a gap: open 108 → fills at max(108, 105) = 108.
    SB_GAP: [flatBar, bar(108, 110, 107, 109), flatBar],
    // Sell stop 95: low 96 misses at t1; t2 open 97, low 94 → min(97, 95) = 95.
    SS: [flatBar, bar(99, 100, 96, 98), bar(97, 98, 94, 96)],
  });
  const o: OrderRequest[] = [
    { symbol: 'LB_OPEN', quantity: 10, type: 'limit', limit: 100 },
    { symbol: 'LB_LOW', quantity: 10, type: 'limit', limit: 100 },
    { symbol: 'LB_LATER', quantity: 10, type: 'limit', limit: 90 },
    { symbol: 'LS_OPEN', quantity: -10, type: 'limit', limit: 105 },
    { symbol: 'LS_HIGH', quantity: -10, type: 'limit', limit: 105 },
    { symbol: 'SB', quantity: 10, type: 'stop', stop: 105 },
    { symbol: 'SB_GAP', quantity: 10, type: 'stop', stop: 105 },
    { symbol: 'SS', quantity: -10, type: 'stop', stop: 95 },
  ];
  const result = scenario(m, { 0: o }, { account: MARGIN, initialCash: 100_000 });

  it('fills each at the price the rules give', () => {
    const got = Object.fromEntries(fillRows(result).map((f) => [f.symbol, [f.session, f.quantity, f.price]]));
    expect(got).toEqual({
      LB_OPEN: [1, 10, 99],
      LB_LOW: [1, 10, 100],
      LB_LATER: [2, 10, 90],
      LS_OPEN: [1, -10, 106],
      LS_HIGH: [1, -10, 105],
      SB: [2, 10, 105],
      SB_GAP: [1, 10, 108],
      SS: [2, -10, 95],
    });
  });

  it('defers what did not reach its price with reason price-not-reached', () => {
    expect(deferralRows(result)).toEqual([
      { session: 1, symbol: 'LB_LATER', reason: 'price-not-reached', remaining: 10 },
      { session: 1, symbol: 'SB', reason: 'price-not-reached', remaining: 10 },
      { session: 1, symbol: 'SS', reason: 'price-not-reached', remaining: -10 },
    ]);
  });
});

describe('limit fills with slippage are never worse than the limit', () => {
  const m = market({
    A: [flatBar, bar(99, 101, 98, 100)], // buy limit 100, open 99: 99 × 1.01 = 99.99 ≤ 100
    B: [flatBar, bar(99.5, 101, 98, 100)], // buy limit 100, open 99.5: 100.495 → capped at 100
    C: [flatBar, bar(102, 103, 99, 100)], // buy limit 100 at the limit: 101 → 100
    D: [flatBar, bar(106, 107, 104, 105)], // sell limit 105, open 106: 104.94 → 105
  });
  const result = scenario(
    m,
    {
      0: orders(
        { symbol: 'A', quantity: 10, type: 'limit', limit: 100 },
        { symbol: 'B', quantity: 10, type: 'limit', limit: 100 },
        { symbol: 'C', quantity: 10, type: 'limit', limit: 100 },
        { symbol: 'D', quantity: -10, type: 'limit', limit: 105 },
      ),
    },
    { slippage: { kind: 'fixed-bps', bps: 100 }, account: MARGIN },
  );

  it('prices and slippage lines', () => {
    const f = Object.fromEntries(fillRows(result).map((r) => [r.symbol, r]));
    expectNear(f.A.price, 99.99, 1e-12);
    expectNear(f.A.slippage, 10 * 0.99, 1e-12); // 10 × 99 × 1 %
    expect(f.B.price).toBe(100);
    expectNear(f.B.slippage, 10 * 0.5, 1e-9); // 10 × (100 − 99.5)
    expect(f.C.price).toBe(100);
    expectNear(f.C.slippage, 0, 1e-12);
    expect(f.D.price).toBe(105);
    expectNear(f.D.slippage, 10 * 1, 1e-9); // 10 × (106 − 105)
    expectNear(result.daily.slippage[1], 9.9 + 5 + 0 + 10, 1e-9);
  });
});

describe('a limit order under next-close fills against the close only', () => {
  // t1: low 90 would reach 100 intraday, but the close 101 does not; t2 close 99 ≤ 100 → fills at 99.
  const m = market({ A: [flatBar, bar(95, 102, 90, 101), bar(100, 100, 98, 99)] });
  const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 10, type: 'limit', limit: 100 }) }, { execution: 'next-close' });
  it('fills at t2’s close', () => {
    expect(trades(result)).toEqual([[2, 'A', 10, 99]]);
  });
});

describe('day vs GTC', () => {
  // Buy limit 90: t1 low 95 (not reached), t2 open 92, low 85 → a GTC order fills at 90 on t2.
  const m = market({ A: [flatBar, bar(98, 99, 95, 97), bar(92, 93, 85, 90), bar(90, 90, 90, 90)] });

  it('a day order expires after its first session', () => {
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 10, type: 'limit', limit: 90, tif: 'day' }) });
    expect(trades(result)).toEqual([]);
    expect(deferralRows(result)).toEqual([
      { session: 1, symbol: 'A', reason: 'price-not-reached', remaining: 10 },
      { session: 1, symbol: 'A', reason: 'expired', remaining: 10 },
    ]);
  });

  it('a GTC order rests until it fills', () => {
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 10, type: 'limit', limit: 90, tif: 'gtc' }) });
    expect(trades(result)).toEqual([[2, 'A', 10, 90]]);
  });

  it('GTC is the default', () => {
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 10, type: 'limit', limit: 90 }) });
    expect(trades(result)).toEqual([[2, 'A', 10, 90]]);
  });

  it('a day market order partly filled under a cap drops the rest', () => {
    // cap 0.1 × 1 000 = 100 of 250; the other 150 expire.
    const volumes = [[1_000], [1_000], [1_000], [1_000]];
    const flat = market({ A: [flatBar, flatBar, flatBar, flatBar] }, volumes);
    const result = scenario(flat, { 0: orders({ symbol: 'A', quantity: 250, tif: 'day' }) }, { participationCap: 0.1 });
    expect(trades(result)).toEqual([[1, 'A', 100, 100]]);
    expect(deferralRows(result)).toEqual([
      { session: 1, symbol: 'A', reason: 'volume-cap', remaining: 150 },
      { session: 1, symbol: 'A', reason: 'expired', remaining: 150 },
    ]);
  });
});
