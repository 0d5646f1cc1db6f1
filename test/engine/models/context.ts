// What the engine hands a model, built by hand for calling models directly.

import { newOrder } from '../../../engine/execution/orderBook.ts';
import { OrderOrigin, type RestingOrder } from '../../../engine/execution/orders.ts';
import type { AccrualContext, FillContext } from '../../../engine/models/types.ts';

/** A fresh market buy of 100 shares of symbol 0 decided at session 0, overridden by `o`. */
export function order(o: Partial<RestingOrder> = {}): RestingOrder {
  return { ...newOrder(), id: 1, quantity: 100, requested: 100, origin: OrderOrigin.explicit, ...o };
}

/** A fill of the order's quantity at 10 on a flat bar at 10 (session 1), overridden by `c`. */
export function fill(c: Partial<FillContext> = {}): FillContext {
  const o = c.order ?? order();
  return { session: 1, order: o, open: 10, high: 10, low: 10, close: 10, volume: 1e6, filledToday: 0, quantity: o.quantity, reference: 10, price: 10, liquidity: undefined, ...c };
}

/** One daily session's accrual (P = 252) to session 1 on `balance`. */
export function accrual(a: Partial<AccrualContext> = {}): AccrualContext {
  return { session: 1, day: 19_723, days: 1, periodsPerYear: 252, periods: 1, symbol: 0, balance: 0, ...a };
}
