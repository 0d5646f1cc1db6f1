// Orders still resting when the run ended: the part of the book they asked for and the run did
// not reach. Sales and purchases are said apart — a switch's sale and purchase are one move of
// the book, so their sum (200 % of NAV for a switch of the whole book) would overstate the gap —
// each with its symbols and whether it would have gone short or covered one.

import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, listSymbols, money, pct, severityBySize } from './caveats.ts';

/** An order resting at the run's end: its symbol, remaining signed shares, and the signed shares held of that symbol then. */
export interface OpenOrder {
  readonly symbol: number;
  readonly quantity: number;
  readonly held: number;
}

/** What the caveat reads of a run: its last session of `market`, its final NAV, and the orders resting then. */
export interface OpenOrders {
  readonly market: Market;
  readonly last: number;
  readonly finalNav: number;
  readonly openAtEnd: readonly OpenOrder[];
}

/**
 * The open-orders caveat: the remaining shares of the orders still open at the run's end, valued
 * at each symbol's last close (currency), sales and purchases apart, each with its symbols, what
 * it would have done to a short (against the shares held at the end) and its share of the final
 * NAV — e.g. "2 orders still open at the run's end, unfilled: a sale of 3,000 (BBB, opening a
 * short; 30.0% of the final NAV) and a purchase of 5,000 (AAA, covering a short; 50.0%) — the
 * book did not reach them". Size and severity (medium above 1 %, high above 5 %) by the larger
 * side: the share of the book out of place. None when no order was open.
 */
export function openOrdersCaveats(r: OpenOrders): Caveat[] {
  if (r.openAtEnd.length === 0) return [];
  const sales = r.openAtEnd.filter((o) => o.quantity < 0);
  const purchases = r.openAtEnd.filter((o) => o.quantity > 0);
  const value = (orders: readonly OpenOrder[]): number =>
    orders.reduce((sum, o) => {
      const v = Math.abs(o.quantity * lastClose(r.market, o.symbol, r.last));
      return Number.isFinite(v) ? sum + v : sum;
    }, 0);
  const share = (v: number): number => (r.finalNav > 0 ? v / r.finalNav : Infinity);
  const sold = value(sales);
  const bought = value(purchases);
  // "of the final NAV" once, after the first figure.
  const side = (orders: readonly OpenOrder[], noun: string, v: number, first: boolean): string => {
    const names = listSymbols([...new Set(orders.map((o) => r.market.symbols[o.symbol]))]);
    const shorts = shortsSaid(r.market, orders);
    return `${orders.length === 1 ? `a ${noun}` : `${orders.length} ${noun}s`} of ${money(v)} (${names}${shorts}; ${pct(share(v))}${first ? ' of the final NAV' : ''})`;
  };
  const sides: string[] = [];
  if (sales.length > 0) sides.push(side(sales, 'sale', sold, true));
  if (purchases.length > 0) sides.push(side(purchases, 'purchase', bought, sides.length === 0));
  const size = Math.max(share(sold), share(bought));
  const severity = severityBySize(size, 0.05, 0.01);
  const names = [...new Set(r.openAtEnd.map((o) => r.market.symbols[o.symbol]))];
  const n = r.openAtEnd.length;
  const message = `${n} order${n === 1 ? '' : 's'} still open at the run's end, unfilled: ${sides.join(' and ')} — the book did not reach ${n === 1 ? 'it' : 'them'}`;
  return [caveat('open-orders', severity, message, { value: size, unit: 'nav-share' }, names)];
}

/**
 * What orders of one side would do to a short, against the shares held at the end: for one order
 * ", opening a short" (a sale from none), ", adding to a short", ", selling a long and opening a
 * short" (a sale past the long), ", covering a short", ", covering a short and opening a long";
 * for several, the symbols of those that sell short or cover (" — CCC, DDD selling short");
 * empty when none does.
 */
function shortsSaid(market: Market, orders: readonly OpenOrder[]): string {
  const sale = orders[0].quantity < 0;
  // Sales that leave a short; purchases from a short.
  const touching = orders.filter((o) => (sale ? o.held + o.quantity < 0 : o.held < 0));
  if (touching.length === 0) return '';
  if (orders.length > 1) {
    const names = [...new Set(touching.map((o) => market.symbols[o.symbol]))];
    return ` — ${listSymbols(names)} ${sale ? 'selling short' : names.length === 1 ? 'covering a short' : 'covering shorts'}`;
  }
  const { held, quantity } = orders[0];
  if (sale) return held > 0 ? ', selling a long and opening a short' : held < 0 ? ', adding to a short' : ', opening a short';
  return held + quantity > 0 ? ', covering a short and opening a long' : ', covering a short';
}

/** Symbol i's last close on or before session t (NaN when it has none). */
function lastClose(m: Market, i: number, t: number): number {
  const n = m.symbols.length;
  for (let s = t; s >= 0; s--) if (!Number.isNaN(m.close[s * n + i])) return m.close[s * n + i];
  return NaN;
}
