// Single-session moves that revert: bad prints (a price quoted in cents, a lost decimal point)
// and corporate actions a price source did not carry. In ../shared/data, DEN's adjusted close
// flips between 0.03 and 48.6 from one bar to the next; an equal-weight book that holds it
// reports 119.9 % volatility and a +66 % best day from that alone.
//
// Rule: bar r is flagged when its close is at least REVERSAL_FACTOR times the previous bar's
// (or at most 1/REVERSAL_FACTOR of it) and the next bar takes back at least REVERSAL_SHARE of
// that move, in log terms: |ln(c[r+1] / c[r-1])| ≤ (1 − REVERSAL_SHARE) · |ln(c[r] / c[r-1])|,
// with c[r+1] on the other side of c[r]. A real ×3 move in one session that holds is not
// flagged; neither is one that the next bar only partly undoes. Bars are a symbol's own
// consecutive bars (a gap of missing sessions between them does not matter).

export const REVERSAL_FACTOR = 3;
export const REVERSAL_SHARE = 0.75;

export interface Reversal {
  /** Row of the jump in the series. */
  readonly row: number;
  /** close[row] / close[row - 1]. */
  readonly ratio: number;
}

/** The single-bar moves of a close series that revert at the next bar. */
export function findReversals(close: ArrayLike<number>): Reversal[] {
  const found: Reversal[] = [];
  const threshold = Math.log(REVERSAL_FACTOR);
  for (let r = 1; r + 1 < close.length; r++) {
    const move = Math.log(close[r] / close[r - 1]);
    if (!(Math.abs(move) >= threshold)) continue;
    const back = Math.log(close[r + 1] / close[r]);
    const net = Math.log(close[r + 1] / close[r - 1]);
    if (Math.sign(back) === -Math.sign(move) && Math.abs(net) <= (1 - REVERSAL_SHARE) * Math.abs(move)) found.push({ row: r, ratio: close[r] / close[r - 1] });
  }
  return found;
}
