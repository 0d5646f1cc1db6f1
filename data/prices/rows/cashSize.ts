// A stated cash distribution (Dividends, divCash, dividend_amount, Capital Gains …) at or above
// the previous close: the price after it would be 0 or less, which no payout leaves. Paid as
// given it multiplies the book (1000 a share on a 194.97 stock); it is a misread amount (cents, a
// total, a decimal mark) or a misprint, so it is refused at its row. Rows come in file order,
// either date direction: the previous close is the row before in date order, so a descending
// ticker's distribution is judged when the next row of the file (its previous session) arrives.
// On a row that states a split the cash is paid per share of that day: in new shares where the
// split is applied, each worth 1 / ratio old ones (1.2 on a 1:4 ex-date after a close of 10 is 3 %
// of 40, not 1.2×; 60 on a 2:1 ex-date after 100 is 1.2× of 50), in the old ones where the split
// is already in Close and is not applied (45 after 40 on a "1:4" row whose Close stays at 40: 1.1×,
// refused — probe r47a). Which, the row's own Close tells, as the loader later judges it
// (priceSeries.ts): nearer (in log terms) the previous close times the split's move than the
// previous close itself.

import { isoDay } from '../../dates.ts';
import { DataError } from '../../errors.ts';
import { roundSplitRatio } from '../series/corporateActions.ts';

/** A distribution waiting for its previous close (descending rows): its amount, place and wording. */
interface Pending {
  readonly cash: number;
  readonly day: number;
  readonly line: number;
  readonly text: string;
  /** The row's own Close, and the split it states (new shares per old), else 1. */
  readonly close: number;
  readonly split: number;
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
   * states (new shares per old; 0, 1 or NaN: none).
   * @throws DataError at the distribution's line when it is at least the previous Close (in new shares where the row's Close shows its split).
   */
  check(id: number, close: number, cash: number, day: number, line: number, text: string | undefined, split = 1): void {
    const lastDay = this.#day[id];
    const pending = this.#pending[id];
    const ratio = split > 0 && split !== 1 && Number.isFinite(split) ? roundSplitRatio(split) : 1;
    const paid = cash > 0 ? { cash, day, line, text: text ?? String(cash), close, split: ratio } : undefined;
    if (paid !== undefined && lastDay !== undefined && day > lastDay) this.#judge(paid, this.#close[id], lastDay);
    if (pending !== undefined && day < lastDay) this.#judge(pending, close, day);
    this.#close[id] = close;
    this.#day[id] = day;
    this.#pending[id] = paid;
  }

  #judge(paid: Pending, previousClose: number, previousDay: number): void {
    // The split shows in the row's Close (applied): the previous close in that day's shares.
    const applied = paid.split !== 1 && Math.abs(Math.log((paid.close * paid.split) / previousClose)) < Math.abs(Math.log(paid.close / previousClose));
    const basis = applied ? previousClose / paid.split : previousClose;
    if (!(paid.cash >= basis)) return;
    const times = Number((paid.cash / basis).toPrecision(2));
    const units = applied ? ` in the new shares of that day's split (${previousClose} / ${paid.split} = ${Number(basis.toPrecision(6))})` : '';
    throw new DataError(
      this.#file,
      paid.line,
      `${paid.text} on ${isoDay(paid.day)} is ${times}× the previous ${this.#closeName} ${previousClose} (${isoDay(previousDay)})${units}: a payout that large leaves a price of 0 or less`,
      'correct the amount (cash per share, below the price: not cents or a total) or remove it',
    );
  }
}
