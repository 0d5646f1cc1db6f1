// Windows whose defaults are spans of time, not session counts: "12 months" is 252 sessions of
// daily data, 52 of weekly and 12 of monthly, where a fixed 252 would span five years of weekly
// bars. A definition declares such a window with `sessionsParam(months(12), …)`; when the user
// leaves it unset, instantiate() (strategies/api.ts) turns the duration into whole sessions of
// the run (view.periodsPerYear, P) before create() sees it. A value the user sets is sessions.
// A lookback counted on one symbol's own bars takes those of its bars that span the same time
// (ownWindows.ts ownBars): a weekday stock in a seven-day calendar counts 252 of its bars for 365 sessions.

/** A span of time a default window covers. `years` is its length in years (1 month = 1/12). */
export interface Duration {
  /** As written for users: `12 months`, `50 trading days`. */
  readonly text: string;
  readonly years: number;
}

/** `n` months (n/12 of a year): 12 → 252 daily, 52 weekly, 12 monthly sessions. */
export function months(n: number): Duration {
  return { text: `${n} month${n === 1 ? '' : 's'}`, years: n / 12 };
}

/**
 * `n` trading days of a 252-session year (n/252 of a year): the span of the conventional daily
 * windows (the 50- and 200-day averages), about n/5 weeks: 50 → 10 weekly, 2 monthly sessions.
 */
export function tradingDays(n: number): Duration {
  return { text: `${n} trading days`, years: n / 252 };
}

/**
 * Whole sessions spanning `duration` at `periodsPerYear` sessions a year: round(years × P),
 * at least `min` (the window's own minimum). Exact for whole months and trading days at P = 252
 * (12 months → 252, 1 month → 21, 50 trading days → 50).
 */
export function durationSessions(duration: Duration, periodsPerYear: number, min: number): number {
  if (!(periodsPerYear > 0)) throw new RangeError(`periodsPerYear must be positive, got ${periodsPerYear}`);
  return Math.max(min, Math.round(duration.years * periodsPerYear));
}
