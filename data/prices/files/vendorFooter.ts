// Lines a vendor or a browser writes after the data rows, cut off before the rows are read:
//   - Barchart's daily downloads end with a one-field line, `"Downloaded from Barchart.com as of
//     01-12-2024 05:00pm CST"`, below prices dated month/day/year (01/11/2024), as Barchart always
//     writes them: the footer also settles the order of dates that never show it themselves;
//   - other vendors' footers: a line of text after the last data row ("Data provided by Nasdaq
//     Data Link. All rights reserved.", Refinitiv's "Data provided by Refinitiv", Investing.com's
//     "Highest: 120 Lowest: 98 …", the note under Yahoo's web table), skipped with a note. Only
//     lines after the last data row that cannot be one are cut: one field of text (quoted, or
//     followed by empty fields alone), with letters, that is no date — a row of values is never
//     cut, and a text line above a data row is refused at its line as before;
//   - a DOS end-of-file mark (Ctrl-Z, 0x1A) at the very end, dropped without a note.

import { sniffDialect } from '../../formats/dialect.ts';
import { parseDateText, shownText } from '../../formats/fields.ts';

/** The last non-empty line, when it is Barchart's footer (quoted or not). */
const BARCHART_FOOTER = /(?:^|\n)[ \t]*"?Downloaded from Barchart\.com[^\n]*\s*$/i;
/** Bytes searched at the end of a file for the footer. */
const TAIL_BYTES = 512;
/** Bytes searched at the end of a file for other footer lines. */
const FOOTER_TAIL_BYTES = 4096;
const CTRL_Z = 0x1a;

export interface Footer {
  /** Bytes before the footer line. */
  readonly end: number;
  /** For the source notes (none for a bare end-of-file mark). */
  readonly note?: string;
  /** True for Barchart's footer: the dates are month/day/year. */
  readonly monthFirst: boolean;
}

/** Barchart's footer at the end of `bytes`, if any. */
function barchartFooter(bytes: Buffer): Footer | undefined {
  const from = Math.max(0, bytes.length - TAIL_BYTES);
  const m = BARCHART_FOOTER.exec(bytes.toString('latin1', from));
  if (!m) return undefined;
  const end = from + m.index + (m[0].startsWith('\n') ? 1 : 0);
  return { end, monthFirst: true, note: "Barchart's footer line (\"Downloaded from Barchart.com…\") skipped; its dates are month/day/year, as Barchart writes them" };
}

/**
 * A footer at the end of `bytes`: Barchart's, or lines of text after the last data row, or a
 * trailing Ctrl-Z; `end` is where the data stops. Undefined when the file ends with a data row
 * (or blank lines after one).
 */
export function vendorFooter(bytes: Buffer): Footer | undefined {
  let end = bytes.length;
  // A DOS end-of-file mark, with any white space around it.
  for (let q = end - 1; q >= 0 && (bytes[q] === CTRL_Z || bytes[q] <= 0x20); q--) if (bytes[q] === CTRL_Z) end = q;
  const data = end < bytes.length ? bytes.subarray(0, end) : bytes;
  const barchart = barchartFooter(data);
  if (barchart) return barchart;
  const text = trailingText(data, end);
  return text ?? (end < bytes.length ? { end, monthFirst: false } : undefined);
}

/** Lines of text after the last data row of `bytes` (ending at `end`), as a Footer. */
function trailingText(bytes: Buffer, end: number): Footer | undefined {
  const from = Math.max(0, end - FOOTER_TAIL_BYTES);
  const tail = bytes.toString('latin1', from, end);
  const head = bytes.toString('latin1', 0, Math.min(end, 8192));
  const headerLine = head.split('\n', 1)[0];
  const { delimiter } = sniffDialect(head);
  if (!headerLine.includes(delimiter)) return undefined; // one column: any line may be a row
  const lines = tail.split('\n');
  const footer: string[] = [];
  let cut = -1;
  let offset = tail.length;
  // From the last line up: blank lines and footer lines, until a line that may be a row.
  for (let k = lines.length - 1; k >= 1; k--) {
    offset -= lines[k].length + (k < lines.length - 1 ? 1 : 0);
    const line = lines[k].replace(/\r$/, '');
    if (line.split(delimiter).every((field) => field.trim() === '')) continue;
    const shown = footerText(line, delimiter);
    if (shown === undefined) break;
    footer.unshift(shown);
    cut = offset;
  }
  if (cut < 0) return undefined;
  const said = footer.length === 1 ? `a footer line after the data skipped ("${shownText(footer[0])}")` : `${footer.length} footer lines after the data skipped (the first "${shownText(footer[0])}")`;
  return { end: from + cut, monthFirst: false, note: `${said}: text, not a row of prices` };
}

/**
 * The text of a footer line: one field (quoted, or unquoted without `delimiter`), then empty
 * fields only, holding letters and no date; undefined for a line that may be a data row.
 */
function footerText(line: string, delimiter: string): string | undefined {
  const trimmed = line.trim();
  const quoted = /^"((?:[^"]|"")*)"\s*(.*)$/.exec(trimmed);
  const first = trimmed.split(delimiter, 1)[0];
  const [field, rest] = quoted ? [quoted[1].replace(/""/g, '"'), quoted[2]] : [first, trimmed.slice(first.length)];
  if (rest.split(delimiter).some((f) => f.trim() !== '')) return undefined;
  const text = field.trim();
  if (!/[A-Za-z]{2}/.test(text) || !Number.isNaN(parseDateText(text))) return undefined;
  return text;
}
