// A Market as named typed columns plus a small JSON description, and back: the cache's storage
// form. Price columns are stored symbol by symbol, each symbol only from its first to its last
// bar (the session-major T×N columns are mostly NaN where histories start late: the shared data
// root holds ETFs since 1993 and stocks since 2016), and rebuilt session-major on decoding.
// Price columns that hold nothing but NaN are not stored at all; on decoding they become one
// shared all-NaN array, as prices/align.ts builds them.

import { FUNDAMENTAL_FIELDS, Fundamentals, type FundamentalField, type FundamentalRow } from '../fundamentals.ts';
import type { EventTable, FlaggedMoves, Market, SourceInfo } from '../market.ts';
import type { RateSeries } from '../rates.ts';

export type Column = Float64Array | Int32Array | Uint8Array;
type ColumnType = 'f64' | 'i32' | 'u8';

export interface MarketMeta {
  readonly name: string;
  readonly synthetic: boolean;
  readonly symbols: readonly string[];
  readonly sector: readonly string[];
  readonly industry: readonly string[];
  readonly roles: Readonly<Record<string, string>>;
  readonly sources: readonly SourceInfo[];
  readonly fingerprint: string;
  readonly rateNames: readonly string[];
  /** Price columns that are entirely NaN (not stored). */
  readonly nanColumns: readonly string[];
  /** True when the market flags reverting moves (the table is stored). */
  readonly hasRevertingMoves: boolean;
  readonly columnTypes: Readonly<Record<string, ColumnType>>;
}

export interface EncodedMarket {
  readonly meta: MarketMeta;
  /**
   * The stored columns, produced one at a time: a price column is packed only when reached, so
   * a store holds one packed column at a time rather than all of them.
   */
  readonly columns: Iterable<[string, Column]>;
}

const PRICE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;
const EVENT_PARTS = ['session', 'symbol', 'value', 'sessionStart'] as const;

const typeOf = (column: Column): ColumnType => (column instanceof Float64Array ? 'f64' : column instanceof Int32Array ? 'i32' : 'u8');

function allNaN(column: Float64Array): boolean {
  for (let k = 0; k < column.length; k++) if (column[k] === column[k]) return false;
  return true;
}

/** Per symbol, the first and last session with a close (last < first: none). */
function barRanges(market: Market): { first: Int32Array; last: Int32Array } {
  const T = market.dates.length;
  const N = market.symbols.length;
  const first = new Int32Array(N).fill(T);
  const last = new Int32Array(N).fill(-1);
  const close = market.close;
  for (let t = 0; t < T; t++) {
    const row = t * N;
    for (let i = 0; i < N; i++) {
      if (close[row + i] !== close[row + i]) continue;
      if (first[i] === T) first[i] = t;
      last[i] = t;
    }
  }
  return { first, last };
}

/** A session-major column as each symbol's [first, last] run, symbol after symbol. */
function packColumn(column: Float64Array, N: number, first: Int32Array, last: Int32Array): Float64Array {
  let size = 0;
  for (let i = 0; i < N; i++) size += Math.max(0, last[i] - first[i] + 1);
  const packed = new Float64Array(size);
  let k = 0;
  for (let i = 0; i < N; i++) for (let t = first[i]; t <= last[i]; t++) packed[k++] = column[t * N + i];
  return packed;
}

/** Symbols written together when turning symbol runs into session rows: one cache line per session. */
const BLOCK = 16;

function unpackColumn(packed: Float64Array, T: number, N: number, first: Int32Array, last: Int32Array): Float64Array {
  const column = new Float64Array(T * N).fill(NaN);
  const offset = new Float64Array(N + 1);
  for (let i = 0; i < N; i++) offset[i + 1] = offset[i] + Math.max(0, last[i] - first[i] + 1);
  // Blocks of symbols, session by session: each session's cells of a block are contiguous, so
  // the writes stay within a few cache lines instead of striding N cells apart.
  for (let i0 = 0; i0 < N; i0 += BLOCK) {
    const i1 = Math.min(N, i0 + BLOCK);
    let from = T;
    let to = -1;
    for (let i = i0; i < i1; i++) {
      if (last[i] < first[i]) continue;
      from = Math.min(from, first[i]);
      to = Math.max(to, last[i]);
    }
    for (let t = from; t <= to; t++) {
      const row = t * N;
      for (let i = i0; i < i1; i++) if (t >= first[i] && t <= last[i]) column[row + i] = packed[offset[i] + t - first[i]];
    }
  }
  return column;
}

export function encodeMarket(market: Market): EncodedMarket {
  const columns = new Map<string, Column>();
  const nanColumns: string[] = [];
  const N = market.symbols.length;
  const { first, last } = barRanges(market);
  columns.set('bars.first', first);
  columns.set('bars.last', last);
  const priceColumns = PRICE_COLUMNS.filter((field) => {
    if (!allNaN(market[field])) return true;
    nanColumns.push(field);
    return false;
  });
  columns.set('dates', market.dates);
  columns.set('priceKind', market.priceKind);
  columns.set('assetClass', market.assetClass);
  columns.set('delistedAfter', market.delistedAfter);
  columns.set('delistReturn', market.delistReturn);
  for (const [kind, table] of [['splits', market.splits], ['dividends', market.dividends]] as const) {
    for (const part of EVENT_PARTS) columns.set(`${kind}.${part}`, table[part]);
  }
  if (market.revertingMoves) {
    for (const part of EVENT_PARTS) columns.set(`revertingMoves.${part}`, market.revertingMoves[part]);
    columns.set('revertingMoves.moveSession', market.revertingMoves.moveSession);
  }
  const f = market.fundamentals;
  columns.set('fundamentals.symbol', f.symbol);
  columns.set('fundamentals.periodEnd', f.periodEnd);
  columns.set('fundamentals.availableAt', f.availableAt);
  for (const field of FUNDAMENTAL_FIELDS) columns.set(`fundamentals.${field}`, f.column(field));
  const rateNames = Object.keys(market.rates);
  for (const name of rateNames) {
    columns.set(`rates.${name}.dates`, market.rates[name].dates);
    columns.set(`rates.${name}.values`, market.rates[name].values);
  }
  const meta: MarketMeta = {
    name: market.name,
    synthetic: market.synthetic,
    symbols: market.symbols,
    sector: market.sector,
    industry: market.industry,
    roles: market.roles,
    sources: market.sources,
    fingerprint: market.fingerprint,
    rateNames,
    nanColumns,
    hasRevertingMoves: market.revertingMoves !== undefined,
    columnTypes: { ...Object.fromEntries([...columns].map(([name, column]) => [name, typeOf(column)])), ...Object.fromEntries(priceColumns.map((f) => [f, 'f64'])) },
  };
  function* all(): Generator<[string, Column]> {
    for (const field of priceColumns) yield [field, packColumn(market[field], N, first, last)];
    yield* columns;
  }
  return { meta, columns: all() };
}

/** A typed view of stored bytes (copied only when they are not aligned for the type). */
export function columnFromBytes(bytes: Uint8Array, type: ColumnType): Column {
  const width = type === 'f64' ? 8 : type === 'i32' ? 4 : 1;
  const aligned = bytes.byteOffset % width === 0 ? bytes : Uint8Array.from(bytes);
  const length = aligned.byteLength / width;
  if (type === 'f64') return new Float64Array(aligned.buffer, aligned.byteOffset, length);
  if (type === 'i32') return new Int32Array(aligned.buffer, aligned.byteOffset, length);
  return new Uint8Array(aligned.buffer, aligned.byteOffset, length);
}

export function decodeMarket(meta: MarketMeta, columns: ReadonlyMap<string, Column>): Market {
  const get = <C extends Column>(name: string): C => {
    const column = columns.get(name);
    if (!column) throw new Error(`cached market lacks column ${name}`);
    return column as C;
  };
  const dates = get<Int32Array>('dates');
  const T = dates.length;
  const N = meta.symbols.length;
  const sharedNaN = meta.nanColumns.length > 0 ? new Float64Array(T * N).fill(NaN) : undefined;
  const [first, last] = [get<Int32Array>('bars.first'), get<Int32Array>('bars.last')];
  const price = (field: string): Float64Array => (meta.nanColumns.includes(field) ? sharedNaN! : unpackColumn(get<Float64Array>(field), T, N, first, last));
  const events = (kind: string): EventTable => ({
    session: get<Int32Array>(`${kind}.session`),
    symbol: get<Int32Array>(`${kind}.symbol`),
    value: get<Float64Array>(`${kind}.value`),
    sessionStart: get<Int32Array>(`${kind}.sessionStart`),
  });
  const rates: Record<string, RateSeries> = {};
  for (const name of meta.rateNames) rates[name] = { name, dates: get<Int32Array>(`rates.${name}.dates`), values: get<Float64Array>(`rates.${name}.values`) };
  return {
    name: meta.name,
    synthetic: meta.synthetic,
    symbols: meta.symbols,
    dates,
    open: price('open'),
    high: price('high'),
    low: price('low'),
    close: price('close'),
    volume: price('volume'),
    priceKind: get<Uint8Array>('priceKind'),
    assetClass: get<Uint8Array>('assetClass'),
    sector: meta.sector,
    industry: meta.industry,
    splits: events('splits'),
    dividends: events('dividends'),
    ...(meta.hasRevertingMoves ? { revertingMoves: { ...events('revertingMoves'), moveSession: get<Int32Array>('revertingMoves.moveSession') } satisfies FlaggedMoves } : {}),
    delistedAfter: get<Int32Array>('delistedAfter'),
    delistReturn: get<Float64Array>('delistReturn'),
    fundamentals: decodeFundamentals(meta.symbols.length, columns, get),
    rates,
    roles: meta.roles,
    sources: meta.sources,
    fingerprint: meta.fingerprint,
  };
}

function decodeFundamentals(symbolCount: number, columns: ReadonlyMap<string, Column>, get: <C extends Column>(name: string) => C): Fundamentals {
  const symbol = get<Int32Array>('fundamentals.symbol');
  const periodEnd = get<Int32Array>('fundamentals.periodEnd');
  const availableAt = get<Int32Array>('fundamentals.availableAt');
  const fields = FUNDAMENTAL_FIELDS.filter((f) => columns.has(`fundamentals.${f}`)).map((f) => [f, get<Float64Array>(`fundamentals.${f}`)] as const);
  const rows: FundamentalRow[] = Array.from(symbol, (s, k) => {
    const values: Partial<Record<FundamentalField, number>> = {};
    for (const [field, column] of fields) values[field] = column[k];
    return { symbol: s, periodEnd: periodEnd[k], availableAt: availableAt[k], values };
  });
  return new Fundamentals(symbolCount, rows);
}
