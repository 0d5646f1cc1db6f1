// A file's decimal mark, decided from every number in it (not only a sniffed head): the first
// number that shows a mark (numberMarks.ts decimalMarkOf) settles it for the whole file, rows
// above it included; when none shows one, the mark is the delimiter's usual one, a guess that
// the run's caveats carry (prices/files/priceFolder.ts guessedMarkNote).

import { decimalMarkOf, type DecimalMark } from './numberMarks.ts';

/** A number's text and the 1-based line it is on. */
export interface NumberAt {
  readonly text: string;
  readonly line: number;
}

export interface FileMark {
  readonly mark: DecimalMark;
  /** The first number that shows the mark; undefined when none does (`mark` is then a guess). */
  readonly shownBy?: NumberAt;
  /** The first number either mark could read (`1,234`, `575.325`) before shownBy, or anywhere when nothing shows the mark. */
  readonly unshown?: NumberAt;
}

/** A number with one mark and three digits after it (`1.234`, `575,325`): either mark could be the decimal one. */
const showsNoMark = (text: string): boolean => /^[+-]?\d{1,3}[.,]\d{3}$/.test(text);

/**
 * The decimal mark of a file's numbers, read in file order; `usual`: the guess when none shows
 * it (',' in semicolon-separated files, as spreadsheets write them, else '.'). Stops at the first
 * number that shows a mark.
 */
export function decideFileMark(numbers: Iterable<NumberAt>, usual: DecimalMark): FileMark {
  let unshown: NumberAt | undefined;
  for (const n of numbers) {
    const mark = decimalMarkOf(n.text);
    if (mark !== undefined) return { mark, shownBy: n, unshown };
    if (unshown === undefined && showsNoMark(n.text)) unshown = n;
  }
  return { mark: usual, unshown };
}

/** Where a file's mark came from, for a refusal: `as line 5000's "144,05" shows` or a guess. */
export function markBasis(decided: FileMark): string {
  return decided.shownBy !== undefined
    ? `as line ${decided.shownBy.line}'s "${decided.shownBy.text}" shows`
    : 'a guess: no number in the file shows its decimal mark';
}
