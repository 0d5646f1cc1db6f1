// The book's caveats as sentences and severities, and where they rank among a run's caveats.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caveat, rankCaveats } from '../../engine/caveats/caveats.ts';
import { backtest } from '../../engine/backtest.ts';
import { bookCaveats, deferredNotionalCaveat, exposureGapCaveat, shortSampleCaveat } from '../../reports/caveats/bookCaveats.ts';
import { runMetrics } from '../../reports/runMetrics.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { scripted } from '../engine/helpers.ts';

describe('exposureGapCaveat', () => {
  // A span of 5 sessions from 2024-01-02 in a run of 6 (the first decision's own session has nothing filled yet).
  const span = { from: '2024-01-02', sessions: 5, overall: 4 / 6, all: 6 };
  it('says the gap in pp as printed, medium beyond 5 pp, high beyond 20 pp', () => {
    // 4 of 5 sessions fully invested against a 100% target: −20.0 pp is not beyond 20 pp (the probe's page said high).
    expect(exposureGapCaveat({ target: 1, realised: 0.8, ...span })).toEqual({
      code: 'exposure-gap',
      severity: 'medium',
      message:
        "realised gross exposure averaged 80.0% of NAV against 100.0% targeted (-20.0 pp) over the 5 sessions from 2024-01-02, once orders of the first decision could fill (avg_gross_exposure, over all 6: 66.7%): fills were cut, rested or drifted, or whole shares left cash (a name priced above its target gets none)",
      size: 0.8 - 1,
      unit: 'nav-share',
      symbols: [],
    });
    expect(exposureGapCaveat({ target: 1, realised: 0.75, ...span })?.severity).toBe('high');
    expect(exposureGapCaveat({ target: 0.5, realised: 0.56, ...span })?.message).toContain('56.0% of NAV against 50.0% targeted (+6.0 pp)');
    expect(exposureGapCaveat({ target: 1, realised: 0.96, ...span })).toBeNull();
    expect(exposureGapCaveat(null)).toBeNull();
  });

  it('a span that is the whole run, or whose average prints the same, gives no second figure', () => {
    expect(exposureGapCaveat({ target: 1, realised: 0.7, from: '2024-01-01', sessions: 5, overall: 0.7, all: 5 })?.message).toContain("(-30.0 pp) over the 5 sessions from 2024-01-01, once orders of the first decision could fill: fills were cut");
    // 8,432 of 8,433 sessions (the real study's size-tilt-etf): 87.91 % and 87.90 % both print 87.9 %.
    expect(exposureGapCaveat({ target: 1, realised: 0.8791, from: '1993-02-01', sessions: 8432, overall: 0.879, all: 8433 })?.message).toContain("over the 8,432 sessions from 1993-02-01, once orders of the first decision could fill: fills");
  });

  it('property: the severity follows the printed gap', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), (target, realised) => {
        const c = exposureGapCaveat({ target, realised, ...span });
        const printed = Math.abs(Number(/\(([+-]?[\d.]+) pp\)/.exec(c?.message ?? '(0 pp)')![1]));
        if (c === null) expect(Math.abs(Math.round((realised - target) * 1000) / 10)).toBeLessThanOrEqual(5);
        else {
          expect(printed).toBeGreaterThan(5);
          expect(c.severity).toBe(printed > 20 ? 'high' : 'medium');
        }
      }),
    );
  });
});

describe('the exposure gap names its span (probe r20a: "averaged 81.0%" beside avg_gross_exposure 77.00%)', () => {
  // A at 10 throughout; B without a price on sessions 0–2, at 50 from 3. Targets A 0.5, B 0.5 every session, 10,000 in cash.
  // A: 500 shares; B: 100 shares once priced. No costs, flat prices: NAV 10,000 every session.
  const market = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 5 }, (_, t) => [10, t >= 3 ? 50 : NaN]) });
  const every = scripted(Object.fromEntries(Array.from({ length: 5 }, (_, t) => [t, { weights: { A: 0.5, B: 0.5 } }])));
  it('next-open: the span starts the session after the first decision, and the whole run\'s average is given beside it', () => {
    // Gross 0, 0.5, 0.5, 0.5, 1.0 (B decided on 3's close, filled at 4's open): over sessions 1–4 2.5 / 4 = 62.5 % against 100 %; over all 5, 2.5 / 5 = 50.0 %.
    const result = backtest(market, every, { initialCash: 10_000 });
    expect(Array.from(result.daily.longValue)).toEqual([0, 5000, 5000, 5000, 10_000]);
    expect(runMetrics(result).metrics.find((m) => m.name === 'avg_gross_exposure')?.value).toBeCloseTo(0.5, 12);
    expect(bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')?.message).toBe(
      // All of it is B's 50 % waiting on sessions 1–3 (decisions 0–2 could not price it): 3 × 0.5 / 4 = 37.5 pp. 5,000 / 10 = 500 A
      // and 5,000 / 50 = 100 B are whole (no rounding), and flat prices move no weight (no drift).
      "realised gross exposure averaged 62.5% of NAV against 100.0% targeted (-37.5 pp) over the 4 sessions from 2024-01-02, once orders of the first decision could fill (avg_gross_exposure, over all 5: 50.0%): a target waiting for a price (B until 2024-01-04), −37.5 pp",
    );
  });
  it("same-close: the first decision's own close is in the span", () => {
    // Gross 0.5, 0.5, 0.5, 1.0, 1.0 (fills on each decision's close): 3.5 / 5 = 70.0 % over the whole run.
    const result = backtest(market, every, { initialCash: 10_000, execution: 'same-close' });
    expect(Array.from(result.daily.longValue)).toEqual([5000, 5000, 5000, 10_000, 10_000]);
    expect(bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')?.message).toContain("averaged 70.0% of NAV against 100.0% targeted (-30.0 pp) over the 5 sessions from 2024-01-01, once orders of the first decision could fill: a target waiting for a price (B until 2024-01-04), −30.0 pp");
  });
});

describe('deferredNotionalCaveat and shortSampleCaveat', () => {
  it('size the waiting notional and the sample', () => {
    expect(deferredNotionalCaveat({ share: 0.06, date: '2024-01-03', sessions: 2 })).toMatchObject({ severity: 'medium', message: 'orders left waiting peaked at 6.0% of NAV on 2024-01-03 (deferred on 2 sessions): the book lagged its targets by that much', size: 0.06 });
    expect(deferredNotionalCaveat({ share: 0.01, date: '2024-01-03', sessions: 1 })?.severity).toBe('low');
    expect(deferredNotionalCaveat({ share: 0.001, date: '2024-01-03', sessions: 1 })).toBeNull();
    // 252 sessions give 251 returns, under a year of 252, and say so (probe r64d F5: '252 sessions, under a year of 252 periods'); 253 give a full year.
    expect(shortSampleCaveat(252, 252)).toMatchObject({ code: 'short-sample', severity: 'medium', size: 252, unit: 'sessions', message: 'Short sample: 252 sessions covering 251 periods, under a year of 252 periods; annualized figures extrapolate.' });
    expect(shortSampleCaveat(253, 252)).toBeNull();
  });

  it('count the periods the rows cover: 38 sessions across a hole of 6 weekdays cover 36 + 6 = 42; 228 across 24 weekdays 226 + 24 = 250; 240 across holes of 20 weekdays cover a year (probe r45b F1)', () => {
    expect(shortSampleCaveat(38, 252, 42)?.message).toBe('Short sample: 38 sessions covering 42 periods, under a year of 252 periods; annualized figures extrapolate.');
    expect(shortSampleCaveat(228, 252, 250)?.message).toBe('Short sample: 228 sessions covering 250 periods, under a year of 252 periods; annualized figures extrapolate.');
    expect(shortSampleCaveat(240, 252, 258)).toBeNull();
    // Shares of a period sum to whole periods only to rounding (3 quarters + 4/7 + 3/7 of one = 3.9999999999999996): a year of 4.
    expect(3 + 4 / 7 + 3 / 7).toBeLessThan(4);
    expect(shortSampleCaveat(6, 4, 3 + 4 / 7 + 3 / 7)).toBeNull();
    expect(shortSampleCaveat(12, 52, 10.5)?.message).toBe('Short sample: 12 sessions covering 10.5 periods, under a year of 52 periods; annualized figures extrapolate.');
  });
});

describe('rankCaveats', () => {
  it('ranks a caveat measured on the run above a generic note of the same severity, never above a more severe one', () => {
    const survivorship = caveat('data-note', 'medium', 'rsplit: survivorship: … survivor-biased');
    const short = shortSampleCaveat(7, 252)!;
    const look = caveat('look-ahead', 'high', 'same-close execution');
    const low = caveat('deferred', 'low', '1 order-sessions deferred', { value: 1, unit: 'count' });
    expect(rankCaveats([low, survivorship, short, look]).map((c) => c.code)).toEqual(['look-ahead', 'short-sample', 'data-note', 'deferred']);
  });
});

describe('bookCaveats on a run that goes to cash on purpose', () => {
  // 30 sessions of A at 100; 95 % of A decided on session 0, 0 % on session 10, 95 % again on 20; nothing returned between.
  const market = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 30 }, () => [100]) });
  const result = backtest(market, scripted({ 0: { weights: { A: 0.95 } }, 10: { weights: { A: 0 } }, 20: { weights: { A: 0.95 } } }), { initialCash: 100_000, shares: 'fractional' });
  it('compares the book with the targets standing on each session: no gap, no caveat (was "61 % against 94 % targeted")', () => {
    // Sessions 1–29: targets 0.95 (1–10), 0 (11–20), 0.95 (21–29); next-open fills make the book follow a session later, gap ≈ 0.
    expect(Array.from(result.decisionSessions ?? [])).toEqual([0, 10, 20]);
    expect(bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')).toBeUndefined();
  });
});

describe('bookCaveats: an order a split cancels leaves nothing waiting', () => {
  it('a sale of 20 shares turned into 0.8 by a 1:25 split is cancelled (cash in lieu), not "orders left waiting peaked at 2.0 %"', () => {
    // 20 A at 10 (decided t0, filled t1); a sale of all decided t2 meets the 1:25 split at t3's open: −20 × 0.04 = −0.8 share, cancelled.
    // Counted as waiting it would read 0.8 × 250 / 10 000 = 2 % of NAV.
    const market = fixtureMarket({ symbols: ['A'], closes: [[10], [10], [10], [250], [250], [250]], splits: [{ session: 3, symbol: 0, value: 0.04 }] });
    const result = backtest(market, scripted({ 0: { weights: { A: 0.02 } }, 2: { weights: {} } }), { initialCash: 10_000 });
    expect(Array.from(result.deferrals.reason)).toEqual([9]); // Deferral.split
    expect(bookCaveats(result, 252).find((c) => c.code === 'deferred-notional')).toBeUndefined();
  });
});

describe('bookCaveats: the deferred notional is marked at the close, as the deferral caveat sizes it (probe r22b finding 3)', () => {
  it('a volume-capped buy with 100 bps slippage reads 5.0 % in both caveats, not 5.1 % at the fill price', () => {
    // A at 10, volume 100, cap 0.5: the buy of 100 decided at t0 fills 50 at t1 (10 + 100 bps = 10.10, slippage 5.00);
    // 50 rest. NAV at t1 = 10,000 − 5.00 = 9,995. At the close: 50 × 10 / 9,995 = 5.0025 %; at the fill price 50 × 10.10 / 9,995 = 5.0525 %.
    const market = fixtureMarket({ symbols: ['A'], closes: [[10], [10], [10], [10]], volumes: [[100], [100], [100], [100]] });
    const result = backtest(market, scripted({ 0: [{ symbol: 'A', quantity: 100 }] }), { initialCash: 10_000, participationCap: 0.5, slippage: { kind: 'fixed-bps', bps: 100 } });
    const peak = bookCaveats(result, 252).find((c) => c.code === 'deferred-notional');
    expect(peak?.size).toBeCloseTo(500 / 9_995, 12);
    expect(peak?.message).toContain('peaked at 5.0% of NAV on 2024-01-02');
    expect(result.caveats.find((c) => c.message.includes('volume-cap'))?.size).toBeCloseTo(500 / 9_995, 12);
  });
});

describe('bookCaveats: a day order left waiting is counted once on its last session (probe r48b F6: 103.3 % where 51.6 % is right)', () => {
  it('a day limit sale not reached is one order waiting, not its price-not-reached and its expiry added: 50.0 %, not 100.0 %; and a run of explicit orders lagged its orders, not targets it never had', () => {
    // A at 100 throughout (highs = closes). t0: buy 50 at market, filled at t1's open (100): cash 5,000, NAV 10,000.
    // t1: sell 50, limit 101, day. t2 (2024-01-03): the high is 100 < 101 — deferred `price-not-reached` −50, then `expired` −50.
    // Waiting on 2024-01-03: one order of 50 × 100 = 5,000 of NAV 10,000 = 50.0 % (both rows summed read 100.0 %).
    const market = fixtureMarket({ symbols: ['A'], closes: [[100], [100], [100], [100]] });
    const result = backtest(market, scripted({ 0: [{ symbol: 'A', quantity: 50 }], 1: [{ symbol: 'A', quantity: -50, type: 'limit', limit: 101, tif: 'day' }] }), { initialCash: 10_000 });
    expect(Array.from(result.deferrals.reason)).toEqual([2, 4]); // Deferral.priceNotReached, Deferral.expired
    const peak = bookCaveats(result, 252).find((c) => c.code === 'deferred-notional');
    expect(peak?.size).toBeCloseTo(0.5, 12);
    expect(peak?.message).toBe('orders left waiting peaked at 50.0% of NAV on 2024-01-03 (deferred on 1 session): the book lagged its orders by that much');
  });

  it('words what the orders were for: targets, explicit orders, or both', () => {
    const peak = { share: 0.06, date: '2024-01-03', sessions: 2 };
    expect(deferredNotionalCaveat(peak, 'orders')?.message).toBe('orders left waiting peaked at 6.0% of NAV on 2024-01-03 (deferred on 2 sessions): the book lagged its orders by that much');
    expect(deferredNotionalCaveat(peak, 'targets and orders')?.message).toContain('the book lagged its targets and orders by that much');
  });
});

describe('the exposure gap after explicit orders clear the targets (probe r45a F3: "-81.8 pp", a false high caveat after a planned exit)', () => {
  const flat = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 12 }, () => [20]) });
  it('targets A 100 %, then an explicit sale of all 500 at session 2: no target stands from 3, so no gap (was 18.2 % against 100.0 %)', () => {
    // 10,000 / 20 = 500 A bought at 1's open, sold at 3's open: gross 1, 1, then 0 on 3–11. The targets stood on 1–2 (100 %,
    // realised 100 %); the explicit orders of session 2 cleared them from 3, the first session their fills reach. The probe's
    // hand values, 2 / 11 = 18.2 % realised against 18.2 % targeted, and no session compared with a target that did not stand.
    const result = backtest(flat, scripted({ 0: { weights: { A: 1 } }, 2: [{ symbol: 'A', quantity: -500 }] }), { initialCash: 10_000 });
    expect(Array.from(result.daily.longValue)).toEqual([0, 10_000, 10_000, ...Array(9).fill(0)]);
    expect(Array.from(result.clearedSessions ?? [])).toEqual([2]);
    expect(bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')).toBeUndefined();
  });

  it('the comparison resumes at the next decision with targets, and the sessions left out are counted', () => {
    // B has no price on 0–8, 50 from 9. Targets A 100 % at 0 (500 at 20); the explicit sale of 500 at 2 fills at 3; at 6,
    // A 50 % + B 50 %: 250 A at 7's open, B waits for its price (9's close) and 100 B fill at 10's open. NAV 10,000 throughout.
    // Compared: 1–2 (gross 1 against 1), 7–9 (0.5 against 1), 10–11 (1 against 1): (2 + 1.5 + 2) / 7 = 78.57 % against 100 %,
    // −21.4 pp (high); 3–6 (4 sessions) had no target. B's 50 % waited on 7–9: 1.5 / 7 = 21.4 pp. Over all 12: 5.5 / 12 = 45.8 %.
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 12 }, (_, t) => [20, t >= 9 ? 50 : NaN]) });
    const result = backtest(market, scripted({ 0: { weights: { A: 1 } }, 2: [{ symbol: 'A', quantity: -500 }], 6: { weights: { A: 0.5, B: 0.5 } } }), { initialCash: 10_000 });
    expect(Array.from(result.daily.longValue)).toEqual([0, 10_000, 10_000, 0, 0, 0, 0, 5_000, 5_000, 5_000, 10_000, 10_000]);
    expect(bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')).toMatchObject({
      severity: 'high',
      message:
        'realised gross exposure averaged 78.6% of NAV against 100.0% targeted (-21.4 pp) over the 7 sessions from 2024-01-02, once orders of the first decision could fill, that had targets standing (4 more, after explicit orders cleared the targets, had none to compare with) (avg_gross_exposure, over all 12: 45.8%): a target waiting for a price (B until 2024-01-12), −21.4 pp',
    });
  });

  it('property: a book that follows its targets and exits by explicit orders has no gap, whatever the weight and the exit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 100 }), (exit, percent) => {
        // percent % of 10,000 at 20 a share: whole shares leave at most 20 / 10,000 = 0.2 % uninvested; flat prices, no costs.
        const shares = Math.floor((percent * 100) / 20);
        const result = backtest(flat, scripted({ 0: { weights: { A: percent / 100 } }, [exit]: [{ symbol: 'A', quantity: -shares }] }), { initialCash: 10_000 });
        expect(bookCaveats(result, 252).find((c) => c.code === 'exposure-gap')).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});
