// Walk-forward efficiency (Pardo 2008, The Evaluation and Optimization of Trading Strategies, 2nd
// ed., Wiley, ch. 11): the annualised out-of-sample return over the annualised in-sample return of
// the in-sample optimum — the share of a profitable in-sample return a choice keeps out of sample.
// Pardo defines it for a profitable optimum; over an in-sample return ≤ 0 the ratio reads backwards
// (IS −7.7 %, OOS −17.9 % gives +2.33, "out of sample did 2.3× better" though it lost 2.3× more;
// IS +0.75 % gives −74.8), so it is then null with the reason (probe r64b F2).

/** An efficiency, or null with why (`note`). */
export interface Efficiency {
  readonly value: number | null;
  readonly note: string | null;
}

/** A fraction as a percent with one decimal, as the terminal prints one ("-7.7%"). */
const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * `oos / is` of two annualised returns (fractions: 0.05 is 5 %), `what` naming the in-sample figure
 * in the note ("in-sample annual return", "mean in-sample annual return"). Null with a note when
 * either is missing or `is` ≤ 0 ("in-sample annual return -7.7% ≤ 0: efficiency undefined …").
 */
export function walkForwardEfficiency(oos: number | null, is: number | null, what = 'in-sample annual return'): Efficiency {
  if (is === null || !Number.isFinite(is)) return { value: null, note: `no ${what}: efficiency undefined` };
  if (is <= 0) return { value: null, note: `${what} ${percent(is)} ≤ 0: efficiency undefined (it is the share of a profitable in-sample return kept out of sample)` };
  if (oos === null || !Number.isFinite(oos)) return { value: null, note: 'no out-of-sample annual return: efficiency undefined' };
  return { value: oos / is, note: null };
}
