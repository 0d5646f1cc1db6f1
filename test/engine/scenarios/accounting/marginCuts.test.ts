// The margin-limit caveats say what became of each cut order (probe r22b, run 16: "3 fills cut"
// and "3 order-sessions deferred" where 2 orders filled in part and 1 was refused, none traded
// later). Every figure is worked by hand in the comments.

import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../../fixtures.ts';
import { deferralRows, messages, scenario, trades } from '../../helpers.ts';

describe('orders cut at the margin limits', () => {
  it('counts the order filled in part and the order refused outright apart, each with its remainder in shares and % of NAV', () => {
    // Session 0: 120 % of A decided at 100 → 120 shares; A opens at 103 on session 1: x × 103 / 10 000 ≤ 1.2 → x ≤ 116.5, so 116 fill,
    // 4 are cut (4 × 103 = 412 of NAV 10 000 − 11 948 + 116 × 103 = 10 000: 4.1 %). Session 1: an explicit buy of 10 B at 60:
    // one share already takes net to (11 948 + 60) / 10 000 = 1.2008 > 1.2, so none fills (10 × 60 = 600 of 10 000: 6.0 %).
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 60], [103, 60], [103, 60], [103, 60]], opens: [[100, 60], [103, 60], [103, 60], [103, 60]] });
    const result = scenario(m, { 0: { weights: { A: 1.2 } }, 1: [{ symbol: 'B', quantity: 10 }] }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1.2 } });
    expect(trades(result)).toEqual([[1, 'A', 116, 103]]);
    expect(messages(result)).toContain(
      '2 orders cut at the margin limits (gross 2, net 1.2 × NAV), the rest of each cancelled, never traded: 1 filled in part (A 116 of 120 shares on 2024-01-02, 4 left = 4.1% of NAV), 1 refused outright (B 10 shares on 2024-01-03 = 6.0% of NAV)',
    );
    expect(messages(result).some((s) => s.includes('deferred: margin-limit') || s.includes('fills cut'))).toBe(false);
  });

  it('a cut whose rest waits for a funding sale is a deferral, sized in % of NAV', () => {
    // Session 0: 150 % of A at 100 → 150 shares (net 1.5). Session 1: 150 % of B at 50 → 300 B, sell A. A has no trade on session 2:
    // its sale rests, and any B takes net past 1.5, so B's 300 (300 × 50 = 15 000 of NAV 10 000: 150.0 %) wait; on session 3 both fill.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 5 }, () => [100, 50]), volumes: [[1e6, 1e6], [1e6, 1e6], [0, 1e6], [1e6, 1e6], [1e6, 1e6]] });
    const result = scenario(m, { 0: { weights: { A: 1.5 } }, 1: { weights: { B: 1.5 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 1.5 } });
    expect(trades(result)).toEqual([
      [1, 'A', 150, 100],
      [3, 'A', -150, 100],
      [3, 'B', 300, 50],
    ]);
    expect(deferralRows(result).filter((d) => d.symbol === 'B')).toEqual([{ session: 2, symbol: 'B', reason: 'margin-limit', remaining: 300 }]);
    expect(messages(result)).toContain(
      '1 order-session deferred: margin-limit — cut at the margin limits (gross 2, net 1.5 × NAV) while a sale that could fund the rest still rested; the rest waited for it (largest 150.0% of NAV on 2024-01-03)',
    );
    expect(messages(result).some((s) => s.includes('cut at the margin limits (gross 2, net 1.5 × NAV), '))).toBe(false);
  });

  it('an order filled across a split is counted in the shares of its cut (probe r46a F2: "212 of 400" for 200 old + 12 new)', () => {
    // BBB at 4 with volume 100 000 under a 0.1 % cap: 100 a session. 1,000 ordered at 4 on session 0 fill 100 + 100 (sessions 1, 2);
    // a 1:4 reverse split on session 3 makes the 200 held 50 and the 800 left 200, at 16; net 1 × NAV (1,000) allows
    // (50 + x) × 16 ≤ ~1,000 → 12 more. Filled 50 + 12 = 62 of 1,000 / 4 = 250 in the cut's shares, 188 left (188 × 16 / 1,000 = 300.8 %).
    const closes = [[4], [4], [4], [16], [16], [16]];
    const m = fixtureMarket({ symbols: ['BBB'], closes, opens: closes, volumes: [[1e5], [1e5], [1e5], [25_000], [25_000], [25_000]], splits: [{ session: 3, symbol: 0, value: 0.25 }] });
    const result = scenario(m, { 0: [{ symbol: 'BBB', quantity: 1_000 }] }, { initialCash: 1_000, participationCap: 0.001, account: { kind: 'margin', maxGross: 1.7, maxNet: 1 } });
    expect(trades(result)).toEqual([
      [1, 'BBB', 100, 4],
      [2, 'BBB', 100, 4],
      [3, 'BBB', 12, 16],
    ]);
    expect(messages(result).find((s) => s.includes('cut at the margin limits'))).toContain('BBB 62 of 250 shares on 2024-01-04, 188 left = 300.8% of NAV');
  });
});
