// A date repeated for a ticker (rows/dateOrder.ts DuplicateDateError), said with what the reader
// of the whole text can tell: whether the two rows are the same (delete one) or differ (keep the
// right one: the refusal shows both), and which later rows repeat a date too, so that one pass
// fixes them all. Rows are the file's lines split by its delimiter, as the error numbers them;
// where that does not find the refused date on both lines (a multi-row header reshaped), the
// error is left as it was.

import { DataError } from '../../errors.ts';
import { shownText } from '../../formats/fields.ts';
import type { DuplicateDateError } from './dateOrder.ts';

/** How many later lines are listed by number. */
const LINES_SHOWN = 5;

const ONE_WAY = 'dates must run one way (oldest or newest first), one row per date (per ticker)';

/** `err` said with its two rows compared and the later rows that repeat a date (in `text`, split by `delimiter`). */
export function withDuplicateRows(err: DuplicateDateError, text: string, delimiter: string): DataError {
  const fields = err.fields;
  if (fields === undefined || fields.date < 0) return err;
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const cells = (k: number): string[] => (lines[k - 1] ?? '').split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim());
  const key = (row: string[]): string => (row[fields.date] ?? '') === '' ? '' : `${fields.ticker >= 0 ? row[fields.ticker] : ''}\u0000${row[fields.date]}`;
  const [here, before] = [cells(err.line!), cells(err.previousLine)];
  if (key(here) === '' || key(here) !== key(before)) return err;
  const seen = new Set<string>();
  const later: number[] = [];
  for (let k = 1; k <= lines.length; k++) {
    const rowKey = key(cells(k));
    if (rowKey === '') continue;
    if (k > err.line! && seen.has(rowKey)) later.push(k);
    seen.add(rowKey);
  }
  const more = later.length === 0 ? '' : `; ${later.length} more ${later.length === 1 ? 'row repeats' : 'rows repeat'} a date (line${later.length === 1 ? '' : 's'} ${later.slice(0, LINES_SHOWN).join(', ')}${later.length > LINES_SHOWN ? ', …' : ''})`;
  const likewise = later.length === 0 ? '' : `; keep one row per date at the later line${later.length === 1 ? '' : 's'} too`;
  const same = lines[err.line! - 1].trim() === lines[err.previousLine - 1].trim();
  if (same) return new DataError(err.file, err.line, `${err.problem}, the same row twice${more}`, `${ONE_WAY}: delete the repeated row${likewise}`);
  const shown = (k: number): string => `line ${k}: "${shownText(lines[k - 1].trim())}"`;
  return new DataError(err.file, err.line, `${err.problem} with other values (${shown(err.previousLine)}; ${shown(err.line!)})${more}`, `${ONE_WAY}: keep the row that is right for that date (check it against another source) and delete the other${likewise}`);
}
