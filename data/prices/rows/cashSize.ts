// A stated cash distribution (Dividends, divCash, dividend_amount, Capital Gains …) at or above
// the previous close: the price after it would be 0 or less, which no payout leaves. Paid as
// given it multiplies the book (1000 a share on a 194.97 stock); it is a misread amount (cents, a
// total, a decimal mark) or a misprint, so it is refused at its row. Rows come in file order,
// either date direction: the previous close is the row before in date order, so a descending
// ticker's distribution is judged when the next row of the file (its previous session) arrives.

import { isoDay } from '../../dates.ts';
import { DataError } from '../../errors.ts';

/** A distribution waiting for its previous close (descending rows): its amount, place and wording. */
interface Pending {
  readonly cash: number;
  readonly day: number;
  readonly line: number;
  readonly text: string;
}

export class CashSizeCheck {
  readonly #file: string;
  readonly #closeName: string;
  /** Per ticker id: the last row's Close and day, and its distribution when it had one. */
  readonly #close: number[] = [];
  readonly #day: number[] = [];
  readonly #pending: (Pending | undefined)[] = [];

  constructor(file: string, closeName: string) {
    this.#file = file;
    this.#closeName = closeName;
  }

  /**
   * One row of ticker `id`: its Close, its cash per share (0: none) and, for a row with cash,
   * `text`: the cash as the file has it (`Dividends 1.000 (… read as 1000 …)`).
   * @throws DataError at the distribution's line when it is at least the previous Close.
   */
  check(id: number, close: number, cash: number, day: number, line: number, text: string | undefined): void {
    const lastDay = this.#day[id];
    const pending = this.#pending[id];
    const paid = cash > 0 ? { cash, day, line, text: text ?? String(cash) } : undefined;
    if (paid !== undefined && lastDay !== undefined && day > lastDay) this.#judge(paid, this.#close[id], lastDay);
    if (pending !== undefined && day < lastDay) this.#judge(pending, close, day);
    this.#close[id] = close;
    this.#day[id] = day;
    this.#pending[id] = paid;
  }

  #judge(paid: Pending, previousClose: number, previousDay: number): void {
    if (!(paid.cash >= previousClose)) return;
    const times = Number((paid.cash / previousClose).toPrecision(2));
    throw new DataError(
      this.#file,
      paid.line,
      `${paid.text} on ${isoDay(paid.day)} is ${times}× the previous ${this.#closeName} ${previousClose} (${isoDay(previousDay)}): a payout that large leaves a price of 0 or less`,
      'correct the amount (cash per share, below the price: not cents or a total) or remove it',
    );
  }
}
