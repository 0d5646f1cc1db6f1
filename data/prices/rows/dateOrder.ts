// Dates run one way per ticker: ascending, or descending throughout (turned around later, in
// groupRows.ts), and never repeat. Checked on each row as it is read, per ticker id.

import { dateOrderError } from '../../formats/csvTable.ts';

/** Each ticker's last date and line so far, and the direction its dates run. */
export class DateOrder {
  readonly #file: string;
  /** Long files: the tickers by id, named in the error. */
  #tickers: readonly string[] | undefined;
  readonly #lastDay: number[] = [];
  readonly #lastLine: number[] = [];
  /** Per ticker id: +1 ascending, -1 descending, 0 not known yet. */
  readonly direction: number[] = [];

  constructor(file: string) {
    this.#file = file;
  }

  /** A long file's tickers by id (the parser's list, growing), to name them in the error. */
  nameTickers(tickers: readonly string[]): void {
    this.#tickers = tickers;
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
      if (this.direction[id] === 0) this.direction[id] = direction;
      if (direction === 0 || direction !== this.direction[id]) {
        throw dateOrderError(this.#file, line, day, previous, this.#lastLine[id], this.#tickers?.[id], this.direction[id] < 0);
      }
    }
    this.#lastDay[id] = day;
    this.#lastLine[id] = line;
  }
}
