// Portfolio accounting on typed arrays: cash, shares, average cost, realized P&L, and a mark
// price per symbol. Price P&L is measured from each symbol's mark to the next (a fill moves the
// mark to the fill's *reference* price, so slippage is never counted as price P&L — it has its
// own ledger line). Hence, exactly: ΔNAV = long P&L + short P&L + income − costs.
// Long and short value follow every mark move and trade, so NAV is current between the fills of
// one session (the account checks at each fill need it); each close re-totals them exactly.

import { pricePerNewShare, splitParts } from './shares.ts';

export class Portfolio {
  cash: number;
  readonly shares: Float64Array;
  readonly avgCost: Float64Array;
  /** Last price each position was marked at (the close, or a fill's reference price). */
  readonly mark: Float64Array;
  /** Cumulative price P&L per symbol (for contributors). */
  readonly pnlBySymbol: Float64Array;
  realizedPnl = 0;
  /** Price P&L booked since the last `resetPnl()`, split by the sign of the position that earned it. */
  longPnl = 0;
  shortPnl = 0;
  longValue = 0;
  shortValue = 0;
  /** Long positions at the last mark (the rest of heldCount are short). */
  longCount = 0;
  /**
   * The last markToMarket found a close for none of the positions it marked (at least one): each
   * keeps an earlier session's mark, so that session's NAV observes nothing of the book. Judged on
   * the book held into the close, before a same-close fill adds or removes a position.
   */
  navCarried = false;
  /**
   * Per symbol: the last session whose price marked it — a close, or the bar a fill was priced on
   * (−1 before any) — for stale-mark checks.
   */
  readonly pricedAt: Int32Array;
  readonly #held: Int32Array;
  readonly #slot: Int32Array;
  #heldCount = 0;
  /** Symbols a trade or split changed since the last clearChanged, each once (#isChanged), in order of their first change. */
  readonly #changed: Int32Array;
  readonly #isChanged: Uint8Array;
  #changedCount = 0;

  constructor(symbolCount: number, cash: number) {
    this.cash = cash;
    this.shares = new Float64Array(symbolCount);
    this.avgCost = new Float64Array(symbolCount);
    this.mark = new Float64Array(symbolCount);
    this.pnlBySymbol = new Float64Array(symbolCount);
    this.#held = new Int32Array(symbolCount);
    this.#slot = new Int32Array(symbolCount).fill(-1);
    this.pricedAt = new Int32Array(symbolCount).fill(-1);
    this.#changed = new Int32Array(symbolCount);
    this.#isChanged = new Uint8Array(symbolCount);
  }

  get heldCount(): number {
    return this.#heldCount;
  }
  /** The k-th held symbol, 0 ≤ k < heldCount (order changes as positions close). */
  heldAt(k: number): number {
    return this.#held[k];
  }

  /** How many symbols' shares a trade or split changed since the last clearChanged (each counted once). */
  get changedCount(): number {
    return this.#changedCount;
  }
  /** The k-th of them, 0 ≤ k < changedCount: logs that follow positions read these, not the whole book. */
  changedAt(k: number): number {
    return this.#changed[k];
  }
  /** Forget the changes read. */
  clearChanged(): void {
    for (let k = 0; k < this.#changedCount; k++) this.#isChanged[this.#changed[k]] = 0;
    this.#changedCount = 0;
  }

  get nav(): number {
    return this.cash + this.longValue + this.shortValue;
  }

  /** Book price P&L of symbol i from its mark to `price`, and move the mark there. */
  moveMark(i: number, price: number): void {
    const s = this.shares[i];
    if (s !== 0) {
      const pnl = s * (price - this.mark[i]);
      if (s > 0) {
        this.longPnl += pnl;
        this.longValue += pnl;
      } else {
        this.shortPnl += pnl;
        this.shortValue += pnl;
      }
      this.pnlBySymbol[i] += pnl;
    }
    this.mark[i] = price;
  }

  /**
   * Trade `quantity` signed shares at `fillPrice` whose reference (pre-slippage) price is
   * `referencePrice`, read from session `priceSession`'s bar. Cash moves by the fill price; the
   * position is marked at the reference, dated `priceSession` (−1: the reference is the
   * position's own mark carried forward, whose date stands).
   */
  trade(i: number, quantity: number, fillPrice: number, referencePrice: number, priceSession: number): void {
    this.moveMark(i, referencePrice);
    if (priceSession >= 0) this.pricedAt[i] = priceSession;
    const before = this.shares[i];
    const after = before + quantity;
    if (before !== 0 && Math.sign(quantity) !== Math.sign(before)) {
      const closed = Math.min(Math.abs(quantity), Math.abs(before)) * Math.sign(before);
      this.realizedPnl += closed * (fillPrice - this.avgCost[i]);
    }
    if (after === 0) this.avgCost[i] = 0;
    else if (before === 0 || Math.sign(after) !== Math.sign(before)) this.avgCost[i] = fillPrice;
    else if (Math.abs(after) > Math.abs(before)) {
      this.avgCost[i] = (this.avgCost[i] * before + fillPrice * quantity) / after;
    }
    this.#addValue(before * referencePrice, -1);
    this.#addValue(after * referencePrice, 1);
    this.shares[i] = after;
    this.#noteChange(i);
    this.cash -= quantity * fillPrice;
    // The mark sits at the reference price, so the position's value must too; the cash paid
    // above includes the slippage, which the broker books on its own line.
    this.#track(i);
  }

  /**
   * A split of `ratio` new shares per old: shares, cost and mark rescale; value is unchanged.
   * Whole share counts stay whole (15 × 0.1 is 1.5, not 1.5000000000000002).
   */
  split(i: number, ratio: number): void {
    const { whole, fraction } = splitParts(this.shares[i], ratio);
    this.shares[i] = whole + fraction;
    // A split meets every symbol, held or not: only a held position's shares change.
    if (whole + fraction !== 0) this.#noteChange(i);
    this.avgCost[i] = pricePerNewShare(this.avgCost[i], ratio);
    this.mark[i] = pricePerNewShare(this.mark[i], ratio);
  }

  /** Value `value` of one position added to (sign 1) or removed from (−1) the long or short total. */
  #addValue(value: number, sign: 1 | -1): void {
    if (value > 0) this.longValue += sign * value;
    else if (value < 0) this.shortValue += sign * value;
  }

  /**
   * Mark every held position at session t's closes (row `base` of the close column); NaN = no
   * price: the position keeps its last mark, and `pricedAt` keeps the session of that mark.
   */
  markToMarket(close: Float64Array, base: number, t: number): void {
    this.#total(close, base, t);
  }

  /**
   * Mark every held position at `prices` (row `base`, e.g. session t's opens before t's open
   * fills) where session t has a bar (`close` at `base` not NaN) and a price there; the others keep
   * their last mark. So the account checks at a fill value the whole book, and NAV, at the prices
   * known at that fill, as the fill itself is (DESIGN.md: the opens of the fill session are known
   * at a next-open fill, its closes are not). P&L is booked as moveMark books it; the close's
   * markToMarket carries on from these marks, so the session's P&L sums are unchanged.
   */
  markKnown(prices: Float64Array, close: Float64Array, base: number, t: number): void {
    const held = this.#held;
    let moved = false;
    for (let k = 0; k < this.#heldCount; k++) {
      const i = held[k];
      const p = prices[base + i];
      if (Number.isNaN(p) || Number.isNaN(close[base + i])) continue;
      this.pricedAt[i] = t;
      if (p === this.mark[i]) continue;
      this.moveMark(i, p);
      moved = true;
    }
    if (moved) this.revalue(); // long and short value exactly at the new marks
  }

  /**
   * The oldest `pricedAt` among the positions the last markToMarket could not price (−1 when one
   * was never priced; +∞ when it priced them all): whether any mark can be stale, without another pass.
   */
  oldestPricedAt = Infinity;

  /** Value of positions at their current marks (after trades, before the next close). */
  revalue(): void {
    this.#total(null, 0, -1);
  }

  /**
   * One pass over the book: move marks to `close` when given (moveMark's steps in its order of
   * additions, so the P&L sums are bit for bit the same), and total long and short value. Over
   * locals: this loop runs for every held name every session.
   */
  #total(close: Float64Array | null, base: number, t: number): void {
    const { shares, mark, pnlBySymbol, pricedAt } = this;
    const held = this.#held;
    let longPnl = this.longPnl;
    let shortPnl = this.shortPnl;
    let long = 0;
    let short = 0;
    let longs = 0;
    let carried = 0;
    let oldest = Infinity;
    for (let k = 0; k < this.#heldCount; k++) {
      const i = held[k];
      const s = shares[i];
      if (close !== null) {
        const p = close[base + i];
        if (!Number.isNaN(p)) {
          const pnl = s * (p - mark[i]);
          if (s > 0) longPnl += pnl;
          else shortPnl += pnl;
          pnlBySymbol[i] += pnl;
          mark[i] = p;
          pricedAt[i] = t;
        } else {
          carried++;
          if (pricedAt[i] < oldest) oldest = pricedAt[i];
        }
      }
      const value = s * mark[i];
      if (s > 0) {
        long += value;
        longs++;
      } else short += value;
    }
    this.longPnl = longPnl;
    this.shortPnl = shortPnl;
    this.longValue = long;
    this.shortValue = short;
    this.longCount = longs;
    if (close !== null) {
      this.oldestPricedAt = oldest;
      this.navCarried = carried > 0 && carried === this.#heldCount;
    }
  }

  /** Start a new P&L period (the recorder has read longPnl and shortPnl). */
  resetPnl(): void {
    this.longPnl = 0;
    this.shortPnl = 0;
  }

  #noteChange(i: number): void {
    if (this.#isChanged[i] === 1) return;
    this.#isChanged[i] = 1;
    this.#changed[this.#changedCount++] = i;
  }

  #track(i: number): void {
    const slot = this.#slot[i];
    if (this.shares[i] !== 0 && slot < 0) {
      this.#slot[i] = this.#heldCount;
      this.#held[this.#heldCount++] = i;
    } else if (this.shares[i] === 0 && slot >= 0) {
      const last = this.#held[--this.#heldCount];
      this.#held[slot] = last;
      this.#slot[last] = slot;
      this.#slot[i] = -1;
    }
  }
}
