// History back-adjusted *as of* a decision session using only the events known by then (split and
// dividend ex-dates ≤ t), through the per-symbol corporate-action index of data/adjustedCloses.ts.

import type { AdjustmentIndex } from '../../data/adjustedCloses.ts';
import type { Market } from '../../data/market.ts';

/**
 * Closes of symbol i up to session t, oldest first, back-adjusted to session t's price level with
 * the events known by t (ex-dates ≤ t). Calendar mode (`ownBarsFrom` undefined): sessions
 * t-length+1 .. t, NaN where the symbol has no bar or before the data starts. Own-bars mode
 * (`ownBarsFrom` = the symbol's first session with a close): the symbol's last `length` bars,
 * skipping sessions where it has none (a missing bar is not an observation), NaN-padded at the
 * front when it has fewer.
 */
export function adjustedClosesAsOf(
  market: Market,
  index: AdjustmentIndex,
  i: number,
  t: number,
  length: number,
  out: Float64Array,
  ownBarsFrom?: number,
): Float64Array {
  const n = market.symbols.length;
  const first = index.start[i];
  let e = index.start[i + 1] - 1;
  while (e >= first && index.session[e] > t) e--;
  let factor = 1;
  let k = length - 1;
  for (let s = t; k >= 0 && s >= (ownBarsFrom ?? 0); s--) {
    // Prices before an ex-date session are scaled by that event's factor.
    while (e >= first && index.session[e] > s) factor *= index.priceFactor[e--];
    const p = market.close[s * n + i];
    if (ownBarsFrom !== undefined && Number.isNaN(p)) continue;
    out[k--] = p * factor;
  }
  return out.fill(NaN, 0, k + 1);
}
