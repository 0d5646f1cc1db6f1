// What a run recorded that kept its realised gross exposure from its targets, for the
// exposure-gap caveat (bookCaveats.ts): targets waiting for their symbol's price (sized in pp of
// NAV), buys the account cut, orders that rested, whole shares, and holdings drifting between
// decisions — each named only where the run recorded it.

import { isoDay } from '../data/dates.ts';
import { Deferral } from '../engine/orders.ts';
import type { Result } from '../engine/result.ts';

const CUT: ReadonlySet<number> = new Set([Deferral.cash, Deferral.marginLimit]);
const RESTED: ReadonlySet<number> = new Set([Deferral.noTrade, Deferral.volumeCap, Deferral.priceNotReached]);
/** Symbols named in the waiting clause before "…". */
const SHOWN = 3;

/**
 * The causes of the gap over the sessions `from`..`to` (indices into the run's sessions) whose
 * gross exposure is finite (`counted`), as clauses. Waiting targets come first, sized: Σ |weight|
 * of the targets waiting for a price on each counted session — from the first session their
 * decision's fills could reach (`lag` after it) to the first the order placed at their price could
 * (or the next decision's) — averaged over the counted sessions: "12.0 pp of it a target
 * waiting for a price (IWM until 2000-05-26)", a wait open at the run's end "to the end". Then, each
 * where the run recorded it: buys the account cut, orders that rested, whole shares, and holdings
 * that drifted between decisions.
 */
export function exposureGapCauses(result: Result, counted: (k: number) => boolean, from: number, lag: number): string[] {
  const first = result.sessions[0];
  const n = result.sessions.length;
  const waits = (result.targetWaits ?? []).filter((w) => Number.isFinite(w.weight) && w.weight !== 0);
  const standing = new Float64Array(n + 1);
  for (const w of waits) {
    standing[Math.min(n, Math.max(from, w.decided - first + lag))] += Math.abs(w.weight);
    standing[Math.min(n, Math.max(from, w.until - first + lag))] -= Math.abs(w.weight);
  }
  let waiting = 0;
  let sessions = 0;
  for (let k = from, level = 0; k < n; k++) {
    level += standing[k];
    if (!counted(k)) continue;
    waiting += level;
    sessions++;
  }
  const causes: string[] = [];
  const pp = sessions > 0 ? Math.round((waiting / sessions) * 1000) / 10 : 0;
  if (pp > 0) {
    const last = new Map<number, { until: number; ordered: boolean }>();
    for (const w of waits) last.set(w.symbol, { until: w.until, ordered: w.ordered });
    // A wait still open at the run's end never met a price; any other ended where the symbol was priced for a decision or an order.
    const end = first + n - 1;
    const named = [...last].slice(0, SHOWN).map(([i, w]) => `${result.symbols[i]} ${w.ordered || w.until < end ? `until ${isoDay(result.dates[w.until - first])}` : 'to the end'}`);
    causes.push(`${pp.toFixed(1)} pp of it ${last.size === 1 ? 'a target' : 'targets'} waiting for a price (${named.join(', ')}${last.size > SHOWN ? ', …' : ''})`);
  }
  const reasons = new Set(result.deferrals.reason);
  if ([...CUT].some((r) => reasons.has(r))) causes.push('buys were cut by the account');
  if ([...RESTED].some((r) => reasons.has(r))) causes.push('orders rested');
  if (result.manifest.config.shares === 'whole') causes.push('whole shares left cash (a name priced above its target gets none)');
  if ((result.decisionSessions?.length ?? 0) < sessions) causes.push('holdings drifted between decisions');
  return causes;
}
