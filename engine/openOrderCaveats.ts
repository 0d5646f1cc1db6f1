// Orders still resting when the run ended: the part of the book they asked for and the run did
// not reach. Sales and purchases are said apart — a switch's sale and purchase are one move of
// the book, so their sum (200 % of NAV for a switch of the whole book) would overstate the gap.

import type { Market } from '../data/market.ts';
import { type Caveat, caveat, listSymbols, money, pct, severityBySize } from './caveats.ts';

/** What the caveat reads of a run: its last session of `market`, its final NAV, and the orders resting then (symbol, remaining signed shares). */
export interface OpenOrders {
  readonly market: Market;
  readonly last: number;
  readonly finalNav: number;
  readonly openAtEnd: readonly { readonly symbol: number; readonly quantity: number }[];
}

/**
 * The open-orders caveat: the remaining shares of the orders still open at the run's end, valued
 * at each symbol's last close (currency), sales and purchases apart, each as a share of the final
 * NAV — e.g. "2 orders still open at the run's end (AAA, BBB), unfilled: a sale of 10,000 (100.0%
 * of the final NAV) and a purchase of 10,000 (100.0%) — the book did not reach them". Size and
 * severity (medium above 1 %, high above 5 %) by the larger side: the share of the book out of
 * place. None when no order was open.
 */
export function openOrdersCaveats(r: OpenOrders): Caveat[] {
  if (r.openAtEnd.length === 0) return [];
  let sold = 0;
  let bought = 0;
  let sales = 0;
  let purchases = 0;
  for (const o of r.openAtEnd) {
    const value = Math.abs(o.quantity * lastClose(r.market, o.symbol, r.last));
    if (o.quantity < 0) sales++;
    else purchases++;
    if (!Number.isFinite(value)) continue;
    if (o.quantity < 0) sold += value;
    else bought += value;
  }
  const share = (value: number): number => (r.finalNav > 0 ? value / r.finalNav : Infinity);
  // "of the final NAV" once, after the first figure.
  const side = (count: number, noun: string, value: number, first: boolean): string =>
    `${count === 1 ? `a ${noun}` : `${count} ${noun}s`} of ${money(value)} (${pct(share(value))}${first ? ' of the final NAV' : ''})`;
  const sides: string[] = [];
  if (sales > 0) sides.push(side(sales, 'sale', sold, true));
  if (purchases > 0) sides.push(side(purchases, 'purchase', bought, sides.length === 0));
  const size = Math.max(share(sold), share(bought));
  const severity = severityBySize(size, 0.05, 0.01);
  const names = [...new Set(r.openAtEnd.map((o) => r.market.symbols[o.symbol]))];
  const n = r.openAtEnd.length;
  const message = `${n} order${n === 1 ? '' : 's'} still open at the run's end (${listSymbols(names)}), unfilled: ${sides.join(' and ')} — the book did not reach ${n === 1 ? 'it' : 'them'}`;
  return [caveat('open-orders', severity, message, { value: size, unit: 'nav-share' }, names)];
}

/** Symbol i's last close on or before session t (NaN when it has none). */
function lastClose(m: Market, i: number, t: number): number {
  const n = m.symbols.length;
  for (let s = t; s >= 0; s--) if (!Number.isNaN(m.close[s * n + i])) return m.close[s * n + i];
  return NaN;
}
