// The sweep page's histogram of the CSCV logits λ (reports/SWEEPS.md "Probability of Backtest
// Overfitting"): its red bars count exactly the combinations PBO counts, λ ≤ 0, and its green bars
// the others, whatever the bins.

/** Bars of the λ histogram: one category per bin, each bin's count in `overfit` (λ ≤ 0) or `notOverfit` (λ > 0), null in the other. */
export interface LogitBins {
  /** Each bin's centre, to as many decimals as its width needs ("-0.042", "0.042"); the value itself for a single bin. */
  readonly categories: string[];
  /** Combinations with λ ≤ 0 per bin (PBO's numerator: Σ = PBO × combinations), null in a bin of λ > 0. */
  readonly overfit: (number | null)[];
  /** Combinations with λ > 0 per bin, null in a bin of λ ≤ 0. */
  readonly notOverfit: (number | null)[];
}

/**
 * About `bins` bins of equal width w = (max − min) / bins over the logits, laid on the grid k·w
 * (k an integer) so that 0 is a bin edge: bin k holds λ in (k·w, (k+1)·w], so a λ of exactly 0 —
 * the in-sample best at the out-of-sample median, which PBO counts as overfit — falls in the bin
 * (−w, 0], red, never in a bin straddling 0 coloured by its centre (probe r72c F3: 186 combinations
 * with λ ≤ 0 shown green in a bin centred at 0.03, red bars 7385 for PBO's 7571). At most bins + 1
 * bins. When every λ is equal there is no width: one bin at that value (probe r72c F4: a fallback
 * width of 1 gave categories 1.80 … 24.80 for N = 6 trials, whose λ is below ln 6 = 1.79).
 * No logits: no bins.
 */
export function logitHistogram(logits: ArrayLike<number>, bins = 24): LogitBins {
  const values = Array.from(logits);
  if (values.length === 0) return { categories: [], overfit: [], notOverfit: [] };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const width = (hi - lo) / bins;
  if (!(width > 0)) {
    const overfit = lo <= 0;
    return { categories: [label(lo, 2)], overfit: [overfit ? values.length : null], notOverfit: [overfit ? null : values.length] };
  }
  // Bin k = ⌈λ/w⌉ − 1 holds (k·w, (k+1)·w]: λ ≤ 0 gives k ≤ −1, λ > 0 gives k ≥ 0 (kept there should λ/w underflow).
  const binOf = (l: number): number => (l > 0 ? Math.max(0, Math.ceil(l / width) - 1) : Math.min(-1, Math.ceil(l / width) - 1));
  const first = binOf(lo);
  const counts = new Array<number>(binOf(hi) - first + 1).fill(0);
  for (const l of values) counts[binOf(l) - first]++;
  const decimals = Math.min(6, Math.max(2, Math.ceil(-Math.log10(width)) + 1));
  const categories = counts.map((_, b) => label((first + b + 0.5) * width, decimals));
  // Bin k < 0 holds only λ ≤ 0, bin k ≥ 0 only λ > 0.
  return {
    categories,
    overfit: counts.map((c, b) => (first + b < 0 ? c : null)),
    notOverfit: counts.map((c, b) => (first + b < 0 ? null : c)),
  };
}

/** A bin's label: `decimals` places, never "-0.00". */
function label(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}
