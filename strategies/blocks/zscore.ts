// Cross-sectional z-scores: (x − mean) / sd over the finite values, population sd. NaN stays
// NaN. ±Infinity keeps its sign and stays out of the mean and sd (winsorize first to bring such
// values into the distribution). With no dispersion every finite value scores 0: nothing
// distinguishes the names.

/**
 * Cross-sectional z-scores: (x − mean) / sd over the finite values, sd the population standard
 * deviation (divisor n). NaN stays NaN; ±Infinity keeps its sign and stays out of the mean and sd
 * (winsorize first to bring such values in); with no dispersion every finite value scores 0.
 * Written into `out` (a new array by default; may be `values`) and returned.
 */
export function zscore(values: Float64Array, out: Float64Array = new Float64Array(values.length)): Float64Array {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    n++;
    sum += values[i];
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) ss += (values[i] - mean) ** 2;
  const sd = n > 0 ? Math.sqrt(ss / n) : NaN;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) out[i] = x;
    else out[i] = sd > 0 ? (x - mean) / sd : 0;
  }
  return out;
}
