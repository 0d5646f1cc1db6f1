// How the exposure gap's causes are sized (exposureGapCauses.ts and the causes beside it): a cause
// is a level of NAV share, stepped on where it begins and off where a decision sets targets anew
// and its fills can reach the book, averaged over the sessions the gap compares.

import { isoDay } from '../../data/dates.ts';
import { FillReason, type Result } from '../../engine/result.ts';

/** A cause smaller than this share of NAV on average prints as 0.0 and is not named (the gap it would explain is at least 5 pp). */
export const NAMED = 0.0005;

/** Symbols a clause names before "…". */
export const SHOWN = 3;

/** `names` as a clause lists them: the first SHOWN, then "…" where there are more. */
export const shownNames = (names: readonly string[]): string => `${names.slice(0, SHOWN).join(', ')}${names.length > SHOWN ? ', …' : ''}`;

/** `at(session)`: the index into the counted span of the first session a decision at `session` could reach with its fills (its lag after it), clamped to the span. */
export type Reach = (session: number) => number;

/** The mean over the sessions from `from` with a finite `gross` of the running sum of `steps` (a level changed by steps[k] at session k). */
export function meanLevel(steps: Float64Array, gross: Float64Array, from: number): number {
  let sum = 0;
  let sessions = 0;
  for (let k = from, level = 0; k < gross.length; k++) {
    level += steps[k];
    if (!Number.isFinite(gross[k])) continue;
    sum += level;
    sessions++;
  }
  return sessions > 0 ? sum / sessions : 0;
}

/** How many of the run's decisions (Result.decisionSessions, ascending) came on or before `session`. Binary search: a run deciding every session asks once per exit, wait and gone target. */
function decisionsUpTo(result: Result, session: number): number {
  const decided = result.decisionSessions ?? [];
  let lo = 0;
  let hi = decided.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (decided[mid] > session) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The session of the first decision after `session` (the run's end + 1 when none): the one that sets targets anew. */
export function nextDecision(result: Result, session: number): number {
  const decided = result.decisionSessions ?? [];
  const k = decisionsUpTo(result, session);
  return k < decided.length ? decided[k] : result.sessions[0] + result.sessions.length;
}

/** The session of the last decision on or before `session`, −1 when none: the one whose targets stand there. */
export function lastDecision(result: Result, session: number): number {
  const k = decisionsUpTo(result, session);
  return k > 0 ? result.decisionSessions![k - 1] : -1;
}

/**
 * Per fill, for the exits (reason dataEnd / delisting; NaN for every other fill): the weight the
 * position had in the book at its last close, |shares × last close| / the NAV of the close before
 * the exit — what the exit took out of the book, whatever a delisting return made of its proceeds
 * (−100 % leaves none; +3,500 % proceeds are no weight the book had). A data end, and a delisting
 * without a return, close at the last close itself; a delisting's last close is RunFacts'.
 */
export function exitWeights(result: Result): Float64Array {
  const f = result.fills;
  const first = result.sessions[0];
  const out = new Float64Array(f.session.length).fill(NaN);
  const lastClose = delistedLastCloses(result);
  for (let k = 0; k < f.session.length; k++) {
    if (f.reason[k] !== FillReason.dataEnd && f.reason[k] !== FillReason.delisting) continue;
    const exit = f.session[k] - first;
    const nav = result.daily.nav[Math.max(0, exit - 1)];
    if (!(nav > 0)) continue;
    const price = f.reason[k] === FillReason.delisting ? (lastClose.get(`${f.symbol[k]} ${exit}`) ?? f.price[k]) : f.price[k];
    out[k] = Math.abs(f.quantity[k] * price) / nav;
  }
  return out;
}

/** The last close of each delisting exit (RunFacts.delistingExits), keyed "symbol index, run session index". */
function delistedLastCloses(result: Result): Map<string, number> {
  const out = new Map<string, number>();
  if (result.facts.delistingExits.length === 0) return out;
  const symbol = new Map(result.symbols.map((name, i) => [name, i]));
  const row = new Map(Array.from(result.dates, (d, t) => [isoDay(d), t]));
  for (const x of result.facts.delistingExits) {
    const i = symbol.get(x.symbol);
    const t = row.get(x.date);
    if (i !== undefined && t !== undefined && x.lastClose > 0) out.set(`${i} ${t}`, x.lastClose);
  }
  return out;
}
