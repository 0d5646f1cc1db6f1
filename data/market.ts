// The columnar Market: everything the engine replays, loaded once.
//
// Layout (DESIGN.md → Data model): symbols 0..N-1, sessions 0..T-1; every price field is one
// Float64Array of length T*N, session-major (`t * N + i`), so a session's cross-section is
// contiguous. NaN = not trading / not listed. Volume NaN = unknown (no participation cap);
// volume 0 = no trade that day (orders rest).

import type { ListedNote } from './listedNotes.ts';
import type { Fundamentals } from './fundamentals.ts';
import type { RateSeries } from './rates.ts';

/** How a symbol's prices must be read. */
/** The market's per-session price columns (symbol-major rows of Float64Array). */
export const PRICE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;
export type PriceColumn = (typeof PRICE_COLUMNS)[number];

/** What a symbol's close is (Market.priceKind): `raw`, the traded price, its dividends given as events; or `totalReturn`, an adjusted close with the dividends in it, which carries no separate dividends. */
export const PriceKind = { raw: 0, totalReturn: 1 } as const;
export type PriceKind = (typeof PriceKind)[keyof typeof PriceKind];

/** What a symbol is: stocks form the cross-sectional universe, funds are indices/ETFs. */
export const AssetClass = { stock: 0, fund: 1 } as const;
export type AssetClass = (typeof AssetClass)[keyof typeof AssetClass];

/**
 * Corporate actions of one kind, sorted by session then symbol (CSR layout):
 * the events of session t are rows sessionStart[t] .. sessionStart[t+1]-1.
 * Splits: value = new shares per old share (2 for a 2:1 split, 0.1 for a 1:10 reverse split).
 * Dividends: value = cash per share, paid to holders of record on the ex-date session.
 */
export interface EventTable {
  readonly session: Int32Array;
  readonly symbol: Int32Array;
  readonly value: Float64Array;
  readonly sessionStart: Int32Array;
}

/**
 * Single-session moves that revert: a bar whose close jumps by a factor of at least 3 (or falls
 * to a third) against the symbol's previous bar, taken back within a few bars (the rule is in
 * data/prices/series/reversals.ts). They are bad prints or corporate actions the prices do not carry,
 * and a cross-sectional strategy would trade them as real. CSR by `session` = the session of the
 * bar that takes the move back, when it is first known to revert (a screen reading rows up to
 * its decision session sees nothing ahead); `moveSession` = the session of the jump; value = the
 * jump's ratio close / previous close.
 */
export interface FlaggedMoves extends EventTable {
  readonly moveSession: Int32Array;
}

/** Provenance of one loaded source, for manifests and `data inspect`. */
export interface SourceInfo {
  readonly path: string;
  readonly format: string;
  readonly fingerprint: string;
  readonly notes: readonly string[];
  /** Price files: the header columns read, and those ignored (as printed). */
  readonly columns?: { readonly used: readonly string[]; readonly ignored: readonly string[] };
  /** Price files: the symbols this source provided (each symbol comes from one source: prices/align.ts); its notes concern a run that read one of them. */
  readonly symbols?: readonly string[];
  /** Rate files: the name of the series this source provided (its key in Market.rates, data/folder/dataFolder.ts rateSeriesName); its notes concern a run that used that series (engine/caveats/warnings.ts). */
  readonly rate?: string;
  /** The notes that list symbols, with their entries, so a run can restate them for the symbols it read (listedNotes.ts). */
  readonly listed?: readonly ListedNote[];
  /** A file the source's folder holds but breadth did not read (IWM.txt): why, and the fix (prices/files/unreadFiles.ts). */
  readonly unread?: string;
}

/**
 * A source as a run's manifest records it: path, format, fingerprint, notes and columns, without the
 * symbols it provided and its notes' listings (thousands of names for a long file; the notes say them).
 */
export function sourceRecord(source: SourceInfo): SourceInfo {
  const { path, format, fingerprint, notes, columns } = source;
  return { path, format, fingerprint, notes, ...(columns ? { columns } : {}) };
}

/**
 * A loaded market (loadMarket, generateSampleMarket): the session calendar (`dates`, T epoch
 * days), the N `symbols`, their prices as Float64Array columns of T rows of N (index `t * N + i`
 * for symbol i on session t; NaN: no bar), dividend and split events, fundamentals, rate series,
 * roles and where each came from (`sources`). Read only: a strategy sees it through MarketView,
 * bounded by the decision's session.
 */
export interface Market {
  /** Human label, e.g. "sample universe (SYNTHETIC, seed 42)" or a data path. */
  readonly name: string;
  /**
   * The period it was selected for (loadMarket's `from`/`to`, ISO dates, as asked), when it was:
   * a run on it states a start later or an end earlier than asked, as for its own `from`/`to`.
   */
  readonly requested?: { readonly from?: string; readonly to?: string };
  /** The symbols it was loaded with (a study's `symbols`, --symbols) when it holds only these of its source. */
  readonly selectedSymbols?: readonly string[];
  /**
   * With `selectedSymbols`: every symbol its source holds, those loaded among them, so a strategy's
   * symbol "where the data has it" (`QQQ?`) tells one the source lacks from one the selection left
   * out (InitContext.sourceSymbols).
   */
  readonly sourceSymbols?: readonly string[];
  /** True for the built-in generated universe: every report labels it SYNTHETIC. */
  readonly synthetic: boolean;
  readonly symbols: readonly string[];
  /** Session dates as epoch days, strictly increasing. */
  readonly dates: Int32Array;
  /**
   * Opens, highs and lows; each absent when no symbol of the data has it (adjusted-close files):
   * read as all NaN, which saves T*N*8 bytes (247 MB per field on the shared data root).
   */
  readonly open?: Float64Array;
  readonly high?: Float64Array;
  readonly low?: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Per symbol: PriceKind. Total-return series carry no separate dividends. */
  readonly priceKind: Uint8Array;
  /** Per symbol: AssetClass. */
  readonly assetClass: Uint8Array;
  /** Per symbol: sector and industry labels ("" when unknown). */
  readonly sector: readonly string[];
  readonly industry: readonly string[];
  readonly splits: EventTable;
  readonly dividends: EventTable;
  /** Single-session moves that revert, flagged per symbol (absent: none flagged); strategies may screen them. */
  readonly revertingMoves?: FlaggedMoves;
  /**
   * Per symbol: the last session it traded, when it was delisted before the data ends; -1 otherwise.
   * The engine closes a position at the open of the next session, at the last close (times
   * 1 + delistReturn when that is known).
   */
  readonly delistedAfter: Int32Array;
  /**
   * Per symbol, in a market selected from a longer source (data/prices/select.ts): 1 where the
   * symbol has a bar after the selected sessions — its data goes on, the selection ended, so
   * nothing ends it (engine/market/corporateActions.ts lastListedSession). Absent: a whole source.
   */
  readonly continuesAfter?: Uint8Array;
  /** Per symbol: the return realised on delisting (e.g. -0.3), NaN when the data gives none. */
  readonly delistReturn: Float64Array;
  /**
   * Per symbol: the date (epoch day) of a delisting its files give on or after the data's last
   * session, NaN for the others. Such a symbol is listed to the end (continuesAfter) and its exit,
   * on the session after that date, lies beyond the data, so no run applies its delistReturn: `data
   * inspect` lists it, and a run holding it at the data's end says so (engine/caveats/lateDelistingCaveats.ts).
   * A selection keeps it where it keeps the last session (data/prices/select.ts). Absent: none.
   */
  readonly delistingAfterData?: Float64Array;
  /** Point-in-time fundamentals (may be empty). */
  readonly fundamentals: Fundamentals;
  /** Dated annual rates as decimals, e.g. `tbill3m` (0.05 = 5% a year). */
  readonly rates: Readonly<Record<string, RateSeries>>;
  /** Named roles for well-known series, e.g. smallCap → "IWM", qualitySmallCap → "SMLF", largeCap → "SPY", bond → "TLT". */
  readonly roles: Readonly<Record<string, string>>;
  readonly sources: readonly SourceInfo[];
  /** Content hash of every source, for caches and run manifests. */
  readonly fingerprint: string;
}

/** Index of a symbol, or -1. */
export function symbolIndex(market: Market, symbol: string): number {
  return market.symbols.indexOf(symbol);
}

/** Build an EventTable from unsorted events; `sessions` is T. */
export function eventTable(sessions: number, events: readonly { session: number; symbol: number; value: number }[]): EventTable {
  const sorted = [...events].sort((a, b) => a.session - b.session || a.symbol - b.symbol);
  const n = sorted.length;
  const table = {
    session: new Int32Array(n),
    symbol: new Int32Array(n),
    value: new Float64Array(n),
    sessionStart: new Int32Array(sessions + 1),
  };
  sorted.forEach((e, k) => {
    table.session[k] = e.session;
    table.symbol[k] = e.symbol;
    table.value[k] = e.value;
  });
  let k = 0;
  for (let t = 0; t <= sessions; t++) {
    while (k < n && table.session[k] < t) k++;
    table.sessionStart[t] = k;
  }
  return table;
}

export const emptyEvents = (sessions: number): EventTable => eventTable(sessions, []);

/** A FlaggedMoves table with no moves, for markets that flag none. */
export const noFlaggedMoves = (sessions: number): FlaggedMoves => ({ ...emptyEvents(sessions), moveSession: new Int32Array(0) });
