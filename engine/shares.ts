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
