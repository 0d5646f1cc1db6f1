// Moves that revert: a single session's jump that the price takes back a few bars later. They are
// bad prints (a price quoted in cents, a lost decimal point) or corporate actions a price source
// did not carry. In ../shared/data, DEN's close flips between about 0.03 and 48.6 again and
// again; an equal-weight book that holds it reports 119.9 % volatility and a +66 % best day from
// that alone.
//
// Rule: the bar at row r is a flagged move when its close is at least REVERSAL_FACTOR times the
// previous bar's (or at most 1/REVERSAL_FACTOR of it), and within the next REVERSAL_BARS bars
// the close comes back: |ln(c[r+k] / c[r-1])| ≤ (1 − REVERSAL_SHARE) · |ln(c[r] / c[r-1])| for
// some k. The move is known to revert at the close of bar r+k (the first such k), never earlier.
// A real ×3 move that holds is not flagged; neither is one only partly undone. Bars are a
// symbol's own consecutive bars (missing sessions between them do not matter).

export const REVERSAL_FACTOR = 3;
export const REVERSAL_SHARE = 0.75;
export const REVERSAL_BARS = 10;
const NEAR_FACTOR = REVERSAL_FACTOR * 0.99;

export interface Reversal {
  /** Row of the jump in the series. */
  readonly row: number;
  /** Row of the bar that takes it back (row < backRow ≤ row + REVERSAL_BARS). */
  readonly backRow: number;
  /** close[row] / close[row - 1] (Infinity, a subnormal or 0 for a move of more than 308 powers of ten). */
  readonly ratio: number;
}

/**
 * The single-session moves of a close series (positive, normal prices: the loaders refuse others)
 * that revert within REVERSAL_BARS bars. Moves are differences of logs, ln c[r] − ln c[r−1], never
 * a quotient: 1e10 after a bad print of 1e-300 is a quotient of 1e310, beyond binary64, which read
 * as an infinite move that any later close "took back" — a second, phantom move.
 */
export function findReversals(close: ArrayLike<number>): Reversal[] {
  const found: Reversal[] = [];
  const threshold = Math.log(REVERSAL_FACTOR);
  for (let r = 1; r < close.length; r++) {
    // Most bars move far less than ×3: skip them without a logarithm (a quotient inside the band
    // cannot have overflowed; the margin keeps the exact test below the only judge near the threshold).
    const ratio = close[r] / close[r - 1];
    if (ratio < NEAR_FACTOR && ratio > 1 / NEAR_FACTOR) continue;
    const before = Math.log(close[r - 1]);
    const move = Math.log(close[r]) - before;
    if (!(Math.abs(move) >= threshold)) continue;
    const end = Math.min(close.length - 1, r + REVERSAL_BARS);
    for (let k = r + 1; k <= end; k++) {
      if (Math.abs(Math.log(close[k]) - before) <= (1 - REVERSAL_SHARE) * Math.abs(move)) {
        found.push({ row: r, backRow: k, ratio });
        break;
      }
    }
  }
  return found;
}
