// Winsorize: clamp values to the `tail` and `1 − tail` quantiles of the finite values (linear
// interpolation), so a few extreme ratios cannot dominate a z-score. ±Infinity (a ratio over a
// zero denominator of known sign) lands on the matching bound. NaN stays NaN.

import { sortedFinite, sortedQuantile } from './stats.ts';

/**
 * Clamps `values` to their `tail` and `1 − tail` quantiles over the finite values (linear
 * interpolation between order statistics, Hyndman & Fan type 7), so a few extreme ratios cannot
 * dominate a z-score. ±Infinity lands on the matching bound; NaN stays NaN; with no finite value
 * each value is kept. Written into `out` (a new array by default; may be `values`) and returned.
 * @throws RangeError when `tail` is not in [0, 0.5).
 */
export function winsorize(values: Float64Array, tail: number, out: Float64Array = new Float64Array(values.length)): Float64Array {
  if (!(tail >= 0 && tail < 0.5)) throw new RangeError(`winsorize tail must be in [0, 0.5), got ${tail}`);
  const sorted = sortedFinite(values);
  const lo = sortedQuantile(sorted, tail);
  const hi = sortedQuantile(sorted, 1 - tail);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) out[i] = NaN;
    else if (sorted.length === 0) out[i] = x;
    else out[i] = x < lo ? lo : x > hi ? hi : x;
  }
  return out;
}
