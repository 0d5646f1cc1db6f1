// Per-symbol corporate-action index, so history can be back-adjusted *as of* a decision
// session using only the events known by then (split and dividend ex-dates ≤ t).

import { adjustmentSteps } from '../data/adjustedCloses.ts';
import type { Market } from '../data/market.ts';

export interface AdjustmentIndex {
  /** start[i] .. start[i+1]-1: symbol i's ex-sessions, ascending (a session's events are one row). */
  readonly start: Int32Array;
  readonly session: Int32Array;
  /** Multiply prices before `session` by this to make them comparable with prices from it on. */
  readonly priceFactor: Float64Array;
  /** Shares held before `session` become shares × splitRatio from it on (1 for dividends). */
  readonly splitRatio: Float64Array;
}

/** Every symbol's corporate actions by session, with the factors of data/adjustedCloses.ts. */
export function buildAdjustmentIndex(market: Market): AdjustmentIndex {
  const n = market.symbols.length;
  const steps = adjustmentSteps(market);
  const index: AdjustmentIndex = {
    start: new Int32Array(n + 1),
    session: Int32Array.from(steps, (step) => step.session),
    priceFactor: Float64Array.from(steps, (step) => step.priceFactor),
    splitRatio: Float64Array.from(steps, (step) => step.splitRatio),
  };
  let k = 0;
  for (let i = 0; i <= n; i++) {
    while (k < steps.length && steps[k].symbol < i) k++;
    index.start[i] = k;
  }
  return index;
}

/** Product of split ratios of symbol i for sessions in (fromSession, toSession]. */
export function splitFactorBetween(index: AdjustmentIndex, i: number, fromSession: number, toSession: number): number {
  let factor = 1;
  for (let k = index.start[i]; k < index.start[i + 1]; k++) {
    const s = index.session[k];
    if (s > fromSession && s <= toSession) factor *= index.splitRatio[k];
  }
  return factor;
}

/**
 * Closes of symbol i up to session t, oldest first, back-adjusted to session t's price level with
 * the events known by t (ex-dates ≤ t). Calendar mode (`ownBarsFrom` undefined): sessions
 * t-length+1 .. t, NaN where the symbol has no bar or before the data starts. Own-bars mode
 * (`ownBarsFrom` = the symbol's first session with a close): the symbol's last `length` bars,
 * skipping sessions where it has none (a missing bar is not an observation), NaN-padded at the
 * front when it has fewer.
 */
export function adjustedClosesAsOf(
  market: Market,
  index: AdjustmentIndex,
  i: number,
  t: number,
  length: number,
  out: Float64Array,
  ownBarsFrom?: number,
): Float64Array {
  const n = market.symbols.length;
  const first = index.start[i];
  let e = index.start[i + 1] - 1;
  while (e >= first && index.session[e] > t) e--;
  let factor = 1;
  let k = length - 1;
  for (let s = t; k >= 0 && s >= (ownBarsFrom ?? 0); s--) {
    // Prices before an ex-date session are scaled by that event's factor.
    while (e >= first && index.session[e] > s) factor *= index.priceFactor[e--];
    const p = market.close[s * n + i];
    if (ownBarsFrom !== undefined && Number.isNaN(p)) continue;
    out[k--] = p * factor;
  }
  return out.fill(NaN, 0, k + 1);
}
