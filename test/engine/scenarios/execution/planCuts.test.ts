// Buys of share and value targets the planner cuts to the cash at the decision (probe r27a finding
// 1) are said as a cut at the fill is: a `cash` deferral of the cut shares on the decision's
// session, the order recorded at the size asked and ending `cash` (partially-filled, or rejected
// with nothing left), and the cash-limited caveat saying the cut was made at the decision. Weight
// targets are sized net of costs by convention: nothing is said. Every figure is worked by hand.

import { describe, expect, it } from 'vitest';
import { deferralRows, expectNear, messages, orderRows, scenario, trades } from '../../helpers.ts';

/** A at 100 every session, plenty of volume; `volumes` replaces it where given. */
const flat = (sessions = 4, volumes?: number[][]) => ({ symbols: ['A'], closes: Array.from({ length: sessions }, () => [100]), volumes });
/** 500 bps commission, allowed by a 10 % cap on the commission rate. */
const BPS500 = { initialCash: 10_000, commission: { kind: 'bps', bps: 500 }, maxCommissionRate: 0.1 } as const;
const BPS10 = { initialCash: 10_000, commission: { kind: 'bps', bps: 10 } } as const;

const cashCaveat = (result: ReturnType<typeof scenario>) => messages(result).filter((m) => m.startsWith('buys cut or held back'));

describe('a share or value target cut to the cash at the decision is said as a fill-time cut is', () => {
  it('100 shares at 100 with 500 bps: 10,500 > 10,000 cash, so 95 = floor(10,000 / 105) fill, and the cut of 5 is said', () => {
    const result = scenario(flat(), { 0: { shares: { A: 100 } } }, BPS500);
    expect(trades(result)).toEqual([[1, 'A', 95, 100]]);
    // 10,000 − 9,500 − 475 (5 % of 9,500) = 25.
    expectNear(result.daily.cash[1], 25);
    expect(orderRows(result)).toEqual([{ id: 1, session: 0, symbol: 'A', quantity: 100, filled: 95, status: 'partially-filled', end: 'cash', endSession: 1 }]);
    expect(deferralRows(result)).toEqual([{ session: 0, symbol: 'A', reason: 'cash', remaining: 5 }]);
    // 5 × 100 / 10,000 = 5.0 % of NAV on the decision's session.
    expect(cashCaveat(result)).toEqual(['buys cut or held back on 1 order-session: a cash account spends only the cash there — 1 buy of a share or value target was cut at the decision to what the cash covers after costs (largest 5.0% of NAV on 2024-01-01)']);
  });

  it('a value target of 10,000 at 100 with 10 bps: 100 shares need 10,010, so 99 fill and the cut of 1 (1.0 % of NAV) is said', () => {
    const result = scenario(flat(), { 0: { values: { A: 10_000 } } }, BPS10);
    expect(trades(result)).toEqual([[1, 'A', 99, 100]]);
    // 10,000 − 9,900 − 9.90 = 90.10.
    expectNear(result.daily.cash[1], 90.1);
    expect(orderRows(result)[0]).toMatchObject({ quantity: 100, filled: 99, status: 'partially-filled', end: 'cash' });
    expect(deferralRows(result)).toEqual([{ session: 0, symbol: 'A', reason: 'cash', remaining: 1 }]);
    expect(cashCaveat(result)[0]).toContain('(largest 1.0% of NAV on 2024-01-01)');
  });

  it('a target that fits says nothing: 99 shares at 100 with 10 bps cost 9,909.90', () => {
    const result = scenario(flat(), { 0: { shares: { A: 99 } } }, BPS10);
    expect(trades(result)).toEqual([[1, 'A', 99, 100]]);
    expect(orderRows(result)[0]).toMatchObject({ quantity: 99, filled: 99, status: 'filled', end: 'filled' });
    expect(deferralRows(result)).toEqual([]);
    expect(cashCaveat(result)).toEqual([]);
  });

  it('weight 1 with 500 bps buys the same 95 shares, sized net of costs by convention: nothing is said', () => {
    const result = scenario(flat(), { 0: { weights: { A: 1 } } }, BPS500);
    expect(trades(result)).toEqual([[1, 'A', 95, 100]]);
    expect(orderRows(result)[0]).toMatchObject({ quantity: 95, filled: 95, status: 'filled' });
    expect(deferralRows(result)).toEqual([]);
    expect(cashCaveat(result)).toEqual([]);
  });

  it('at the default maxCommissionRate 0.01 the same 5 % trades are skipped, not cut (README\'s Planner example names the 0.1 it needs)', () => {
    for (const target of [{ weights: { A: 1 } }, { shares: { A: 100 } }]) {
      const result = scenario(flat(), { 0: target }, { initialCash: 10_000, commission: { kind: 'bps', bps: 500 } });
      expect(trades(result)).toEqual([]);
      expect(Array.from(result.skippedTrades!.rule)).toEqual([1]); // SkipRule.maxCommissionRate
    }
  });

  it('a buy cut to nothing is recorded and rejected (cash) at its decision: 1 share at 10,000 with 100 bps needs 10,100', () => {
    const result = scenario({ symbols: ['A'], closes: [[10_000], [10_000], [10_000]] }, { 0: { shares: { A: 1 } } }, { ...BPS10, commission: { kind: 'bps', bps: 100 }, maxCommissionRate: 0.1 });
    expect(trades(result)).toEqual([]);
    expect(orderRows(result)).toEqual([{ id: 1, session: 0, symbol: 'A', quantity: 1, filled: 0, status: 'rejected', end: 'cash', endSession: 0 }]);
    expect(deferralRows(result)).toEqual([{ session: 0, symbol: 'A', reason: 'cash', remaining: 1 }]);
    // 1 × 10,000 / 10,000 = 100 % of NAV.
    expect(cashCaveat(result)[0]).toContain('(largest 100.0% of NAV on 2024-01-01)');
  });

  it('an amendment moves what the order asks for by what was asked, cut included: 100 (95 + 5 cut) amended to a 50 that fits asks 50', () => {
    // Session 1 has no volume: the 95 rests (no-trade). The decision there asks 50 shares (5,250 with costs: fits), amending the order.
    const result = scenario(flat(4, [[1e9], [0], [1e9], [1e9]]), { 0: { shares: { A: 100 } }, 1: { shares: { A: 50 } } }, BPS500);
    expect(trades(result)).toEqual([[2, 'A', 50, 100]]);
    expect(orderRows(result)).toEqual([{ id: 1, session: 0, symbol: 'A', quantity: 50, filled: 50, status: 'filled', end: 'filled', endSession: 2 }]);
    expect(result.orders.decided[0]).toBe(100);
    expect(deferralRows(result)).toEqual([
      { session: 0, symbol: 'A', reason: 'cash', remaining: 5 },
      { session: 1, symbol: 'A', reason: 'no-trade', remaining: 95 },
    ]);
  });

  it('a share target that waited for its price is cut where it is sized: 100 A from its first close (100), 95 ordered there', () => {
    const result = scenario({ symbols: ['A'], closes: [[NaN], [100], [100], [100]] }, { 0: { shares: { A: 100 } } }, BPS500);
    expect(trades(result)).toEqual([[2, 'A', 95, 100]]);
    expect(orderRows(result)).toEqual([{ id: 1, session: 1, symbol: 'A', quantity: 100, filled: 95, status: 'partially-filled', end: 'cash', endSession: 2 }]);
    expect(deferralRows(result)).toEqual([
      { session: 0, symbol: 'A', reason: 'no-price', remaining: NaN },
      { session: 1, symbol: 'A', reason: 'cash', remaining: 5 },
    ]);
    expect(cashCaveat(result)[0]).toContain('1 buy of a share or value target was cut at the decision');
  });

  it('a fill-time cut beside a decision-time one: the caveat names both places', () => {
    // Session 0: 100 shares at 100 with 10 bps → 99 (cut 1). Session 1 opens at 101: 99 × 101 × 1.001 = 10,009.9 > 10,000 − 0 → 98 (cut 1 at the fill).
    const result = scenario({ symbols: ['A'], closes: [[100], [100], [100]], opens: [[100], [101], [100]] }, { 0: { shares: { A: 100 } } }, BPS10);
    expect(trades(result)).toEqual([[1, 'A', 98, 101]]);
    expect(deferralRows(result)).toEqual([
      { session: 0, symbol: 'A', reason: 'cash', remaining: 1 },
      { session: 1, symbol: 'A', reason: 'cash', remaining: 1 },
    ]);
    expect(cashCaveat(result)[0]).toMatch(/^buys cut or held back on 2 order-sessions: a cash account spends only the cash there at the fill; 1 buy of a share or value target was cut at the decision to what the cash covers after costs \(largest 1\.0% of NAV on 2024-01-0[12]\)$/);
  });
});

describe('a cut order a later decision asks for again is one cut, not amended (probe r29b: "2 buys", "+100 as decided, amended to +100")', () => {
  it('100 shares asked on sessions 0 and 1 while A cannot trade (volume 0 on 1): one order of 100, one cut of 5, no amendment', () => {
    const result = scenario(flat(4, [[1e6], [0], [1e6], [1e6]]), { 0: { shares: { A: 100 } }, 1: { shares: { A: 100 } } }, BPS500);
    expect(trades(result)).toEqual([[2, 'A', 95, 100]]);
    expect(orderRows(result)).toEqual([{ id: 1, session: 0, symbol: 'A', quantity: 100, filled: 95, status: 'partially-filled', end: 'cash', endSession: 2 }]);
    expect(Array.from(result.orders.amendedAt)).toEqual([-1]);
    expect(deferralRows(result).filter((d) => d.reason === 'cash')).toEqual([{ session: 0, symbol: 'A', reason: 'cash', remaining: 5 }]);
    expect(cashCaveat(result)[0]).toContain('1 buy of a share or value target was cut at the decision');
  });
});

describe('a cut order resting across a split keeps its cut in the new shares (probe r45a F1, the same kind: a share count held across sessions)', () => {
  it('100 asked at 100 (95 + 5 cut), a 2:1 split, then 200 asked at 50: the same ask — one order, one cut, no amendment', () => {
    // Session 0: 100 at 100 with 500 bps needs 10,500 > 10,000: 95 = floor(10,000 / 105), cut 5. Session 1: 2:1 split (A at 50),
    // no volume, so the order rests as 190 with its cut 5 × 2 = 10 (was: 5). The decision there asks 200: floor(10,000 / 52.5) = 190,
    // cut 10 — the resting order's ask, repeated: no second cut, no amendment (was: a cut of 10 said again, and the order
    // "amended" by 200 − (190 + 5) = 5 to +105). The 190 fill at 2's open (50): 190 × 50 × 1.05 = 9,975 ≤ 10,000.
    const market = { symbols: ['A'], closes: [[100], [50], [50], [50]], volumes: [[1e6], [0], [1e6], [1e6]], splits: [{ session: 1, symbol: 0, value: 2 }] };
    const result = scenario(market, { 0: { shares: { A: 100 } }, 1: { shares: { A: 200 } } }, BPS500);
    expect(trades(result)).toEqual([[2, 'A', 190, 50]]);
    expect(orderRows(result)).toEqual([{ id: 1, session: 0, symbol: 'A', quantity: 100, filled: 190, status: 'partially-filled', end: 'cash', endSession: 2 }]);
    expect(Array.from(result.orders.amendedAt)).toEqual([-1]);
    expect(deferralRows(result).filter((d) => d.reason === 'cash')).toEqual([{ session: 0, symbol: 'A', reason: 'cash', remaining: 5 }]);
  });

  it('across a 3:2 split the cut keeps its fraction: 95 + 5 cut become 142 (+ 1/2) + 7.5, an ask of 150 — 150 asked again amends nothing', () => {
    // 100 × 1.5 = 150 asked after the split at 66.67 (100 / 1.5); floor(10,000 / (66.67 × 1.05)) = 142.8 → 142 ordered, cut 8:
    // the resting 142, cut 8 = 7.5 + the order's ½, the same ask of 150: no amendment (was: 150 − 147 = 3).
    const market = { symbols: ['A'], closes: [[100], [100 / 1.5], [100 / 1.5], [100 / 1.5]], volumes: [[1e6], [0], [1e6], [1e6]], splits: [{ session: 1, symbol: 0, value: 1.5 }] };
    const result = scenario(market, { 0: { shares: { A: 100 } }, 1: { shares: { A: 150 } } }, BPS500);
    expect(Array.from(result.orders.amendedAt)).toEqual([-1]);
    expect(orderRows(result)[0]).toMatchObject({ quantity: 100, filled: 142, end: 'cash' });
    // The order's ½ is cut with the 7.5: one cut, the 5 of session 0 (was: a second of 8 on session 1).
    expect(deferralRows(result).filter((d) => d.reason === 'cash')).toEqual([{ session: 0, symbol: 'A', reason: 'cash', remaining: 5 }]);
  });

  it('across a 1:2 reverse split the order\'s ½ is part of its cut: 95 + 5 rest as 47 (+½) + 2.5, and 50 asked at 200 is 47 + 3 — one cut (probe r47a F3)', () => {
    // Session 0: 100 at 100 with 500 bps: floor(10,000 / 105) = 95, cut 5. Session 1: no volume, it rests. Session 2: 1:2 split (A at
    // 200, no volume): 95 × ½ = 47 (+½) ordered, cut 2.5 — an ask of 50. The decision there asks 50: floor(10,000 / 210) = 47, cut 3:
    // the same 47 and the same ask of 50, so no second cut (was: a cut of 3, '2 buys … were cut', largest 6.0 % = 3 × 200 / 10,000),
    // no amendment. The 47 fill at 3's open: 47 × 200 × 1.05 = 9,870 ≤ 10,000.
    const market = { symbols: ['A'], closes: [[100], [100], [200], [200], [200]], volumes: [[1e6], [0], [0], [1e6], [1e6]], splits: [{ session: 2, symbol: 0, value: 0.5 }] };
    const result = scenario(market, { 0: { shares: { A: 100 } }, 2: { shares: { A: 50 } } }, BPS500);
    expect(trades(result)).toEqual([[3, 'A', 47, 200]]);
    expect(orderRows(result)).toEqual([{ id: 1, session: 0, symbol: 'A', quantity: 100, filled: 47, status: 'partially-filled', end: 'cash', endSession: 3 }]);
    expect(Array.from(result.orders.amendedAt)).toEqual([-1]);
    expect(deferralRows(result).filter((d) => d.reason === 'cash')).toEqual([{ session: 0, symbol: 'A', reason: 'cash', remaining: 5 }]);
    expect(cashCaveat(result)[0]).toContain('1 buy of a share or value target was cut at the decision');
  });
});
