// Per-symbol series read from the view: trailing returns, moving averages and betas, all on
// adjusted closes known at the decision (splits and dividends through the decision session).
// Callers may pass a scratch buffer so a loop over the universe allocates once.
//
// The missing-bar rule: a session where a symbol has no bar (others trade, it has none — a
// weekday stock on a crypto weekend, a halt) is a gap, not an end. Lookbacks over one symbol's
// levels (moving average, trailing return) count its own bars (MarketView.adjustedBars), so one
// missing row shifts the window by a session instead of blanking the signal. Return series that
// are paired across symbols or annualised (covariance, beta, volatility) stay on the run's
// calendar with the symbol's last close carried through each session without its bar
// (MarketView.carriedCloses): the return there is 0 and the whole move since its last bar falls
// on its next bar, so no move is lost (a halt and the jump after it are both in the estimate) and
// every symbol's returns pair session by session. Annualised with the calendar's P, such a series
// counts the bars a symbol really has in a year: a weekday stock in a seven-day calendar has σ²
// per bar on its ~5/7 of the 365 sessions, 0 on the rest, so std² · 365 ≈ σ² · (its bars a year),
// the same as on its own weekday calendar. Both read only bars up to the decision.
//
// Windows are sessions of the run's calendar, a span of time (w sessions = w/P years). A lookback
// counted on a symbol's own bars takes the bars that span the same time: ownBars, w × (its bars a
// year) / P — w itself for a symbol that trades on the calendar (every symbol of a daily weekday
// universe), 200 for a weekday stock's 200-trading-day average in a seven-day calendar (290
// sessions), 365 crypto and 252 stock bars for one 12-month momentum lookback across both. Where
// coarse bars round a window to a different span, the run is told (ownWindows.ts).
import type { MarketView } from '../../engine/decisions/view.ts';
import { ownWindow } from './ownWindows.ts';
import { olsBeta } from './stats.ts';

/**
 * Total return from the close `lookback` sessions ago to the one `skip` sessions ago (12-1
 * momentum: 252, 21), counted on the symbol's own bars (ownWindow: the lookback at least 1 bar);
 * NaN with too few bars, and where the skip is not shorter than the lookback in those bars (a
 * return over no bars).
 */
export function trailingReturn(view: MarketView, i: number, lookback: number, skip = 0, scratch?: Float64Array<ArrayBuffer>): number {
  const bars = ownWindow(view, i, { name: 'return lookback', sessions: lookback, least: 1 });
  const skipped = ownWindow(view, i, { name: 'return skip', sessions: skip, least: 0 });
  if (skipped >= bars) return NaN;
  const closes = view.adjustedBars(i, bars + 1, fit(scratch, bars + 1));
  const start = closes[0];
  const end = closes[bars - skipped];
  return start > 0 && end > 0 ? end / start - 1 : NaN;
}

/** Simple daily returns of a price series: out[k] = p[k+1]/p[k] − 1 (NaN where either is missing). */
export function dailyReturns(prices: Float64Array, out = new Float64Array(Math.max(0, prices.length - 1))): Float64Array {
  for (let k = 0; k + 1 < prices.length; k++) out[k] = prices[k] > 0 && prices[k + 1] > 0 ? prices[k + 1] / prices[k] - 1 : NaN;
  return out;
}

/** Returns over the last `window` sessions of the calendar (window + 1 carried closes, the rule above; NaN before the symbol's first bar). */
export function trailingReturns(view: MarketView, i: number, window: number, out = new Float64Array(window), scratch?: Float64Array<ArrayBuffer>): Float64Array {
  return dailyReturns(view.carriedCloses(i, window + 1, fit(scratch, window + 1)), out);
}

/**
 * Mean of the symbol's adjusted closes over its own bars spanning `window` sessions (ownWindow, at
 * least 1); NaN until it has them all (a full average). `scratch` holds those closes only when its
 * length is that bar count.
 */
export function movingAverage(view: MarketView, i: number, window: number, scratch?: Float64Array<ArrayBuffer>): number {
  const bars = ownWindow(view, i, { name: 'moving average', sessions: window, least: 1 });
  const closes = view.adjustedBars(i, bars, fit(scratch, bars));
  let sum = 0;
  for (let k = 0; k < bars; k++) sum += closes[k];
  return sum / bars;
}

/**
 * How many of `returns` — symbol i's trailingReturns over the last `returns.length` sessions — end
 * on a bar of its own: the carried closes of sessions without one are no observations (a fund back
 * from a 55-session gap has 54 carried zeros of 60 returns and 6 observed; a one-day halt costs one).
 */
export function observedReturns(view: MarketView, i: number, returns: Float64Array, scratch?: Float64Array<ArrayBuffer>): number {
  return observedIn(returns, view.history('close', i, returns.length + 1, fit(scratch, returns.length + 1)));
}

/** observedReturns on the symbol's raw closes of the same sessions (`closes`: one more than `returns`, NaN where it has no bar). */
export function observedIn(returns: Float64Array, closes: Float64Array): number {
  let count = 0;
  for (let k = 0; k < returns.length; k++) if (!Number.isNaN(returns[k]) && !Number.isNaN(closes[k + 1])) count++;
  return count;
}

/** Least observations for a trusted beta: half the window. */
export const minBetaPairs = (window: number): number => Math.max(2, Math.ceil(window / 2));

/**
 * OLS beta of each member's daily returns on the benchmark's over the last `window` sessions;
 * NaN for non-members and for members (or a benchmark) with fewer than half the window of
 * returns observed on their own bars (observedReturns) or of overlapping returns.
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
  if (observedReturns(view, benchmark, x, scratch) < minBetaPairs(window)) return out;
  const y = new Float64Array(window);
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    trailingReturns(view, i, window, y, scratch);
    if (observedReturns(view, i, y, scratch) >= minBetaPairs(window)) out[i] = olsBeta(y, x, minBetaPairs(window));
  }
  return out;
}

/** Beta of symbol i on `benchmark` over the last `window` sessions (NaN when too little observed or overlapping: trailingBetas). */
export function trailingBeta(view: MarketView, i: number, benchmark: number, window: number): number {
  return trailingBetas(view, [i], benchmark, window)[i];
}

function fit(scratch: Float64Array<ArrayBuffer> | undefined, length: number): Float64Array<ArrayBuffer> {
  return scratch && scratch.length === length ? scratch : new Float64Array(length);
}
