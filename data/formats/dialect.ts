// How a delimited text file is written: its delimiter (comma, semicolon or tab), whether its
// numbers use a decimal comma, and whether it quotes fields. Sniffed from the file's first lines,
// never from its name, so a semicolon-separated export from a European spreadsheet reads like
// any other file.

export type Delimiter = ',' | ';' | '\t';

export interface Dialect {
  readonly delimiter: Delimiter;
  /** Numbers are written 199,52 (only possible when the delimiter is not a comma). */
  readonly decimalComma: boolean;
  /** The sniffed lines hold a double quote: fields may be quoted (RFC 4180). */
  readonly quoted: boolean;
}

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];
const NAMES: Readonly<Record<Delimiter, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export const delimiterName = (d: Delimiter): string => NAMES[d];

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
 * The dialect of a text whose first non-empty line is a header. The delimiter is the candidate
 * that splits the header into the most fields; a decimal comma is read when the delimiter is
 * not a comma and the next lines hold digits written around a comma (e.g. 199,52).
 */
export function sniffDialect(head: string): Dialect {
  const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 6);
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
  const rows = lines.slice(1).join('\n');
  const decimalComma = delimiter !== ',' && /\d,\d/.test(rows);
  return { delimiter, decimalComma, quoted: lines.some((l) => l.includes('"')) };
}

/** "read as semicolon-separated with decimal commas": how a line was split, for error messages. */
export function describeDialect(dialect: Dialect): string {
  return `read as ${NAMES[dialect.delimiter]}-separated${dialect.decimalComma ? ' with decimal commas' : ''}`;
}

/** The header (first non-empty line) of a text's start, split by its sniffed delimiter, quotes removed. */
export function splitHeader(head: string): string[] {
  const { delimiter } = sniffDialect(head);
  const line = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
}
