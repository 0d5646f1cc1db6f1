// A book whose value leaves binary64's range (±1.8e308) cannot be accounted: a finite but absurd
// price (Close 1e308, 100 shares held: 1e310 is Infinity) makes NAV Infinity or NaN, and every
// return, drawdown and stored row after it NaN. The replay stops there with the position named.
// Nor can a target be sized at a price so small that its shares leave that range (5,000 / 5e-324
// is Infinity shares): the planner refuses it with the symbol, price and shares named
// (unsizableTarget), rather than rejecting the decision for a leverage it never asked for.

import { isoDay } from '../data/dates.ts';
import { UserError } from '../data/errors.ts';
import { BEYOND_RANGE } from '../data/formats/fields.ts';
import type { Portfolio } from './portfolio.ts';

/**
 * Throws a UserError when the book's NAV is not finite at session `t`, naming its date, the position
 * whose value overflowed (shares × mark not finite; else the largest one, whose sum with the rest
 * did), its shares and price; or the cash when no position explains it. Returns at once (one
 * comparison, no allocation) while NAV is finite. `symbols`, `dates`: the market's names by
 * symbol index and epoch days by session.
 */
export function requireFiniteBook(portfolio: Portfolio, symbols: readonly string[], dates: Int32Array, t: number): void {
  if (Number.isFinite(portfolio.nav)) return;
  const date = isoDay(dates[t]);
  let worst = -1;
  let worstValue = -1;
  for (let k = 0; k < portfolio.heldCount; k++) {
    const i = portfolio.heldAt(k);
    const value = Math.abs(portfolio.shares[i] * portfolio.mark[i]);
    if (!(value <= worstValue)) [worst, worstValue] = [i, value];
  }
  const fix = 'a price this large is a bad print: correct it in the data or remove the row';
  const [symbol, shares, price] = worst >= 0 ? [symbols[worst], portfolio.shares[worst], portfolio.mark[worst]] : ['', 0, 0];
  if (!Number.isFinite(shares * price)) {
    throw new UserError(`${symbol} on ${date}: ${shares} shares at ${price} are worth ${shares * price}, ${BEYOND_RANGE} — ${fix}`);
  }
  const largest = worst >= 0 ? `; its largest position is ${symbol}, ${shares} shares at ${price}` : '';
  throw new UserError(`on ${date} the book's value (cash ${portfolio.cash}, NAV ${portfolio.nav}) is ${BEYOND_RANGE}${largest} — ${fix}`);
}

/**
 * The UserError for a target of symbol `symbol` at a decision on `date` (ISO) that asks for
 * shares beyond binary64's range: `amount` currency (a weight × NAV, or a value target) at `price`
 * per share — amount / price is ±Infinity. The message gives the shares it would need as a power
 * of ten, from log10 |amount| − log10 price (5,000 at 5e-324: 1.0e327 shares).
 */
export function unsizableTarget(symbol: string, date: string, amount: number, price: number): UserError {
  const exponent = Math.log10(Math.abs(amount)) - Math.log10(price);
  const power = Math.floor(exponent);
  const needed = `${Math.sign(amount) < 0 ? '−' : ''}${(10 ** (exponent - power)).toFixed(1)}e${power}`;
  return new UserError(
    `${symbol} on ${date}: a target worth ${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} at a price of ${price} needs ${needed} shares, ${BEYOND_RANGE} — a price this small is a bad print: correct it in the data or remove the row`,
  );
}
