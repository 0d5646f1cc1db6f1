// A strategy's notes (MarketView.caveat: a step that could not apply as asked to some names)
// gathered over a run's decisions into one caveat per note, sized by what it touched in the
// book: the largest share of NAV a decision targeted in the names it concerns — unsized when no
// decision targeted any of them.

import { isoDay } from '../../data/dates.ts';
import type { Market } from '../../data/market.ts';
import { CAVEAT_SEVERITIES, type Caveat, caveat, type CaveatSeverity, listSymbols } from '../caveats/caveats.ts';
import type { NoteOptions, PendingNote } from './viewReads.ts';

/** Above this share of NAV targeted in the names a step skipped, the book is largely not what was asked: high. */
const HIGH_SHARE = 0.05;
/** Above this share, medium; at or below it, low. */
const MEDIUM_SHARE = 0.01;

/** One decision's note: Σ|target weight| of its names (NaN when the decision targeted no weights), how many names, of how many (NaN: not counted). */
interface NoteAt {
  readonly share: number;
  readonly session: number;
  readonly count: number;
  readonly of: number;
}

interface NoteTally {
  decisions: number;
  /** The latest decision's options (its detail is the one shown). */
  options: NoteOptions;
  /** The most severe `least` of any decision's options: a decision that asked for medium keeps the caveat there. */
  least: CaveatSeverity;
  /** True once a decision recorded it without weights (explicit orders): what it touched is unknown there. */
  unweighted: boolean;
  readonly firstSession: number;
  lastSession: number;
  readonly names: Set<number>;
  /** The decision where the names made the largest share of NAV (a known share outranks NaN; then the larger part of the names the step applied to; then more names). */
  largest: NoteAt;
}

/**
 * True when `a` is the larger note: a known share above NaN, a larger share, then the larger part
 * of the names the step applied to (count / of, where both decisions counted them: a step that
 * left out 900 of 1,000 names matters more than one that left out 1,116 of 2,460), then more names.
 */
function larger(a: NoteAt, b: NoteAt): boolean {
  const [x, y] = [Number.isNaN(a.share) ? -1 : a.share, Number.isNaN(b.share) ? -1 : b.share];
  if (x !== y) return x > y;
  const [p, q] = [a.count / a.of, b.count / b.of];
  if (p !== q && !Number.isNaN(p) && !Number.isNaN(q)) return p > q;
  return a.count > b.count;
}

/** The more severe of two severities. */
function moreSevere(a: CaveatSeverity, b: CaveatSeverity): CaveatSeverity {
  return CAVEAT_SEVERITIES.indexOf(a) <= CAVEAT_SEVERITIES.indexOf(b) ? a : b;
}

/**
 * Where the note's names were never in the targets (every decision with weights, each 0 % of NAV
 * in them): how many names at the decision where they were the largest part of those the step
 * applied to, when it counted them ("; most on 2024-01-05: 40 of the 40 names the step applied
 * to"), else nothing — a named note already names them.
 */
function neverTargeted(largest: NoteAt, day: string): string {
  return Number.isNaN(largest.of) ? '' : `; most on ${day}: ${largest.count} of the ${largest.of} name${largest.of === 1 ? '' : 's'} the step applied to`;
}

export class StrategyNotes {
  readonly #byWhat = new Map<string, NoteTally>();
  /** Decisions recorded, with notes or without. */
  #decisions = 0;

  /**
   * Called after every decision: records the notes of the decision at session `t` with the target
   * weights of NAV standing after it (RebalancePlanner.targetWeight). With `weighted` (targets
   * stand: RebalancePlanner.targetsStand) a note's share is Σ|w| over its symbols, a NaN weight
   * counting 0 (not named: a `{ weights: {} }` decision targets cash, 0 %); without (explicit
   * orders, or no decision yet) the share is NaN: the book it touched is unknown. A note that
   * gives its share (NoteOptions.held, .targeted) is sized by it either way.
   */
  record(notes: readonly PendingNote[], t: number, targetWeight: Float64Array, weighted: boolean): void {
    this.#decisions++;
    if (notes.length === 0) return;
    for (const note of notes) {
      const held = note.options?.held;
      // What the strategy said it asked in the names (NoteOptions.targeted) stands for the targets, whether or not the account took them.
      const given = held ?? note.options?.targeted;
      let share = given !== undefined ? Math.abs(given) : weighted ? 0 : NaN;
      if (given === undefined) for (const i of note.symbols) if (!Number.isNaN(targetWeight[i])) share += Math.abs(targetWeight[i]);
      const at: NoteAt = { share, session: t, count: note.symbols.length, of: note.of };
      const tally = this.#byWhat.get(note.what);
      if (tally === undefined) {
        this.#byWhat.set(note.what, { decisions: 1, options: note.options ?? {}, least: note.options?.least ?? 'low', unweighted: !weighted, firstSession: t, lastSession: t, names: new Set(note.symbols), largest: at });
        continue;
      }
      tally.decisions++;
      tally.lastSession = t;
      tally.options = note.options ?? {};
      tally.least = moreSevere(tally.least, note.options?.least ?? 'low');
      tally.unweighted ||= !weighted;
      for (const i of note.symbols) tally.names.add(i);
      if (larger(at, tally.largest)) tally.largest = at;
    }
  }

  /**
   * One `strategy-note` caveat per note, e.g. "liquidity screen minDollarVolume not applied: no
   * volume — at 6 of 6 decisions from 2022-01-03 to 2022-06-01; largest on 2022-01-03: 406 of the 406 names the
   * step applied to, targeted at 100.0% of NAV" ("3 names" where the step did not count the names
   * it applied to; "…, not in the targets" where that decision targeted none of them), sized by that share of NAV: high above 5 %, medium above 1 %, else
   * low. Without weights (explicit orders) it has no size and is medium: the book it touched is unknown.
   * Where no decision targeted any of its names (all with weights) it has no size either, and no
   * "largest" (neverTargeted): 0 % of NAV would read as if nothing mattered, while the names were
   * left out of the book. The most severe `least` any decision asked for raises a lower severity; a `named` note starts with its symbols ("AAA: …");
   * the latest decision's `detail` follows the phrase in brackets.
   */
  caveats(market: Market): Caveat[] {
    return [...this.#byWhat].map(([what, tally]) => {
      const { share, session, count, of } = tally.largest;
      const known = !Number.isNaN(share);
      const never = share === 0 && !tally.unweighted && tally.options.held === undefined && tally.options.targeted === undefined;
      const sized: CaveatSeverity = !known ? 'medium' : share > HIGH_SHARE ? 'high' : share > MEDIUM_SHARE ? 'medium' : 'low';
      const severity = moreSevere(tally.least, sized);
      const day = (t: number): string => isoDay(market.dates[t]);
      const held = tally.options.held !== undefined;
      const weight = held ? `, held at ${(share * 100).toFixed(1)}% of NAV` : !known ? ' (the decision targeted no weights)' : share === 0 ? ', not in the targets (0.0% of NAV)' : `, targeted at ${(share * 100).toFixed(1)}% of NAV`;
      const counted = Number.isNaN(of) ? `${count} name${count === 1 ? '' : 's'}` : `${count} of the ${of} name${of === 1 ? '' : 's'} the step applied to`;
      const largest = never ? neverTargeted(tally.largest, day(session)) : `; largest on ${day(session)}: ${counted}${weight}`;
      const names = [...tally.names].sort((a, b) => a - b).map((i) => market.symbols[i]);
      const { named, detail } = tally.options;
      const message = `${named === true ? `${listSymbols(names)}: ` : ''}${what}${detail === undefined ? '' : ` (${detail})`} — at ${tally.decisions} of ${this.#decisions} decisions from ${day(tally.firstSession)}${tally.lastSession === tally.firstSession ? '' : ` to ${day(tally.lastSession)}`}${largest}`;
      return caveat('strategy-note', severity, message, known && !never ? { value: share, unit: 'nav-share' } : null, names);
    });
  }
}
