// A part of a Market: a period, some symbols, or another symbol's calendar. A source is built
// and cached once, whole; every load then selects what it asked for in memory. A period of the
// whole universe is a zero-copy view (session-major columns make sessions t0..t1 one subarray);
// a subset of symbols or a named calendar gathers a copy, which is small.

import { isoDay } from '../dates.ts';
import { UserError } from '../errors.ts';
import { eventTable, type EventTable, type FlaggedMoves, type Market, type SourceInfo } from '../market.ts';
import { symbolHintIn, symbolsHint } from '../nearestName.ts';

export interface Selection {
  /** Epoch days, inclusive. */
  readonly from?: number;
  readonly to?: number;
  readonly symbols?: readonly string[];
  /** 'union' (default): every session of the selected symbols; or the symbol whose sessions are the calendar. */
  readonly calendar?: string;
}

/** The price columns of a Market (session-major, T × N each). */
export type PriceColumns = Pick<Market, 'open' | 'high' | 'low' | 'close' | 'volume'>;

export interface SelectOptions {
  /**
   * The market holds only some of its source's symbols (symbolSubset), over every session of the
   * source: a union calendar then keeps only the sessions where one of them trades, as it would
   * selecting them from the whole market.
   */
  readonly partial?: boolean;
}

export interface Selected {
  readonly market: Market;
  /** Selected symbols with no bar inside the selected sessions (kept, all NaN). */
  readonly emptySymbols: readonly string[];
}

const MAX_LISTED = 10;

/** `a, b, c, … (N in all)`: a long list summarised, never printed whole. */
export function summariseList(items: readonly string[], max = MAX_LISTED): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, … (${items.length.toLocaleString('en-US')} in all)`;
}

/**
 * Indexes in `all` of the requested symbols, in the order asked (repeats once); a symbol `all`
 * lacks is a UserError naming the market, with symbolHintIn over `sources()` (asked for only
 * then: a folder's files not read, e.g. IWM.txt).
 */
export function symbolIndexes(name: string, all: readonly string[], symbols: readonly string[] | undefined, sources: () => readonly SourceInfo[] = () => []): number[] {
  if (symbols === undefined) return all.map((_, i) => i);
  const index = new Map(all.map((s, i) => [s, i]));
  const unknown = symbols.filter((s) => !index.has(s));
  if (unknown.length > 0) {
    const noun = unknown.length === 1 ? 'symbol matches' : 'symbols match';
    const hint = unknown.length === 1 ? symbolHintIn(unknown[0], { symbols: all, sources: sources() }) : symbolsHint(unknown, all);
    throw new UserError(`no ${noun} ${summariseList(unknown)} in ${name}${hint} (it holds ${all.length.toLocaleString('en-US')} symbols, e.g. ${summariseList(all, 5)}); check the spelling, or run breadth data inspect on it`);
  }
  return [...new Set(symbols)].map((s) => index.get(s)!);
}

/** Sessions of the whole market that the selection keeps, ascending. */
function sessionsKept(market: Market, indexes: readonly number[], selection: Selection, partial: boolean): Int32Array {
  const T = market.dates.length;
  const N = market.symbols.length;
  const from = selection.from ?? -Infinity;
  const to = selection.to ?? Infinity;
  const calendar = selection.calendar ?? 'union';
  let owners = indexes;
  if (calendar !== 'union') {
    const i = market.symbols.indexOf(calendar);
    if (i < 0) throw new UserError(`calendar symbol "${calendar}" is not among the loaded symbols; use 'union' or one of: ${summariseList(market.symbols)}`);
    owners = [i];
  }
  // Every session of a whole source has a bar: it is the union of its symbols' sessions.
  const everySession = calendar === 'union' && indexes.length === N && !partial;
  const kept: number[] = [];
  for (let t = 0; t < T; t++) {
    const d = market.dates[t];
    if (d < from || d > to) continue;
    if (everySession || owners.some((i) => market.close[t * N + i] === market.close[t * N + i])) kept.push(t);
  }
  return Int32Array.from(kept);
}

/** The first kept position at or after whole-market session s (kept.length when none). */
function positionAtOrAfter(kept: Int32Array, s: number): number {
  let lo = 0;
  let hi = kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (kept[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Events re-indexed: an event on a dropped session moves to the next kept one (if the symbol still trades there). */
function remapEvents<E extends EventTable>(table: E, kept: Int32Array, symbolOf: Int32Array, lastBar: Int32Array, extra?: (k: number) => number): { session: number; symbol: number; value: number; extra: number }[] {
  const events: { session: number; symbol: number; value: number; extra: number }[] = [];
  for (let k = 0; k < table.session.length; k++) {
    const i = symbolOf[table.symbol[k]];
    if (i < 0) continue;
    const t = positionAtOrAfter(kept, table.session[k]);
    if (t >= kept.length || t > lastBar[i]) continue;
    events.push({ session: t, symbol: i, value: table.value[k], extra: extra ? extra(k) : 0 });
  }
  return events;
}

function csr(T: number, events: readonly { session: number; symbol: number; value: number; extra: number }[]): EventTable & { extra: Int32Array } {
  const sorted = [...events].sort((a, b) => a.session - b.session || a.symbol - b.symbol);
  const sessionStart = new Int32Array(T + 1);
  for (const e of sorted) sessionStart[e.session + 1]++;
  for (let t = 0; t < T; t++) sessionStart[t + 1] += sessionStart[t];
  return {
    session: Int32Array.from(sorted, (e) => e.session),
    symbol: Int32Array.from(sorted, (e) => e.symbol),
    value: Float64Array.from(sorted, (e) => e.value),
    extra: Int32Array.from(sorted, (e) => e.extra),
    sessionStart,
  };
}

/** Position of each old symbol among `indexes` (new symbol k = old `indexes[k]`), -1 where it is not kept. */
function symbolPositions(N: number, indexes: readonly number[]): Int32Array {
  const symbolOf = new Int32Array(N).fill(-1);
  indexes.forEach((old, k) => (symbolOf[old] = k));
  return symbolOf;
}

/** The per-symbol fields of a market that are only picked, in the order of `indexes`. */
function pickedSymbols(market: Omit<Market, keyof PriceColumns>, indexes: readonly number[]): Pick<Market, 'symbols' | 'priceKind' | 'assetClass' | 'sector' | 'industry' | 'delistReturn' | 'delistingAfterData'> {
  const pick = <V>(values: readonly V[]): V[] => indexes.map((i) => values[i]);
  const after = market.delistingAfterData;
  return {
    symbols: pick(market.symbols),
    priceKind: Uint8Array.from(indexes, (i) => market.priceKind[i]),
    assetClass: Uint8Array.from(indexes, (i) => market.assetClass[i]),
    sector: pick(market.sector),
    industry: pick(market.industry),
    delistReturn: Float64Array.from(indexes, (i) => market.delistReturn[i]),
    delistingAfterData: after && Float64Array.from(indexes, (i) => after[i]),
  };
}

/**
 * Some symbols of a market over every session (new symbol k = old `indexes[k]`), with `prices`
 * already gathered for them (T × indexes.length each): per-symbol arrays, corporate actions,
 * flagged moves and fundamentals follow. Sessions stay those of the market; select it with
 * `partial` to keep only those where the symbols trade.
 */
export function symbolSubset(market: Omit<Market, keyof PriceColumns>, indexes: readonly number[], prices: PriceColumns): Market {
  const symbolOf = symbolPositions(market.symbols.length, indexes);
  const T = market.dates.length;
  const kept = <E extends EventTable>(table: E): { session: number; symbol: number; value: number; k: number }[] => {
    const out: { session: number; symbol: number; value: number; k: number }[] = [];
    for (let k = 0; k < table.session.length; k++) {
      const i = symbolOf[table.symbol[k]];
      if (i >= 0) out.push({ session: table.session[k], symbol: i, value: table.value[k], k });
    }
    return out;
  };
  const flagged = (moves: FlaggedMoves): FlaggedMoves => {
    const inside = kept(moves);
    const table = eventTable(T, inside);
    const order = [...inside].sort((a, b) => a.session - b.session || a.symbol - b.symbol);
    return { ...table, moveSession: Int32Array.from(order, (e) => moves.moveSession[e.k]) };
  };
  return {
    ...market,
    ...prices,
    ...pickedSymbols(market, indexes),
    splits: eventTable(T, kept(market.splits)),
    dividends: eventTable(T, kept(market.dividends)),
    ...(market.revertingMoves ? { revertingMoves: flagged(market.revertingMoves) } : {}),
    delistedAfter: Int32Array.from(indexes, (i) => market.delistedAfter[i]),
    ...(market.continuesAfter ? { continuesAfter: Uint8Array.from(indexes, (i) => market.continuesAfter![i]) } : {}),
    fundamentals: market.fundamentals.forSymbols(indexes),
  };
}

/** Selects a period, symbols and calendar of a whole market (or of a symbolSubset: `partial`). */
export function selectMarket(market: Market, selection: Selection, options: SelectOptions = {}): Selected {
  const N = market.symbols.length;
  const indexes = symbolIndexes(market.name, market.symbols, selection.symbols, () => market.sources);
  const kept = sessionsKept(market, indexes, selection, options.partial ?? false);
  const T = kept.length;
  if (T === 0) {
    const span = market.dates.length > 0 ? ` (the data runs ${isoDay(market.dates[0])} → ${isoDay(market.dates[market.dates.length - 1])})` : '';
    throw new UserError(`no price data inside the requested date range${span}; check from/to`);
  }
  const n = indexes.length;
  const allInOrder = n === N && indexes.every((old, k) => old === k);
  const contiguous = allInOrder && kept[T - 1] - kept[0] === T - 1;
  function column(source: Float64Array, shared: Map<Float64Array, Float64Array>): Float64Array;
  function column(source: Float64Array | undefined, shared: Map<Float64Array, Float64Array>): Float64Array | undefined;
  function column(source: Float64Array | undefined, shared: Map<Float64Array, Float64Array>): Float64Array | undefined {
    if (source === undefined) return undefined; // an absent field stays absent
    const done = shared.get(source);
    if (done) return done; // columns that are one shared array stay one
    if (contiguous) {
      const view = source.subarray(kept[0] * N, (kept[T - 1] + 1) * N);
      shared.set(source, view);
      return view;
    }
    const out = new Float64Array(T * n);
    for (let t = 0; t < T; t++) {
      const row = kept[t] * N;
      for (let k = 0; k < n; k++) out[t * n + k] = source[row + indexes[k]];
    }
    shared.set(source, out);
    return out;
  }
  const shared = new Map<Float64Array, Float64Array>();
  const close = column(market.close, shared);
  const picked = pickedSymbols(market, indexes);
  const symbolOf = symbolPositions(N, indexes);

  const lastBar = new Int32Array(n).fill(-1);
  const emptySymbols: string[] = [];
  for (let k = 0; k < n; k++) {
    for (let t = T - 1; t >= 0; t--) {
      if (close[t * n + k] === close[t * n + k]) {
        lastBar[k] = t;
        break;
      }
    }
    if (lastBar[k] < 0) emptySymbols.push(market.symbols[indexes[k]]);
  }
  // A symbol with a bar after the selected sessions has not ended: the selection has (a month-end symbol whose next bar lies past `to`).
  const end = kept[T - 1];
  const continuesAfter = new Uint8Array(n);
  indexes.forEach((old, k) => {
    // Listed past the source, or delisted only at or after the selection's last session: listed to its end.
    if (market.continuesAfter?.[old] === 1 || market.delistedAfter[old] >= end) continuesAfter[k] = 1;
    for (let t = end + 1; t < market.dates.length && continuesAfter[k] === 0; t++) if (market.close[t * N + old] === market.close[t * N + old]) continuesAfter[k] = 1;
  });
  const delistedAfter = new Int32Array(n).fill(-1);
  indexes.forEach((old, k) => {
    const d = market.delistedAfter[old];
    if (d < 0 || d >= kept[T - 1]) return; // not delisted, or only after the selected sessions
    delistedAfter[k] = positionAtOrAfter(kept, d + 1) - 1; // the last kept session at or before d (-1: before them all)
  });
  const events = (table: EventTable): EventTable => {
    const { extra: _unused, ...rest } = csr(T, remapEvents(table, kept, symbolOf, lastBar));
    return rest;
  };
  const flagged = (moves: FlaggedMoves): FlaggedMoves => {
    // A move whose jump lies before the selected sessions is not one of them.
    const inside = remapEvents(moves, kept, symbolOf, lastBar, (k) => (moves.moveSession[k] < kept[0] ? -1 : positionAtOrAfter(kept, moves.moveSession[k])));
    const table = csr(T, inside.filter((e) => e.extra >= 0));
    return { session: table.session, symbol: table.symbol, value: table.value, sessionStart: table.sessionStart, moveSession: table.extra };
  };
  return {
    market: {
      ...market,
      ...picked,
      dates: contiguous ? market.dates.subarray(kept[0], kept[T - 1] + 1) : Int32Array.from(kept, (t) => market.dates[t]),
      open: column(market.open, shared),
      high: column(market.high, shared),
      low: column(market.low, shared),
      close,
      volume: column(market.volume, shared),
      splits: events(market.splits),
      dividends: events(market.dividends),
      ...(market.revertingMoves ? { revertingMoves: flagged(market.revertingMoves) } : {}),
      delistedAfter,
      continuesAfter,
      // A selection that ends before the data's last session (a `to`) ends before a delisting after the data, and leaves it as it
      // leaves any delisting after its end: the symbol goes on past it (continuesAfter), and nothing is said of it.
      delistingAfterData: end === market.dates.length - 1 ? picked.delistingAfterData : undefined,
      fundamentals: allInOrder ? market.fundamentals : market.fundamentals.forSymbols(indexes),
    },
    emptySymbols,
  };
}
