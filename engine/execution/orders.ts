// Orders: what a strategy may ask for explicitly, and the broker's resting-order record.

/** An explicit order's type: `market` (the default), `limit` (at the limit price or better) or `stop` (a market order once the stop price is reached); no stop-limit. */
export type OrderType = 'market' | 'limit' | 'stop';
/** How long an explicit order rests: `gtc` (the default: until it fills, its symbol leaves, the run ends or the strategy withdraws it) or `day` (cancelled after its first fill session). */
export type TimeInForce = 'day' | 'gtc';

/**
 * An explicit order from a strategy: these fields and no others (an unknown key, a limit price on
 * an order that is not a limit order or a stop price on one that is not a stop order is refused as
 * the strategy's fault, engine/decisions/decisionCheck.ts). Quantity is signed shares: + buy, − sell.
 */
export interface OrderRequest {
  /** The symbol's name (or role, '@smallCap'), or its index in MarketView.symbols. */
  readonly symbol: string | number;
  /** Signed shares (negative sells); in a whole-share run rounded toward zero (float noise snapped), as targets are. */
  readonly quantity: number;
  /** `market` (default), `limit` or `stop`; breadth has no stop-limit orders. */
  readonly type?: OrderType;
  /** Limit price, currency per share: a limit order's only, and required there (> 0). */
  readonly limit?: number;
  /** Stop trigger price, currency per share: a stop order's only, and required there (> 0); once triggered it fills as a market order. */
  readonly stop?: number;
  /**
   * `gtc` (default) rests until it fills, its symbol leaves the market, the run ends or the
   * strategy withdraws it (CancelRequest) — a later decision does not replace it, so the same gtc
   * order sent again rests beside the first; `day` is cancelled after its first fill session.
   */
  readonly tif?: TimeInForce;
}

/**
 * In a strategy's list of orders: withdraw every order resting on `symbol` (explicit ones, and a
 * rebalance order an earlier target decision left resting), before the same decision's new orders
 * are placed — wherever it stands in the list. Each is recorded as `cancelled` (with some filled,
 * `partially-filled`), reason `withdrawn`. Nothing resting on the symbol: nothing to do.
 */
export interface CancelRequest {
  /** The symbol's name (or role), or its index in MarketView.symbols. */
  readonly symbol: string | number;
  readonly cancel: true;
}

/**
 * Why an order did not fill (fully) on a session; recorded in the result.
 * - no-trade: no price or zero volume on the bar; the order rests.
 * - volume-cap: the participation cap filled part; the rest rests.
 * - price-not-reached: a limit or stop was not reached; the order rests.
 * - no-price: a target named a symbol with no price at the decision (remaining is NaN: it
 *   could not be sized); the holding is left as it is. One row per decision and symbol, on the
 *   decision's session, however many sessions the target then waits: the caveat counts targets.
 * - expired: a day order's unfilled rest.
 * - cash: a cash account had too little cash for the whole buy (or a sell's commission), or a
 *   margin account for a buy of a plan that asked for no leverage (a cash-only order) — at the
 *   fill, or at the decision for a buy share or value targets asked for whose costs the cash would
 *   not cover (the planner cut it: remaining is the cut, PlannedOrders.cut).
 * - margin-limit: a margin account's gross or net limit.
 * - no-shorts: a sell past the holding in a cash account, which does not short (cut at the
 *   holding); runs stored before it say margin-limit.
 * - delisted / data-end: a target or order named a symbol after it was delisted, or after its
 *   data ended (remaining is NaN for a target, the order's shares for an order, which is cancelled).
 * - split: a split left a resting order less than one whole share (remaining: the fraction, in
 *   post-split shares); it is cancelled.
 * For cash, margin-limit and no-shorts, the rest keeps resting while sells that may fund it still rest;
 * otherwise it is cancelled.
 */
export const Deferral = { noTrade: 0, volumeCap: 1, priceNotReached: 2, noPrice: 3, expired: 4, cash: 5, marginLimit: 6, delisted: 7, dataEnd: 8, split: 9, noShorts: 10 } as const;
export type Deferral = (typeof Deferral)[keyof typeof Deferral];
/** Deferral's names, by its code (Deferral.volumeCap = 1 → 'volume-cap'): why an order did not fill on a session. */
export const DEFERRAL_NAMES = ['no-trade', 'volume-cap', 'price-not-reached', 'no-price', 'expired', 'cash', 'margin-limit', 'delisted', 'data-end', 'split', 'no-shorts'] as const;

/** Where an order came from: the planner's net rebalance orders are replaced at each decision. */
export const OrderOrigin = { targets: 0, explicit: 1 } as const;
export type OrderOrigin = (typeof OrderOrigin)[keyof typeof OrderOrigin];
/** OrderOrigin's names, by its code: `targets` (the planner's rebalance order) or `explicit` (the strategy's own). */
export const ORDER_ORIGIN_NAMES = ['targets', 'explicit'] as const;
/** The order types, by their code in Orders.type: market, limit, stop. */
export const ORDER_TYPE_NAMES = ['market', 'limit', 'stop'] as const satisfies readonly OrderType[];
/** The times in force, by their code in Orders.tif: day, gtc. */
export const TIF_NAMES = ['day', 'gtc'] as const satisfies readonly TimeInForce[];

/**
 * How an order ended (every order ends one way; see OrderStatus for what it says about the fill):
 * - filled: every share filled.
 * - replaced: a new decision's targets replaced the previous decision's rebalance orders.
 * - delisting / data-end: its symbol was delisted, or its data ended (the position was closed).
 * - ruin: NAV fell to zero or below; every order was cancelled.
 * - cash / margin-limit / no-shorts: the account cut it at a fill (no-shorts: a cash account's sell
 *   past the holding) and no sell that could fund it still rested;
 *   cash also: the planner cut the buy a share or value target asked for to the cash (RestingOrder.cut).
 * - day-end: a day order's session ended.
 * - split: a split rounded what was left to zero whole shares.
 * - run-end: still resting when the run ended.
 * - withdrawn: the strategy cancelled it (CancelRequest).
 */
export const OrderEnd = { filled: 0, replaced: 1, delisting: 2, dataEnd: 3, ruin: 4, cash: 5, marginLimit: 6, dayEnd: 7, split: 8, runEnd: 9, noShorts: 10, withdrawn: 11 } as const;
export type OrderEnd = (typeof OrderEnd)[keyof typeof OrderEnd];
/** OrderEnd's names, by its code (OrderEnd.dataEnd = 3 → 'data-end'): how an order ended. */
export const ORDER_END_NAMES = ['filled', 'replaced', 'delisting', 'data-end', 'ruin', 'cash', 'margin-limit', 'day-end', 'split', 'run-end', 'no-shorts', 'withdrawn'] as const;

/**
 * An order's final status: `filled` (all of it), `partially-filled` (some; its end says why the
 * rest did not), or, with nothing filled, `cancelled` (replaced, delisting, data-end, ruin, split, withdrawn),
 * `expired` (day-end), `rejected` (the account refused it: cash, margin-limit, no-shorts) or `open` (run-end).
 */
export const OrderStatus = { filled: 0, partiallyFilled: 1, cancelled: 2, expired: 3, rejected: 4, open: 5 } as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];
/** OrderStatus's names, by its code (OrderStatus.partiallyFilled = 1 → 'partially-filled'). */
export const ORDER_STATUS_NAMES = ['filled', 'partially-filled', 'cancelled', 'expired', 'rejected', 'open'] as const;

/** The status of an order that ended with `end` after filling `filled` shares. */
export function orderStatus(end: OrderEnd, filled: number): OrderStatus {
  if (end === OrderEnd.filled) return OrderStatus.filled;
  if (filled !== 0) return OrderStatus.partiallyFilled;
  if (end === OrderEnd.dayEnd) return OrderStatus.expired;
  if (end === OrderEnd.cash || end === OrderEnd.marginLimit || end === OrderEnd.noShorts) return OrderStatus.rejected;
  if (end === OrderEnd.runEnd) return OrderStatus.open;
  return OrderStatus.cancelled;
}

/**
 * A resting order held by the broker. Mutable: splits rescale it, partial fills shrink it, and the
 * broker recycles finished orders for new ones (a monthly rebalance of thousands of names would
 * otherwise allocate thousands of objects a month).
 */
export interface RestingOrder {
  id: number;
  symbol: number;
  /** Remaining signed shares (whole in a whole-share run: what the book can trade). */
  quantity: number;
  /**
   * Whole-share runs: the fraction of a share beyond `quantity` that splits left while it rested,
   * numerator / denominator (signed like quantity; 0 / 1 when none). Not tradeable, but carried:
   * the next split scales quantity + fraction, so the order asks for trunc(decided × Π ratios − filled).
   */
  fractionNumerator: number;
  fractionDenominator: number;
  type: OrderType;
  limit: number;
  stop: number;
  tif: TimeInForce;
  origin: OrderOrigin;
  /** Session of the decision that created it. */
  decidedAt: number;
  /** Session of the last decision that amended it (OrderBook.replaceTargetOrders), −1 when none. */
  amendedAt: number;
  /** From a plan that asked for no leverage (long only, net ≤ 1): a buy spends only the cash there, in a margin account too. */
  cashOnly: boolean;
  /** Stop orders: triggered already (then they behave as market orders). */
  triggered: boolean;
  /**
   * Shares the planner cut off this buy for the cash (PlannedOrders.cut: share and value targets
   * whose costs the cash would not cover; 0 when none), in the symbol's current shares (a split
   * rescales it as it does `quantity`, whose fraction in a whole-share book is cut as well: 95 + 5
   * across 1:2 rest as 47 (+½) + 2.5, 3 shares short of its ask of 50); counted in `requested` as
   * decided, never ordered. An order
   * with a cut ends `cash` (partially-filled, or rejected with nothing filled).
   */
  cut: number;
  /** Signed shares as first decided: never amended or rescaled (recorded for amended orders, whose `requested` moved). */
  decided: number;
  /** Signed shares, limit and stop as decided — shares as last amended (a split rescales quantity, limit and stop, not these). */
  requested: number;
  requestedLimit: number;
  requestedStop: number;
  /** Signed shares filled so far, as traded (a split does not rescale them). */
  filled: number;
  /** Commission paid so far (currency). */
  commission: number;
  /** The last session it filled on (−1 before its first fill), and what it filled and paid then. */
  lastFillSession: number;
  sessionFilled: number;
  sessionCommission: number;
}
