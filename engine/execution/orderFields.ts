// The keys an entry of a strategy's order list may have, and the hint for one it may not: an
// order's field read past would change what runs without a word (probe r52b F1: `timeInForce:
// 'day'` ran gtc), so the decision check refuses it and names the field meant.

import { nearestName } from '../../data/nearestName.ts';
import type { CancelRequest, OrderRequest } from './orders.ts';

/** OrderRequest's fields. */
export const ORDER_FIELDS = ['symbol', 'quantity', 'type', 'limit', 'stop', 'tif'] as const satisfies readonly (keyof OrderRequest)[];
/** CancelRequest's fields. */
export const CANCEL_FIELDS = ['symbol', 'cancel'] as const satisfies readonly (keyof CancelRequest)[];

const KNOWN: ReadonlySet<string> = new Set<string>([...ORDER_FIELDS, ...CANCEL_FIELDS]);

/**
 * Other engines' and brokers' names for the fields (zipline's amount, limit_price, stop_price;
 * backtrader's size, exectype; Alpaca's qty, time_in_force): too far from breadth's by edit
 * distance for nearestName to find (timeInForce → tif is 8 edits).
 */
const ALIASES: Readonly<Record<string, (typeof ORDER_FIELDS)[number]>> = {
  amount: 'quantity',
  exectype: 'type',
  limitprice: 'limit',
  ordertype: 'type',
  qty: 'quantity',
  shares: 'quantity',
  size: 'quantity',
  stopprice: 'stop',
  ticker: 'symbol',
  timeinforce: 'tif',
};

/** The first of an order list entry's own keys (`keys`) that no order or cancel has, or undefined. */
export function unknownOrderField(keys: readonly string[]): string | undefined {
  return keys.find((key) => !KNOWN.has(key));
}

/** "timeInForce is not an order field: did you mean tif?", or, with nothing near, the fields an order has. */
export function unknownOrderFieldProblem(key: string): string {
  const near = ALIASES[key.replace(/[_\s-]/g, '').toLowerCase()] ?? nearestName(key, [...KNOWN]);
  const fix = near !== undefined ? `did you mean ${near}?` : `an order has ${ORDER_FIELDS.join(', ')}; a cancel { symbol, cancel: true }`;
  return `${key} is not an order field: ${fix}`;
}
