// The exposure gap's causes name only what the run recorded (probe r22b: "gives causes that did
// not happen" — whole shares for every whole-share run, drift for every run with fewer decisions
// than sessions), each sized by hand here.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest } from '../../engine/backtest.ts';
import { Deferral, DEFERRAL_NAMES, OrderEnd } from '../../engine/execution/orders.ts';
import type { Result } from '../../engine/result.ts';
import { bookCaveats, exposureGapCaveat } from '../../reports/caveats/bookCaveats.ts';
import { DEFERRAL_CAUSE, exposureGapCauses } from '../../reports/caveats/exposureGapCauses.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { scripted } from '../engine/helpers.ts';

/** The causes over the sessions after the first decision (session 0; next-open fills a session later). */
function causes(result: Result): string[] {
  const d = result.daily;
  const gross = Float64Array.from(d.nav, (nav, t) => (nav > 0 ? (d.longValue[t] + Math.abs(d.shortValue[t])) / nav : NaN));
  return exposureGapCauses(result, gross, 1, 1);
}

const gapOf = (result: Result) => bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')?.message;

describe('exposureGapCauses: whole shares only where rounding left cash', () => {
  it('10,000 at 30 a share: 333 shares, 10 left uninvested = 0.1 % of NAV', () => {
    const result = backtest(fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 5 }, () => [30]) }), scripted({ 0: { weights: { A: 1 } } }), { initialCash: 10_000 });
    expect(Array.from(result.roundedAway!.session)).toEqual([0]);
    expect(result.roundedAway!.share[0]).toBeCloseTo(10 / 10_000, 15);
    // Flat prices: 333 × 30 = 9,990 of 10,000 every session after the fill — no drift.
    expect(causes(result)).toEqual(['whole shares left 0.1% of NAV uninvested']);
  });

  it('10,000 at 10: exactly 1,000 shares and flat prices name no cause; fractional shares record no rounding', () => {
    const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 5 }, () => [10]) });
    const exact = backtest(market, scripted({ 0: { weights: { A: 1 } } }), { initialCash: 10_000 });
    expect(Array.from(exact.roundedAway!.share)).toEqual([0]);
    expect(causes(exact)).toEqual([]);
    const fractional = backtest(fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 5 }, () => [30]) }), scripted({ 0: { weights: { A: 1 } } }), { initialCash: 10_000, shares: 'fractional' });
    expect(fractional.roundedAway).toBeUndefined();
    expect(causes(fractional)).toEqual([]);
  });

  it('a target that waited for its price adds its own rounding from the session its order could fill', () => {
    // A at 30 throughout; B unpriced on sessions 0–1, at 70 from 2. Targets A 0.5, B 0.5 on session 0, 10,000 cash.
    // Session 0: A 5,000 / 30 = 166⅔ → 166, ⅔ × 30 = 20 left (0.2 %). B waits; priced on 2's close (NAV 10,000):
    // 5,000 / 70 = 71 3/7 → 71, 3/7 × 70 = 30 more (0.3 %, 0.5 % standing). Fills a session later: rounding
    // 0.2 % on sessions 1–2, 0.5 % on 3–5 → (0.4 + 1.5) / 5 = 0.38 %; B's 50 % waits on 1–2: 2 × 0.5 / 5 = 20.0 pp.
    // Gross: 4,980 / 10,000 = 0.498 on 1–2, (4,980 + 71 × 70 = 4,970) / 10,000 = 0.995 on 3–5:
    // (0.996 + 2.985) / 5 = 79.62 % against 100 % (−20.4 pp > 20: high); over all 6 sessions 3.981 / 6 = 66.35 %.
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 6 }, (_, t) => [30, t >= 2 ? 70 : NaN]) });
    const result = backtest(market, scripted({ 0: { weights: { A: 0.5, B: 0.5 } } }), { initialCash: 10_000 });
    expect(Array.from(result.roundedAway!.session)).toEqual([0, 2]);
    expect(result.roundedAway!.share[0]).toBeCloseTo(0.002, 15);
    expect(result.roundedAway!.share[1]).toBeCloseTo(0.005, 15);
    expect(bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')).toMatchObject({
      severity: 'high',
      message:
        'realised gross exposure averaged 79.6% of NAV against 100.0% targeted (-20.4 pp) over the 5 sessions from 2024-01-02, once orders of the first decision could fill (avg_gross_exposure, over all 6: 66.4%): a target waiting for a price (B until 2024-01-03), −20.0 pp; whole shares left 0.4% of NAV uninvested',
    });
  });
});

describe('exposureGapCauses: drift only where weights moved while nothing traded', () => {
  it('A doubles between two decisions (fractional shares): +13.6 pp, all of the gap', () => {
    // A at 10 on sessions 0–1, 20 on 2–11; 50 % of A decided on sessions 0 and 10, 10,000 cash. Session 1 buys
    // 500 at 10 (gross 0.5); on 2–10 500 × 20 = 10,000 of a 15,000 NAV (2/3: 1/6 above the fill's 0.5, no fill);
    // session 11 sells 125 at 20 back to 0.5. Drift over sessions 1–11: 9 × 1/6 / 11 = 13.64 pp; realised
    // (0.5 + 9 × 2/3 + 0.5) / 11 = 63.64 % against 50 % targeted.
    const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 12 }, (_, t) => [t >= 2 ? 20 : 10]) });
    const result = backtest(market, scripted({ 0: { weights: { A: 0.5 } }, 10: { weights: { A: 0.5 } } }), { initialCash: 10_000, shares: 'fractional' });
    expect(Array.from(result.fills.session)).toEqual([1, 11]);
    expect(causes(result)).toEqual(['holdings drifted between decisions, by +13.6 pp on average']);
    expect(gapOf(result)).toBe(
      'realised gross exposure averaged 63.6% of NAV against 50.0% targeted (+13.6 pp) over the 11 sessions from 2024-01-02, once orders of the first decision could fill (avg_gross_exposure, over all 12: 58.3%): holdings drifted between decisions, by +13.6 pp on average',
    );
  });

  it("a split's cash in lieu trades nothing and is no drift: its own cause (probe r27d: +1.7 pp named of a +15.8 pp gap; probe r39b: a reverse split's lieu read as drift)", () => {
    // A at 30 on 0–1, 20 on 2 (a 3:2 split), 40 on 3–5; 50 % of A decided on session 0, 2,000 cash. Session 1 buys
    // 1,000 / 30 → 33 shares (990; gross 0.495). Session 2: 33 → 49.5 shares, 49 kept and 0.5 × 20 = 10 paid in lieu:
    // 980 of 2,000 (0.49). Sessions 3–5: 49 × 40 = 1,960 of 2,980 (0.657718). Drift from session 1's trade, the lieu's
    // share of NAV added back (10 / 2,000 = 0.005, then 10 / 2,980 = 0.003356): (0 + 0 + 3 × 0.166074) / 5 = +10.0 pp;
    // the lieu alone: (0 + 0.005 + 3 × 0.003356) / 5 = 0.3 pp.
    const closes = [30, 30, 20, 40, 40, 40].map((c) => [c]);
    const market = fixtureMarket({ symbols: ['A'], closes, splits: [{ session: 2, symbol: 0, value: 1.5 }] });
    const result = backtest(market, scripted({ 0: { weights: { A: 0.5 } } }), { initialCash: 2_000 });
    expect(Array.from(result.fills.reason)).toEqual([0, 3]);
    expect(result.daily.nav[5]).toBeCloseTo(2_980, 9);
    // Whole shares: 1,000 − 33 × 30 = 10 of 2,000 left out of the target, 0.5 %.
    expect(causes(result)).toEqual([
      'whole shares left 0.5% of NAV uninvested',
      'cash in lieu of fractional shares from splits, uninvested until a decision sized the book again (or to the end), −0.3 pp',
      'holdings drifted between decisions, by +10.0 pp on average',
    ]);
  });

  it('the reverse-split case: flat prices, the whole gap is the cash in lieu, none of it drift (probe r39b)', () => {
    // 30 cash, A at 2, a 1:10 reverse split on session 2 (20 after). Session 1 buys 15 (30, gross 1); session 2: 1.5 → 1 share
    // and 0.5 × 20 = 10 in lieu (gross 20 / 30). Over sessions 1–4 the lieu is 0, 1/3, 1/3, 1/3 of NAV: −25.0 pp.
    const market = fixtureMarket({ symbols: ['A'], closes: [2, 2, 20, 20, 20].map((c) => [c]), splits: [{ session: 2, symbol: 0, value: 0.1 }] });
    const result = backtest(market, scripted({ 0: { weights: { A: 1 } } }), { initialCash: 30 });
    expect(causes(result)).toEqual(['cash in lieu of fractional shares from splits, uninvested until a decision sized the book again (or to the end), −25.0 pp']);
  });

  it('a decision that sizes the book again ends the lieu as a cause, though it trades nothing: the cash is then whole shares\' (probe r40a: 7.7 pp named beside 6.8 of an 8.7 pp gap)', () => {
    // 1,000 cash; A at 30 on sessions 0–2, a 1:10 reverse split on session 3 (300 after); 100 % of A decided on sessions 0, 5 and 10.
    // Session 1 buys 33 (990); session 3: 3 shares and 0.3 × 300 = 90 in lieu, gross 0.90. The decisions of 5 and 10 ask 3.33 shares:
    // 3, nothing to trade. Over sessions 1–14: whole shares (5 × 0.01 + 9 × 0.10) / 14 = 6.8 %; the lieu on sessions 3–5 only,
    // 3 × 0.09 / 14 = 1.9 pp — together the gap, (2 × 0.99 + 12 × 0.90) / 14 − 1 = −8.7 pp; no drift.
    const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 15 }, (_, t) => [t < 3 ? 30 : 300]), splits: [{ session: 3, symbol: 0, value: 0.1 }] });
    const result = backtest(market, scripted({ 0: { weights: { A: 1 } }, 5: { weights: { A: 1 } }, 10: { weights: { A: 1 } } }), { initialCash: 1_000 });
    expect(causes(result)).toEqual(['whole shares left 6.8% of NAV uninvested', 'cash in lieu of fractional shares from splits, uninvested until a decision sized the book again (or to the end), −1.9 pp']);
  });

  it('a book above its targets names a sale that rested on suspended sessions (probe r41b: "none of the causes" for +15.0 pp)', () => {
    // A and B flat at 100 and 50; A trades no volume on sessions 3 and 4. 50 % of A on session 0 (50 bought on 1), then 50 % of B on 2:
    // B's 100 fill on 3 from the cash, A's sale rests on 3 and 4 and fills on 5 — gross 1.0 there instead of 0.5.
    const closes = Array.from({ length: 8 }, () => [100, 50]);
    const volumes = Array.from({ length: 8 }, (_, t) => [t === 3 || t === 4 ? 0 : 1_000, 1_000]);
    const market = fixtureMarket({ symbols: ['A', 'B'], closes, volumes });
    const result = backtest(market, scripted({ 0: { weights: { A: 0.5 } }, 2: { weights: { B: 0.5 } } }), { initialCash: 10_000 });
    // Sessions 1–7: 0.5, 0.5, 1, 1, 0.5, 0.5, 0.5 → 64.3 % against 50 %.
    expect(gapOf(result)).toMatch(/^realised gross exposure averaged 64\.3% of NAV against 50\.0% targeted \(\+14\.3 pp\).*: sales or covers rested \(the position stayed larger than its target\)$/);
  });

  it('a book above its targets names the sales the account refused, sized (probe r47a F2: "none of the causes" for +88.9 pp)', () => {
    // APN and APQ flat at 0.50, 0.005 a share with a 1.00 minimum, 3 cash. 1 of each asked on session 0, bought on 1:
    // 3 − 2 × (0.50 + 1) = 0 cash, NAV 1, gross 1. Nothing asked on 2: both sales on 3 net 0.50 − 1 < 0 on 0 cash, refused
    // and ended; held to the end. Targets 2 × 0.5 / 3 = 1/3 on sessions 1–2, 0 on 3–6: (2/3) / 6 = 11.1 % against 100 %.
    // The refused sales: 2 × 1 × 0.50 / NAV 1 = 100 % on sessions 3–6, 4 of the 6 compared: +66.7 pp.
    const market = fixtureMarket({ symbols: ['APN', 'APQ'], closes: Array.from({ length: 7 }, () => [0.5, 0.5]) });
    const result = backtest(market, scripted({ 0: { shares: { APN: 1, APQ: 1 } }, 2: { weights: {} } }), { initialCash: 3, maxCommissionRate: 10, commission: { kind: 'per-share', perShare: 0.005, minimum: 1 } });
    expect(Array.from(result.deferrals.remaining)).toEqual([-1, -1]);
    expect(gapOf(result)).toBe(
      'realised gross exposure averaged 100.0% of NAV against 11.1% targeted (+88.9 pp) over the 6 sessions from 2024-01-02, once orders of the first decision could fill (avg_gross_exposure, over all 7: 85.7%): sales refused by the account, their commission more than their proceeds plus the cash there (APN, APQ; the position stayed larger than its target), +66.7 pp',
    );
  });

  it('a decision every session trades the drift away on each fill: none is named', () => {
    // The same prices, 50 % of A decided every session: each session's fills reset the book, so no session drifts without one.
    const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 12 }, (_, t) => [10 + t]) });
    const every = scripted(Object.fromEntries(Array.from({ length: 12 }, (_, t) => [t, { weights: { A: 0.5 } }])));
    const result = backtest(market, every, { initialCash: 10_000, shares: 'fractional' });
    expect(causes(result)).toEqual([]);
  });

  it('a gap with no recorded cause says so, not a cause that did not happen', () => {
    const gap = { target: 1, realised: 0.9, from: '2024-01-02', sessions: 5, overall: 0.9, all: 5 };
    expect(exposureGapCaveat({ ...gap, causes: [] })?.message).toBe(
      'realised gross exposure averaged 90.0% of NAV against 100.0% targeted (-10.0 pp) over the 5 sessions from 2024-01-02, once orders of the first decision could fill: the run recorded none of the causes breadth names (targets waiting for a price, buys or sales cut, orders rested, orders a split or the end of their day left unfilled, whole shares, positions closed at their data end, targets whose order a data end or delisting cancelled, targets on symbols that had left the market, drift between decisions; prices moving between a decision and its fills are not measured)',
    );
  });

  it('property: flat prices and fractional shares never name whole shares or drift, whatever the weights and decisions', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1_000, noNaN: true }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 4 }),
        (price, steps) => {
          const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 10 }, () => [price]) });
          const script = Object.fromEntries([[0, { weights: { A: steps[0][1] } }], ...steps.slice(1).map(([t, w]) => [t, { weights: { A: w } }])]);
          const result = backtest(market, scripted(script), { initialCash: 10_000, shares: 'fractional' });
          expect(causes(result).filter((c) => c.startsWith('whole shares') || c.startsWith('holdings drifted'))).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('exposureGapCauses: positions the run closed itself, and a book above its targets (probe r23b)', () => {
  it("B's data ends after session 3: its 5,000 is sold at its last price on session 4 and stays out to the end — 0.5 × 4 / 7 sessions = −28.6 pp, the whole gap", () => {
    // 10,000 at 0.5 / 0.5: 500 A and 500 B fill at 10 on session 1; B has no bar from session 4 on.
    const closes = Array.from({ length: 8 }, (_, t) => [10, t < 4 ? 10 : NaN]);
    const result = backtest(fixtureMarket({ symbols: ['A', 'B'], closes }), scripted({ 0: { weights: { A: 0.5, B: 0.5 } } }), { initialCash: 10_000 });
    expect(causes(result)).toEqual(['positions closed when their data ended or they were delisted (B), −28.6 pp']);
    expect(gapOf(result)).toContain('(-28.6 pp)');
  });

  it("an exit stays out of the book until the next decision's fills can reach it (its lag), not only until that decision (probe r24c finding 2)", () => {
    // 10 sessions, A and B at 10; 10,000 at 0.5 / 0.5 on session 0 (500 each, filled on 1). B has no bar from session 4:
    // its 5,000 (0.5 of NAV 10,000) is sold on 4. The decision on 6 (A 1.0) fills on 7: out on 4, 5, 6 → 3 × 0.5 / 9 = −16.7 pp
    // (was 2 × 0.5 / 9 = −11.1 pp: session 6, before the decision's fills, belonged to no cause).
    const closes = Array.from({ length: 10 }, (_, t) => [10, t < 4 ? 10 : NaN]);
    const result = backtest(fixtureMarket({ symbols: ['A', 'B'], closes }), scripted({ 0: { weights: { A: 0.5, B: 0.5 } }, 6: { weights: { A: 1 } } }), { initialCash: 10_000 });
    expect(causes(result)).toEqual(['positions closed when their data ended or they were delisted (B), −16.7 pp']);
  });

  it('decisions every session after a data end: the exit until the next decision, then its targets on the gone symbol; no wait (probe r24b de/)', () => {
    // 7 sessions, A and B at 10, B's data ends after session 3; A 0.5 / B 0.5 decided every session, 10,000: 500 of each from
    // session 1. B's 5,000 (0.5) sold on 4; the decision on 4's close reaches 5: exit −0.5 / 6 = −8.3 pp. The decisions on 4, 5
    // and 6 target B (gone: a data-end deferral each, never a wait), reaching 5, 6 (7 is past the end): 2 × 0.5 / 6 = −16.7 pp.
    const closes = Array.from({ length: 7 }, (_, t) => [10, t < 4 ? 10 : NaN]);
    const every = scripted(Object.fromEntries(Array.from({ length: 7 }, (_, t) => [t, { weights: { A: 0.5, B: 0.5 } }])));
    const result = backtest(fixtureMarket({ symbols: ['A', 'B'], closes }), every, { initialCash: 10_000 });
    expect(result.targetWaits).toEqual([]);
    expect(causes(result)).toEqual(['positions closed when their data ended or they were delisted (B), −8.3 pp', 'targets on symbols that had left the market (B), −16.7 pp']);
  });

  it('a late symbol whose data then ends: its wait named until its first price, then the exit and the gone targets (probe r24b ls2/)', () => {
    // 7 sessions, A at 10; B at 10 on sessions 2–4 only; A 0.5 / B 0.5 every session, 10,000. B waits from 0 (replaced on 1)
    // and from 1; the decision on 2 prices B itself (ordered then, 500 filled on 3). Waits reach sessions 1 and 2:
    // 2 × 0.5 / 6 = −16.7 pp, "B until 2024-01-03". B sold on 5 (data end), the decision on 5 reaches 6: −0.5 / 6 = −8.3 pp;
    // that decision's and session 6's B targets reach only 6: −8.3 pp.
    const closes = Array.from({ length: 7 }, (_, t) => [10, t >= 2 && t <= 4 ? 10 : NaN]);
    const every = scripted(Object.fromEntries(Array.from({ length: 7 }, (_, t) => [t, { weights: { A: 0.5, B: 0.5 } }])));
    const result = backtest(fixtureMarket({ symbols: ['A', 'B'], closes }), every, { initialCash: 10_000 });
    expect(result.targetWaits?.map((w) => [w.decided, w.until, w.end])).toEqual([
      [0, 1, 'replaced'],
      [1, 2, 'ordered'],
    ]);
    expect(causes(result)).toEqual([
      'a target waiting for a price (B until 2024-01-03), −16.7 pp',
      'positions closed when their data ended or they were delisted (B), −8.3 pp',
      'targets on symbols that had left the market (B), −8.3 pp',
    ]);
  });

  it('a wait ended by a later decision that dropped the target says so (probe r24a finding 3)', () => {
    // A at 10; B unpriced throughout. B 0.3 waits from 0; the decision on 3 (A 0.5 alone) replaces it: it reaches sessions 1–3,
    // 3 × 0.3 / 7 = −12.9 pp over the 7 counted sessions.
    const closes = Array.from({ length: 8 }, () => [10, NaN]);
    const result = backtest(fixtureMarket({ symbols: ['A', 'B'], closes }), scripted({ 0: { weights: { A: 0.5, B: 0.3 } }, 3: { weights: { A: 0.5 } } }), { initialCash: 10_000 });
    expect(causes(result)).toEqual(['a target waiting for a price (B until replaced on 2024-01-04), −12.9 pp']);
  });

  it("a wait whose symbol left is held out until the next decision on or after the leaving reaches the book, as an exit is — not the one after it", () => {
    // 8 sessions, A at 10; B never trades and is delisted after session 3 (gone from 4, at its open). B 0.3 waits from 0 and
    // ends at 4; the decision on 4's close sets targets anew and reaches 5: 4 × 0.3 / 7 = −17.1 pp (was −30.0 pp: held to
    // the decision after 4, none). Where that decision targets B again, its gone target is its own cause from 5: 3 × 0.3 / 7.
    const closes = Array.from({ length: 8 }, () => [10, NaN]);
    const market = () => fixtureMarket({ symbols: ['A', 'B'], closes, delistedAfter: { 1: 3 } });
    const said = "B's 30.0 % target of 2024-01-01 never filled: B was delisted on 2024-01-04 before its first price";
    const dropped = backtest(market(), scripted({ 0: { weights: { A: 0.3, B: 0.3 } }, 4: { weights: { A: 0.3 } } }), { initialCash: 10_000 });
    expect(causes(dropped)).toEqual([`${said}, −17.1 pp`]);
    const again = backtest(market(), scripted({ 0: { weights: { A: 0.3, B: 0.3 } }, 4: { weights: { A: 0.3, B: 0.3 } } }), { initialCash: 10_000 });
    expect(causes(again)).toEqual([`${said}, −17.1 pp`, 'targets on symbols that had left the market (B), −12.9 pp']);
  });

  it('a book above its targets names only the drift that raised it, not the causes that lower exposure', () => {
    // A at 0.5 on 10,000 at 30: 166 shares (4,980; rounding leaves 20 of the 5,000 uninvested); A doubles on session 3 and stays.
    const closes = Array.from({ length: 8 }, (_, t) => [t < 3 ? 30 : 60]);
    const result = backtest(fixtureMarket({ symbols: ['A'], closes }), scripted({ 0: { weights: { A: 0.5 } } }), { initialCash: 10_000 });
    const d = result.daily;
    const gross = Float64Array.from(d.nav, (nav, t) => (d.longValue[t] + Math.abs(d.shortValue[t])) / nav);
    // 166 shares (0.5 × 10,000 / 30 = 166.7): from session 3 on 166 × 60 / (10,000 − 4,980 + 9,960) = 9,960 / 14,980.
    expect(gross[3]).toBeCloseTo(9_960 / 14_980, 12);
    const above = exposureGapCauses(result, gross, 1, 1, true);
    expect(above).toHaveLength(1);
    expect(above[0]).toMatch(/^holdings drifted between decisions, by \+\d+\.\d pp on average$/);
    expect(exposureGapCauses(result, gross, 1, 1, false).some((c) => c.startsWith('whole shares'))).toBe(true);
  });
});

describe('exposureGapCauses: a sale the account cut is named as a sale cut (probe r45a F3: a no-shorts cut read "buys were cut")', () => {
  it('a cash account selling 600 of 500 held: "sales were cut at the holding", not "buys were cut by the account"', () => {
    // 500 A at 20 bought at 1; the explicit −600 of session 2 fills 500 at 3 and the 100 past the holding are cut (no-shorts).
    const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 6 }, () => [20]) });
    const result = backtest(market, scripted({ 0: { weights: { A: 1 } }, 2: [{ symbol: 'A', quantity: -600 }] }), { initialCash: 10_000 });
    expect(Array.from(result.deferrals.remaining)).toEqual([-100]);
    expect(causes(result)).toEqual(['sales were cut at the holding (a cash account does not short)']);
  });

  it('a buy cut to the cash is still a buy cut', () => {
    // A share target of 500 at 20 with 10,000 and 100 bps commission: 495 × 20 × 1.01 = 9,999 fit, 496 would cost 10,019.2;
    // the planner cuts 5 (a `cash` deferral of +5 at the decision).
    const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 6 }, () => [20]) });
    const result = backtest(market, scripted({ 0: { shares: { A: 500 } } }), { initialCash: 10_000, commission: { kind: 'bps', bps: 100 } });
    expect(Array.from(result.deferrals.remaining)).toEqual([5]);
    expect(causes(result)).toEqual(['buys were cut by the account']);
  });
});

describe('exposureGapCauses: trades the skip rules dropped (probe r45a F5: the gap was blamed on whole shares alone)', () => {
  it("the probe's k2: whole shares 4.7 % and the two skipped buys 6.0 %, each named", () => {
    // 1,500 cash, BBB 50, CCC 20, DDD 40; weights CCC 0.9, DDD 0.05, BBB 0.05 at session 0; 0.005 a share, minimum 1.
    // CCC 67.5 → 67 (0.5 × 20 = 10 rounded away), DDD 1.875 → 1 (35), BBB 1.5 → 1 (25): (10 + 35 + 25) / 1,500 = 4.67 %.
    // DDD's 1 (40) and BBB's 1 (50) are skipped by maxCommissionRate 0.01: 90 / 1,500 = 6.0 %. CCC 67 × 20 = 1,340 of
    // NAV 1,499 (1 commission): 89.39 % on sessions 1–11 against 100 %, −10.6 pp; over all 12: 11 × 89.39 / 12 = 81.9 %.
    const market = fixtureMarket({ symbols: ['BBB', 'CCC', 'DDD'], closes: Array.from({ length: 12 }, () => [50, 20, 40]) });
    const result = backtest(market, scripted({ 0: { weights: { CCC: 0.9, DDD: 0.05, BBB: 0.05 } } }), { initialCash: 1_500, commission: { kind: 'per-share', perShare: 0.005, minimum: 1 } });
    expect(gapOf(result)).toBe(
      'realised gross exposure averaged 89.4% of NAV against 100.0% targeted (-10.6 pp) over the 11 sessions from 2024-01-02, once orders of the first decision could fill (avg_gross_exposure, over all 12: 81.9%): whole shares left 4.7% of NAV uninvested; trades skipped by the skip rules (BBB, DDD, whose commission was above maxCommissionRate 0.01), −6.0 pp',
    );
  });

  it('a skipped sale keeps the book above its targets, and is named there', () => {
    // A at 100, 10,000 cash: 50 % → 50 A at 1. At 2, 40 % → sell 10 (1,000), below minTradeNotional 1,500: skipped, 50 held.
    // Targets 0.5 on 1–2, 0.4 on 3–5: (1.0 + 1.2) / 5 = 44.0 % against 50.0 % realised, +6.0 pp; the skipped sale holds
    // 0.1 more on 3–5: 0.3 / 5 = 6.0 pp (was "the run recorded none of the causes").
    const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 6 }, () => [100]) });
    const result = backtest(market, scripted({ 0: { weights: { A: 0.5 } }, 2: { weights: { A: 0.4 } } }), { initialCash: 10_000, minTradeNotional: 1_500 });
    expect(gapOf(result)).toBe(
      'realised gross exposure averaged 50.0% of NAV against 44.0% targeted (+6.0 pp) over the 5 sessions from 2024-01-02, once orders of the first decision could fill (avg_gross_exposure, over all 6: 41.7%): sales or covers skipped by the skip rules (A, below minTradeNotional 1,500) (the position stayed larger than its target), +6.0 pp',
    );
  });
});

describe('exposureGapCauses: orders a split cut below one share (probe r48c F3: "the run recorded none of the causes")', () => {
  /** RS at 5 on session 0, a 1:20 reverse split at session 1's open (100 after, as the probe's r1), 1,000 cash, RS 7.5 % decided on `decided`. */
  const reverseSplit = (decided: readonly number[], sessions = 5) => {
    const market = fixtureMarket({ symbols: ['RS'], closes: Array.from({ length: sessions }, (_, t) => [t === 0 ? 5 : 100]), splits: [{ session: 1, symbol: 0, value: 0.05 }] });
    return backtest(market, scripted(Object.fromEntries(decided.map((t) => [t, { weights: { RS: 0.075 } }]))), { initialCash: 1_000 });
  };

  it('the probe\'s r1: 15 shares asked at 5 are 0.75 after the split, cancelled; 0.75 × 100 / 1,000 = 7.5 pp on every session after, the whole gap', () => {
    // 0.075 × 1,000 / 5 = 15 shares ordered on session 0's close; session 1's open: 15 / 20 = 0.75 < 1 whole share → cancelled
    // (a split deferral of 0.75, close 100). Nothing ever fills: NAV 1,000 throughout, gross 0 against 7.5 % on sessions 1–4,
    // and the cancelled order's 0.75 × 100 / 1,000 = 0.075 on each of them: −7.5 pp (over all 5 sessions 0.0 % too: not repeated).
    const result = reverseSplit([0]);
    expect(Array.from(result.deferrals.reason)).toEqual([Deferral.split]);
    expect(Array.from(result.deferrals.remaining)).toEqual([0.75]);
    expect(causes(result)).toEqual(['an order a split cut below one share (RS), −7.5 pp']);
    expect(gapOf(result)).toBe(
      'realised gross exposure averaged 0.0% of NAV against 7.5% targeted (-7.5 pp) over the 4 sessions from 2024-01-02, once orders of the first decision could fill: an order a split cut below one share (RS), −7.5 pp',
    );
  });

  it('held out only until the next decision sizes the book again: then it is whole shares\' rounding', () => {
    // As above over sessions 0–5, decided again on session 3: 75 / 100 = 0.75 share → 0 whole shares, 75 left
    // (roundedAway 0.075 from session 4). The split's order counts on sessions 1–3 only: 3 × 0.075 / 5 = 4.5 pp;
    // whole shares on 4–5: 2 × 0.075 / 5 = 3.0 %. Together the −7.5 pp gap.
    expect(causes(reverseSplit([0, 3], 6))).toEqual(['an order a split cut below one share (RS), −4.5 pp', 'whole shares left 3.0% of NAV uninvested']);
  });

  it('a book above its targets names a sale a split cut below one share, sized', () => {
    // A at 10, 1,000 cash: 100 % of A on session 0 (100 shares on 1), 90 % on 2 (sell 10, ordered on 2's close). Session 3's open:
    // a 1:25 split, 100 → 4 shares (at 250), the sale −10 → −0.4, cancelled. Gross 1.0 on sessions 1–5 against 1, 1, 0.9,
    // 0.9, 0.9: +6.0 pp; the sale a split cut: 0.4 × 250 / 1,000 = 0.1 on sessions 3–5 → 0.3 / 5 = +6.0 pp.
    const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 6 }, (_, t) => [t < 3 ? 10 : 250]), splits: [{ session: 3, symbol: 0, value: 0.04 }] });
    const result = backtest(market, scripted({ 0: { weights: { A: 1 } }, 2: { weights: { A: 0.9 } } }), { initialCash: 1_000 });
    expect(Array.from(result.deferrals.remaining)).toEqual([-0.4]);
    expect(gapOf(result)).toMatch(/\(\+6\.0 pp\) .*: sales or covers a split cut below one share \(A; the position stayed larger than its target\), \+6\.0 pp$/);
  });

  it('every deferral reason feeds a clause: one of each, recorded as the engine records it, is named (a new reason cannot be missed)', () => {
    // A flat at 10 and B at 20, 10,000 cash, fractional shares: 50 % of A decided on session 0 — no cause at all. Then one record
    // of each reason on session 2, as the engine writes it beside the deferral: 10 shares (2 % of NAV for A at 10).
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 6 }, () => [10, 20]) });
    const base = backtest(market, scripted({ 0: { weights: { A: 0.5 } } }), { initialCash: 10_000, shares: 'fractional' });
    expect(causes(base)).toEqual([]);
    const withDeferral = (reason: number, remaining: number, more: Partial<Result> = {}): Result => ({
      ...base,
      deferrals: { session: Int32Array.of(2), symbol: Int32Array.of(1), reason: Uint8Array.of(reason), remaining: Float64Array.of(remaining), close: Float64Array.of(20) },
      ...more,
    });
    const recorded: Record<string, (reason: number) => Result> = {
      rested: (reason) => withDeferral(reason, 10),
      cut: (reason) => withDeferral(reason, 10),
      ended: (reason) => withDeferral(reason, 10),
      // A target on B with no price: the deferral has no share count; the wait is in targetWaits (B's 30 % from session 2 to the end).
      waiting: (reason) => withDeferral(reason, NaN, { targetWaits: [{ symbol: 1, weight: 0.3, shares: NaN, splitShares: NaN, decided: 2, until: 6, end: 'open', firstPrice: false }] }),
      // A target on B after it left: no share count, its weight in the decision's snapshot.
      gone: (reason) =>
        withDeferral(reason, NaN, {
          decisionSessions: Int32Array.of(0, 2),
          snapshots: { ...base.snapshots, session: Int32Array.of(...base.snapshots.session, 2), symbol: Int32Array.of(...base.snapshots.symbol, 1), shares: Float64Array.of(...base.snapshots.shares, 0), price: Float64Array.of(...base.snapshots.price, NaN), targetWeight: Float64Array.of(...base.snapshots.targetWeight, 0.3) },
        }),
    };
    DEFERRAL_NAMES.forEach((name, reason) => {
      const cause = DEFERRAL_CAUSE[reason as Deferral];
      const kind = typeof cause === 'object' ? 'ended' : cause;
      expect(recorded[kind], `${name}: no record for its clause "${kind}"`).toBeDefined();
      expect(causes(recorded[kind](reason)), name).not.toEqual([]);
    });
  });
});

describe("exposureGapCauses: a target whose order its symbol's exit cancelled before it filled (probe r56c F4: only drift, +0.4 pp, named of a −38.9 pp gap)", () => {
  /** The probe's AAA (2024-01-02 … 08: opens 100, 101, 102, 104, 105, closes 100, 102, 103, 105, 104) beside a BBB of `bbbSessions` bars at 50; AAA 0.5 and BBB 0.4 decided on the first session, 100,000 cash. */
  const probeRun = (aaa: { opens: number[]; closes: number[] }, more: Partial<Parameters<typeof fixtureMarket>[0]> = {}) => {
    const market = fixtureMarket({
      symbols: ['AAA', 'BBB'],
      start: '2024-01-02',
      opens: aaa.opens.map((o, t) => [o, t === 0 ? 50 : NaN]),
      closes: aaa.closes.map((c, t) => [c, t === 0 ? 50 : NaN]),
      ...more,
    });
    return backtest(market, scripted({ 0: { weights: { AAA: 0.5, BBB: 0.4 } } }), { initialCash: 100_000 });
  };

  it("the probe's A3: BBB's one bar is 2024-01-02; its 800-share order, decided there, is cancelled at 2024-01-03's open (data-end): −40.0 pp", () => {
    // The decision on 2024-01-02 (session 0): AAA 0.5 × 100,000 / 100 = 500 shares, BBB 0.4 × 100,000 / 50 = 800, to fill at the next open.
    // Session 1's open: BBB's data has ended (its only bar was session 0), so the exit cancels BBB's order; AAA's 500 fill at 101 (49,500 cash).
    // Gross on sessions 1–4: 500 × 102, 103, 105, 104 over NAV 100,500, 101,000, 102,000, 101,500 = 0.507463, 0.509901, 0.514706, 0.512315:
    // 51.1 % against 0.5 + 0.4 = 90.0 % targeted, −38.9 pp. BBB's cause: its target 0.4, nothing held (the exit closed nothing), from the exit
    // (session 1) to the end (no later decision) → 4 × 0.4 / 4 = −40.0 pp. Drift from session 1's fill: (0 + 0.002438 + 0.007243 + 0.004853) / 4
    // = +0.4 pp. What is left, +0.7 pp, is AAA bought at 101 and marked at 102 on its fill's session (500 × 102 / 100,500 − 0.5 = 0.0075): a price
    // moving between a decision and its fill, which breadth does not measure. Over all 5 sessions: 2.044385 / 5 = 40.9 %.
    const result = probeRun({ opens: [100, 101, 102, 104, 105], closes: [100, 102, 103, 105, 104] });
    expect(Array.from(result.orders.end)).toEqual([OrderEnd.filled, OrderEnd.dataEnd]);
    expect(result.deferrals.session).toHaveLength(0);
    expect(gapOf(result)).toBe(
      "realised gross exposure averaged 51.1% of NAV against 90.0% targeted (-38.9 pp) over the 4 sessions from 2024-01-03, once orders of the first decision could fill (avg_gross_exposure, over all 5: 40.9%): BBB's 40.0 % target of 2024-01-02 could not be bought: BBB's data ended on 2024-01-02, before its order could fill, −40.0 pp; holdings drifted between decisions, by +0.4 pp on average",
    );
  });

  it("the probe's A2: BBB delisted on 2024-01-02 (return −1), AAA to 2024-01-12: the order cancelled (delisting), −40.0 pp of −38.4", () => {
    // As A3 over 9 sessions; AAA's closes after 2024-01-08: 106, 107, 108, 110 (opens 104, 106, 107, 108). BBB's bars after its delisting
    // date are dropped by the loader (none here). Gross on sessions 1–8: 500 × close / (49,500 + 500 × close) = 0.507463, 0.509901, 0.514706,
    // 0.512315, 0.517073, 0.519417, 0.521739, 0.526316: 51.6 % against 90.0 %, −38.4 pp. BBB: 0.4 on each of the 8 → −40.0 pp. Drift from
    // session 1: Σ (gross − 0.507463) / 8 = +0.9 pp; AAA's fill session, +0.7 pp, unmeasured. Over all 9: 4.128930 / 9 = 45.9 %.
    const result = probeRun({ opens: [100, 101, 102, 104, 105, 104, 106, 107, 108], closes: [100, 102, 103, 105, 104, 106, 107, 108, 110] }, { delistedAfter: { 1: 0 }, delistReturn: { 1: -1 } });
    expect(Array.from(result.orders.end)).toEqual([OrderEnd.filled, OrderEnd.delisting]);
    expect(gapOf(result)).toBe(
      "realised gross exposure averaged 51.6% of NAV against 90.0% targeted (-38.4 pp) over the 8 sessions from 2024-01-03, once orders of the first decision could fill (avg_gross_exposure, over all 9: 45.9%): BBB's 40.0 % target of 2024-01-02 could not be bought: BBB was delisted on 2024-01-02, before its order could fill, −40.0 pp; holdings drifted between decisions, by +0.9 pp on average",
    );
  });

  it('a buy adding to a held position: the exit closes what was held, the cancelled order the rest of the target — together the gap', () => {
    // A and B flat at 10, 10,000 cash. Session 0: A 0.5, B 0.2 (500 and 200 bought on 1). Session 2 (2024-01-03, B's last bar): A 0.5, B 0.5,
    // an order for 300 more B. Session 3's open: the exit sells the 200 B at 10 (2,000 / NAV 10,000 = 0.2) and cancels the +300.
    // Targets 0.7 on sessions 1–2, 1.0 on 3–5 (mean 0.88); held 0.7, 0.7, 0.5, 0.5, 0.5 (0.58): −30.0 pp. The exit: 0.2 on 3–5, 0.6 / 5 = −12.0 pp;
    // the cancelled order: 0.5 − 0.2 = 0.3 on 3–5, 0.9 / 5 = −18.0 pp. Together −30.0 pp.
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 6 }, (_, t) => [10, t <= 2 ? 10 : NaN]) });
    const result = backtest(market, scripted({ 0: { weights: { A: 0.5, B: 0.2 } }, 2: { weights: { A: 0.5, B: 0.5 } } }), { initialCash: 10_000 });
    expect(causes(result)).toEqual(['positions closed when their data ended or they were delisted (B), −12.0 pp', "B's 50.0 % target of 2024-01-03 could not be bought in full: B's data ended on 2024-01-03, before its order could fill, −18.0 pp"]);
    expect(gapOf(result)).toContain('(-30.0 pp)');
  });

  it('a target that waited for its first price, was ordered there and lost its symbol before the fill: the wait, then the cancelled order — together the gap', () => {
    // A at 10 throughout; B's one bar is session 2 (2024-01-03). A 0.5, B 0.3 decided on session 0: B waits on sessions 1–2, is ordered at
    // its price on 2's close, and its data ends before 3's open fills it. Over sessions 1–6 (target 0.8, held 0.5: −30.0 pp): the wait
    // 2 × 0.3 / 6 = −10.0 pp, the cancelled order 4 × 0.3 / 6 = −20.0 pp, its target the decision's of 2024-01-01.
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 7 }, (_, t) => [10, t === 2 ? 10 : NaN]) });
    const result = backtest(market, scripted({ 0: { weights: { A: 0.5, B: 0.3 } } }), { initialCash: 10_000 });
    expect(Array.from(result.orders.end)).toEqual([OrderEnd.filled, OrderEnd.dataEnd]);
    expect(causes(result)).toEqual(['a target waiting for a price (B until 2024-01-03), −10.0 pp', "B's 30.0 % target of 2024-01-01 could not be bought: B's data ended on 2024-01-03, before its order could fill, −20.0 pp"]);
    expect(gapOf(result)).toContain('(-30.0 pp)');
  });

  it('several such targets are listed; an explicit order an exit cancelled is no target, and a sale down to a smaller target is the exit\'s', () => {
    // A, B, C flat at 10, 10,000 cash; A 0.2, B 0.3, C 0.3 decided on session 0, B's and C's data end there: both orders cancelled on 1.
    // 0.6 on each of sessions 1–4: −60.0 pp, the whole gap (0.2 held against 0.8).
    const three = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: Array.from({ length: 5 }, (_, t) => [10, t === 0 ? 10 : NaN, t === 0 ? 10 : NaN]) });
    const both = backtest(three, scripted({ 0: { weights: { A: 0.2, B: 0.3, C: 0.3 } } }), { initialCash: 10_000 });
    expect(causes(both)).toEqual(['targets whose orders were cancelled when their symbols left the market, before they filled (B, C), −60.0 pp']);
    // A 0.5 on session 0; on session 2 an explicit buy of 100 B, whose data ends there: cancelled on 3, named by no clause (no target asked for it).
    const two = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 6 }, (_, t) => [10, t <= 2 ? 10 : NaN]) });
    const explicit = backtest(two, scripted({ 0: { weights: { A: 0.5 } }, 2: [{ symbol: 'B', quantity: 100 }] }), { initialCash: 10_000 });
    expect(Array.from(explicit.orders.end)).toContain(OrderEnd.dataEnd);
    expect(causes(explicit).filter((c) => c.includes('B'))).toEqual([]);
    // B 0.5 held, then 0.2 decided on its last bar: the sale is cancelled, the exit closes the 0.5 — the exit's cause alone.
    const sale = backtest(two, scripted({ 0: { weights: { A: 0.3, B: 0.5 } }, 2: { weights: { A: 0.3, B: 0.2 } } }), { initialCash: 10_000 });
    expect(causes(sale).filter((c) => c.includes('B'))).toEqual(['positions closed when their data ended or they were delisted (B), −30.0 pp']);
  });

  it('property: flat prices, B leaving while its target stands — the exit and the cancelled order come to B\'s target, the whole gap', () => {
    // A at a, B at b from session 0, then B at b2 ≥ b on session e, B's last bar (e = 0: b2 from the start). Flat prices, fractional shares,
    // no costs: nothing else moves the book, so the gap is B's target on the sessions after it left, −b2 × (T − 1 − e) / (T − 1), and the
    // causes sum to it: the exit and the cancelled order, each within 0.05 pp of its size (rounded to 0.1, or under 0.05 and not named).
    const T = 8;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: T - 2 }), fc.double({ min: 0.05, max: 0.45, noNaN: true }), fc.double({ min: 0.05, max: 0.25, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (e, a, b, more) => {
        const b2 = b + more * (0.5 - b);
        const market = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: T }, (_, t) => [10, t <= e ? 10 : NaN]) });
        const result = backtest(market, scripted({ 0: { weights: { A: a, B: b } }, [e]: { weights: { A: a, B: b2 } } }), { initialCash: 10_000, shares: 'fractional' });
        const found = causes(result);
        const sized = found.map((c) => /([−+])(\d+\.\d) pp$/.exec(c));
        expect(sized.every((m) => m !== null)).toBe(true);
        const total = sized.reduce((s, m) => s + (m![1] === '−' ? -1 : 1) * Number(m![2]), 0);
        expect(Math.abs(total - (-100 * b2 * (T - 1 - e)) / (T - 1))).toBeLessThanOrEqual(2 * 0.05 + 1e-9);
      }),
      { numRuns: 100 },
    );
  });
});

describe('exposureGapCauses: an exit is sized by the weight the position had at its last close, whatever the delisting return (probe r65a F2)', () => {
  // The probe's delist2: AAA at 100 for 9 sessions, CCC at 50 to session 3 (2024-01-04), delisted after it with the return
  // given; 9,000 cash. CCC 0.3333 × 9,000 / 50 = 59.99 → 59 (2,950), AAA 0.1111 × 9,000 / 100 = 9.999 → 9 (900), filled on
  // session 1. The exit on session 4's open takes CCC's 2,950 out of a book of NAV 9,000 (session 3's close): 0.327778, held
  // out on sessions 4–8 (no later decision), 5 × 0.327778 / 8 counted sessions = −20.5 pp — with a −100 % return too, whose
  // proceeds are 0 (it was not named at all: only "whole shares left 1.7 %" of a −19.1 pp gap), and with −50 % (was −12.3 pp:
  // the proceeds 1,475 over the NAV after the loss, 7,525). Whole shares: (0.99 × 50 + 0.999 × 100) / 9,000 = 1.7 %.
  const run = (weights: Record<string, number> | null, ret: number, account: 'cash' | 'margin' = 'cash') => {
    const market = fixtureMarket({ symbols: ['AAA', 'CCC'], closes: Array.from({ length: 9 }, (_, t) => [100, t <= 3 ? 50 : NaN]), delistedAfter: { 1: 3 }, delistReturn: { 1: ret } });
    const decision = weights === null ? { shares: { CCC: 59, AAA: 9 } } : { weights };
    return backtest(market, scripted({ 0: decision }), { initialCash: 9_000, account: account === 'cash' ? { kind: 'cash' } : { kind: 'margin', maxGross: 2, maxNet: 1 } });
  };
  const exit = 'positions closed when their data ended or they were delisted (CCC), −20.5 pp';

  it('a long delisted at −100 %: named, −20.5 pp', () => {
    const result = run({ CCC: 0.3333, AAA: 0.1111 }, -1);
    expect(result.facts.delistingExits).toEqual([{ symbol: 'CCC', date: '2024-01-05', value: 0, delistingReturn: -1, lastClose: 50 }]);
    expect(causes(result)).toEqual(['whole shares left 1.7% of NAV uninvested', exit]);
    expect(gapOf(result)).toContain('(-19.1 pp)');
  });

  it('a short delisted at −100 % (covered at 0): named, −20.5 pp', () => {
    const result = run({ CCC: -0.3333, AAA: 0.1111 }, -1, 'margin');
    expect(Array.from(result.fills.quantity)).toEqual([9, -59, 59]);
    expect(causes(result)).toEqual(['whole shares left 1.7% of NAV uninvested', exit]);
  });

  it('share targets (59 CCC, 9 AAA) delisted at −100 %: named, −20.5 pp', () => {
    expect(causes(run(null, -1)).filter((c) => c.startsWith('positions closed'))).toEqual([exit]);
  });

  it('the return does not move the size: −50 % and +100 % are −20.5 pp too', () => {
    for (const ret of [-0.5, 1]) expect(causes(run({ CCC: 0.3333, AAA: 0.1111 }, ret)).filter((c) => c.startsWith('positions closed'))).toEqual([exit]);
  });
});
