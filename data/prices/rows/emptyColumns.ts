// Optional price columns (Open, High, Low, Volume, the adjusted bar, Close beside AdjClose) judged
// per ticker: empty on every row of a ticker, that ticker reads as if the column were absent (and
// it is said); empty on some of its rows only, an error (Volume: unknown there) — except an Open,
// High or Low empty on a ticker's earliest rows and filled from some date on, as vendors print
// history from before they recorded the range (Stooq, Yahoo's oldest years): unknown there (NaN:
// a next-open fill uses the close, the bar check skips it), and said. A column empty for every
// ticker is dropped. The row parser counts the empty fields as it reads; this judges them at the
// end of the file and words the error.

import { DataError } from '../../errors.ts';
import type { PriceColumns, PriceField } from '../files/priceColumns.ts';
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
  /** Per ticker: the range columns empty on its earliest rows only, with how many rows. */
  readonly emptyBefore: Map<string, EarlyEmpty[]>;
  /** The header's columns with the dropped ones' roles null. */
  readonly columns: PriceColumns;
}

/** A range column (Open, High, Low, or the adjusted bar's) empty on a ticker's first `rows` rows by date. */
export interface EarlyEmpty {
  readonly field: PriceField;
  readonly rows: number;
}

/** The columns that may be empty on a ticker's earliest rows and filled after. */
const RANGE_FIELDS: ReadonlySet<PriceField> = new Set(['open', 'high', 'low', 'adjOpen', 'adjHigh', 'adjLow']);

/** Empty optional fields, counted per field position and ticker id as the rows are read. */
export class EmptyFieldCounts {
  /** Per field position, per ticker id: rows where it was empty, and the first such line. */
  readonly #emptyRows: number[][] = [];
  readonly #firstEmptyLine: number[][] = [];
  /** Per field position, per ticker id: the ticker's row number (from 0, in file order) of its first and last empty row. */
  readonly #firstEmptyRow: number[][] = [];
  readonly #lastEmptyRow: number[][] = [];
  /** Per field position, per ticker id: the first line of an empty that does not follow the previous empty row (a second run). */
  readonly #strayLine: number[][] = [];

  /**
   * Counts an empty `field` of ticker `id` on `line`, the ticker's row `row` (from 0, in file
   * order); returns how many of its rows had it empty before.
   */
  add(field: number, id: number, line: number, row: number): number {
    const counts = (this.#emptyRows[field] ??= []);
    const before = (counts[id] ??= 0);
    const last = (this.#lastEmptyRow[field] ??= []);
    if (before === 0) {
      (this.#firstEmptyLine[field] ??= [])[id] = line;
      (this.#firstEmptyRow[field] ??= [])[id] = row;
    } else if (row !== last[id] + 1) (this.#strayLine[field] ??= [])[id] ??= line;
    last[id] = row;
    counts[id]++;
    return before;
  }

  /**
   * Judges each optional column per ticker: empty on every row of a ticker, absent for it; a range
   * column empty on the ticker's earliest rows only (by date: `descending[id]` when its file runs
   * newest first), unknown there; empty on other rows, an error at the first that breaks the rule
   * (Volume excepted: unknown there). A column empty for every ticker is dropped from the file
   * (and from rows.fields).
   */
  judge(rows: TickerColumns, tickerIds: readonly number[], descending: (id: number) => boolean): EmptyColumns {
    const roles = [...rows.columns.roles];
    const dropped: string[] = [];
    const emptyFor = new Map<string, PriceField[]>();
    const emptyBefore = new Map<string, EarlyEmpty[]>();
    this.#emptyRows.forEach((counts, k) => {
      const role = roles[k] as PriceField;
      const emptyTickers = tickerIds.filter((id) => counts[id] > 0);
      if (emptyTickers.length === 0) return;
      const partlyEmpty = emptyTickers.filter((id) => counts[id] < rows.rowsOf[id]);
      if (role !== 'volume') {
        for (const id of partlyEmpty) {
          const misplaced = this.#misplacedLine(k, id, rows.rowsOf[id], descending(id));
          if (misplaced !== undefined || !RANGE_FIELDS.has(role)) throw emptyPriceError(rows, k, misplaced ?? this.#firstEmptyLine[k][id], id);
          emptyBefore.set(rows.tickers[id], [...(emptyBefore.get(rows.tickers[id]) ?? []), { field: role, rows: counts[id] }]);
        }
      }
      if (emptyTickers.length === tickerIds.length && partlyEmpty.length === 0) {
        delete rows.fields[role];
        roles[k] = null;
        dropped.push(COLUMN_NAME[role]);
        return;
      }
      for (const id of emptyTickers) if (counts[id] === rows.rowsOf[id]) emptyFor.set(rows.tickers[id], [...(emptyFor.get(rows.tickers[id]) ?? []), role]);
    });
    return { dropped, emptyFor, emptyBefore, columns: dropped.length > 0 ? { ...rows.columns, roles } : rows.columns };
  }

  /**
   * The line of field `k`'s first empty of ticker `id` that is not on its earliest rows by date
   * (undefined when they all are): one run of empties from its first row in file order, or, in a
   * file running newest first, one run to its last row (`rows` of them).
   */
  #misplacedLine(k: number, id: number, rows: number, descending: boolean): number | undefined {
    const stray = this.#strayLine[k]?.[id];
    if (descending) return stray !== undefined || this.#lastEmptyRow[k][id] !== rows - 1 ? this.#firstEmptyLine[k][id] : undefined;
    return this.#firstEmptyRow[k][id] !== 0 ? this.#firstEmptyLine[k][id] : stray;
  }
}

/** An empty price where the same ticker has one on another row: the fix is to fill it, or to leave it empty on every row of the ticker. */
export function emptyPriceError(rows: TickerColumns, field: number, line: number, id: number): DataError {
  const column = rows.columnNames[field];
  const ticker = rows.tickers[id];
  const of = rows.long ? ` of ${ticker}` : '';
  const isClose = rows.columns.roles[field] === 'close';
  const adjClose = rows.columnNames[rows.columns.roles.indexOf('adjClose')];
  const earliest = RANGE_FIELDS.has(rows.columns.roles[field] as PriceField) ? `, or on its earliest rows only,` : '';
  const absent = !isClose ? ` (or leave ${column} empty on every row${of}${earliest} when it is not known)` : rows.fields.adjClose ? ` (or leave ${column} empty on every row${of}: ${adjClose} is then the price)` : '';
  return new DataError(rows.file, line, `${column} is empty${rows.long ? ` for ${ticker}` : ''}`, `fill in the price or remove the row${absent}`);
}
