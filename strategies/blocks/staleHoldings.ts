// A held position whose symbol has had no bar for longer than the run's stale-mark limit (a halt,
// a suspension, a coarse fund between its bars) is not present at the decision: it has no price,
// so a strategy that picks from present symbols (view.universe(), the common return window)
// leaves it out of its targets, and the planner closes it when it trades again — a round trip the
// halt caused, which the run must say rather than leave to be found in the fills.

import type { BookView } from '../../engine/strategy.ts';
import type { MarketView } from '../../engine/decisions/view.ts';

/**
 * Tells the run, through view.caveat, each symbol held at the decision that is not present
 * (MarketView.present: its last bar older than staleMarkSessions), which a strategy choosing among
 * present symbols leaves out of `left` (e.g. "the allocation", "the universe"): "CCC: held, but
 * left out of the allocation: no bar for longer than the stale-mark limit, so the position is
 * closed when it trades again (on 2023-03-01: no bar for 8 sessions, 21.2% of NAV held) — at 1 of 18
 * decisions …". One caveat per symbol, at least medium (a held position closed by a halt); the
 * detail is the latest decision's. Call it only from a strategy whose targets leave out what is
 * not present.
 */
export function noteStaleHoldings(view: MarketView, book: BookView, left: string): void {
  for (const i of book.held()) {
    if (view.present(i)) continue;
    let lag = 1;
    while (lag < view.session && Number.isNaN(view.close(i, lag))) lag++;
    const weight = Math.abs(book.weight(i));
    view.caveat(`${view.symbols[i]}: held, but left out of ${left}: no bar for longer than the stale-mark limit, so the position is closed when it trades again`, [i], NaN, {
      least: 'medium',
      detail: `on ${view.date}: no bar for ${lag} sessions, ${(weight * 100).toFixed(1)}% of NAV held`,
      held: weight, // sizes the caveat: its target weight, which sizes other notes, is none (probe r55b: unsized, it ranked below every sized medium caveat)
    });
  }
}
