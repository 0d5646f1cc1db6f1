// Small statistics on typed arrays. NaN is missing and skipped, never read as 0.

/** Quantile p of ascending-sorted values by linear interpolation between order statistics (type 7). */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The finite values, sorted ascending (a fresh array). */
export function sortedFinite(values: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  return out.sort();
}

/**
 * OLS slope of y on x over the pairs where both are present; NaN with fewer than `minPairs`
 * pairs or no variation in x.
 */
export function olsBeta(y: Float64Array, x: Float64Array, minPairs = 2): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < y.length; k++) {
    if (Number.isNaN(x[k]) || Number.isNaN(y[k])) continue;
    n++;
    sx += x[k];
    sy += y[k];
  }
  if (n < Math.max(2, minPairs)) return NaN;
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < y.length; k++) {
    if (Number.isNaN(x[k]) || Number.isNaN(y[k])) continue;
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) * (x[k] - mx);
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

/** Standard deviation (population) of the present values; NaN with fewer than `minCount`. */
export function stdev(values: Float64Array, minCount = 2): number {
  let n = 0;
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    if (Number.isNaN(values[k])) continue;
    n++;
    sum += values[k];
  }
  if (n < Math.max(2, minCount)) return NaN;
  const mean = sum / n;
  let ss = 0;
  for (let k = 0; k < values.length; k++) if (!Number.isNaN(values[k])) ss += (values[k] - mean) ** 2;
  return Math.sqrt(ss / n);
}
