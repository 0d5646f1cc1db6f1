// The broker: holds resting orders and fills them against one session's bar.
//
// Fill rules (documented in the README):
// - No fill against a bar with no trade (NaN close or zero volume): the order rests, deferral recorded.
// - Market orders fill at the phase's reference price: the open (or, where the data has no
//   opens, that session's close — counted and reported), or the close in the close phase.
// - Limit buy: at the open if open ≤ limit, else at the limit if the low reaches it (close-only
//   data: at the close if close ≤ limit). Sells mirror it. Limit fills are not slipped past the limit.
// - Stop buy: triggers when the open or the high reaches the stop, then fills like a market order
//   at max(open, stop). Sells mirror it.
// - A participation cap fills at most cap × volume shares of a symbol per session, over all its
//   orders together; the rest rests.
// - Day orders expire after their first fill session; GTC orders rest until filled or replaced.

import type { Market } from '../data/market.ts';
import type { EngineConfig } from './config.ts';
import type { Ledger } from './ledger.ts';
import type { LiquidityEstimator } from './liquidity.ts';
import type { CommissionModel, SlippageModel } from './models/costs.ts';
import { Deferral, OrderOrigin, type OrderRequest, type RestingOrder } from './orders.ts';
import type { Portfolio } from './portfolio.ts';
import { FillReason } from './result.ts';

export type Phase = 'open' | 'close';

export class Broker {
  readonly #market: Market;
  readonly #config: EngineConfig;
  readonly #portfolio: Portfolio;
  readonly #ledger: Ledger;
  readonly #commission: CommissionModel;
  readonly #slippage: SlippageModel;
  readonly #liquidity: LiquidityEstimator | undefined;
  #orders: RestingOrder[] = [];
  /** Finished orders, reused by `place`. */
  readonly #spare: RestingOrder[] = [];
  #nextId = 1;
  /** Shares filled per symbol in the current fill pass (the participation cap is per symbol and session). */
  readonly #filledToday: Float64Array;
  readonly #touched: Int32Array;
  #touchedCount = 0;
  /** Fills at a session close because the data had no open. */
  openFallbacks = 0;

  constructor(
    market: Market,
    config: EngineConfig,
    portfolio: Portfolio,
    ledger: Ledger,
    commission: CommissionModel,
    slippage: SlippageModel,
    liquidity: LiquidityEstimator | undefined,
  ) {
    this.#market = market;
    this.#config = config;
    this.#portfolio = portfolio;
    this.#ledger = ledger;
    this.#commission = commission;
    this.#slippage = slippage;
    this.#liquidity = liquidity;
    this.#filledToday = new Float64Array(market.symbols.length);
    this.#touched = new Int32Array(market.symbols.length);
  }

  get hasOrders(): boolean {
    return this.#orders.length > 0;
  }

  place(symbol: number, quantity: number, decidedAt: number, origin: OrderOrigin, request?: OrderRequest): void {
    if (quantity === 0) return;
    const o = this.#spare.pop() ?? ({} as RestingOrder);
    o.id = this.#nextId++;
    o.symbol = symbol;
    o.quantity = quantity;
    o.type = request?.type ?? 'market';
    o.limit = request?.limit ?? NaN;
    o.stop = request?.stop ?? NaN;
    o.tif = request?.tif ?? 'gtc';
    o.origin = origin;
    o.decidedAt = decidedAt;
    o.triggered = false;
    this.#orders.push(o);
  }

  /** A new decision replaces what is left of the previous one's rebalance orders. */
  cancelTargetOrders(): void {
    this.#keepOnly((o) => o.origin !== OrderOrigin.targets);
  }

  cancelSymbol(symbol: number): void {
    this.#keepOnly((o) => o.symbol !== symbol);
  }

  /** Keep the orders that pass, in order; the rest go back to the spares. */
  #keepOnly(keep: (o: RestingOrder) => boolean): void {
    let kept = 0;
    for (const o of this.#orders) {
      if (keep(o)) this.#orders[kept++] = o;
      else this.#spare.push(o);
    }
    this.#orders.length = kept;
  }

  /** Split: resting quantities scale by the ratio, prices by its inverse. */
  applySplit(symbol: number, ratio: number): void {
    for (const o of this.#orders) {
      if (o.symbol !== symbol) continue;
      o.quantity *= ratio;
      o.limit /= ratio;
      o.stop /= ratio;
    }
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
    for (const o of this.#orders) if (isReduction(o, shares[o.symbol])) this.#fill(o, t, phase);
    for (const o of this.#orders) if (o.quantity !== 0 && !isReduction(o, shares[o.symbol])) this.#fill(o, t, phase);
    for (let k = 0; k < this.#touchedCount; k++) this.#filledToday[this.#touched[k]] = 0;
    this.#touchedCount = 0;
    for (const o of this.#orders) if (o.quantity !== 0 && o.tif === 'day') this.#ledger.defer(t, o.symbol, Deferral.expired, o.quantity);
    this.#keepOnly((o) => o.quantity !== 0 && o.tif !== 'day');
  }

  #fill(o: RestingOrder, t: number, phase: Phase): void {
    const m = this.#market;
    const k = t * m.symbols.length + o.symbol;
    const close = m.close[k];
    const volume = m.volume[k];
    if (Number.isNaN(close) || volume === 0) {
      this.#ledger.defer(t, o.symbol, Deferral.noTrade, o.quantity);
      return;
    }
    const price = this.#fillPrice(o, k, phase);
    if (Number.isNaN(price)) {
      this.#ledger.defer(t, o.symbol, Deferral.priceNotReached, o.quantity);
      return;
    }
    let quantity = o.quantity;
    const cap = this.#config.participationCap;
    if (cap !== undefined && Number.isFinite(volume)) {
      const most = Math.max(0, this.#roundShares(cap * volume - this.#filledToday[o.symbol]));
      if (Math.abs(quantity) > most) quantity = Math.sign(quantity) * most;
    }
    if (quantity !== 0) {
      if (this.#filledToday[o.symbol] === 0) this.#touched[this.#touchedCount++] = o.symbol;
      this.#filledToday[o.symbol] += Math.abs(quantity);
      this.#execute(o, t, quantity, price);
    }
    if (quantity !== o.quantity) this.#ledger.defer(t, o.symbol, Deferral.volumeCap, o.quantity - quantity);
    o.quantity -= quantity;
  }

  /** Reference price for this order on this bar, or NaN when a limit/stop is not reached. */
  #fillPrice(o: RestingOrder, k: number, phase: Phase): number {
    const m = this.#market;
    const close = m.close[k];
    let open = phase === 'open' ? m.open[k] : close;
    if (Number.isNaN(open)) {
      open = close;
      this.openFallbacks++;
    }
    const high = phase === 'open' && !Number.isNaN(m.high[k]) ? m.high[k] : Math.max(open, close);
    const low = phase === 'open' && !Number.isNaN(m.low[k]) ? m.low[k] : Math.min(open, close);
    const buy = o.quantity > 0;
    if (o.type === 'limit') {
      if (buy) return open <= o.limit ? open : low <= o.limit ? o.limit : NaN;
      return open >= o.limit ? open : high >= o.limit ? o.limit : NaN;
    }
    if (o.type === 'stop' && !o.triggered) {
      const hit = buy ? high >= o.stop : low <= o.stop;
      if (!hit) return NaN;
      o.triggered = true;
      return buy ? Math.max(open, o.stop) : Math.min(open, o.stop);
    }
    return open;
  }

  #execute(o: RestingOrder, t: number, quantity: number, reference: number): void {
    const liquidity = this.#slippage.needsLiquidity ? this.#liquidity?.estimate(o.symbol, o.decidedAt) : undefined;
    let fraction = this.#slippage.slippageFraction(quantity, liquidity);
    let price = reference * (1 + Math.sign(quantity) * fraction);
    if (o.type === 'limit') {
      price = quantity > 0 ? Math.min(price, o.limit) : Math.max(price, o.limit);
      fraction = Math.abs(price / reference - 1);
    }
    const slippage = Math.abs(quantity) * reference * fraction;
    const commission = this.#commission.commission(quantity, price);
    this.#portfolio.trade(o.symbol, quantity, price, reference);
    this.#portfolio.cash -= commission;
    this.#ledger.cost('commission', commission, o.symbol);
    this.#ledger.cost('slippage', slippage, o.symbol);
    this.#ledger.today.tradedNotional += Math.abs(quantity) * price;
    this.#ledger.fill(t, o.symbol, quantity, price, reference, commission, slippage, o.id, FillReason.order);
  }

  /** Estimated cost of trading at a decision (for the planner's cash sizing). */
  estimateCost(symbol: number, quantity: number, price: number, decidedAt: number): number {
    const liquidity = this.#slippage.needsLiquidity ? this.#liquidity?.estimate(symbol, decidedAt) : undefined;
    const slippage = Math.abs(quantity) * price * this.#slippage.slippageFraction(quantity, liquidity);
    return slippage + this.#commission.commission(quantity, price * (1 + this.#slippage.slippageFraction(quantity, liquidity)));
  }

  #roundShares(x: number): number {
    return this.#config.shares === 'whole' ? Math.floor(x) : x;
  }
}

function isReduction(o: RestingOrder, held: number): boolean {
  return held !== 0 && Math.sign(o.quantity) !== Math.sign(held) && Math.abs(o.quantity) <= Math.abs(held);
}
