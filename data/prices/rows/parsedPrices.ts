// What the row parser (../priceRows.ts) is given and hands on: its options, where its columns are
// allocated, the rows it parsed grouped by ticker with what it noticed on the way, and the signal
// that a file needs the general CSV path.

import type { SlashedDateOrder } from '../../formats/fields.ts';
import type { PriceColumns, PriceField } from '../files/priceColumns.ts';
import type { EarlyEmpty } from './emptyColumns.ts';

/** Rows grouped by ticker: ticker k owns rows rowStart[k] .. rowStart[k+1]-1, dates ascending. */
export interface ParsedPrices {
  readonly file: string;
  readonly columns: PriceColumns;
  /** Tickers whose rows came newest first (turned around here). */
  readonly descending: readonly string[];
  /** Rows with every field empty (e.g. `,,,,,` at the end of an export), skipped. */
  readonly blankRows: number;
  readonly tickers: readonly string[];
  readonly rowStart: Int32Array;
  readonly day: Int32Array;
  readonly fields: Readonly<Partial<Record<PriceField, Float64Array>>>;
  /** Per ticker: line of the first row with an empty AdjClose, or -1. */
  readonly firstBlankAdjCloseLine: Int32Array;
  /** Per ticker: rows with an empty AdjClose. */
  readonly blankAdjCloseRows: Int32Array;
  /** Open, High, Low, Volume (or Close beside AdjClose) columns empty on every row: dropped (their role is null in columns). */
  readonly emptyColumns: readonly string[];
  /** Long files: per ticker, the optional columns empty on every one of its rows but filled for other tickers (NaN there: read as absent for it). */
  readonly emptyFor: ReadonlyMap<string, readonly PriceField[]>;
  /** Per ticker, the range columns (Open, High, Low) empty on its earliest rows only (NaN there: unknown), with how many rows. */
  readonly emptyBefore: ReadonlyMap<string, readonly EarlyEmpty[]>;
  /** Long files: rows naming a ticker and a date but no price at all (yfinance's stacked download before a ticker's first trade), skipped, per ticker. */
  readonly pricelessRows: ReadonlyMap<string, number>;
  /** How values were read beyond plain decimals (a $ sign, a volume's M suffix, month/day/year dates), once each. */
  readonly readNotes: readonly string[];
}

export interface PriceRowParserOptions {
  /** Per-symbol files: the symbol (from the file name). Long files: leave undefined. */
  readonly symbol?: string;
  /** Long files: keep only tickers for which this returns true. */
  readonly keepTicker?: (ticker: string) => boolean;
  /** Expected decoded size in bytes, to size the columns once instead of growing them. */
  readonly sizeHint?: number;
  /** Expected number of rows, when known (better than sizeHint). */
  readonly rowsHint?: number;
  /** Where the columns are allocated (default: new arrays), e.g. shared slabs on a parse worker. */
  readonly columnStore?: ColumnStore;
  /** Field separator byte: a comma for the fast path; the general path uses its own. */
  readonly separator?: number;
  /** Which field of a `01/18/2024` date is the month, when the file as a whole shows it (fields.ts slashedDateOrder); unset: such dates are refused. */
  readonly slashedDates?: SlashedDateOrder;
  /** The order of slashedDates was said elsewhere (a vendor's footer, with its own note), not shown by the dates. */
  readonly slashedDatesSaid?: boolean;
  /** Why slashedDates has its order when the dates do not show it and no note says it elsewhere (a vendor's layout), for the note. */
  readonly slashedDatesReason?: string;
  /** How the file was split (e.g. "read as semicolon-separated"), for header errors. */
  readonly dialectNote?: string;
  /** The file's own delimiter (the general path's separator replaces it), to show its header as written. */
  readonly delimiter?: string;
}

/**
 * Allocates the parser's columns of `length` rows (it asks again, for a larger length, when a
 * file holds more rows than estimated). The parsed columns are views of the first rows of the
 * last allocation of each.
 */
export interface ColumnStore {
  days(length: number): Int32Array;
  values(field: PriceField, length: number): Float64Array;
}

/** Thrown by the fast path when the bytes need the general CSV path (a quote, or a field padded with spaces). */
export class NeedsGeneralPath extends Error {}
