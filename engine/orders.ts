// Orders: what a strategy may ask for explicitly, and the broker's resting-order record.

export type OrderType = 'market' | 'limit' | 'stop';
export type TimeInForce = 'day' | 'gtc';

/** An explicit order from a strategy. Quantity is signed shares: + buy, − sell. */
export interface OrderRequest {
  readonly symbol: string | number;
  readonly quantity: number;
  readonly type?: OrderType;
  /** Limit price (limit orders). */
  readonly limit?: number;
  /** Stop trigger price (stop orders become market orders once triggered). */
  readonly stop?: number;
  /** `gtc` (default) rests until filled or replaced; `day` is cancelled after its first fill session. */
  readonly tif?: TimeInForce;
}

/**
 * Why an order did not fill (fully) on a session; recorded in the result.
 * - no-trade: no price or zero volume on the bar; the order rests.
 * - volume-cap: the participation cap filled part; the rest rests.
 * - price-not-reached: a limit or stop was not reached; the order rests.
 * - no-price: a target named a symbol with no price at the decision (remaining is NaN: it
 *   could not be sized); the holding is left as it is.
 * - expired: a day order's unfilled rest.
 * - cash: a cash account had too little cash for the whole buy (or a sell's commission).
 * - margin-limit: a margin account's gross or net limit, or a short in a cash account.
 * For cash and margin-limit, the rest keeps resting while sells that may fund it still rest;
 * otherwise it is cancelled.
 */
export const Deferral = { noTrade: 0, volumeCap: 1, priceNotReached: 2, noPrice: 3, expired: 4, cash: 5, marginLimit: 6 } as const;
export type Deferral = (typeof Deferral)[keyof typeof Deferral];
export const DEFERRAL_NAMES = ['no-trade', 'volume-cap', 'price-not-reached', 'no-price', 'expired', 'cash', 'margin-limit'] as const;

/** Where an order came from: the planner's net rebalance orders are replaced at each decision. */
export const OrderOrigin = { targets: 0, explicit: 1 } as const;
export type OrderOrigin = (typeof OrderOrigin)[keyof typeof OrderOrigin];

/**
 * A resting order held by the broker. Mutable: splits rescale it, partial fills shrink it, and the
 * broker recycles finished orders for new ones (a monthly rebalance of thousands of names would
 * otherwise allocate thousands of objects a month).
 */
export interface RestingOrder {
  id: number;
  symbol: number;
  /** Remaining signed shares. */
  quantity: number;
  type: OrderType;
  limit: number;
  stop: number;
  tif: TimeInForce;
  origin: OrderOrigin;
  /** Session of the decision that created it. */
  decidedAt: number;
  /** Stop orders: triggered already (then they behave as market orders). */
  triggered: boolean;
}
