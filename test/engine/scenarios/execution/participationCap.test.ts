// A participation cap fills at most cap × volume shares a session; the rest rests, and each
// partial session records a volume-cap deferral with what is left.

import { describe, expect, it } from 'vitest';
import { Deferral } from '../../../../engine/execution/orders.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { deferralRows, expectColumn, messages, orders, trades, MARGIN, scenario } from '../../helpers.ts';

const closes = [[10], [10], [10], [10], [10]];
const volumes = [[1_000], [1_000], [1_000], [1_000], [1_000]];

describe('partial fills under a participation cap', () => {
  // cap 0.1 × volume 1 000 = 100 shares a session; an order of 250 fills 100 / 100 / 50.
  const market = fixtureMarket({ symbols: ['A'], closes, volumes });
  const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 250 }) }, {
    initialCash: 10_000,
    participationCap: 0.1,
  });

  it('fills 100, 100, 50 over three sessions', () => {
    expect(trades(result)).toEqual([
      [1, 'A', 100, 10],
      [2, 'A', 100, 10],
      [3, 'A', 50, 10],
    ]);
  });

  it('records a volume-cap deferral with the remaining quantity', () => {
    expect(deferralRows(result)).toEqual([
      { session: 1, symbol: 'A', reason: 'volume-cap', remaining: 150 },
      { session: 2, symbol: 'A', reason: 'volume-cap', remaining: 50 },
    ]);
    // Severity by size: the largest rest is 150 shares × 10 = 1 500 of NAV 10 000 on session 1, 15 % > 5 %: high.
    expect(result.caveats.find((c) => c.message.startsWith('2 order-sessions deferred: volume-cap'))).toMatchObject({ severity: 'high', size: 0.15 });
    expect(messages(result)).toContain('2 order-sessions deferred: volume-cap — the participation limit left part of an order for later sessions (largest 15.0% of NAV on 2024-01-02)');
  });

  it('pays for each partial fill', () => {
    // 10 000 − 1 000 − 1 000 − 500.
    expectColumn(result.daily.cash, [10_000, 9_000, 8_000, 7_500, 7_500]);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('caps sells the same way', () => {
    // A sell of 250 from flat (a short) is capped the same way: −100, −100, −50.
    const sold = scenario(market, { 0: orders({ symbol: 'A', quantity: -250 }) }, { account: MARGIN, initialCash: 10_000, participationCap: 0.1 });
    expect(trades(sold).map((t) => t[2])).toEqual([-100, -100, -50]);
    expect(deferralRows(sold).map((d) => d.remaining)).toEqual([-150, -50]);
  });

  it('rounds the cap down to whole shares, and not with fractional shares', () => {
    // cap 0.1234 × 1 000 = 123.4 → 123 whole shares; fractional: 123.4.
    const whole = scenario(market, { 0: orders({ symbol: 'A', quantity: 250 }) }, { participationCap: 0.1234 });
    expect(trades(whole).map((t) => t[2])).toEqual([123, 123, 4]);
    const fractional = scenario(market, { 0: orders({ symbol: 'A', quantity: 250 }) }, { participationCap: 0.1234, shares: 'fractional' });
    const q = trades(fractional).map((t) => t[2]);
    expect(q.length).toBe(3);
    expectColumn(q, [123.4, 123.4, 3.2], 1e-12);
  });
});

describe('a resting order across a split', () => {
  it('caps in the fill session’s shares: 100 decided before a 3:2 split is 150 new shares; 10 % of 1 000 → 100, then 50', () => {
    // The cap reads the fill bar's volume (post-split shares) and the order's remaining quantity
    // is rescaled by the split at the open, so both are in the same shares.
    const m = fixtureMarket({ symbols: ['A'], closes: [[15], [10], [10], [10]], volumes: [[1_000], [1_000], [1_000], [1_000]], splits: [{ session: 1, symbol: 0, value: 1.5 }] });
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 100 }) }, { participationCap: 0.1 });
    expect(trades(result)).toEqual([
      [1, 'A', 100, 10],
      [2, 'A', 50, 10],
    ]);
  });
});

describe('the cap is per symbol and session, not per order', () => {
  // Two resting buys of 150 on A, cap 0.1 × 1 000 = 100 shares a session in all:
  // t1 100, t2 100, t3 100 (300 in total), never 200 in one session.
  const market = fixtureMarket({ symbols: ['A'], closes, volumes });
  const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 150 }, { symbol: 'A', quantity: 150 }) }, {
    initialCash: 10_000,
    participationCap: 0.1,
  });

  it('fills at most 100 shares of A per session', () => {
    const perSession = new Map<number, number>();
    for (const [session, , quantity] of trades(result)) perSession.set(session, (perSession.get(session) ?? 0) + quantity);
    expect([...perSession]).toEqual([
      [1, 100],
      [2, 100],
      [3, 100],
    ]);
  });
});

describe('a blank volume cell under a participation cap', () => {
  it('reads as the last volume before it: 10 % of 1 000 = 100 shares, not the whole order', () => {
    const m = fixtureMarket({ symbols: ['A'], closes: [[50], [50], [50], [50]], volumes: [[1_000], [1_000], [NaN], [1_000]] });
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 2_000 }) }, { initialCash: 100_000, participationCap: 0.1 });
    expect(trades(result)).toEqual([
      [1, 'A', 100, 50],
      [2, 'A', 100, 50],
      [3, 'A', 100, 50],
    ]);
    // Session 2 is blank after 1 000 on session 1: one order-session read the last volume, and 100 filled there.
    expect(result.caveats.find((c) => c.code === 'blank-volume')).toMatchObject({ severity: 'low', size: 1, message: '1 order-session had a blank volume cell: the participation limit used the last volume before it' });
  });

  it('with no volume known yet (blank cells before the first): unknown, no limit — as a series with no volume at all, whatever comes later (probe r37b)', () => {
    // Session 1 is blank with no volume before it: the whole 1 000 fills at 50; the volumes of sessions 3 and 4 cannot change that.
    const m = fixtureMarket({ symbols: ['A'], closes: [[50], [50], [50], [50], [50]], volumes: [[NaN], [NaN], [NaN], [500], [500]] });
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 1_000 }) }, { initialCash: 100_000, participationCap: 0.1 });
    expect(trades(result)).toEqual([[1, 'A', 1_000, 50]]);
    const none = fixtureMarket({ symbols: ['A'], closes: [[50], [50], [50], [50], [50]], volumes: [[NaN], [NaN], [NaN], [NaN], [NaN]] });
    expect(trades(scenario(none, { 0: orders({ symbol: 'A', quantity: 1_000 }) }, { initialCash: 100_000, participationCap: 0.1 }))).toEqual(trades(result));
    expect(result.caveats.find((c) => c.code === 'blank-volume')).toMatchObject({ severity: 'low', size: 1, message: "1 order-session had no volume known yet (a blank cell, or a 0 before the symbol's first traded volume): read as unknown, so the participation limit did not apply there" });
  });

  it('both kinds in one run are counted apart, each said as it happened', () => {
    // Session 1 blank, none before: the 1 000 fill whole; the 100 decided on session 2 meet session 3 blank after 500 (10 %: 50), then 50 on session 4.
    const m = fixtureMarket({ symbols: ['A'], closes: [[50], [50], [50], [50], [50]], volumes: [[NaN], [NaN], [500], [NaN], [500]] });
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 1_000 }), 2: orders({ symbol: 'A', quantity: 100 }) }, { initialCash: 100_000, participationCap: 0.1 });
    expect(trades(result)).toEqual([
      [1, 'A', 1_000, 50],
      [3, 'A', 50, 50],
      [4, 'A', 50, 50],
    ]);
    expect(result.caveats.find((c) => c.code === 'blank-volume')).toMatchObject({
      size: 2,
      message: "1 order-session had a blank volume cell: the participation limit used the last volume before it; 1 order-session had no volume known yet (a blank cell, or a 0 before the symbol's first traded volume): read as unknown, so the participation limit did not apply there",
    });
  });

  it('a blank cell after a session without trades (volume 0) is none either, with a cap or without (probe r41b: it filled at 110 uncapped, and read as a volume cap with one)', () => {
    // Volumes 1000, 0, blank, blank, 1000 at 100, 100, 110, 110, 105: a buy of 50 decided on session 0 fills only on session 4, at 105.
    const m = fixtureMarket({ symbols: ['A'], closes: [[100], [100], [110], [110], [105]], volumes: [[1_000], [0], [NaN], [NaN], [1_000]] });
    for (const cap of [undefined, 0.5]) {
      const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 50 }) }, { initialCash: 100_000, ...(cap === undefined ? {} : { participationCap: cap }) });
      expect(trades(result)).toEqual([[4, 'A', 50, 105]]);
      expect(new Set(result.deferrals.reason)).toEqual(new Set([Deferral.noTrade]));
    }
  });

  it('a blank cell after a split reads the last volume in post-split shares (probe r43b: a 1:4 reverse split let 100 a session through a 10 % cap of 250)', () => {
    // A at 10 with 1,000 traded on sessions 0 and 1; a 1:4 reverse split on session 2 (40 after), blank volumes from then on. 1,000
    // shares ordered on session 1 become 250; the last volume, 1,000 pre-split shares, is 250 post-split: 10 % is 25 a session.
    const m = fixtureMarket({
      symbols: ['A'],
      closes: Array.from({ length: 8 }, (_, t) => [t < 2 ? 10 : 40]),
      volumes: Array.from({ length: 8 }, (_, t) => [t < 2 ? 1_000 : NaN]),
      splits: [{ session: 2, symbol: 0, value: 0.25 }],
    });
    const result = scenario(m, { 1: orders({ symbol: 'A', quantity: 1_000 }) }, { initialCash: 100_000, participationCap: 0.1 });
    expect(trades(result)).toEqual(Array.from({ length: 6 }, (_, k) => [2 + k, 'A', 25, 40]));
  });

  it('a series with no volume at all has no limit (and its data caveat says so)', () => {
    const m = fixtureMarket({ symbols: ['A'], closes: [[50], [50], [50]], volumes: [[NaN], [NaN], [NaN]] });
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 1_000 }) }, { initialCash: 100_000, participationCap: 0.1 });
    expect(trades(result)).toEqual([[1, 'A', 1_000, 50]]);
  });
});

describe('orders still open at the run’s end', () => {
  it('get a caveat sized by their share of the final NAV', () => {
    // 2 000 ordered, 100 a session fill on sessions 1–3: 1 700 × 50 = 85 000 of NAV 100 000 left: 85 %, high.
    const m = fixtureMarket({ symbols: ['A'], closes: [[50], [50], [50], [50]], volumes: [[1_000], [1_000], [1_000], [1_000]] });
    const result = scenario(m, { 0: orders({ symbol: 'A', quantity: 2_000 }) }, { initialCash: 100_000, participationCap: 0.1 });
    expect(result.caveats.find((c) => c.code === 'open-orders')).toMatchObject({ severity: 'high', size: 0.85, message: "1 order still open at the run's end, unfilled: a purchase of 85,000 (A; 85.0% of the final NAV) — the book did not reach it" });
  });

  it('an order the last session decided had no session to fill in: no caveat', () => {
    const m = fixtureMarket({ symbols: ['A'], closes: [[50], [50], [50], [50]], volumes: [[1_000], [1_000], [1_000], [1_000]] });
    const result = scenario(m, { 3: orders({ symbol: 'A', quantity: 100 }) }, { initialCash: 100_000 });
    expect(result.caveats.find((c) => c.code === 'open-orders')).toBeUndefined();
  });
});

describe('a new decision every session amends the partly filled order', () => {
  it('pays the per-order minimum once: 1.00 + 0 + 0.50, as deciding once would', () => {
    // 15 010 at 50 → 300 shares (costs estimated: 300 × 50 + 1.50 ≤ 15 010); cap 10 % of 1 000 = 100 a session.
    // 0.005/share, min 1: 100 → 1.00; 200 → max(1, 1.00) − 1 = 0; 300 → 1.50 − 1 = 0.50.
    const m = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 4 }, () => [50]), volumes: Array.from({ length: 4 }, () => [1_000]) });
    const every = { 0: { weights: { A: 1 } }, 1: { weights: { A: 1 } }, 2: { weights: { A: 1 } }, 3: { weights: { A: 1 } } };
    const result = scenario(m, every, { initialCash: 15_010, participationCap: 0.1, commission: { kind: 'per-share', perShare: 0.005, minimum: 1 } });
    expect(trades(result)).toEqual([
      [1, 'A', 100, 50],
      [2, 'A', 100, 50],
      [3, 'A', 100, 50],
    ]);
    expect(Array.from(result.fills.commission)).toEqual([1, 0, 0.5]);
  });
});
