// Every order on record: what each decision asked for and how each order ended — filled, partly
// filled, replaced by a new decision, cancelled by a delisting, a data end or ruin, refused by the
// account, or still open when the run ended.

import { describe, expect, it } from 'vitest';
import { ORDER_ORIGIN_NAMES, ORDER_TYPE_NAMES, TIF_NAMES } from '../../../../engine/execution/orders.ts';
import { deferralRows, MARGIN, messages, orderRows, orders, scenario, trades } from '../../helpers.ts';

const flat = (rows: number, row: number[]): number[][] => Array.from({ length: rows }, () => [...row]);

describe('an order’s record', () => {
  it('keeps what was asked: type, limit, stop, time in force and origin', () => {
    const result = scenario({ symbols: ['A', 'B'], closes: flat(3, [10, 20]) }, {
      0: orders({ symbol: 'A', quantity: 10, type: 'limit', limit: 9.5, tif: 'day' }, { symbol: 'A', quantity: -5, type: 'stop', stop: 8 }),
      1: { weights: { B: 0.5 } },
    }, { account: MARGIN, initialCash: 10_000 });
    const o = result.orders;
    const asked = Array.from(o.id, (_, k) => [o.session[k], result.symbols[o.symbol[k]], o.quantity[k], ORDER_TYPE_NAMES[o.type[k]], o.limit[k], o.stop[k], TIF_NAMES[o.tif[k]], ORDER_ORIGIN_NAMES[o.origin[k]]]);
    expect(asked).toEqual([
      [0, 'A', 10, 'limit', 9.5, NaN, 'day', 'explicit'],
      [0, 'A', -5, 'stop', NaN, 8, 'gtc', 'explicit'],
      [1, 'B', 250, 'market', NaN, NaN, 'gtc', 'targets'],
    ]);
    expect(orderRows(result).map((r) => [r.id, r.status, r.end, r.endSession])).toEqual([
      [1, 'expired', 'day-end', 1],
      [2, 'open', 'run-end', 2],
      [3, 'filled', 'filled', 2],
    ]);
  });

  it('a new decision amends the resting rebalance order of the same symbol and direction', () => {
    // A does not trade on sessions 1–2: the first decision's buy of 50 000 rests; the second asks
    // for 30 000 and amends it (requested 50 000 − 20 000), which fills on session 3.
    const result = scenario({ symbols: ['A'], closes: [[10], [10], [10], [10]], volumes: [[1e6], [0], [0], [1e6]] }, { 0: { weights: { A: 0.5 } }, 2: { weights: { A: 0.3 } } });
    expect(orderRows(result).map((r) => [r.id, r.session, r.quantity, r.filled, r.status, r.end, r.endSession])).toEqual([[1, 0, 30_000, 30_000, 'filled', 'filled', 3]]);
    // The record names the decision that amended it: the 30 000 is session 2's, not session 0's.
    expect(Array.from(result.orders.amendedAt)).toEqual([2]);
    // …and keeps what session 0 asked for: 0.5 × 1,000,000 / 10.
    expect(Array.from(result.orders.decided)).toEqual([50_000]);
  });

  it('a new decision replaces the resting rebalance order of the other direction', () => {
    // Session 0: a buy of 50 000 rests (no trade on sessions 1–2). Session 2 asks for a short of
    // 0.3 of NAV (a margin account): a sell of 30 000, the other direction — the buy is replaced.
    const result = scenario({ symbols: ['A'], closes: [[10], [10], [10], [10]], volumes: [[1e6], [0], [0], [1e6]] }, { 0: { weights: { A: 0.5 } }, 2: { weights: { A: -0.3 } } }, { account: { kind: 'margin', maxGross: 2, maxNet: 1 } });
    expect(orderRows(result).map((r) => [r.id, r.session, r.quantity, r.filled, r.status, r.end, r.endSession])).toEqual([
      [1, 0, 50_000, 0, 'cancelled', 'replaced', 2],
      [2, 2, -30_000, -30_000, 'filled', 'filled', 3],
    ]);
    expect(Array.from(result.orders.amendedAt)).toEqual([-1, -1]);
    expect(Array.from(result.orders.decided)).toEqual([50_000, -30_000]);
  });

  it('a delisting and a data end cancel what rests on the symbol', () => {
    const closes = [
      [10, 10],
      [10, 10],
      [NaN, 10],
      [NaN, NaN],
      [NaN, NaN],
    ];
    // A is delisted after session 1; B's data ends after session 2. Limits far below keep orders resting.
    const limit = (symbol: string) => ({ symbol, quantity: 10, type: 'limit' as const, limit: 1 });
    const result = scenario({ symbols: ['A', 'B', 'C'], closes: closes.map((r) => [...r, 5]), delistedAfter: { 0: 1 } }, { 0: orders(limit('A'), limit('B'), limit('C')) });
    expect(orderRows(result).map((r) => [r.symbol, r.status, r.end, r.endSession])).toEqual([
      ['A', 'cancelled', 'delisting', 2],
      ['B', 'cancelled', 'data-end', 3],
      ['C', 'open', 'run-end', 4],
    ]);
  });

  it('ruin cancels every order', () => {
    const result = scenario({ symbols: ['A', 'B'], closes: [[100, 10], [100, 10], [70, 10], [60, 10]] }, {
      0: { weights: { A: 5 } },
      1: orders({ symbol: 'B', quantity: 1, type: 'limit', limit: 1 }),
    }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 5, maxNet: 5 } });
    expect(result.facts.ruinDate).not.toBeNull();
    expect(orderRows(result).map((r) => [r.symbol, r.status, r.end])).toEqual([
      ['A', 'filled', 'filled'],
      ['B', 'cancelled', 'ruin'],
    ]);
  });

  it('the account refuses a short in a cash account (rejected, no-shorts) and cuts a buy the cash cannot pay (cash)', () => {
    const result = scenario({ symbols: ['A'], closes: flat(3, [10]) }, { 0: orders({ symbol: 'A', quantity: -10 }, { symbol: 'A', quantity: 200 }) }, { initialCash: 1_000 });
    expect(orderRows(result).map((r) => [r.quantity, r.filled, r.status, r.end])).toEqual([
      [-10, 0, 'rejected', 'no-shorts'],
      [200, 100, 'partially-filled', 'cash'],
    ]);
  });

  it('a cash account sells only what it holds: −25 against 10 held fills −10, the 15 past it a no-shorts cut, not a margin limit (probe r27a)', () => {
    // Session 0 buys 10 A at 10 (fills on session 1); session 1 sells 25: −10 fill on session 2, 15 are past the holding. No costs: NAV stays 1,000.
    const result = scenario({ symbols: ['A'], closes: flat(4, [10]) }, { 0: orders({ symbol: 'A', quantity: 10 }), 1: orders({ symbol: 'A', quantity: -25 }) }, { initialCash: 1_000 });
    expect(orderRows(result).map((r) => [r.quantity, r.filled, r.status, r.end])).toEqual([
      [10, 10, 'filled', 'filled'],
      [-25, -10, 'partially-filled', 'no-shorts'],
    ]);
    expect(deferralRows(result)).toEqual([{ session: 2, symbol: 'A', reason: 'no-shorts', remaining: -15 }]);
    // 15 × 10 / NAV 1,000 = 15.0 %.
    expect(messages(result)).toContain('1 sell cut at the holding (a cash account does not short), its rest cancelled, never traded: 1 filled in part (A 10 of 25 shares on 2024-01-03, 15 left = 15.0% of NAV)');
  });

  it('fills no order asked for name no order (id 0); every other fill names its order', () => {
    const result = scenario({ symbols: ['A'], closes: [[10], [10], [NaN]], delistedAfter: { 0: 1 } }, { 0: orders({ symbol: 'A', quantity: 5 }) });
    expect(Array.from(result.fills.orderId)).toEqual([1, 0]);
  });
});

describe('a strategy withdraws its resting orders: { symbol, cancel: true } (probe r52b: a gtc order could never be withdrawn)', () => {
  // AAA as in probe r52b's d1, 2024-01-02 … 01-11 (sessions 0–7): O, H, L, C.
  const bars = [
    [100, 101, 99, 100],
    [102, 104, 101, 103],
    [103, 106, 102, 105],
    [104, 105, 100, 101],
    [101, 103, 100, 102],
    [102, 103, 98, 99],
    [99, 100, 97, 98],
    [98, 101, 97, 100],
  ];
  const field = (f: number): number[][] => bars.map((b) => [b[f]]);
  const d1 = { symbols: ['AAA'], start: '2024-01-02', opens: field(0), highs: field(1), lows: field(2), closes: field(3), volumes: bars.map(() => [10_000]) };
  const limit = { symbol: 'AAA', quantity: 10, type: 'limit', limit: 97.5 } as const;
  const cancel = { symbol: 'AAA', cancel: true } as const;

  it('re-sending a gtc limit each session after a cancel leaves one order: one fill of 10 at 97.50 on 2024-01-10, not five', () => {
    // A buy limit of 97.5 fills on the first bar whose low reaches it (the open 99 is above it, so at the limit): the lows of
    // sessions 1–5 are 101, 102, 100, 100, 98 — none ≤ 97.5; session 6 (2024-01-10) has low 97 → 10 @ 97.50.
    // Without cancels the five gtc orders of sessions 0–4 all rest to session 6 and fill there: 50 shares (probe r52b's x26).
    const stacked = scenario(d1, { 0: orders(limit), 1: orders(limit), 2: orders(limit), 3: orders(limit), 4: orders(limit) }, { initialCash: 10_000 });
    expect(trades(stacked)).toEqual(Array.from({ length: 5 }, () => [6, 'AAA', 10, 97.5]));
    // With a cancel before each re-send (in session 1 after it in the list: a cancel withdraws what rested before its decision, never
    // the decision's own orders), orders 1–4 end withdrawn on the session after their own, filled 0; order 5 (session 4) fills.
    const result = scenario(d1, { 0: orders(limit), 1: orders(limit, cancel), 2: orders(cancel, limit), 3: orders(cancel, limit), 4: orders(cancel, limit) }, { initialCash: 10_000 });
    expect(trades(result)).toEqual([[6, 'AAA', 10, 97.5]]);
    expect(orderRows(result).map((r) => [r.id, r.session, r.filled, r.status, r.end, r.endSession])).toEqual([
      [1, 0, 0, 'cancelled', 'withdrawn', 1],
      [2, 1, 0, 'cancelled', 'withdrawn', 2],
      [3, 2, 0, 'cancelled', 'withdrawn', 3],
      [4, 3, 0, 'cancelled', 'withdrawn', 4],
      [5, 4, 10, 'filled', 'filled', 6],
    ]);
    // Cash 10,000 − 10 × 97.5 = 9,025 from session 6 on; NAV at session 7's close 9,025 + 10 × 100 = 10,025.
    expect(result.daily.cash[6]).toBe(9_025);
    expect(result.daily.nav[7]).toBe(10_025);
  });

  it('a triggered stop is listed by openOrders() as the market order it now is: withdrawn and sent back, it fills as it would have (probe r53b: it waited for its trigger again)', () => {
    // BBB: a buy stop of 30 at 52.5, 10 shares a session (1 % of 1,000). Session 1's high 52 does not reach it; session 2 opens
    // at 52 and trades up to 53: triggered, 10 @ 52.50. Session 2's decision withdraws it and sends back what openOrders() lists:
    // 20 at market, which fill 10 at session 3's open (52) and 10 at session 4's (51). Cash 10,000 − 525 − 520 − 510 = 8,445.
    const bbb = [
      [50, 51, 49, 50],
      [51, 52, 50, 51],
      [52, 53, 51, 52],
      [52, 52, 50, 51],
      [51, 52, 50, 50],
      [50, 51, 49, 50],
    ];
    const of = (f: number): number[][] => bbb.map((b) => [b[f]]);
    const market = { symbols: ['BBB'], start: '2024-01-02', opens: of(0), highs: of(1), lows: of(2), closes: of(3), volumes: bbb.map(() => [1_000]) };
    const listed: unknown[] = [];
    const result = scenario(
      market,
      {
        0: orders({ symbol: 'BBB', quantity: 30, type: 'stop', stop: 52.5 }),
        2: (_, book) => {
          const open = book.openOrders();
          listed.push(...open);
          return [{ symbol: 'BBB', cancel: true }, ...open];
        },
      },
      { initialCash: 10_000, participationCap: 0.01 },
    );
    expect(listed).toEqual([{ symbol: 'BBB', quantity: 20, type: 'market', tif: 'gtc' }]);
    expect(trades(result)).toEqual([
      [2, 'BBB', 10, 52.5],
      [3, 'BBB', 10, 52],
      [4, 'BBB', 10, 51],
    ]);
    expect(result.daily.cash[5]).toBe(8_445);
  });

  it('withdraws a rebalance order, and the rest of one partly filled (partially-filled, withdrawn); a cancel with nothing resting does nothing', () => {
    // Session 0: weight 0.5 of 10,000 at the close of 100 = 50 shares, capped at 10 % of 100 = 10 a session: 10 fill at session 1's open (102).
    // Session 1 withdraws the 40 left; session 2 cancels again (nothing rests) and buys 5 more (filled at session 3's open, 104).
    const volumes = bars.map(() => [100]);
    const result = scenario({ ...d1, volumes }, { 0: { weights: { AAA: 0.5 } }, 1: orders(cancel), 2: orders(cancel, { symbol: 'AAA', quantity: 5 }) }, { initialCash: 10_000, participationCap: 0.1 });
    expect(trades(result)).toEqual([
      [1, 'AAA', 10, 102],
      [3, 'AAA', 5, 104],
    ]);
    expect(orderRows(result).map((r) => [r.id, r.quantity, r.filled, r.status, r.end, r.endSession])).toEqual([
      [1, 50, 10, 'partially-filled', 'withdrawn', 1],
      [2, 5, 5, 'filled', 'filled', 3],
    ]);
  });
});
