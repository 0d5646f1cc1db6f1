// Optional price columns (Open, High, Low, Volume, the adjusted bar, Close beside AdjClose) judged
// per ticker: empty on every row of a ticker, that ticker reads as if the column were absent (and
// it is said); empty on some of its rows only, an error (Volume: unknown there). A column empty
// for every ticker is dropped. The row parser counts the empty fields as it reads; this judges
// them at the end of the file and words the error.

import { DataError } from '../../errors.ts';
import type { PriceColumns, PriceField } from '../priceColumns.ts';
import { COLUMN_NAME } from './fieldKinds.ts';

/** What the judgement and its error read of the row parser's state; arrays are per ticker id. */
export interface TickerColumns {
  readonly file: string;
  readonly long: boolean;
  readonly columns: PriceColumns;
  /** Per field position: the header's own name (messages about a row use it). */
  readonly columnNames: readonly string[];
  readonly tickers: readonly string[];
  /** Rows stored. */
  readonly rowsOf: readonly number[];
  /** The parsed columns: judge() deletes those it drops. */
  readonly fields: Partial<Record<PriceField, Float64Array>>;
}

/** The optional columns' verdict: the names of those dropped, and per ticker those absent for it alone. */
export interface EmptyColumns {
  readonly dropped: string[];
  readonly emptyFor: Map<string, PriceField[]>;
  /** The header's columns with the dropped ones' roles null. */
  readonly columns: PriceColumns;
}

/** Empty optional fields, counted per field position and ticker id as the rows are read. */
export class EmptyFieldCounts {
  /** Per field position, per ticker id: rows where it was empty, and the first such line. */
  readonly #emptyRows: number[][] = [];
  readonly #firstEmptyLine: number[][] = [];

  /** Counts an empty `field` of ticker `id` on `line`; returns how many of its rows had it empty before. */
  add(field: number, id: number, line: number): number {
    const counts = (this.#emptyRows[field] ??= []);
    const before = (counts[id] ??= 0);
    if (before === 0) (this.#firstEmptyLine[field] ??= [])[id] = line;
    counts[id]++;
    return before;
  }

  /**
   * Judges each optional column per ticker: empty on every row of a ticker, absent for it; empty on
   * some of its rows only, an error at the first (Volume excepted: unknown there). A column empty
   * for every ticker is dropped from the file (and from rows.fields).
   */
  judge(rows: TickerColumns, tickerIds: readonly number[]): EmptyColumns {
    const roles = [...rows.columns.roles];
    const dropped: string[] = [];
    const emptyFor = new Map<string, PriceField[]>();
    this.#emptyRows.forEach((counts, k) => {
      const role = roles[k] as PriceField;
      const emptyTickers = tickerIds.filter((id) => counts[id] > 0);
      if (emptyTickers.length === 0) return;
      const partly = emptyTickers.find((id) => counts[id] < rows.rowsOf[id]);
      if (partly !== undefined && role !== 'volume') throw emptyPriceError(rows, k, this.#firstEmptyLine[k][partly], partly);
      if (emptyTickers.length === tickerIds.length && partly === undefined) {
        delete rows.fields[role];
        roles[k] = null;
        dropped.push(COLUMN_NAME[role]);
        return;
      }
      for (const id of emptyTickers) if (counts[id] === rows.rowsOf[id]) emptyFor.set(rows.tickers[id], [...(emptyFor.get(rows.tickers[id]) ?? []), role]);
    });
    return { dropped, emptyFor, columns: dropped.length > 0 ? { ...rows.columns, roles } : rows.columns };
  }
}

/** An empty price where the same ticker has one on another row: the fix is to fill it, or to leave it empty on every row of the ticker. */
export function emptyPriceError(rows: TickerColumns, field: number, line: number, id: number): DataError {
  const column = rows.columnNames[field];
  const ticker = rows.tickers[id];
  const of = rows.long ? ` of ${ticker}` : '';
  const isClose = rows.columns.roles[field] === 'close';
  const adjClose = rows.columnNames[rows.columns.roles.indexOf('adjClose')];
  const absent = !isClose ? ` (or leave ${column} empty on every row${of} when it is not known)` : rows.fields.adjClose ? ` (or leave ${column} empty on every row${of}: ${adjClose} is then the price)` : '';
  return new DataError(rows.file, line, `${column} is empty${rows.long ? ` for ${ticker}` : ''}`, `fill in the price or remove the row${absent}`);
}
