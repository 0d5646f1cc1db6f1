// The row parser's rows, as stored in file order, grouped by ticker: a stable counting sort when a
// long file interleaves its tickers (views of the columns when it does not), and each ticker whose
// dates came newest first turned around, so every ticker's rows run in ascending date order.

import type { PriceField } from '../files/priceColumns.ts';
import type { GroupedRows } from './eventRows.ts';

/** The rows as read; the arrays past `rows` are spare capacity. Per ticker id: tickers and direction. */
export interface StoredRows {
  readonly file: string;
  readonly long: boolean;
  /** A long file whose tickers' rows are not contiguous. */
  readonly interleaved: boolean;
  readonly rows: number;
  /** Long files: each row's ticker id. */
  readonly tickerOfRow: Int32Array;
  readonly day: Int32Array;
  readonly fields: Readonly<Partial<Record<PriceField, Float64Array>>>;
  readonly tickers: readonly string[];
  /** +1 ascending, -1 descending, 0 not known (one row). */
  readonly direction: readonly number[];
}

/** The rows of `tickerIds` (in that order) grouped, and the tickers turned around. */
export function groupRows(read: StoredRows, tickerIds: readonly number[]): GroupedRows & { readonly descending: string[] } {
  const n = read.rows;
  const rowStart = new Int32Array(tickerIds.length + 1);
  const slot = new Int32Array(read.tickers.length).fill(-1);
  tickerIds.forEach((id, k) => (slot[id] = k));
  const count = (row: number): number => (read.long ? slot[read.tickerOfRow[row]] : 0);
  for (let r = 0; r < n; r++) rowStart[count(r) + 1]++;
  for (let k = 0; k < tickerIds.length; k++) rowStart[k + 1] += rowStart[k];
  const fields: Partial<Record<PriceField, Float64Array>> = {};
  let day = read.day.subarray(0, n);
  if (read.interleaved) {
    const next = rowStart.slice(0, tickerIds.length);
    const order = new Int32Array(n);
    for (let r = 0; r < n; r++) order[next[count(r)]++] = r;
    day = day.map((_, k) => read.day[order[k]]);
    for (const [name, column] of Object.entries(read.fields) as [PriceField, Float64Array][]) fields[name] = Float64Array.from(order, (r) => column[r]);
  } else {
    for (const [name, column] of Object.entries(read.fields) as [PriceField, Float64Array][]) fields[name] = column.subarray(0, n);
  }
  const descending = tickerIds.filter((id) => read.direction[id] < 0);
  for (const id of descending) {
    const k = slot[id];
    const [from, to] = [rowStart[k], rowStart[k + 1]];
    day.subarray(from, to).reverse();
    for (const column of Object.values(fields)) column.subarray(from, to).reverse();
  }
  const tickers = tickerIds.map((id) => read.tickers[id]);
  return { file: read.file, tickers, rowStart, day, fields, descending: descending.map((id) => read.tickers[id]) };
}
