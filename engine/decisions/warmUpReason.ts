// Why a run waited in cash before its first investment, told in the order it happened and only
// from what the replay recorded: the strategy set no target yet (its warm-up, a lookback, a
// signal not yet on — cash by its own decision — or, when its first target came on the first
// price of a symbol it targeted, a wait for that symbol's prices), the account rejected the
// targets it set (beyond the account's leverage limits: not the strategy's choice), a target waited for prices of a symbol that had
// none yet, orders rested and none filled, the first order that filled was decided later, or it
// rested before filling (a suspended session, the cash, a volume limit). A symbol that starts late
// is named only when a target for it waited for its prices before that decision and it started
// by then: one the strategy merely read, or one that started after, did not hold the book back.

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { firstBarSession } from '../market/corporateActions.ts';
import { Deferral, DEFERRAL_NAMES } from '../execution/orders.ts';
import type { EngineConfig } from '../config.ts';
import type { Deferrals, Fills, LeverageBreach, Orders, Snapshots } from '../result.ts';
import { partialCoverage } from '../caveats/symbolCoverage.ts';

/** What the reason reads of a run: its sessions [first, …] of `market` and what the replay recorded. */
export interface WarmUpRecordings {
  readonly market: Market;
  /** When orders fill: an order decided at session s first meets a bar at s (same-close), else at s + 1. */
  readonly config: Pick<EngineConfig, 'execution'>;
  readonly first: number;
  readonly last: number;
  /** Session of the first close with a position (≥ first). */
  readonly firstInvested: number;
  readonly snapshots: Pick<Snapshots, 'session' | 'symbol' | 'targetWeight'>;
  readonly orders: Pick<Orders, 'session' | 'symbol'>;
  readonly fills: Pick<Fills, 'orderId'>;
  readonly deferrals: Deferrals;
  /** Decisions (and waiting targets) the account rejected: targets the strategy set that never became the book. */
  readonly breaches: readonly Pick<LeverageBreach, 'session' | 'action' | 'gross' | 'net'>[];
}

/** Symbols named before "…". */
const SHOWN = 3;

/**
 * The reason of a wait in cash from the run's first session to `firstInvested`, as a clause for
 * the warm-up caveat (": …", empty when the records hold none), e.g. ": the strategy set no
 * target before 2024-01-16 (its warm-up or signal: cash by its own decisions)" or ": a target
 * waited for prices (none for BBB before 2024-01-10); the first order that filled was decided on
 * 2024-02-01". The wait for prices counts the sessions before the decision of the first order
 * that filled: a late symbol is named when it started on or before that decision, earliest first
 * (with a target on every session, the one whose first price ended the wait); one that started
 * after it did not hold the book and is left to the partial-coverage caveat, unless no target waited for any
 * other. Rested order-sessions are told apart: before the first bar that order could fill on (orders
 * that had not filled) and from it to the first investment (the orders rested before filling).
 */
export function warmUpReason(r: WarmUpRecordings): string {
  const { market, first, firstInvested: invested, deferrals: d } = r;
  const day = (t: number): string => isoDay(market.dates[t]);
  const targeted = firstTarget(r);
  const rejected = rejectedBefore(r, targeted < 0 ? invested : Math.min(targeted, invested));
  const filled = firstFilledOrder(r);
  // Decision of the first order that filled; a book invested without one waited until it was.
  const ordered = filled >= 0 ? filled : invested;
  // The first session that order could rest on: a deferral before it is another order's (one
  // withdrawn at that decision rested on its session too: probe r53b counted it as the filled one's).
  const firstBar = filled >= 0 && r.config.execution !== 'same-close' ? ordered + 1 : ordered;
  const parts: string[] = [];
  const asked = rejected.length > 0 ? rejected[0].session : targeted;
  if (asked > first) parts.push(noTargetBefore(r, asked));
  if (rejected.length > 0) parts.push(rejectedClause(r, rejected, targeted));
  const waited = new Set<number>();
  const unfilled = new Map<number, number>();
  const resting = new Map<number, number>();
  for (let k = 0; k < d.session.length; k++) {
    const t = d.session[k];
    if (t < first || t >= invested) continue;
    if (d.reason[k] !== Deferral.noPrice) count(t < firstBar ? unfilled : resting, d.reason[k]);
    else if (t < ordered) waited.add(d.symbol[k]);
  }
  const prices = waitedForPrices(r, waited, ordered);
  if (prices !== null) parts.push(prices.clause);
  if (unfilled.size > 0) parts.push(unfilledClause(unfilled));
  if (ordered > Math.max(targeted, prices?.pricedBy ?? -1) && filled >= 0) parts.push(`the first order that filled was decided on ${day(ordered)}`);
  if (resting.size > 0) parts.push(`orders rested before filling (order-sessions: ${restedCounts(resting)})`);
  return parts.length > 0 ? `: ${parts.join('; ')}` : '';
}

/**
 * Why a run that never invested did not, from its orders: the order-sessions of its sessions
 * [first, last] an order rested (as warmUpReason says them: "orders rested and none filled
 * (order-sessions: price-not-reached 8)"); '' when none did. A target that waited for prices is
 * not counted: the run names the symbols without a price itself.
 */
export function neverFilledReason(r: Pick<WarmUpRecordings, 'first' | 'last' | 'deferrals'>): string {
  const d = r.deferrals;
  const unfilled = new Map<number, number>();
  for (let k = 0; k < d.session.length; k++) if (d.session[k] >= r.first && d.session[k] <= r.last && d.reason[k] !== Deferral.noPrice) count(unfilled, d.reason[k]);
  return unfilled.size > 0 ? unfilledClause(unfilled) : '';
}

/** "orders rested and none filled (order-sessions: no-trade 5, cash 2)". */
function unfilledClause(counts: ReadonlyMap<number, number>): string {
  return `orders rested and none filled (order-sessions: ${restedCounts(counts)})`;
}

/**
 * The clause of the targets that waited for prices (symbols `waited`) before session `ordered`,
 * and the session by which the named late symbols that started by then all had prices (−1: none);
 * null when none waited. Late symbols that started after `ordered` are named only when they are
 * all there is.
 */
function waitedForPrices(r: WarmUpRecordings, waited: ReadonlySet<number>, ordered: number): { readonly clause: string; readonly pricedBy: number } | null {
  if (waited.size === 0) return null;
  const { market } = r;
  const late = new Map(partialCoverage(market, waited, r.first, r.last).filter((c) => c.late > 0).map((c) => [c.symbol, c.start]));
  const byDecision = [...waited].filter((i) => !late.has(i) || late.get(i)! <= ordered);
  // Earliest start first, then those that waited for a session without a bar, by symbol.
  const key = (i: number): number => late.get(i) ?? Infinity;
  const named = (byDecision.length > 0 ? byDecision : [...waited]).sort((a, b) => key(a) - key(b) || a - b);
  const said = named.slice(0, SHOWN).map((i) => {
    const start = late.get(i);
    const name = market.symbols[i];
    return start === undefined ? `${name} on the session targeted, which had no bar` : start > r.last ? `${name} in the run` : `${name} before ${isoDay(market.dates[start])}`;
  });
  return {
    clause: `a target waited for prices (none for ${said.join(', ')}${named.length > SHOWN ? `, … (${named.length} symbols)` : ''})`,
    pricedBy: Math.max(-1, ...named.map((i) => late.get(i) ?? -1).filter((t) => t <= ordered)),
  };
}

/**
 * Why the strategy set no target before session `targeted`: when that session is the first with a
 * price for symbols it then targeted, it waited for their prices (buy-and-hold waits until every
 * named symbol trades), e.g. "the strategy set no target before 2015-04-30, SMLF's first price: it
 * waited for that symbol's prices"; otherwise its own warm-up or signal.
 */
function noTargetBefore(r: WarmUpRecordings, targeted: number): string {
  const day = isoDay(r.market.dates[targeted]);
  const firstBar = firstBarSession(r.market);
  const named = new Set<number>();
  const s = r.snapshots;
  for (let k = 0; k < s.session.length; k++) if (s.session[k] === targeted && s.targetWeight[k] !== 0 && !Number.isNaN(s.targetWeight[k])) named.add(s.symbol[k]);
  for (let k = 0; k < r.orders.session.length; k++) if (r.orders.session[k] === targeted) named.add(r.orders.symbol[k]);
  const started = [...named].filter((i) => firstBar[i] === targeted).sort((a, b) => a - b);
  if (started.length === 0) return `the strategy set no target before ${day} (its warm-up or signal: cash by its own decisions)`;
  const names = started.slice(0, SHOWN).map((i) => r.market.symbols[i]).join(', ') + (started.length > SHOWN ? `, … (${started.length} symbols)` : '');
  const whose = started.length === 1 ? `${names}'s first price: it waited for that symbol's prices` : `the first price of ${names}: it waited for those symbols' prices`;
  return `the strategy set no target before ${day}, ${whose}`;
}

function count(counts: Map<number, number>, reason: number): void {
  counts.set(reason, (counts.get(reason) ?? 0) + 1);
}

/** "no-trade 5, cash 2": order-sessions by deferral reason. */
function restedCounts(counts: ReadonlyMap<number, number>): string {
  return [...counts].map(([reason, n]) => `${DEFERRAL_NAMES[reason]} ${n}`).join(', ');
}

/** The account's rejections from the run's first session to before `before`, in session order. */
function rejectedBefore(r: WarmUpRecordings, before: number): WarmUpRecordings['breaches'] {
  return r.breaches.filter((b) => b.action === 'rejected' && b.session >= r.first && b.session < before);
}

/**
 * The clause of targets the account rejected before the first it accepted (`accepted`, −1: none),
 * e.g. "the account rejected the strategy's targets on 40 decisions from 2017-01-03 (the first
 * targeted gross 1.50, net 1.50 × NAV: see the leverage-breach caveat); the first it accepted
 * was on 2020-05-01" — the wait was not the strategy's choice.
 */
function rejectedClause(r: WarmUpRecordings, rejected: WarmUpRecordings['breaches'], accepted: number): string {
  const day = (t: number): string => isoDay(r.market.dates[t]);
  const n = new Set(rejected.map((b) => b.session)).size;
  const { gross, net } = rejected[0];
  const then = accepted < 0 ? '' : `; the first it accepted was on ${day(accepted)}`;
  return `the account rejected the strategy's targets on ${n} decision${n === 1 ? '' : 's'} from ${day(rejected[0].session)} (the first targeted gross ${gross.toFixed(2)}, net ${net.toFixed(2)} × NAV: see the leverage-breach caveat)${then}`;
}

/** First session from the run's first on that set a non-zero target weight, placed an order or had a target deferred (−1: none). */
function firstTarget(r: WarmUpRecordings): number {
  let out = -1;
  const earlier = (t: number): void => {
    if (t >= r.first && (out < 0 || t < out)) out = t;
  };
  const s = r.snapshots;
  for (let k = 0; k < s.session.length; k++) if (s.targetWeight[k] !== 0 && !Number.isNaN(s.targetWeight[k])) earlier(s.session[k]);
  for (const t of r.orders.session) earlier(t);
  for (const t of r.deferrals.session) earlier(t);
  return out;
}

/** Decision session of the order of the run's first order fill (−1: none). */
function firstFilledOrder(r: WarmUpRecordings): number {
  // Fills are in session order: the first with an order is the run's first order fill.
  const k = r.fills.orderId.findIndex((id) => id > 0);
  return k < 0 ? -1 : r.orders.session[r.fills.orderId[k] - 1];
}
