// Open-phase corporate actions and exits:
// - splits rescale positions, resting orders (an order left under one whole share is cancelled,
//   recorded as a split deferral) and share targets waiting for a price; in whole-share mode the fraction a split leaves
//   (15 shares through 1-for-10 → 1.5) is paid out — or, for a short, charged — in cash at the
//   ex-date's market price (its open, else its close), like a broker's cash in lieu;
// - dividends pay holders of record on the ex-date (shorts pay); on a split's ex-date too, on the
//   post-split count with the fraction the split left, which is cashed after (22.5 shares of a 3:2
//   on 15 are paid the dividend per new share, then the 0.5 is paid out at the ex-date's price);
// - a delisted symbol's position closes at its last price × (1 + the delisting return when the
//   data gives one) on the session after its last bar;
// - a symbol whose data simply ends before the market's (a price source's snapshot ends; no
//   delisting record) is not tradable after its last bar: its position closes at its last price
//   on the next session, as a `data-end` fill, and its resting orders are cancelled.
// Splits come first, so a split on an exit session is already in the position's shares and mark.

import { isoDay, weekdayOf } from '../../data/dates.ts';
import { UserError } from '../../data/errors.ts';
import type { Market } from '../../data/market.ts';
import type { OrderBook } from '../execution/orderBook.ts';
import type { PendingTargets } from '../execution/pendingTargets.ts';
import type { EngineConfig } from '../config.ts';
import { newFillRecord, type Ledger } from '../accounting/ledger.ts';
import { Deferral, OrderEnd } from '../execution/orders.ts';
import type { Portfolio } from '../accounting/portfolio.ts';
import { FillReason } from '../result.ts';
import { splitParts } from '../accounting/shares.ts';

/** A split applied to a held position: shares before and after, and the cash in lieu of the fraction (received > 0; a short's is charged, < 0; 0 in fractional-share mode). */
export interface AppliedSplit {
  readonly session: number;
  readonly symbol: number;
  /** New shares per old share (0.25 for a 1-for-4 reverse split). */
  readonly ratio: number;
  readonly before: number;
  readonly after: number;
  readonly cashInLieu: number;
}

/** A position closed because its symbol left the market: its data ended (no delisting record), or it was delisted. */
export interface PositionExit {
  readonly session: number;
  readonly symbol: number;
  /** Signed shares closed (negative for a short). */
  readonly shares: number;
  /** The last close the position saw, rescaled by any split since. */
  readonly lastClose: number;
  /** The delisting return applied, a fraction (−0.5: half the last close); NaN where none was: a data end, or a delisting its data gives no return for. */
  readonly delistReturn: number;
  /** The price it closed at: lastClose × (1 + delistReturn), or lastClose where no return applied. */
  readonly price: number;
  /** shares × price, the proceeds (signed: negative for a short, what covering it cost). */
  readonly value: number;
}

const firstBars = new WeakMap<Market, Int32Array>();

/** Per symbol, its first session with a close; the session count for a symbol with none. Cached per market. */
export function firstBarSession(market: Market): Int32Array {
  let first = firstBars.get(market);
  if (first) return first;
  const n = market.symbols.length;
  const sessions = market.dates.length;
  first = new Int32Array(n).fill(sessions);
  let left = n;
  for (let t = 0; t < sessions && left > 0; t++) {
    for (let i = 0; i < n; i++) {
      if (first[i] === sessions && !Number.isNaN(market.close[t * n + i])) {
        first[i] = t;
        left--;
      }
    }
  }
  firstBars.set(market, first);
  return first;
}

const lastBars = new WeakMap<Market, Int32Array>();

/** Per symbol, the last session with a close (−1 when it has none). Cached per market. */
export function lastBarSession(market: Market): Int32Array {
  let last = lastBars.get(market);
  if (last) return last;
  const n = market.symbols.length;
  last = new Int32Array(n).fill(-1);
  let missing = n;
  for (let t = market.dates.length - 1; t >= 0 && missing > 0; t--) {
    const base = t * n;
    for (let i = 0; i < n; i++) {
      if (last[i] < 0 && !Number.isNaN(market.close[base + i])) {
        last[i] = t;
        missing--;
      }
    }
  }
  lastBars.set(market, last);
  return last;
}

const toTheEnd = new WeakMap<Market, Uint8Array>();

/**
 * Per symbol, 1 when every session after its last bar falls on a day of the week it does not
 * trade on — the calendar had at least two sessions on that day while the symbol was listed, and
 * it had a bar on none (a weekday stock in a seven-day calendar that ends on a weekend): its data
 * has not ended, the calendar's last days are not its days. Cached per market.
 */
function listedToTheEnd(market: Market): Uint8Array {
  let out = toTheEnd.get(market);
  if (out) return out;
  const n = market.symbols.length;
  const end = market.dates.length - 1;
  const first = firstBarSession(market);
  const last = lastBarSession(market);
  const weekday = (t: number): number => weekdayOf(market.dates[t]);
  out = new Uint8Array(n);
  const sessions = new Int32Array(7);
  const bars = new Int32Array(7);
  for (let i = 0; i < n; i++) {
    if (last[i] < 0 || last[i] === end) continue;
    sessions.fill(0);
    bars.fill(0);
    for (let t = first[i]; t <= last[i]; t++) {
      sessions[weekday(t)]++;
      if (!Number.isNaN(market.close[t * n + i])) bars[weekday(t)]++;
    }
    let offDays = true;
    for (let t = last[i] + 1; t <= end && offDays; t++) offDays = sessions[weekday(t)] >= 2 && bars[weekday(t)] === 0;
    if (offDays) out[i] = 1;
  }
  toTheEnd.set(market, out);
  return out;
}

/**
 * Symbol i's last listed session: its delisting's; else the market's last session when its data
 * goes on past a selection's end (Market.continuesAfter) or the sessions after its last bar are
 * all on days of the week it never trades on (listedToTheEnd); else its last bar's; −1 when it has no bar.
 */
export function lastListedSession(market: Market, i: number): number {
  if (market.delistedAfter[i] >= 0) return market.delistedAfter[i];
  if (market.continuesAfter?.[i] === 1) return market.dates.length - 1;
  return listedToTheEnd(market)[i] === 1 ? market.dates.length - 1 : lastBarSession(market)[i];
}

/**
 * The UserError for a market (one built in code) that gives symbol i a delisting return but no
 * delisting (delistedAfter −1) while its prices end at session `last`, before the market's: its
 * position would close there as a data end, the return never applied, and the run would say
 * "no delisting record". A loaded market never has one: a file's return needs its delisting date.
 */
function unusedDelistReturn(market: Market, i: number, last: number): UserError {
  const day = isoDay(market.dates[last]);
  return new UserError(
    `${market.symbols[i]}: market.delistReturn[${i}] is ${market.delistReturn[i]}, but market.delistedAfter[${i}] is ${market.delistedAfter[i]} (not delisted) and its prices end on ${day}, before the market's: the position would close there as a data end and the return would never apply — set delistedAfter[${i}] to the session it was delisted after (${last}, ${day}, if that is when it stopped trading), or delistReturn[${i}] to NaN`,
  );
}

export class CorporateActions {
  readonly #market: Market;
  readonly #whole: boolean;
  /** exitStart[t] .. exitStart[t+1]-1 index #exits: symbols whose positions close at session t. */
  readonly #exitStart: Int32Array;
  readonly #exits: Int32Array;
  /** Per symbol, the session its position closes (delisting or data end); -1: never. */
  readonly #exitAt: Int32Array;
  readonly #record = newFillRecord();
  /** Scratch: held shares before each of one session's splits. */
  #heldBefore = new Float64Array(4);
  readonly dataEndExits: PositionExit[] = [];
  readonly delistingExits: PositionExit[] = [];
  /** Splits that met a held position, in session order (splits are rare: one record each). */
  readonly appliedSplits: AppliedSplit[] = [];
  /** The first symbol whose position the last apply() closed by its delisting or data end, else −1 (the broker checks the book's limits after it). */
  exited = -1;

  constructor(market: Market, config: EngineConfig) {
    this.#market = market;
    this.#whole = config.shares === 'whole';
    const sessions = market.dates.length;
    const exitAt = new Int32Array(market.symbols.length).fill(-1);
    for (let i = 0; i < exitAt.length; i++) {
      const after = lastListedSession(market, i);
      if (after >= 0 && after + 1 < sessions) exitAt[i] = after + 1;
      if (exitAt[i] >= 0 && market.delistedAfter[i] < 0 && !Number.isNaN(market.delistReturn[i])) throw unusedDelistReturn(market, i, after);
    }
    this.#exitAt = exitAt;
    const order = [...exitAt.keys()].filter((i) => exitAt[i] >= 0).sort((a, b) => exitAt[a] - exitAt[b]);
    this.#exits = Int32Array.from(order);
    this.#exitStart = new Int32Array(sessions + 1);
    let k = 0;
    for (let t = 0; t <= sessions; t++) {
      while (k < order.length && exitAt[order[k]] < t) k++;
      this.#exitStart[t] = k;
    }
  }

  /**
   * How symbol i has left the market by session t: OrderEnd.delisting or OrderEnd.dataEnd from
   * the session after its last bar on; undefined while it is listed (no price at a session before
   * then is a gap, not an end).
   */
  leftBy(i: number, t: number): typeof OrderEnd.delisting | typeof OrderEnd.dataEnd | undefined {
    const exit = this.#exitAt[i];
    if (exit < 0 || t < exit) return undefined;
    return this.#market.delistedAfter[i] >= 0 ? OrderEnd.delisting : OrderEnd.dataEnd;
  }

  /** Whether a delisting or data end closes positions at session t (apply then sets `exited`). */
  exitsOn(t: number): boolean {
    return this.#exitStart[t] < this.#exitStart[t + 1];
  }

  /**
   * Session t's open: its splits rescale the position, the resting orders and a share target
   * waiting on the symbol (`pending`); its dividends pay; its exits close positions and cancel orders.
   */
  apply(t: number, portfolio: Portfolio, orders: OrderBook, pending: PendingTargets, ledger: Ledger): void {
    const m = this.#market;
    this.exited = -1;
    const splits = m.splits;
    const splitFrom = splits.sessionStart[t];
    const splitTo = splits.sessionStart[t + 1];
    // Held shares before each of the session's splits (index e − splitFrom), for its cash in lieu below.
    if (splitTo - splitFrom > this.#heldBefore.length) this.#heldBefore = new Float64Array(splitTo - splitFrom);
    const heldBefore = this.#heldBefore;
    for (let e = splitFrom; e < splitTo; e++) {
      const i = splits.symbol[e];
      const before = portfolio.shares[i];
      heldBefore[e - splitFrom] = before;
      portfolio.split(i, splits.value[e]);
      const cancelled = orders.applySplit(i, splits.value[e], t, before);
      if (cancelled !== 0) ledger.defer(t, i, Deferral.split, cancelled);
      pending.split(i, splits.value[e]);
    }
    // The ex-date's dividends are paid on the whole post-split entitlement — the fraction a split
    // left included — before that fraction is cashed: the holder of record owned it (15 shares
    // through 3:2 are 22.5, paid 22.5 × the dividend per new share), as a broker pays it.
    this.#payDividends(t, portfolio, ledger);
    for (let e = splitFrom; e < splitTo; e++) {
      const i = splits.symbol[e];
      const before = heldBefore[e - splitFrom];
      const cashInLieu = this.#whole ? this.#cashInLieu(t, i, splitParts(before, splits.value[e]).fraction, portfolio, ledger) : 0;
      if (before !== 0) this.appliedSplits.push({ session: t, symbol: i, ratio: splits.value[e], before, after: portfolio.shares[i], cashInLieu });
    }
    for (let k = this.#exitStart[t]; k < this.#exitStart[t + 1]; k++) {
      const i = this.#exits[k];
      const delisted = m.delistedAfter[i] >= 0;
      orders.cancelSymbol(i, t, delisted ? OrderEnd.delisting : OrderEnd.dataEnd);
      const held = portfolio.shares[i];
      if (held === 0) continue;
      // The mark is the last close the position saw, rescaled by any split applied since.
      const ret = delisted ? m.delistReturn[i] : NaN;
      const lastClose = portfolio.mark[i];
      const price = lastClose * (1 + (Number.isNaN(ret) ? 0 : ret));
      (delisted ? this.delistingExits : this.dataEndExits).push({ session: t, symbol: i, shares: held, lastClose, delistReturn: ret, price, value: held * price });
      if (this.exited < 0) this.exited = i;
      this.#close(t, i, -held, price, -1, delisted ? FillReason.delisting : FillReason.dataEnd, portfolio, ledger);
    }
  }

  /** Session t's dividends: holders of record are paid shares × dividend, shorts pay it. */
  #payDividends(t: number, portfolio: Portfolio, ledger: Ledger): void {
    const dividends = this.#market.dividends;
    for (let e = dividends.sessionStart[t]; e < dividends.sessionStart[t + 1]; e++) {
      const i = dividends.symbol[e];
      const amount = portfolio.shares[i] * dividends.value[e];
      if (amount === 0) continue;
      portfolio.cash += amount;
      if (amount > 0) ledger.income('dividends', amount, i);
      else ledger.cost('shortDividends', -amount, i);
    }
  }

  /**
   * Whole-share mode: a split's fractional share (`fraction`, signed like the position; see
   * splitParts) leaves the book at the ex-date's price. Returns the cash it paid (a short's: < 0), 0 when none.
   */
  #cashInLieu(t: number, i: number, fraction: number, portfolio: Portfolio, ledger: Ledger): number {
    const shares = portfolio.shares[i];
    const whole = Math.trunc(shares);
    if (whole === shares) return 0;
    // The fill is the exact fraction where taking it off leaves the whole count exactly (always, but for a rounding tie).
    const quantity = shares - fraction === whole ? -fraction : whole - shares;
    const k = t * this.#market.symbols.length + i;
    const open = this.#market.open === undefined ? NaN : this.#market.open[k];
    const close = this.#market.close[k];
    const price = open > 0 ? open : close > 0 ? close : portfolio.mark[i];
    this.#close(t, i, quantity, price, open > 0 || close > 0 ? t : -1, FillReason.splitCash, portfolio, ledger);
    return -quantity * price;
  }

  /** Book a fill of `quantity` at `price`, read from session `priceSession`'s bar (−1: the position's own mark). */
  #close(t: number, i: number, quantity: number, price: number, priceSession: number, reason: FillReason, portfolio: Portfolio, ledger: Ledger): void {
    portfolio.trade(i, quantity, price, price, priceSession);
    const r = this.#record;
    r.session = t;
    r.symbol = i;
    r.quantity = quantity;
    r.price = price;
    r.referencePrice = price;
    r.commission = 0;
    r.slippage = 0;
    r.orderId = 0;
    r.reason = reason;
    ledger.fill(r);
  }
}
