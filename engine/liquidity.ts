// Liquidity estimates for impact models, measured on data up to the decision session only.

import type { Market } from '../data/market.ts';
import { adjustedClosesAsOf, splitFactorBetween, type AdjustmentIndex } from './adjustment.ts';
import type { LiquidityEstimate } from './models/types.ts';

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

  /** σ of daily returns and average daily volume of symbol i over the window ending at session t. */
  estimate(i: number, t: number): LiquidityEstimate {
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
    const n = this.#market.symbols.length;
    let volume = 0;
    let days = 0;
    for (let s = Math.max(0, t - this.#window + 1); s <= t; s++) {
      const v = this.#market.volume[s * n + i];
      if (Number.isFinite(v)) {
        // Shares traded before a split count in today's shares.
        volume += v * splitFactorBetween(this.#adjustments, i, s, t);
        days++;
      }
    }
    return { sigma, adv: days > 0 ? volume / days : NaN };
  }
}
