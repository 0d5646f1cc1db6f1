// The returns a covariance is estimated from, read from the view at the decision: daily returns of
// adjusted closes over a trailing window, on a common window. The missing-return rule:
//   1. a member takes part when it is present at the decision (a bar at it, or a fresh last close
//      before it: MarketView.present) and has at least `minObservations` returns ending on a bar of
//      its own in the window (default half the window: a fund listed four months ago does not join
//      a one-year estimate yet; nor one back from a 55-session gap, whose carried closes are no
//      observations) — for a symbol with coarser bars than the calendar, that share of its own bars:
//      the count divided by the median sessions between its bars in the window (a month-end fund,
//      21 apart, needs 6 of its 12 in a 252-session window; a halt leaves a daily fund's median 1);
//   2. the estimate uses only the sessions on which every taking-part member has a return (the
//      common window), so each entry of the matrix comes from the same days and the matrix stays
//      positive semi-definite — unlike pairwise deletion, which can break that.
// Returns are over the calendar with each session a member has no bar carrying its last close
// (series.ts, the missing-bar rule): a present member has a return on every session from its
// first bar on, so the common window is the sessions since the latest first bar among the
// members, at least `minObservations` long by rule 1.

import type { MarketView } from '../../../engine/decisions/view.ts';
import { observedIn, trailingReturns } from '../series.ts';

export interface ReturnWindow {
  /** The members that take part, in the order given. */
  readonly members: readonly number[];
  /** One column of daily simple returns per member, all of the common window's length, none missing. */
  readonly returns: readonly Float64Array[];
  /** Sessions in the common window. */
  readonly rows: number;
  /**
   * The members left out for lack of history, in the order given, each with the returns ending on
   * its own bars it had in the window (0 for one not started yet) and those it needs (rule 1):
   * present with too few, or with no bar yet. A member that has left the market (delisted, data
   * ended, stale) is not among them.
   */
  readonly short: readonly { readonly member: number; readonly returns: number; readonly needed: number }[];
}

/**
 * Returns of `members` over the last `lookback` sessions (lookback + 1 carried closes through
 * the decision), reduced to the common window by the rule above. Members that do not qualify are
 * left out (`members` may come back shorter, or empty); those left out for lack of history are
 * listed in `short`, for the strategy to say so (MarketView.caveat).
 */
export function commonReturnWindow(
  view: MarketView,
  members: readonly number[],
  lookback: number,
  minObservations = Math.max(2, Math.ceil(lookback / 2)),
): ReturnWindow {
  const scratch = new Float64Array(lookback + 1);
  const bars = new Float64Array(lookback + 1);
  const raw = new Map<number, Float64Array>();
  const short: { member: number; returns: number; needed: number }[] = [];
  for (const i of members) {
    const closes = view.history('close', i, lookback + 1, bars);
    // Rule 1's count in the member's own bars: the calendar's where it trades on it.
    const needed = Math.max(2, Math.round(minObservations / medianSpacing(closes)));
    if (!view.present(i)) {
      if (Number.isNaN(view.adjustedBars(i, 1)[0])) short.push({ member: i, returns: 0, needed });
      continue;
    }
    const r = trailingReturns(view, i, lookback, new Float64Array(lookback), scratch);
    const count = observedIn(r, closes);
    if (count >= needed) raw.set(i, r);
    else short.push({ member: i, returns: count, needed });
  }
  const kept = members.filter((i) => raw.has(i));
  const rows = commonRows(kept.map((i) => raw.get(i) as Float64Array), lookback);
  const returns = kept.map((i) => Float64Array.from(rows, (k) => (raw.get(i) as Float64Array)[k]));
  return { members: kept, returns, rows: kept.length === 0 ? 0 : rows.length, short };
}


/**
 * The (lower) median number of sessions between a symbol's bars in `closes` (NaN where it has
 * none): 1 on the calendar, with or without a halt (a fund back from a gap has one long gap
 * among many of 1); 5 for Friday bars in a weekday calendar; 1 with fewer than two bars.
 */
function medianSpacing(closes: Float64Array): number {
  const gaps: number[] = [];
  let last = -1;
  for (let k = 0; k < closes.length; k++) {
    if (Number.isNaN(closes[k])) continue;
    if (last >= 0) gaps.push(k - last);
    last = k;
  }
  if (gaps.length === 0) return 1;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)];
}

function commonRows(columns: readonly Float64Array[], length: number): number[] {
  const rows: number[] = [];
  for (let k = 0; k < length; k++) if (columns.every((c) => !Number.isNaN(c[k]))) rows.push(k);
  return rows;
}
