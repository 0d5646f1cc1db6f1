// The book of resting orders and the record of every order (orderLog.ts): decisions place and
// replace orders here, corporate actions rescale or cancel them, the broker fills what rests.
// Finished orders are recycled: a monthly rebalance of thousands of names would otherwise allocate
// thousands of objects a month.

import { OrderLog } from './orderLog.ts';
import { OrderEnd, OrderOrigin, type OrderRequest, type RestingOrder } from './orders.ts';
import type { Orders } from './result.ts';
import { roundShares } from './shares.ts';

export class OrderBook {
  readonly #symbols: readonly string[];
  readonly #whole: boolean;
  readonly #log: OrderLog;
  /** The orders still working, in the order they were placed (quantity 0: finished, leaving at the next dropFinished). */
  readonly resting: RestingOrder[] = [];
  readonly #spare: RestingOrder[] = [];
  #nextId = 1;

  /**
   * `symbols` name orders in openOrders(); whole-share books round split quantities toward zero;
   * `rowsHint`: orders the log makes room for at the start.
   */
  constructor(symbols: readonly string[], wholeShares: boolean, rowsHint?: number) {
    this.#symbols = symbols;
    this.#whole = wholeShares;
    this.#log = new OrderLog(rowsHint);
  }

  get hasOrders(): boolean {
    return this.resting.length > 0;
  }

  /**
   * Accept an order of `quantity` signed shares, decided at session `decidedAt` — in whole-share
   * mode rounded toward zero (float noise snapped), as targets are; none for 0.
   */
  place(symbol: number, requested: number, decidedAt: number, origin: OrderOrigin, request?: OrderRequest): void {
    const quantity = this.#whole ? roundShares(requested) : requested;
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
    this.resting.push(o);
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

  #cancel(t: number, end: OrderEnd, which: (o: RestingOrder) => boolean): void {
    for (const o of this.resting) if (which(o)) this.end(o, t, end);
    this.dropFinished();
  }

  /** Record how order `o` ended on session t; it leaves the book at the next dropFinished. */
  end(o: RestingOrder, t: number, end: OrderEnd): void {
    this.#log.close(o, t, end);
    o.quantity = 0;
  }

  /** Keep the orders still working, in order; finished ones go back to the spares. */
  dropFinished(): void {
    let kept = 0;
    for (const o of this.resting) {
      if (o.quantity !== 0) this.resting[kept++] = o;
      else this.#spare.push(o);
    }
    this.resting.length = kept;
  }

  /**
   * Split of `ratio` new shares per old at session t: resting quantities scale by it — rounded
   * toward zero in whole-share mode, so no order ever asks for a fraction — and limit and stop
   * prices by its inverse. An order left with no whole share ends (`split`).
   */
  applySplit(symbol: number, ratio: number, t: number): void {
    for (const o of this.resting) {
      if (o.symbol !== symbol) continue;
      o.quantity = this.#whole ? roundShares(o.quantity * ratio) : o.quantity * ratio;
      o.limit /= ratio;
      o.stop /= ratio;
      if (o.quantity === 0) this.end(o, t, OrderEnd.split);
    }
    this.dropFinished();
  }

  /** The resting orders as requests (a fresh array, for the strategy's book view). */
  openOrders(): OrderRequest[] {
    return this.resting.map((o) => ({
      symbol: this.#symbols[o.symbol],
      quantity: o.quantity,
      type: o.type,
      ...(o.type === 'limit' ? { limit: o.limit } : {}),
      ...(o.type === 'stop' ? { stop: o.stop } : {}),
      tif: o.tif,
    }));
  }

  /** Every order accepted, with how it ended (call after closeRemaining). */
  orders(): Orders {
    return this.#log.orders();
  }
}

/** A blank order: nothing asked, nothing filled, nothing paid. */
export function newOrder(): RestingOrder {
  return {
    id: 0,
    symbol: 0,
    quantity: 0,
    type: 'market',
    limit: NaN,
    stop: NaN,
    requested: 0,
    requestedLimit: NaN,
    requestedStop: NaN,
    tif: 'gtc',
    origin: OrderOrigin.targets,
    decidedAt: 0,
    triggered: false,
    filled: 0,
    commission: 0,
    lastFillSession: -1,
    sessionFilled: 0,
    sessionCommission: 0,
  };
}
