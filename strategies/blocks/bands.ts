// Rebalance bands: on a scheduled decision, trade only when some holding has drifted more than
// `band` from its target weight, so small drifts do not pay costs for nothing.

import type { BookView } from '../../engine/strategy.ts';
import type { MarketView } from '../../engine/decisions/view.ts';

/**
 * True when every target (and every held name outside the targets) is within `band` of its weight.
 * A target on a symbol not present at the decision (not listed yet, or gone) and not held is left
 * out: nothing can trade it now, and its standing target waits for its first price in the engine —
 * were it counted, a sleeve that cannot trade would re-issue every other sleeve's target at every
 * decision, trading drifts inside the band (size-tilt's SPY trimmed 84 times while IWM had no price).
 */
export function withinBand(view: MarketView, book: BookView, targets: Readonly<Record<string, number>>, band: number): boolean {
  const targeted = new Set<number>();
  for (const [symbol, w] of Object.entries(targets)) {
    const i = view.resolve(symbol);
    targeted.add(i);
    if (!view.present(i) && book.weight(i) === 0) continue;
    if (Math.abs(book.weight(i) - w) > band) return false;
  }
  return book.held().every((i) => targeted.has(i) || Math.abs(book.weight(i)) <= band);
}
