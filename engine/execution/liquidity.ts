// Liquidity estimates for impact models, measured on data up to the decision session only, with
// ADV in the shares of the session the order fills on (an order decided before a split fills in
// post-split shares, so the volumes it is compared with must be counted in them too).

import type { Market } from '../../data/market.ts';
import { type AdjustmentIndex, splitFactorBetween } from '../../data/adjustedCloses.ts';
import { adjustedClosesAsOf } from '../market/adjustment.ts';
import type { LiquidityEstimate } from '../models/types.ts';

/** Bit flags of liquidityGap: no volume traded in the window; under two returns in it (σ unknown). */
export const NO_VOLUME = 1;
export const NO_HISTORY = 2;

/** Why `e` cannot price impact, as NO_VOLUME | NO_HISTORY bits; 0 when it can. */
export function liquidityGap(e: LiquidityEstimate): number {
  return (e.adv > 0 ? 0 : NO_VOLUME) | (Number.isNaN(e.sigma) ? NO_HISTORY : 0);
}

export class LiquidityEstimator {
  readonly #market: Market;
  readonly #adjustments: AdjustmentIndex;
  readonly #window: number;
  readonly #closes: Float64Array;

  constructor(market: Market, adjustments: AdjustmentIndex, window: number) {
    this.#market = market;
    this.#adjustments = adjustments;
    this.#window = window;
    this.#closes = new Float64Array(window + 1);
  }

  /**
   * σ of daily returns and average daily volume of symbol i over the window ending at session t,
   * the volume in shares of session `sharesOf` (≥ t: the fill's session; t for an estimate at the
   * decision). Volume traded before a split counts × its ratio (3:2 → × 1.5, 1:10 → × 0.1); the
   * splits between t and `sharesOf` are known at the open of `sharesOf`, when the order fills.
   */
  estimate(i: number, t: number, sharesOf: number): LiquidityEstimate {
    const closes = adjustedClosesAsOf(this.#market, this.#adjustments, i, t, this.#window + 1, this.#closes);
    let count = 0;
    let sum = 0;
    let sumSq = 0;
    for (let k = 1; k < closes.length; k++) {
      const r = closes[k] / closes[k - 1] - 1;
      if (!Number.isFinite(r)) continue;
      count++;
      sum += r;
      sumSq += r * r;
    }
    const sigma = count > 1 ? Math.sqrt(Math.max(0, (sumSq - (sum * sum) / count) / (count - 1))) : NaN;
    return { sigma, adv: this.adv(i, t, sharesOf) };
  }

  /** The estimate's average daily volume alone (shares of session `sharesOf`; NaN with no volume in the window). */
  adv(i: number, t: number, sharesOf: number): number {
    const n = this.#market.symbols.length;
    let volume = 0;
    let days = 0;
    for (let s = Math.max(0, t - this.#window + 1); s <= t; s++) {
      const v = this.#market.volume[s * n + i];
      if (Number.isFinite(v)) {
        volume += v * splitFactorBetween(this.#adjustments, i, s, sharesOf);
        days++;
      }
    }
    return days > 0 ? volume / days : NaN;
  }
}
