// The general CSV path (csv-parse): quoting, any delimiter, line numbers for every record; plus
// column layouts: a layout names the columns a loader understands, and a header either matches
// one of them or the error lists every layout that would have been accepted.

import { parse } from 'csv-parse/sync';
import { isoDay } from '../dates.ts';
import { parseDateText, shownText } from './fields.ts';
import { DataError } from '../errors.ts';
import { recordStartLines } from './csvLines.ts';
import { csvParseError } from './csvParseError.ts';
import { RECORD_ENDS, sniffDialect, type Dialect } from './dialect.ts';
import { readSource } from './text.ts';

export interface CsvRecords {
  readonly file: string;
  /** Every record, header included, fields trimmed; empty lines are skipped. */
  readonly records: readonly string[][];
  /** records[k] starts on line lines[k] (1-based, counted in the whole file; csvLines.ts). */
  readonly lines: readonly number[];
}

interface ParsedRecord {
  record: string[];
  info: { bytes: number };
}

/**
 * Parses delimited text whose first line is line `firstLine` of `file`. Field counts are not
 * enforced here: each loader checks them against its layout, with a message that says so. A
 * quoting error is a DataError at the line where the field at fault opens (csvParseError.ts);
 * `readAs` says there how the file was read ("read as semicolon-separated"), or ''.
 */
export function parseCsvText(file: string, text: string | Buffer, delimiter = ',', firstLine = 1, readAs = ''): CsvRecords {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let parsed: ParsedRecord[];
  try {
    parsed = parse(bytes, { delimiter, record_delimiter: RECORD_ENDS, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as ParsedRecord[];
  } catch (err) {
    throw csvParseError(file, bytes, err, firstLine, readAs);
  }
  return { file, records: parsed.map((p) => p.record), lines: recordStartLines(bytes, parsed, firstLine) };
}

/** A whole delimited file (plain or gzip; BOM and CRLF handled) with the hash of its bytes. */
export function readCsvRecords(file: string, delimiter = ','): CsvRecords & { readonly contentHash: string } {
  const { bytes, contentHash } = readSource(file);
  return { ...parseCsvText(file, bytes, delimiter), contentHash };
}

/** Bytes of a file's start its dialect is sniffed from, as for price files. */
const SNIFF_BYTES = 8192;

/**
 * A whole delimited file split by the delimiter its header shows (comma, semicolon or tab:
 * formats/dialect.ts sniffDialect, as price files are read), with that dialect and the hash of its bytes.
 */
export function readSniffedRecords(file: string): CsvRecords & { readonly contentHash: string; readonly dialect: Dialect } {
  const { bytes, contentHash } = readSource(file);
  const dialect = sniffDialect(bytes.toString('utf8', 0, Math.min(bytes.length, SNIFF_BYTES)));
  return { ...parseCsvText(file, bytes, dialect.delimiter), contentHash, dialect };
}

/** A set of columns a loader understands, in file order. */
export interface ColumnLayout {
  readonly name: string;
  readonly columns: readonly string[];
}

/** Column names compare case-, space- and punctuation-insensitively: "Adj Close" = "AdjClose". */
export function normalizeColumnName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Refuses a header two of whose columns read as one field (`Close` and `close`, two `delisting
 * date` columns): one would be read and the other dropped without a word. `fields[k]`: what
 * header[k] reads as (null: nothing); `shown`: the header as the message quotes it; `named`: a
 * field as the message names it. Throws a DataError at `line` naming both columns.
 */
export function refuseRepeatedColumns<F extends string>(file: string, line: number, header: readonly string[], fields: readonly (F | null)[], shown: string, named: (field: F) => string = (field) => field): void {
  fields.forEach((field, k) => {
    const first = fields.indexOf(field);
    if (field !== null && first !== k) throw new DataError(file, line, `columns "${header[first]}" and "${header[k]}" both read as ${named(field)} in ${shown}`, 'keep one of them, or rename the other');
  });
}

/** The layout whose columns equal `header`, if any. */
export function findLayout<L extends ColumnLayout>(header: readonly string[], layouts: readonly L[]): L | undefined {
  const wanted = header.map((h) => normalizeColumnName(h.trim().replace(/^"|"$/g, '')));
  return layouts.find((l) => l.columns.length === wanted.length && l.columns.every((c, k) => normalizeColumnName(c) === wanted[k]));
}

/** The layout whose columns equal `header` (split by `delimiter`), or a DataError showing the header as written and listing every accepted layout. */
export function matchLayout<L extends ColumnLayout>(file: string, line: number, header: readonly string[], layouts: readonly L[], delimiter = ','): L {
  const match = findLayout(header, layouts);
  if (match) return match;
  const accepted = layouts.map((l) => `${l.columns.join(',')} (${l.name})`).join('; ');
  throw new DataError(file, line, `unknown column layout "${header.join(delimiter)}"`, `the header must be one of: ${accepted}`);
}

/**
 * The refusal of a row of `got` fields under a header of `expected`; `row`: the row as written,
 * shown (its first 40 characters) so that a note or footer line is seen for what it is — a row
 * of one field of text is said to be such, with "delete it" first in the fix.
 */
export function wrongFieldCountError(file: string, line: number, expected: number, got: number, row?: string): DataError {
  const shown = row === undefined ? '' : ` ("${shownText(row.trim())}")`;
  const text = row !== undefined && got === 1 && /[A-Za-z]{2}/.test(row) && Number.isNaN(parseDateText(row.trim().replace(/^"|"$/g, '')));
  return new DataError(
    file,
    line,
    `expected ${expected} fields, found ${got}${shown}${text ? ': a line of text, not a row of values' : ''}`,
    `${text ? 'delete the line if it is a note or a footer; otherwise ' : ''}every row needs one value per header column (leave a value empty rather than dropping its separator)`,
  );
}

/** The error for a date that does not come after the previous row's (of the same ticker). */
export function dateOrderError(file: string, line: number, day: number, previousDay: number, previousLine: number, ticker?: string, descending = false): DataError {
  const order = descending ? 'in rows sorted newest first' : 'in rows sorted oldest first';
  const what = day === previousDay ? `duplicate date ${isoDay(day)}` : `date ${isoDay(day)} comes after ${isoDay(previousDay)} ${order}`;
  const whose = ticker === undefined ? '' : ` for ${ticker}`;
  return new DataError(file, line, `${what}${whose} (line ${previousLine})`, 'dates must run one way (oldest or newest first), one row per date (per ticker); sort the file and drop duplicates');
}

/** Throws at the first date that is not after the one before it (days[k] sits on lines[k]). */
export function requireAscendingDates(file: string, days: readonly number[], lines: readonly number[]): void {
  for (let k = 1; k < days.length; k++) if (days[k] <= days[k - 1]) throw dateOrderError(file, lines[k], days[k], days[k - 1], lines[k - 1]);
}
