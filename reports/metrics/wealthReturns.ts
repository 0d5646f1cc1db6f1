// Simple returns of a wealth series (a NAV, an index level) and where they stop meaning anything.
// A return v_t / v_{t−1} − 1 is defined only while the wealth it starts from is positive: from a
// NAV ≤ 0 the ratio flips sign (−20,000 → −40,000 is "+100 %", a loss of 20,000). So the return
// into ruin (the first value ≤ 0, a return ≤ −100 %) is a real loss and stays, and every return
// after it is undefined (NaN), even where the NAV climbs back above 0 — the book it measures was
// ruined. The metrics are measured to the ruin (computeMetrics truncates at its first return ≤ −1).

/**
 * r_t = v_t / v_{t−1} − 1 for t = 1 … T − 1 (length T − 1), a fraction: NaN where either value is
 * missing (NaN or null), and on every row after the first value ≤ 0 (ruin).
 */
export function wealthReturns(values: ArrayLike<number | null>): Float64Array {
  const out = new Float64Array(Math.max(values.length - 1, 0));
  let ruined = false;
  for (let t = 1; t < values.length; t++) {
    const a = values[t - 1] ?? NaN;
    const b = values[t] ?? NaN;
    ruined ||= a <= 0;
    out[t - 1] = ruined ? NaN : b / a - 1;
  }
  return out;
}

/**
 * The returns a metric measures: up to and including the first return ≤ −1 (wealth went to 0 or
 * below: ruin), all of them when there is none. Returns the count of returns measured.
 */
export function returnsToRuin(returns: ArrayLike<number>): number {
  for (let k = 0; k < returns.length; k++) if (returns[k] <= -1) return k + 1;
  return returns.length;
}
