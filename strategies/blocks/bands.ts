// Rebalance bands: on a scheduled decision, trade only when some holding has drifted more than
// `band` from its target weight, so small drifts do not pay costs for nothing.

import type { BookView } from '../../engine/strategy.ts';
import type { MarketView } from '../../engine/view.ts';

/** True when every target (and every held name outside the targets) is within `band` of its weight. */
export function withinBand(view: MarketView, book: BookView, targets: Readonly<Record<string, number>>, band: number): boolean {
  const targeted = new Set<number>();
  for (const [symbol, w] of Object.entries(targets)) {
    const i = view.resolve(symbol);
    targeted.add(i);
    if (Math.abs(book.weight(i) - w) > band) return false;
  }
  return book.held().every((i) => targeted.has(i) || Math.abs(book.weight(i)) <= band);
}
