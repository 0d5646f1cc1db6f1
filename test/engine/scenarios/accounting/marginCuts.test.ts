// The margin-limit caveats say what became of each cut order (probe r22b, run 16: "3 fills cut"
// and "3 order-sessions deferred" where 2 orders filled in part and 1 was refused, none traded
// later). Every figure is worked by hand in the comments.

import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../../fixtures.ts';
import { deferralRows, expectNear, messages, scenario, trades } from '../../helpers.ts';

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

describe('the account judges a fill on the book at the prices known at it (probe r69b F1)', () => {
  // MAR and CAP, every open = close but where said; no costs. Session 0: buy 150 MAR (fills at 100 on session 1: cash −5,000,
  // NAV 10,000, gross 1.5). Session 1: buy 40 CAP, filled on session 2, where MAR opens (and closes) at 70.
  const margin = { kind: 'margin', maxGross: 2, maxNet: 2 } as const;
  const script = { 0: [{ symbol: 'MAR', quantity: 150 }], 1: [{ symbol: 'CAP', quantity: 40 }] };
  const capClosed = [[100, 20], [100, 20], [70, 20], [70, 20], [70, 20]];

  it('MAR opening at 70 leaves NAV 5,500 at the fill: CAP is cut to (10,500 + 20q) / 5,500 ≤ 2 → q ≤ 25, and prices are not blamed', () => {
    // At session 2's open: MAR 150 × 70 = 10,500, cash −5,000, NAV 5,500. The whole 40 would reach (10,500 + 800) / 5,500 = 2.0545;
    // 25 reach 11,000 / 5,500 = 2 exactly. Judged at MAR's last close (100) the 40 fit, (15,000 + 800) / 10,000 = 1.58, and the
    // book then sat at 2.05 × NAV at every close from session 2 on, which the run blamed on prices.
    const result = scenario({ symbols: ['MAR', 'CAP'], closes: capClosed }, script, { initialCash: 10_000, account: margin });
    expect(trades(result)).toEqual([
      [1, 'MAR', 150, 100],
      [2, 'CAP', 25, 20],
    ]);
    expect(result.breaches.map((b) => [b.session, b.action, b.symbol])).toEqual([[2, 'deferred', 'CAP']]);
    expectNear(result.breaches[0].gross, 11_300 / 5_500);
    expectNear(result.breaches[0].net, 11_300 / 5_500);
    expect(messages(result).find((s) => s.includes('cut at the margin limits'))).toContain('CAP 25 of 40 shares on 2024-01-03, 15 left = 5.5% of NAV');
    expect(messages(result).some((s) => s.includes('prices carried it there'))).toBe(false);
  });

  it('an open fill does not see the close: MAR opening at 100 and closing at 70 lets all 40 fill, and then prices did carry the book past', () => {
    // At session 2's open MAR is still 100: (15,000 + 800) / 10,000 = 1.58 ≤ 2, all 40 fill. At its close, 70: 11,300 / 5,500 = 2.05.
    const m = fixtureMarket({ symbols: ['MAR', 'CAP'], closes: capClosed, opens: [[100, 20], [100, 20], [100, 20], [70, 20], [70, 20]] });
    const result = scenario(m, script, { initialCash: 10_000, account: margin });
    expect(trades(result)).toEqual([
      [1, 'MAR', 150, 100],
      [2, 'CAP', 40, 20],
    ]);
    expect(result.breaches).toEqual([]);
    expect(messages(result).some((s) => s.includes('prices carried it there'))).toBe(true);
  });

  it('next-close: the fill sees the session\'s closes, MAR 70 with them: CAP cut to 25 as at the open above', () => {
    // Orders fill at the next close: MAR 150 at 100 on session 1, CAP on session 2 at its close, where MAR closes at 70.
    const m = fixtureMarket({ symbols: ['MAR', 'CAP'], closes: capClosed, opens: [[100, 20], [100, 20], [100, 20], [70, 20], [70, 20]] });
    const result = scenario(m, script, { initialCash: 10_000, account: margin, execution: 'next-close' });
    expect(trades(result)).toEqual([
      [1, 'MAR', 150, 100],
      [2, 'CAP', 25, 20],
    ]);
    expectNear(result.breaches[0].gross, 11_300 / 5_500);
  });

  it('MAR without a bar at the fill keeps its last mark: 100, so all 40 fit', () => {
    const result = scenario({ symbols: ['MAR', 'CAP'], closes: [[100, 20], [100, 20], [NaN, 20], [70, 20], [70, 20]] }, script, { initialCash: 10_000, account: margin });
    expect(trades(result)).toEqual([
      [1, 'MAR', 150, 100],
      [2, 'CAP', 40, 20],
    ]);
  });

  it('a later session\'s fill is judged at that open: CAP\'s second 10 fill whole with MAR up to 101, not 4 of them', () => {
    // CAP trades 100 shares a session under a 10 % cap: 10 a session. Session 0: MAR +300, CAP +10, CAP +10. Session 1 (open
    // 100): the second CAP order waits for volume; MAR 300 and CAP 10 reach 30,200 / 10,000 = 3.02, cut together by one
    // fraction x ≤ 20,000 / 30,200 = 0.6623 → MAR 198, CAP 6 (19,920 ≤ 20,000). Cash −9,920. Session 2, MAR opens at 101:
    // book 198 × 101 + 6 × 20 = 20,118, NAV 10,198; +10 CAP reach (20,118 + 200) / 10,198 = 1.992 ≤ 2: all 10 fill. At MAR's
    // last close (100) they reached (19,920 + 200) / 10,000 = 2.012 and were cut to 4.
    const closes = Array.from({ length: 7 }, (_, t) => [t < 2 ? 100 : 99 + t, 20]);
    const m = fixtureMarket({ symbols: ['MAR', 'CAP'], closes, volumes: closes.map(() => [1e6, 100]) });
    const plan = { 0: [{ symbol: 'MAR', quantity: 300 }, { symbol: 'CAP', quantity: 10 }, { symbol: 'CAP', quantity: 10 }] };
    const result = scenario(m, plan, { initialCash: 10_000, participationCap: 0.1, account: margin });
    expect(trades(result)).toEqual([
      [1, 'MAR', 198, 100],
      [1, 'CAP', 6, 20],
      [2, 'CAP', 10, 20],
    ]);
    expect(result.breaches.map((b) => [b.session, b.symbol])).toEqual([
      [1, 'MAR'],
      [1, 'CAP'],
    ]);
  });
});
