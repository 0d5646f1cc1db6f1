// csv-parse's refusals as a DataError at the line to fix. csv-parse says where it stopped
// (`lines`): for a quote never closed that is the file's last line (probe r56c F2: line 21 for
// a quote opened on line 4), and for a quoted field that runs over lines, the line it ran to.
// The line to fix is where the quoted field opens: the first quote after `bytes`, the bytes
// csv-parse had read into whole fields before the one it could not read (only a delimiter,
// line ends and blanks lie between).

import { CsvError } from 'csv-parse/sync';
import { DataError } from '../errors.ts';
import { newlinesBefore } from './csvLines.ts';

const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
/** Characters of a line shown in a message. */
const SHOWN = 40;
const QUOTING_FIX = 'end a quoted field with " right before its delimiter or the line\'s end, and write a quote inside it as ""';

/**
 * The DataError for `err`, thrown by csv-parse parsing `text` (the same bytes, or text), whose
 * first line is line `firstLine` of `file`; `readAs` says how the file was read ("read as
 * semicolon-separated", after "cannot parse CSV"), or ''. Each of csv-parse's quoting refusals
 * names the line where the field at fault opens, and says what is wrong with it:
 * - a quote never closed: "a quote opened here is never closed";
 * - a quoted field whose closing quote is followed by text: on one line, the field shown; a
 *   quote that found its closing quote lines later, where that one is followed by text (the quote
 *   opened here was not closed on its line: the usual cause), both lines;
 * - a quote inside an unquoted field: its line.
 * Any other error is said in csv-parse's words at the line it stopped on.
 */
export function csvParseError(file: string, text: string | Buffer, err: unknown, firstLine = 1, readAs = ''): DataError {
  const what = `cannot parse CSV${readAs === '' ? '' : ` ${readAs}`}`;
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const lineAt = (offset: number): number => firstLine + newlinesBefore(bytes, offset);
  // The field csv-parse could not read starts after the bytes it had read into whole fields: its first quote is the one at fault.
  const quote = err instanceof CsvError && typeof err.bytes === 'number' ? bytes.indexOf(QUOTE, err.bytes) : -1;
  if (quote >= 0) {
    const code = (err as CsvError).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      return new DataError(file, lineAt(quote), `${what}: a quote opened here is never closed (its field runs on to the end of the file, line ${lineAt(contentEnd(bytes))})`, QUOTING_FIX);
    }
    if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') {
      const closed = closingQuote(bytes, quote);
      const line = lineAt(quote);
      if (lineAt(closed) === line) return new DataError(file, line, `${what}: the quoted field opened here has text after its closing quote (${lineText(bytes, quote)})`, QUOTING_FIX);
      const next = afterBlanks(bytes, closed + 1);
      const follows = [...bytes.toString('utf8', next, next + 4)][0];
      return new DataError(file, line, `${what}: a quote opened here is never closed on its line (its field runs on to line ${lineAt(closed)}, where a quote is followed by "${follows}")`, QUOTING_FIX);
    }
    if (code === 'INVALID_OPENING_QUOTE') {
      return new DataError(file, lineAt(quote), `${what}: a quote inside an unquoted field`, 'quote the whole field ("…") and write a quote inside it as "", or remove the quote');
    }
  }
  const stopped = (err as { lines?: unknown }).lines;
  return new DataError(file, typeof stopped === 'number' ? stopped + firstLine - 1 : undefined, `${what} (${(err as Error).message})`, `check quoting on this line: ${QUOTING_FIX}`);
}

/** The offset of the last byte that ends no line (a text's last line, less its line end). */
function contentEnd(bytes: Buffer): number {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === NEWLINE || bytes[end - 1] === CR)) end--;
  return Math.max(0, end - 1);
}

/** The quote that closes the quoted field opening at `opened` (a doubled quote "" inside it is one quote of its text), as csv-parse reads it; bytes.length when none. */
function closingQuote(bytes: Buffer, opened: number): number {
  let p = bytes.indexOf(QUOTE, opened + 1);
  while (p >= 0 && bytes[p + 1] === QUOTE) p = bytes.indexOf(QUOTE, p + 2);
  return p < 0 ? bytes.length : p;
}

/** The first offset from `from` that is not a space or a tab. */
function afterBlanks(bytes: Buffer, from: number): number {
  let p = from;
  while (bytes[p] === SPACE || bytes[p] === TAB) p++;
  return p;
}

/** The text of the line from `from` to its end (CR dropped), cut to SHOWN characters. */
function lineText(bytes: Buffer, from: number): string {
  const nl = bytes.indexOf(NEWLINE, from);
  const text = bytes.toString('utf8', from, nl < 0 ? bytes.length : nl).replace(/\r$/, '');
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}
