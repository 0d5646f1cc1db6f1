// A data row that repeats the header: a second header line, as when two exports are joined with
// `cat`. Read as data it would be `Date "Date" is not a valid date`; it is said for what it is.
// Checked only once a row has failed, so rows that read never pay for it.

import { DataError } from '../../errors.ts';
import { normalizeColumnName } from '../../formats/csvTable.ts';

/** True when `fields` name the header's columns, in order (compared as column names are: case, spaces and punctuation aside). */
export function repeatsHeader(fields: readonly string[], header: readonly string[]): boolean {
  return fields.length === header.length && fields.every((field, k) => normalizeColumnName(field) === normalizeColumnName(header[k]));
}

/** The error for line `line` of `file`, a copy of the header on `headerLine`. */
export function repeatedHeaderError(file: string, line: number, headerLine: number): DataError {
  return new DataError(file, line, `a second header line (it repeats line ${headerLine}), as when two files are joined into one`, 'remove this line');
}
