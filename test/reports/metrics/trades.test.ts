import { describe, expect, it } from 'vitest';
import { roundTrips, type TradeFill, type TradeSplit, tradeMetrics } from '../../../reports/metrics/trades.ts';
import type { Metric } from '../../../reports/metrics/metric.ts';

const get = (ms: Metric[], name: string): Metric => {
  const m = ms.find((x) => x.name === name);
  if (!m) throw new Error(`no metric ${name}`);
  return m;
};

const fills: TradeFill[] = [
  { symbol: 'AAA', session: 0, quantity: 100, price: 10, fee: 1 },
  { symbol: 'BBB', session: 1, quantity: -10, price: 50 }, // opens a short
  { symbol: 'AAA', session: 2, quantity: 50, price: 12, fee: 0.5 },
  { symbol: 'BBB', session: 3, quantity: 30, price: 45 }, // covers 10, opens 20 long
  { symbol: 'AAA', session: 5, quantity: -120, price: 15, fee: 1.2 }, // closes lot 1, 20 of lot 2
  { symbol: 'BBB', session: 6, quantity: -20, price: 40 },
];

describe('round trips (FIFO)', () => {
  it('matches oldest lots first, splits fees by quantity, handles shorts and crossing fills', () => {
    const { trips, open } = roundTrips({ fills, splits: [] });
    expect(open.map((l) => [l.symbol, l.quantity, l.price])).toEqual([['AAA', 30, 12]]); // from the second buy
    expect(trips.map((t) => [t.symbol, t.entrySession, t.exitSession, t.quantity, t.holding])).toEqual([
      ['BBB', 1, 3, -10, 2],
      ['AAA', 0, 5, 100, 5],
      ['AAA', 2, 5, 20, 3],
      ['BBB', 3, 6, 20, 3],
    ]);
    expect(trips[0].pnl).toBeCloseTo(50, 12); // short: (45 − 50)·(−10)
    expect(trips[1].pnl).toBeCloseTo(498, 12); // 5·100 − 100·(1/100 + 1.2/120)
    expect(trips[2].pnl).toBeCloseTo(59.6, 12); // 3·20 − 20·(0.5/50 + 1.2/120)
    expect(trips[3].pnl).toBeCloseTo(-100, 12); // (40 − 45)·20
  });

  it('trade metrics', () => {
    const ms = tradeMetrics({ fills, splits: [] });
    expect(get(ms, 'trade_count')).toEqual({ name: 'trade_count', value: 4, n: 4 });
    expect(get(ms, 'open_lots').value).toBe(1);
    expect(get(ms, 'trade_avg_holding').value).toBeCloseTo(13 / 4, 15); // (2 + 5 + 3 + 3) / 4
    expect(get(ms, 'trade_win_rate').value).toBe(0.75);
    expect(get(ms, 'trade_avg_win').value).toBeCloseTo(607.6 / 3, 10); // (50 + 498 + 59.6) / 3
    expect(get(ms, 'trade_avg_loss').value).toBeCloseTo(-100, 12);
    expect(get(ms, 'trade_payoff_ratio').value).toBeCloseTo(607.6 / 3 / 100, 12);
    expect(get(ms, 'trade_profit_factor').value).toBeCloseTo(6.076, 12);
  });

  it('no closed trades: a true count of 0, the rest null', () => {
    const ms = tradeMetrics({ fills: [{ symbol: 1, session: 0, quantity: 5, price: 1 }], splits: [] });
    expect(get(ms, 'trade_count')).toEqual({ name: 'trade_count', value: 0, n: 0 });
    expect(get(ms, 'trade_avg_holding')).toMatchObject({ value: null, note: 'no closed trades' });
    expect(get(ms, 'trade_win_rate')).toMatchObject({ value: null, note: 'insufficient data' });
  });

  it('fills out of session order are rejected', () => {
    expect(() => roundTrips({ fills: [fills[2], fills[0]], splits: [] })).toThrow(/session order/);
    const splits: TradeSplit[] = [{ symbol: 'AAA', session: 4, ratio: 2 }, { symbol: 'AAA', session: 1, ratio: 2 }];
    expect(() => roundTrips({ fills, splits })).toThrow(/splits must be in session order/);
  });
});

describe('round trips through splits', () => {
  it('rescales lots at a split: 2-for-1 between the buy and the sell is one trade', () => {
    // Buy 100 at 100 (fee 10); 2-for-1 on session 2 → 200 at 50 (fee 0.05 a share); sell 200 at 55 (fee 4).
    // Cash: −10,000 − 10 + 11,000 − 4 = 986.
    const { trips, open } = roundTrips({
      fills: [
        { symbol: 'FWD', session: 1, quantity: 100, price: 100, fee: 10 },
        { symbol: 'FWD', session: 5, quantity: -200, price: 55, fee: 4 },
      ],
      splits: [{ symbol: 'FWD', session: 2, ratio: 2 }],
    });
    expect(open).toEqual([]);
    expect(trips).toHaveLength(1);
    expect(trips[0]).toMatchObject({ entrySession: 1, exitSession: 5, quantity: 200, entryPrice: 50, exitPrice: 55, holding: 4 });
    expect(trips[0].pnl).toBeCloseTo(986, 9);
  });

  it("the tester's fsplit: +1,000 and +500, win rate 1, average win 750, no losses, no open lots", () => {
    const ms = tradeMetrics({
      fills: [
        { symbol: 'FWD', session: 1, quantity: 100, price: 100 },
        { symbol: 'FWD', session: 5, quantity: -200, price: 55 },
        { symbol: 'FWD', session: 6, quantity: 100, price: 55 },
        { symbol: 'FWD', session: 7, quantity: -100, price: 60 },
      ],
      splits: [{ symbol: 'FWD', session: 3, ratio: 2 }],
    });
    expect(get(ms, 'trade_count').value).toBe(2);
    expect(get(ms, 'open_lots').value).toBe(0);
    expect(get(ms, 'trade_win_rate').value).toBe(1);
    expect(get(ms, 'trade_avg_win').value).toBeCloseTo(750, 9);
    expect(get(ms, 'trade_avg_loss')).toMatchObject({ value: null, note: 'no losses' });
  });

  it('a short lot: 10 short at 50, 2-for-1, covered 20 at 20 → +100', () => {
    const { trips } = roundTrips({
      fills: [
        { symbol: 'S', session: 0, quantity: -10, price: 50 },
        { symbol: 'S', session: 2, quantity: 20, price: 20 },
      ],
      splits: [{ symbol: 'S', session: 1, ratio: 2 }],
    });
    expect(trips.map((t) => [t.quantity, t.entryPrice])).toEqual([[-20, 25]]);
    expect(trips[0].pnl).toBeCloseTo(100, 12); // cash: +500 − 400
  });

  it("cash in lieu is no trade of its own: its P&L stays with the lot and comes out when the lot closes", () => {
    // 15 bought at 10; 1-for-10 → 1.5 at 100; 0.5 paid out at 104 (+2 kept on the lot); 1 sold at 110.
    // Cash: −150 + 52 + 110 = +12, one trade.
    const { trips, open } = roundTrips({
      fills: [
        { symbol: 'R', session: 0, quantity: 15, price: 10 },
        { symbol: 'R', session: 2, quantity: -0.5, price: 104, cashInLieu: true },
        { symbol: 'R', session: 4, quantity: -1, price: 110 },
      ],
      splits: [{ symbol: 'R', session: 2, ratio: 0.1 }],
    });
    expect(open).toEqual([]);
    expect(trips.map((t) => [t.entrySession, t.exitSession, t.quantity, t.entryPrice])).toEqual([[0, 4, 1, 100]]);
    expect(trips[0].pnl).toBeCloseTo(12, 12);
  });

  it('cash in lieu that takes whole lots closes them as trades, oldest first', () => {
    // 1 at 8 and 2 at 10; 1-for-4 → 0.25 at 32 and 0.5 at 40; all 0.75 paid out at 36.
    // Trades: 0.25·(36 − 32) = +1 and 0.5·(36 − 40) = −2; cash −8 − 20 + 27 = −1.
    const { trips, open } = roundTrips({
      fills: [
        { symbol: 'R', session: 0, quantity: 1, price: 8 },
        { symbol: 'R', session: 1, quantity: 2, price: 10 },
        { symbol: 'R', session: 2, quantity: -0.75, price: 36, cashInLieu: true },
      ],
      splits: [{ symbol: 'R', session: 2, ratio: 0.25 }],
    });
    expect(open).toEqual([]);
    expect(trips.map((t) => [t.entrySession, t.quantity])).toEqual([[0, 0.25], [1, 0.5]]);
    expect(trips[0].pnl).toBeCloseTo(1, 12);
    expect(trips[1].pnl).toBeCloseTo(-2, 12);
  });

  it('a split after the last fill rescales the lots left open', () => {
    const { open } = roundTrips({ fills: [{ symbol: 'A', session: 0, quantity: 3, price: 30 }], splits: [{ symbol: 'A', session: 5, ratio: 3 }, { symbol: 'B', session: 6, ratio: 2 }] });
    expect(open.map((l) => [l.quantity, l.price])).toEqual([[9, 10]]);
  });
});
