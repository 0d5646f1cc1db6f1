// The account a run trades in, checked at every fill (the planner checks targets at the decision;
// prices move and funding sells rest between the decision and the fill, so the fill is where an
// account limit really binds).
//   cash   — no shorts and no borrowing: a buy fills only against the cash there at its fill,
//            after the fills that really happened before it; a sell never goes below zero shares.
//   margin — shorts and borrowing within gross and net exposure limits (multiples of NAV): the
//            book after a session's fills may not be past a limit, nor further past one than
//            before them. Legs of one session count together (a 130/30 book's long leg needs its
//            short leg beside it to stay within maxNet), so the broker asks about the session's
//            legs at once (sessionFits) and, when they do not fit, cuts them together
//            (sessionCut.ts, which judges trial books here: judge).
//            A buy from a plan that asked for no leverage (cash-only: targets long only, net at
//            most 1) spends only the cash there, as in a cash account, and none while a short is
//            still open (its cover spends the cash its sale brought): a gap, a sell or a cover that
//            rests must not make the run borrow what nobody asked for. Fills that only close
//            (part of) positions are never cut by a limit, as at a broker.
// The book is valued as it stands at the fill: the broker marks every held position at the
// prices known then (Portfolio.markKnown: a next-open fill's opens) before asking, so NAV and the
// positions the legs leave untouched are not read at the last close (probe r69b F1).
// A fill that the account cannot take whole is cut to the largest part it can (whole shares
// unless fractional shares are on); the broker decides what happens to the rest.

import type { Account } from '../config.ts';
import { largestFit } from './largestFit.ts';
import type { Portfolio } from './portfolio.ts';

/** Exposure limits of an account at the decision, as multiples of NAV. */
export interface AccountLimits {
  readonly maxGross: number;
  readonly maxNet: number;
  readonly shorts: boolean;
}

export function accountLimits(account: Account): AccountLimits {
  return account.kind === 'cash' ? { maxGross: 1, maxNet: 1, shorts: false } : { maxGross: account.maxGross, maxNet: account.maxNet, shorts: true };
}

/** What a fill of `quantity` shares would cost: its price (slippage included) and commission. */
export interface FillQuote {
  price: number;
  commission: number;
  /** Slippage in currency (a cost that lowers NAV). */
  slippage: number;
}

/** One fill the account is asked about: signed shares of a symbol, its quote and the price it is marked at. */
export interface Leg {
  symbol: number;
  /** Signed shares. */
  quantity: number;
  /** Pre-slippage price the position is marked at after the fill. */
  reference: number;
  readonly quote: FillQuote;
  /** From a plan that asked for no leverage: a buy spends only the cash there (margin accounts). */
  cashOnly: boolean;
}

/** Why the account refused (part of) a fill: no cash for it, a short in a cash account, or a margin limit. */
export type Refusal = 'cash' | 'short' | 'limit';

/** How a judged book (AccountGuard.judge) stands against the account. */
export interface Verdict {
  /** Null when the account allows it, else why not. */
  refusal: Refusal | null;
  /** It opens or grows a position and is past maxGross (a margin account). */
  pastGross: boolean;
  /** It opens or grows a position and its net exposure is past maxNet: +1 long, −1 short; 0 within (a margin account). */
  pastNet: -1 | 0 | 1;
  /** Gross and net exposure after it, × NAV after. */
  gross: number;
  net: number;
  /** The sign of its net exposure in currency (long +1, short −1, flat 0): the side of `net` whatever the sign of NAV. */
  netSign: -1 | 0 | 1;
}

/** Relative slack for comparisons of money amounts that went through a few float operations (the limits' too: limitDrift.ts). */
export const SLACK = 1e-12;

export class AccountGuard {
  readonly #account: Account;
  readonly #portfolio: Portfolio;
  readonly #whole: boolean;
  /** Per symbol: shares the legs under test add, and the reference the last of them marks at. */
  readonly #pending: Float64Array;
  readonly #pendingMark: Float64Array;
  /** The one leg allowed() prices: a reused record. */
  readonly #probe: Leg[] = [{ symbol: 0, quantity: 0, reference: 0, quote: { price: 0, commission: 0, slippage: 0 }, cashOnly: false }];
  /**
   * Why the last allowed() call cut its fill, or the last sessionFits() call found the session's
   * legs too much, and the gross and net (× NAV after) the whole fill or session would have reached.
   */
  refusal: Refusal = 'limit';
  refusedGross = NaN;
  refusedNet = NaN;
  /**
   * The last allowed() call let a fill that only closes positions take the book past a limit (a
   * cover lifting net past maxNet while the long it funds rests): not cut; the broker reports it
   * when the session's fills leave the book past the limit (pastLimits).
   */
  closedPastLimit = false;
  /** What the last #fits computed (returned by judge, read by the others). */
  readonly #verdict: Verdict = { refusal: null, pastGross: false, pastNet: 0, gross: 0, net: 0, netSign: 0 };
  /** The book after is past a limit, allowed because the legs only close positions. */
  #pastLimit = false;

  constructor(account: Account, portfolio: Portfolio, wholeShares: boolean) {
    this.#account = account;
    this.#portfolio = portfolio;
    this.#whole = wholeShares;
    this.#pending = new Float64Array(portfolio.shares.length);
    this.#pendingMark = new Float64Array(portfolio.shares.length);
  }

  get kind(): Account['kind'] {
    return this.#account.kind;
  }

  /**
   * The largest part of `leg` (signed shares, priced by its quote) that the account allows: same
   * sign, |part| ≤ |quantity|. `quote(q, out)` prices a fill of q shares (it may depend on q, as
   * square-root impact does); the leg's reference is the pre-slippage price positions are marked
   * at. When it cuts, `refusal`, `refusedGross` and `refusedNet` say why and what the whole leg
   * would have reached.
   */
  allowed(leg: Readonly<Leg>, quote: (q: number, out: FillQuote) => FillQuote, scratch: FillQuote): number {
    const quantity = leg.quantity;
    if (this.takesWhole(leg)) return quantity;
    const probe = this.#probe[0];
    this.#refuse();
    const sign = Math.sign(quantity);
    const most = this.#whole ? Math.floor(Math.abs(quantity)) : Math.abs(quantity);
    return (
      sign *
      largestFit(most, this.#whole, (x) => {
        probe.quantity = sign * x;
        const priced = quote(sign * x, scratch);
        probe.quote.price = priced.price;
        probe.quote.commission = priced.commission;
        return this.#fits(this.#probe, 1);
      })
    );
  }

  /** The last #fits refused its book: say why in `refusal`, `refusedGross`, `refusedNet`. */
  #refuse(): void {
    const v = this.#verdict;
    this.refusal = v.refusal as Refusal; // set: #fits returned false
    this.refusedGross = v.gross;
    this.refusedNet = v.net;
  }

  /**
   * Whether the account takes all of `leg` (at its quote) on the book as it is now; sets
   * closedPastLimit as allowed() does. allowed() cuts a leg it does not take whole.
   */
  takesWhole(leg: Readonly<Leg>): boolean {
    const probe = this.#probe[0];
    probe.symbol = leg.symbol;
    probe.reference = leg.reference;
    probe.cashOnly = leg.cashOnly;
    probe.quantity = leg.quantity;
    probe.quote.price = leg.quote.price;
    probe.quote.commission = leg.quote.commission;
    this.closedPastLimit = false;
    if (!this.#fits(this.#probe, 1)) return false;
    this.closedPastLimit = this.#pastLimit;
    return true;
  }

  /** The book's gross and net exposure (× NAV) at its marks when past a margin limit; null within them (and in a cash account). */
  pastLimits(): { gross: number; net: number } | null {
    const book = this.exposure();
    if (book === null || this.#account.kind === 'cash') return null;
    const past = (x: number, max: number): boolean => !(Math.abs(x) <= max * (1 + SLACK));
    return past(book.gross, this.#account.maxGross) || past(book.net, this.#account.maxNet) ? book : null;
  }

  /** The book's gross and net exposure as multiples of NAV at its marks; null when NAV ≤ 0 (a ruined book has no multiple). */
  exposure(): { gross: number; net: number } | null {
    const p = this.#portfolio;
    const nav = p.cash + p.longValue + p.shortValue;
    return nav > 0 ? { gross: (p.longValue - p.shortValue) / nav, net: (p.longValue + p.shortValue) / nav } : null;
  }

  /**
   * Whether the book moved further past a limit than `before` (exposure() then): past maxGross
   * with more gross, or past maxNet with more |net|. Exits are judged so: one that lowers
   * exposure is not blamed for a book that drifted past its limits on its own.
   */
  furtherPast(before: { gross: number; net: number } | null): boolean {
    const after = this.pastLimits();
    if (after === null || this.#account.kind === 'cash') return false;
    if (before === null) return true;
    const { maxGross, maxNet } = this.#account;
    return (after.gross > maxGross * (1 + SLACK) && after.gross > before.gross * (1 + SLACK)) || (Math.abs(after.net) > maxNet * (1 + SLACK) && Math.abs(after.net) > Math.abs(before.net) * (1 + SLACK));
  }

  /**
   * True when the book after all `count` legs (in full, each at its quote) is one the account
   * allows; when not, `refusal`, `refusedGross` and `refusedNet` say why and what they would have reached.
   */
  sessionFits(legs: readonly Leg[], count: number): boolean {
    if (this.#fits(legs, count)) return true;
    this.#refuse();
    return false;
  }

  /**
   * How the book after legs[0..count) (in full, each at its quote) stands against the account: a
   * reused record, valid until the next call of any method here. Sets nothing else (a trial book).
   */
  judge(legs: readonly Leg[], count: number): Readonly<Verdict> {
    this.#fits(legs, count);
    return this.#verdict;
  }

  /**
   * Whether the book after legs[0..count) is allowed; sets #verdict (refusal null when it is, the
   * limits it is past, the gross and net after as multiples of NAV after) and #pastLimit.
   * Positions the legs touch are marked at their references before and after, as Portfolio.trade
   * marks them; the others at their marks, the prices known at the fill (Broker marks the book
   * before the session's fills); costs lower cash and NAV.
   */
  #fits(legs: readonly Leg[], count: number): boolean {
    const p = this.#portfolio;
    const pending = this.#pending;
    const mark = this.#pendingMark;
    let cash = p.cash;
    let shortsAfter = false;
    let cashOnlyBuy = false;
    // Some leg opens or grows a position (else every leg only closes part of one: never cut by a limit).
    let grows = false;
    for (let k = 0; k < count; k++) {
      const leg = legs[k];
      pending[leg.symbol] += leg.quantity;
      mark[leg.symbol] = leg.reference;
      // The same operations Portfolio.trade and the broker apply, so "fits" means cash ≥ 0 after.
      cash -= leg.quantity * leg.quote.price;
      cash -= leg.quote.commission;
      if (leg.cashOnly && leg.quantity > 0 && p.shares[leg.symbol] >= 0) cashOnlyBuy = true; // a buy to cover a short reduces risk: never held back
    }
    // The book without the touched symbols, then each touched symbol before and after.
    let others = p.longValue - p.shortValue;
    let net = p.longValue + p.shortValue;
    let grossBefore = 0;
    let netTouchedBefore = 0;
    let grossTouchedAfter = 0;
    let netTouchedAfter = 0;
    // Shorts the legs leave untouched (currency, ≤ 0).
    let otherShorts = p.shortValue;
    for (let k = 0; k < count; k++) {
      const i = legs[k].symbol;
      if (Number.isNaN(mark[i])) continue; // counted already (two legs of one symbol)
      const held = p.shares[i];
      const current = held * p.mark[i];
      others -= Math.abs(current);
      net -= current;
      if (current < 0) otherShorts -= current;
      const before = held * mark[i];
      const heldAfter = held + pending[i];
      const after = heldAfter * mark[i];
      if (heldAfter < 0) shortsAfter = true;
      if (Math.abs(heldAfter) > Math.abs(held) || heldAfter * held < 0) grows = true;
      grossBefore += Math.abs(before);
      netTouchedBefore += before;
      grossTouchedAfter += Math.abs(after);
      netTouchedAfter += after;
      pending[i] = 0;
      mark[i] = NaN;
    }
    for (let k = 0; k < count; k++) mark[legs[k].symbol] = 0;
    const navAfter = cash + net + netTouchedAfter;
    const grossAfter = others + grossTouchedAfter;
    const netAfter = net + netTouchedAfter;
    const v = this.#verdict;
    v.gross = grossAfter / navAfter;
    v.net = netAfter / navAfter;
    v.netSign = netAfter > 0 ? 1 : netAfter < 0 ? -1 : 0;
    v.refusal = null;
    v.pastGross = false;
    v.pastNet = 0;
    this.#pastLimit = false;
    if (this.#account.kind === 'cash') {
      if (shortsAfter) v.refusal = 'short';
      else if (cash < 0) v.refusal = 'cash';
      return v.refusal === null;
    }
    const { maxGross, maxNet } = this.#account;
    const limit = (x: number): number => x * Math.max(navAfter, 0) * (1 + SLACK);
    // Closing (part of) positions is always allowed, as at a broker: a cover that lifts net exposure
    // past maxNet is not cut (a cut left a short nobody asked for).
    const grossWithin = grossAfter <= limit(maxGross) || grossAfter <= others + grossBefore;
    const netWithin = Math.abs(netAfter) <= limit(maxNet) || Math.abs(netAfter) <= Math.abs(net + netTouchedBefore);
    // A plan that asked for no leverage buys with cash that is its own: not while a short is still
    // open, whose sale proceeds the cash holds and whose cover will spend them, and not beyond the
    // cash there (said as cash-limited, even where the overspend would also breach a limit).
    const shortsRemain = shortsAfter || otherShorts < -SLACK * Math.abs(navAfter);
    v.pastGross = grows && !grossWithin;
    v.pastNet = grows && !netWithin ? v.netSign : 0;
    if (cashOnlyBuy && (shortsRemain || cash < 0)) v.refusal = 'cash';
    else if (v.pastGross || v.pastNet !== 0) v.refusal = 'limit';
    this.#pastLimit = !grows && !(grossWithin && netWithin);
    return v.refusal === null;
  }
}
