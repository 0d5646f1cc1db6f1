// Market caps built on an adjusted close: MarketView.marketCap is shares × the symbol's close, the
// traded price where the data gives a raw Close (Market.priceKind raw), but the adjusted close
// where it gives only that (an AdjClose-only file, or a Close that includes the dividends:
// priceKind totalReturn). An adjusted close is below the price traded on a day by every dividend
// and distribution paid from then to the date the prices were adjusted to, so such a name's past
// caps are understated and it ranks smaller than it was: MO's 2019-06-03 cap was 28.59 × its
// shares beside a traded close near 50 (probe r68c). Gathered over a run into one caveat.

import { type Market, PriceKind } from '../../data/market.ts';
import { type Caveat, caveat, listSymbols } from './caveats.ts';

export class AdjustedCloseCaps {
  /** Per symbol index: 1 once MarketView.marketCap served it a cap (> 0: present, with shares, not made unknown). */
  readonly #served: Uint8Array;

  constructor(symbolCount: number) {
    this.#served = new Uint8Array(symbolCount);
  }

  /** Records the caps one read served: `caps` by symbol index (currency), NaN where none. */
  record(caps: Float64Array): void {
    const n = Math.min(caps.length, this.#served.length); // a longer `out` holds the strategy's own cells past the symbols
    for (let i = 0; i < n; i++) if (caps[i] > 0) this.#served[i] = 1;
  }

  /**
   * The run's caveat ('data-note', medium), none when no symbol whose cap was served has an
   * adjusted close as its price: e.g. "1 of the 2 symbols whose market caps the strategy read
   * (MO) has only an adjusted (total-return) close as its price: its cap is shares × that close, …
   * — give it its raw traded Close (e.g. a Close column beside AdjClose) …". Sized by that count;
   * its symbols are those names.
   */
  caveats(market: Market): Caveat[] {
    let served = 0;
    const adjusted: string[] = [];
    for (let i = 0; i < this.#served.length; i++) {
      if (this.#served[i] === 0) continue;
      served++;
      if (market.priceKind[i] === PriceKind.totalReturn) adjusted.push(market.symbols[i]);
    }
    if (adjusted.length === 0) return [];
    const [has, its, caps, it, ranks, was, them] = adjusted.length === 1 ? ['has', 'its', 'its cap is', 'it', 'ranks', 'it was', 'it'] : ['have', 'their', 'their caps are', 'they', 'rank', 'they were', 'them'];
    const message =
      `${adjusted.length.toLocaleString('en-US')} of the ${served.toLocaleString('en-US')} symbols whose market caps the strategy read (${listSymbols(adjusted)}) ${has} only an adjusted (total-return) close as ${its} price: ` +
      `${caps} shares × that close, which lies below the price traded on a day by every dividend and distribution paid from that day to the date the prices were adjusted to, ` +
      `so ${its} past caps are understated and ${it} ${ranks} smaller than ${was} in books ranked or weighted by size — give ${them} ${its} raw traded Close (e.g. a Close column beside AdjClose) for caps at the price traded`;
    return [caveat('data-note', 'medium', message, { value: adjusted.length, unit: 'count' }, adjusted)];
  }
}
