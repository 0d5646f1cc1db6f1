// How a split rescales the orders resting on one symbol — one rule for the book that rests them
// (engine/execution/orderBook.ts applySplit) and for the listing that shows them (cli/orderListing.ts).
// An order keeps its exact count through the split (engine/accounting/shares.ts splitExact). Only the orders
// that close the position are capped: a whole-share book pays a position's fraction in cash at
// the split, so what closes it may sell no more than the whole shares it keeps. Which orders close
// it: those against the holding, taking it in book order, each no larger than what earlier ones
// left of it — after a flip's cover has taken the holding, the leg that opens the other side is no
// reduction and keeps its fraction (FFF −15 held, cover +15 then open +13, across 1:4 then 4:1:
// the cover rests +12, as the position keeps −12; the open leg +13, not +12).

import { type ExactShares, splitExact, WHOLE_TOLERANCE } from '../accounting/shares.ts';

/**
 * The rule of one split by `ratio` (new shares per old) of a symbol of which `held` signed shares
 * are held before it: call the returned function with each order resting on that symbol, in book
 * (placement) order, as its exact signed count; it returns the count after the split. In a
 * whole-share book (`wholeShares`) the orders that close the position are together capped at the
 * whole shares it keeps (splitExact(held, 0, 1, ratio).whole), their fraction dropped where a cap
 * applies; a fractional book keeps every count exact (it pays no cash in lieu).
 */
export function splitResting(held: number, ratio: number, wholeShares: boolean): (order: ExactShares) => ExactShares {
  /** Shares of the holding, before the split, that no earlier order closing it has taken. */
  let untaken = Math.abs(held);
  /** Whole shares the position keeps after the split that no earlier closing order has taken. */
  let kept = Math.abs(splitExact(held, 0, 1, ratio).whole);
  return (order) => {
    const exact = splitExact(order.whole, order.numerator, order.denominator, ratio);
    const signed = order.whole + order.numerator / order.denominator;
    if (held === 0 || Math.sign(signed) !== -Math.sign(held)) return exact;
    const size = Math.abs(signed);
    const closes = size <= untaken + WHOLE_TOLERANCE * Math.max(1, untaken);
    untaken = Math.max(0, untaken - size);
    if (!closes) {
      kept = 0;
      return exact;
    }
    if (!wholeShares) return exact;
    const after = Math.abs(exact.whole + exact.numerator / exact.denominator);
    if (after <= kept) {
      kept -= after;
      return exact;
    }
    const capped = Math.trunc(kept);
    kept = 0;
    return { whole: -Math.sign(held) * capped + 0, numerator: 0, denominator: 1 };
  };
}
