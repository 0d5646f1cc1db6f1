// Targets whose order was in flight when their symbol left the market: its data ended, or it was
// delisted, before the order could fill, and the exit cancelled the order at that open
// (Result.orders: end delisting / data-end). No deferral records it, so the exposure gap named
// only drift (probe r56c F4: "+0.4 pp" for a −38.9 pp gap whose 40 % BBB target was never bought).

import { isoDay } from '../../data/dates.ts';
import { OrderEnd, OrderOrigin } from '../../engine/execution/orders.ts';
import type { Result } from '../../engine/result.ts';
import { exitWeights, lastDecision, meanLevel, NAMED, nextDecision, type Reach, shownNames } from './gapCauseLevels.ts';

/** A symbol's exit that cancelled a target order: the decision whose target stood, that target's weight, and the share of NAV the exit closed. */
interface CancelledTarget {
  readonly exit: number;
  readonly symbol: number;
  readonly decided: number;
  readonly delisted: boolean;
  weight: number;
  closed: number;
}

/**
 * Targets whose order an exit cancelled before it filled, sized as the targets on symbols that
 * left are (goneTargetCause, leftWaitCause): |target weight| of the last decision before the exit
 * (its snapshot row), less the share of NAV the exit itself closed (its weight at its last close,
 * exitWeights, as exitCause sizes it: the two together come to the target), held out from the
 * exit (at its session's open) until the next decision on or after it can reach the book
 * (at(that decision), as for an exit), averaged over the counted sessions. Only the planner's
 * orders (an explicit order is no target) placed before the exit, and only a target larger than
 * what the exit closed (a sale down to a smaller target, the exit made). A target without a
 * weight (a share or value target unpriced at its decision) is not sized, as for the waits.
 * One: "BBB's 40.0 % target of 2024-01-02 could not be bought: BBB's data ended on 2024-01-02,
 * before its order could fill, −40.0 pp" ("… bought in full" where the exit closed part of it,
 * "sold short" for a short target, "BBB was delisted on …"); several: "targets whose orders were
 * cancelled when their symbols left the market, before they filled (BBB, CCC), −X pp". Null when
 * none, or under 0.05 %.
 */
export function exitCancelledCause(result: Result, gross: Float64Array, from: number, at: Reach): string | null {
  const o = result.orders;
  const n = result.symbols.length;
  const first = result.sessions[0];
  const exits = new Map<number, CancelledTarget>();
  for (let k = 0; k < o.id.length; k++) {
    const end = o.end[k];
    if (o.origin[k] !== OrderOrigin.targets || (end !== OrderEnd.delisting && end !== OrderEnd.dataEnd) || o.endSession[k] <= o.session[k]) continue;
    const exit = o.endSession[k];
    const key = exit * n + o.symbol[k];
    if (!exits.has(key)) exits.set(key, { exit, symbol: o.symbol[k], decided: lastDecision(result, exit - 1), delisted: end === OrderEnd.delisting, weight: NaN, closed: 0 });
  }
  if (exits.size === 0) return null;
  const byDecision = new Map([...exits.values()].map((c) => [c.decided * n + c.symbol, c]));
  const p = result.snapshots;
  for (let k = 0; k < p.session.length; k++) {
    const c = byDecision.get(p.session[k] * n + p.symbol[k]);
    if (c !== undefined) c.weight = p.targetWeight[k];
  }
  const f = result.fills;
  const weights = exitWeights(result);
  for (let k = 0; k < f.session.length; k++) {
    const c = exits.get(f.session[k] * n + f.symbol[k]);
    if (c !== undefined && !Number.isNaN(weights[k])) c.closed += weights[k];
  }
  const steps = new Float64Array(gross.length + 1);
  const sized: CancelledTarget[] = [];
  for (const c of exits.values()) {
    const size = Math.abs(c.weight) - c.closed;
    if (!(size > 0)) continue;
    steps[Math.max(c.exit - first, from)] += size;
    steps[at(nextDecision(result, c.exit - 1))] -= size;
    sized.push(c);
  }
  const share = meanLevel(steps, gross, from);
  if (sized.length === 0 || share < NAMED) return null;
  const pp = `−${(share * 100).toFixed(1)} pp`;
  if (sized.length > 1) return `targets whose orders were cancelled when their symbols left the market, before they filled (${shownNames([...new Set(sized.map((c) => result.symbols[c.symbol]))])}), ${pp}`;
  const [c] = sized;
  const symbol = result.symbols[c.symbol];
  const day = (t: number): string => isoDay(result.dates[t - first]);
  const how = c.delisted ? `${symbol} was delisted` : `${symbol}'s data ended`;
  return `${symbol}'s ${(c.weight * 100).toFixed(1)} % target of ${day(c.decided)} could not be ${c.weight > 0 ? 'bought' : 'sold short'}${c.closed > 0 ? ' in full' : ''}: ${how} on ${day(c.exit - 1)}, before its order could fill, ${pp}`;
}
