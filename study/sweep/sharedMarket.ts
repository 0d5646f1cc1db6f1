// A Market in shared memory: every typed column copied once into one SharedArrayBuffer, so the
// sweep's worker threads read the same bytes the coordinator does — a worker never reloads data
// and never holds a copy of the prices. The rest of the Market (names, sources, roles) travels as
// a plain structured-cloneable tree in which each typed array is replaced by a reference to its
// place in the buffer; an array that appears twice is stored once, and a field the data lacks
// (absent opens, highs, lows) stays absent. Fundamentals are rebuilt over their shared columns without copying.

import { FUNDAMENTAL_FIELDS, Fundamentals, type FundamentalField } from '../../data/fundamentals.ts';
import type { Market } from '../../data/market.ts';

type Column = Float64Array | Int32Array | Uint8Array;
type ColumnType = 'f64' | 'i32' | 'u8';

/** Where a column lies in the buffer (byte offset, element count). */
interface ColumnPlace {
  readonly type: ColumnType;
  readonly offset: number;
  readonly length: number;
}

/** A typed array's place in the tree. */
interface ColumnRef {
  readonly $column: number;
}

interface SharedFundamentals {
  readonly $fundamentals: { symbolCount: number; symbol: ColumnRef; periodEnd: ColumnRef; availableAt: ColumnRef; columns: Record<string, ColumnRef> };
}

/** What a worker receives (structured-cloneable: the buffer is shared, not copied). */
export interface SharedMarket {
  readonly buffer: SharedArrayBuffer;
  readonly columns: readonly ColumnPlace[];
  /** The Market with every typed array replaced by a ColumnRef. */
  readonly tree: unknown;
}

const WIDTH: Record<ColumnType, number> = { f64: 8, i32: 4, u8: 1 };

function typeOf(column: ArrayBufferView): ColumnType {
  if (column instanceof Float64Array) return 'f64';
  if (column instanceof Int32Array) return 'i32';
  if (column instanceof Uint8Array) return 'u8';
  throw new TypeError(`a market column of type ${column.constructor.name} cannot be shared`);
}

/** Copy a market's typed columns into one SharedArrayBuffer (8-byte aligned, one after another). */
export function shareMarket(market: Market): SharedMarket {
  const arrays: Column[] = [];
  const index = new Map<Column, number>();
  const ref = (column: Column): ColumnRef => {
    let k = index.get(column);
    if (k === undefined) {
      k = arrays.length;
      arrays.push(column);
      index.set(column, k);
    }
    return { $column: k };
  };
  const walk = (value: unknown): unknown => {
    if (ArrayBuffer.isView(value)) return ref(value as Column);
    if (value instanceof Fundamentals) {
      const columns = Object.fromEntries(FUNDAMENTAL_FIELDS.map((f) => [f, ref(value.column(f))]));
      return { $fundamentals: { symbolCount: value.symbolCount, symbol: ref(value.symbol), periodEnd: ref(value.periodEnd), availableAt: ref(value.availableAt), columns } } satisfies SharedFundamentals;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  const tree = walk(market);
  let bytes = 0;
  const columns = arrays.map((a): ColumnPlace => {
    const type = typeOf(a);
    const place = { type, offset: bytes, length: a.length };
    bytes += Math.ceil((a.length * WIDTH[type]) / 8) * 8;
    return place;
  });
  const buffer = new SharedArrayBuffer(bytes);
  columns.forEach((place, k) => view(buffer, place).set(arrays[k] as never));
  return { buffer, columns, tree };
}

function view(buffer: SharedArrayBuffer, place: ColumnPlace): Column {
  if (place.type === 'f64') return new Float64Array(buffer, place.offset, place.length);
  if (place.type === 'i32') return new Int32Array(buffer, place.offset, place.length);
  return new Uint8Array(buffer, place.offset, place.length);
}

/** The Market over the shared columns: views only, nothing copied. */
export function openSharedMarket(shared: SharedMarket): Market {
  const views = shared.columns.map((place) => view(shared.buffer, place));
  const column = (r: ColumnRef): Column => views[r.$column];
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    if ('$column' in value) return column(value as ColumnRef);
    if ('$fundamentals' in value) {
      const f = (value as SharedFundamentals).$fundamentals;
      const columns = Object.fromEntries(FUNDAMENTAL_FIELDS.map((field) => [field, column(f.columns[field])])) as Record<FundamentalField, Float64Array>;
      return Fundamentals.fromSortedColumns(f.symbolCount, { symbol: column(f.symbol) as Int32Array, periodEnd: column(f.periodEnd) as Int32Array, availableAt: column(f.availableAt) as Int32Array, columns });
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  };
  return walk(shared.tree) as Market;
}
