// Close and AdjClose that disagree on one row only. The adjustment factor f = AdjClose / Close
// changes only on an ex-date (corporateActions.ts), and never back the next session: a step
// that the next row undoes is a bad print in one of the two columns. Read as an event, it
// becomes a phantom dividend (a one-day AdjClose spike of ×1.5 is a "33 % dividend") or a pair of
// opposite splits (a Close spike). So it is an error naming the row, before any action is derived.
// On ../shared/data no factor step above 0.5 % reverts.

import { isoDay } from '../dates.ts';
import { DataError } from '../errors.ts';

/** A factor step smaller than this (in log terms, ≈ 1 %) is left to the derivation's noise rules. */
const MIN_STEP = Math.log(1.01);
/** The next step undoes the first when it leaves less than this fraction of it. */
const REVERTED = 0.1;

interface Row {
  close: number;
  adjClose: number;
  line: number;
  day: number;
}

/** Per ticker (by the parser's ticker id), the last two rows with both prices, in file order. */
export class RevertingFactorCheck {
  readonly #file: string;
  readonly #closeName: string;
  readonly #adjCloseName: string;
  readonly #last: (Row | undefined)[] = [];
  readonly #beforeLast: (Row | undefined)[] = [];

  constructor(file: string, closeName: string, adjCloseName: string) {
    this.#file = file;
    this.#closeName = closeName;
    this.#adjCloseName = adjCloseName;
  }

  /**
   * One row of ticker `id` (rows in file order, either date direction). Rows without both
   * prices are skipped.
   * @throws DataError at the middle row of three whose factor steps away by more than 1 % and back.
   */
  check(id: number, close: number, adjClose: number, line: number, day: number): void {
    if (!(close > 0 && adjClose > 0)) return;
    const before = this.#beforeLast[id];
    const middle = this.#last[id];
    if (before !== undefined && middle !== undefined) {
      const away = Math.log((before.adjClose / before.close) / (middle.adjClose / middle.close));
      const back = Math.log((middle.adjClose / middle.close) / (adjClose / close));
      if (Math.abs(away) > MIN_STEP && Math.abs(away + back) < REVERTED * Math.abs(away)) throw this.#error(middle, Math.exp(away));
    }
    this.#beforeLast[id] = middle;
    this.#last[id] = { close, adjClose, line, day };
  }

  #error(row: Row, step: number): DataError {
    return new DataError(
      this.#file,
      row.line,
      `${this.#closeName} ${row.close} and ${this.#adjCloseName} ${row.adjClose} on ${isoDay(row.day)}: their ratio is ×${Number((1 / step).toPrecision(4))} that of the rows before and after (a bad print in one of them, not a dividend or split)`,
      'correct the price or remove the row',
    );
  }
}
