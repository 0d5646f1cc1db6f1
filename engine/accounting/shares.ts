// Whole shares. A share count that went through a split ratio (15 × 0.1) carries float noise
// (1.5000000000000002); snapping to the nearest whole number within a tiny tolerance first keeps
// an exact result exact, and rounding toward zero keeps longs and shorts symmetric.

/** Relative tolerance under which a share count counts as whole. */
export const WHOLE_TOLERANCE = 1e-9;

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
 * A signed share count as its whole part and the fraction of a share beyond it, numerator /
 * denominator — signed like the count (|numerator| < denominator, denominator ≥ 1). A whole-share
 * order resting across splits carries the fraction a split left (engine/execution/orderBook.ts applySplit),
 * so a second split scales the exact count: 83 × 3/2 = 124 + 1/2, × 2 = 249 (not 124 × 2 = 248).
 */
export interface ExactShares {
  whole: number;
  numerator: number;
  denominator: number;
}

/**
 * A share count `whole + numerator / denominator` (signed, see ExactShares) through a split by
 * `ratio`: the scaled count, exactly — with ratio = p/q for the smallest q ≤ 1000 that fits within
 * 1e-9 and every term a safe integer, from integers: N = (|whole|·d + |n|)·p over d·q, whole part
 * ⌊N / (d·q)⌋, the rest reduced by their gcd. Otherwise (a fractional book's count, an odd ratio)
 * the count × ratio, snapped, split at its whole part (denominator 1).
 */
export function splitExact(whole: number, numerator: number, denominator: number, ratio: number): ExactShares {
  const terms = ratioFraction(ratio);
  if (terms !== null && Number.isSafeInteger(whole) && Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator)) {
    const [p, q] = terms;
    const sign = Math.sign(whole) || Math.sign(numerator);
    const over = denominator * q;
    const scaled = (Math.abs(whole) * denominator + Math.abs(numerator)) * p;
    if (Number.isSafeInteger(scaled) && Number.isSafeInteger(over)) {
      const rest = scaled % over;
      const g = gcd(rest, over);
      return { whole: (sign * (scaled - rest)) / over + 0, numerator: (sign * rest) / g + 0, denominator: over / g };
    }
  }
  const after = snapWhole((whole + numerator / denominator) * ratio);
  return { whole: Math.trunc(after) + 0, numerator: after - Math.trunc(after), denominator: 1 };
}

/** Greatest common divisor of two non-negative safe integers (gcd(0, b) = b). */
function gcd(a: number, b: number): number {
  while (a !== 0) [a, b] = [b % a, a];
  return b;
}

/**
 * A whole share count `shares` (signed) through a split by `ratio`, as its whole part and the
 * fraction of a share left, both signed like the position — the decimal values themselves, not
 * the noise of shares × ratio in binary64 (1,666 × 0.1 = 166.60000000000002; here 166 and 0.6):
 * splitExact of the count, its fraction as one number.
 */
export function splitParts(shares: number, ratio: number): { whole: number; fraction: number } {
  const { whole, numerator, denominator } = splitExact(shares, 0, 1, ratio);
  return { whole, fraction: numerator / denominator };
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
