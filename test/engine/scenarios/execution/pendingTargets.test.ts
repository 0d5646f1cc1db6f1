// A target on a symbol with no price at the decision stands: it is sized and ordered at the
// symbol's first close (as a decision there would: that close, that NAV, whole shares, the cash),
// touching no other symbol, unless a later decision replaced the targets first (probe r22b
// finding 1: SMLF's 50 % of a year-start decision waited in cash for the next year).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../../data/market.ts';
import { backtest } from '../../../../engine/backtest.ts';
import { bookCaveats } from '../../../../reports/caveats/bookCaveats.ts';
import { expectCausal, perturbAfter } from '../../causality.ts';
import { fixtureMarket, SPLIT_RATIOS } from '../../fixtures.ts';
import { deferralRows, messages, orderRows, orders, scripted, trades, scenario } from '../../helpers.ts';

/** A at `a[t]`; B without a price on sessions 0–2, at 40 from 3 (dates 2024-01-01, -02, -03, -04, -05, -08). */
const market = (a: number[] = [10, 10, 10, 10, 10, 10]): Market => fixtureMarket({ symbols: ['A', 'B'], closes: a.map((x, t) => [x, t >= 3 ? 40 : NaN]) });
const half = { weights: { A: 0.5, B: 0.5 } };

describe('a target waiting for its symbol\'s first price', () => {
  it('is ordered on that close, sized at its price and NAV (no later decision)', () => {
    // Session 0: A 0.5 × 10,000 / 10 = 500 shares (filled at 1's open, 10); B unpriced: deferred.
    // Session 3: B's first close 40, NAV 5,000 + 500 × 10 = 10,000: 0.5 × 10,000 / 40 = 125 shares, filled at 4's open (40).
    const result = scenario(market(), { 0: half }, { initialCash: 10_000 });
    expect(trades(result)).toEqual([
      [1, 'A', 500, 10],
      [4, 'B', 125, 40],
    ]);
    expect(orderRows(result).map((o) => [o.session, o.symbol, o.quantity])).toEqual([
      [0, 'A', 500],
      [3, 'B', 125],
    ]);
    expect(deferralRows(result)).toEqual([{ session: 0, symbol: 'B', reason: 'no-price', remaining: NaN }]);
    const said = result.caveats.find((c) => c.message.startsWith("B's"));
    expect(said?.message).toBe("B's 50.0 % target of 2024-01-01 waited for its first price (2024-01-04) and was ordered then — a target on a symbol with no price stands until the symbol has one, unless a later decision replaces it");
    expect(said?.size).toBe(3);
  });

  it('touches no other symbol and buys only with the cash there', () => {
    // A doubles to 20 by session 3: NAV 5,000 + 500 × 20 = 15,000; B's target 0.5 × 15,000 / 40 = 187.5 → 187 shares,
    // but the cash is 5,000: 5,000 / 40 = 125 shares. A (66.7 % of NAV, target 50 %) is not sold: no decision was taken.
    const result = scenario(market([10, 10, 10, 20, 20, 20]), { 0: half }, { initialCash: 10_000 });
    expect(trades(result)).toEqual([
      [1, 'A', 500, 10],
      [4, 'B', 125, 40],
    ]);
  });

  it('fills on the execution model\'s timing: same-close fills at the first close itself', () => {
    const result = scenario(market(), { 0: half }, { initialCash: 10_000, execution: 'same-close' });
    expect(trades(result)).toEqual([
      [0, 'A', 500, 10],
      [3, 'B', 125, 40],
    ]);
  });

  it('waits for the symbol\'s next price after a gap longer than staleMarkSessions, and says "next"', () => {
    // B trades at 40 on session 0, then has no bar on 1–7 (older than 5 sessions by 6–7), then 40 again from 8.
    // Decided on session 7 (B stale: no price), ordered at 8's close: 0.5 × 10,000 / 40 = 125.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 10 }, (_, t) => [10, t === 0 || t >= 8 ? 40 : NaN]) });
    const result = scenario(m, { 7: half }, { initialCash: 10_000 });
    expect(orderRows(result).map((o) => [o.session, o.symbol, o.quantity])).toEqual([
      [7, 'A', 500],
      [8, 'B', 125],
    ]);
    expect(result.caveats.some((c) => c.message.startsWith("B's 50.0 % target of 2024-01-10 waited for its next price (2024-01-11)"))).toBe(true);
  });

  it('a held symbol whose last bar is stale is not sized at its stale mark: its holding stays, its target waits for its next close (probe r24a finding 1)', () => {
    // B at 40 on sessions 0–1, no bar on 2–8, at 50 from 9; A at 10 throughout. Session 0: A 0.5 → 500, B 0.25 × 10,000 / 40 = 62.5 → 62,
    // both filled at 1's open (A 10, B 40): cash 10,000 − 5,000 − 2,480 = 2,520. Session 8 (B's last bar 7 sessions old): A 0.5, B 0.5;
    // B waits (was: sized at its stale mark 40, 0.5 × 10,000 / 40 = 125 → +63). Session 9: NAV 2,520 + 5,000 + 62 × 50 = 10,620;
    // 0.5 × 10,620 / 50 = 106.2 → 106: +44, filled at 10's open (50; cash 2,520 ≥ 2,200).
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 12 }, (_, t) => [10, t <= 1 ? 40 : t >= 9 ? 50 : NaN]) });
    const result = scenario(m, { 0: { weights: { A: 0.5, B: 0.25 } }, 8: half }, { initialCash: 10_000 });
    expect(orderRows(result).map((o) => [o.session, o.symbol, o.quantity])).toEqual([
      [0, 'A', 500],
      [0, 'B', 62],
      [9, 'B', 44],
    ]);
    expect(trades(result)).toEqual([
      [1, 'A', 500, 10],
      [1, 'B', 62, 40],
      [10, 'B', 44, 50],
    ]);
    expect(result.caveats.some((c) => c.message.startsWith("B's 50.0 % target of 2024-01-11 waited for its next price (2024-01-12) and was ordered then"))).toBe(true);
  });

  it('value and share targets wait too, sized at the first close', () => {
    // 2,000 of B at 40 = 50 shares; 30 shares of B = 30 shares.
    expect(orderRows(scenario(market(), { 0: { values: { B: 2_000 } } }, { initialCash: 10_000 })).map((o) => [o.session, o.quantity])).toEqual([[3, 50]]);
    expect(orderRows(scenario(market(), { 0: { shares: { B: 30 } } }, { initialCash: 10_000 })).map((o) => [o.session, o.quantity])).toEqual([[3, 30]]);
  });
});

describe('the no-price caveat counts targets, one per decision and symbol, not the sessions they waited (probe r72b F2)', () => {
  const noPrice = (decisions: Record<number, typeof half>): string | undefined => scenario(market(), decisions, { initialCash: 10_000 }).caveats.find((c) => c.message.includes('deferred: no-price'))?.message;

  it("one decision's target that waited three sessions (1–3) for B's first close is 1 target — it read \"1 order-session\", a one-session delay", () => {
    // Decided on session 0 (2024-01-01), B unpriced until session 3's close: one deferral row, at the decision. What waited: B's
    // 0.5 of a 10,000 NAV (A 0.5 × 10,000 / 10 = 500 shares, A flat at 10) = 50.0 %.
    expect(noPrice({ 0: half })).toBe(
      "1 target deferred: no-price — a decision's target named a symbol with no price yet (not trading yet, or its last bar older than staleMarkSessions), and that weight waited in cash until the symbol had a price or a later decision replaced it (largest 50.0% of NAV on 2024-01-01); counted once per decision and symbol, however many sessions it waited",
    );
  });

  it('two decisions that each set the unpriced target are 2 targets', () => {
    // Sessions 0 and 1 each decide B at 0.5 before its first price (session 3): two rows; both 50 % of an unchanged 10,000 NAV, the first the largest.
    expect(noPrice({ 0: half, 1: half })).toMatch(/^2 targets deferred: no-price — decisions' targets named symbols with no price yet .*\(largest 50\.0% of NAV on 2024-01-01\); counted once per decision and symbol, however many sessions it waited$/);
  });
});

describe('a later decision replaces or clears the waiting target (a decision is a full target set)', () => {
  it('targets without B: B is never ordered', () => {
    // Session 2 targets A 1.0: 500 more A (10,000 / 10 = 1,000 in all), nothing for B on its first close.
    const result = scenario(market(), { 0: half, 2: { weights: { A: 1 } } }, { initialCash: 10_000 });
    expect(trades(result)).toEqual([
      [1, 'A', 500, 10],
      [3, 'A', 500, 10],
    ]);
  });

  it('explicit orders clear it', () => {
    const result = scenario(market(), { 0: half, 2: orders({ symbol: 'A', quantity: 1 }) }, { initialCash: 10_000 });
    expect(trades(result).map(([, symbol]) => symbol)).toEqual(['A', 'A']);
  });

  it('a new target for B from a later decision is the one ordered', () => {
    // Session 2 targets B 0.25 (still unpriced): 0.25 × 10,000 / 40 = 62 shares at 3's close (62.5 rounded down).
    const result = scenario(market(), { 0: half, 2: { weights: { A: 0.5, B: 0.25 } } }, { initialCash: 10_000 });
    expect(orderRows(result).filter((o) => o.symbol === 'B').map((o) => [o.session, o.quantity])).toEqual([[3, 62]]);
  });

  it('a decision on the first close sizes B itself; no second order', () => {
    const result = scenario(market(), { 0: half, 3: half }, { initialCash: 10_000 });
    expect(orderRows(result).filter((o) => o.symbol === 'B').map((o) => [o.session, o.quantity])).toEqual([[3, 125]]);
  });
});

describe('a waiting target the account rejects at its first close', () => {
  it('is recorded as not ordered, and not said as ordered', () => {
    // Shares: A 500 (5,000 of NAV 10,000), B 200 unpriced at 0: a share count has no value without a price, so the
    // decision is accepted (gross 0.50). At 3, B at 40 is 200 × 40 = 8,000: the standing book is 5,000 + 8,000 = 130 % of
    // NAV 10,000, beyond a cash account's 100 %: rejected, no order for B.
    const result = scenario(market(), { 0: { shares: { A: 500, B: 200 } } }, { initialCash: 10_000 });
    expect(orderRows(result).map((o) => [o.session, o.symbol, o.quantity])).toEqual([[0, 'A', 500]]);
    expect(result.breaches.map((b) => [b.session, b.action, b.symbol])).toEqual([[3, 'rejected', 'B']]);
    expect(result.targetWaits?.map((w) => [w.symbol, w.decided, w.until, w.end])).toEqual([[1, 0, 3, 'rejected']]);
    expect(result.caveats.filter((c) => c.message.includes('was ordered then'))).toEqual([]);
    // The decision itself was accepted (A bought): the rejection is the waiting target's, not "every decision".
    expect(result.caveats.filter((c) => c.code === 'leverage-breach').map((c) => c.message)).toEqual([
      "1 waiting target rejected at its symbol's price (B on 2024-01-04): their targets short or exceed 100% of NAV (targeted gross 1.30, net 1.30 × NAV), which a cash account does not allow (set account: { kind: margin, maxGross, maxNet } to allow it)",
    ]);
  });

  it('names every waiting target it drops: B and C rejected together (r23a finding 1a)', () => {
    // Shares A 500, B 100, C 100; B and C first priced at 3 (40 each): 5,000 + 4,000 + 4,000 = 1.30 × NAV 10,000.
    const m = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [0, 1, 2, 3, 4, 5].map((t) => [10, t >= 3 ? 40 : NaN, t >= 3 ? 40 : NaN]) });
    const result = scenario(m, { 0: { shares: { A: 500, B: 100, C: 100 } } }, { initialCash: 10_000 });
    expect(result.breaches.map((b) => [b.session, b.symbol])).toEqual([
      [3, 'B'],
      [3, 'C'],
    ]);
    const said = result.caveats.find((c) => c.code === 'leverage-breach');
    expect(said?.message).toBe(
      "2 waiting targets rejected at their symbols' prices (B, C on 2024-01-04): their targets short or exceed 100% of NAV (targeted gross 1.30, net 1.30 × NAV), which a cash account does not allow (set account: { kind: margin, maxGross, maxNet } to allow it)",
    );
    expect(said?.symbols).toEqual(['B', 'C']);
  });
});

describe('the decision is judged as the targets it sets, waiting ones included (probe r23a finding 1)', () => {
  const targets = { weights: { A: 0.5, B: 0.3, C: 0.3 } };
  const rejection = (m: Market): unknown => {
    const result = scenario(m, { 0: targets }, { initialCash: 10_000 });
    return { orders: orderRows(result).length, breaches: result.breaches.map((b) => [b.session, b.action, b.symbol]), said: result.caveats.filter((c) => c.code === 'leverage-breach').map((c) => c.message) };
  };

  it('A 0.5 + B 0.3 + C 0.3 (1.10 gross) is rejected whole at the decision whether B and C are priced or not (T2 vs T2c)', () => {
    const late = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [0, 1, 2, 3, 4, 5].map((t) => [10, t >= 3 ? 40 : NaN, t >= 3 ? 40 : NaN]) });
    const priced = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [0, 1, 2, 3, 4, 5].map(() => [10, 40, 40]) });
    const expected = {
      orders: 0,
      breaches: [[0, 'rejected', null]],
      said: ['every decision rejected, first on 2024-01-01: their targets short or exceed 100% of NAV (targeted gross 1.10, net 1.10 × NAV), which a cash account does not allow (set account: { kind: margin, maxGross, maxNet } to allow it)'],
    };
    expect(rejection(late)).toEqual(expected);
    expect(rejection(priced)).toEqual(expected);
  });

  it('a short leg waiting for its price makes the plan levered: A 1.0 + B −0.5 fills 1,000 A where 1,000 fit the limits (r23a M2)', () => {
    // Margin 1.6 gross / 1.2 net, NAV 10,000, A closes 10 and opens 10.05: 1,000 A fill at 10.05 = 10,050 (net 1.005 ≤ 1.2);
    // a plan taken for long-only would have spent only the cash, 10,000 / 10.05 → 995.
    // At 3 (B's first close, 40): NAV −50 + 1,000 × 10 = 9,950; B: −0.5 × 9,950 / 40 = −124.375 → −124, filled at 4's open (40).
    const m = fixtureMarket({
      symbols: ['A', 'B'],
      closes: [0, 1, 2, 3, 4, 5].map((t) => [10, t >= 3 ? 40 : NaN]),
      opens: [0, 1, 2, 3, 4, 5].map((t) => [10.05, t >= 3 ? 40 : NaN]),
    });
    const result = scenario(m, { 0: { weights: { A: 1, B: -0.5 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 1.6, maxNet: 1.2 } });
    expect(trades(result)).toEqual([
      [1, 'A', 1_000, 10.05],
      [4, 'B', -124, 40],
    ]);
  });
});

describe('explicit orders that clear a waiting target clear what the run counts as targeted (probe r23a finding 3; probe r45a F3: all of the targets)', () => {
  it('A 0.5 + B 0.3 (B waiting), then an explicit order at 2: targeted 80 % on sessions 1–2, none from 3 (not compared)', () => {
    // A 500 at 10 from session 1 (NAV 10,000 throughout); the explicit +1 A at 2 fills at 3. Explicit orders clear every
    // target (README: "explicit orders clear them, and the run stops counting them as targeted"), A's as well as B's: from
    // session 3, the first its fills reach, no target stands, and sessions 3–5 are not compared (r23a's fix still counted
    // A's 0.5 there: "50.1 % against 62.0 %"). Sessions 1–2: realised 0.50, targeted 0.80, −30.0 pp; B waited 0.3 on both: −30.0 pp.
    const result = scenario(market(), { 0: { weights: { A: 0.5, B: 0.3 } }, 2: orders({ symbol: 'A', quantity: 1 }) }, { initialCash: 10_000 });
    expect(result.targetWaits?.map((w) => [w.symbol, w.decided, w.until, w.end])).toEqual([[1, 0, 2, 'cleared']]);
    expect(Array.from(result.clearedSessions ?? [])).toEqual([2]);
    expect(bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')?.message).toBe(
      'realised gross exposure averaged 50.0% of NAV against 80.0% targeted (-30.0 pp) over the 2 sessions from 2024-01-02, once orders of the first decision could fill, that had targets standing (3 more, after explicit orders cleared the targets, had none to compare with) (avg_gross_exposure, over all 6: 41.7%): a target waiting for a price (B until cleared on 2024-01-03), −30.0 pp',
    );
  });

  it('a later decision without B replaces it instead: the new targets count (no drop)', () => {
    const result = scenario(market(), { 0: { weights: { A: 0.5, B: 0.3 } }, 2: { weights: { A: 0.5 } } }, { initialCash: 10_000 });
    expect(result.targetWaits?.map((w) => w.end)).toEqual(['replaced']);
  });
});

describe('causality: the waiting target is sized from its session\'s close alone', () => {
  const make = () => scripted({ 0: half });
  it('perturbing everything after the sizing session changes nothing up to it, nor the order placed there', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), (seed) => {
        const m = market();
        expectCausal(m, make, { initialCash: 10_000 }, [2, 3], seed);
        const placed = (x: Market): unknown => orderRows(backtest(x, make(), { initialCash: 10_000 })).filter((o) => o.session <= 3).map((o) => [o.session, o.symbol, o.quantity]);
        expect(placed(perturbAfter(m, 3, seed))).toEqual(placed(m));
      }),
      { numRuns: 20 },
    );
  });
});

describe('a symbol that leaves the market ends its wait, and a target on a gone symbol never stands (probe r24a finding 2, r24b finding 1)', () => {
  // A at 10 throughout; B never trades and is delisted after session 3 (gone from session 4).
  const delisted = (): Market => fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 8 }, () => [10, NaN]), delistedAfter: { 1: 3 } });

  it('a wait open when its symbol is delisted ends there, said as never filled — not "waiting … to the end"', () => {
    // Session 0: A 0.3 → 300 at 10; B 0.3 waits from 0 and ends at 4 (delisted), never having had a price.
    // Gap: B's 30 % held out from session 1 (the decision's fills' reach) to the end, no later decision: 7 × 0.3 / 7 = −30.0 pp.
    const result = scenario(delisted(), { 0: { weights: { A: 0.3, B: 0.3 } } }, { initialCash: 10_000 });
    expect(result.targetWaits?.map((w) => [w.symbol, w.decided, w.until, w.end, w.firstPrice])).toEqual([[1, 0, 4, 'delisted', true]]);
    const said = "B's 30.0 % target of 2024-01-01 never filled: B was delisted on 2024-01-04 before its first price";
    expect(result.caveats.map((c) => c.message)).toContain(`${said} — a target on a symbol that leaves the market before its price never fills`);
    expect(bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')?.message).toContain(`: ${said}, −30.0 pp`);
  });

  it('a decision after the symbol left records a delisting deferral but no wait', () => {
    // Decisions on 0 and 5: the first's wait ends at 4 (delisted); the second's B target (gone) never stands.
    const result = scenario(delisted(), { 0: { weights: { A: 0.3, B: 0.3 } }, 5: { weights: { A: 0.3, B: 0.3 } } }, { initialCash: 10_000 });
    expect(result.targetWaits?.map((w) => [w.decided, w.until, w.end])).toEqual([[0, 4, 'delisted']]);
    expect(deferralRows(result).filter((d) => d.symbol === 'B').map((d) => [d.session, d.reason])).toEqual([
      [0, 'no-price'],
      [5, 'delisted'],
    ]);
  });

  it('property: no wait outlives its symbol, and none starts after it left', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }), fc.double({ min: 0.05, max: 0.5, noNaN: true }), (sessions, w) => {
        const script = Object.fromEntries(sessions.map((t) => [t, { weights: { A: w, B: w } }]));
        const result = scenario(delisted(), script, { initialCash: 10_000 });
        for (const wait of result.targetWaits ?? []) {
          expect(wait.decided).toBeLessThan(4);
          expect(wait.until).toBeLessThanOrEqual(4);
          expect(['replaced', 'delisted']).toContain(wait.end);
        }
      }),
      { numRuns: 30 },
    );
  });
});

/**
 * XSP at 2 on sessions 0–1, no bar on 2–8 (its last bar older than staleMarkSessions = 5 from
 * session 7), a split of `ratio` on session 9, at 2 / ratio from 9; CSH at 10 throughout (probe
 * r45a F1: data/p1, 2024-01-02 … 2024-01-18 as sessions 0–11).
 */
const splitWhileWaiting = (ratio: number): Market =>
  fixtureMarket({
    symbols: ['XSP', 'CSH'],
    closes: Array.from({ length: 12 }, (_, t) => [t <= 1 ? 2 : t >= 9 ? 2 / ratio : NaN, 10]),
    splits: [{ session: 9, symbol: 0, value: ratio }],
  });

describe('a share target waiting across a split is rescaled by it, as the holding and resting orders are (probe r45a F1)', () => {
  it('"keep 15" across a 1:10 reverse split is 1.5 → 1 share: what the book holds, no trade', () => {
    // Session 0: 15 XSP, filled at 1's open (2): cash 10,000 − 30 = 9,970. Session 7: XSP 15 (stale: waits), CSH 100 at 10,
    // filled at 8's open: cash 8,970. Session 9's open: 1:10 → 15 × 0.1 = 1.5 shares: 1 held, 0.5 × 20 = 10.00 cash in lieu,
    // cash 8,980. At 9's close the waiting target is 15 × 0.1 = 1.5 → 1 whole share = the holding: no order.
    // Book: XSP 1 × 20 + CSH 100 × 10 + cash 8,980 = NAV 10,000 (was: +14 at 20, XSP 15 = 300, cash 8,700).
    const result = scenario(splitWhileWaiting(0.1), { 0: { shares: { XSP: 15 } }, 7: { shares: { XSP: 15, CSH: 100 } } }, { initialCash: 10_000 });
    expect(trades(result)).toEqual([
      [1, 'XSP', 15, 2],
      [8, 'CSH', 100, 10],
      [9, 'XSP', -0.5, 20],
    ]);
    expect(result.daily.cash[11]).toBe(8_980);
    expect(result.daily.nav[11]).toBe(10_000);
    expect(result.targetWaits?.map((w) => [w.decided, w.until, w.end, w.shares, w.splitShares])).toEqual([[7, 9, 'ordered', 15, 1.5]]);
    expect(messages(result)).toContain(
      "XSP's target of 2024-01-10 (15 shares, 1.5 in post-split shares) waited for its next price (2024-01-12) and was ordered then — a target on a symbol with no price stands until the symbol has one, unless a later decision replaces it",
    );
  });

  it('"keep 10" across a 2:1 split is 20 shares: what the book holds, no trade (was: a sale of 10)', () => {
    // 10 × 2 = 20 bought at session 1's open; the 2:1 split on 9 makes the holding 20 and the waiting target 10 × 2 = 20.
    const result = scenario(splitWhileWaiting(2), { 0: { shares: { XSP: 10 } }, 7: { shares: { XSP: 10, CSH: 100 } } }, { initialCash: 10_000 });
    expect(trades(result)).toEqual([
      [1, 'XSP', 10, 2],
      [8, 'CSH', 100, 10],
    ]);
    // Cash 10,000 − 20 − 1,000 = 8,980; NAV 8,980 + 20 × 1 + 1,000 = 10,000.
    expect(result.daily.nav[11]).toBe(10_000);
  });

  it('a target of 83 across a 3:2 and a 2:1 split is sized at 83 × 3 = 249, not rounded at each (248)', () => {
    // XSP not held; no bar on 1–9, splits on 8 (3:2) and 9 (2:1), at 120 / 3 = 40 from 10. Session 7: 83 shares waits;
    // session 10: 83 × 1.5 = 124.5, × 2 = 249 shares at 40 = 9,960 ≤ 10,000, filled at 11's open.
    const m = fixtureMarket({
      symbols: ['XSP'],
      closes: Array.from({ length: 12 }, (_, t) => [t === 0 ? 120 : t >= 10 ? 40 : NaN]),
      splits: [
        { session: 8, symbol: 0, value: 1.5 },
        { session: 9, symbol: 0, value: 2 },
      ],
    });
    const result = scenario(m, { 7: { shares: { XSP: 83 } } }, { initialCash: 10_000 });
    expect(trades(result)).toEqual([[11, 'XSP', 249, 40]]);
  });

  it('property: a waiting share target across any splits is sized at trunc(target × Π ratios), exactly — as a resting order fills', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000 }), fc.array(fc.constantFrom(...SPLIT_RATIOS), { minLength: 1, maxLength: 4 }), (target, ratios) => {
        // XSP's last bar is session 0 (at 1,000); decided on 7 (stale); split on 8 … 7 + k; its next bar on 8 + k.
        const k = ratios.length;
        const price = ratios.reduce((x, [p, q]) => (x * q) / p, 1_000);
        const closes = Array.from({ length: 10 + k }, (_, t) => [t === 0 ? 1_000 : t >= 8 + k ? price : NaN]);
        const splits = ratios.map(([p, q], j) => ({ session: 8 + j, symbol: 0, value: p / q }));
        // Its value is target × 1,000 ≤ 5,000,000 whatever the splits: the cash pays for it.
        const result = scenario({ symbols: ['XSP'], closes, splits }, { 7: { shares: { XSP: target } } }, { initialCash: 1e7 });
        // Exact: trunc(target × Πp / Πq) with integers; none ordered when under one share.
        let num = BigInt(target);
        let den = 1n;
        for (const [p, q] of ratios) {
          num *= BigInt(p);
          den *= BigInt(q);
        }
        expect(Array.from(result.fills.quantity)).toEqual(num / den === 0n ? [] : [Number(num / den)]);
      }),
      { numRuns: 100 },
    );
  });
});
