// The broker alone on a one-symbol market: placed orders, fill passes, the ledger and the order
// record — no strategy, no planner, no session loop (scenarios/ drive the same through backtest()).

import { describe, expect, it } from 'vitest';
import { Broker } from '../../engine/execution/broker.ts';
import { CostEstimator } from '../../engine/execution/costEstimate.ts';
import { OrderBook } from '../../engine/execution/orderBook.ts';
import { engineConfigSchema, type EngineConfigInput } from '../../engine/config.ts';
import { Ledger } from '../../engine/accounting/ledger.ts';
import { executionModels } from '../../engine/models/index.ts';
import type { CommissionModel, ExecutionModels, FillContext } from '../../engine/models/types.ts';
import { ORDER_END_NAMES, ORDER_STATUS_NAMES, OrderOrigin } from '../../engine/execution/orders.ts';
import { Portfolio } from '../../engine/accounting/portfolio.ts';
import { fixtureMarket } from './fixtures.ts';

/** Symbol A at 10 for five sessions, 1 000 shares traded each (none on session 2). */
const market = fixtureMarket({ symbols: ['A'], closes: [[10], [10], [10], [10], [10]], volumes: [[1_000], [1_000], [0], [1_000], [1_000]] });

function setUp(config: EngineConfigInput = {}, models: Partial<ExecutionModels> = {}, cash = 100_000) {
  const parsed = engineConfigSchema.parse(config);
  const portfolio = new Portfolio(1, cash);
  const ledger = new Ledger(5, 1);
  const book = new OrderBook(market.symbols, parsed.shares === 'whole');
  const broker = new Broker({ market, config: parsed, portfolio, ledger, book, models: executionModels(parsed, market, models), liquidity: undefined });
  const fills = () => {
    const f = ledger.fills();
    return Array.from(f.session, (s, k) => [s, f.quantity[k], f.commission[k], f.orderId[k]]);
  };
  const orders = (t = 4) => {
    book.closeRemaining(t);
    const o = book.orders();
    return Array.from(o.id, (id, k) => [id, o.filled[k], ORDER_STATUS_NAMES[o.status[k]], ORDER_END_NAMES[o.end[k]], o.endSession[k]]);
  };
  return { broker, book, portfolio, ledger, fills, orders };
}

describe('the broker on a one-symbol market', () => {
  it('fills a market order at the open and records it filled', () => {
    const { broker, book, portfolio, fills, orders } = setUp();
    book.place(0, 100, 0, OrderOrigin.explicit);
    broker.fillAll(1, 'open');
    expect(fills()).toEqual([[1, 100, 0, 1]]);
    expect([portfolio.shares[0], portfolio.cash]).toEqual([100, 99_000]);
    expect(book.hasOrders).toBe(false);
    expect(orders()).toEqual([[1, 100, 'filled', 'filled', 1]]);
  });

  it('rests on a bar with no trade and fills on the next one', () => {
    const { broker, book, ledger, fills } = setUp();
    book.place(0, 100, 1, OrderOrigin.explicit);
    broker.fillAll(2, 'open');
    expect(fills()).toEqual([]);
    expect(Array.from(ledger.deferrals().reason)).toEqual([0]); // no-trade
    broker.fillAll(3, 'open');
    expect(fills()).toEqual([[3, 100, 0, 1]]);
  });

  it('300 shares under a 10 % cap of 1 000 fill 100 a session; a 1.00 minimum is charged once per order by default', () => {
    const { broker, book, fills, orders } = setUp({ participationCap: 0.1, commission: { kind: 'per-share', perShare: 0.005, minimum: 1 } });
    book.place(0, 300, 0, OrderOrigin.explicit);
    for (const t of [1, 3, 4]) broker.fillAll(t, 'open');
    expect(fills()).toEqual([
      [1, 100, 1, 1],
      [3, 100, 0, 1],
      [4, 100, 0.5, 1],
    ]);
    expect(orders()).toEqual([[1, 300, 'filled', 'filled', 4]]);
  });

  it('…and three times with the minimum per fill', () => {
    const { broker, book, fills } = setUp({ participationCap: 0.1, commission: { kind: 'per-share', perShare: 0.005, minimum: 1, minimumPer: 'fill' } });
    book.place(0, 300, 0, OrderOrigin.explicit);
    for (const t of [1, 3, 4]) broker.fillAll(t, 'open');
    expect(fills().map((f) => f[2])).toEqual([1, 1, 1]);
  });

  it('a cash account cuts a buy to the cash there; with no sell to fund the rest, the order ends (cash)', () => {
    const { broker, book, fills, orders, portfolio } = setUp({}, {}, 2_505);
    book.place(0, 300, 0, OrderOrigin.explicit);
    book.place(0, 50, 0, OrderOrigin.explicit);
    broker.fillAll(1, 'open');
    expect(fills()).toEqual([[1, 250, 0, 1]]);
    expect(portfolio.cash).toBe(5);
    expect(orders()).toEqual([
      [1, 250, 'partially-filled', 'cash', 1],
      [2, 0, 'rejected', 'cash', 1],
    ]);
  });

  it('a day order expires after its first fill session; cancels and the run end say why', () => {
    const { broker, book, orders } = setUp({ participationCap: 0.1 });
    book.place(0, 300, 0, OrderOrigin.explicit, { symbol: 0, quantity: 300, tif: 'day' });
    book.place(0, 10, 0, OrderOrigin.targets);
    book.place(0, 20, 0, OrderOrigin.explicit, { symbol: 0, quantity: 20, type: 'limit', limit: 5 });
    broker.fillAll(1, 'open'); // the day order fills 100 of 300 and expires; the target order fills; the limit rests
    book.place(0, 10, 1, OrderOrigin.targets);
    book.replaceTargetOrders({ count: 0, symbol: new Int32Array(0), quantity: new Float64Array(0), cut: new Float64Array(0) }, 2, false);
    expect(orders(4)).toEqual([
      [1, 100, 'partially-filled', 'day-end', 1],
      [2, 0, 'cancelled', 'replaced', 2],
      [3, 0, 'open', 'run-end', 4],
      [4, 0, 'cancelled', 'replaced', 2],
    ]);
  });

  it('a split rescales resting orders; one left with no whole share ends (split)', () => {
    const { book, orders } = setUp();
    book.place(0, 7, 0, OrderOrigin.explicit, { symbol: 0, quantity: 7, type: 'limit', limit: 5 });
    book.place(0, 40, 0, OrderOrigin.explicit, { symbol: 0, quantity: 40, type: 'limit', limit: 5 });
    book.applySplit(0, 0.1, 1, 0); // 1-for-10: 7 → 0.7 → 0 whole shares; 40 → 4 at a limit of 50
    expect(book.openOrders()).toEqual([{ symbol: 'A', quantity: 4, type: 'limit', limit: 50, tif: 'gtc' }]);
    expect(orders(4).map((o) => o.slice(2))).toEqual([
      ['cancelled', 'split', 1],
      ['open', 'run-end', 4],
    ]);
    expect(Array.from(book.orders().quantity)).toEqual([7, 40]); // as decided
  });

  it('asks the commission model with one reused parameter object, holding what the order filled and paid before the fill', () => {
    const seen: [FillContext, number, number, number][] = [];
    const recording: CommissionModel = {
      name: 'recording',
      commission(c) {
        seen.push([c, c.quantity, c.order.filled, c.order.commission]);
        return 2;
      },
    };
    const { broker, book, fills } = setUp({ participationCap: 0.1 }, { commission: recording });
    book.place(0, 150, 0, OrderOrigin.explicit);
    broker.fillAll(1, 'open');
    broker.fillAll(3, 'open');
    expect(fills().map((f) => f[2])).toEqual([2, 2]);
    expect(seen.map(([, q, filled, paid]) => [q, filled, paid])).toEqual([
      [100, 0, 0],
      [50, 100, 2],
    ]);
    expect(seen[1][0]).toBe(seen[0][0]);
  });

  it('estimates for the planner the cost of a new order, with nothing filled and nothing paid', () => {
    const config = engineConfigSchema.parse({ commission: { kind: 'per-share', perShare: 0.005, minimum: 1 }, slippage: { kind: 'fixed-bps', bps: 10 } });
    const estimate = new CostEstimator(market, executionModels(config, market), undefined);
    // 100 × 10 × 0.001 slippage + max(1, 0.5) commission.
    expect(estimate.cost(0, 100, 10, 0)).toBeCloseTo(2, 12);
    expect(estimate.commission(0, 1_000, 10, 0)).toBe(5);
  });
});
