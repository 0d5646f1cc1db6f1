// One spelling per symbol: symbols are case-sensitive, so two spellings of one ticker in a file
// (AAPL and aapl) would load as two symbols; the second is refused, naming the line of the first.

import { DataError } from '../../errors.ts';

/** The tickers of one file by lower-case spelling. */
export class TickerSpelling {
  /** Ticker ids by lower-case spelling, and each id's first line. */
  readonly #byCase = new Map<string, number>();
  readonly #firstLineOf: number[] = [];

  /** Notes ticker `id`, first seen on `line`; throws when an earlier ticker (in `tickers`) is it in another case. */
  add(file: string, line: number, ticker: string, id: number, tickers: readonly string[]): void {
    const key = ticker.toLowerCase();
    const other = this.#byCase.get(key);
    this.#firstLineOf[id] = line;
    if (other === undefined) {
      this.#byCase.set(key, id);
      return;
    }
    const first = tickers[other];
    throw new DataError(file, line, `ticker "${ticker}" is "${first}" (line ${this.#firstLineOf[other]}) in another case; symbols are case-sensitive, so they would load as two symbols`, `write one spelling of the symbol on every row (e.g. ${first.toUpperCase()})`);
  }
}
