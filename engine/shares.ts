// Whole shares. A share count that went through a split ratio (15 × 0.1) carries float noise
// (1.5000000000000002); snapping to the nearest whole number within a tiny tolerance first keeps
// an exact result exact, and rounding toward zero keeps longs and shorts symmetric.

/** Relative tolerance under which a share count counts as whole. */
const WHOLE_TOLERANCE = 1e-9;

/** `x` snapped to the nearest whole number when within tolerance of one, else `x`. */
export function snapWhole(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= WHOLE_TOLERANCE * Math.max(1, Math.abs(x)) ? nearest : x;
}

/** Whole shares: `x` snapped when within tolerance of a whole number, else rounded toward zero. */
export function roundShares(x: number): number {
  return Math.trunc(snapWhole(x));
}

/** Largest denominator q of a split ratio p/q read as a fraction (1:10 → 1/10, 3:2 → 3/2, 1:3 → 1/3). */
const MAX_SPLIT_DENOMINATOR = 1000;

/**
 * A whole share count `shares` (signed) through a split by `ratio`, as its whole part and the
 * fraction of a share left, both signed like the position — the decimal values themselves, not
 * the noise of shares × ratio in binary64 (1,666 × 0.1 = 166.60000000000002; here 166 and 0.6).
 * With ratio = p/q for the smallest q ≤ 1000 that fits within 1e-9, they come from integers:
 * ⌊|shares|·p / q⌋ and (|shares|·p mod q) / q. Otherwise (a non-whole count, an odd ratio)
 * shares × ratio, snapped, split at its whole part.
 */
export function splitParts(shares: number, ratio: number): { whole: number; fraction: number } {
  const fraction = ratioFraction(ratio);
  if (Number.isSafeInteger(shares) && fraction !== null) {
    const [p, q] = fraction;
    const numerator = Math.abs(shares) * p;
    if (Number.isSafeInteger(numerator)) {
      const rest = numerator % q;
      return { whole: (Math.sign(shares) * (numerator - rest)) / q + 0, fraction: (Math.sign(shares) * rest) / q + 0 };
    }
  }
  const after = snapWhole(shares * ratio);
  return { whole: Math.trunc(after) + 0, fraction: after - Math.trunc(after) };
}

/** A split ratio as whole terms [p, q] (p new shares per q old) for the smallest q ≤ 1000 that fits within 1e-9; null when none does. */
export function ratioFraction(ratio: number): [number, number] | null {
  for (let q = 1; q <= MAX_SPLIT_DENOMINATOR; q++) {
    const p = Math.round(ratio * q);
    if (p > 0 && Math.abs(ratio * q - p) <= WHOLE_TOLERANCE * p) return [p, q];
  }
  return null;
}

/** Significant digits a price keeps through a split: beyond any printed price, above binary noise (~16). */
const PRICE_DIGITS = 12;

/**
 * A price per old share as a price per new share after a split by `ratio` (limit and stop prices,
 * marks, average costs): price × q / p for ratio = p/q, to 12 significant digits. price / ratio
 * carries binary noise (3.8 / 0.2 = 18.999999999999996), and a limit a hair above or below a bar's
 * printed low or high would miss a level the bar touched; 12 digits keep every printed price
 * exact and move a computed one by at most 5e-13 of itself.
 */
export function pricePerNewShare(price: number, ratio: number): number {
  const fraction = ratioFraction(ratio);
  const exact = fraction === null ? price / ratio : (price * fraction[1]) / fraction[0];
  return Number.isFinite(exact) ? Number(exact.toPrecision(PRICE_DIGITS)) : exact;
}
