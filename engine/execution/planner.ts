// The rebalance planner: turns a target portfolio into net orders. It nets targets against
// holdings, emits reductions before additions, sizes buys to the cash that will really be there
// after estimated costs (for unlevered long books: a weight target is a share of NAV net of costs,
// while what the cash takes off a share or value target is a cut, PlannedOrders.cut), rounds to
// whole shares unless fractional shares are enabled, skips trades below a minimum notional, and
// rejects — never clips — targets
// that the account does not allow (a cash account: no shorts, gross and net at most 1; a margin
// account: its gross and net limits), and skips uneconomic trades (commission above a share of
// the notional). Planning the same targets twice at the same prices trades nothing.

import { accountLimits, type AccountLimits } from '../accounting/account.ts';
import { MAX_SHARES, unsizableTarget, unvaluedBook } from '../accounting/bookRange.ts';
import type { EngineConfig } from '../config.ts';
import type { CheckedTargets } from '../decisions/decisionCheck.ts';
import type { PendingTargets, TargetKind } from './pendingTargets.ts';
import type { Portfolio } from '../accounting/portfolio.ts';
import { SkipRule } from '../result.ts';
import { roundShares, snapWhole } from '../accounting/shares.ts';

/**
 * Net orders in execution order (reductions first): symbol[k], quantity[k] (signed shares) and
 * cut[k] for k < count. Reused buffers. cut[k] (shares, ≥ 0) is what fitting the buys to the cash
 * took off a buy that share or value targets asked for (quantity[k] + cut[k] was asked); 0 for
 * weight targets, whose sizing net of costs is their convention, not a cut. A buy cut to nothing
 * is a leg of quantity 0 with its cut.
 */
export interface PlannedOrders {
  count: number;
  readonly symbol: Int32Array;
  readonly quantity: Float64Array;
  readonly cut: Float64Array;
}

export interface Plan {
  readonly orders: PlannedOrders;
  /** Present when the targets breached the account's limits (or NAV ≤ 0): nothing is traded. */
  readonly breach?: { readonly gross: number; readonly net: number };
  /**
   * Symbols with a non-zero target that cannot be sized (never priced by the decision, or gone
   * from the market): left as they are.
   */
  readonly unpriced: number[];
  /** The target of each of `unpriced` in the decision's unit (`kind`): they stand until the symbol has a price (pendingTargets.ts). */
  readonly unpricedTargets: number[];
  readonly kind: TargetKind;
  /** The targets ask for no leverage (long only, net ≤ 1): buys are sized to the cash and may spend only it (account.ts). */
  readonly cashOnly: boolean;
}

/** What the planner reads at a decision (the engine's, or a test's stub). */
export interface PlanContext {
  /** Holdings (shares, marks) and cash before the decision's orders. */
  readonly portfolio: Pick<Portfolio, 'shares' | 'mark' | 'cash'>;
  readonly nav: number;
  /** Decision-close price of symbol i (NaN when it has none). */
  price(i: number): number;
  /**
   * Where symbol i has no bar at the decision but is listed: its last close before it at the
   * decision's price level (engine/market/listing.ts); NaN when it has never traded, has left, or its
   * last bar is older than the run's staleMarkSessions.
   */
  lastClose(i: number): number;
  /** False once symbol i has left the market (delisted, or its data ended): nothing for it can trade again. */
  listed(i: number): boolean;
  /** Estimated commission + slippage in currency for trading `quantity` of symbol i at `price`. */
  estimateCost(i: number, quantity: number, price: number): number;
  /** Commission in currency for a new order of `quantity` of symbol i at `price`. */
  commission(i: number, quantity: number, price: number): number;
  /** The name of symbol i, and the decision's date (ISO), for errors. */
  name(i: number): string;
  readonly date: string;
}

/** Symbols a decision could not size, with their targets in its unit. */
interface Unpriced {
  readonly symbols: number[];
  readonly targets: number[];
}

const LEVERAGE_TOLERANCE = 1e-9;
/** Cash "after the rebalance" may dip this far below zero (× NAV): floating-point noise, not debt. */
const CASH_TOLERANCE = 1e-9;
/** A trade smaller than this (× NAV) is floating-point dust, not a rebalance. */
const DUST = 1e-9;
/**
 * Relative tolerance of a rule's boundary (maxCommissionRate, minTradeNotional, a drift band): a
 * value within 1e-9 of the limit is at it. The limit is inclusive, and a cost, notional or weight
 * computed in binary64 lands a few ulps either side of a limit it meets exactly (6,681 × 74.83 at
 * 100 bps: commission 4,999.3923 against 0.01 × 499,939.23 = 4,999.3922999999995).
 */
export const RULE_TOLERANCE = 1e-9;

/** `value` is above `limit` by more than RULE_TOLERANCE of it (limits ≥ 0): at the limit, within noise, is not above. */
export function above(value: number, limit: number): boolean {
  return value > limit * (1 + RULE_TOLERANCE);
}

/** `value` is below `limit` by more than RULE_TOLERANCE of it (limits ≥ 0): at the limit, within noise, is not below. */
export function below(value: number, limit: number): boolean {
  return value < limit * (1 - RULE_TOLERANCE);
}

export class RebalancePlanner {
  readonly #config: EngineConfig;
  readonly #limits: AccountLimits;
  readonly #wanted: Float64Array;
  /** A flip (long → short) is two orders, so at most 2N. */
  readonly #orders: PlannedOrders;
  /** Target weight of the last accepted decision per symbol (NaN = none): read for snapshots and drift. */
  readonly targetWeight: Float64Array;
  /**
   * True while targetWeight holds an accepted target decision, where a symbol it did not name
   * (NaN) is targeted at 0 — `{ weights: {} }` is a book of cash; false before any, and after
   * explicit orders (clearTargets), when no symbol has a target weight.
   */
  #targetsStand = false;
  /** Target weights of the decision being planned; committed to targetWeight when it is accepted. */
  readonly #proposed: Float64Array;
  /**
   * The trades the skip rules dropped from the last plan — before the buys were sized
   * (#holdSkipped), or a weight target's buy the fit to the cash left too small (#emit) — `count`
   * rows in symbol order, as Result.SkippedTrades without the session. Reused buffers: every plan
   * starts them anew.
   */
  readonly skipped: { count: number; readonly symbol: Int32Array; readonly rule: Uint8Array; readonly share: Float64Array; readonly gross: Float64Array };
  /** Per symbol, under whole shares: the share of NAV its standing target lost to rounding (#round); 0 where none. */
  readonly #remainder: Float64Array;
  #roundedAway = 0;
  /** #wanted before #fitBuysToCash: what share and value targets asked for (PlannedOrders.cut). */
  readonly #asked: Float64Array;

  constructor(symbolCount: number, config: EngineConfig) {
    this.#config = config;
    this.#limits = accountLimits(config.account);
    this.#wanted = new Float64Array(symbolCount);
    this.#orders = { count: 0, symbol: new Int32Array(2 * symbolCount), quantity: new Float64Array(2 * symbolCount), cut: new Float64Array(2 * symbolCount) };
    this.targetWeight = new Float64Array(symbolCount).fill(NaN);
    this.#proposed = new Float64Array(symbolCount);
    this.#remainder = new Float64Array(symbolCount);
    this.#asked = new Float64Array(symbolCount);
    this.skipped = { count: 0, symbol: new Int32Array(symbolCount), rule: new Uint8Array(symbolCount), share: new Float64Array(symbolCount), gross: new Float64Array(symbolCount) };
  }

  /**
   * The share of NAV (a fraction ≥ 0) that rounding the standing targets to whole shares left out
   * of the book: Σ over symbols of |target shares − whole shares| × price / NAV, each at the plan
   * that sized it (a decision's, or planPending's for a target that waited for its price). Set by
   * every accepted plan; 0 with fractional shares. The buys' fit to the cash and the skip rules are
   * not rounding and are not in it.
   */
  get roundedAway(): number {
    return this.#roundedAway;
  }

  /** See #targetsStand. */
  get targetsStand(): boolean {
    return this.#targetsStand;
  }

  /** Explicit orders replaced the targets: no symbol has a target weight now. */
  clearTargets(): void {
    this.targetWeight.fill(NaN);
    this.#targetsStand = false;
  }

  /** Plan a decision's targets (read and checked: engine/decisions/decisionCheck.ts); symbols they do not name are closed. */
  plan(targets: CheckedTargets, ctx: PlanContext): Plan {
    const unpriced: Unpriced = { symbols: [], targets: [] };
    this.#wanted.fill(0);
    this.#proposed.fill(NaN);
    for (let k = 0; k < targets.count; k++) this.#set(targets.symbol[k], targets.amount[k], targets.kind, ctx, unpriced);
    return this.#size(ctx, targets.kind, unpriced);
  }

  /**
   * Size and order the pending targets of `symbols` — each now with a price at the session `ctx`
   * reads — exactly as a decision on that session would (its close and NAV, whole shares, costs,
   * the cash, the account's limits), touching no other symbol: every other symbol's order is its
   * holding. The account's limits are checked on the standing targets (each symbol's targetWeight,
   * its holding where it has none), as the decision would have been had it priced them. Their
   * weights join targetWeight (value and share targets at the weight they size to).
   */
  planPending(symbols: readonly number[], pending: PendingTargets, ctx: PlanContext): Plan {
    const unpriced: Unpriced = { symbols: [], targets: [] };
    this.#wanted.set(ctx.portfolio.shares);
    this.#proposed.set(this.targetWeight);
    for (const i of symbols) this.#set(i, pending.target(i), pending.kind, ctx, unpriced);
    // The targets still waiting count as the decision counted them (#waitingBook).
    const ready = new Set(symbols);
    const still = pending.symbols.filter((i) => !ready.has(i));
    for (const i of still) {
      unpriced.symbols.push(i);
      unpriced.targets.push(pending.target(i));
    }
    return this.#size(ctx, pending.kind, unpriced, true);
  }

  /**
   * Check #wanted (`standing`: the weights of #proposed where set) and the targets waiting for a
   * price (`unpriced`, #waitingBook) against the account's limits; when it passes, commit its
   * weights and plan the net orders. A plan is cash-only (account.ts) when neither shorts nor
   * net above 1 — waiting legs included.
   */
  #size(ctx: PlanContext, kind: TargetKind, unpriced: Unpriced, standing = false): Plan {
    const n = this.#wanted.length;
    const wanted = this.#wanted;
    this.skipped.count = 0;
    const waiting = waitingBook(kind, unpriced, ctx.nav);
    let gross = waiting.gross;
    let net = waiting.net;
    let hasShorts = waiting.shorts;
    const skip = new Set(unpriced.symbols);
    for (let i = 0; i < n; i++) {
      if (skip.has(i)) continue;
      const value = standing && Number.isFinite(this.#proposed[i]) ? this.#proposed[i] * ctx.nav : wanted[i] === 0 ? 0 : wanted[i] * valuePrice(ctx, i);
      if (value === 0) continue;
      gross += Math.abs(value);
      net += value;
      if (value < 0) hasShorts = true;
    }
    if (!Number.isFinite(gross) || !Number.isFinite(net)) throw unvaluedBook(ctx.date, wanted, ctx.name, (i) => valuePrice(ctx, i));
    gross /= ctx.nav;
    net /= ctx.nav;
    const { maxGross, maxNet, shorts } = this.#limits;
    const common = { unpriced: unpriced.symbols, unpricedTargets: unpriced.targets, kind };
    if (!(ctx.nav > 0) || gross > maxGross + LEVERAGE_TOLERANCE || Math.abs(net) > maxNet + LEVERAGE_TOLERANCE || (hasShorts && !shorts)) {
      this.#orders.count = 0;
      return { orders: this.#orders, breach: { gross, net }, cashOnly: false, ...common };
    }
    this.targetWeight.set(this.#proposed);
    this.#targetsStand = true;
    this.#round(ctx, standing);
    // Trades the skip rules drop are left out first, so no buy is sized on a sale that will not happen.
    this.#holdSkipped(ctx);
    const cashOnly = !hasShorts && net <= 1 + LEVERAGE_TOLERANCE;
    // A share or value target asks for a count: what the fit takes off its buy is a cut, reported.
    const cuts = cashOnly && kind !== 'weights';
    if (cuts) this.#asked.set(wanted);
    if (cashOnly) this.#fitBuysToCash(ctx);
    if (cuts && this.#config.shares === 'whole') this.#topUpCuts(ctx);
    // (with zero costs, an unlevered long book always fits: the loop exits on its first pass)
    return { orders: this.#netOrders(ctx, cuts), cashOnly, ...common };
  }

  /**
   * Symbol i's target `x` (finite, in `kind`'s unit) into #wanted (shares) and #proposed (weight).
   * A listed symbol with no bar at the decision (a weekend in a seven-day calendar, a halt) is
   * sized, while its last close is fresh (ctx.lastClose), at its last mark when held, else at that
   * close: its target stands and its order rests until the symbol trades, so the leverage check
   * sees the book the plan will reach. A symbol that cannot be sized (never priced, a last bar
   * older than staleMarkSessions — held or not — or gone from the market) keeps its holding and
   * joins `unpriced`, with its target: it stands until the symbol has a price (planPending).
   */
  #set(i: number, x: number, kind: TargetKind, ctx: PlanContext, unpriced: Unpriced): void {
    const p = sizable(ctx, i) ? valuePrice(ctx, i) : NaN;
    if (x !== 0 && !(p > 0)) {
      unpriced.symbols.push(i);
      unpriced.targets.push(x);
      this.#wanted[i] = ctx.portfolio.shares[i];
      // The weight asked for is still the decision's target (what waits in cash is measured by it).
      if (kind === 'weights') this.#proposed[i] = x;
      return;
    }
    const worth = kind === 'values' ? x : x * ctx.nav;
    const shares = kind === 'shares' ? x : worth / p;
    // More shares than a number counts exactly (a price so small that 15,000 / 1e-304 = 1.5e308): no book can hold them.
    if (x !== 0 && !(Math.abs(shares) <= MAX_SHARES) && (kind === 'shares' || Number.isFinite(worth))) throw unsizableTarget(ctx.name(i), ctx.date, kind === 'shares' ? x : worth, p, kind === 'shares');
    this.#wanted[i] = x === 0 ? 0 : shares;
    this.#proposed[i] = kind === 'weights' ? x : (shares * p) / ctx.nav;
  }

  /**
   * Whole shares: round #wanted toward zero and record what each rounded target lost, as a share
   * of NAV (roundedAway). A decision's plan sets every symbol's remainder; a `standing` plan
   * (planPending) only those it rounds — the others are holdings, already whole, whose remainder
   * from their own plan stands.
   */
  #round(ctx: PlanContext, standing: boolean): void {
    if (this.#config.shares === 'fractional') return;
    const wanted = this.#wanted;
    const remainder = this.#remainder;
    if (!standing) remainder.fill(0);
    let total = 0;
    for (let i = 0; i < wanted.length; i++) {
      const whole = roundShares(wanted[i]);
      // A count within float noise of a whole number loses nothing to rounding.
      if (whole !== snapWhole(wanted[i])) remainder[i] = (Math.abs(wanted[i] - whole) * valuePrice(ctx, i)) / ctx.nav;
      wanted[i] = whole;
      total += remainder[i];
    }
    this.#roundedAway = total;
  }

  /**
   * Scale buys down until estimated cash after the rebalance and its costs is not negative. A
   * sell with no price at the decision (a missing bar) counts at its last mark: its order rests
   * until the symbol trades, and the broker holds back any buy it funds until it has.
   */
  #fitBuysToCash(ctx: PlanContext): void {
    const wanted = this.#wanted;
    const held = ctx.portfolio.shares;
    for (let attempt = 0; attempt < 20; attempt++) {
      let cash = ctx.portfolio.cash;
      let buys = 0;
      for (let i = 0; i < wanted.length; i++) {
        const delta = wanted[i] - held[i];
        if (delta === 0) continue;
        const p = valuePrice(ctx, i);
        if (!(p > 0)) continue;
        const cost = ctx.estimateCost(i, delta, p);
        cash -= delta * p + cost;
        if (delta > 0) buys += delta * p + cost;
      }
      if (cash >= -CASH_TOLERANCE * ctx.nav || buys === 0) return;
      // Exact for proportional costs; whole shares and minimum commissions need a few more passes.
      const keep = Math.max(0, (buys + cash) / buys) * (attempt === 0 ? 1 : 1 - 1e-12 * 10 ** attempt);
      for (let i = 0; i < wanted.length; i++) {
        const delta = wanted[i] - held[i];
        if (delta > 0) wanted[i] = held[i] + this.#roundShares(delta * keep);
      }
    }
  }

  /**
   * After #fitBuysToCash scaled share and value targets' buys in proportion and rounded each down,
   * the cash left may still pay for whole shares: give them back, one share at a time to the buy
   * cut most (in value), while the cash covers the share and its cost — so "cut to what the cash
   * covers" is the most it covers (probe r29b: 47 + 47 of 49 + 49 at 105 left 130, where 95 fit).
   */
  #topUpCuts(ctx: PlanContext): void {
    const wanted = this.#wanted;
    const asked = this.#asked;
    const held = ctx.portfolio.shares;
    let cash = ctx.portfolio.cash;
    for (let i = 0; i < wanted.length; i++) {
      const delta = wanted[i] - held[i];
      const p = valuePrice(ctx, i);
      if (delta !== 0 && p > 0) cash -= delta * p + ctx.estimateCost(i, delta, p);
    }
    for (;;) {
      let best = -1;
      let shortfall = 0;
      let spend = 0;
      for (let i = 0; i < wanted.length; i++) {
        if (!(asked[i] > wanted[i] && wanted[i] >= held[i])) continue;
        const p = valuePrice(ctx, i);
        const delta = wanted[i] - held[i];
        const more = p + ctx.estimateCost(i, delta + 1, p) - (delta === 0 ? 0 : ctx.estimateCost(i, delta, p));
        if (!(p > 0) || more > cash + CASH_TOLERANCE * ctx.nav || (asked[i] - wanted[i]) * p <= shortfall) continue;
        [best, shortfall, spend] = [i, (asked[i] - wanted[i]) * p, more];
      }
      if (best < 0) return;
      wanted[best]++;
      cash -= spend;
    }
  }

  /** Keep the holding of every symbol whose trade the skip rules drop. */
  #holdSkipped(ctx: PlanContext): void {
    const wanted = this.#wanted;
    const held = ctx.portfolio.shares;
    for (let i = 0; i < wanted.length; i++) {
      if (wanted[i] === held[i]) continue;
      const rule = this.#skipped(ctx, i, held[i], wanted[i]);
      if (rule === null) continue;
      if (rule !== 'dust') this.#noteSkipped(ctx, i, rule, held[i], wanted[i]);
      wanted[i] = held[i];
    }
  }

  /** Record in `skipped` that `rule` dropped symbol i's trade from `from` to `to` shares, sized at its plan price and NAV. */
  #noteSkipped(ctx: PlanContext, i: number, rule: keyof typeof SkipRule, from: number, to: number): void {
    const s = this.skipped;
    const price = valuePrice(ctx, i);
    s.symbol[s.count] = i;
    s.rule[s.count] = SkipRule[rule];
    s.share[s.count] = Math.abs((to - from) * price) / ctx.nav;
    s.gross[s.count++] = ((Math.abs(to) - Math.abs(from)) * price) / ctx.nav;
  }

  /**
   * The rule that drops the trade of symbol i from `from` to `to` shares — dust, below the minimum
   * notional, or commission above maxCommissionRate of its notional — or null when none does.
   * Both limits are inclusive, within RULE_TOLERANCE: a commission of exactly 1 % fills at 0.01.
   * Closing a position (to = 0) is never dropped.
   */
  #skipped(ctx: PlanContext, i: number, from: number, to: number): 'dust' | 'minTradeNotional' | 'maxCommissionRate' | null {
    if (to === 0) return null;
    const delta = to - from;
    const price = valuePrice(ctx, i);
    const notional = Math.abs(delta * price);
    if (notional < DUST * ctx.nav) return 'dust';
    if (below(notional, this.#config.minTradeNotional)) return 'minTradeNotional';
    return above(ctx.commission(i, delta, price), this.#config.maxCommissionRate * notional) ? 'maxCommissionRate' : null;
  }

  #roundShares(x: number): number {
    return this.#config.shares === 'whole' ? roundShares(x) : x;
  }

  /**
   * Net orders, reductions first; a position that flips sign is closed, then reopened. `cuts`:
   * the buys' fit to the cash cut share or value targets (#asked holds what they asked for).
   */
  #netOrders(ctx: PlanContext, cuts: boolean): PlannedOrders {
    const orders = this.#orders;
    orders.count = 0;
    this.#emit(ctx, true, cuts);
    this.#emit(ctx, false, cuts);
    return orders;
  }

  /**
   * Append the reducing (or the adding) legs of every symbol's trade. With `cuts`, the adding pass
   * gives a buy the fit cut its cut — a leg of quantity 0 when nothing of it is left to trade.
   */
  #emit(ctx: PlanContext, reductions: boolean, cuts: boolean): void {
    const wanted = this.#wanted;
    const held = ctx.portfolio.shares;
    const orders = this.#orders;
    for (let i = 0; i < wanted.length; i++) {
      const from = held[i];
      let to = wanted[i];
      // A buy the fit cut and the skip rules then drop (too small after the cut) is cut whole: a share or value target's is
      // said as a cut; a weight target's (its fit is no cut) is a skipped trade, noted once (on the reducing pass).
      const rule = to !== from ? this.#skipped(ctx, i, from, to) : null;
      if (rule !== null && rule !== 'dust' && reductions && !cuts) this.#noteSkipped(ctx, i, rule, from, to);
      if (rule !== null) to = from;
      const cut = cuts && !reductions && this.#asked[i] > to ? this.#asked[i] - to : 0;
      const delta = to - from;
      let quantity = 0;
      if (from !== 0 && (to === 0 || Math.sign(to) !== Math.sign(from))) quantity = reductions ? -from : to;
      else if (Math.abs(to) < Math.abs(from) === reductions) quantity = delta;
      if (quantity === 0 && cut === 0) continue;
      orders.symbol[orders.count] = i;
      orders.quantity[orders.count] = quantity;
      orders.cut[orders.count++] = cut;
    }
  }
}

/**
 * The book of targets waiting for their symbol's price (`unpriced`, in the decision's unit
 * `kind`), in currency, for the account check: a weight at weight × `nav`, a value at its value. A
 * share count cannot be valued without a price: only its sign counts here (a short is a short),
 * and its value is checked at the symbol's first price, where it is sized (planPending).
 */
function waitingBook(kind: TargetKind, unpriced: Unpriced, nav: number): { gross: number; net: number; shorts: boolean } {
  let gross = 0;
  let net = 0;
  let shorts = false;
  for (const x of unpriced.targets) {
    if (x < 0) shorts = true;
    const value = kind === 'weights' ? x * nav : kind === 'values' ? x : 0;
    gross += Math.abs(value);
    net += value;
  }
  return { gross, net, shorts };
}

/**
 * Whether a target for symbol i can be sized at the decision: listed, with a close there or a last
 * close at most staleMarkSessions old (ctx.lastClose). A holding's stale mark values it (valuePrice)
 * but sizes no target: a target on it stands until its next price (planPending).
 */
function sizable(ctx: PlanContext, i: number): boolean {
  return ctx.listed(i) && (ctx.price(i) > 0 || ctx.lastClose(i) > 0);
}

/** The price a holding or target is valued at for planning: today's; without a bar, a holding's last mark (fresh or stale), else the symbol's last close. */
function valuePrice(ctx: PlanContext, i: number): number {
  const p = ctx.price(i);
  if (p > 0) return p;
  return ctx.portfolio.shares[i] !== 0 ? ctx.portfolio.mark[i] : ctx.lastClose(i);
}
