// The account at the fill: a session's legs count together against the margin limits (a 130/30
// or market-neutral book within them fills whole); a plan that asked for no leverage borrows
// nothing in a margin account; a cut fill's breach row says what the whole fill would have
// reached. Every expected figure is worked by hand in the comments.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../fixtures.ts';
import { deferralRows, expectNear, messages, scenario, trades } from '../helpers.ts';

/** A at 100 and B at 50 every session, plenty of volume. */
const flat = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 4 }, () => [100, 50]) });

describe('margin limits on the book after the session’s fills', () => {
  // 130/30: A 1.3 × 10 000 / 100 = 130, B −0.3 × 10 000 / 50 = −60; after both gross 1.6, net 1.0, cash 10 000 − 13 000 + 3 000 = 0.
  // Neutral under maxNet 0.2: A 50, B −100; net 0, cash 10 000 − 5 000 + 5 000 = 10 000.
  it.each([
    { book: '130/30 under maxNet 1', a: 1.3, b: -0.3, maxNet: 1, fills: [130, -60], cash: 0, net: 1 },
    { book: '0.5 / −0.5 under maxNet 0.2', a: 0.5, b: -0.5, maxNet: 0.2, fills: [50, -100], cash: 10_000, net: 0 },
  ])('$book fills whole, no breach', ({ a, b, maxNet, fills, cash, net }) => {
    const result = scenario(flat, { 0: { weights: { A: a, B: b } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet } });
    expect(trades(result)).toEqual([
      [1, 'A', fills[0], 100],
      [1, 'B', fills[1], 50],
    ]);
    expect(result.breaches).toEqual([]);
    expectNear(result.daily.cash[1], cash);
    expectNear((result.daily.longValue[1] + result.daily.shortValue[1]) / result.daily.nav[1], net);
  });

  it('when the legs do not fit together, the one that moves net toward zero fills first and the other is cut to the limit', () => {
    // B trades 200 shares on session 1 and the cap is 10 %: only 20 of −100 B fill (net −1 000).
    // A's +50 would reach net (5 000 − 1 000) / 10 000 = 0.4 > 0.2: cut to 30 (net 0.2). The breach row holds 0.4, not the after-cut 0.2.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 3 }, () => [100, 50]), volumes: [[1e6, 1e6], [1e6, 200], [1e6, 1e6]] });
    const result = scenario(m, { 0: { weights: { A: 0.5, B: -0.5 } } }, { initialCash: 10_000, participationCap: 0.1, account: { kind: 'margin', maxGross: 2, maxNet: 0.2 } });
    expect(trades(result).filter((f) => f[0] === 1)).toEqual([
      [1, 'B', -20, 50],
      [1, 'A', 30, 100],
    ]);
    const cut = result.breaches.find((b) => b.action === 'deferred');
    expectNear(cut?.net ?? NaN, 0.4);
    expectNear(cut?.gross ?? NaN, 0.6);
  });

  it('property: targets within the limits fill whole when cash and volume allow; fills never take the book past a limit', () => {
    const weights = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(weights, fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 1.5, noNaN: true }), (w, maxGross, maxNet) => {
        const gross = w.reduce((s, x) => s + Math.abs(x), 0);
        const net = w.reduce((s, x) => s + x, 0);
        // Scale into the limits (a margin below them for whole-share rounding).
        const k = Math.min(1, (0.98 * maxGross) / Math.max(gross, 1e-9), (0.98 * maxNet) / Math.max(Math.abs(net), 1e-9));
        const m = fixtureMarket({ symbols: ['A', 'B', 'C', 'D'], closes: Array.from({ length: 3 }, () => [100, 50, 20, 10]) });
        const targets = Object.fromEntries(w.map((x, i) => [m.symbols[i], x * k]));
        const result = scenario(m, { 0: { weights: targets } }, { initialCash: 100_000, account: { kind: 'margin', maxGross, maxNet } });
        expect(result.breaches).toEqual([]);
        expect(deferralRows(result)).toEqual([]);
        const d = result.daily;
        for (let t = 0; t < d.nav.length; t++) {
          expect(d.longValue[t] - d.shortValue[t]).toBeLessThanOrEqual(maxGross * d.nav[t] * (1 + 1e-9));
          expect(Math.abs(d.longValue[t] + d.shortValue[t])).toBeLessThanOrEqual(maxNet * d.nav[t] * (1 + 1e-9));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('property: with volume caps cutting legs at random, the book never ends a session past a limit because of fills', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.8, max: 0.8, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 3, maxLength: 3 }), (w, vols) => {
        const gross = w.reduce((s, x) => s + Math.abs(x), 0);
        const net = w.reduce((s, x) => s + x, 0);
        const k = Math.min(1, 1.5 / Math.max(gross, 1e-9), 0.3 / Math.max(Math.abs(net), 1e-9));
        const m = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: Array.from({ length: 4 }, () => [100, 50, 20]), volumes: Array.from({ length: 4 }, () => vols) });
        const targets = Object.fromEntries(w.map((x, i) => [m.symbols[i], x * k]));
        const result = scenario(m, { 0: { weights: targets } }, { initialCash: 100_000, participationCap: 0.1, account: { kind: 'margin', maxGross: 1.6, maxNet: 0.35 } });
        const d = result.daily;
        for (let t = 0; t < d.nav.length; t++) {
          expect(d.longValue[t] - d.shortValue[t]).toBeLessThanOrEqual(1.6 * d.nav[t] * (1 + 1e-9));
          expect(Math.abs(d.longValue[t] + d.shortValue[t])).toBeLessThanOrEqual(0.35 * d.nav[t] * (1 + 1e-9));
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('no borrowing nobody asked for (margin account, targets long only, net ≤ 1)', () => {
  it('a gap up cuts the buy to the cash there, as a cash account would: no negative cash, a cash-limited caveat', () => {
    // Decision at 100: 100 % of 10 000 → 100 shares. Next open 103: 100 × 103 = 10 300 > 10 000 → 97 shares (97 × 103 = 9 991 ≤ 10 000 < 98 × 103).
    const m = fixtureMarket({ symbols: ['A'], closes: [[100], [103], [103]], opens: [[100], [103], [103]] });
    const result = scenario(m, { 0: { weights: { A: 1 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1.5 } });
    expect(trades(result)).toEqual([[1, 'A', 97, 103]]);
    expectNear(result.daily.cash[1], 9);
    expect(deferralRows(result)).toEqual([{ session: 1, symbol: 'A', reason: 'cash', remaining: 3 }]);
    expect(result.breaches).toEqual([]);
    expect(messages(result).some((s) => s.startsWith('buys cut or held back on 1 order-session: a plan that asked for no leverage'))).toBe(true);
  });

  it('a buy funded by a sale that rests waits for it instead of borrowing', () => {
    // t0: 100 % A → 125 A at 80. t1: 100 % B. A has no trade on t2: the B buy (250 at 40) waits; on t3 A sells and B buys.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: [[80, 40], [80, 40], [80, 40], [80, 40]], volumes: [[1e6, 1e6], [1e6, 1e6], [0, 1e6], [1e6, 1e6]] });
    const result = scenario(m, { 0: { weights: { A: 1 } }, 1: { weights: { B: 1 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 2 } });
    expect(trades(result)).toEqual([
      [1, 'A', 125, 80],
      [3, 'A', -125, 80],
      [3, 'B', 250, 40],
    ]);
    for (const cash of result.daily.cash) expect(cash).toBeGreaterThanOrEqual(0);
    expect(deferralRows(result)).toEqual([
      { session: 2, symbol: 'A', reason: 'no-trade', remaining: -125 },
      { session: 2, symbol: 'B', reason: 'cash', remaining: 250 },
    ]);
  });

  it('a buy waits while a short it replaces is still open: the cover will spend the cash its sale brought', () => {
    // Probe r13a: t0 short 100 % A (10 000 / 100 = 100 shares, filled t1 at 100: cash 20 000). t2: 100 % B,
    // NAV 20 000 − 100 × 102 = 9 800 → 200 B at its close of 49. A has no trade on t3–t4, so the cover rests;
    // spending the short's proceeds on B then would borrow once the cover fills (at 108: 20 000 − 10 000 − 10 800 < 0).
    // t5: cover 100 at 108 → cash 9 200; B 200 at 46 = 9 200 → cash 0. t9: NAV 200 × 42 = 8 400.
    const a = [100, 101, 102, 104, 106, 109, 110, 111, 112, 112];
    const aOpen = [100, 100, 101, 104, 106, 108, 110, 110, 111, 112];
    const b = [50, 50, 49, 48, 47, 46, 45, 44, 43, 42];
    const bOpen = [50, 50, 50, 48, 47, 46, 45, 44, 43, 42];
    const m = fixtureMarket({
      symbols: ['A', 'B'],
      closes: a.map((x, t) => [x, b[t]]),
      opens: aOpen.map((x, t) => [x, bOpen[t]]),
      volumes: a.map((_, t) => [t === 3 || t === 4 ? 0 : 1e6, 1e6]),
    });
    const result = scenario(m, { 0: { weights: { A: -1 } }, 2: { weights: { B: 1 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1 } });
    expect(trades(result)).toEqual([
      [1, 'A', -100, 100],
      [5, 'A', 100, 108],
      [5, 'B', 200, 46],
    ]);
    for (const cash of result.daily.cash) expect(cash).toBeGreaterThanOrEqual(0);
    expectNear(result.daily.nav[9], 8_400);
    expect(deferralRows(result).filter((d) => d.symbol === 'B')).toEqual([
      { session: 3, symbol: 'B', reason: 'cash', remaining: 200 },
      { session: 4, symbol: 'B', reason: 'cash', remaining: 200 },
    ]);
  });

  it('targets that ask for leverage still borrow: 150 % long under maxNet 1.5', () => {
    const m = fixtureMarket({ symbols: ['A'], closes: [[100], [100], [100]] });
    const result = scenario(m, { 0: { weights: { A: 1.5 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1.5 } });
    expect(trades(result)).toEqual([[1, 'A', 150, 100]]);
    expectNear(result.daily.cash[1], -5_000);
  });
});

describe('closing positions is never cut by a limit', () => {
  it('a cover that lifts net exposure past maxNet before the long is trimmed fills whole, leaving no short nobody asked for', () => {
    // t0: A −0.5, B 1.5 (gross 2, net 1): −50 A at 100, 300 B at 50. t2: B 1.0 only → cover 50 A, sell 100 B, both reductions.
    // Covering A first takes net to 15 000 / 10 000 = 1.5 > maxNet 1 for a moment; the sale of B brings it back to 1.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 5 }, () => [100, 50]) });
    const result = scenario(m, { 0: { weights: { A: -0.5, B: 1.5 } }, 2: { weights: { B: 1 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1 } });
    expect(trades(result)).toEqual([
      [1, 'A', -50, 100],
      [1, 'B', 300, 50],
      [3, 'A', 50, 100],
      [3, 'B', -100, 50],
    ]);
    expect(result.breaches).toEqual([]); // the sale of B in the same session brings net back to 1
    expect(result.daily.shortValue[4]).toBe(0);
  });
});

describe('an exit that closes a short past the limits is said too (probe r15c)', () => {
  it('B delisted while the sale of A rests: the exit covers −60 B at 50 and leaves net 13 000 / 10 000 = 1.3 > 1, a closed breach', () => {
    // t0: A 1.3, B −0.3 → +130 A at 100, −60 B at 50 (cash 0). t1: 100 % C. B is delisted after t1 (return 0): covered at
    // its mark 50 on t2 (cash −3 000). A has no trade on t2–t3; the C buy waits (no leverage asked). t4: A sells at 106.
    const m = fixtureMarket({
      symbols: ['A', 'B', 'C'],
      closes: [[100, 50, 20], [100, 50, 20], [102, NaN, 21], [104, NaN, 22], [106, NaN, 23], [108, NaN, 24]],
      volumes: [[1e6, 1e6, 1e6], [1e6, 1e6, 1e6], [0, 0, 1e6], [0, 0, 1e6], [1e6, 0, 1e6], [1e6, 0, 1e6]],
      delistedAfter: { 1: 1 },
      delistReturn: { 1: 0 },
    });
    const result = scenario(m, { 0: { weights: { A: 1.3, B: -0.3 } }, 1: { weights: { C: 1 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1 } });
    expect(trades(result).slice(0, 3)).toEqual([
      [1, 'A', 130, 100],
      [1, 'B', -60, 50],
      [2, 'B', 60, 50],
    ]);
    expect(result.breaches.map((b) => [b.session, b.action, b.symbol])).toEqual([[2, 'closed', 'B']]);
    expectNear(result.breaches[0].net, 1.3);
  });
});

describe('an exit is blamed only for taking the book further past a limit (probe r16a)', () => {
  const margin = { kind: 'margin', maxGross: 2, maxNet: 1 } as const;

  it('a short delisted while the book had drifted past its limits lowers gross 5.0 → 3.5: no breach', () => {
    // t0: A 1, B −0.5, C −0.5 → +100 A at 100, −100 B and −100 C at 50 (cash 10 000). B and C rise to 75: NAV 5 000, gross 5.
    // C is delisted after t3 (return 0): covered at 75 on t4 (cash 2 500, NAV 5 000, gross 17 500 / 5 000 = 3.5).
    const m = fixtureMarket({
      symbols: ['A', 'B', 'C'],
      closes: [[100, 50, 50], [100, 50, 50], [100, 60, 60], [100, 75, 75], [100, 75, NaN], [100, 75, NaN]],
      delistedAfter: { 2: 3 },
      delistReturn: { 2: 0 },
    });
    const result = scenario(m, { 0: { weights: { A: 1, B: -0.5, C: -0.5 } } }, { initialCash: 10_000, account: margin });
    expect(trades(result).at(-1)).toEqual([4, 'C', 100, 75]);
    expectNear(result.daily.nav[4], 5_000);
    expect(result.breaches.filter((b) => b.action === 'closed')).toEqual([]);
  });

  it('a −100 % delisting that ruins the account adds no breach (the ruin caveat says it)', () => {
    // 200 % of A: 200 shares at 100 (cash −10 000); A delisted after t2 with return −1: NAV −10 000.
    const m = fixtureMarket({ symbols: ['A'], closes: [[100], [100], [100], [NaN], [NaN]], delistedAfter: { 0: 2 }, delistReturn: { 0: -1 } });
    const result = scenario(m, { 0: { weights: { A: 2 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 2 } });
    expectNear(result.daily.nav[3], -10_000);
    expect(result.breaches.filter((b) => b.action === 'closed')).toEqual([]);
  });

  it('same-close: an exit past the limits that the session\'s own close fills bring back is not a breach', () => {
    // t0: A 1, B −1 → +100 A, −200 B at 50 (same-close, cash 10 000). A delisted after t1 with return −0.5: exits on t2 at 50
    // (cash 15 000, B −10 000, NAV 5 000, net −2). The decision at t2's close, B −0.5: cover 150 B at 50 → net −0.5.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 50], [100, 50], [NaN, 50], [NaN, 50]], delistedAfter: { 0: 1 }, delistReturn: { 0: -0.5 } });
    const result = scenario(m, { 0: { weights: { A: 1, B: -1 } }, 2: { weights: { B: -0.5 } } }, { initialCash: 10_000, execution: 'same-close', account: margin });
    expect(trades(result).filter((t) => t[0] === 2)).toEqual([
      [2, 'A', -100, 50],
      [2, 'B', 150, 50],
    ]);
    expect(result.breaches.filter((b) => b.action === 'closed')).toEqual([]);
  });
});

describe('breach rows explain the cut', () => {
  it('a gap past maxNet 1.2 stores the net the whole fill would have reached', () => {
    // 120 % of A (a plan that asked for leverage): 120 shares decided at 100, filled at an open of 103:
    // net after the whole fill = 12 360 / (10 000 − 12 360 + 12 360) = 1.236 > 1.2.
    const m = fixtureMarket({ symbols: ['A'], closes: [[100], [103], [103]], opens: [[100], [103], [103]] });
    const result = scenario(m, { 0: { weights: { A: 1.2 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1.2 } });
    const b = result.breaches[0];
    expect([b.action, b.symbol]).toEqual(['deferred', 'A']);
    expectNear(b.net, 1.236);
    expectNear(b.gross, 1.236);
  });

  it('a plan that asked for no leverage cut by a gap is cash-limited, not a margin breach, even where the overspend passes maxNet 1 (probe r14a)', () => {
    // 100 % of A decided at 100, open 110: 90 shares (90 × 110 = 9 900 ≤ 10 000 < 91 × 110), as a cash account would.
    const m = fixtureMarket({ symbols: ['A'], closes: [[100], [110], [110]], opens: [[100], [110], [110]] });
    const result = scenario(m, { 0: { weights: { A: 1 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1 } });
    expect(trades(result)).toEqual([[1, 'A', 90, 110]]);
    expect(result.breaches).toEqual([]);
    expect(deferralRows(result)).toEqual([{ session: 1, symbol: 'A', reason: 'cash', remaining: 10 }]);
  });

  it('a cover that leaves the book past maxNet while the sale beside it rests is reported, not cut (probe r14a)', () => {
    // t0: A 1.3, B −0.3 → +130 A at 100, −60 B at 50 (cash 0). t1: A 1 → sell 30 A, cover 60 B. A has no trade on t2–t3:
    // on t2 the cover fills alone at 52 (cash −3 120) and the book is A 130 × 100 (its last mark) over NAV 13 000 − 3 120:
    // net 13 000 / 9 880 = 1.3158 > 1. On t4 the sale fills at 106.
    const m = fixtureMarket({
      symbols: ['A', 'B'],
      closes: [[100, 50], [100, 50], [102, 52], [104, 54], [106, 56], [108, 55]],
      volumes: [[1e6, 1e6], [1e6, 1e6], [0, 1e6], [0, 1e6], [1e6, 1e6], [1e6, 1e6]],
    });
    const result = scenario(m, { 0: { weights: { A: 1.3, B: -0.3 } }, 1: { weights: { A: 1 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1 } });
    expect(trades(result)).toEqual([
      [1, 'A', 130, 100],
      [1, 'B', -60, 50],
      [2, 'B', 60, 52],
      [4, 'A', -30, 106],
    ]);
    expect(result.breaches.map((b) => [b.session, b.action, b.symbol])).toEqual([[2, 'closed', 'B']]);
    expectNear(result.breaches[0].net, 13_000 / 9_880);
    expect(messages(result).some((s) => s.startsWith('1 session where closing a position (a fill, a delisting or a data end) took the book further past the margin limits (first B on'))).toBe(true);
  });
});
