// Narrowing a universe at decision time: size bands from point-in-time market caps and
// liquidity floors from trailing dollar volume. Members are symbol indices; every filter
// returns a fresh Int32Array in index order, and a name with a missing input is dropped.

import type { FundamentalField } from '../../data/fundamentals.ts';
import { UserError } from '../../data/errors.ts';
import type { MarketView } from '../../engine/decisions/view.ts';

/**
 * Refuse a strategy that needs fundamentals on data without them: a UserError naming `who`
 * (e.g. `size-tilt mode=stocks`), the fields the data lacks altogether, and `otherwise` (a way out).
 */
export function requireFundamentals(view: MarketView, fields: readonly FundamentalField[], who: string, otherwise: string): void {
  const missing = fields.filter((f) => !view.hasFundamental(f));
  if (missing.length > 0) {
    throw new UserError(`${who} needs fundamentals the data does not have: no ${missing.join(', ')} for any symbol — load fundamentals (SimFin) with the prices, or ${otherwise}`);
  }
}

/** Members for which `keep(i)` holds. */
export function filterMembers(members: ArrayLike<number>, keep: (i: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let k = 0; k < members.length; k++) if (keep(members[k])) out.push(members[k]);
  return Int32Array.from(out);
}

/**
 * Members whose last bar on or before the decision traded (a close and non-zero volume): a listed
 * name without a bar at the decision (a weekend beside a seven-day coin, a halt) counts by its
 * last bar, as it stands at its last close (MarketView.present); a name whose last bar had no
 * trade is left out.
 */
export function tradedOnLastBar(view: MarketView, members: ArrayLike<number>): Int32Array {
  return filterMembers(members, (i) => {
    if (!view.present(i)) return false;
    let lag = 0;
    while (Number.isNaN(view.close(i, lag))) lag++;
    return view.price('volume', i, lag) !== 0;
  });
}

/**
 * Members without a single-session move that reverted (a bad print or an uncarried corporate
 * action, MarketView.revertingMoves) known in the last `window` sessions (default a year of the
 * run's sessions, view.periodsPerYear): their history would feed the move into returns, ranks
 * and volatility as if it had traded.
 */
export function withoutRevertingMoves(view: MarketView, members: ArrayLike<number>, window = view.periodsPerYear): Int32Array {
  return filterMembers(members, (i) => view.revertingMoves(i, window) === 0);
}

/**
 * The members ranked by market cap (largest first) after skipping the `skipLargest` biggest,
 * keeping at most `take`: (0, K) is the top K, (100, ∞) everything but the 100 largest.
 */
export function capRankBand(members: ArrayLike<number>, marketCaps: Float64Array, skipLargest: number, take = Infinity): Int32Array {
  const sized = Array.from(filterMembers(members, (i) => marketCaps[i] > 0));
  sized.sort((a, b) => marketCaps[b] - marketCaps[a] || a - b);
  return Int32Array.from(sized.slice(skipLargest, skipLargest + take)).sort();
}

/**
 * Average daily dollar volume (raw close × volume) over the last `window` sessions, per member;
 * sessions without a price are skipped, sessions with zero volume count as zero trading. NaN
 * for non-members and for names with prices on fewer than half the window.
 */
export function averageDollarVolume(
  view: MarketView,
  members: ArrayLike<number>,
  window: number,
  out = new Float64Array(view.symbolCount),
): Float64Array {
  out.fill(NaN);
  const closes = new Float64Array(window);
  const volumes = new Float64Array(window);
  for (let k = 0; k < members.length; k++) {
    const i = members[k];
    view.history('close', i, window, closes);
    view.history('volume', i, window, volumes);
    let sum = 0;
    let days = 0;
    for (let s = 0; s < window; s++) {
      if (Number.isNaN(closes[s]) || Number.isNaN(volumes[s])) continue;
      sum += closes[s] * volumes[s];
      days++;
    }
    out[i] = days * 2 >= window ? sum / days : NaN;
  }
  return out;
}

/**
 * Members whose average dollar volume over `window` sessions is at least `floor` (currency a
 * session), plus those with no volume in the window at all (adjusted-close-only files): the data
 * cannot tell their liquidity, so they are kept unscreened, and — when the floor screens anything
 * (floor > 0) — the decision says so through view.caveat, naming the screen by `screen` (the
 * strategy's parameter, e.g. `minDollarVolume`): the run's caveat gives how many names and how
 * much of the book went unscreened.
 */
export function liquidMembers(view: MarketView, members: ArrayLike<number>, window: number, floor: number, screen = 'liquidity floor'): Int32Array {
  const adv = averageDollarVolume(view, members, window);
  const volumes = new Float64Array(window);
  const unknown = filterMembers(members, (i) => view.history('volume', i, window, volumes).every(Number.isNaN));
  if (floor > 0) view.caveat(`liquidity screen ${screen} not applied to names without volume (kept unscreened)`, unknown, members.length);
  const unscreened = new Set(unknown);
  return filterMembers(members, (i) => adv[i] >= floor || unscreened.has(i));
}
