// What the planner is told a trade will cost at its decision: the slippage and commission models
// asked about a new order (nothing filled, nothing paid) priced at the decision's close.

import type { Market } from '../../data/market.ts';
import type { LiquidityEstimator } from './liquidity.ts';
import { newOrder } from './orderBook.ts';
import { type ExecutionModels, type FillContext, newFillContext } from '../models/types.ts';
import type { RestingOrder } from './orders.ts';

export class CostEstimator {
  readonly #market: Market;
  readonly #models: ExecutionModels;
  readonly #liquidity: LiquidityEstimator | undefined;
  /** Reused per estimate. */
  readonly #context: FillContext = newFillContext(newOrder());

  constructor(market: Market, models: ExecutionModels, liquidity: LiquidityEstimator | undefined) {
    this.#market = market;
    this.#models = models;
    this.#liquidity = liquidity;
  }

  /** Commission + slippage in currency of a new order of `quantity` of symbol i at `price`, decided at `decidedAt`. */
  cost(i: number, quantity: number, price: number, decidedAt: number): number {
    const c = this.#ask(i, quantity, price, decidedAt);
    c.liquidity = this.#liquidity?.estimate(i, decidedAt, decidedAt); // an estimator exists only for a model with a liquidity window
    const fraction = this.#models.slippage.slippage(c);
    c.price = price * (1 + fraction);
    return Math.abs(quantity) * price * fraction + this.#models.commission.commission(c);
  }

  /** Commission in currency of a new order of `quantity` of symbol i at `price`. */
  commission(i: number, quantity: number, price: number, decidedAt: number): number {
    return this.#models.commission.commission(this.#ask(i, quantity, price, decidedAt));
  }

  /** The context of a new order priced at `price` on its decision's bar (no liquidity estimate: only slippage models ask for one). */
  #ask(i: number, quantity: number, price: number, decidedAt: number): FillContext {
    const c = this.#context;
    const o = c.order as RestingOrder;
    o.symbol = i;
    o.quantity = quantity;
    o.decidedAt = decidedAt;
    c.session = decidedAt;
    c.open = c.high = c.low = c.close = c.reference = c.price = price;
    c.volume = this.#market.volume[decidedAt * this.#market.symbols.length + i];
    c.quantity = quantity;
    c.liquidity = undefined;
    return c;
  }
}
