// The account a run trades in, checked at every fill (the planner checks targets at the decision;
// prices move and funding sells rest between the decision and the fill, so the fill is where an
// account limit really binds).
//   cash   — no shorts and no borrowing: a buy fills only against the cash there at its fill,
//            after the fills that really happened before it; a sell never goes below zero shares.
//   margin — shorts and borrowing within gross and net exposure limits (multiples of NAV); a fill
//            may not take an exposure past its limit, nor worsen one already past it.
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

/** Relative slack for comparisons of money amounts that went through a few float operations. */
const SLACK = 1e-12;

export class AccountGuard {
  readonly #account: Account;
  readonly #portfolio: Portfolio;
  readonly #whole: boolean;

  constructor(account: Account, portfolio: Portfolio, wholeShares: boolean) {
    this.#account = account;
    this.#portfolio = portfolio;
    this.#whole = wholeShares;
  }

  get kind(): Account['kind'] {
    return this.#account.kind;
  }

  /**
   * The largest part of a fill of `quantity` signed shares of symbol i that the account allows:
   * same sign, |part| ≤ |quantity|. `quote(q)` prices a fill of q shares (it may depend on q, as
   * square-root impact does); `reference` is the pre-slippage price positions are marked at.
   * The quote passed in is filled for `quantity` itself on return when the whole fill is allowed.
   */
  allowed(i: number, quantity: number, reference: number, quote: (q: number, out: FillQuote) => FillQuote, scratch: FillQuote): number {
    if (this.#fits(i, quantity, reference, quote(quantity, scratch))) return quantity;
    const sign = Math.sign(quantity);
    let lo = 0;
    let hi = Math.abs(quantity);
    if (this.#whole) {
      // Largest whole x in [0, hi) that fits: the feasible set is an interval from 0.
      hi = Math.ceil(hi) - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (this.#fits(i, sign * mid, reference, quote(sign * mid, scratch))) lo = mid;
        else hi = mid - 1;
      }
    } else {
      for (let k = 0; k < 80 && hi - lo > Math.abs(quantity) * 1e-15; k++) {
        const mid = (lo + hi) / 2;
        if (this.#fits(i, sign * mid, reference, quote(sign * mid, scratch))) lo = mid;
        else hi = mid;
      }
    }
    return sign * lo;
  }

  #fits(i: number, q: number, reference: number, fill: FillQuote): boolean {
    if (q === 0) return true;
    const p = this.#portfolio;
    const held = p.shares[i];
    if (this.#account.kind === 'cash') {
      if (held + q < 0) return false; // no shorts
      // The same operations Portfolio.trade and the broker apply, so "fits" means cash ≥ 0 after.
      return p.cash - q * fill.price - fill.commission >= 0;
    }
    const { maxGross, maxNet } = this.#account;
    const before = held * p.mark[i];
    const gross = p.longValue - p.shortValue - Math.abs(before);
    const net = p.longValue + p.shortValue - before;
    const position = held * reference;
    const after = (held + q) * reference;
    const navAfter = p.cash - q * fill.price - fill.commission + p.longValue + p.shortValue - before + after;
    const grossBefore = gross + Math.abs(position);
    const grossAfter = gross + Math.abs(after);
    const netBefore = Math.abs(net + position);
    const netAfter = Math.abs(net + after);
    const limit = (x: number): number => x * Math.max(navAfter, 0) * (1 + SLACK);
    return (grossAfter <= limit(maxGross) || grossAfter <= grossBefore) && (netAfter <= limit(maxNet) || netAfter <= netBefore);
  }
}
