// A column of numbers in a delimited file (a FRED rate's value, a returns file's return) read by
// the decimal-mark rules price files follow (numberMarks.ts, fileMark.ts): the first number that
// shows its mark decides it for the whole column; `5,2` in a semicolon- or tab-separated file is
// 5.2, `1.234,5` is 1234.5, `1,0E-02` is 0.01. A plain comma-separated file without quotes cannot
// hold a comma in a number, so its mark is the point.

import { DataError } from '../errors.ts';
import { usualMark, type Dialect } from './dialect.ts';
import { decideFileMark, markBasis, type NumberAt } from './fileMark.ts';
import { needsMarksRead, numberMarksError, plainNumberText } from './numberMarks.ts';

/**
 * Column `column` of `records` (records[0] the header; records[k] on line lines[k]) as plain
 * decimals (`5,2` → `5.2`), row for row from records[1]; a field without a digit (blank, FRED's
 * `.`) stays as written, for the caller to read. Throws a DataError (file:line, the field, the
 * fix) for a number whose marks break the file's rule, and when no number shows the mark while
 * one could be read either way (`1,234`: 1.234 or 1234), rather than guess a factor of 1000.
 */
export function plainColumn(file: string, records: readonly (readonly string[])[], lines: readonly number[], column: number, dialect: Dialect): string[] {
  const header = records[0][column];
  const fields = records.slice(1).map((record) => record[column] ?? '');
  if (dialect.delimiter === ',' && !dialect.quoted) return fields;
  const numbers: NumberAt[] = [];
  fields.forEach((text, k) => /\d/.test(text) && numbers.push({ text, line: lines[k + 1] }));
  const decided = decideFileMark(numbers, usualMark(dialect.delimiter));
  if (decided.shownBy === undefined && decided.unshown !== undefined) {
    const { text, line } = decided.unshown;
    const [whole, part] = text.split(/[.,]/);
    throw new DataError(file, line, `${header} "${text}" may be ${whole}.${part} or ${whole}${part}: no number in the file shows its decimal mark`, `write its decimals so they show the mark (${whole}${text[whole.length]}${part}0), or without a thousands separator`);
  }
  const basis = markBasis(decided);
  return fields.map((text, k) => {
    if (!/\d/.test(text) || !needsMarksRead(text, decided.mark)) return text;
    const plain = plainNumberText(text, decided.mark);
    if (plain === undefined) throw numberMarksError({ file, line: lines[k + 1], column: header }, text, decided.mark, basis);
    return plain;
  });
}
