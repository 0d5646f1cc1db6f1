// Targets that stand while their symbol has no price. A decision is a full target set: a target
// on a symbol with no price at the decision (not trading yet, or without a bar for longer than
// staleMarkSessions) cannot be sized then, but it is still what the strategy asked for. It waits
// until the symbol's next close, where the engine sizes and orders it as a decision on that
// session would, unless a later decision replaced the targets first (or cleared them with
// explicit orders) or the symbol left the market first (delisted, or its data ended). Every wait
// is recorded, however it ended, for the caveats that say what waited in cash and why, and for the
// targeted exposure they measure against. A split of the symbol while its share target waits
// rescales the count as it does the holding (15 shares across a 1:10 reverse split are 1.5), so
// "keep 15" still means the 15 shares the decision held; weights and values need no rescaling.

import { splitParts } from '../accounting/shares.ts';

const NONE: readonly number[] = [];

/** How a decision gave its targets: NAV weights, currency values or share counts (engine/strategy.ts Targets). */
export type TargetKind = 'weights' | 'values' | 'shares';

/**
 * How a wait ended: `ordered` at its symbol's price; `replaced` by a later decision; `cleared` by
 * explicit orders; `rejected` by the account's limits at its price; `delisted` or `dataEnded` when
 * its symbol left the market before its price (a target on a gone symbol never fills); `open` at the
 * run's end.
 */
export type WaitEnd = 'ordered' | 'replaced' | 'cleared' | 'rejected' | 'delisted' | 'dataEnded' | 'open';

/**
 * One target that waited for its symbol's price: from the decision that set it (`decided`,
 * a market session) to `until` — the session it ended at, as `end` says (for `delisted` and
 * `dataEnded`: the first session the symbol was gone, the session after its last listed one; for
 * `open`: the run's last session). `weight`: the NAV weight asked for (NaN for value and share
 * targets, whose weight the decision could not tell without a price); `firstPrice`: true when the
 * price it waited for was the symbol's first (it had no bar before: ordered at its first close, or
 * gone before any). `shares`: the share count asked for (NaN for weight and value targets);
 * `splitShares`: that count in the symbol's shares after the splits while it waited (engine/accounting/shares.ts
 * splitParts: exact, as a holding's), the count it is sized at — `shares` where none came.
 */
export interface TargetWait {
  readonly symbol: number;
  readonly weight: number;
  readonly shares: number;
  splitShares: number;
  readonly decided: number;
  until: number;
  end: WaitEnd;
  firstPrice: boolean;
}

/** True when a wait ended because its symbol left the market (delisted, or its data ended) before its price. */
export function leftWait(w: TargetWait): boolean {
  return w.end === 'delisted' || w.end === 'dataEnded';
}

/**
 * The targets of the last decision that wait for their symbol's price, one per symbol, in that
 * decision's unit (`kind`), and the record of every wait (`waits`). The engine loop asks which are
 * priced (`matching`), or gone (`left`), at each close while any is `waiting`; each wait ends as WaitEnd says.
 */
export class PendingTargets {
  /** Per symbol: the pending target in the decision's unit (NaN: none). */
  readonly #target: Float64Array;
  #kind: TargetKind = 'weights';
  /** Index into waits of each symbol's open wait (−1: none). */
  readonly #open: Int32Array;
  readonly #symbols: number[] = [];
  /** Every wait of the run, in the order the decisions set them. */
  readonly waits: TargetWait[] = [];

  constructor(symbolCount: number) {
    this.#target = new Float64Array(symbolCount).fill(NaN);
    this.#open = new Int32Array(symbolCount).fill(-1);
  }

  /** True while some target waits for a price. */
  get waiting(): boolean {
    return this.#symbols.length > 0;
  }

  /** The symbols whose targets wait, in the order the decision set them. */
  get symbols(): readonly number[] {
    return this.#symbols;
  }

  /** The unit of the pending targets (the decision's). */
  get kind(): TargetKind {
    return this.#kind;
  }

  /** Symbol i's pending target in the decision's unit (NaN when none). */
  target(i: number): number {
    return this.#target[i];
  }

  /**
   * The decision at session t set a full target set of `kind`: the waits of the previous one end
   * (replaced), and each of `unpriced` — symbols with a non-zero target `targets[k]` it could not
   * size — waits from t, unless `gone(i)`: a symbol that has left the market never has a price
   * again, so its target does not stand (it is the decision's data-end or delisting deferral).
   */
  replace(t: number, kind: TargetKind, unpriced: readonly number[], targets: readonly number[], gone: (i: number) => boolean): void {
    this.#end(t, this.#symbols.slice(), 'replaced');
    this.#kind = kind;
    unpriced.forEach((i, k) => {
      if (gone(i)) return;
      this.#target[i] = targets[k];
      this.#open[i] = this.waits.length;
      this.#symbols.push(i);
      const shares = kind === 'shares' ? targets[k] : NaN;
      this.waits.push({ symbol: i, weight: kind === 'weights' ? targets[k] : NaN, shares, splitShares: shares, decided: t, until: t, end: 'open', firstPrice: false });
    });
  }

  /**
   * A split of symbol i by `ratio` (new shares per old) at an open: a share target waiting on it
   * becomes the same holding in the new shares — its count × ratio, exactly (splitParts; 15 across a
   * 1:10 reverse split is 1.5, sized at whole shares as 1), as a resting order's count is. A weight
   * or a value is the same after a split; nothing waits on i: nothing to do.
   */
  split(i: number, ratio: number): void {
    if (this.#kind !== 'shares' || this.#open[i] < 0) return;
    const { whole, fraction } = splitParts(this.#target[i], ratio);
    this.#target[i] = whole + fraction;
    this.waits[this.#open[i]].splitShares = this.#target[i];
  }

  /** The pending symbols for which `test(i)` holds (at the session being replayed); none: one shared empty list, so the replay loop allocates nothing on the sessions a wait goes on. */
  matching(test: (i: number) => boolean): readonly number[] {
    return this.#symbols.some(test) ? this.#symbols.filter(test) : NONE;
  }

  /** The targets of `symbols` were sized and ordered at session t (`first(i)`: t is symbol i's first close). */
  ordered(t: number, symbols: readonly number[], first: (i: number) => boolean): void {
    for (const i of symbols) this.waits[this.#open[i]].firstPrice = first(i);
    this.#end(t, symbols, 'ordered');
  }

  /** Explicit orders at session t cleared every pending target: they end, dropped (no later decision replaced them). */
  cleared(t: number): void {
    this.#end(t, this.#symbols.slice(), 'cleared');
  }

  /** The targets of `symbols` were sized at session t but the account's limits rejected their orders: they end, not ordered. */
  rejected(t: number, symbols: readonly number[]): void {
    this.#end(t, symbols, 'rejected');
  }

  /**
   * The symbols of `symbols` are gone from the market at session t (`how`: delisted, or their data
   * ended) before the price their targets waited for: the waits end there, never to fill
   * (`first(i)`: symbol i never had a bar).
   */
  left(t: number, symbols: readonly number[], how: (i: number) => 'delisted' | 'dataEnded', first: (i: number) => boolean): void {
    for (const i of symbols) {
      const wait = this.waits[this.#open[i]];
      wait.firstPrice = first(i);
      this.#end(t, [i], how(i));
    }
  }

  /** The run ended at session t with targets still waiting. */
  finish(t: number): void {
    this.#end(t, this.#symbols.slice(), 'open');
  }

  #end(t: number, symbols: readonly number[], end: WaitEnd): void {
    if (symbols.length === 0) return;
    for (const i of symbols) {
      const wait = this.waits[this.#open[i]];
      wait.until = t;
      wait.end = end;
      this.#target[i] = NaN;
      this.#open[i] = -1;
    }
    const gone = new Set(symbols);
    const kept = this.#symbols.filter((i) => !gone.has(i));
    this.#symbols.length = 0;
    this.#symbols.push(...kept);
  }
}
