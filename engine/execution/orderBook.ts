// The book of resting orders and the record of every order (orderLog.ts): decisions place and
// replace orders here, corporate actions rescale or cancel them, the broker fills what rests.
// Finished orders are recycled: a monthly rebalance of thousands of names would otherwise allocate
// thousands of objects a month.

import { OrderLog } from './orderLog.ts';
import { OrderEnd, OrderOrigin, type OrderRequest, type RestingOrder } from './orders.ts';
import type { PlannedOrders } from './planner.ts';
import type { Orders } from '../result.ts';
import { splitResting } from './restingSplit.ts';
import { pricePerNewShare, roundShares, snapWhole, splitParts } from '../accounting/shares.ts';

/** #amend marks: a symbol and direction with two planned legs (a flip), and one whose resting order was amended. */
const TWO_LEGS = -1;
const AMENDED = -2;

export class OrderBook {
  readonly #symbols: readonly string[];
  readonly #whole: boolean;
  readonly #log: OrderLog;
  /** The orders still working, in the order they were placed (quantity 0: finished, leaving at the next dropFinished). */
  readonly resting: RestingOrder[] = [];
  readonly #spare: RestingOrder[] = [];
  /** Per symbol and direction (2i: sell, 2i + 1: buy): 1 + the planned order replaceTargetOrders may amend with, 0 for none, or a mark. */
  readonly #amend: Int32Array;
  /** replaceTargetOrders' answer, reused: the planned legs that asked a resting order for what it already asked, with the same whole quantity (nothing new decided for them: its cut, a split's fraction in it, stands). */
  readonly #repeated = new Set<number>();
  #nextId = 1;

  /**
   * `symbols` name orders in openOrders(); whole-share books round split quantities toward zero;
   * `rowsHint`: orders the log makes room for at the start.
   */
  constructor(symbols: readonly string[], wholeShares: boolean, rowsHint?: number) {
    this.#symbols = symbols;
    this.#whole = wholeShares;
    this.#log = new OrderLog(rowsHint);
    this.#amend = new Int32Array(2 * symbols.length);
  }

  get hasOrders(): boolean {
    return this.resting.length > 0;
  }

  /**
   * Accept an order of `quantity` signed shares, decided at session `decidedAt` — in whole-share
   * mode rounded toward zero (float noise snapped), as targets are; none for 0.
   */
  place(symbol: number, requested: number, decidedAt: number, origin: OrderOrigin, request?: OrderRequest, cashOnly = false): void {
    const quantity = this.#whole ? roundShares(requested) : requested;
    if (quantity !== 0) this.resting.push(this.#open(symbol, quantity, decidedAt, origin, request, cashOnly));
  }

  /**
   * Place the planned orders of a plan at session t (replaceTargetOrders' new legs, or pending
   * targets ordered at their first price): a leg the planner cut (PlannedOrders.cut) asks for its
   * quantity + cut; one cut to nothing is recorded and ends `cash` there (rejected).
   */
  placePlanned(planned: PlannedOrders, t: number, cashOnly: boolean, which: (k: number) => boolean = () => true): void {
    for (let k = 0; k < planned.count; k++) {
      if (!which(k)) continue;
      const quantity = this.#whole ? roundShares(planned.quantity[k]) : planned.quantity[k];
      const cut = planned.cut[k];
      if (quantity === 0 && cut === 0) continue;
      const o = this.#open(planned.symbol[k], quantity, t, OrderOrigin.targets, undefined, cashOnly);
      o.cut = cut;
      o.decided = o.requested = quantity + cut;
      if (quantity !== 0) this.resting.push(o);
      else {
        this.end(o, t, OrderEnd.cash);
        this.#spare.push(o);
      }
    }
  }

  /** A new order of `quantity` (whole where the book is) from a spare, not yet resting. */
  #open(symbol: number, quantity: number, decidedAt: number, origin: OrderOrigin, request: OrderRequest | undefined, cashOnly: boolean): RestingOrder {
    const o = this.#spare.pop() ?? newOrder();
    o.id = this.#nextId++;
    o.symbol = symbol;
    o.quantity = quantity;
    o.fractionNumerator = 0;
    o.fractionDenominator = 1;
    o.type = request?.type ?? 'market';
    o.limit = o.type === 'limit' ? (request?.limit ?? NaN) : NaN;
    o.stop = o.type === 'stop' ? (request?.stop ?? NaN) : NaN;
    o.decided = quantity;
    o.requested = quantity;
    o.requestedLimit = o.limit;
    o.requestedStop = o.stop;
    o.tif = request?.tif ?? 'gtc';
    o.origin = origin;
    o.decidedAt = decidedAt;
    o.amendedAt = -1;
    o.cashOnly = cashOnly;
    o.triggered = false;
    o.filled = 0;
    o.commission = 0;
    o.lastFillSession = -1;
    o.sessionFilled = 0;
    o.sessionCommission = 0;
    o.cut = 0;
    return o;
  }

  /**
   * A new decision at session t replaces what is left of the previous one's rebalance orders with
   * `planned` (reductions first). A resting rebalance order for the same symbol and direction as
   * a planned one is amended — its remaining quantity becomes the planned one, its requested
   * quantity moves by the same change — rather than cancelled and placed again, so what it has
   * filled and paid stays on it (a per-order commission minimum is paid once, as with a schedule
   * that decides less often). The others end `replaced`; planned orders left over are placed.
   * Returns the planned legs that only repeated a resting order's quantity and whole ask (nothing new
   * decided: its cut, with the fraction a split left on the order, stands), valid until the next call.
   */
  replaceTargetOrders(planned: PlannedOrders, t: number, cashOnly: boolean): ReadonlySet<number> {
    const amend = this.#amend;
    const repeated = this.#repeated;
    repeated.clear();
    const slot = (symbol: number, quantity: number): number => 2 * symbol + (quantity > 0 ? 1 : 0);
    // A flip plans two legs in one direction (close, then open): neither amends.
    for (let k = 0; k < planned.count; k++) {
      const j = slot(planned.symbol[k], planned.quantity[k] + planned.cut[k]);
      amend[j] = amend[j] === 0 ? k + 1 : TWO_LEGS;
    }
    for (const o of this.resting) {
      if (o.origin !== OrderOrigin.targets) continue;
      const j = slot(o.symbol, o.quantity);
      if (amend[j] <= 0) {
        this.end(o, t, OrderEnd.replaced);
        continue;
      }
      const quantity = planned.quantity[amend[j] - 1];
      const cut = planned.cut[amend[j] - 1];
      // What it asks for moves by the change in what is asked (ordered, with a split's fraction, + cut); the same ask again amends nothing.
      const change = quantity + cut - this.#asked(o);
      // The same whole order and the same ask repeat its cut: the fraction a split left on the order is part of what the cash did not
      // cover (95 + 5 across 1:2 rest as 47 (+½) + 2.5; 50 asked again is 47 + 3 — one cut, probe r47a F3).
      if (quantity === o.quantity && change === 0) repeated.add(amend[j] - 1);
      amend[j] = AMENDED;
      o.requested += change;
      if (change !== 0) o.amendedAt = t;
      o.quantity = quantity;
      o.cut = cut;
      o.fractionNumerator = 0;
      o.fractionDenominator = 1;
      o.cashOnly = cashOnly;
      // Amended to a buy cut to nothing: it ends there.
      if (quantity === 0) this.end(o, t, OrderEnd.cash);
    }
    this.dropFinished();
    this.placePlanned(planned, t, cashOnly, (k) => amend[slot(planned.symbol[k], planned.quantity[k] + planned.cut[k])] !== AMENDED);
    for (let k = 0; k < planned.count; k++) amend[slot(planned.symbol[k], planned.quantity[k] + planned.cut[k])] = 0;
    return repeated;
  }

  /**
   * What resting order `o` asks for, in its symbol's current shares: its quantity, the fraction a
   * split left on it and the planner's cut — in a whole-share book snapped to a whole count within
   * a split's binary noise (its fractions are exact rationals held in binary64).
   */
  #asked(o: RestingOrder): number {
    const asked = o.quantity + o.fractionNumerator / o.fractionDenominator + o.cut;
    return this.#whole ? snapWhole(asked) : asked;
  }

  /** Every order resting on `symbol` ends at session t: it left the market (`end`: delisting or data-end), or the strategy withdrew them (withdrawn). */
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
   * Split of `ratio` new shares per old at session t: resting quantities and the cuts the planner
   * made to them (RestingOrder.cut, exactly: splitParts) scale by it, limit and stop prices by its
   * inverse — so a later decision asking for the same holding in the new shares repeats the order
   * and its cut rather than amending it. In whole-share mode the order keeps its exact count (the fraction
   * a split left rides along, engine/accounting/shares.ts splitExact) and rests the whole part of it, rounded
   * toward zero — so across 3:2 then 2:1, +83 rests as +124 (124.5), then +249, not 248. The
   * orders that close the position (`held`: its signed shares before the split) are capped at the
   * whole shares it keeps, an order that opens the other side after them is not
   * (engine/execution/restingSplit.ts splitResting: −15 of 15 across 1:10 sells the 1 share held, and after
   * a further 2:1 the 2, not 3). An order left with no whole share ends (`split`); returned: the
   * signed post-split shares of those orders before any cap (0 when none ended), for the deferral record.
   */
  applySplit(symbol: number, ratio: number, t: number, held: number): number {
    let cancelled = 0;
    const rescale = splitResting(held, ratio, this.#whole);
    for (const o of this.resting) {
      if (o.symbol !== symbol) continue;
      // What the split made of the order before any cap: a sale of all 20 held across 1:25 is −0.8 share, capped to the 0 the position keeps — ended, and recorded as −0.8.
      const asked = (o.quantity + o.fractionNumerator / o.fractionDenominator) * ratio;
      const exact = rescale({ whole: o.quantity, numerator: o.fractionNumerator, denominator: o.fractionDenominator });
      const scaled = exact.whole + exact.numerator / exact.denominator;
      if (this.#whole) {
        o.quantity = exact.whole;
        o.fractionNumerator = exact.numerator;
        o.fractionDenominator = exact.denominator;
      } else o.quantity = scaled;
      const cut = splitParts(o.cut, ratio);
      o.cut = cut.whole + cut.fraction;
      o.limit = pricePerNewShare(o.limit, ratio);
      o.stop = pricePerNewShare(o.stop, ratio);
      if (o.quantity !== 0) continue;
      cancelled += asked;
      this.end(o, t, OrderEnd.split);
    }
    this.dropFinished();
    return cancelled;
  }

  /**
   * The resting orders as requests (a fresh array, for the strategy's book view): each one an order
   * list may send as is and rest as it was. A stop that has triggered is a market order now, and is
   * listed as one (listed as a stop, sent back it waited for its trigger again: probe r53b).
   */
  openOrders(): OrderRequest[] {
    return this.resting.map((o) => {
      const type = o.type === 'stop' && o.triggered ? 'market' : o.type;
      return {
        symbol: this.#symbols[o.symbol],
        quantity: o.quantity,
        type,
        ...(type === 'limit' ? { limit: o.limit } : {}),
        ...(type === 'stop' ? { stop: o.stop } : {}),
        tif: o.tif,
      };
    });
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
    fractionNumerator: 0,
    fractionDenominator: 1,
    type: 'market',
    limit: NaN,
    stop: NaN,
    cut: 0,
    decided: 0,
    requested: 0,
    requestedLimit: NaN,
    requestedStop: NaN,
    tif: 'gtc',
    origin: OrderOrigin.targets,
    decidedAt: 0,
    amendedAt: -1,
    cashOnly: false,
    triggered: false,
    filled: 0,
    commission: 0,
    lastFillSession: -1,
    sessionFilled: 0,
    sessionCommission: 0,
  };
}
