// One price file (per-symbol or long, plain or gzip) → ParsedPrices, by the fastest path that
// reads it correctly. The dialect is sniffed from the file's start (formats/dialect.ts):
//   - plain comma-separated, unquoted: the byte scanner streams it (priceRows.ts); should a
//     quote turn up further down, the file is read again by the general path;
//     and should a field turn out padded with spaces, likewise;
//   - anything else (quoting, semicolons with decimal commas, tabs, thousands separators, and
//     yfinance's multi-row header, whose records are reshaped first: yfinanceHeader.ts):
//     csv-parse reads the records (RFC 4180, fields trimmed: formats/csvTable.ts), and each one, normalised (numbers
//     made plain decimals: formats/numberMarks.ts), goes through the same row checks.

import { describeDialect, sniffDialect, usualMark, type Delimiter, type Dialect } from '../../formats/dialect.ts';
import { decideFileMark, markBasis, type FileMark, type NumberAt } from '../../formats/fileMark.ts';
import { parseCsvText } from '../../formats/csvTable.ts';
import { slashedDateOrder } from '../../formats/fields.ts';
import { dollarNumber } from '../../formats/markedValues.ts';
import { needsMarksRead, numberMarksError, plainNumberText } from '../../formats/numberMarks.ts';
import { readHeadText, readSource, streamSource } from '../../formats/text.ts';
import { repeatedHeaderError, repeatsHeader } from '../rows/repeatedHeader.ts';
import { MissingValueError, withLaterRows } from '../rows/missingValues.ts';
import { DuplicateDateError } from '../rows/dateOrder.ts';
import { withDuplicateRows } from '../rows/duplicateDates.ts';
import { vendorFooter } from './vendorFooter.ts';
import { NeedsGeneralPath, PriceRowParser, type ParsedPrices, type PriceRowParserOptions } from './priceRows.ts';
import { readYfinanceHeader } from './yfinanceHeader.ts';

export interface ReadPrices {
  readonly parsed: ParsedPrices;
  /** sha256 of the file's stored bytes. */
  readonly contentHash: string;
  readonly dialect: Dialect;
}

const SNIFF_BYTES = 8192;
const NEWLINE = 10;

/** Separator of normalised records on the general path: a byte no price field holds. */
const UNIT_SEPARATOR = 0x1f;
const QUOTE = 0x22;

type PriceReaderOptions = Omit<PriceRowParserOptions, 'separator' | 'dialectNote' | 'delimiter'>;
type ReaderOptions = Omit<PriceRowParserOptions, 'separator' | 'dialectNote' | 'delimiter' | 'slashedDates' | 'slashedDatesSaid' | 'slashedDatesReason'>;
const SLASHED_DATE = /\d{1,2}[/.-]\d{1,2}[/.-]\d{4}/;
/** A field with a decimal point or comma in it. */
const HAS_MARK = /[.,]/;

/** True when the byte scanner can read a file of this dialect. */
const fastPathReads = (dialect: Dialect): boolean => dialect.delimiter === ',' && !dialect.quoted && !dialect.decimalComma;

/**
 * Reads a price file whole (small files: a per-symbol file is read in one go); `options.symbol`
 * names a per-symbol file's symbol (from its file name).
 */
export function readPriceFile(file: string, options: ReaderOptions = {}): ReadPrices {
  const { bytes, contentHash } = readSource(file);
  return parsePriceBytes(file, bytes, contentHash, options);
}

/** Parses a price file's decoded bytes (read whole by the caller, e.g. on a worker thread). */
export function parsePriceBytes(file: string, whole: Buffer, contentHash: string, given: ReaderOptions = {}): ReadPrices {
  const footer = vendorFooter(whole);
  const read = parseBody(file, footer ? whole.subarray(0, footer.end) : whole, contentHash, given, footer?.monthFirst === true);
  return footer?.note ? { ...read, parsed: { ...read.parsed, readNotes: [footer.note, ...read.parsed.readNotes] } } : read;
}

/**
 * parsePriceBytes without a vendor's footer; `monthFirst`: the footer said the dates are
 * month/day/year. A refused missing-value marker is said with the later rows holding it, and a
 * repeated date with its two rows compared and the later rows repeating a date (rows/duplicateDates.ts).
 */
function parseBody(file: string, bytes: Buffer, contentHash: string, given: ReaderOptions, monthFirst: boolean): ReadPrices {
  try {
    return parseWhole(file, bytes, contentHash, given, monthFirst);
  } catch (err) {
    if (!(err instanceof MissingValueError) && !(err instanceof DuplicateDateError)) throw err;
    const text = bytes.toString('utf8');
    const { delimiter } = sniffDialect(text.slice(0, SNIFF_BYTES));
    throw err instanceof MissingValueError ? withLaterRows(err, text, delimiter) : withDuplicateRows(err, text, delimiter);
  }
}

/** Nasdaq.com's historical-quotes header names its close "Close/Last"; its dates are always month/day/year (01/08/2024), even where none passes 12. */
const NASDAQ_HEADER = /(^|[,;\t])"?Close\/Last"?([,;\t]|$)/i;

function parseWhole(file: string, bytes: Buffer, contentHash: string, given: ReaderOptions, monthFirst: boolean): ReadPrices {
  const head = bytes.toString('utf8', 0, Math.min(bytes.length, SNIFF_BYTES));
  const dialect = sniffDialect(head);
  // 01/18/2024: the whole file says which field is the month (a streamed file is not read twice: refused as before).
  const shown = SLASHED_DATE.test(head) ? slashedDateOrder(bytes.toString('latin1')) : undefined;
  const options =
    shown !== undefined
      ? { ...given, slashedDates: shown }
      : monthFirst
        ? { ...given, slashedDates: 'monthFirst' as const, slashedDatesSaid: true }
        : NASDAQ_HEADER.test(head.slice(0, head.search(/\r?\n|$/)))
          ? { ...given, slashedDates: 'monthFirst' as const, slashedDatesReason: "Nasdaq.com's layout (a Close/Last column) writes month/day/year" }
          : given;
  if (fastPathReads(dialect)) {
    const parser = new PriceRowParser(file, { ...options, rowsHint: estimateLines(bytes) });
    try {
      parser.push(bytes);
      return { parsed: parser.finish(), contentHash, dialect };
    } catch (err) {
      if (!(err instanceof NeedsGeneralPath)) throw err;
    }
  }
  return readGeneral(file, bytes, contentHash, options, dialect);
}

/** Bytes read at each end of a file to estimate its lines. */
const LINE_SAMPLE_BYTES = 16384;

/**
 * Lines in a buffer, to size the columns once: counted in a small file; in a larger one, from the
 * density of lines at its start and end (prices gain digits over the years) plus 5%: counting
 * every newline of 2,000 files cost more than a tenth of parsing them.
 */
function estimateLines(bytes: Buffer): number {
  const count = (from: number, to: number): number => {
    let n = 0;
    for (let p = bytes.indexOf(NEWLINE, from); p >= 0 && p < to; p = bytes.indexOf(NEWLINE, p + 1)) n++;
    return n;
  };
  if (bytes.length <= 4 * LINE_SAMPLE_BYTES) return count(0, bytes.length) + 1;
  const sampled = count(0, LINE_SAMPLE_BYTES) + count(bytes.length - LINE_SAMPLE_BYTES, bytes.length);
  return Math.ceil((sampled / (2 * LINE_SAMPLE_BYTES)) * bytes.length * 1.05) + 1;
}

/** Streams a large price file (a long file of thousands of symbols) through the byte scanner. */
export async function streamPriceFile(file: string, options: ReaderOptions = {}): Promise<ReadPrices> {
  const dialect = sniffDialect(readHeadText(file));
  if (fastPathReads(dialect)) {
    const parser = new PriceRowParser(file, options);
    try {
      const contentHash = await streamSource(file, (chunk) => parser.push(chunk));
      return { parsed: parser.finish(), contentHash, dialect };
    } catch (err) {
      if (!(err instanceof NeedsGeneralPath)) throw err;
    }
  }
  const { bytes, contentHash } = readSource(file);
  return readGeneral(file, bytes, contentHash, options, dialect);
}

/**
 * The general path: csv-parse records, normalised, through the same row checks. `sniffed.quoted`
 * is made true when a quote turns up below the sniffed head, and the decimal mark is decided from
 * every number in the file (decideMark), not only the sniffed head's. Throws a DataError (file:line)
 * for a number whose marks do not fit that mark.
 */
function readGeneral(file: string, bytes: Buffer, contentHash: string, options: PriceReaderOptions, sniffed: Dialect): ReadPrices {
  const quoted = sniffed.quoted || bytes.includes(QUOTE);
  const headNote = sniffed.delimiter === ',' ? '' : describeDialect(sniffed);
  const read = parseCsvText(file, bytes, sniffed.delimiter, 1, headNote);
  // yf.download's multi-row header: its records reshaped into a one-row header's (yfinanceHeader.ts).
  const yfinance = readYfinanceHeader(file, read.records, read.lines, options.symbol);
  const { records, lines } = yfinance ?? read;
  // The header is judged before the numbers: its errors say how the sniffed head was read.
  const parser = new PriceRowParser(file, { ...options, separator: UNIT_SEPARATOR, dialectNote: headNote, delimiter: sniffed.delimiter });
  if (records.length === 0) return { parsed: parser.finish(), contentHash, dialect: { ...sniffed, quoted } };
  const header = records[0];
  parser.setHeader(header, lines[0], yfinance?.note);
  const roles = parser.columns!.roles;
  const decided = decideMark(records, lines, roles, sniffed.delimiter, quoted);
  const decimal = decided.mark;
  const unshownMark = decided.shownBy === undefined ? decided.unshown?.text : undefined;
  const markShownLate = decided.shownBy !== undefined && decided.unshown !== undefined && decimal !== usualMark(sniffed.delimiter) ? decided.shownBy : undefined;
  const dialect: Dialect = { delimiter: sniffed.delimiter, decimalComma: decimal === ',', quoted, unshownMark, markShownLate };
  const basis = markBasis(decided);
  parser.setMarkRead({ mark: decimal, basis });
  const separator = String.fromCharCode(UNIT_SEPARATOR);
  // Columns holding a number with a mark while no number in the file shows the decimal mark: read by the guess.
  const byGuess = new Set<number>();
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    try {
      const fields = record.map((field, k) => {
        const role = roles[k];
        if (role === null || role === undefined) return '';
        if (role === 'ticker' || role === 'date') return field;
        if (unshownMark !== undefined && HAS_MARK.test(field)) byGuess.add(k);
        const dollar = dollarNumber(field);
        const number = dollar ?? field;
        if (!needsMarksRead(number, decimal)) return field;
        const plain = plainNumberText(number, decimal);
        if (plain === undefined) throw numberMarksError({ file, line: lines[r], column: header[k] }, field, decimal, basis, number);
        // The `$` kept for FieldText, which reads it and says so once (formats/markedValues.ts).
        return dollar === undefined ? plain : `$${plain}`;
      });
      parser.pushLine(Buffer.from(`${fields.join(separator)}\n`, 'utf8'), lines[r], record);
    } catch (err) {
      // A second header line (two files joined): said as such (rows/repeatedHeader.ts), as the byte scanner says it.
      throw repeatsHeader(record, header) ? repeatedHeaderError(file, lines[r], lines[0]) : err;
    }
  }
  const parsed = parser.finish();
  if (unshownMark === undefined) return { parsed, contentHash, dialect };
  const readByGuess = [...byGuess].sort((a, b) => a - b).map((k) => ({ column: header[k], price: roles[k] !== 'volume' && roles[k] !== 'adjVolume' }));
  return { parsed, contentHash, dialect: { ...dialect, readByGuess } };
}

/**
 * The decimal mark of a file's numbers (formats/fileMark.ts), from the fields breadth reads (not
 * dates, tickers or ignored columns: a Note's 1.5 says nothing of the prices), in file order. A comma-separated file with no quote anywhere cannot hold a comma in a
 * number, so its mark is the point, and nothing is guessed (no `unshown`).
 */
function decideMark(records: readonly (readonly string[])[], lines: readonly number[], roles: readonly (string | null | undefined)[], delimiter: Delimiter, quoted: boolean): FileMark {
  if (delimiter === ',' && !quoted) return { mark: '.' };
  function* numbers(): Generator<NumberAt> {
    for (let r = 1; r < records.length; r++) {
      const record = records[r];
      // Nasdaq.com's "$6,000.00" shows its mark as 6,000.00 does.
      for (let k = 0; k < record.length; k++) if (readsNumber(roles[k])) yield { text: dollarNumber(record[k]) ?? record[k], line: lines[r] };
    }
  }
  return decideFileMark(numbers(), usualMark(delimiter));
}

/** True for a column read as a number: not a date or ticker, nor ignored (role null or undefined). */
const readsNumber = (role: string | null | undefined): boolean => role !== null && role !== undefined && role !== 'ticker' && role !== 'date';
