// The broker: holds resting orders and fills them against one session's bar. It runs the steps
// every fill shares and asks the execution models (engine/models/) only their own question:
// - No fill against a bar with no trade (NaN close or zero volume): the order rests, deferral recorded.
// - The fill model gives the order's reference price on the bar, or NaN when a limit or stop is
//   not reached (the order rests). Where the data has no opens, an open fill sees that session's
//   close as its open — counted and reported.
// - The volume limit caps what a symbol fills in a session, over all its orders; the rest rests.
// - The slippage model moves the price against the trader (a limit fill is never slipped past its
//   limit); the commission model charges the slipped price, knowing what the order already paid.
// - Reductions fill before additions. Day orders expire after their first fill session; GTC
//   orders rest until filled or replaced.
// - The account (account.ts) checks every fill: a cash account never spends cash that is not
//   there, a margin account stays within its limits. A fill it cannot take whole is cut to the
//   part it can; the rest keeps resting while sells that may fund it still rest (they fill
//   first, reductions before additions), and is cancelled otherwise — both recorded as deferrals.
// - Every order is on record (orderLog.ts) with how it ended.

import type { Market } from '../data/market.ts';
import { AccountGuard, type FillQuote } from './account.ts';
import type { EngineConfig } from './config.ts';
import { newFillRecord, type Ledger } from './ledger.ts';
import type { LiquidityEstimator } from './liquidity.ts';
import type { ExecutionModels, FillContext } from './models/types.ts';
import { OrderLog } from './orderLog.ts';
import { Deferral, OrderEnd, OrderOrigin, type OrderRequest, type RestingOrder } from './orders.ts';
import type { Portfolio } from './portfolio.ts';
import { FillReason, type Orders } from './result.ts';
import { roundShares } from './shares.ts';

export type Phase = 'open' | 'close';

/** What a broker works with, by name. */
export interface BrokerParts {
  readonly market: Market;
  readonly config: EngineConfig;
  readonly portfolio: Portfolio;
  readonly ledger: Ledger;
  readonly models: ExecutionModels;
  /** σ and ADV for a slippage model that asks for them (`liquidityWindow`); undefined otherwise. */
  readonly liquidity: LiquidityEstimator | undefined;
}

/** A margin-limit cut at a fill (reported beside the decision-time breaches). */
export interface FillBreach {
  readonly session: number;
  readonly symbol: number;
  /** Shares the account would not take. */
  readonly refused: number;
}

/**
 * Resting orders and their fills. Mutates the portfolio (trades, commission) and writes the
 * ledger (fills, cost lines, deferrals); owns the record of every order it accepted.
 */
export class Broker {
  readonly #market: Market;
  readonly #config: EngineConfig;
  readonly #portfolio: Portfolio;
  readonly #ledger: Ledger;
  readonly #models: ExecutionModels;
  readonly #liquidity: LiquidityEstimator | undefined;
  readonly #account: AccountGuard;
  readonly #log = new OrderLog();
  #orders: RestingOrder[] = [];
  /** Finished orders, reused by `place`. */
  readonly #spare: RestingOrder[] = [];
  #nextId = 1;
  /** Shares filled per symbol in the current fill pass (the volume limit is per symbol and session). */
  readonly #filledToday: Float64Array;
  readonly #touched: Int32Array;
  #touchedCount = 0;
  /** Reused per fill: what the models are asked, the quote under test and the ledger record. */
  readonly #context: FillContext = newFillContext(newOrder());
  /** Reused per estimate at a decision: a fresh order of nothing filled and nothing paid. */
  readonly #estimate: FillContext = newFillContext(newOrder());
  readonly #quote: FillQuote = { price: 0, commission: 0, slippage: 0 };
  readonly #record = newFillRecord();
  readonly #quoteFor = (q: number, out: FillQuote): FillQuote => this.#quoteFill(q, out);
  /** Fills at a session close because the data had no open. */
  openFallbacks = 0;
  /** Margin-limit cuts at fills. */
  readonly fillBreaches: FillBreach[] = [];

  constructor(parts: BrokerParts) {
    this.#market = parts.market;
    this.#config = parts.config;
    this.#portfolio = parts.portfolio;
    this.#ledger = parts.ledger;
    this.#models = parts.models;
    this.#liquidity = parts.liquidity;
    this.#account = new AccountGuard(parts.config.account, parts.portfolio, parts.config.shares === 'whole');
    this.#filledToday = new Float64Array(parts.market.symbols.length);
    this.#touched = new Int32Array(parts.market.symbols.length);
  }

  get hasOrders(): boolean {
    return this.#orders.length > 0;
  }

  /** Accept an order of `quantity` signed shares (none for 0), decided at session `decidedAt`. */
  place(symbol: number, quantity: number, decidedAt: number, origin: OrderOrigin, request?: OrderRequest): void {
    if (quantity === 0) return;
    const o = this.#spare.pop() ?? newOrder();
    o.id = this.#nextId++;
    o.symbol = symbol;
    o.quantity = quantity;
    o.type = request?.type ?? 'market';
    o.limit = o.type === 'limit' ? (request?.limit ?? NaN) : NaN;
    o.stop = o.type === 'stop' ? (request?.stop ?? NaN) : NaN;
    o.requested = quantity;
    o.requestedLimit = o.limit;
    o.requestedStop = o.stop;
    o.tif = request?.tif ?? 'gtc';
    o.origin = origin;
    o.decidedAt = decidedAt;
    o.triggered = false;
    o.filled = 0;
    o.commission = 0;
    o.lastFillSession = -1;
    o.sessionFilled = 0;
    o.sessionCommission = 0;
    this.#orders.push(o);
  }

  /** A new decision at session t replaces what is left of the previous one's rebalance orders. */
  cancelTargetOrders(t: number): void {
    this.#cancel(t, OrderEnd.replaced, (o) => o.origin === OrderOrigin.targets);
  }

  /** The symbol left the market at session t (`end`: delisting or data-end). */
  cancelSymbol(symbol: number, t: number, end: OrderEnd): void {
    this.#cancel(t, end, (o) => o.symbol === symbol);
  }

  /** Ruin at session t: nothing more is filled. */
  cancelAll(t: number): void {
    this.#cancel(t, OrderEnd.ruin, () => true);
  }

  /** The run ends at session t: what still rests is recorded as open. */
  closeRemaining(t: number): void {
    this.#cancel(t, OrderEnd.runEnd, () => true);
  }

  /** Every order accepted, with how it ended (call after closeRemaining). */
  orders(): Orders {
    return this.#log.orders();
  }

  #cancel(t: number, end: OrderEnd, which: (o: RestingOrder) => boolean): void {
    for (const o of this.#orders) if (which(o)) this.#end(o, t, end);
    this.#dropFinished();
  }

  /** Record how an order ended; it leaves the book at the next #dropFinished. */
  #end(o: RestingOrder, t: number, end: OrderEnd): void {
    this.#log.close(o, t, end);
    o.quantity = 0;
  }

  /** Keep the orders still working, in order; finished ones go back to the spares. */
  #dropFinished(): void {
    let kept = 0;
    for (const o of this.#orders) {
      if (o.quantity !== 0) this.#orders[kept++] = o;
      else this.#spare.push(o);
    }
    this.#orders.length = kept;
  }

  /**
   * Split of `ratio` new shares per old at session t: resting quantities scale by it — rounded
   * toward zero in whole-share mode, so no order ever asks for a fraction — and limit and stop
   * prices by its inverse. An order left with no whole share ends (`split`).
   */
  applySplit(symbol: number, ratio: number, t: number): void {
    for (const o of this.#orders) {
      if (o.symbol !== symbol) continue;
      o.quantity = this.#config.shares === 'whole' ? roundShares(o.quantity * ratio) : o.quantity * ratio;
      o.limit /= ratio;
      o.stop /= ratio;
      if (o.quantity === 0) this.#log.close(o, t, OrderEnd.split);
    }
    this.#dropFinished();
  }

  openOrders(): OrderRequest[] {
    return this.#orders.map((o) => ({
      symbol: this.#market.symbols[o.symbol],
      quantity: o.quantity,
      type: o.type,
      ...(o.type === 'limit' ? { limit: o.limit } : {}),
      ...(o.type === 'stop' ? { stop: o.stop } : {}),
      tif: o.tif,
    }));
  }

  /** Fill what can be filled on session t in `phase`: reductions first, then additions. */
  fillAll(t: number, phase: Phase): void {
    if (this.#orders.length === 0) return;
    const shares = this.#portfolio.shares;
    for (const o of this.#orders) if (isReduction(o, shares[o.symbol])) this.#fill(o, t, phase, false);
    let fundingRests = false;
    for (const o of this.#orders) if (o.quantity !== 0 && isReduction(o, shares[o.symbol])) fundingRests = true;
    for (const o of this.#orders) if (o.quantity !== 0 && !isReduction(o, shares[o.symbol])) this.#fill(o, t, phase, fundingRests);
    for (let k = 0; k < this.#touchedCount; k++) this.#filledToday[this.#touched[k]] = 0;
    this.#touchedCount = 0;
    for (const o of this.#orders) {
      if (o.quantity === 0 || o.tif !== 'day') continue;
      this.#ledger.defer(t, o.symbol, Deferral.expired, o.quantity);
      this.#end(o, t, OrderEnd.dayEnd);
    }
    this.#dropFinished();
  }

  #fill(o: RestingOrder, t: number, phase: Phase, fundingRests: boolean): void {
    const m = this.#market;
    const k = t * m.symbols.length + o.symbol;
    if (Number.isNaN(m.close[k]) || m.volume[k] === 0) {
      this.#ledger.defer(t, o.symbol, Deferral.noTrade, o.quantity);
      return;
    }
    const c = this.#context;
    this.#readBar(c, o, t, k, phase);
    const reference = this.#models.fill.referencePrice(c);
    if (Number.isNaN(reference)) {
      this.#ledger.defer(t, o.symbol, Deferral.priceNotReached, o.quantity);
      return;
    }
    if (o.type === 'stop') o.triggered = true;
    c.reference = reference;
    let quantity = o.quantity;
    let capped = false;
    const most = this.#models.volume.maxShares(c);
    if (most !== Infinity) {
      const left = Math.max(0, this.#roundDown(most - c.filledToday));
      if (Math.abs(quantity) > left) {
        quantity = Math.sign(quantity) * left;
        capped = true;
      }
    }
    if (quantity === 0) {
      this.#ledger.defer(t, o.symbol, Deferral.volumeCap, o.quantity);
      return;
    }
    c.liquidity = this.#models.slippage.liquidityWindow !== undefined ? this.#liquidity?.estimate(o.symbol, o.decidedAt) : undefined;
    const allowed = this.#account.allowed(o.symbol, quantity, reference, this.#quoteFor, this.#quote);
    if (allowed !== quantity) {
      // The account refuses part of it: record why; the rest rests only while a funding sell rests.
      const cash = this.#account.kind === 'cash' && !(this.#portfolio.shares[o.symbol] + quantity < 0);
      this.#ledger.defer(t, o.symbol, cash ? Deferral.cash : Deferral.marginLimit, o.quantity - allowed);
      if (this.#account.kind === 'margin') this.fillBreaches.push({ session: t, symbol: o.symbol, refused: quantity - allowed });
      if (allowed !== 0) this.#execute(o, t, allowed, this.#quoteFill(allowed, this.#quote));
      if (fundingRests) o.quantity -= allowed;
      else this.#end(o, t, cash ? OrderEnd.cash : OrderEnd.marginLimit);
      return;
    }
    this.#execute(o, t, quantity, this.#quote);
    if (capped) this.#ledger.defer(t, o.symbol, Deferral.volumeCap, o.quantity - quantity);
    o.quantity -= quantity;
    if (o.quantity === 0) this.#log.close(o, t, OrderEnd.filled);
  }

  /** The bar of order `o` at market index k in `phase`, into the models' context. */
  #readBar(c: FillContext, o: RestingOrder, t: number, k: number, phase: Phase): void {
    const m = this.#market;
    const close = m.close[k];
    let open = phase === 'open' ? m.open[k] : close;
    if (Number.isNaN(open)) {
      open = close;
      this.openFallbacks++;
    }
    c.session = t;
    c.order = o;
    c.open = open;
    c.high = phase === 'open' && !Number.isNaN(m.high[k]) ? m.high[k] : Math.max(open, close);
    c.low = phase === 'open' && !Number.isNaN(m.low[k]) ? m.low[k] : Math.min(open, close);
    c.close = close;
    c.volume = m.volume[k];
    c.filledToday = this.#filledToday[o.symbol];
    c.quantity = o.quantity;
    c.reference = NaN;
    c.price = NaN;
    c.liquidity = undefined;
  }

  /** Price, commission and slippage of filling `q` shares of the order in the context at its reference. */
  #quoteFill(q: number, out: FillQuote): FillQuote {
    const c = this.#context;
    const reference = c.reference;
    c.quantity = q;
    let fraction = this.#models.slippage.slippage(c);
    let price = reference * (1 + Math.sign(q) * fraction);
    const o = c.order;
    if (o.type === 'limit') {
      price = q > 0 ? Math.min(price, o.limit) : Math.max(price, o.limit);
      fraction = Math.abs(price / reference - 1);
    }
    c.price = price;
    out.price = price;
    out.slippage = Math.abs(q) * reference * fraction;
    out.commission = this.#models.commission.commission(c);
    return out;
  }

  #execute(o: RestingOrder, t: number, quantity: number, fill: FillQuote): void {
    if (this.#filledToday[o.symbol] === 0) this.#touched[this.#touchedCount++] = o.symbol;
    this.#filledToday[o.symbol] += Math.abs(quantity);
    const reference = this.#context.reference;
    this.#portfolio.trade(o.symbol, quantity, fill.price, reference);
    this.#portfolio.cash -= fill.commission;
    this.#ledger.cost('commission', fill.commission, o.symbol);
    this.#ledger.cost('slippage', fill.slippage, o.symbol);
    this.#ledger.today.tradedNotional += Math.abs(quantity) * fill.price;
    if (o.lastFillSession !== t) {
      o.lastFillSession = t;
      o.sessionFilled = 0;
      o.sessionCommission = 0;
    }
    o.filled += quantity;
    o.commission += fill.commission;
    o.sessionFilled += quantity;
    o.sessionCommission += fill.commission;
    const r = this.#record;
    r.session = t;
    r.symbol = o.symbol;
    r.quantity = quantity;
    r.price = fill.price;
    r.referencePrice = reference;
    r.commission = fill.commission;
    r.slippage = fill.slippage;
    r.orderId = o.id;
    r.reason = FillReason.order;
    this.#ledger.fill(r);
  }

  /** Estimated commission + slippage of a new order of `quantity` at `price`, decided at `decidedAt` (the planner's cash sizing). */
  estimateCost(symbol: number, quantity: number, price: number, decidedAt: number): number {
    const c = this.#estimateContext(symbol, quantity, price, decidedAt);
    const fraction = this.#models.slippage.slippage(c);
    c.price = price * (1 + fraction);
    return Math.abs(quantity) * price * fraction + this.#models.commission.commission(c);
  }

  /** Commission of a new order of `quantity` at `price` (the planner's uneconomic-trade test). */
  estimateCommission(symbol: number, quantity: number, price: number, decidedAt: number): number {
    return this.#models.commission.commission(this.#estimateContext(symbol, quantity, price, decidedAt));
  }

  #estimateContext(symbol: number, quantity: number, price: number, decidedAt: number): FillContext {
    const c = this.#estimate;
    const o = c.order as RestingOrder;
    o.symbol = symbol;
    o.quantity = quantity;
    o.decidedAt = decidedAt;
    c.session = decidedAt;
    c.open = c.high = c.low = c.close = c.reference = c.price = price;
    c.volume = this.#market.volume[decidedAt * this.#market.symbols.length + symbol];
    c.quantity = quantity;
    c.liquidity = this.#models.slippage.liquidityWindow !== undefined ? this.#liquidity?.estimate(symbol, decidedAt) : undefined;
    return c;
  }

  #roundDown(x: number): number {
    return this.#config.shares === 'whole' ? Math.floor(x) : x;
  }
}

function isReduction(o: RestingOrder, held: number): boolean {
  return held !== 0 && Math.sign(o.quantity) !== Math.sign(held) && Math.abs(o.quantity) <= Math.abs(held);
}

function newOrder(): RestingOrder {
  return { id: 0, symbol: 0, quantity: 0, type: 'market', limit: NaN, stop: NaN, requested: 0, requestedLimit: NaN, requestedStop: NaN, tif: 'gtc', origin: OrderOrigin.targets, decidedAt: 0, triggered: false, filled: 0, commission: 0, lastFillSession: -1, sessionFilled: 0, sessionCommission: 0 };
}

function newFillContext(order: RestingOrder): FillContext {
  return { session: 0, order, open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN, filledToday: 0, quantity: 0, reference: NaN, price: NaN, liquidity: undefined };
}
