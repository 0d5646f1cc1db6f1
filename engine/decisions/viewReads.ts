// What a strategy read through its MarketView, and what it said it could not do, kept for the
// run's caveats: the data notes of a run concern the symbols it traded or read, the rate series
// it read and the fundamentals only when it read them (warnings.ts), and a step that could not apply as asked
// (a liquidity screen on names without volume) becomes a caveat sized by the book it touched
// (strategyNotes.ts). Recording costs one byte store per access: nothing is allocated.

import type { CaveatSeverity } from '../caveats/caveats.ts';
import { AdjustedCloseCaps } from '../caveats/adjustedCloseCaps.ts';
import { ImplausibleCaps } from '../caveats/implausibleCaps.ts';
import { ScreenedMoves } from '../caveats/screenedMoves.ts';
import type { DecisionGaps } from './signalGaps.ts';

/** One decision's report that a step could not apply to some names (MarketView.caveat). */
export interface PendingNote {
  /** What could not apply and why, one phrase, the same at every decision (the caveat's key). */
  readonly what: string;
  /** Symbol indices it did not apply to. */
  readonly symbols: readonly number[];
  /** How many names the step applied to in all (the N of "M of N"); NaN when the step does not count them. */
  readonly of: number;
  /** How the caveat reads and ranks beyond the default (MarketView.caveat). */
  readonly options?: NoteOptions;
}

/**
 * A note's options: `named` puts its symbols before the phrase ("AAA: …"); `least` is the lowest
 * severity its caveat may have (the most severe any decision asked for); `detail` is context that may differ between decisions without
 * making another caveat (the caveat shows the latest, in brackets after the phrase); `held` is the
 * share of NAV the note's names were held at, for a note about a holding the targets leave out
 * (their target weights, which size other notes, say nothing of it): it sizes the caveat;
 * `targeted` is the share of NAV (Σ|w|) the decision asked in the note's names, for a note about
 * the targets themselves, so it is said and sized as asked where the account refused them
 * (a cash account's >100 % gross: the targets then do not stand, and said nothing of it).
 */
export interface NoteOptions {
  readonly named?: boolean;
  readonly least?: CaveatSeverity;
  readonly detail?: string;
  readonly held?: number;
  readonly targeted?: number;
}

/** What take() returns after a decision with no notes (most): one shared empty list. */
const NO_NOTES: readonly PendingNote[] = [];
/** What takeGaps() returns after a decision that missed nothing (most): one shared empty record. */
const NO_GAPS: DecisionGaps = { unknown: new Map(), missing: new Set() };

export class ViewReads {
  /** Per symbol index: 1 once the strategy read any of its data (a price, a history, a label, universe membership). */
  readonly symbols: Uint8Array;
  /** True once the strategy read a fundamental value (fundamental(), sharesOutstanding(), marketCap()). */
  fundamentals = false;
  /** Per symbol index: 1 once the strategy named it (resolve()): a symbol read without being named was picked from the data's list. */
  readonly named: Uint8Array;
  /**
   * True once the strategy was handed the data's list to choose from — universe membership, or a
   * cross-section of prices or fundamentals: with `named`, whether the run selected names from
   * the list (the survivorship note concerns only such a run: warnings.ts sourceConcerns).
   */
  crossSection = false;
  /** Names of the rate series the strategy read (rate()): their sources' notes concern the run (warnings.ts). */
  readonly rates = new Set<string>();
  /** The market caps MarketView.marketCap served as unknown because they cannot be true, per decision (implausibleCaps.ts). */
  readonly caps = new ImplausibleCaps();
  /** The symbols MarketView.marketCap served a cap, for the caveat on those priced by an adjusted close (adjustedCloseCaps.ts). */
  readonly adjustedCaps: AdjustedCloseCaps;
  /** The flagged reverting moves MarketView.revertingMoves counted, and at which decisions (screenedMoves.ts): the names a screen on them left out. */
  readonly screenedMoves = new ScreenedMoves();
  /** The longest history in sessions the strategy asked for in one read: why a run that never invested may have had too short a history. */
  longest = 0;
  /** The longest history in one symbol's own bars (MarketView.adjustedBars) it asked for, and of which symbol (−1: none). */
  longestBars = 0;
  longestBarsSymbol = -1;
  /**
   * Notes of the decision under way by phrase, in the order first noted, taken by the engine after
   * it (take()): a phrase noted again gathers its symbols in a set (`merged`), so a step noting
   * each of N symbols costs O(N), not a copy of the list per symbol.
   */
  #pending = new Map<string, { note: PendingNote; merged: Set<number> | null; of: number; options: NoteOptions | undefined }>();
  /** Signals the strategy said it could not compute at the decision under way (MarketView.signalUnknown): what → what it did instead. */
  #unknown = new Map<string, string>();
  /** Data the decision under way asked for and did not get (signalGaps.ts missingKey): a rate with no observation known, an asset class with no member present. */
  #missing = new Set<string>();

  constructor(symbolCount: number) {
    this.symbols = new Uint8Array(symbolCount);
    this.named = new Uint8Array(symbolCount);
    this.adjustedCaps = new AdjustedCloseCaps(symbolCount);
  }

  /** Symbols handed out as members (universe()): each counts as read, and the list was read. Returns `members`. */
  members(members: Int32Array): Int32Array {
    this.crossSection = true;
    for (let k = 0; k < members.length; k++) this.symbols[members[k]] = 1;
    return members;
  }

  /** A cross-section handed out: the symbols it gives a value for (not NaN) count as read, and the list was read. Returns `values`. */
  values(values: Float64Array): Float64Array {
    this.crossSection = true;
    // Over the symbols only: a strategy's longer `out` (MarketView) holds its own cells past them.
    const n = Math.min(values.length, this.symbols.length);
    for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) this.symbols[i] = 1;
    return values;
  }

  /** A fundamental cross-section handed out: fundamentals were read, and the symbols it gives a value for. Returns `values`. */
  fundamentalValues(values: Float64Array): Float64Array {
    this.fundamentals = true;
    return this.values(values);
  }

  /** Records a note of the decision under way; the same phrase noted again in it (a step per symbol) adds its symbols and its `of` to the first, its options replacing the first's. */
  note(note: PendingNote): void {
    const same = this.#pending.get(note.what);
    if (same === undefined) {
      this.#pending.set(note.what, { note, merged: null, of: note.of, options: note.options });
      return;
    }
    same.merged ??= new Set(same.note.symbols);
    for (const i of note.symbols) same.merged.add(i);
    same.of += note.of;
    if (note.options !== undefined) same.options = note.options;
  }

  /** Records that the decision under way asked for data it did not get (a signalGaps.ts missingKey). */
  missed(key: string): void {
    this.#missing.add(key);
  }

  /** Records that the decision under way could not compute signal `what` and did `instead`. */
  unknownSignal(what: string, instead: string): void {
    this.#unknown.set(what, instead);
  }

  /** The signals unknown and the data missed at the decision just made, emptying both. */
  takeGaps(): DecisionGaps {
    if (this.#unknown.size === 0 && this.#missing.size === 0) return NO_GAPS;
    const out = { unknown: this.#unknown, missing: this.#missing };
    this.#unknown = new Map();
    this.#missing = new Set();
    return out;
  }

  /** The notes of the decision just made, emptying the list. */
  take(): readonly PendingNote[] {
    if (this.#pending.size === 0) return NO_NOTES;
    const out = [...this.#pending.values()].map(({ note, merged, of, options }) =>
      merged === null ? note : { ...note, symbols: [...merged], of, ...(options === undefined ? {} : { options }) },
    );
    this.#pending.clear();
    return out;
  }
}
