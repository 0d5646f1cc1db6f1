// Each resting order is judged against a session's bar once (engine/execution/broker.ts fillAll),
// whatever the session's other fills do to its holding in between: an order that reduced the
// position when the reductions were filled, and that the bar made rest, is not judged again with
// the additions once a sale before it in the session has closed the position — so its deferral is
// recorded once (probe r72b F1: a −400 stop resting beside a −717 sale that filled was recorded
// twice, and the caveats counted 17 order-sessions for 16 and a 33.1 % peak for 17.9 %).

import { describe, expect, it } from 'vitest';
import { loadMarket } from '../../../../data/load.ts';
import { bookCaveats } from '../../../../reports/caveats/bookCaveats.ts';
import { csv, tempDir, writeFile } from '../../../data/fixtures.ts';
import { deferralRows, MARGIN, orders, scenario, trades } from '../../helpers.ts';

const DATES = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];

/** A folder of one CSV per symbol: `bars[symbol][t]` = [open, high, low, close, volume] on DATES[t]. */
async function csvMarket(bars: Record<string, (readonly [number, number, number, number, number])[]>) {
  const dir = tempDir('breadth-judged-once-');
  for (const [symbol, rows] of Object.entries(bars)) writeFile(dir, `${symbol}.csv`, csv('date,open,high,low,close,volume', ...rows.map((r, t) => `${DATES[t]},${r.join(',')}`)));
  return loadMarket(dir, { cacheDir: false });
}

describe('a stop that reduced the holding when judged is not judged again once a sale closed the position (probe r72b F1)', () => {
  // S: 100 bought at session 1's open (100; cash 10,000 → 0). Session 1 decides a sell stop of 60 at 80, session 2 a market sale of
  // 100. No low reaches 80 (the lowest is 89): the stop rests on sessions 2–5. On session 3 it is first in the book, a reduction of
  // the 100 held, so it is judged with the reductions (not reached: one deferral); the sale of 100 then fills at the open, 96, and
  // leaves 0 held — the stop, no longer a reduction, was judged again with the additions (a second, identical deferral).
  const bars = {
    S: [
      [100, 100, 100, 100, 1e6],
      [100, 100, 100, 100, 1e6],
      [100, 100, 95, 100, 1e6],
      [96, 96, 89, 90, 1e6],
      [90, 91, 89, 90, 1e6],
      [90, 91, 89, 90, 1e6],
    ] as const,
  };
  const run = async () =>
    scenario(
      await csvMarket({ S: bars.S.map((b) => [...b] as const) }),
      { 0: orders({ symbol: 'S', quantity: 100 }), 1: orders({ symbol: 'S', quantity: -60, type: 'stop', stop: 80 }), 2: orders({ symbol: 'S', quantity: -100 }) },
      { account: MARGIN, initialCash: 10_000 },
    );

  it('fills as before: 100 bought at 100, sold at 96', async () => {
    expect(trades(await run())).toEqual([
      [1, 'S', 100, 100],
      [3, 'S', -100, 96],
    ]);
  });

  it('records one price-not-reached deferral per session the stop rested (sessions 2–5), not two on session 3', async () => {
    const result = await run();
    expect(deferralRows(result)).toEqual([2, 3, 4, 5].map((session) => ({ session, symbol: 'S', reason: 'price-not-reached', remaining: -60 })));
    expect(result.caveats.map((c) => c.message)).toContain('4 order-sessions deferred: price-not-reached');
  });

  it('sizes the orders left waiting by the one stop: peak 60.0 % of NAV on 2024-01-04, not 112.5 % on 01-05', async () => {
    // Session 2: 60 × close 100 over NAV 100 × 100 = 0.6. Sessions 3–5: 60 × 90 = 5,400 over NAV 9,600 (the cash of the sale at 96)
    // = 0.5625 — recorded twice on session 3, it was 10,800 / 9,600 = 1.125.
    const result = await run();
    const notional = bookCaveats(result, 252).find((c) => c.code === 'deferred-notional');
    expect(notional?.message).toBe('orders left waiting peaked at 60.0% of NAV on 2024-01-04 (deferred on 4 sessions): the book lagged its orders by that much');
    expect(notional?.size).toBeCloseTo(0.6, 12);
  });
});

describe('a triggered stop the volume limit capped to 0 is judged once when a sale retried after it closes the position (probe r72b F1, volume-cap)', () => {
  // A cash account holding 1 APN (0.50) and 199 BBB (50), cash 0: 9,952.50 − (0.50 + 1) − (9,950 + 1), at 0.005 a share with a
  // 1.00 minimum (the r45a F4 book). Session 1 decides, in this order: sell 1 APN at market, a sell stop of 1 APN at 0.60, sell
  // 199 BBB. Session 2: APN's volume 10 at a 10 % cap allows 1 share. The APN sale (0.50 − 1.00 commission on 0 cash) waits for
  // the session's other sales, holding the 1 share the cap allows; the stop (triggered: 0.50 ≤ 0.60), a reduction of the 1 held,
  // has 0 left — one volume-cap deferral of −1; BBB's sale brings 9,949; the APN sale fills and leaves 0 held — where the stop,
  // no longer a reduction, was judged again with the additions: a second volume-cap deferral.
  const run = async () =>
    scenario(
      await csvMarket({
        APN: [
          [0.5, 0.5, 0.5, 0.5, 1e6],
          [0.5, 0.5, 0.5, 0.5, 1e6],
          [0.5, 0.5, 0.5, 0.5, 10],
        ],
        BBB: [
          [50, 50, 50, 50, 1e6],
          [50, 50, 50, 50, 1e6],
          [50, 50, 50, 50, 1e6],
        ],
      }),
      {
        0: { shares: { APN: 1, BBB: 199 } },
        1: orders({ symbol: 'APN', quantity: -1 }, { symbol: 'APN', quantity: -1, type: 'stop', stop: 0.6 }, { symbol: 'BBB', quantity: -199 }),
      },
      { initialCash: 9_952.5, maxCommissionRate: 10, commission: { kind: 'per-share', perShare: 0.005, minimum: 1 }, participationCap: 0.1 },
    );

  it('fills both sales on session 2 and records the stop deferred once', async () => {
    const result = await run();
    expect(trades(result)).toEqual([
      [1, 'APN', 1, 0.5],
      [1, 'BBB', 199, 50],
      [2, 'BBB', -199, 50],
      [2, 'APN', -1, 0.5],
    ]);
    expect(result.daily.cash[2]).toBe(9_948.5);
    expect(deferralRows(result)).toEqual([{ session: 2, symbol: 'APN', reason: 'volume-cap', remaining: -1 }]);
  });
});
