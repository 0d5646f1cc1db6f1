// The largest size that fits: the bisection every account cut shares (one fill cut alone,
// AccountGuard.allowed; a session's legs cut together, sessionCut.ts).

/** Bisection steps for fractional sizes: a part in 10¹⁵ of the most is reached well before. */
const FRACTIONAL_STEPS = 80;

/**
 * The largest x in [0, most] for which `fits(x)` holds — a whole number when `whole`, else to a
 * part in 10¹⁵ of `most` — found by bisection on the assumption that the x that fit are an
 * interval from 0 (fits(0) is not asked: 0 is returned when nothing larger fits). `most` itself
 * is tried first; with fractional sizes a smaller answer is never exactly `most`. `most` ≥ 0
 * (whole: a whole number).
 */
export function largestFit(most: number, whole: boolean, fits: (x: number) => boolean): number {
  if (most <= 0 || fits(most)) return Math.max(most, 0);
  let lo = 0;
  if (whole) {
    let hi = most - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  let hi = most;
  for (let k = 0; k < FRACTIONAL_STEPS && hi - lo > most * 1e-15; k++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
