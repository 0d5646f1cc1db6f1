// Which symbols are listed at a session, and at what price a listed symbol without a bar there
// stands. A symbol is listed from its first bar through its last listed session (its delisting's,
// else its last bar's: corporateActions.ts closes a position the session after). In between, a
// session where it has no bar — a weekday stock on a crypto weekend, a halt, an illiquid name —
// is a gap, not an absence: the symbol stands at its last close on or before the session (causal:
// nothing after it is read), adjusted for the splits since, and an order for it rests until it
// trades. A symbol not yet started, or gone, has no price.

import type { Market } from '../data/market.ts';
import { splitFactorBetween, type AdjustmentIndex } from './adjustment.ts';
import { lastListedSession } from './corporateActions.ts';

export class Listing {
  readonly #market: Market;
  readonly #adjustments: AdjustmentIndex;
  /** Per symbol: its first session with a close (the session count when it has none). */
  readonly firstBar: Int32Array;
  /** Per symbol: its last listed session (−1 when it has no bar). */
  readonly #lastListed: Int32Array;

  constructor(market: Market, adjustments: AdjustmentIndex) {
    this.#market = market;
    this.#adjustments = adjustments;
    this.firstBar = firstBars(market);
    this.#lastListed = Int32Array.from(market.symbols, (_, i) => lastListedSession(market, i));
  }

  /** True when symbol i is listed at session t: started (a bar on or before t) and not gone. */
  listed(i: number, t: number): boolean {
    return this.firstBar[i] <= t && t <= this.#lastListed[i];
  }

  /** Symbol i's last session with a close on or before t (−1 when it has none, or is not listed at t). */
  lastBar(i: number, t: number): number {
    if (!this.listed(i, t)) return -1;
    const n = this.#market.symbols.length;
    const close = this.#market.close;
    let s = t;
    while (s > this.firstBar[i] && Number.isNaN(close[s * n + i])) s--;
    return s;
  }

  /**
   * Price of symbol i at session t: its close there, else its last close before t divided by the
   * split ratios with ex-dates after that close through t (the price level of t); NaN when the
   * symbol is not listed at t. Unit: currency per share of t.
   */
  lastClose(i: number, t: number): number {
    const s = this.lastBar(i, t);
    if (s < 0) return NaN;
    const p = this.#market.close[s * this.#market.symbols.length + i];
    return s === t ? p : p / splitFactorBetween(this.#adjustments, i, s, t);
  }
}

/** Per symbol, its first session with a close; the session count for a symbol with none. */
function firstBars(market: Market): Int32Array {
  const n = market.symbols.length;
  const sessions = market.dates.length;
  const first = new Int32Array(n).fill(sessions);
  let left = n;
  for (let t = 0; t < sessions && left > 0; t++) {
    for (let i = 0; i < n; i++) {
      if (first[i] === sessions && !Number.isNaN(market.close[t * n + i])) {
        first[i] = t;
        left--;
      }
    }
  }
  return first;
}
