// Fills an impact model could not price: the slippage model asked for σ and ADV (a liquidity
// window), the estimate lacked one of them, and the fill paid no slippage. Square-root impact
// charges nothing there rather than invent a cost, so the run must say where it happened.

import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, listSymbols } from './caveats.ts';
import { liquidityGap, NO_HISTORY, NO_VOLUME } from '../execution/liquidity.ts';
import type { LiquidityEstimate } from '../models/types.ts';

/** Above this share of the model's fills unpriced, the run's impact cost is mostly missing: a high caveat. */
const HIGH_SHARE = 0.1;

/** Per symbol: the fills its slippage model priced at 0 for want of σ or ADV, and why. */
export class LiquidityGaps {
  readonly #fills: Int32Array;
  readonly #reasons: Uint8Array;
  /** Fills the slippage model was asked about with a liquidity estimate, priced or not. */
  #asked = 0;
  /** The slippage model's name, for the caveat. */
  readonly #model: string;

  constructor(symbols: number, model: string) {
    this.#fills = new Int32Array(symbols);
    this.#reasons = new Uint8Array(symbols);
    this.#model = model;
  }

  /** A fill of symbol i that paid `slippage` (currency) with liquidity estimate `e`: counted when it paid nothing for want of σ or ADV. */
  note(i: number, e: LiquidityEstimate, slippage: number): void {
    this.#asked++;
    const gap = liquidityGap(e);
    if (gap === 0 || slippage !== 0) return;
    this.#fills[i]++;
    this.#reasons[i] |= gap;
  }

  /**
   * One caveat naming the fills and symbols, e.g. "impact model (1 · σ · √(shares/ADV), 5-session
   * window) charged nothing on 3 of 40 fills, of AAA, BBB: no volume in the window for AAA; no
   * price history (under two returns in the window) for BBB — their impact cost is missing"; high
   * above a tenth of the fills, else medium; size: the unpriced fills. None when every fill was priced.
   */
  caveats(market: Market): Caveat[] {
    let total = 0;
    const symbols: string[] = [];
    const byReason: Record<number, string[]> = { [NO_VOLUME]: [], [NO_HISTORY]: [] };
    for (let i = 0; i < this.#fills.length; i++) {
      if (this.#fills[i] === 0) continue;
      total += this.#fills[i];
      symbols.push(market.symbols[i]);
      for (const flag of [NO_VOLUME, NO_HISTORY]) if (this.#reasons[i] & flag) byReason[flag].push(market.symbols[i]);
    }
    if (total === 0) return [];
    const reasons = [
      byReason[NO_VOLUME].length > 0 ? `no volume in the window for ${listSymbols(byReason[NO_VOLUME])}` : '',
      byReason[NO_HISTORY].length > 0 ? `no price history (under two returns in the window) for ${listSymbols(byReason[NO_HISTORY])}` : '',
    ].filter((s) => s !== '');
    const count = (x: number): string => x.toLocaleString('en-US');
    const fills = `${count(total)} of ${count(this.#asked)} ${this.#asked === 1 ? 'fill' : 'fills'}`;
    const severity = total > HIGH_SHARE * this.#asked ? 'high' : 'medium';
    const message = `impact model (${this.#model}) charged nothing on ${fills}, of ${listSymbols(symbols)}: ${reasons.join('; ')} — their impact cost is missing`;
    return [caveat('no-impact', severity, message, { value: total, unit: 'count' }, symbols)];
  }
}
