// Line numbers of what csv-parse read, counted from the bytes. csv-parse counts a line at every CR
// and every LF inside a quoted field, so in a CR LF file each line break inside quotes moves every
// later line it reports one further (probe r56c F2: "2024-01-02,"Alpha<CR LF>Inc"" made the next row's
// line 4 read 5); and it reports a record at its last line. Here a record sits on its first line.

const NEWLINE = 0x0a;

/** Line ends (LF) in bytes[0, end). */
export function newlinesBefore(bytes: Buffer, end: number): number {
  return newlinesBetween(bytes, 0, end);
}

/** Line ends (LF) in bytes[from, end). */
function newlinesBetween(bytes: Buffer, from: number, end: number): number {
  let n = 0;
  for (let p = bytes.indexOf(NEWLINE, from); p >= 0 && p < end; p = bytes.indexOf(NEWLINE, p + 1)) n++;
  return n;
}

/**
 * The line (1-based, the bytes' first line being `firstLine`) each record starts on, for csv-parse's
 * records read from `bytes` with `info: true`: `info.bytes` is the offset just past the record's
 * line end (or the text's end), so its last line is the one holding byte info.bytes − 1, and its
 * first that less the line breaks inside its quoted fields. One pass over the bytes.
 */
export function recordStartLines(bytes: Buffer, records: readonly { readonly record: readonly string[]; readonly info: { readonly bytes: number } }[], firstLine = 1): number[] {
  const lines: number[] = [];
  let counted = 0;
  let newlines = 0;
  for (const { record, info } of records) {
    const last = Math.max(counted, info.bytes - 1);
    const between = newlinesBetween(bytes, counted, last);
    newlines += between;
    counted = last;
    // Line breaks since the last record are blank lines before this one or breaks inside its fields: only then are its fields searched.
    lines.push(firstLine + newlines - (between > 0 ? breaksInside(record) : 0));
  }
  return lines;
}

/** Line breaks (LF) inside a record's fields. */
function breaksInside(record: readonly string[]): number {
  let n = 0;
  for (const field of record) for (let p = field.indexOf('\n'); p >= 0; p = field.indexOf('\n', p + 1)) n++;
  return n;
}
