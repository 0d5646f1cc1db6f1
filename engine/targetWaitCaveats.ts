// The caveat for targets that stood while their symbol had no price and were ordered once it had
// one (engine/pendingTargets.ts): which target, of which decision, waited until when. What that
// weight cost in exposure meanwhile is the exposure-gap caveat's (reports/bookCaveats.ts).

import { isoDay } from '../data/dates.ts';
import type { Market } from '../data/market.ts';
import { type Caveat, caveat } from './caveats.ts';
import type { TargetWait } from './pendingTargets.ts';

/** Waits named before "and N more". */
const SHOWN = 3;
/** A wait longer than this share of the run's sessions is medium; shorter ones low. */
const LONG_WAIT = 0.05;

/**
 * One caveat for the waits that ended ordered, longest first: "SMLF's 50.0 % target of
 * 2015-01-02 waited for its first price (2015-04-30) and was ordered then" ("its next price"
 * after a gap of more than staleMarkSessions; "target" without a weight for value and share
 * targets). Size: the longest wait in sessions; medium above 5 % of the run's sessions
 * (`first`..`last`), else low. None when no wait ended ordered.
 */
export function targetWaitCaveats(market: Market, waits: readonly TargetWait[], first: number, last: number): Caveat[] {
  const ordered = waits.filter((w) => w.ordered).sort((a, b) => b.until - b.decided - (a.until - a.decided) || a.decided - b.decided);
  if (ordered.length === 0) return [];
  const day = (t: number): string => isoDay(market.dates[t]);
  const said = ordered.slice(0, SHOWN).map((w) => {
    const weight = Number.isNaN(w.weight) ? '' : ` ${(w.weight * 100).toFixed(1)} %`;
    return `${market.symbols[w.symbol]}'s${weight} target of ${day(w.decided)} waited for its ${w.firstPrice ? 'first' : 'next'} price (${day(w.until)}) and was ordered then`;
  });
  const more = ordered.length > SHOWN ? `; and ${ordered.length - SHOWN} more` : '';
  const longest = ordered[0].until - ordered[0].decided;
  const message = `${said.join('; ')}${more} — a target on a symbol with no price stands until the symbol has one, unless a later decision replaces it`;
  const symbols = [...new Set(ordered.map((w) => market.symbols[w.symbol]))];
  return [caveat('deferred', longest > LONG_WAIT * (last - first + 1) ? 'medium' : 'low', message, { value: longest, unit: 'sessions' }, symbols)];
}
