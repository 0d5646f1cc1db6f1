// Dates run one way per ticker: ascending, or descending throughout (turned around later, in
// groupRows.ts), and never repeat. Checked on each row as it is read, per ticker id.

import { isoDay } from '../../dates.ts';
import { DataError } from '../../errors.ts';
import { dateOrderError } from '../../formats/csvTable.ts';

/**
 * A date repeated for a ticker: the line of its first row (`previousLine`) and, where the parser
 * set them, the positions of the date and ticker fields, for the reader with the whole text to
 * say whether the rows are the same and which later rows repeat a date (rows/duplicateDates.ts).
 */
export class DuplicateDateError extends DataError {
  readonly previousLine: number;
  readonly fields: DateFields | undefined;

  constructor(err: DataError, previousLine: number, fields: DateFields | undefined) {
    super(err.file, err.line, err.problem, err.fix);
    this.previousLine = previousLine;
    this.fields = fields;
  }
}

/** Positions in a row of the date field and of the ticker field (-1 in a per-symbol file). */
export interface DateFields {
  readonly date: number;
  readonly ticker: number;
}

/** Each ticker's last date and line so far, and the direction its dates run. */
export class DateOrder {
  readonly #file: string;
  #fields: DateFields | undefined;
  /** Long files: the tickers by id, named in the error. */
  #tickers: readonly string[] | undefined;
  readonly #lastDay: number[] = [];
  readonly #lastLine: number[] = [];
  /** The ticker's first date and line, and the line of its second: the pair that set its direction. */
  readonly #firstDay: number[] = [];
  readonly #firstLine: number[] = [];
  readonly #secondLine: number[] = [];
  /** Per ticker id: +1 ascending, -1 descending, 0 not known yet. */
  readonly direction: number[] = [];

  constructor(file: string) {
    this.#file = file;
  }

  /** A long file's tickers by id (the parser's list, growing), to name them in the error. */
  nameTickers(tickers: readonly string[]): void {
    this.#tickers = tickers;
  }

  /** Where the date and ticker fields sit in a row, for a duplicate's refusal. */
  setFields(fields: DateFields): void {
    this.#fields = fields;
  }

  /** A new ticker id. */
  add(): void {
    this.direction.push(0);
  }

  /** Whether ticker `id` has a date accepted (a row with a price, or events). */
  hasDays(id: number): boolean {
    return this.#lastDay[id] !== undefined;
  }

  /** Accepts `day` on `line` for ticker `id`, or throws. */
  accept(id: number, day: number, line: number): void {
    const previous = this.#lastDay[id];
    if (previous !== undefined) {
      const direction = day > previous ? 1 : day < previous ? -1 : 0;
      if (this.direction[id] === 0) {
        this.direction[id] = direction;
        this.#secondLine[id] = line;
      }
      if (direction === 0 || direction !== this.direction[id]) {
        // The direction came from the first pair alone: which row is out of place cannot be told — say all three (probe r35b: lines 2 and 3 swapped blamed line 4).
        if (direction !== 0 && this.#lastLine[id] === this.#secondLine[id]) throw threeRowsError(this.#file, [this.#firstDay[id], previous, day], [this.#firstLine[id], this.#lastLine[id], line], this.#tickers?.[id]);
        const err = dateOrderError(this.#file, line, day, previous, this.#lastLine[id], this.#tickers?.[id], this.direction[id] < 0);
        throw direction === 0 ? new DuplicateDateError(err, this.#lastLine[id], this.#fields) : err;
      }
    } else {
      this.#firstDay[id] = day;
      this.#firstLine[id] = line;
    }
    this.#lastDay[id] = day;
    this.#lastLine[id] = line;
  }
}

/** A ticker's first three dates run both ways: one of the first two rows is out of place, or the direction is the other one. */
function threeRowsError(file: string, days: readonly number[], lines: readonly number[], ticker: string | undefined): DataError {
  const shown = days.map((d, k) => `${isoDay(d)} (line ${lines[k]})`).join(', ');
  return new DataError(file, lines[1], `the first dates${ticker === undefined ? '' : ` for ${ticker}`} run both ways: ${shown}`, 'dates must run one way (oldest or newest first), one row per date (per ticker); sort the file and drop duplicates');
}

