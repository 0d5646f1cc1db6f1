// How a row's cells written with marks were read, for a refusal that shows them as the file has
// them: `Low 191,300` beside a Close of 194.97 looks false until the file's decimal mark is said
// ("." as another line's number shows, so the comma groups thousands: 191300). The general path
// (../priceReader.ts) decides the mark from the whole file (formats/fileMark.ts) and hands it here.

import type { DecimalMark } from '../../formats/numberMarks.ts';

/** A file's decimal mark and where it came from (formats/fileMark.ts markBasis: `as line 9's "194.97" shows`, or a guess). */
export interface MarkRead {
  readonly mark: DecimalMark;
  readonly basis: string;
}

/** One cell of a row: its column's name, its text as the file has it, and the number read from it. */
export interface ReadCell {
  readonly name: string;
  readonly text: string;
  readonly value: number;
}

/**
 * ` (Low 191,300 read as 191300: the file's decimal mark is ".", as line 9's "194.97" shows)` for
 * the cells holding the mark that is not the file's decimal one, read as a thousands separator (a
 * comma in a decimal-point file, a point in a decimal-comma one: 150,5 in the latter reads as it
 * looks); '' when none does, or the file was read without marks (`read` undefined).
 */
export function marksReadClause(cells: readonly ReadCell[], read: MarkRead | undefined): string {
  if (read === undefined) return '';
  const grouping = read.mark === '.' ? ',' : '.';
  const marked = cells.filter((c) => c.text.includes(grouping));
  if (marked.length === 0) return '';
  return ` (${marked.map((c) => `${c.name} ${c.text} read as ${c.value}`).join(', ')}: the file's decimal mark is "${read.mark}", ${read.basis})`;
}
