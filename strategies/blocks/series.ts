// Per-symbol series read from the view: trailing returns, moving averages and betas, all on
// adjusted closes known at the decision (splits and dividends through the decision session).
// Callers may pass a scratch buffer so a loop over the universe allocates once.
//
// The missing-bar rule: a session where a symbol has no bar (others trade, it has no row) is not
// an observation of it. Lookbacks over one symbol's levels (moving average, trailing return)
// count its own bars (MarketView.adjustedBars), so one missing row shifts the window by a
// session instead of blanking the signal for `window` sessions. Return series that are paired
// across symbols (covariance, beta, volatility) stay on the calendar (MarketView.adjustedCloses):
// the returns touching the missing bar are NaN and left out — never filled, and never a two-session
// return counted as one. Both read only bars up to the decision.

import type { MarketView } from '../../engine/view.ts';
import { olsBeta } from './stats.ts';

/** Total return from the close `lookback` of the symbol's own bars ago to the one `skip` bars ago (12-1 momentum: 252, 21); NaN with fewer than lookback + 1 bars. */
export function trailingReturn(view: MarketView, i: number, lookback: number, skip = 0, scratch?: Float64Array<ArrayBuffer>): number {
  const closes = view.adjustedBars(i, lookback + 1, fit(scratch, lookback + 1));
  const start = closes[0];
  const end = closes[lookback - skip];
  return start > 0 && end > 0 ? end / start - 1 : NaN;
}

/** Simple daily returns of a price series: out[k] = p[k+1]/p[k] − 1 (NaN where either is missing). */
export function dailyReturns(prices: Float64Array, out = new Float64Array(Math.max(0, prices.length - 1))): Float64Array {
  for (let k = 0; k + 1 < prices.length; k++) out[k] = prices[k] > 0 && prices[k + 1] > 0 ? prices[k + 1] / prices[k] - 1 : NaN;
  return out;
}

/** Daily returns over the last `window` sessions (window + 1 adjusted closes on the calendar; NaN for a return touching a missing bar). */
export function trailingReturns(view: MarketView, i: number, window: number, out = new Float64Array(window), scratch?: Float64Array<ArrayBuffer>): Float64Array {
  return dailyReturns(view.adjustedCloses(i, window + 1, fit(scratch, window + 1)), out);
}

/** Mean of the symbol's last `window` adjusted closes (its own bars); NaN until it has `window` bars (a full average). */
export function movingAverage(view: MarketView, i: number, window: number, scratch?: Float64Array<ArrayBuffer>): number {
  const closes = view.adjustedBars(i, window, fit(scratch, window));
  let sum = 0;
  for (let k = 0; k < window; k++) sum += closes[k];
  return sum / window;
}

/** Least observations for a trusted beta: half the window. */
export const minBetaPairs = (window: number): number => Math.max(2, Math.ceil(window / 2));

/**
 * OLS beta of each member's daily returns on the benchmark's over the last `window` sessions;
 * NaN for non-members and for members with fewer than half the window of overlapping returns.
 */
export function trailingBetas(
  view: MarketView,
  members: ArrayLike<number>,
  benchmark: number,
  window: number,
  out = new Float64Array(view.symbolCount),
): Float64Array {
  out.fill(NaN);
  const scratch = new Float64Array(window + 1);
  const x = trailingReturns(view, benchmark, window, new Float64Array(window), scratch);
  const y = new Float64Array(window);
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    out[i] = olsBeta(trailingReturns(view, i, window, y, scratch), x, minBetaPairs(window));
  }
  return out;
}

/** Beta of symbol i on `benchmark` over the last `window` sessions (NaN when too little overlap). */
export function trailingBeta(view: MarketView, i: number, benchmark: number, window: number): number {
  return olsBeta(trailingReturns(view, i, window), trailingReturns(view, benchmark, window), minBetaPairs(window));
}

function fit(scratch: Float64Array<ArrayBuffer> | undefined, length: number): Float64Array<ArrayBuffer> {
  return scratch && scratch.length === length ? scratch : new Float64Array(length);
}
