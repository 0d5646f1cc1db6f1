// Missing-value markers in a price file (null, None, NaN, N/A, NA, -, #N/A, Bloomberg's #N/A N/A:
// formats/fields.ts isMissingMarker). In a Volume or an event column one is read as the empty cell it stands for
// (a Volume: unknown that day), said in a note. In a price column it is refused: a row with no
// price at all (Yahoo's null row for a day without trading) is to be removed; a price missing
// beside others to be filled in. The refusal counts the later rows holding the marker when the
// reader has the whole text (withLaterRows), so several such rows are fixed in one pass.

import { DataError } from '../../errors.ts';
import { isMissingMarker, parseNumber } from '../../formats/fields.ts';
import { ADJ_CLOSE, PRICE } from './fieldKinds.ts';

/** A price column's missing-value marker on a row: refused; `marker` is the cell's text, `field` its position in the row. */
export class MissingValueError extends DataError {
  readonly marker: string;
  readonly field: number;

  constructor(file: string, line: number, problem: string, fix: string, marker: string, field: number) {
    super(file, line, problem, fix);
    this.marker = marker;
    this.field = field;
  }
}

/** The row's cells (split by `separator`) and the kinds of its columns, with the names of the columns. */
export interface MarkedRow {
  readonly file: string;
  readonly line: number;
  readonly cells: readonly string[];
  readonly kinds: readonly number[];
  readonly columnNames: readonly string[];
}

/**
 * The refusal of `marker` in price column `k` of `row`: no price at all on the row ("remove the
 * row"), or one price missing beside a present one (naming it), with `absent`: how the column may
 * be left out instead (" (or leave Open empty on every row when it is not known)").
 */
export function missingPriceError(row: MarkedRow, k: number, absent: string): MissingValueError {
  const marker = row.cells[k];
  const column = row.columnNames[k];
  const priced = row.cells.findIndex((cell, j) => (row.kinds[j] === PRICE || row.kinds[j] === ADJ_CLOSE) && parseNumber(cell) > 0);
  if (priced < 0) {
    return new MissingValueError(row.file, row.line, `no price on this row (${column} is "${marker}", a missing-value marker, and no other price is given: as Yahoo writes a day without trading)`, 'remove the row', marker, k);
  }
  return new MissingValueError(row.file, row.line, `${column} is "${marker}", a missing-value marker, where ${row.columnNames[priced]} has a price`, `fill in ${column} or remove the row${absent}`, marker, k);
}

/** How many rows after the refused one show the marker to list by line. */
const LINES_SHOWN = 5;

/**
 * `err` with the rows after its line whose refused column holds its marker, in any case (in
 * `text`, the file's decoded text split by `delimiter`, lines as the error counts them): "…; 2
 * more rows hold "null" (lines 7, 10)", and the fix applies to them too. A Volume's marker on
 * another row (read as an empty cell) is not one of them.
 */
export function withLaterRows(err: MissingValueError, text: string, delimiter: string): DataError {
  const marker = err.marker.toLowerCase();
  const later: number[] = [];
  text.split('\n').forEach((line, k) => {
    if (k + 1 > err.line! && cellText(line.split(delimiter)[err.field]) === marker) later.push(k + 1);
  });
  if (later.length === 0) return err;
  const shown = later.slice(0, LINES_SHOWN).join(', ') + (later.length > LINES_SHOWN ? ', …' : '');
  const rows = later.length === 1 ? 'row holds' : 'rows hold';
  return new DataError(err.file, err.line, `${err.problem}; ${later.length} more ${rows} "${err.marker}" (line${later.length === 1 ? '' : 's'} ${shown})`, `${err.fix}, and likewise on ${later.length === 1 ? 'that row' : 'those rows'}`);
}

/** A cell as compared with a marker: unquoted, trimmed, lower case ('' for a row without it). */
const cellText = (cell: string | undefined): string => (cell ?? '').trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase();

const HASH = 0x23;

/** `isMissingMarker` for a row scanner's field: bytes [start, end) (a marker is 4 bytes at most, or `#N/A` with a reason). */
export function isMissingMarkerBytes(bytes: Buffer, start: number, end: number): boolean {
  return (end - start <= 4 || bytes[start] === HASH) && isMissingMarker(bytes.toString('latin1', start, end));
}
