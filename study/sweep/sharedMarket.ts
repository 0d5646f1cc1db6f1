// A Market in shared memory: every typed column copied once into one SharedArrayBuffer, so the
// sweep's worker threads read the same bytes the coordinator does — a worker never reloads data
// and never holds a copy of the prices. The small parts (names, sources, roles) travel as a plain
// object; the columns are views over the buffer (data/marketCodec.ts names them).

import { FUNDAMENTAL_FIELDS, Fundamentals, type FundamentalField } from '../../data/fundamentals.ts';
import type { Market } from '../../data/market.ts';
import { type Column, decodeMarket, encodeMarket, type MarketMeta } from '../../data/marketCodec.ts';

/** Where each named column lies in the buffer (byte offset, element count). */
interface ColumnPlace {
  readonly name: string;
  readonly type: 'f64' | 'i32' | 'u8';
  readonly offset: number;
  readonly length: number;
}

/** What a worker receives (structured-cloneable: the buffer is shared, not copied). */
export interface SharedMarket {
  readonly meta: MarketMeta;
  readonly buffer: SharedArrayBuffer;
  readonly columns: readonly ColumnPlace[];
}

const WIDTH = { f64: 8, i32: 4, u8: 1 } as const;

/**
 * Copy a market's columns into one SharedArrayBuffer (8-byte aligned, one after another). Price
 * fields the data lacks (all NaN) share one NaN column in the buffer, so no worker allocates its own.
 */
export function shareMarket(market: Market): SharedMarket {
  const encoded = encodeMarket(market);
  const columns = new Map(encoded.columns);
  const cells = market.dates.length * market.symbols.length;
  const nanColumns = encoded.meta.nanColumns;
  const places: ColumnPlace[] = [];
  let bytes = 0;
  const place = (name: string, type: ColumnPlace['type'], length: number): ColumnPlace => {
    const at = { name, type, offset: bytes, length };
    places.push(at);
    bytes += Math.ceil((length * WIDTH[type]) / 8) * 8;
    return at;
  };
  for (const [name, column] of columns) place(name, encoded.meta.columnTypes[name], column.length);
  if (nanColumns.length > 0) {
    const nan = place(nanColumns[0], 'f64', cells);
    for (const name of nanColumns.slice(1)) places.push({ ...nan, name });
  }
  const buffer = new SharedArrayBuffer(bytes);
  for (const at of places) {
    const column = columns.get(at.name);
    if (column) view(buffer, at).set(column as never);
    else (view(buffer, at) as Float64Array).fill(NaN);
  }
  const columnTypes = { ...encoded.meta.columnTypes, ...Object.fromEntries(nanColumns.map((name) => [name, 'f64' as const])) };
  return { meta: { ...encoded.meta, nanColumns: [], columnTypes }, buffer, columns: places };
}

function view(buffer: SharedArrayBuffer, place: ColumnPlace): Column {
  if (place.type === 'f64') return new Float64Array(buffer, place.offset, place.length);
  if (place.type === 'i32') return new Int32Array(buffer, place.offset, place.length);
  return new Uint8Array(buffer, place.offset, place.length);
}

/** The Market over the shared columns: views only, nothing copied but the all-NaN fill of absent price fields. */
export function openSharedMarket(shared: SharedMarket): Market {
  const columns = new Map(shared.columns.map((place) => [place.name, view(shared.buffer, place)]));
  // decodeMarket rebuilds fundamentals from rows (a copy); over shared columns, take them as they lie.
  const rowless = new Map(columns);
  for (const name of [...rowless.keys()]) if (name.startsWith('fundamentals.')) rowless.set(name, new Float64Array(0));
  rowless.set('fundamentals.symbol', new Int32Array(0));
  rowless.set('fundamentals.periodEnd', new Int32Array(0));
  rowless.set('fundamentals.availableAt', new Int32Array(0));
  const market = decodeMarket(shared.meta, rowless);
  const fundamentalColumns = {} as Record<FundamentalField, Float64Array>;
  for (const field of FUNDAMENTAL_FIELDS) fundamentalColumns[field] = columns.get(`fundamentals.${field}`) as Float64Array;
  const fundamentals = Fundamentals.fromSortedColumns(shared.meta.symbols.length, {
    symbol: columns.get('fundamentals.symbol') as Int32Array,
    periodEnd: columns.get('fundamentals.periodEnd') as Int32Array,
    availableAt: columns.get('fundamentals.availableAt') as Int32Array,
    columns: fundamentalColumns,
  });
  return { ...market, fundamentals };
}
