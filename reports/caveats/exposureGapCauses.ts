// What a run recorded that kept its realised gross exposure from its targets, for the
// exposure-gap caveat (bookCaveats.ts): targets waiting for their symbol's price (sized in pp of
// NAV), buys and sales the account cut, orders that rested, cash left by rounding to whole shares (the
// planner's record) and holdings drifting between decisions (from the daily columns), sized —
// each named only where the run recorded it.

import { isoDay } from '../../data/dates.ts';
import { Deferral } from '../../engine/execution/orders.ts';
import { leftWait, type TargetWait } from '../../engine/execution/pendingTargets.ts';
import { FillReason, type Result, SKIP_RULE_NAMES, type SkipRule } from '../../engine/result.ts';
import { skipRuleText } from '../../engine/caveats/skippedTradeCaveats.ts';
import { leftWaitSentence } from '../../engine/caveats/targetWaitCaveats.ts';
import { exitCancelledCause } from './exitCancelledCause.ts';
import { exitWeights, meanLevel, NAMED, nextDecision, type Reach, SHOWN, shownNames } from './gapCauseLevels.ts';

/** An order that a deferral ended unfilled (nothing of what was left ever traded): what ended it, and whether that came at the session's open, before its decision. */
interface Ended {
  readonly ended: string;
  readonly atOpen: boolean;
}

/**
 * The clause each deferral reason feeds — every reason has one (the type checks it; a new reason
 * must be placed here): orders that `rested` or that the account `cut` (deferralCauses); orders a
 * deferral `ended` unfilled, sized (endedCauses); a target on a symbol with no price, which
 * Result.targetWaits records (`waiting`: waitCause); targets or orders on a symbol that had left
 * the market (`gone`: goneTargetCause, leftWaitCause, and the exits it closed, exitCause).
 */
export const DEFERRAL_CAUSE = {
  [Deferral.noTrade]: 'rested',
  [Deferral.volumeCap]: 'rested',
  [Deferral.priceNotReached]: 'rested',
  [Deferral.noPrice]: 'waiting',
  [Deferral.expired]: { ended: 'whose day (tif day) ended unfilled', atOpen: false },
  [Deferral.cash]: 'cut',
  [Deferral.marginLimit]: 'cut',
  [Deferral.delisted]: 'gone',
  [Deferral.dataEnd]: 'gone',
  [Deferral.split]: { ended: 'a split cut below one share', atOpen: true },
  [Deferral.noShorts]: 'cut',
} as const satisfies Record<Deferral, 'rested' | 'cut' | 'waiting' | 'gone' | Ended>;

const reasonsOf = (cause: string): ReadonlySet<number> => new Set(Object.entries(DEFERRAL_CAUSE).flatMap(([reason, c]) => (c === cause ? [Number(reason)] : [])));
const CUT = reasonsOf('cut');
const RESTED = reasonsOf('rested');
/** The reasons that end an order unfilled, with what ended it. */
const ENDED: ReadonlyMap<number, Ended> = new Map(Object.entries(DEFERRAL_CAUSE).flatMap(([reason, c]) => (typeof c === 'object' ? [[Number(reason), c]] : [])));
/** What the account refuses a reduction for, ending it: a cash account's cash for its commission (a closing fill is never cut at a margin limit). */
const REFUSED: ReadonlySet<number> = new Set([Deferral.cash]);

/**
 * The causes of the gap over the sessions from `from` (an index into the run's sessions) to its
 * end whose gross exposure (`gross`: fraction of NAV per session, NaN where NAV ≤ 0) is finite,
 * as clauses,
 * each only where the run recorded it:
 * - targets waiting for a price, sized: Σ |weight| of the targets waiting on each counted session
 *   — from the first session their decision's fills could reach (`lag` after it) to the first the
 *   order placed at their price could (or the next decision's) — averaged over the counted
 *   sessions (waitCause): "a target waiting for a price (IWM until 2000-05-26), −12.1 pp";
 * - targets whose symbol left the market before their price, sized likewise to the next decision
 *   (leftWaitCause);
 * - buys and sales the account cut, and orders that rested (their deferrals on the counted
 *   sessions: deferralCauses);
 * - orders a deferral ended unfilled — a split cut them below one share, or their day (tif day)
 *   ended — sized (endedCauses): "an order a split cut below one share (RS), −7.5 pp";
 * - trades the skip rules dropped, sized (skippedCause);
 * - whole shares, sized: the share of NAV rounding left out of the standing targets
 *   (Result.roundedAway), averaged over the counted sessions likewise: "whole shares left 0.1% of
 *   NAV uninvested";
 * - holdings that drifted between decisions, sized: the mean over the counted sessions of gross
 *   exposure less its value at the last session with a fill (before the span: the session before
 *   it), i.e. how far prices and income moved the book's weights while nothing traded — "holdings
 *   drifted between decisions, by -0.8 pp on average" — less what splits paid as cash in lieu,
 *   its own cause: the mean share of NAV so paid since the last trade or decision ("cash in lieu
 *   of fractional shares from splits, uninvested until a decision sized the book again (or to the
 *   end), −25.0 pp"); after a decision the cash is whole shares' rounding, counted there;
 * - positions the run closed when their data ended or they were delisted, sized (exitCause),
 *   targets whose order such an exit cancelled before it filled, sized (exitCancelledCause.ts), and
 *   later decisions' targets on such symbols (goneTargetCause).
 * A sized cause under 0.05 % of NAV on average is not named. The sizes are signed (a wait lowers
 * exposure, drift moves it either way) and need not sum to the gap: each is measured alone. With
 * `above` (the book averaged above its targets) only what raised exposure is named: reductions
 * that rested, sales the account refused and sales or covers a deferral ended, sized
 * (endedCauses), sales or covers the skip rules dropped, and drift that raised it.
 */
export function exposureGapCauses(result: Result, gross: Float64Array, from: number, lag: number, above = false): string[] {
  const first = result.sessions[0];
  const n = result.sessions.length;
  const at = (session: number): number => Math.min(n, Math.max(from, session - first + lag));
  // Where each plan's sizing takes the book over (its fills' first session): cash paid in lieu is its rounding's from then on.
  const sized = new Set(Array.from(result.roundedAway?.session ?? [], at));
  const { drift, lieu } = meanDrift(result, gross, from, sized);
  const drifted = Math.abs(drift) >= NAMED ? [`holdings drifted between decisions, by ${drift > 0 ? '+' : ''}${(drift * 100).toFixed(1)} pp on average`] : [];
  const split = lieu >= NAMED ? [`cash in lieu of fractional shares from splits, uninvested until a decision sized the book again (or to the end), −${(lieu * 100).toFixed(1)} pp`] : [];
  // A book above its targets: only what raises exposure explains it — drift up, and reductions that rested (a suspended sale);
  // the rest (waits, cuts, rounding, exits, rested additions) lowers it.
  if (above) {
    const rested = orderDeferrals(result, RESTED, true).length > 0 ? ['sales or covers rested (the position stayed larger than its target)'] : [];
    return [...rested, ...endedCauses(result, gross, from, lag, at, true), ...skippedCause(result, gross, from, at, true), ...(drift > 0 ? drifted : [])];
  }
  const all = (result.targetWaits ?? []).filter((w) => Number.isFinite(w.weight) && w.weight !== 0);
  const causes: string[] = [];
  const waiting = waitCause(result, all.filter((w) => !leftWait(w)), gross, from, at);
  if (waiting !== null) causes.push(waiting);
  const gone = leftWaitCause(result, all.filter(leftWait), gross, from, at);
  if (gone !== null) causes.push(gone);
  causes.push(...deferralCauses(result, gross, from, lag));
  causes.push(...endedCauses(result, gross, from, lag, at, false));
  const rounded = result.roundedAway;
  if (rounded !== undefined) {
    // Each row replaces the one before it from the first session its plan's fills could reach.
    const left = new Float64Array(n + 1);
    for (let k = 0; k < rounded.session.length; k++) left[at(rounded.session[k])] += rounded.share[k] - (k > 0 ? rounded.share[k - 1] : 0);
    const share = meanLevel(left, gross, from);
    if (share >= NAMED) causes.push(`whole shares left ${(share * 100).toFixed(1)}% of NAV uninvested`);
  }
  causes.push(...skippedCause(result, gross, from, at, false));
  const exits = exitCause(result, gross, from, at);
  if (exits !== null) causes.push(exits);
  const cancelled = exitCancelledCause(result, gross, from, at);
  if (cancelled !== null) causes.push(cancelled);
  const goneTargets = goneTargetCause(result, gross, from, at);
  if (goneTargets !== null) causes.push(goneTargets);
  return [...causes, ...split, ...drifted];
}

/**
 * The account's cuts and the orders that rested on the counted sessions (a deferral counts where
 * its session, or the next `lag` one where a cut at the decision shows, has a finite `gross`), as
 * clauses: buys cut ("buys were cut by the account"), sales cut — by the sign of what was left —
 * named for what cut them ("sales were cut at the holding (a cash account does not short)" for
 * no-shorts, else "sales were cut by the account"), and "orders rested".
 */
function deferralCauses(result: Result, gross: Float64Array, from: number, lag: number): string[] {
  const d = result.deferrals;
  const first = result.sessions[0];
  const counted = (session: number): boolean => {
    for (let k = Math.max(from, session - first); k <= session - first + lag && k < gross.length; k++) if (Number.isFinite(gross[k])) return true;
    return false;
  };
  let buysCut = false;
  let salesCut = false;
  let noShorts = false;
  let rested = false;
  for (let k = 0; k < d.reason.length; k++) {
    const reason = d.reason[k];
    if (!(CUT.has(reason) || RESTED.has(reason)) || !counted(d.session[k])) continue;
    if (RESTED.has(reason)) rested = true;
    else if (d.remaining[k] > 0) buysCut = true;
    else if (d.remaining[k] < 0 && reason === Deferral.noShorts) noShorts = true;
    else if (d.remaining[k] < 0) salesCut = true;
  }
  return [
    ...(buysCut ? ['buys were cut by the account'] : []),
    ...(noShorts ? ['sales were cut at the holding (a cash account does not short)'] : []),
    ...(salesCut ? ['sales were cut by the account'] : []),
    ...(rested ? ['orders rested'] : []),
  ];
}

/**
 * Trades the planner's skip rules dropped (Result.skippedTrades) that would have taken the book
 * toward its targets — adding to a position (`gross` > 0), or with `above` reducing one — sized:
 * |gross| from at(plan) until the next decision sets targets anew, averaged — "trades skipped by
 * the skip rules (BBB, DDD, whose commission was above maxCommissionRate 0.01), −6.0 pp" (with
 * `above`: "sales or covers skipped by the skip rules (…) (the position stayed larger than its
 * target), +X pp"). Empty when none, or under 0.05 %.
 */
function skippedCause(result: Result, gross: Float64Array, from: number, at: Reach, above: boolean): string[] {
  const s = result.skippedTrades;
  if (s === undefined) return [];
  const steps = new Float64Array(gross.length + 1);
  const names = SKIP_RULE_NAMES.map(() => new Set<string>());
  for (let k = 0; k < s.session.length; k++) {
    if (!(above ? s.gross[k] < 0 : s.gross[k] > 0)) continue;
    steps[at(s.session[k])] += Math.abs(s.gross[k]);
    steps[at(nextDecision(result, s.session[k]))] -= Math.abs(s.gross[k]);
    names[s.rule[k]].add(result.symbols[s.symbol[k]]);
  }
  const share = meanLevel(steps, gross, from);
  if (share < NAMED) return [];
  const rules = names.flatMap((set, rule) => (set.size > 0 ? [`${shownNames([...set])}, ${skipRuleText(rule as SkipRule, result.manifest.config)}`] : []));
  const pp = `${(share * 100).toFixed(1)} pp`;
  return [above ? `sales or covers skipped by the skip rules (${rules.join('; ')}) (the position stayed larger than its target), +${pp}` : `trades skipped by the skip rules (${rules.join('; ')}), −${pp}`];
}

/**
 * Targets a decision set on symbols that had already left the market (delisted, or their data
 * ended): they never stand (engine/execution/pendingTargets.ts), the decision records a data-end or
 * delisting deferral for each (NaN remaining), and its snapshot keeps the target weight, so they
 * count as targeted. Sized: |target weight| from at(decision) to at(next decision), averaged —
 * "targets on symbols that had left the market (BBB, CCC), −22.4 pp". Null when none, or under 0.05 %.
 */
function goneTargetCause(result: Result, gross: Float64Array, from: number, at: Reach): string | null {
  const n = result.symbols.length;
  const d = result.deferrals;
  const gone = (k: number): boolean => (d.reason[k] === Deferral.dataEnd || d.reason[k] === Deferral.delisted) && Number.isNaN(d.remaining[k]);
  // The target weights of those deferrals' (session, symbol) only: a run's snapshots are every target of every decision.
  const weight = new Map<number, number>();
  for (let k = 0; k < d.session.length; k++) if (gone(k)) weight.set(d.session[k] * n + d.symbol[k], 0);
  if (weight.size === 0) return null;
  const p = result.snapshots;
  for (let k = 0; k < p.session.length; k++) {
    const key = p.session[k] * n + p.symbol[k];
    if (weight.has(key) && Number.isFinite(p.targetWeight[k])) weight.set(key, p.targetWeight[k]);
  }
  const steps = new Float64Array(gross.length + 1);
  const names: string[] = [];
  for (let k = 0; k < d.session.length; k++) {
    if (!gone(k)) continue;
    const w = Math.abs(weight.get(d.session[k] * n + d.symbol[k]) ?? 0);
    if (w === 0) continue;
    steps[at(d.session[k])] += w;
    steps[at(nextDecision(result, d.session[k]))] -= w;
    const name = result.symbols[d.symbol[k]];
    if (!names.includes(name)) names.push(name);
  }
  const share = meanLevel(steps, gross, from);
  if (names.length === 0 || share < NAMED) return null;
  return `targets on symbols that had left the market (${shownNames(names)}), −${(share * 100).toFixed(1)} pp`;
}

/**
 * The deferrals (indices into result.deferrals, ascending) for a reason in `reasons` of orders
 * that would have reduced a position (`reduces`: a sale of a holding held long, or a buy covering
 * one held short, as the latest snapshot at or before the deferral's session holds it), or else
 * of those that would not (a buy with nothing held, an addition); with that snapshot's mark
 * (price per share; NaN where it held none), for want of a close.
 */
function orderDeferrals(result: Result, reasons: ReadonlySet<number>, reduces: boolean): { index: number; mark: number }[] {
  const d = result.deferrals;
  const p = result.snapshots;
  const held = new Map<number, { shares: number; mark: number }>();
  const out: { index: number; mark: number }[] = [];
  let k = 0;
  for (let j = 0; j < d.session.length; j++) {
    for (; k < p.session.length && p.session[k] <= d.session[j]; k++) held.set(p.symbol[k], { shares: p.shares[k], mark: p.price[k] });
    if (!reasons.has(d.reason[j]) || Number.isNaN(d.remaining[j])) continue;
    const h = held.get(d.symbol[j]);
    if ((h !== undefined && h.shares * d.remaining[j] < 0) === reduces) out.push({ index: j, mark: h?.mark ?? NaN });
  }
  return out;
}

/**
 * Orders a deferral ended unfilled, each clause sized: |remaining| × the close on the deferral's
 * session (else the held snapshot's mark) / NAV there, held from that session until at(the next
 * decision that sets targets anew) — for an end at the open (a split), the first decision on or
 * after its session; else (at a fill) the next after the decision whose fills it was, `lag`
 * before — averaged over the counted sessions. Below the targets (`above` false), the orders that
 * would have added to the book, by what ended them: "an order a split cut below one share (RS),
 * −7.5 pp" (probe r48c F3: it read "the run recorded none of the causes"). Above them, the sales
 * or covers that would have reduced it: the sales the account refused — a cash account's sale
 * whose commission is more than its proceeds plus the cash there (the one reduction an account
 * refuses: a cover of a short is never held back for cash, nor a closing fill at a margin limit)
 * — "sales refused by the account, their commission more than their proceeds plus the cash there
 * (APN, APQ; the position stayed larger than its target), +66.7 pp" (probe r47a F2), then those a
 * split or a day's end ended. A clause under 0.05 % is not named.
 */
function endedCauses(result: Result, gross: Float64Array, from: number, lag: number, at: Reach, above: boolean): string[] {
  const groups: { reasons: ReadonlySet<number>; clause: (names: string, count: number, pp: string) => string }[] = [];
  if (above) groups.push({ reasons: REFUSED, clause: (names, _, pp) => `sales refused by the account, their commission more than their proceeds plus the cash there (${names}; the position stayed larger than its target), +${pp}` });
  for (const [reason, { ended }] of ENDED) {
    groups.push({
      reasons: new Set([reason]),
      clause: above ? (names, _, pp) => `sales or covers ${ended} (${names}; the position stayed larger than its target), +${pp}` : (names, count, pp) => `${count === 1 ? 'an order' : 'orders'} ${ended} (${names}), −${pp}`,
    });
  }
  return groups.flatMap(({ reasons, clause }) => {
    const sized = endedShare(result, orderDeferrals(result, reasons, above), gross, from, lag, at);
    return sized === null ? [] : [clause(shownNames(sized.names), sized.count, `${(sized.share * 100).toFixed(1)} pp`)];
  });
}

/** The mean share of NAV the ended orders `picked` kept out of (or in) the book, as endedCauses sizes it, their symbols and count; null when none, or under 0.05 %. */
function endedShare(result: Result, picked: readonly { index: number; mark: number }[], gross: Float64Array, from: number, lag: number, at: Reach): { share: number; names: string[]; count: number } | null {
  const d = result.deferrals;
  const first = result.sessions[0];
  const steps = new Float64Array(gross.length + 1);
  const names: string[] = [];
  let count = 0;
  for (const { index: k, mark } of picked) {
    const t = d.session[k] - first;
    const close = d.close?.[k] ?? NaN;
    const share = (Math.abs(d.remaining[k]) * (Number.isFinite(close) ? close : mark)) / result.daily.nav[t];
    if (!Number.isFinite(share)) continue;
    steps[Math.max(t, from)] += share;
    // At the open, the session's own decision comes after the end and sets targets anew; at a fill, the decision the fill was of came before it (same-close: on that close).
    steps[at(nextDecision(result, d.session[k] - (ENDED.get(d.reason[k])?.atOpen ? 1 : lag)))] -= share;
    const name = result.symbols[d.symbol[k]];
    if (!names.includes(name)) names.push(name);
    count++;
  }
  const share = meanLevel(steps, gross, from);
  return names.length === 0 || share < NAMED ? null : { share, names, count };
}

/**
 * Targets waiting for a price (none whose symbol left first: leftWaitCause), sized: Σ of the weight
 * each wait lacks on each counted session — |weight| less what the book held there at its (stale)
 * mark, as the no-price caveat sizes it — from at(decided) to at(until), averaged — "a target
 * waiting for a price (IWM until 2000-05-26), −12.1 pp". Each symbol is named with its last wait
 * and how it ended: "until D" (ordered then), "until replaced on D" (by a later decision), "until
 * cleared on D" (by explicit orders), "until rejected on D" (at its price), "to the end". Null
 * when it rounds to 0.0 pp.
 */
function waitCause(result: Result, waits: readonly TargetWait[], gross: Float64Array, from: number, at: Reach): string | null {
  const waiting = new Float64Array(gross.length + 1);
  const nav = result.daily.nav;
  const holding = heldValues(result, waits);
  for (const w of waits) {
    // What the book already holds there counts as invested: a stale holding above its target waits for nothing (probe r34a: AAA at 65 % of NAV
    // against 50 % read "−10.5 pp"). Its value is constant while it waits (no price moves its mark); its weight moves with NAV.
    const held = (holding.get(waitKey(result, w.decided, w.symbol)) ?? 0) * Math.sign(w.weight);
    for (let k = at(w.decided); k < at(w.until); k++) {
      const short = Math.max(0, Math.abs(w.weight) - Math.max(0, held / nav[k]));
      waiting[k] += short;
      waiting[k + 1] -= short;
    }
  }
  const pp = Math.round(meanLevel(waiting, gross, from) * 1000) / 10;
  if (!(pp > 0)) return null;
  const last = new Map<number, TargetWait>();
  for (const w of waits) last.set(w.symbol, w);
  const day = (session: number): string => isoDay(result.dates[session - result.sessions[0]]);
  const ended = (w: TargetWait): string => (w.end === 'open' ? 'to the end' : w.end === 'ordered' ? `until ${day(w.until)}` : `until ${w.end} on ${day(w.until)}`);
  const named = [...last.values()].slice(0, SHOWN).map((w) => `${result.symbols[w.symbol]} ${ended(w)}`);
  return `${last.size === 1 ? 'a target' : 'targets'} waiting for a price (${named.join(', ')}${last.size > SHOWN ? ', …' : ''}), −${pp.toFixed(1)} pp`;
}

/** A wait's decision and symbol as one number. */
const waitKey = (result: Result, session: number, symbol: number): number => session * result.symbols.length + symbol;

/**
 * The value (shares × mark, signed) each wait's decision recorded holding in its symbol (its
 * snapshot row), by waitKey; absent where it held none. One pass over the snapshots for all waits.
 */
function heldValues(result: Result, waits: readonly TargetWait[]): Map<number, number> {
  const wanted = new Set(waits.map((w) => waitKey(result, w.decided, w.symbol)));
  const out = new Map<number, number>();
  const p = result.snapshots;
  for (let k = 0; k < p.session.length && wanted.size > 0; k++) {
    const key = waitKey(result, p.session[k], p.symbol[k]);
    if (!wanted.delete(key)) continue;
    const value = p.shares[k] * p.price[k];
    if (Number.isFinite(value)) out.set(key, value); // none held: 0 × an unpriced NaN mark
  }
  return out;
}

/**
 * Targets whose symbol left the market (delisted, or its data ended) before their price, sized
 * like waits but held out from at(decided) until the next decision after the leaving — at
 * `until`'s open, so one on `until`'s close counts, as for an exit — can reach the book (it sets
 * targets anew; a target it sets on the gone symbol is goneTargetCause's), averaged: the sentence of the one (engine/caveats/targetWaitCaveats.ts
 * leftWaitSentence) — "LLL's 30.0 % target of 2020-01-02 never filled: LLL was delisted on
 * 2020-02-14 before its first price, −30.0 pp" — or "targets never filled: their symbols left the
 * market before their price (LLL, MMM), −X pp". Null when it rounds to 0.0 pp.
 */
function leftWaitCause(result: Result, waits: readonly TargetWait[], gross: Float64Array, from: number, at: Reach): string | null {
  const held = new Float64Array(gross.length + 1);
  for (const w of waits) {
    held[at(w.decided)] += Math.abs(w.weight);
    held[at(nextDecision(result, w.until - 1))] -= Math.abs(w.weight);
  }
  const pp = Math.round(meanLevel(held, gross, from) * 1000) / 10;
  if (!(pp > 0)) return null;
  const first = result.sessions[0];
  if (waits.length === 1) return `${leftWaitSentence(result.symbols[waits[0].symbol], waits[0], (t) => isoDay(result.dates[t - first]))}, −${pp.toFixed(1)} pp`;
  const names = [...new Set(waits.map((w) => result.symbols[w.symbol]))];
  return `targets never filled: their symbols left the market before their price (${shownNames(names)}), −${pp.toFixed(1)} pp`;
}

/**
 * Positions the run closed itself because their symbol's data ended or it was delisted (fills of
 * reason dataEnd / delisting), sized by the weight each had in the book at its last close
 * (exitWeights: a −100 % delisting, with no proceeds, still took its position out of the book;
 * +3,500 % proceeds are no weight it had), held out of the book from the exit
 * (at a session's open) until the next decision — on that session's close or later: it sets
 * targets anew, and a target it sets on the gone symbol is goneTargetCause's — can reach it:
 * at(that decision), its fills' lag after it, as for the waits. Averaged over the counted
 * sessions: "positions closed when their data ended or they were delisted (DDD, EEE), −13.3 pp".
 * Null when none, or under 0.05 %.
 */
function exitCause(result: Result, gross: Float64Array, from: number, at: Reach): string | null {
  const first = result.sessions[0];
  const f = result.fills;
  const steps = new Float64Array(gross.length + 1);
  const names: string[] = [];
  const weights = exitWeights(result);
  for (let k = 0; k < f.session.length; k++) {
    const weight = weights[k];
    if (Number.isNaN(weight)) continue;
    const exit = f.session[k] - first;
    steps[Math.max(exit, from)] += weight;
    steps[at(nextDecision(result, f.session[k] - 1))] -= weight;
    const name = result.symbols[f.symbol[k]];
    if (!names.includes(name)) names.push(name);
  }
  const share = meanLevel(steps, gross, from);
  if (names.length === 0 || share < NAMED) return null;
  return `positions closed when their data ended or they were delisted (${shownNames(names)}), −${(share * 100).toFixed(1)} pp`;
}

/**
 * The mean over the sessions from `from` with a finite `gross` of gross[k] − gross[a], a the last
 * session ≤ k with a fill that traded (an order, a delisting or data-end exit; not a split's cash
 * in lieu, which leaves the book's exposure where the split found it) — before the span: the
 * session before it, 0 before the run: what moved the book's exposure while nothing traded. A
 * trade resets it: exposure moved on a session with trades is theirs (and their session's
 * prices'), not drift.
 */
function meanDrift(result: Result, gross: Float64Array, from: number, sized: ReadonlySet<number>): { drift: number; lieu: number } {
  const first = result.sessions[0];
  const { session: filled, reason, quantity, price } = result.fills;
  const nav = result.daily.nav;
  let f = 0;
  while (f < filled.length && filled[f] - first < from) f++;
  let anchor = from > 0 ? gross[from - 1] : 0;
  // What splits paid out as cash in lieu since the last trade: the gross exposure it took (its share of each session's NAV) is no
  // drift. A decision's sizing ends it as a cause even where it trades nothing: the cash is then what whole shares left (roundedAway).
  let cash = 0;
  let drift = 0;
  let lieuSum = 0;
  let sessions = 0;
  for (let k = from; k < gross.length; k++) {
    let traded = false;
    for (; f < filled.length && filled[f] - first === k; f++) {
      if (reason[f] !== FillReason.splitCash) traded = true;
      else cash += Math.abs(quantity[f] * price[f]);
    }
    if (traded) anchor = gross[k];
    if (traded || sized.has(k)) {
      // The drift's anchor keeps the lieu it had taken: a decision that trades nothing leaves the book's weights where the split put them.
      if (!traded) anchor -= cash / nav[k];
      cash = 0;
    }
    if (!Number.isFinite(gross[k])) continue;
    const lieu = cash / nav[k];
    if (Number.isFinite(anchor)) drift += gross[k] - anchor + lieu;
    lieuSum += lieu;
    sessions++;
  }
  return sessions > 0 ? { drift: drift / sessions, lieu: lieuSum / sessions } : { drift: 0, lieu: 0 };
}
