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

/**
 * Per-period return of an annual rate R (decimal) over one of P periods a year:
 * (1 + R)^(1/P) − 1 (METRICS.md "Inputs", rf). The one conversion breadth uses for an annual
 * rate: the metrics' risk-free return, and every accrual of the engine (cash interest, debit
 * interest, borrow fee and rebate), so cash at the risk-free rate earns exactly rf each session.
 * R > −1; NaN in, NaN out.
 */
export function perPeriodRate(annualRate: number, periodsPerYear: number): number {
  return Math.pow(1 + annualRate, 1 / periodsPerYear) - 1;
}
