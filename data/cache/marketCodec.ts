// A Market as named typed columns, each symbol's price runs (cache/symbolRuns.ts) and a small
// JSON description, and back: the cache's storage form. Prices are stored symbol by symbol, so a
// load of a few symbols decodes only theirs (decodeMarket's `pick`). Price columns that are
// absent or hold nothing but NaN are not stored at all; on decoding, opens, highs and lows are
// absent and a volume is NaN throughout, as prices/align.ts builds them.

import { FUNDAMENTAL_FIELDS, Fundamentals, type FundamentalField } from '../fundamentals.ts';
import { type EventTable, type FlaggedMoves, type Market, PRICE_COLUMNS, type SourceInfo } from '../market.ts';
import { symbolSubset } from '../prices/select.ts';
import type { RateSeries } from '../rates.ts';
import { barRanges, packRuns, RunScatter, type SymbolRun } from './symbolRuns.ts';

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
  /** Price fields stored in each symbol's run, in their order there. */
  readonly priceFields: readonly PriceColumn[];
  /** True when the market flags reverting moves (the table is stored). */
  readonly hasRevertingMoves: boolean;
  /** The market says which symbols are listed past its last session (Market.continuesAfter). */
  readonly hasContinuesAfter?: boolean;
  readonly columnTypes: Readonly<Record<string, ColumnType>>;
}

/** The stored price columns (session-major, T × N each) and each symbol's first and last bar. */
export interface EncodedPrices {
  readonly columns: readonly Float64Array[];
  readonly T: number;
  readonly N: number;
  readonly first: Int32Array;
  readonly last: Int32Array;
}

export interface EncodedMarket {
  readonly meta: MarketMeta;
  /** Every stored column but the prices. */
  readonly columns: ReadonlyMap<string, Column>;
  /** The prices, stored as each symbol's run (symbolRunsOf). */
  readonly prices: EncodedPrices;
}

/**
 * Each symbol's prices, produced a few at a time: a store never holds a second copy of the
 * columns. `reuse`: see packRuns (each run is valid until the next is asked for).
 */
export function symbolRunsOf(prices: EncodedPrices, reuse = false): Iterable<SymbolRun> {
  return packRuns(prices.columns, prices.T, prices.N, prices.first, prices.last, reuse);
}

type PriceColumn = (typeof PRICE_COLUMNS)[number];
const EVENT_PARTS = ['session', 'symbol', 'value', 'sessionStart'] as const;

const typeOf = (column: Column): ColumnType => (column instanceof Float64Array ? 'f64' : column instanceof Int32Array ? 'i32' : 'u8');

function allNaN(column: Float64Array | undefined): boolean {
  if (column === undefined) return true;
  for (let k = 0; k < column.length; k++) if (column[k] === column[k]) return false;
  return true;
}

export function encodeMarket(market: Market): EncodedMarket {
  const columns = new Map<string, Column>();
  const T = market.dates.length;
  const N = market.symbols.length;
  const priceFields = PRICE_COLUMNS.filter((field) => !allNaN(market[field]));
  columns.set('dates', market.dates);
  columns.set('priceKind', market.priceKind);
  columns.set('assetClass', market.assetClass);
  columns.set('delistedAfter', market.delistedAfter);
  if (market.continuesAfter) columns.set('continuesAfter', market.continuesAfter);
  columns.set('delistReturn', market.delistReturn);
  if (market.delistingAfterData) columns.set('delistingAfterData', market.delistingAfterData);
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
    priceFields,
    hasRevertingMoves: market.revertingMoves !== undefined,
    hasContinuesAfter: market.continuesAfter !== undefined,
    columnTypes: Object.fromEntries([...columns].map(([name, column]) => [name, typeOf(column)])),
  };
  const { first, last } = barRanges(market.close, T, N);
  return { meta, columns, prices: { columns: priceFields.map((field) => market[field]!), T, N, first, last } };
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

/**
 * The stored market back, or only the symbols `pick` names (whole-market indexes, in the order
 * wanted) over every session: `runs` are then those symbols' runs (any order), and the result is
 * what prices/select.ts's symbolSubset makes of the whole market.
 */
export function decodeMarket(meta: MarketMeta, columns: ReadonlyMap<string, Column>, runs: Iterable<SymbolRun>, pick?: readonly number[]): Market {
  const get = <C extends Column>(name: string): C => {
    const column = columns.get(name);
    if (!column) throw new Error(`cached market lacks column ${name}`);
    return column as C;
  };
  const dates = get<Int32Array>('dates');
  const T = dates.length;
  const N = meta.symbols.length;
  const width = pick?.length ?? N;
  const place = new Int32Array(N).fill(-1);
  for (let j = 0; j < width; j++) place[pick ? pick[j] : j] = j;
  const scatter = new RunScatter(meta.priceFields.length, T, width);
  for (const run of runs) if (place[run.symbol] >= 0) scatter.add(run, place[run.symbol]);
  scatter.flush();
  const stored = (field: PriceColumn): Float64Array | undefined => (meta.priceFields.includes(field) ? scatter.columns[meta.priceFields.indexOf(field)] : undefined);
  const prices: Pick<Market, PriceColumn> = { open: stored('open'), high: stored('high'), low: stored('low'), close: stored('close')!, volume: stored('volume') ?? new Float64Array(T * width).fill(NaN) };
  const events = (kind: string): EventTable => ({
    session: get<Int32Array>(`${kind}.session`),
    symbol: get<Int32Array>(`${kind}.symbol`),
    value: get<Float64Array>(`${kind}.value`),
    sessionStart: get<Int32Array>(`${kind}.sessionStart`),
  });
  const rates: Record<string, RateSeries> = {};
  for (const name of meta.rateNames) rates[name] = { name, dates: get<Int32Array>(`rates.${name}.dates`), values: get<Float64Array>(`rates.${name}.values`) };
  const rest: Omit<Market, PriceColumn> = {
    name: meta.name,
    synthetic: meta.synthetic,
    symbols: meta.symbols,
    dates,
    priceKind: get<Uint8Array>('priceKind'),
    assetClass: get<Uint8Array>('assetClass'),
    sector: meta.sector,
    industry: meta.industry,
    splits: events('splits'),
    dividends: events('dividends'),
    ...(meta.hasRevertingMoves ? { revertingMoves: { ...events('revertingMoves'), moveSession: get<Int32Array>('revertingMoves.moveSession') } satisfies FlaggedMoves } : {}),
    delistedAfter: get<Int32Array>('delistedAfter'),
    ...(meta.hasContinuesAfter ? { continuesAfter: get<Uint8Array>('continuesAfter') } : {}),
    delistReturn: get<Float64Array>('delistReturn'),
    ...(columns.has('delistingAfterData') ? { delistingAfterData: get<Float64Array>('delistingAfterData') } : {}),
    fundamentals: decodeFundamentals(N, get),
    rates,
    roles: meta.roles,
    sources: meta.sources,
    fingerprint: meta.fingerprint,
  };
  return pick ? symbolSubset(rest, pick, prices) : { ...rest, ...prices };
}

/** The stored columns are already in Fundamentals' order: no rows to rebuild. */
function decodeFundamentals(symbolCount: number, get: <C extends Column>(name: string) => C): Fundamentals {
  const columns = Object.fromEntries(FUNDAMENTAL_FIELDS.map((field) => [field, get<Float64Array>(`fundamentals.${field}`)])) as Record<FundamentalField, Float64Array>;
  return Fundamentals.fromSortedColumns(symbolCount, { symbol: get('fundamentals.symbol'), periodEnd: get('fundamentals.periodEnd'), availableAt: get('fundamentals.availableAt'), columns });
}
