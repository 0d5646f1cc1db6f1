// The session's additions cut together when the book after all of them is past a margin limit
// (probe r54b F1). Judged one at a time, the first leg of a market-neutral book reads, from a flat
// book, net ±its weight and was cut to maxNet, though the other leg, filled the same session,
// offsets it: LNG 100 of 1,000 and SHT −333 of −2,000 (gross 0.30) where LNG 1,000 and SHT −1,833
// (gross 2.10, net −0.0998) fit.
//
// The rule. Let s be the sign of the net exposure the session's additions in full would reach.
// The legs fall in two groups: the netting legs (sign −s: they offset that net) and the legs that
// add to it (sign s; every leg when s = 0). A group is cut by one common fraction: for a whole x
// in [0, Q], Q the shares of its largest leg, each of its legs fills x/Q of its shares rounded
// toward zero to whole shares (exactly x/Q of them with fractional shares; x = Q fills it whole).
//  1. The netting legs take the largest x at which some fill of the other group makes a book the
//     account allows — whole, unless no fill of the others offsets them within both limits.
//  2. The legs that add to the net take the largest x that, with the netting legs so filled, is
//     not past maxGross nor past maxNet on side s (the book they make is then allowed, or no
//     fill of them makes one and nothing of the session fills).
// Every trial book is judged as the fill would be (AccountGuard.judge): each leg priced at its own
// size (commission, slippage and impact of that many shares lower cash and NAV), positions marked
// at the legs' references. Neither group's order in the book matters.

import type { AccountGuard, FillQuote, Leg } from './account.ts';
import { largestFit } from './largestFit.ts';

/** A leg the session's cut settles: `allowed` is written, the signed shares it may fill (same sign as quantity, |allowed| ≤ |quantity|). */
export interface CutLeg extends Leg {
  allowed: number;
}

/** Prices a fill of q (signed, ≠ 0) shares of leg k into `out`: its price after slippage and its commission. */
export type LegQuote = (k: number, q: number, out: FillQuote) => FillQuote;

/** Cuts a session's additions together (the rule above); one per broker, its trial legs reused. */
export class SessionCut {
  readonly #whole: boolean;
  readonly #trial: Leg[] = [];

  /** `wholeShares`: fills are whole shares. */
  constructor(wholeShares: boolean) {
    this.#whole = wholeShares;
  }

  /**
   * Set legs[k].allowed for k < count by the rule above, and return s: the sign (−1, 0, +1) of the
   * net exposure the legs in full (each at its quote) reach. The account judges each trial book;
   * `quote` prices each leg at each trial size.
   */
  cut(account: AccountGuard, legs: readonly CutLeg[], count: number, quote: LegQuote): number {
    const side = account.judge(legs, count).netSign;
    const trial = this.#trial;
    for (let k = 0; k < count; k++) {
      const leg = legs[k];
      const t = (trial[k] ??= { symbol: 0, quantity: 0, reference: NaN, quote: { price: NaN, commission: 0, slippage: 0 }, cashOnly: false });
      t.symbol = leg.symbol;
      t.reference = leg.reference;
      t.cashOnly = leg.cashOnly;
    }
    const netting = (leg: Leg): boolean => side !== 0 && Math.sign(leg.quantity) === -side;
    let nettingMost = 0;
    let addingMost = 0;
    for (let k = 0; k < count; k++) {
      const size = Math.abs(legs[k].quantity);
      if (netting(legs[k])) nettingMost = Math.max(nettingMost, size);
      else addingMost = Math.max(addingMost, size);
    }
    // The book with the netting legs at y of nettingMost and the others at x of addingMost.
    const judge = (y: number, x: number) => {
      for (let k = 0; k < count; k++) {
        const leg = legs[k];
        const near = netting(leg);
        const q = this.#part(leg.quantity, near ? y : x, near ? nettingMost : addingMost);
        const t = trial[k];
        t.quantity = q;
        if (q !== 0) quote(k, q, t.quote);
        else {
          t.quote.price = leg.reference;
          t.quote.commission = 0;
          t.quote.slippage = 0;
        }
      }
      return account.judge(trial, count);
    };
    // Step 2: the largest x not past maxGross nor past maxNet on side s, the netting legs at y.
    const adding = (y: number): number =>
      largestFit(addingMost, this.#whole, (x) => {
        const v = judge(y, x);
        return v.refusal !== 'cash' && !v.pastGross && v.pastNet !== side;
      });
    // Step 1: the largest y some x completes into an allowed book (that x is adding(y): a smaller one only moves net further to −s).
    let y = largestFit(nettingMost, this.#whole, (y) => judge(y, adding(y)).refusal === null);
    let x = adding(y);
    // Only where nothing fits (y = 0 and no x completes it): nothing fills, a book the account always allows.
    if (judge(y, x).refusal !== null) y = x = 0;
    for (let k = 0; k < count; k++) {
      const leg = legs[k];
      leg.allowed = netting(leg) ? this.#part(leg.quantity, y, nettingMost) : this.#part(leg.quantity, x, addingMost);
    }
    return side;
  }

  /** The part x/most of signed `quantity`: rounded toward zero to whole shares, all of it at x = most. */
  #part(quantity: number, x: number, most: number): number {
    if (x === most) return quantity;
    const part = (x * Math.abs(quantity)) / most;
    return Math.sign(quantity) * (this.#whole ? Math.floor(part) : part);
  }
}
