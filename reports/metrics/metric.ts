// The one shape every reported figure takes (METRICS.md "Names in machine-readable output"):
// a value or null with the reason, and always the sample size it was computed on.

export interface Metric {
  /**
   * snake_case name from METRICS.md, e.g. `sharpe`: a MetricName (METRIC_NAMES; `isMetricName`
   * narrows it) for every metric this breadth computes — metricInfo(name) gives its unit, label
   * and one-line definition. Typed as a string because a run read back from a store may carry a
   * name another breadth version wrote.
   */
  name: string;
  /** Never NaN or ±Infinity: an undefined figure is null and says why in `note`. */
  value: number | null;
  /** Number of observations (rows, periods, trades) the figure rests on. */
  n: number;
  note?: string;
}

export const INSUFFICIENT = 'insufficient data';

/**
 * METRICS.md edge rule: "fewer than 2 returns: ratios are NaN". We apply it to every statistic
 * (dispersion, distribution, ratios, shares); compounded returns, extremes and drawdowns need 1.
 */
export const MIN_STAT_N = 2;

/** A computed figure. A non-finite value still becomes null, so no NaN can leak into reports. */
export function valued(name: string, value: number, n: number, note?: string): Metric {
  if (!Number.isFinite(value)) return { name, value: null, n, note: note ?? 'not finite' };
  return note === undefined ? { name, value, n } : { name, value, n, note };
}

/** A figure that cannot be computed, with the reason (`insufficient data`, `zero volatility`, ...). */
export function unavailable(name: string, n: number, note: string = INSUFFICIENT): Metric {
  return { name, value: null, n, note };
}
