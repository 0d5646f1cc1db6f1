// Cross-sectional ranks: 1 for the smallest value, ties share the average of their ranks,
// NaN (missing) stays NaN and takes no rank. ±Infinity ranks at the ends. `out` may be `values`.

/**
 * Cross-sectional ranks of `values` (one per symbol): 1 for the smallest, ties share the average
 * of their ranks (the "fractional" ranking of Spearman's ρ), ±Infinity ranks at the ends, NaN
 * (missing) stays NaN and takes no rank. Written into `out` (a new array by default; may be
 * `values` itself) and returned. O(n log n).
 */
export function rank(values: Float64Array, out: Float64Array = new Float64Array(values.length)): Float64Array {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) out[i] = NaN;
    else present.push(i);
  }
  present.sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : a - b));
  const sorted = Float64Array.from(present, (i) => values[i]);
  let k = 0;
  while (k < present.length) {
    let end = k + 1;
    while (end < present.length && sorted[end] === sorted[k]) end++;
    // Positions k..end-1 hold ranks k+1..end: their average.
    const average = (k + 1 + end) / 2;
    for (let j = k; j < end; j++) out[present[j]] = average;
    k = end;
  }
  return out;
}

/** How many values are present (not NaN). */
export function presentCount(values: Float64Array): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  return count;
}
