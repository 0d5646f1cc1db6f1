// A book whose value leaves binary64's range (±1.8e308) cannot be accounted: a finite but absurd
// price (Close 1e308, 100 shares held: 1e310 is Infinity) makes NAV Infinity or NaN, and every
// return, drawdown and stored row after it NaN. The replay stops there with the position named.
// Nor can a target be sized at a price so small that its shares are more than a number counts
// exactly (15,000 / 1e-304 = 1.5e308 shares, finite; 5,000 / 5e-324 is Infinity): above 2^53 − 1
// whole shares are not exact, and the fill's value leaves the range. The planner refuses such a
// target with the symbol, price and shares named (unsizableTarget), rather than rejecting the
// decision for a leverage it never asked for or dying in the store on an infinite fill.

import { isoDay } from '../../data/dates.ts';
import { UserError } from '../../data/errors.ts';
import { BEYOND_RANGE, powerOfTen } from '../../data/formats/fields.ts';
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
  const [symbol, shares, price] = worst >= 0 ? [symbols[worst], portfolio.shares[worst], portfolio.mark[worst]] : ['', 0, 0];
  if (!Number.isFinite(shares * price)) throw sharesBeyondRange(symbol, date, shares, price);
  const largest = worst >= 0 ? `; its largest position is ${symbol}, ${shares} shares at ${price}` : '';
  throw new UserError(`on ${date} the book's value (cash ${portfolio.cash}, NAV ${portfolio.nav}) is ${BEYOND_RANGE}${largest} — ${LARGE_PRICE}`);
}

const LARGE_PRICE = 'a price this large is a bad print: correct it in the data or remove the row';

/**
 * The UserError for `shares` of `symbol` at `price` on `date` (ISO) whose value shares × price
 * leaves binary64's range: a position marked there (requireFiniteBook), or an order filled there
 * (engine/execution/broker.ts), which no cash, exposure or store row could hold.
 */
export function sharesBeyondRange(symbol: string, date: string, shares: number, price: number): UserError {
  return new UserError(`${symbol} on ${date}: ${shares} shares at ${price} are worth ${shares * price}, ${BEYOND_RANGE} — ${LARGE_PRICE}`);
}

/** The most shares a book counts: 2^53 − 1, beyond which a whole number of shares is no longer exact in binary64 (Number.MAX_SAFE_INTEGER). */
export const MAX_SHARES = Number.MAX_SAFE_INTEGER;

/** How a refusal names MAX_SHARES. */
export const MAX_SHARES_TEXT = `more than 2^53 − 1 = ${MAX_SHARES.toLocaleString('en-US')}, beyond which whole shares are not exact`;

/**
 * The UserError for a target of symbol `symbol` at a decision on `date` (ISO) that needs more than
 * MAX_SHARES shares: `amount` currency (a weight × NAV, or a value target) at `price` per share,
 * or, with `asked`, that many shares asked for. The message gives the shares as a power of ten,
 * from log10 |amount| − log10 price, so shares beyond binary64's range show too (5,000 at 5e-324:
 * 1.0e327 shares). The fix: below a price of 1, that the price is a bad print; else to ask for less.
 */
export function unsizableTarget(symbol: string, date: string, amount: number, price: number, asked = false): UserError {
  // One decimal of the mantissa; 9.95e325 rounds to 1.0e326, never "10.0e325".
  const { mantissa, power } = powerOfTen(asked ? Math.log10(Math.abs(amount)) : Math.log10(Math.abs(amount)) - Math.log10(price), 1);
  const needed = `${Math.sign(amount) < 0 ? '−' : ''}${mantissa}e${power}`;
  const target = asked ? `a target of ${needed} shares at a price of ${price}` : `a target worth ${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} at a price of ${price} needs ${needed} shares`;
  const fix = asked ? 'ask for fewer shares' : price < 1 ? 'a price this small is a bad print: correct it in the data or remove the row' : 'ask for a smaller target';
  return new UserError(`${symbol} on ${date}: ${target}, ${MAX_SHARES_TEXT} — ${fix}`);
}

/**
 * The UserError for a decision on `date` (ISO) whose target book (`wanted`: signed shares by symbol,
 * each worth shares × `price(i)`) is worth more than binary64 holds (a weight of 1e300, or a price
 * of 1e300): it names the largest target, its shares and price, rather than a leverage breach of
 * Infinity that no store can record. `name(i)`: the symbol of index i.
 */
export function unvaluedBook(date: string, wanted: Float64Array, name: (i: number) => string, price: (i: number) => number): UserError {
  let worst = 0;
  let worstValue = -1;
  for (let i = 0; i < wanted.length; i++) {
    const value = Math.abs(wanted[i] * price(i));
    if (wanted[i] !== 0 && !(value <= worstValue)) [worst, worstValue] = [i, value];
  }
  return new UserError(
    `on ${date} the decision's targets are worth more than a number holds, ${BEYOND_RANGE}: its largest is ${name(worst)}, ${wanted[worst]} shares at ${price(worst)} — ask for a book of finite size, or correct a price this large (a bad print) in the data`,
  );
}
