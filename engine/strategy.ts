// The strategy API: what a strategy implements and what the engine hands it.
// strategies/ import these types; they never reach into engine internals.

import type { CancelRequest, OrderRequest } from './execution/orders.ts';
import type { Schedule } from './calendar/schedule.ts';
import type { MarketView } from './decisions/view.ts';

/**
 * Target portfolio: a complete description of the holdings wanted after the rebalance. Symbols
 * not named are closed. `weights` are fractions of NAV (negative = short), `values` are currency,
 * `shares` are share counts. Either a plain object keyed by symbol name (or role, '@smallCap') —
 * not by index: a key "0" is a symbol named 0, as a numeric ticker may be — or a Float64Array
 * indexed by symbol (MarketView.symbols order, one entry per symbol). Any other object (a Map, an
 * array, a class's instance, an object keyed by a Symbol or by keys that are not enumerable) is
 * refused at run time; each entry is read once, and that copy runs (engine/decisions/decisionCheck.ts).
 */
export type Targets =
  | { readonly weights: Readonly<Record<string, number>> | Float64Array }
  | { readonly values: Readonly<Record<string, number>> | Float64Array }
  | { readonly shares: Readonly<Record<string, number>> | Float64Array };

/**
 * What a decision returns: targets, a list of explicit orders, or nothing (keep everything as is).
 * An order list (which clears the standing targets) may hold cancels, `{ symbol, cancel: true }`:
 * they withdraw the orders resting on that symbol before the list's new orders are placed, so a
 * strategy re-sending a gtc limit each session cancels the last one first, or it would rest beside it.
 */
export type Decision = Targets | readonly (OrderRequest | CancelRequest)[] | undefined | void;

/** The portfolio as the strategy may see it at its decision time (read-only). */
export interface BookView {
  readonly cash: number;
  readonly nav: number;
  shares(symbol: number): number;
  /** Market value of the position / NAV, at the decision close. */
  weight(symbol: number): number;
  /** Indices of the symbols held now (a fresh array). */
  held(): number[];
  /** Orders still resting, as requests (a fresh array; rebalance orders too; a triggered stop as the market order it now is): `{ symbol, cancel: true }` in an order list withdraws a symbol's. */
  openOrders(): OrderRequest[];
}

/** What a strategy's `init` is given before the run's first session: the run's symbols, a seeded random generator and the run's periods a year (P). */
export interface InitContext {
  readonly symbols: readonly string[];
  /** Seeded uniform [0, 1) generator: strategies that randomise must use it, never Math.random. */
  random(): number;
  /**
   * P: sessions per year of the run (the config's `periodsPerYear`, else inferred from the run's
   * calendar; 252 daily, 52 weekly, 12 monthly), as MarketView.periodsPerYear: turn a span of
   * time into sessions with it.
   */
  readonly periodsPerYear: number;
  /**
   * Where the run loaded only some of its source's symbols (--symbols, a study's `symbols:`): every
   * symbol the source holds, so a symbol taken "where the data has it" (`QQQ?`) that the source has
   * but the run did not load is refused as the same name without `?` is, never dropped (probe r73a F2).
   * Absent when the run loaded every symbol of its data (`symbols` is then the source's).
   */
  readonly sourceSymbols?: readonly string[];
}

/** What init() may hand back: the parameters as this run reads them (e.g. windows resolved to its sessions), recorded in the manifest instead of `params`. */
export interface InitResult {
  readonly params: unknown;
}

/**
 * A runnable strategy (createStrategy, or defineStrategy's `create` with name and params added):
 * its name and parsed parameters (P), its Schedule and `decide`, called at the close of each due
 * session with the MarketView bounded by it and the book (BookView), returning a Decision:
 * Targets, a list of orders and cancels, or nothing (hold).
 */
export interface Strategy<P = unknown> {
  readonly name: string;
  readonly params: P;
  readonly schedule: Schedule;
  /**
   * True when the strategy holds short positions: it needs a margin account, and the engine
   * refuses to run it in a cash account rather than reject every decision.
   */
  readonly shorts?: boolean;
  /** Hash of the strategy's source, recorded in the manifest when the loader knows it. */
  readonly sourceHash?: string;
  /** Absolute path of the file the strategy was loaded from (absent for built-ins and strategies built in code): a fault of the strategy names it. */
  readonly sourceFile?: string;
  /**
   * Called once before the run's first session, before `schedule` and `shorts` are read. A
   * strategy whose parameters depend on the run (windows given as durations) resolves them here
   * and returns them, for the manifest.
   */
  init?(ctx: InitContext): InitResult | void;
  decide(view: MarketView, book: BookView): Decision;
}
