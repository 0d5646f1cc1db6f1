// The account a run trades in, checked at every fill (the planner checks targets at the decision;
// prices move and funding sells rest between the decision and the fill, so the fill is where an
// account limit really binds).
//   cash   — no shorts and no borrowing: a buy fills only against the cash there at its fill,
//            after the fills that really happened before it; a sell never goes below zero shares.
//   margin — shorts and borrowing within gross and net exposure limits (multiples of NAV): the
//            book after a session's fills may not be past a limit, nor further past one than
//            before them. Legs of one session count together (a 130/30 book's long leg needs its
//            short leg beside it to stay within maxNet), so the broker asks about the session's
//            legs at once first (sessionFits) and one fill at a time only when they do not fit.
//            A buy from a plan that asked for no leverage (cash-only: targets long only, net at
//            most 1) spends only the cash there, as in a cash account, and none while a short is
//            still open (its cover spends the cash its sale brought): a gap, a sell or a cover that
//            rests must not make the run borrow what nobody asked for. Fills that only close
//            (part of) positions are never cut by a limit, as at a broker.
// A fill that the account cannot take whole is cut to the largest part it can (whole shares
// unless fractional shares are on); the broker decides what happens to the rest.

import type { Account } from './config.ts';
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

/** Relative slack for comparisons of money amounts that went through a few float operations. */
const SLACK = 1e-12;

export class AccountGuard {
  readonly #account: Account;
  readonly #portfolio: Portfolio;
  readonly #whole: boolean;
  /** Per symbol: shares the legs under test add, and the reference the last of them marks at. */
  readonly #pending: Float64Array;
  readonly #pendingMark: Float64Array;
  /** The one leg allowed() prices: a reused record. */
  readonly #probe: Leg[] = [{ symbol: 0, quantity: 0, reference: 0, quote: { price: 0, commission: 0, slippage: 0 }, cashOnly: false }];
  /** Why the last allowed() call cut its fill, and the gross and net (× NAV after) its whole fill would have reached. */
  refusal: Refusal = 'limit';
  refusedGross = NaN;
  refusedNet = NaN;
  /**
   * The last allowed() call let a fill that only closes positions take the book past a limit (a
   * cover lifting net past maxNet while the long it funds rests): not cut; the broker reports it
   * when the session's fills leave the book past the limit (pastLimits).
   */
  closedPastLimit = false;
  // What the last #fits computed.
  #failed: Refusal | null = null;
  #grossAfter = 0;
  #netAfter = 0;
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
    this.refusal = this.#failed as Refusal; // set: #fits returned false
    this.refusedGross = this.#grossAfter;
    this.refusedNet = this.#netAfter;
    const fits = (q: number): boolean => {
      probe.quantity = q;
      const priced = quote(q, scratch);
      probe.quote.price = priced.price;
      probe.quote.commission = priced.commission;
      return this.#fits(this.#probe, 1);
    };
    const sign = Math.sign(quantity);
    let lo = 0;
    let hi = Math.abs(quantity);
    if (this.#whole) {
      // Largest whole x in [0, hi) that fits: the feasible set is an interval from 0.
      hi = Math.ceil(hi) - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(sign * mid)) lo = mid;
        else hi = mid - 1;
      }
    } else {
      for (let k = 0; k < 80 && hi - lo > Math.abs(quantity) * 1e-15; k++) {
        const mid = (lo + hi) / 2;
        if (fits(sign * mid)) lo = mid;
        else hi = mid;
      }
    }
    return sign * lo;
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

  /** True when the book after all `count` legs (in full, each at its quote) is one the account allows. */
  sessionFits(legs: readonly Leg[], count: number): boolean {
    return this.#fits(legs, count);
  }

  /**
   * Whether the book after legs[0..count) is allowed; sets #failed (null when it is) and the
   * gross and net after, as multiples of NAV after. Positions the legs touch are marked at their
   * references before and after, as Portfolio.trade marks them; costs lower cash and NAV.
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
    this.#grossAfter = grossAfter / navAfter;
    this.#netAfter = netAfter / navAfter;
    this.#failed = null;
    this.#pastLimit = false;
    if (this.#account.kind === 'cash') {
      if (shortsAfter) this.#failed = 'short';
      else if (cash < 0) this.#failed = 'cash';
      return this.#failed === null;
    }
    const { maxGross, maxNet } = this.#account;
    const limit = (x: number): number => x * Math.max(navAfter, 0) * (1 + SLACK);
    // Closing (part of) positions is always allowed, as at a broker: a cover that lifts net exposure
    // past maxNet is not cut (a cut left a short nobody asked for).
    const withinLimits =
      (grossAfter <= limit(maxGross) || grossAfter <= others + grossBefore) && (Math.abs(netAfter) <= limit(maxNet) || Math.abs(netAfter) <= Math.abs(net + netTouchedBefore));
    // A plan that asked for no leverage buys with cash that is its own: not while a short is still
    // open, whose sale proceeds the cash holds and whose cover will spend them, and not beyond the
    // cash there (said as cash-limited, even where the overspend would also breach a limit).
    const shortsRemain = shortsAfter || otherShorts < -SLACK * Math.abs(navAfter);
    if (cashOnlyBuy && (shortsRemain || cash < 0)) this.#failed = 'cash';
    else if (grows && !withinLimits) this.#failed = 'limit';
    this.#pastLimit = !grows && !withinLimits;
    return this.#failed === null;
  }
}
