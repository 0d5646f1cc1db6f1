import { describe, expect, it } from 'vitest';
import { roundTrips, type TradeFill, tradeMetrics } from '../../../reports/metrics/trades.ts';
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
    const { trips, openLots } = roundTrips(fills);
    expect(openLots).toBe(1); // 30 AAA from the second buy
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
    const ms = tradeMetrics(fills);
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
    const ms = tradeMetrics([{ symbol: 1, session: 0, quantity: 5, price: 1 }]);
    expect(get(ms, 'trade_count')).toEqual({ name: 'trade_count', value: 0, n: 0 });
    expect(get(ms, 'trade_avg_holding')).toMatchObject({ value: null, note: 'no closed trades' });
    expect(get(ms, 'trade_win_rate')).toMatchObject({ value: null, note: 'insufficient data' });
  });

  it('fills out of session order are rejected', () => {
    expect(() => roundTrips([fills[2], fills[0]])).toThrow(/session order/);
  });
});
