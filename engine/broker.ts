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
// - The account (account.ts) checks every fill: a cash account never spends cash that is not
//   there, a margin account stays within its limits. A fill it cannot take whole is cut to the
//   part it can; the rest keeps resting while sells that may fund it still rest (they fill
//   first, reductions before additions), and is cancelled otherwise — both recorded as deferrals.

import type { Market } from '../data/market.ts';
import { AccountGuard, type FillQuote } from './account.ts';
import type { EngineConfig } from './config.ts';
import { newFillRecord, type Ledger } from './ledger.ts';
import type { LiquidityEstimator } from './liquidity.ts';
import type { CommissionModel, LiquidityEstimate, SlippageModel } from './models/costs.ts';
import { Deferral, OrderOrigin, type OrderRequest, type RestingOrder } from './orders.ts';
import type { Portfolio } from './portfolio.ts';
import { FillReason } from './result.ts';
import { roundShares } from './shares.ts';

export type Phase = 'open' | 'close';

/** What the broker trades with: the cost models and, for impact models, a liquidity estimator. */
export interface BrokerModels {
  readonly commission: CommissionModel;
  readonly slippage: SlippageModel;
  readonly liquidity: LiquidityEstimator | undefined;
}

/** A margin-limit cut at a fill (reported beside the decision-time breaches). */
export interface FillBreach {
  readonly session: number;
  readonly symbol: number;
  /** Shares the account would not take. */
  readonly refused: number;
}

export class Broker {
  readonly #market: Market;
  readonly #config: EngineConfig;
  readonly #portfolio: Portfolio;
  readonly #ledger: Ledger;
  readonly #models: BrokerModels;
  readonly #account: AccountGuard;
  #orders: RestingOrder[] = [];
  /** Finished orders, reused by `place`. */
  readonly #spare: RestingOrder[] = [];
  #nextId = 1;
  /** Shares filled per symbol in the current fill pass (the participation cap is per symbol and session). */
  readonly #filledToday: Float64Array;
  readonly #touched: Int32Array;
  #touchedCount = 0;
  /** Reused per fill: the quote under test and the ledger record. */
  readonly #quote: FillQuote = { price: 0, commission: 0, slippage: 0 };
  readonly #record = newFillRecord();
  #liquidityNow: LiquidityEstimate | undefined;
  #pricing: { o: RestingOrder; reference: number } = { o: undefined as unknown as RestingOrder, reference: 0 };
  readonly #quoteFor = (q: number, out: FillQuote): FillQuote => this.#quoteFill(this.#pricing.o, q, this.#pricing.reference, out);
  /** Fills at a session close because the data had no open. */
  openFallbacks = 0;
  /** Margin-limit cuts at fills. */
  readonly fillBreaches: FillBreach[] = [];

  constructor(market: Market, config: EngineConfig, portfolio: Portfolio, ledger: Ledger, models: BrokerModels) {
    this.#market = market;
    this.#config = config;
    this.#portfolio = portfolio;
    this.#ledger = ledger;
    this.#models = models;
    this.#account = new AccountGuard(config.account, portfolio, config.shares === 'whole');
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

  cancelAll(): void {
    this.#keepOnly(() => false);
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

  /**
   * Split of `ratio` new shares per old: resting quantities scale by it — rounded toward zero in
   * whole-share mode, so no order ever asks for a fraction — and limit and stop prices by its inverse.
   */
  applySplit(symbol: number, ratio: number): void {
    for (const o of this.#orders) {
      if (o.symbol !== symbol) continue;
      o.quantity = this.#config.shares === 'whole' ? roundShares(o.quantity * ratio) : o.quantity * ratio;
      o.limit /= ratio;
      o.stop /= ratio;
    }
    this.#keepOnly((o) => o.quantity !== 0);
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
    for (const o of this.#orders) if (o.quantity !== 0 && o.tif === 'day') this.#ledger.defer(t, o.symbol, Deferral.expired, o.quantity);
    this.#keepOnly((o) => o.quantity !== 0 && o.tif !== 'day');
  }

  #fill(o: RestingOrder, t: number, phase: Phase, fundingRests: boolean): void {
    const m = this.#market;
    const k = t * m.symbols.length + o.symbol;
    const close = m.close[k];
    const volume = m.volume[k];
    if (Number.isNaN(close) || volume === 0) {
      this.#ledger.defer(t, o.symbol, Deferral.noTrade, o.quantity);
      return;
    }
    const reference = this.#fillPrice(o, k, phase);
    if (Number.isNaN(reference)) {
      this.#ledger.defer(t, o.symbol, Deferral.priceNotReached, o.quantity);
      return;
    }
    let quantity = o.quantity;
    const cap = this.#config.participationCap;
    let capped = false;
    if (cap !== undefined && Number.isFinite(volume)) {
      const most = Math.max(0, this.#roundDown(cap * volume - this.#filledToday[o.symbol]));
      if (Math.abs(quantity) > most) {
        quantity = Math.sign(quantity) * most;
        capped = true;
      }
    }
    if (quantity === 0) {
      this.#ledger.defer(t, o.symbol, Deferral.volumeCap, o.quantity);
      return;
    }
    this.#liquidityNow = this.#models.slippage.needsLiquidity ? this.#models.liquidity?.estimate(o.symbol, o.decidedAt) : undefined;
    this.#pricing.o = o;
    this.#pricing.reference = reference;
    const allowed = this.#account.allowed(o.symbol, quantity, reference, this.#quoteFor, this.#quote);
    if (allowed !== quantity) {
      // The account refuses part of it: record why; the rest rests only while a funding sell rests.
      const reason = this.#account.kind === 'cash' && !(this.#portfolio.shares[o.symbol] + quantity < 0) ? Deferral.cash : Deferral.marginLimit;
      this.#ledger.defer(t, o.symbol, reason, o.quantity - allowed);
      if (this.#account.kind === 'margin') this.fillBreaches.push({ session: t, symbol: o.symbol, refused: quantity - allowed });
      if (allowed !== 0) this.#execute(o, t, allowed, reference, this.#quoteFill(o, allowed, reference, this.#quote));
      o.quantity = fundingRests ? o.quantity - allowed : 0;
      return;
    }
    this.#execute(o, t, quantity, reference, this.#quote);
    if (capped) this.#ledger.defer(t, o.symbol, Deferral.volumeCap, o.quantity - quantity);
    o.quantity -= quantity;
  }

  /** Price, commission and slippage of filling `q` shares of `o` against `reference`. */
  #quoteFill(o: RestingOrder, q: number, reference: number, out: FillQuote): FillQuote {
    let fraction = this.#models.slippage.slippageFraction(q, this.#liquidityNow);
    let price = reference * (1 + Math.sign(q) * fraction);
    if (o.type === 'limit') {
      price = q > 0 ? Math.min(price, o.limit) : Math.max(price, o.limit);
      fraction = Math.abs(price / reference - 1);
    }
    out.price = price;
    out.slippage = Math.abs(q) * reference * fraction;
    out.commission = this.#models.commission.commission(q, price);
    return out;
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

  #execute(o: RestingOrder, t: number, quantity: number, reference: number, fill: FillQuote): void {
    if (this.#filledToday[o.symbol] === 0) this.#touched[this.#touchedCount++] = o.symbol;
    this.#filledToday[o.symbol] += Math.abs(quantity);
    this.#portfolio.trade(o.symbol, quantity, fill.price, reference);
    this.#portfolio.cash -= fill.commission;
    this.#ledger.cost('commission', fill.commission, o.symbol);
    this.#ledger.cost('slippage', fill.slippage, o.symbol);
    this.#ledger.today.tradedNotional += Math.abs(quantity) * fill.price;
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

  /** Estimated cost of trading at a decision (for the planner's cash sizing). */
  estimateCost(symbol: number, quantity: number, price: number, decidedAt: number): number {
    const { slippage, commission, liquidity } = this.#models;
    const estimate = slippage.needsLiquidity ? liquidity?.estimate(symbol, decidedAt) : undefined;
    const fraction = slippage.slippageFraction(quantity, estimate);
    return Math.abs(quantity) * price * fraction + commission.commission(quantity, price * (1 + fraction));
  }

  #roundDown(x: number): number {
    return this.#config.shares === 'whole' ? Math.floor(x) : x;
  }
}

function isReduction(o: RestingOrder, held: number): boolean {
  return held !== 0 && Math.sign(o.quantity) !== Math.sign(held) && Math.abs(o.quantity) <= Math.abs(held);
}
