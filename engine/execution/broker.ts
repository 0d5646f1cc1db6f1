// The broker: fills the resting orders of the order book (orderBook.ts) against one session's bar.
// It runs the steps every fill shares and asks the execution models (engine/models/) only their
// own question:
// - No fill against a bar with no trade (NaN close, zero volume, or a blank volume cell after a
//   zero one): the order rests, deferral recorded.
// - The fill model gives the order's reference price on the bar, or NaN when a limit or stop is
//   not reached (the order rests). Where the data has no opens, an open fill sees that session's
//   close as its open — counted and reported.
// - The volume limit caps what a symbol fills in a session, over all its orders; the rest rests.
//   A blank volume cell in a series that has volumes reads as the last volume before it.
// - The slippage model moves the price against the trader (a limit fill is never slipped past its
//   limit); the commission model charges the slipped price, knowing what the order already paid.
// - Each order is judged against the bar once a session, its deferral recorded once.
// - Reductions fill before additions, in book order (in a cash account a sale past the holding
//   too: it fills up to the holding, the rest refused as a short); one the account would not take
//   whole (in a cash account, a sale whose commission is more than its proceeds plus the cash
//   there) is tried again after the session's other reductions, with the cash they brought in — where the
//   session's sales together pay their costs, all fill, whatever the order of the book (symbol
//   names). Day orders expire after their first fill session; GTC orders rest until filled, ended
//   by the book (a rebalance order replaced, a symbol gone, a cancel of the strategy's) or the run's end.
// - The account (account.ts) checks every fill on the book marked at the prices known at it (a
//   next-open fill: each held symbol's open; #markKnown): a cash account (and a cash-only plan's buys) never
//   spends cash that is not there, a margin account's book stays within its limits. Additions are
//   asked about together first (a session's offsetting legs); past a margin limit they are cut
//   together (sessionCut.ts: the legs that offset the session's net first, then those that add to
//   it), short of cash one at a time. A fill the account cannot take whole is cut to the part it
//   can; the rest keeps resting while sells that may fund it still rest (a sale past the holding
//   too: its part up to the holding reduces the position; they fill first, reductions before
//   additions), and is cancelled otherwise — both recorded as deferrals.
// - An order that fills whole, or that the account cuts for good, ends on the book's record.

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { AccountGuard, type FillQuote, type Refusal } from '../accounting/account.ts';
import { sharesBeyondRange } from '../accounting/bookRange.ts';
import type { EngineConfig } from '../config.ts';
import { newFillRecord, type Ledger } from '../accounting/ledger.ts';
import type { LiquidityEstimator } from './liquidity.ts';
import { LiquidityGaps } from '../caveats/liquidityGaps.ts';
import { type ExecutionModels, type FillContext, type LiquidityEstimate, newFillContext } from '../models/types.ts';
import { newOrder, type OrderBook } from './orderBook.ts';
import { splitsBetween } from './sessionVolume.ts';
import { Deferral, OrderEnd, type RestingOrder } from './orders.ts';
import type { Portfolio } from '../accounting/portfolio.ts';
import { FillReason } from '../result.ts';
import { type CutLeg, SessionCut } from '../accounting/sessionCut.ts';

export type Phase = 'open' | 'close';

/** What a broker works with, by name. */
export interface BrokerParts {
  readonly market: Market;
  readonly config: EngineConfig;
  readonly portfolio: Portfolio;
  readonly ledger: Ledger;
  /** The orders to fill; the broker records how those it finishes ended. */
  readonly book: OrderBook;
  readonly models: ExecutionModels;
  /** σ and ADV for a slippage model that asks for them (`liquidityWindow`); undefined otherwise. */
  readonly liquidity: LiquidityEstimator | undefined;
}

/** Relative size of an account cut that is float noise, not a cut (fractional shares). */
const FLOAT_NOISE = 1e-9;

/** The deferral and the order end of each reason the account refuses (part of) a fill for. */
const REFUSAL_DEFERRAL = { cash: Deferral.cash, short: Deferral.noShorts, limit: Deferral.marginLimit } as const satisfies Record<Refusal, Deferral>;
const REFUSAL_END = { cash: OrderEnd.cash, short: OrderEnd.noShorts, limit: OrderEnd.marginLimit } as const satisfies Record<Refusal, OrderEnd>;

/** A margin-limit cut at a fill (reported beside the decision-time breaches). */
export interface FillBreach {
  readonly session: number;
  readonly symbol: number;
  /** Shares the account would not take. */
  readonly refused: number;
  /**
   * Gross and net exposure (× NAV after) the whole fill would have reached (with the session's
   * other additions in full, where they were cut together): why it was cut.
   */
  readonly gross: number;
  readonly net: number;
  /** Not cut: a fill that only closed positions took the book past a limit, and the session's fills left it there (gross and net after them). */
  readonly closing: boolean;
}

/** A fill prepared for the account's check: the order, what the bar lets it fill, and how it is priced. */
interface SessionLeg extends CutLeg {
  order: RestingOrder;
  /** The volume limit cut it. */
  capped: boolean;
  phase: Phase;
  liquidity: LiquidityEstimate | undefined;
  /** Shares of its symbol filled this session before it. */
  filledBefore: number;
}

function newLeg(): SessionLeg {
  return { order: newOrder(), symbol: 0, quantity: 0, allowed: 0, reference: NaN, quote: { price: NaN, commission: 0, slippage: 0 }, cashOnly: false, capped: false, phase: 'open', liquidity: undefined, filledBefore: 0 };
}

/** #hasVolume before the symbol's volume column was scanned. */
const UNKNOWN = -1;

/** Fills of the book's resting orders. Mutates the portfolio (trades, commission) and writes the ledger (fills, cost lines, deferrals). */
export class Broker {
  readonly #market: Market;
  /** Whole-share mode: fills are rounded down to whole shares. */
  readonly #whole: boolean;
  readonly #portfolio: Portfolio;
  readonly #ledger: Ledger;
  readonly #models: ExecutionModels;
  readonly #liquidity: LiquidityEstimator | undefined;
  readonly #account: AccountGuard;
  readonly #book: OrderBook;
  /** Shares filled per symbol in the current fill pass (the volume limit is per symbol and session). */
  readonly #filledToday: Float64Array;
  readonly #touched: Int32Array;
  #touchedCount = 0;
  /** Per symbol: whether its series has a volume anywhere (1, else 0; UNKNOWN until a blank cell asks) — for the caveat's count only. */
  readonly #hasVolume: Int8Array;
  /** Per symbol: the sessions before this one have been scanned for volume cells (#lastVolume's cursor: the replay asks in session order). */
  readonly #volumeScanned: Int32Array;
  /** Per symbol: the last session before #volumeScanned with a volume cell, -1 none. */
  readonly #volumeSource: Int32Array;
  /** The session's prepared fills (a reused pool). */
  readonly #legs: SessionLeg[] = [];
  /**
   * Per position in the book's resting orders: 1 once fillAll's reductions pass has judged it against the
   * session's bar, so the additions pass leaves it (a reused buffer, grown with the book).
   */
  #judged = new Uint8Array(0);
  /** Cuts the session's additions together where the book after them all is past a margin limit. */
  readonly #cut: SessionCut;
  /** Reused per fill: what the models are asked, the quote under test and the ledger record. */
  readonly #context: FillContext = newFillContext(newOrder());
  readonly #quote: FillQuote = { price: 0, commission: 0, slippage: 0 };
  readonly #record = newFillRecord();
  readonly #quoteFor = (q: number, out: FillQuote): FillQuote => this.#quoteFill(q, out);
  /** Fills (an order's fill on one session) at a session's close because the data had no open there; sessions an order only waited through are not counted. */
  openFallbacks = 0;
  /**
   * Order-sessions whose volume limit met a blank volume cell: `lastKnown`, read as the last volume
   * before it; `noneKnownYet`, with no volume before it (unknown: no limit applied).
   */
  readonly blankVolumes = { lastKnown: 0, noneKnownYet: 0 };
  /** The symbol of this session's first closing fill that took the book past a limit, else −1. */
  #closedPast = -1;
  /** Margin-limit cuts at fills. */
  readonly fillBreaches: FillBreach[] = [];
  /** Fills the slippage model priced at 0 for want of σ or ADV. */
  readonly liquidityGaps: LiquidityGaps;

  constructor(parts: BrokerParts) {
    this.#market = parts.market;
    this.#whole = parts.config.shares === 'whole';
    this.#portfolio = parts.portfolio;
    this.#ledger = parts.ledger;
    this.#book = parts.book;
    this.#models = parts.models;
    this.#liquidity = parts.liquidity;
    this.#account = new AccountGuard(parts.config.account, parts.portfolio, this.#whole);
    this.#cut = new SessionCut(this.#whole);
    this.#filledToday = new Float64Array(parts.market.symbols.length);
    this.#touched = new Int32Array(parts.market.symbols.length);
    this.#hasVolume = new Int8Array(parts.market.symbols.length).fill(UNKNOWN);
    this.#volumeScanned = new Int32Array(parts.market.symbols.length);
    this.#volumeSource = new Int32Array(parts.market.symbols.length).fill(-1);
    this.liquidityGaps = new LiquidityGaps(parts.market.symbols.length, parts.models.slippage.name);
  }

  /**
   * Fill what can be filled on session t in `phase`: reductions first, one at a time
   * (#fillReductions), then the additions — whole when the account allows the book after all of
   * them (a long leg and a short leg that offset each other stay within a net limit only side by
   * side), else cut (#fillAdditions). Each resting order is judged against the bar once (#prepare,
   * which records why it rests): in the reductions pass where it reduces its position when its turn
   * comes, else with the additions — not again with the additions where the session's other sales
   * have since closed the position it reduced (probe r72b F1: a −400 stop not reached beside a −717
   * sale that filled was deferred twice on one session, the caveats counting 17 order-sessions for 16).
   */
  fillAll(t: number, phase: Phase): void {
    const orders = this.#book.resting;
    if (orders.length === 0) return;
    if (this.#judged.length < orders.length) this.#judged = new Uint8Array(Math.max(orders.length, 2 * this.#judged.length));
    this.#judged.fill(0, 0, orders.length);
    this.#markKnown(t, phase);
    this.#fillReductions(t, phase);
    let count = 0;
    for (let j = 0; j < orders.length; j++) if (orders[j].quantity !== 0 && this.#judged[j] === 0 && this.#prepare(orders[j], t, phase, count)) count++;
    this.#fillAdditions(count, t);
    this.#reportClosedPast(t);
    for (let k = 0; k < this.#touchedCount; k++) this.#filledToday[this.#touched[k]] = 0;
    this.#touchedCount = 0;
    for (const o of orders) {
      if (o.quantity === 0 || o.tif !== 'day') continue;
      this.#ledger.defer(t, o.symbol, Deferral.expired, o.quantity);
      this.#book.end(o, t, OrderEnd.dayEnd);
    }
    this.#book.dropFinished();
  }

  /**
   * Before session t's fills in `phase`: the book marked at the prices known then — the opens (an
   * open fill), the closes (a close fill) — so the account judges each fill on the NAV and the
   * exposure of the whole book at the fill's moment, not at the last close (probe r69b F1: MAR
   * opening 30 % down left the check reading its 150 shares at 100 and let CAP take gross to 2.05).
   * A symbol with no bar or no open there keeps its last mark (a file without opens: the last close).
   */
  #markKnown(t: number, phase: Phase): void {
    const m = this.#market;
    const prices = phase === 'open' ? m.open : m.close;
    if (prices !== undefined) this.#portfolio.markKnown(prices, m.close, t * m.symbols.length, t);
  }

  /** The book's exposure before this session's exits (AccountGuard.exposure), for noteExit. */
  exposure(): { gross: number; net: number } | null {
    return this.#account.exposure();
  }

  /**
   * Positions closed outside the broker this session (a delisting or data-end exit of `symbol`),
   * from a book at exposure `before`: when the exit took the book further past a limit, it is
   * checked with the session's fills (reportClosings) like a closing fill.
   */
  noteExit(symbol: number, before: { gross: number; net: number } | null): void {
    if (this.#account.furtherPast(before)) this.#noteClosing(symbol);
  }

  #noteClosing(symbol: number): void {
    if (this.#closedPast < 0) this.#closedPast = symbol;
  }

  /** After all of session t's fills (same-close ones included): a closing fill or exit that left the book past a margin limit is a 'closed' breach (#reportClosedPast). */
  reportClosings(t: number): void {
    this.#reportClosedPast(t);
  }

  /**
   * A closing fill that took the book past a limit this session (never cut) is a breach when the
   * session's fills leave it there — not when the sale after it brought the book back.
   */
  #reportClosedPast(t: number): void {
    if (this.#closedPast < 0) return;
    const past = this.#account.pastLimits();
    if (past !== null) this.fillBreaches.push({ session: t, symbol: this.#closedPast, refused: 0, gross: past.gross, net: past.net, closing: true });
    this.#closedPast = -1;
  }

  /**
   * Fill the session's reductions one at a time, in book order. One the account would not take
   * whole — a cash account's sale whose commission is more than its proceeds plus the cash there —
   * waits in #legs[0..retry) and is settled after all the others, with the cash they brought in:
   * APN's closing sale of 1 at 0.50 (commission 1.00, cash 0), first in the book, fills once BBB's
   * of 199 at 50 has brought in 9,949 — as it would with the names the other way round (probe r45a
   * F4). What the cash still does not pay for then is cut or refused (#settle). Each order judged
   * here is marked in #judged, whatever the sales after it do to its holding.
   */
  #fillReductions(t: number, phase: Phase): void {
    const orders = this.#book.resting;
    let retry = 0;
    for (let j = 0; j < orders.length; j++) {
      const o = orders[j];
      if (!this.#isReduction(o)) continue;
      this.#judged[j] = 1;
      if (!this.#prepare(o, t, phase, retry)) continue;
      if (this.#account.takesWhole(this.#legs[retry])) this.#settle(this.#legs[retry], t, true, false);
      else retry++;
    }
    for (let k = 0; k < retry; k++) this.#settle(this.#legs[k], t, true, false);
  }

  /**
   * Settle the session's `count` prepared additions (#legs[0..count)): whole when the account
   * allows the book after all of them; past a margin limit, cut together (SessionCut: the largest
   * fill of the legs that offset the session's net, then of those that add to it, that the
   * account allows); otherwise (short of cash: a cash account, a plan that asked for no leverage)
   * one at a time, each cut to what the account allows after the fills before it. Either way the
   * legs that move net toward zero fill first, then the others, each in book order.
   */
  #fillAdditions(count: number, t: number): void {
    const legs = this.#legs;
    if (count > 1 && this.#account.sessionFits(legs, count)) {
      for (let k = 0; k < count; k++) this.#settle(legs[k], t, false, true);
      return;
    }
    if (count > 1 && this.#account.refusal === 'limit') {
      const side = this.#cut.cut(this.#account, legs, count, (k, q, out) => this.#quoteLeg(legs[k], t, q, out));
      this.#settleNettingFirst(count, t, side, false);
      return;
    }
    const p = this.#portfolio;
    let net = p.longValue + p.shortValue;
    for (let k = 0; k < count; k++) net += legs[k].quantity * legs[k].reference;
    this.#settleNettingFirst(count, t, Math.sign(net), true);
  }

  /** Settle #legs[0..count): those of sign −side (they move net exposure toward zero) first, then the others, each in book order; `alone` as #settle. */
  #settleNettingFirst(count: number, t: number, side: number, alone: boolean): void {
    const legs = this.#legs;
    for (let k = 0; k < count; k++) if (Math.sign(legs[k].quantity) === -side) this.#settle(legs[k], t, alone, true);
    for (let k = 0; k < count; k++) if (Math.sign(legs[k].quantity) !== -side) this.#settle(legs[k], t, alone, true);
  }

  /**
   * The bar's part of filling order `o` on session t: no trade, a limit or stop not reached, or a
   * volume limit used up make it rest (deferral recorded, false returned); otherwise #legs[slot]
   * holds what it would fill, priced, and the volume it takes counts as filled today.
   */
  #prepare(o: RestingOrder, t: number, phase: Phase, slot: number): boolean {
    const m = this.#market;
    const k = t * m.symbols.length + o.symbol;
    // No trade: no close, a 0 volume, or a blank after a 0 (engine/execution/sessionVolume.ts, the view's rule too).
    if (Number.isNaN(m.close[k]) || m.volume[k] === 0 || (Number.isNaN(m.volume[k]) && this.#lastVolume(o.symbol, t) === 0)) {
      this.#ledger.defer(t, o.symbol, Deferral.noTrade, o.quantity);
      return false;
    }
    const c = this.#context;
    this.#readBar(c, o, t, phase);
    const reference = this.#models.fill.referencePrice(c);
    if (Number.isNaN(reference)) {
      this.#ledger.defer(t, o.symbol, Deferral.priceNotReached, o.quantity);
      return false;
    }
    if (o.type === 'stop') o.triggered = true;
    c.reference = reference;
    let quantity = o.quantity;
    let capped = false;
    const most = this.#models.volume.maxShares(c);
    // #readBar read a blank through #lastVolume; a limit met a blank it read as the last volume, or found none yet (counted
    // only in a series with volumes: one without says so in its data note).
    if (Number.isNaN(m.volume[k]) && this.#models.volume.name !== 'none') {
      if (!Number.isNaN(c.volume)) this.blankVolumes.lastKnown++;
      else if (this.#seriesHasVolume(o.symbol)) this.blankVolumes.noneKnownYet++;
    }
    if (most !== Infinity) {
      const left = Math.max(0, this.#roundDown(most - c.filledToday));
      if (Math.abs(quantity) > left) {
        quantity = Math.sign(quantity) * left;
        capped = true;
      }
    }
    if (quantity === 0) {
      this.#ledger.defer(t, o.symbol, Deferral.volumeCap, o.quantity);
      return false;
    }
    c.liquidity = this.#liquidity?.estimate(o.symbol, o.decidedAt, t); // an estimator exists only for a model with a liquidity window
    const leg = (this.#legs[slot] ??= newLeg());
    leg.order = o;
    leg.symbol = o.symbol;
    leg.quantity = quantity;
    leg.allowed = quantity;
    leg.reference = reference;
    leg.cashOnly = o.cashOnly;
    leg.capped = capped;
    leg.phase = phase;
    leg.liquidity = c.liquidity;
    leg.filledBefore = c.filledToday;
    Object.assign(leg.quote, this.#quoteFill(quantity, this.#quote));
    // A fill at a price so large that its value leaves binary64 (10,000 shares at 1e306) cannot be paid, held back or recorded.
    if (!Number.isFinite(quantity * leg.quote.price)) throw sharesBeyondRange(this.#market.symbols[o.symbol], isoDay(this.#market.dates[t]), quantity, leg.quote.price);
    if (this.#filledToday[o.symbol] === 0) this.#touched[this.#touchedCount++] = o.symbol;
    this.#filledToday[o.symbol] += Math.abs(quantity);
    return true;
  }

  /**
   * Fill a prepared leg: when `alone`, the part the account allows on the book as it is now; else
   * leg.allowed (its quantity, or what the session's cut together left it). What is cut of an
   * addition (`mayRest`) rests while another order that may fund it rests (#fundedByAnother), and
   * ends otherwise; the account's `refusal`, `refusedGross` and `refusedNet` say why.
   */
  #settle(leg: SessionLeg, t: number, alone: boolean, mayRest: boolean): void {
    const o = leg.order;
    const fellBack = this.#loadLeg(leg, t);
    const quantity = leg.quantity;
    const asked = alone ? this.#account.allowed(leg, this.#quoteFor, this.#quote) : leg.allowed;
    // Fractional shares: a cut down to float noise (the cash left is a rounding residue) fills nothing.
    const allowed = !this.#whole && Math.abs(asked) <= FLOAT_NOISE * Math.abs(quantity) ? 0 : asked;
    // Counted per fill: a session the order waited through (a limit not reached, a refusal) used no close for an open (probe r47a F4).
    if (fellBack && allowed !== 0) this.openFallbacks++;
    if (allowed !== quantity && !this.#floatNoise(quantity, allowed)) {
      // The account refuses part of it: record why; the rest rests only while a funding sell rests.
      const refusal = this.#account.refusal;
      this.#ledger.defer(t, o.symbol, REFUSAL_DEFERRAL[refusal], o.quantity - allowed);
      if (refusal === 'limit') this.fillBreaches.push({ session: t, symbol: o.symbol, refused: quantity - allowed, gross: this.#account.refusedGross, net: this.#account.refusedNet, closing: false });
      this.#filledToday[o.symbol] -= Math.abs(quantity - allowed);
      if (allowed !== 0) this.#execute(o, t, allowed, this.#quoteFill(allowed, this.#quote));
      if (mayRest && this.#fundedByAnother(o)) o.quantity -= allowed;
      else this.#book.end(o, t, REFUSAL_END[refusal]);
      return;
    }
    if (alone && this.#account.closedPastLimit) this.#noteClosing(o.symbol);
    // Fractional shares: where the account cut only float noise off the fill, the order counts as filled (re-quoted for what fills).
    if (allowed === quantity) Object.assign(this.#quote, leg.quote);
    else this.#quoteFill(allowed, this.#quote);
    this.#execute(o, t, allowed, this.#quote);
    if (leg.capped) this.#ledger.defer(t, o.symbol, Deferral.volumeCap, o.quantity - quantity);
    o.quantity -= quantity;
    // What the planner cut off the buy for the cash never filled: the order ends `cash` (RestingOrder.cut).
    if (o.quantity === 0) this.#book.end(o, t, o.cut === 0 ? OrderEnd.filled : OrderEnd.cash);
  }

  /** The models' context for filling prepared `leg` on session t (its bar, reference, liquidity, volume filled before it); true when an open fill falls back to the close. */
  #loadLeg(leg: SessionLeg, t: number): boolean {
    const c = this.#context;
    const fellBack = this.#readBar(c, leg.order, t, leg.phase);
    c.reference = leg.reference;
    c.liquidity = leg.liquidity;
    c.filledToday = leg.filledBefore;
    return fellBack;
  }

  /** Price, commission and slippage of filling q (signed) shares of prepared `leg` on session t, into `out`. */
  #quoteLeg(leg: SessionLeg, t: number, q: number, out: FillQuote): FillQuote {
    this.#loadLeg(leg, t);
    return this.#quoteFill(q, out);
  }

  /** Fractional shares only: `allowed` differs from `quantity` by float noise (a part in 10⁹), not a real cut. */
  #floatNoise(quantity: number, allowed: number): boolean {
    return !this.#whole && Math.abs(quantity - allowed) <= FLOAT_NOISE * Math.abs(quantity);
  }

  /** The bar of order `o` on session t in `phase`, into the models' context; true when an open fill falls back to the close (the data has no open). */
  #readBar(c: FillContext, o: RestingOrder, t: number, phase: Phase): boolean {
    const m = this.#market;
    const k = t * m.symbols.length + o.symbol;
    const close = m.close[k];
    // Absent opens, highs and lows (the data has none) read as NaN.
    let open = phase === 'open' ? (m.open === undefined ? NaN : m.open[k]) : close;
    const fallback = Number.isNaN(open);
    if (fallback) open = close;
    const high = phase === 'open' && m.high !== undefined ? m.high[k] : NaN;
    const low = phase === 'open' && m.low !== undefined ? m.low[k] : NaN;
    c.session = t;
    c.order = o;
    c.open = open;
    c.high = Number.isNaN(high) ? Math.max(open, close) : high;
    c.low = Number.isNaN(low) ? Math.min(open, close) : low;
    c.close = close;
    c.volume = Number.isNaN(m.volume[k]) ? this.#lastVolume(o.symbol, t) : m.volume[k];
    c.filledToday = this.#filledToday[o.symbol];
    c.quantity = o.quantity;
    c.reference = NaN;
    c.price = NaN;
    c.liquidity = undefined;
    return fallback;
  }

  /**
   * A blank volume cell of symbol i on session t reads as the last volume before it (in t's shares, across splits), so a volume
   * limit still binds (counted in blankVolumes, reported as a caveat); NaN — unknown, no limit, as
   * for a file without a Volume column — where no volume comes before t: what t's bar allows never
   * depends on volumes after it (DESIGN.md's causality contract). A cursor per symbol scans each
   * cell once over the run (sessions come in order), where a scan back from t would repeat a long
   * blank stretch at every session and every read of the same bar.
   */
  #lastVolume(i: number, t: number): number {
    const m = this.#market;
    const n = m.symbols.length;
    for (let s = this.#volumeScanned[i]; s < t; s++) if (!Number.isNaN(m.volume[s * n + i])) this.#volumeSource[i] = s;
    this.#volumeScanned[i] = Math.max(this.#volumeScanned[i], t);
    const source = this.#volumeSource[i];
    return source < 0 ? NaN : m.volume[source * n + i] * splitsBetween(m, i, source, t);
  }

  /** Whether symbol i's series has a volume cell anywhere (the caveat's count only: a run's report may read the whole series). */
  #seriesHasVolume(i: number): boolean {
    if (this.#hasVolume[i] === UNKNOWN) {
      const m = this.#market;
      const n = m.symbols.length;
      let s = 0;
      while (s < m.dates.length && Number.isNaN(m.volume[s * n + i])) s++;
      this.#hasVolume[i] = s < m.dates.length ? 1 : 0;
    }
    return this.#hasVolume[i] === 1;
  }

  /** Price, commission and slippage of filling `q` shares of the order in the context at its reference. */
  #quoteFill(q: number, out: FillQuote): FillQuote {
    const c = this.#context;
    const reference = c.reference;
    c.quantity = q;
    let fraction = this.#models.slippage.slippage(c);
    let price = reference * (1 + Math.sign(q) * fraction);
    const o = c.order;
    if (o.type === 'limit') {
      price = q > 0 ? Math.min(price, o.limit) : Math.max(price, o.limit);
      fraction = Math.abs(price / reference - 1);
    }
    c.price = price;
    out.price = price;
    out.slippage = Math.abs(q) * reference * fraction;
    out.commission = this.#models.commission.commission(c);
    return out;
  }

  #execute(o: RestingOrder, t: number, quantity: number, fill: FillQuote): void {
    const reference = this.#context.reference;
    this.#portfolio.trade(o.symbol, quantity, fill.price, reference, t); // an order fills only against session t's bar
    this.#portfolio.cash -= fill.commission;
    this.#ledger.cost('commission', fill.commission, o.symbol);
    this.#ledger.cost('slippage', fill.slippage, o.symbol);
    const liquidity = this.#context.liquidity;
    if (liquidity !== undefined) this.liquidityGaps.note(o.symbol, liquidity, fill.slippage);
    if (o.lastFillSession !== t) {
      o.lastFillSession = t;
      o.sessionFilled = 0;
      o.sessionCommission = 0;
    }
    o.filled += quantity;
    o.commission += fill.commission;
    o.sessionFilled += quantity;
    o.sessionCommission += fill.commission;
    const r = this.#record;
    r.session = t;
    r.symbol = o.symbol;
    r.quantity = quantity;
    r.price = fill.price;
    r.referencePrice = reference;
    r.commission = fill.commission;
    r.slippage = fill.slippage;
    r.orderId = o.id;
    r.reason = FillReason.order;
    this.#ledger.fill(r);
  }

  /**
   * Whether order `o` fills as a reduction (#fillReductions, before the session's additions): it
   * closes (part of) its position and no more. In a cash account, which never takes a sale past the
   * holding, so is one that crosses through zero: it fills up to the holding (its rest refused as a
   * short) and brings that cash in before the buys it funds; in a margin account its short part is
   * an addition, judged with the session's others.
   */
  #isReduction(o: RestingOrder): boolean {
    const held = this.#portfolio.shares[o.symbol];
    return reduces(o, held) && (this.#account.kind === 'cash' || Math.abs(o.quantity) <= Math.abs(held));
  }

  /**
   * Whether an order other than `o` still rests that reduces its position (reduces): a sale that
   * may yet fund what the account cut off `o`. Never `o` itself: a sale past the holding that a
   * margin limit cut has filled what the book had room for, and its rest funds nothing (probe r68a F1).
   */
  #fundedByAnother(o: RestingOrder): boolean {
    const shares = this.#portfolio.shares;
    for (const other of this.#book.resting) if (other !== o && other.quantity !== 0 && reduces(other, shares[other.symbol])) return true;
    return false;
  }

  #roundDown(x: number): number {
    return this.#whole ? Math.floor(x) : x;
  }
}

/**
 * Whether order `o` reduces a position of `held` signed shares, at least in part: one that crosses
 * through zero (a sale of 150 of 100 held) reduces by the holding before it adds — a sale that
 * funds a cut buy while it rests, whatever it asks for past the holding (probe r67a F1).
 */
function reduces(o: RestingOrder, held: number): boolean {
  return held !== 0 && Math.sign(o.quantity) !== Math.sign(held);
}
