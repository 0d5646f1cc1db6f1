// Fills the account cut at its limit (a margin account's gross or net limit: Deferral.marginLimit,
// or a short in a cash account: Deferral.noShorts), told by what became of each order: cut and ended there (filled in
// part, or refused outright with nothing filled — the rest cancelled, never traded), or cut while a
// sale that could fund it still rested (the rest waited: a deferral proper). Each remainder is
// sized in shares and as a share of NAV at that session's close.

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, orderSessions, pct, shareCount } from './caveats.ts';
import type { Account } from '../config.ts';
import { Deferral, OrderEnd } from '../execution/orders.ts';
import type { Deferrals, Fills, Orders } from '../result.ts';
import { splitsBetween } from '../execution/sessionVolume.ts';

/** Orders described one by one before "…". */
const SHOWN = 3;

/** What the caveats read of a run: its account, its market sessions [first, …], NAV per run session, deferrals and orders. */
export interface MarginCutRecordings {
  readonly account: Account;
  readonly market: Market;
  readonly first: number;
  readonly nav: Float64Array;
  readonly deferrals: Deferrals;
  readonly orders: Pick<Orders, 'id' | 'symbol' | 'filled' | 'end' | 'endSession'>;
  /** The fills, to count an order's filled shares in the shares of its cut (a split between rescales them). */
  readonly fills: Pick<Fills, 'session' | 'quantity' | 'orderId'>;
}

/** One order the account cut and ended: shares filled in all, shares refused (|remaining|), and their share of NAV. */
interface EndedCut {
  readonly symbol: string;
  readonly session: number;
  readonly filled: number;
  readonly left: number;
  readonly share: number;
}

/**
 * The margin-limit caveats: one for orders cut and ended, e.g. "3 orders cut at the margin limits
 * (gross 1.5, net 1.5 × NAV), the rest of each cancelled, never traded: 2 filled in part (TLT 290
 * of 301 shares on 2017-12-04, 11 left = 0.1% of NAV; …), 1 refused outright (VB 27 shares on
 * 2018-02-02 = 0.3% of NAV)"; one for order-sessions whose rest waited for a funding sale. A cut is
 * matched to its order by symbol and session (the order that ended there with end margin-limit).
 */
export function marginCutCaveats(r: MarginCutRecordings): Caveat[] {
  const { market, deferrals: d, orders: o } = r;
  const n = market.symbols.length;
  // Orders that ended at a margin-limit cut, by session × n + symbol.
  const endedAt = new Map<number, number[]>();
  for (let k = 0; k < o.end.length; k++) {
    if (o.end[k] !== OrderEnd.marginLimit && o.end[k] !== OrderEnd.noShorts) continue;
    const key = o.endSession[k] * n + o.symbol[k];
    endedAt.set(key, [...(endedAt.get(key) ?? []), k]);
  }
  // What each order filled, in the shares of session t: the order log's sum is as traded, which a split between does not rescale (probe r46a: "212 of 400" for 200 old + 12 new shares of an order of 1,000 old = 250 new: 62 of 250).
  // Only the cut orders' fills, in one pass, and none when nothing was cut (most runs).
  const fillsOf = new Map<number, number[]>();
  for (const orders of endedAt.values()) for (const k of orders) fillsOf.set(o.id[k], []);
  if (fillsOf.size > 0) for (let k = 0; k < r.fills.orderId.length; k++) fillsOf.get(r.fills.orderId[k])?.push(k);
  const filledBy = (order: number, t: number): number => {
    let shares = 0;
    for (const f of fillsOf.get(o.id[order]) ?? []) shares += Math.abs(r.fills.quantity[f]) * splitsBetween(market, o.symbol[order], r.fills.session[f], t);
    return shares;
  };
  const ended: EndedCut[] = [];
  const rested = { count: 0, share: 0, session: -1 };
  const restedBySession = new Map<number, number>();
  for (let k = 0; k < d.reason.length; k++) {
    if (d.reason[k] !== Deferral.marginLimit && d.reason[k] !== Deferral.noShorts) continue;
    const t = d.session[k];
    const left = Math.abs(d.remaining[k]);
    const value = (left * market.close[t * n + d.symbol[k]]) / r.nav[t - r.first];
    const share = Number.isFinite(value) ? value : NaN;
    const order = endedAt.get(t * n + d.symbol[k])?.shift();
    if (order !== undefined) {
      ended.push({ symbol: market.symbols[d.symbol[k]], session: t, filled: filledBy(order, t), left, share });
      continue;
    }
    rested.count++;
    if (Number.isNaN(share)) continue;
    const onSession = (restedBySession.get(t) ?? 0) + share;
    restedBySession.set(t, onSession);
    if (onSession > rested.share) Object.assign(rested, { share: onSession, session: t });
  }
  const margin = r.account.kind === 'margin';
  const where = margin ? `at the margin limits (gross ${r.account.maxGross}, net ${r.account.maxNet} × NAV)` : 'at the holding (a cash account does not short)';
  const out: Caveat[] = [];
  if (ended.length > 0) {
    const noun = margin ? 'order' : 'sell';
    const partial = ended.filter((c) => c.filled > 0);
    const refused = ended.filter((c) => c.filled === 0);
    const day = (t: number): string => isoDay(market.dates[t]);
    const size = (share: number): string => (Number.isNaN(share) ? '' : ` = ${pct(share)} of NAV`);
    const list = (cuts: readonly EndedCut[], one: (c: EndedCut) => string): string => `${cuts.slice(0, SHOWN).map(one).join('; ')}${cuts.length > SHOWN ? '; …' : ''}`;
    const groups = [
      partial.length > 0 ? `${partial.length} filled in part (${list(partial, (c) => `${c.symbol} ${shareCount(c.filled)} of ${shareCount(c.filled + c.left)} shares on ${day(c.session)}, ${shareCount(c.left)} left${size(c.share)}`)})` : '',
      refused.length > 0 ? `${refused.length} refused outright (${list(refused, (c) => `${c.symbol} ${shareCount(c.left)} shares on ${day(c.session)}${size(c.share)}`)})` : '',
    ].filter(Boolean);
    const rest = ended.length === 1 ? 'its rest cancelled' : 'the rest of each cancelled';
    out.push(
      caveat('leverage-breach', 'medium', `${ended.length} ${noun}${ended.length === 1 ? '' : 's'} cut ${where}, ${rest}, never traded: ${groups.join(', ')}`, { value: ended.length, unit: 'count' }, [
        ...new Set(ended.map((c) => c.symbol)),
      ]),
    );
  }
  if (rested.count > 0) {
    const largest = rested.session < 0 ? '' : ` (largest ${pct(rested.share)} of NAV on ${isoDay(market.dates[rested.session])})`;
    out.push(caveat('deferred', 'medium', `${orderSessions(rested.count)} deferred: margin-limit — cut ${where} while a sale that could fund the rest still rested; the rest waited for it${largest}`, { value: rested.count, unit: 'count' }));
  }
  return out;
}
