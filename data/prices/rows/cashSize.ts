// A stated cash distribution (Dividends, divCash, dividend_amount, Capital Gains …) at or above
// the previous close: the price after it would be 0 or less, which no payout leaves. Paid as
// given it multiplies the book (1000 a share on a 194.97 stock); it is a misread amount (cents, a
// total, a decimal mark) or a misprint, so it is refused at its row. Rows come in file order,
// either date direction: the previous close is the row before in date order, so a descending
// ticker's distribution is judged when the next row of the file (its previous session) arrives.
// On a row that states a reverse split the cash is paid per new share, each worth 1 / ratio old
// ones: it is judged against the previous close in new shares (1.2 on a 1:4 ex-date after a close
// of 10 is 3 % of 40, not 1.2×). A forward split's row keeps the old close: whether the split is
// applied, or already in a split-adjusted Close, is known only once the whole file is read, and a
// refusal must be sure.

import { isoDay } from '../../dates.ts';
import { DataError } from '../../errors.ts';
import { roundSplitRatio } from '../corporateActions.ts';

/** A distribution waiting for its previous close (descending rows): its amount, place and wording. */
interface Pending {
  readonly cash: number;
  readonly day: number;
  readonly line: number;
  readonly text: string;
  /** The row's stated reverse split (new shares per old, below 1), else 1. */
  readonly reverse: number;
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
   * One row of ticker `id`: its Close, its cash per share (0: none), for a row with cash `text`:
   * the cash as the file has it (`Dividends 1.000 (… read as 1000 …)`), and the split ratio the row
   * states (new shares per old as printed; 0, 1 or NaN: none).
   * @throws DataError at the distribution's line when it is at least the previous Close (in new shares after a reverse split).
   */
  check(id: number, close: number, cash: number, day: number, line: number, text: string | undefined, split = 1): void {
    const lastDay = this.#day[id];
    const pending = this.#pending[id];
    const ratio = split > 0 && split < 1 ? roundSplitRatio(split) : 1;
    const paid = cash > 0 ? { cash, day, line, text: text ?? String(cash), reverse: ratio < 1 ? ratio : 1 } : undefined;
    if (paid !== undefined && lastDay !== undefined && day > lastDay) this.#judge(paid, this.#close[id], lastDay);
    if (pending !== undefined && day < lastDay) this.#judge(pending, close, day);
    this.#close[id] = close;
    this.#day[id] = day;
    this.#pending[id] = paid;
  }

  #judge(paid: Pending, previousClose: number, previousDay: number): void {
    const inNewShares = previousClose / paid.reverse;
    if (!(paid.cash >= inNewShares)) return;
    const times = Number((paid.cash / inNewShares).toPrecision(2));
    const units = paid.reverse === 1 ? '' : ` in the new shares of that day's split (${previousClose} / ${paid.reverse} = ${Number(inNewShares.toPrecision(6))})`;
    throw new DataError(
      this.#file,
      paid.line,
      `${paid.text} on ${isoDay(paid.day)} is ${times}× the previous ${this.#closeName} ${previousClose} (${isoDay(previousDay)})${units}: a payout that large leaves a price of 0 or less`,
      'correct the amount (cash per share, below the price: not cents or a total) or remove it',
    );
  }
}
