// Why a run waited in cash before its first investment, told in the order it happened and only
// from what the replay recorded: the strategy set no target yet (its warm-up, a lookback, a
// signal not yet on — cash by its own decision), a target waited for prices of a symbol that had
// none yet, the first order came at a later decision, or the first orders rested (a suspended
// session, the cash, a volume limit). A symbol that starts late is named only when a target for
// it waited for its prices: one the strategy merely read did not hold the book back.

import { isoDay } from '../data/dates.ts';
import type { Market } from '../data/market.ts';
import { Deferral, DEFERRAL_NAMES } from './orders.ts';
import type { Deferrals, Fills, Orders, Snapshots } from './result.ts';
import { partialCoverage } from './symbolCoverage.ts';

/** What the reason reads of a run: its sessions [first, …] of `market` and what the replay recorded. */
export interface WarmUpRecordings {
  readonly market: Market;
  readonly first: number;
  readonly last: number;
  /** Session of the first close with a position (≥ first). */
  readonly firstInvested: number;
  readonly snapshots: Pick<Snapshots, 'session' | 'targetWeight'>;
  readonly orders: Pick<Orders, 'session'>;
  readonly fills: Pick<Fills, 'orderId'>;
  readonly deferrals: Deferrals;
}

/** Symbols named before "…". */
const SHOWN = 3;

/**
 * The reason of a wait in cash from the run's first session to `firstInvested`, as a clause for
 * the warm-up caveat (": …", empty when the records hold none), e.g. ": the strategy set no
 * target before 2024-01-16 (its warm-up or signal: cash by its own decisions)" or ": a target
 * waited for prices (none for BBB before 2024-01-10); the first order came on 2024-02-01".
 */
export function warmUpReason(r: WarmUpRecordings): string {
  const { market, first, firstInvested: invested, deferrals: d } = r;
  const day = (t: number): string => isoDay(market.dates[t]);
  const targeted = firstTarget(r);
  const ordered = firstFilledOrder(r);
  const parts: string[] = [];
  if (targeted > first) parts.push(`the strategy set no target before ${day(targeted)} (its warm-up or signal: cash by its own decisions)`);
  const waited = new Set<number>();
  const rested = new Map<number, number>();
  for (let k = 0; k < d.session.length; k++) {
    if (d.session[k] < first || d.session[k] >= invested) continue;
    if (d.reason[k] === Deferral.noPrice) waited.add(d.symbol[k]);
    else rested.set(d.reason[k], (rested.get(d.reason[k]) ?? 0) + 1);
  }
  if (waited.size > 0) {
    const late = new Map(partialCoverage(market, waited, first, r.last).filter((c) => c.late > 0).map((c) => [c.symbol, c.start]));
    const named = [...waited].sort((a, b) => (late.get(b) ?? -1) - (late.get(a) ?? -1) || a - b);
    const said = named.slice(0, SHOWN).map((i) => {
      const start = late.get(i);
      const name = market.symbols[i];
      return start === undefined ? `${name} on the session targeted, which had no bar` : start > r.last ? `${name} in the run` : `${name} before ${day(start)}`;
    });
    parts.push(`a target waited for prices (none for ${said.join(', ')}${named.length > SHOWN ? `, … (${named.length} symbols)` : ''})`);
    // Prices came before the first order: the book waited for a later decision too.
    const priced = Math.max(...[...late.values()].filter((t) => t <= r.last), first);
    if (ordered > priced) parts.push(`the first order came at the decision of ${day(ordered)}`);
  }
  if (rested.size > 0) {
    const reasons = [...rested].map(([reason, count]) => `${DEFERRAL_NAMES[reason]} ${count}`).join(', ');
    parts.push(`orders rested before filling (order-sessions: ${reasons})`);
  }
  return parts.length > 0 ? `: ${parts.join('; ')}` : '';
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
