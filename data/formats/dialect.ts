// How a delimited text file is written: its delimiter (comma, semicolon or tab), whether its
// numbers use a decimal comma (formats/numberMarks.ts), and whether it quotes fields. Sniffed from the file's first lines,
// never from its name, so a semicolon-separated export from a European spreadsheet reads like
// any other file.

import { parse } from 'csv-parse/sync';
import { decideFileMark } from './fileMark.ts';
import type { DecimalMark } from './numberMarks.ts';

export type Delimiter = ',' | ';' | '\t';

export interface Dialect {
  readonly delimiter: Delimiter;
  /** Numbers are written 199,52 (or 1.234,5): the decimal mark is a comma. */
  readonly decimalComma: boolean;
  /** The sniffed lines hold a double quote: fields may be quoted (RFC 4180). */
  readonly quoted: boolean;
  /**
   * When no number shows which mark is the decimal one (`1.234` may be 1.234 or 1234), the first
   * such number: the decimal mark is then the delimiter's usual one, which a source note says.
   * Undefined when a number shows it, or none could be read either way.
   */
  readonly unshownMark?: string;
  /**
   * With unshownMark, once the file is read: each column holding a number that guess read (one
   * with a mark), and whether it is a price (any number but a volume: its magnitude is money).
   */
  readonly readByGuess?: readonly GuessedColumn[];
  /**
   * The number that showed the decimal mark when it is not the delimiter's usual one and numbers
   * above it fit either mark (a comma file of "149,863" whose line 5000 holds "144,05"): the
   * whole file is read with it, which a source note says.
   */
  readonly markShownLate?: { readonly text: string; readonly line: number };
}

/** A column whose numbers the decimal-mark guess read; `price`: not a volume. */
export interface GuessedColumn {
  readonly column: string;
  readonly price: boolean;
}

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];
const NAMES: Readonly<Record<Delimiter, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export const delimiterName = (d: Delimiter): string => NAMES[d];

/**
 * The first `count` non-empty lines of `text` (without their CR LF or LF; CR-only text comes as LF
 * from formats/text.ts, as it does to both parse paths, so one splitting serves). Found line by line,
 * not by splitting the whole text: a sniffed head holds some 8 KB, and a folder of 2,000 files is
 * sniffed 2,000 times.
 */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  for (let start = 0; start < text.length && lines.length < count; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end);
    if (line.trim() !== '') lines.push(line);
    start = end + 1;
  }
  return lines;
}

/** Count of `ch` outside double quotes in `line`. */
function countOutsideQuotes(line: string, ch: string): number {
  let inQuotes = false;
  let n = 0;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ch && !inQuotes) n++;
  }
  return n;
}

/**
 * Record ends for csv-parse: both, whichever a row has. csv-parse otherwise keeps the first one it
 * meets, and in a file mixing CR LF and LF rows (hand-edited, or concatenated) the LF rows ran into
 * one record (probe r60b). CR-only files reach the parser as LF (text.ts withLineFeeds).
 */
export const RECORD_ENDS = ['\r\n', '\n'];

/**
 * The decimal mark of the numbers in `rows` split by `delimiter` (formats/fileMark.ts): the first
 * that shows one; when none does, a comma in semicolon-separated files (spreadsheets write
 * semicolons where the comma is the decimal mark), else a point, with the first number either
 * mark could read as unshownMark.
 */
function sniffDecimalMark(rows: string, delimiter: Delimiter): { mark: DecimalMark; unshownMark?: string } {
  let records: string[][] = [];
  try {
    records = parse(rows, { delimiter, record_delimiter: RECORD_ENDS, relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
  } catch {
    // A broken quote in the head: the general path's parser says where.
  }
  const numbers = records.flatMap((record, r) => record.map((text) => ({ text, line: r + 2 })));
  const { mark, shownBy, unshown } = decideFileMark(numbers, usualMark(delimiter));
  return shownBy !== undefined ? { mark } : { mark, unshownMark: unshown?.text };
}

/** The decimal mark a delimiter's files usually use: ',' beside semicolons (spreadsheets), else '.'. */
export const usualMark = (delimiter: Delimiter): DecimalMark => (delimiter === ';' ? ',' : '.');

/**
 * The dialect of a text whose first non-empty line is a header. The delimiter is the candidate
 * that splits the header into the most fields. Plain comma-separated lines cannot hold a comma
 * inside a number, so their decimal mark is the point; any other file's is read from its numbers.
 */
export function sniffDialect(head: string): Dialect {
  const lines = firstLines(head, 6);
  const header = lines[0] ?? '';
  let delimiter: Delimiter = ',';
  let best = 0;
  for (const d of DELIMITERS) {
    const n = countOutsideQuotes(header, d);
    if (n > best) {
      best = n;
      delimiter = d;
    }
  }
  const quoted = lines.some((l) => l.includes('"'));
  if (delimiter === ',' && !quoted) return { delimiter, decimalComma: false, quoted };
  const { mark, unshownMark } = sniffDecimalMark(lines.slice(1).join('\n'), delimiter);
  return { delimiter, decimalComma: mark === ',', quoted, unshownMark };
}

/** "read as semicolon-separated with decimal commas": how a line was split, for error messages. */
export function describeDialect(dialect: Dialect): string {
  return `read as ${NAMES[dialect.delimiter]}-separated${dialect.decimalComma ? ' with decimal commas' : ''}`;
}

/** The header (first non-empty line) of a text's start, split by its sniffed delimiter, quotes removed. */
export function splitHeader(head: string): string[] {
  const { delimiter } = sniffDialect(head);
  const line = firstLines(head, 1)[0] ?? '';
  return line.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}
