// Whether a Close moved by a split's ratio, judged against the symbol's own daily moves. Yahoo
// sometimes fails to adjust its prices for a split (yfinance's "price repair" wiki: "sometimes
// Yahoo fails to adjust prices on stock split day"; WLL jumps 0.57 → 28 on its 1:49.426 day),
// so a Close that is split-adjusted by definition can still jump by the ratio there; a real price
// move on a split's ex-date (−20.8 % on a 3:2) is far from the ratio. Close moved by the ratio
// when what is left beyond it is within 3 × the mean absolute daily log move of the 20 rows
// before (causal: the rows up to the ex-date), and at least within 3 % (a flat history).

/** Rows before the move whose daily moves set its range. */
const RANGE_ROWS = 20;
/** The residual move may be this multiple of the mean absolute daily move. */
const RANGE_MULTIPLE = 3;
/** … and at least this, in log terms (a flat history has no range). */
export const MIN_RANGE = 0.03;

/**
 * True when Close_hi / Close_{lo−1} (rows lo ≤ hi of `close`, positive prices, lo ≥ 1) is the split
 * `ratio` (new shares per old) times a move within the symbol's daily range: |ln(Close_hi /
 * Close_{lo−1} × ratio)| ≤ max(3 %, 3 × mean |ln(Close_k / Close_{k−1})| over the 20 rows k < lo).
 */
export function movedByRatio(close: ArrayLike<number>, lo: number, hi: number, ratio: number): boolean {
  let sum = 0;
  let n = 0;
  for (let k = Math.max(1, lo - RANGE_ROWS); k < lo; k++, n++) sum += Math.abs(Math.log(close[k] / close[k - 1]));
  const range = Math.max(MIN_RANGE, n === 0 ? 0 : (RANGE_MULTIPLE * sum) / n);
  return Math.abs(Math.log((close[hi] / close[lo - 1]) * ratio)) <= range;
}
