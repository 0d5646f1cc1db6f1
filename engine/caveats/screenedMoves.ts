// The flagged single-session moves that revert (Market.revertingMoves) which MarketView.revertingMoves
// counted at a decision — the screen the built-in cross-sectional strategies apply
// (strategies/blocks/universe.ts withoutRevertingMoves) leaves such a name out there — gathered
// over a run, so the run's caveat on such moves (warnings.ts movesCaveats) names each name the
// screen left out and at which decisions, the same window rule deciding both: a move from before
// the run still known at its first decisions counts (KODK 2020-07-29 ×4.18, known 2020-08-10, left
// out of size-tilt's book from 2020-09-01 on, probe r73c).

import { isoDay } from '../../data/dates.ts';
import { describeMove, type RevertingMove } from '../../data/inspect.ts';
import type { Market } from '../../data/market.ts';

/** Names listed one by one before "and N more". */
const SHOWN_NAMES = 5;

export class ScreenedMoves {
  /** Per flagged move (its row in Market.revertingMoves): the decision sessions that counted it, ascending. */
  readonly #decisions = new Map<number, number[]>();

  /** Records that the decision at session `session` counted flagged move `move` (a row of Market.revertingMoves); a second count at one decision is one. */
  record(move: number, session: number): void {
    const at = this.#decisions.get(move);
    if (at === undefined) this.#decisions.set(move, [session]);
    else if (at[at.length - 1] !== session) at.push(session);
  }

  /** The rows of Market.revertingMoves counted at some decision, ascending. */
  moves(): number[] {
    return [...this.#decisions.keys()].sort((a, b) => a - b);
  }

  /**
   * What the screen did, by name, for the run's caveat: "KODK 2020-07-29 ×4.18 (back 2020-08-10),
   * left out at 6 decisions, 2020-09-01 to 2021-02-01", "NXTC … , left out at 1 decision,
   * 2020-10-01", a name with several moves counted naming its latest and how many more ("OEG
   * 2016-04-01 ×50.0 (back 2016-04-04) and 29 more moves, left out at …"); the first five names,
   * most decisions first, then "; and N more names". `listed` is data/inspect.ts
   * revertingMoves(market) (entry k is move k). '' when nothing was counted.
   */
  describe(market: Market, listed: readonly RevertingMove[]): string {
    const bySymbol = new Map<number, { moves: number[]; sessions: Set<number> }>();
    for (const k of this.moves()) {
      const i = market.revertingMoves!.symbol[k];
      const entry = bySymbol.get(i) ?? { moves: [], sessions: new Set<number>() };
      entry.moves.push(k);
      for (const t of this.#decisions.get(k)!) entry.sessions.add(t);
      bySymbol.set(i, entry);
    }
    const names = [...bySymbol.entries()].sort(([a, x], [b, y]) => y.sessions.size - x.sessions.size || a - b);
    const day = (t: number): string => isoDay(market.dates[t]);
    const text = names.slice(0, SHOWN_NAMES).map(([, { moves, sessions }]) => {
      const at = [...sessions].sort((a, b) => a - b);
      const when = at.length === 1 ? day(at[0]) : `${day(at[0])} to ${day(at[at.length - 1])}`;
      // The latest move counted: the table is in the order the moves became known.
      const more = moves.length > 1 ? ` and ${moves.length - 1} more move${moves.length === 2 ? '' : 's'}` : '';
      return `${describeMove(listed[moves[moves.length - 1]])}${more}, left out at ${at.length} decision${at.length === 1 ? '' : 's'}, ${when}`;
    });
    const rest = names.length - SHOWN_NAMES;
    return `${text.join('; ')}${rest > 0 ? `; and ${rest} more name${rest === 1 ? '' : 's'}` : ''}`;
  }
}
