// Dated annual rates (decimal, 0.05 = 5% a year), read as of a day with forward fill.

export interface RateSeries {
  readonly name: string;
  /** Epoch days, strictly increasing. */
  readonly dates: Int32Array;
  /** Annual rate as a decimal; NaN rows are skipped by asOf (forward fill). */
  readonly values: Float64Array;
}

/** The last non-NaN value on or before `day`, or NaN when there is none. */
export function rateAsOf(series: RateSeries, day: number): number {
  let lo = 0;
  let hi = series.dates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (series.dates[mid] <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k = found; k >= 0; k--) if (!Number.isNaN(series.values[k])) return series.values[k];
  return NaN;
}
