// How far an adjustment-factor step g = f_{s-1} / f_s (corporateActions.ts) may wobble around 1
// with no event, as of a row. Two sources, and the threshold is the larger of the two:
//   - print resolution: AdjClose = Close × f is printed to some decimals, so f read back from it
//     is off by up to half a unit in the last printed place over the price: a step can be off by
//     0.5 × 10^−d × (1/AdjClose_{s−1} + 1/AdjClose_s), with d the decimals printed (a row whose
//     AdjClose equals its Close is unadjusted, so not rounded: its term is 0). This is large
//     on penny stocks (4 decimals at $0.25: 4e-4) and negligible on prints with 8 significant
//     digits or more. d is the most decimals any AdjClose up to row s shows (a value printed as
//     0.2500 parses as 0.25, so one row's digits understate the file's).
//   - observed wobble: steps with g > 1 cannot come from a dividend, so their spread measures
//     rounding the resolution does not explain (float32 prints, a Close rounded after AdjClose was
//     computed): 3 × their 99th percentile, clamped to [1e-6, 1e-4] (a data error's rise must not
//     widen it without bound).
// Both are causal: a step is judged by the rows up to it, never by later rows (which would let
// data after a decision decide whether an earlier dividend was paid); before any wobble shows,
// prints are taken as exact to their resolution.

const MIN_THRESHOLD = 1e-6;
/** The observed wobble's ceiling; rises above it are data errors, not rounding. */
export const MAX_OBSERVED_WOBBLE = 1e-4;
const NOISE_MULTIPLE = 3;
/** Past this many significant digits a print's resolution is negligible (below 5e-9 of the price) and digits are not counted further. */
const SIGNIFICANT_LIMIT = 1e8;
/** A scaled value this close to a whole number has no further decimal (float error stays below it while under SIGNIFICANT_LIMIT). */
const WHOLE = 1e-7;

/**
 * 10^d for the decimals `x` is printed with (the smallest d at which x · 10^d is whole), at least
 * `scale`; counting stops past SIGNIFICANT_LIMIT, where a print's resolution is negligible. A value
 * printed 0.2500 parses as 0.25: callers keep the most seen over a series' rows.
 */
export function printScale(x: number, scale = 1): number {
  let scaled = x * scale;
  while (scaled < SIGNIFICANT_LIMIT && Math.abs(scaled - Math.round(scaled)) > WHOLE) {
    scale *= 10;
    scaled = x * scale;
  }
  return scale;
}

/** The noise threshold of each step of one AdjClose series, fed row by row in date order. */
export class FactorNoise {
  /** Rises g − 1 of the wrong-way steps seen, ascending. */
  #rises = new Float64Array(64);
  #count = 0;
  /** 10^(most decimals printed in AdjClose so far). */
  #scale = 1;

  /** Take in AdjClose of the next row (before its step is judged: its own print counts). */
  seePrint(adjClose: number): void {
    this.#scale = printScale(adjClose, this.#scale);
  }

  /** Take in step g (after it has been judged). */
  seeStep(g: number): void {
    const rise = g - 1;
    if (!(rise > 0 && rise < MAX_OBSERVED_WOBBLE * 10)) return;
    if (this.#count === this.#rises.length) {
      const grown = new Float64Array(this.#count * 2);
      grown.set(this.#rises);
      this.#rises = grown;
    }
    // Binary search for the insertion point, then shift the tail up by one.
    let lo = 0;
    let hi = this.#count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#rises[mid] <= rise) lo = mid + 1;
      else hi = mid;
    }
    this.#rises.copyWithin(lo + 1, lo, this.#count);
    this.#rises[lo] = rise;
    this.#count++;
  }

  /**
   * The threshold for the step between rows with AdjClose `adjBefore`, `adjAfter` (both seen) and
   * Close `closeBefore`, `closeAfter`. An AdjClose equal to its Close is unadjusted (the factor is
   * exactly 1 from the last event on), so its print adds no rounding.
   */
  threshold(adjBefore: number, adjAfter: number, closeBefore: number, closeAfter: number): number {
    const rounding = (adj: number, close: number): number => (adj === close ? 0 : 1 / adj);
    const resolution = (0.5 / this.#scale) * (rounding(adjBefore, closeBefore) + rounding(adjAfter, closeAfter));
    return Math.max(resolution, this.#observed());
  }

  #observed(): number {
    const n = this.#count;
    if (n === 0) return MIN_THRESHOLD;
    const p99 = this.#rises[Math.min(n - 1, Math.floor(0.99 * n))];
    return Math.min(MAX_OBSERVED_WOBBLE, Math.max(MIN_THRESHOLD, NOISE_MULTIPLE * p99));
  }
}
