// The account at the fill: a session's legs count together against the margin limits (a 130/30
// or market-neutral book within them fills whole, one past them is cut together: the legs that
// offset its net first, then those that add to it, each side by one common fraction); a plan that
// asked for no leverage borrows nothing in a margin account; a cut fill's breach row says what the
// whole fill would have reached. Every expected figure is worked by hand in the comments.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../../fixtures.ts';
import { deferralRows, expectNear, messages, orderRows, scenario, trades } from '../../helpers.ts';

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

  it('when the legs do not fit together, the one that offsets the net fills first and whole, and the other is cut to the limit', () => {
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

  describe('a session past a limit is cut together, not leg by leg (probe r54b F1)', () => {
    /** Symbols at `closes` on session 0 and at `opens` (open = close) from session 1 on. */
    const gapped = (symbols: string[], closes: number[], opens: number[], volumes?: number[]) =>
      fixtureMarket({ symbols, closes: [closes, opens, opens], volumes: volumes && [symbols.map(() => 1e6), volumes, symbols.map(() => 1e6)] });
    const margin = (maxGross: number, maxNet: number) => ({ kind: 'margin', maxGross, maxNet }) as const;

    it('dollar-neutral, the short opening 20 % up under maxNet 0.1: the long fills whole, the short is cut to floor(110,000 / 60) = 1,833', () => {
      // Probe d5: LNG 1 × 100,000 / 100 = 1,000 and SHT −1 × 100,000 / 50 = −2,000. At the opens the session in full is long 100,000
      // and short 120,000 on NAV 100,000 (no costs): gross 2.2, net −0.2 > 0.1. LNG offsets the net: whole. SHT: 100,000 − 60x ≥
      // −10,000 → x ≤ 1,833.3 → 1,833 (net −9,980 → −0.0998, gross 2.0998). Before: LNG 100, SHT −333 (LNG judged alone at net 1.0).
      const result = scenario(gapped(['LNG', 'SHT'], [100, 50], [100, 60]), { 0: { weights: { LNG: 1, SHT: -1 } } }, { initialCash: 100_000, account: margin(3, 0.1) });
      expect(trades(result)).toEqual([
        [1, 'LNG', 1_000, 100],
        [1, 'SHT', -1_833, 60],
      ]);
      expect(result.breaches.map((b) => [b.session, b.action, b.symbol])).toEqual([[1, 'deferred', 'SHT']]); // LNG is not cut: no row
      expectNear(result.breaches[0].gross, 2.2);
      expectNear(result.breaches[0].net, -0.2);
      const d = result.daily;
      expectNear((d.longValue[1] + d.shortValue[1]) / d.nav[1], -0.0998);
    });

    it('…with a 10 bps commission the cut is one share deeper: x ≤ 109,990 / 60.006 = 1,832.98 → 1,832', () => {
      // Commission 0.001 × (100,000 + 60x) lowers NAV to 99,900 − 0.06x: 60x − 100,000 ≤ 0.1 × (99,900 − 0.06x) → 60.006x ≤ 109,990.
      // 1,833 × 60.006 = 109,991.0 > 109,990; 1,832 × 60.006 = 109,931.0.
      const result = scenario(gapped(['LNG', 'SHT'], [100, 50], [100, 60]), { 0: { weights: { LNG: 1, SHT: -1 } } }, { initialCash: 100_000, commission: { kind: 'bps', bps: 10 }, account: margin(3, 0.1) });
      expect(trades(result)).toEqual([
        [1, 'LNG', 1_000, 100],
        [1, 'SHT', -1_832, 60],
      ]);
    });

    it('probe d1: AAA 988 at 101.67 stays whole and CCC (opening 40 % up at 68.95) is cut to net 0.3, or to gross 2 under the default maxNet 1', () => {
      // Decided at 101.20 and 49.25: AAA 100,000 / 101.20 → 988, CCC −100,000 / 49.25 → −2,030. At the opens AAA 988 × 101.67 =
      // 100,449.96 long, CCC 2,030 × 68.95 = 139,968.50 short: gross 2.404, net −0.395.
      // maxNet 0.3: 100,449.96 − 68.95x ≥ −30,000 → x ≤ 1,891.95 → 1,891 (net −29,934.49 → −0.2993; before: AAA 295, CCC −870).
      // maxGross 2, maxNet 1: 100,449.96 + 68.95x ≤ 200,000 → x ≤ 1,443.8 → 1,443 (net +955.11 → 0.0096; before: AAA 983, CCC −1,451).
      const m = gapped(['AAA', 'CCC'], [101.2, 49.25], [101.67, 68.95]);
      for (const [maxGross, maxNet, ccc] of [
        [3, 0.3, -1_891],
        [2, 1, -1_443],
      ]) {
        const result = scenario(m, { 0: { weights: { AAA: 1, CCC: -1 } } }, { initialCash: 100_000, account: margin(maxGross, maxNet) });
        expect(trades(result)).toEqual([
          [1, 'AAA', 988, 101.67],
          [1, 'CCC', ccc, 68.95],
        ]);
        expect(result.breaches.map((b) => b.symbol)).toEqual(['CCC']);
        expectNear(result.breaches[0].net, -39_518.54 / 100_000);
      }
    });

    it('both limits binding: the long that offsets the net is cut too, to the largest it can be with a short beside it within both', () => {
      // A 1.2 × 100,000 / 100 = 1,200, B −1.2 × 100,000 / 50 = −2,400; A opens at 110 and B at 60: in full 132,000 long and 144,000
      // short (gross 2.76 > 2.45, net −0.12). With A at y and B at x: gross 110y + 60x ≤ 245,000 and net 110y − 60x ≤ 10,000 need
      // 60x in [110y − 10,000, 245,000 − 110y]. y = 1,159: 60x in [117,490, 117,510], x in [1,958.2, 1,958.5], no whole x. y = 1,158:
      // x ≤ (245,000 − 127,380) / 60 = 1,960.3 → 1,960: gross 244,980 (2.4498), net 9,780 (0.0978).
      const result = scenario(gapped(['A', 'B'], [100, 50], [110, 60]), { 0: { weights: { A: 1.2, B: -1.2 } } }, { initialCash: 100_000, account: margin(2.45, 0.1) });
      expect(trades(result)).toEqual([
        [1, 'A', 1_158, 110],
        [1, 'B', -1_960, 60],
      ]);
      expect(result.breaches.map((b) => b.symbol)).toEqual(['A', 'B']);
      expectNear(result.breaches[0].gross, 2.76);
      const d = result.daily;
      expectNear((d.longValue[1] - d.shortValue[1]) / d.nav[1], 2.4498);
    });

    it('three legs, one capped by volume: the two shorts are cut by one fraction x / 2,300 of the capped leg, the long whole', () => {
      // A 1,000 at 100, B −0.5 × 100,000 / 50 = −1,000 (opens at 60), C −0.5 × 100,000 / 20 = −2,500 of which the 10 % cap of 23,000
      // lets 2,300 fill. In full: short 60,000 + 46,000 = 106,000 against long 100,000: net −0.06 > 0.05. The shorts at x / 2,300:
      // B floor(1,000x / 2,300), C x; 60B + 20x ≤ 105,000. x = 2,279: B 990, 59,400 + 45,580 = 104,980 (net −0.0498). x = 2,280:
      // B 991, 59,460 + 45,600 = 105,060 > 105,000.
      const m = gapped(['A', 'B', 'C'], [100, 50, 20], [100, 60, 20], [1e6, 1e6, 23_000]);
      const result = scenario(m, { 0: { weights: { A: 1, B: -0.5, C: -0.5 } } }, { initialCash: 100_000, participationCap: 0.1, account: margin(3, 0.05) });
      expect(trades(result)).toEqual([
        [1, 'A', 1_000, 100],
        [1, 'B', -990, 60],
        [1, 'C', -2_279, 20],
      ]);
      expect(deferralRows(result)).toEqual([
        { session: 1, symbol: 'B', reason: 'margin-limit', remaining: -10 },
        { session: 1, symbol: 'C', reason: 'margin-limit', remaining: -221 },
      ]);
      expect(result.breaches.map((b) => b.symbol)).toEqual(['B', 'C']);
      expectNear(result.breaches[0].gross, 2.06);
      expectNear(result.breaches[0].net, -0.06);
    });

    it('property: a session that fits whole fills whole after gaps; one that does not fills within both limits, no leg past its order', () => {
      const three = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 });
      const gaps = fc.array(fc.double({ min: 0.6, max: 1.6, noNaN: true }), { minLength: 3, maxLength: 3 });
      fc.assert(
        fc.property(three, gaps, fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: 0.05, max: 1.5, noNaN: true }), fc.boolean(), (w, gap, maxGross, maxNet, costs) => {
          const gross = w.reduce((s, x) => s + Math.abs(x), 0);
          const net = w.reduce((s, x) => s + x, 0);
          const k = Math.min(1, (0.98 * maxGross) / Math.max(gross, 1e-9), (0.98 * maxNet) / Math.max(Math.abs(net), 1e-9));
          const closes = [100, 50, 20];
          const opens = closes.map((c, i) => Math.round(c * gap[i] * 100) / 100);
          const m = gapped(['A', 'B', 'C'], closes, opens);
          const targets = Object.fromEntries(w.map((x, i) => [m.symbols[i], x * k]));
          const result = scenario(m, { 0: { weights: targets } }, { initialCash: 100_000, commission: costs ? { kind: 'bps', bps: 10 } : { kind: 'none' }, account: margin(maxGross, maxNet) });
          const ordered = m.symbols.map((s) => orderRows(result).find((o) => o.symbol === s)?.quantity ?? 0);
          const filled = m.symbols.map((s) => trades(result).reduce((sum, f) => sum + (f[0] === 1 && f[1] === s ? f[2] : 0), 0));
          // The session in full at the opens, no costs: NAV stays 100,000 (cash − Σ q × open + Σ q × open).
          const wholeGross = ordered.reduce((s, q, i) => s + Math.abs(q * opens[i]), 0) / 100_000;
          const wholeNet = ordered.reduce((s, q, i) => s + q * opens[i], 0) / 100_000;
          // A long-only plan of net ≤ 1 asked for no leverage: its buys spend only the cash there (account.ts), so it fits
          // whole only if they cost no more (seed 1940583342: 1,351 B at the 74.02 open cost 100,001.02 of 100,000 → 1,350).
          const cashOnly = w.every((x) => x >= 0) && net * k <= 1;
          const fitsCash = !cashOnly || wholeNet * 100_000 <= 100_000;
          if (!costs && fitsCash && wholeGross <= maxGross * (1 - 1e-9) && Math.abs(wholeNet) <= maxNet * (1 - 1e-9)) {
            expect(filled).toEqual(ordered);
            expect(result.breaches).toEqual([]);
          }
          for (let i = 0; i < 3; i++) {
            expect(filled[i] * ordered[i]).toBeGreaterThanOrEqual(0);
            expect(Math.abs(filled[i])).toBeLessThanOrEqual(Math.abs(ordered[i]));
          }
          const d = result.daily;
          expect(d.longValue[1] - d.shortValue[1]).toBeLessThanOrEqual(maxGross * d.nav[1] * (1 + 1e-9));
          expect(Math.abs(d.longValue[1] + d.shortValue[1])).toBeLessThanOrEqual(maxNet * d.nav[1] * (1 + 1e-9));
        }),
        { numRuns: 150 },
      );
    });
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
  it('B delisted while the sale of A rests: the exit covers −60 B at 50 and leaves net 13 260 / 10 260 = 1.29 > 1, a closed breach', () => {
    // t0: A 1.3, B −0.3 → +130 A at 100, −60 B at 50 (cash 0). t1: 100 % C. B is delisted after t1 (return 0): covered at
    // its mark 50 on t2 (cash −3 000). A has no trade on t2–t3 but a price: at t2's open (102, the fills' moment) the book is
    // 130 × 102 = 13 260 over NAV 13 260 − 3 000 (probe r69b F1: not A's last close, 100). The C buy waits (no leverage
    // asked). t4: A sells at 106.
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
    expectNear(result.breaches[0].net, 13_260 / 10_260);
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
    // on t2 the cover fills alone at 52 (cash −3 120) and the book is A 130 × 102 (its open, known at the fill; probe r69b
    // F1) over NAV 13 260 − 3 120: net 13 260 / 10 140 = 1.3077 > 1. On t4 the sale fills at 106.
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
    expectNear(result.breaches[0].net, 13_260 / 10_140);
    expect(messages(result).some((s) => s.startsWith('1 session where closing a position (a fill, a delisting or a data end) took the book further past the margin limits (first B on'))).toBe(true);
  });
});
