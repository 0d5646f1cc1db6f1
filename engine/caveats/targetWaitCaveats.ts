// The caveats for targets that stood while their symbol had no price (engine/execution/pendingTargets.ts):
// those ordered once it had one — which target, of which decision, waited until when — and those
// that never filled because their symbol left the market first. What that weight cost in exposure
// meanwhile is the exposure-gap caveat's (reports/caveats/bookCaveats.ts).

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { type Caveat, caveat, shareCount } from './caveats.ts';
import { leftWait, type TargetWait } from '../execution/pendingTargets.ts';

/** Waits named before "and N more". */
const SHOWN = 3;
/** A wait longer than this share of the run's sessions is medium; shorter ones low. */
const LONG_WAIT = 0.05;

/**
 * The caveats of the run's waits, longest first within each: one for the waits that ended ordered
 * — "SMLF's 50.0 % target of 2015-01-02 waited for its first price (2015-04-30) and was ordered
 * then" ("its next price" after a gap of more than staleMarkSessions; "target" without a weight
 * for value and share targets), sized by the longest wait in sessions, medium above 5 % of the
 * run's sessions (`first`..`last`), else low — and one, medium, for the waits whose symbol left
 * the market before its price (leftWaitSentence), sized likewise. None where no wait ended so.
 */
export function targetWaitCaveats(market: Market, waits: readonly TargetWait[], first: number, last: number): Caveat[] {
  const day = (t: number): string => isoDay(market.dates[t]);
  const name = (w: TargetWait): string => market.symbols[w.symbol];
  const out: Caveat[] = [];
  const ordered = longestFirst(waits.filter((w) => w.end === 'ordered'));
  if (ordered.length > 0) {
    const said = ordered.slice(0, SHOWN).map((w) => `${targetOf(name(w), w, day)} waited for its ${w.firstPrice ? 'first' : 'next'} price (${day(w.until)}) and was ordered then`);
    const longest = ordered[0].until - ordered[0].decided;
    const message = `${said.join('; ')}${more(ordered)} — a target on a symbol with no price stands until the symbol has one, unless a later decision replaces it`;
    out.push(caveat('deferred', longest > LONG_WAIT * (last - first + 1) ? 'medium' : 'low', message, { value: longest, unit: 'sessions' }, symbolsOf(market, ordered)));
  }
  const left = longestFirst(waits.filter(leftWait));
  if (left.length > 0) {
    const message = `${left.slice(0, SHOWN).map((w) => leftWaitSentence(name(w), w, day)).join('; ')}${more(left)} — a target on a symbol that leaves the market before its price never fills`;
    out.push(caveat('deferred', 'medium', message, { value: left[0].until - left[0].decided, unit: 'sessions' }, symbolsOf(market, left)));
  }
  return out;
}

/**
 * What became of a wait whose symbol left the market before its price (`w.end` delisted or
 * dataEnded): "LLL's 30.0 % target of 2020-01-02 never filled: LLL was delisted on 2020-02-14
 * before its first price" ("LLL's data ended on …"; "its next price" where it had traded before).
 * The date is the symbol's last listed session, the one before `w.until` (its first session gone);
 * `day(t)` gives session t's ISO date.
 */
export function leftWaitSentence(symbol: string, w: TargetWait, day: (t: number) => string): string {
  const how = w.end === 'delisted' ? `${symbol} was delisted` : `${symbol}'s data ended`;
  return `${targetOf(symbol, w, day)} never filled: ${how} on ${day(w.until - 1)} before its ${w.firstPrice ? 'first' : 'next'} price`;
}

/**
 * "LLL's 30.0 % target of 2020-01-02" ("LLL's target of …" for value and share targets, whose weight
 * is NaN); a share target that splits rescaled while it waited says so: "XSP's target of 2024-01-11
 * (15 shares, 1.5 in post-split shares)".
 */
function targetOf(symbol: string, w: TargetWait, day: (t: number) => string): string {
  const weight = Number.isNaN(w.weight) ? '' : ` ${(w.weight * 100).toFixed(1)} %`;
  const split = w.splitShares !== w.shares && Number.isFinite(w.shares) ? ` (${shareCount(w.shares)} share${w.shares === 1 ? '' : 's'}, ${shareCount(w.splitShares)} in post-split shares)` : '';
  return `${symbol}'s${weight} target of ${day(w.decided)}${split}`;
}

/** `waits` sorted in place, longest (until − decided, in sessions) first, then earliest decided. */
function longestFirst(waits: TargetWait[]): TargetWait[] {
  return waits.sort((a, b) => b.until - b.decided - (a.until - a.decided) || a.decided - b.decided);
}

function more(waits: readonly TargetWait[]): string {
  return waits.length > SHOWN ? `; and ${waits.length - SHOWN} more` : '';
}

function symbolsOf(market: Market, waits: readonly TargetWait[]): string[] {
  return [...new Set(waits.map((w) => market.symbols[w.symbol]))];
}
