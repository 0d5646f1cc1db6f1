// Weighting schemes over a set of member symbols. Each returns a full-length Float64Array of
// NAV weights summing to `total` over the members that qualify, 0 elsewhere (0 = not held, the
// planner's convention). A member whose input is missing (NaN) or not positive gets no weight;
// when no member qualifies the book is empty rather than a division by zero.

/** Weights ∝ `size(i)` over members where it is a positive finite number. */
export function proportional(
  members: ArrayLike<number>,
  n: number,
  size: (i: number) => number,
  total = 1,
  out = new Float64Array(n),
): Float64Array {
  out.fill(0);
  let sum = 0;
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    const s = size(i);
    if (s > 0 && Number.isFinite(s)) {
      out[i] = s;
      sum += s;
    }
  }
  if (sum > 0) for (let k = 0; k < members.length; k++) out[members[k]] *= total / sum;
  return out;
}

/** 1/m on each of m members. */
export function equal(members: ArrayLike<number>, n: number, total = 1): Float64Array {
  return proportional(members, n, () => 1, total);
}

/** ∝ market cap: the cap-weighted index of the members. */
export function cap(members: ArrayLike<number>, marketCaps: Float64Array, total = 1): Float64Array {
  return proportional(members, marketCaps.length, (i) => marketCaps[i], total);
}

/** ∝ marketCap^alpha: alpha = 1 is cap weight, 0 equal weight, in between tilts toward small names. */
export function capPower(members: ArrayLike<number>, marketCaps: Float64Array, alpha: number, total = 1): Float64Array {
  return proportional(members, marketCaps.length, (i) => (marketCaps[i] > 0 ? marketCaps[i] ** alpha : NaN), total);
}

/** ∝ 1 / volatility: calmer names get more. */
export function inverseVol(members: ArrayLike<number>, volatility: Float64Array, total = 1): Float64Array {
  return proportional(members, volatility.length, (i) => 1 / volatility[i], total);
}

/** ∝ positive scores: members scoring ≤ 0 get nothing. */
export function score(members: ArrayLike<number>, scores: Float64Array, total = 1): Float64Array {
  return proportional(members, scores.length, (i) => scores[i], total);
}

/**
 * Weighting schemes over member symbols (indices into the market's symbols): `proportional`,
 * `equal`, `cap`, `capPower`, `inverseVol` and `score`. Each returns a full-length Float64Array of
 * NAV weights summing to `total` (default 1) over the members whose input is a positive finite
 * number, 0 elsewhere; when none qualifies, all 0 (an empty book, not a division by zero).
 */
export const weights = { proportional, equal, cap, capPower, inverseVol, score };
