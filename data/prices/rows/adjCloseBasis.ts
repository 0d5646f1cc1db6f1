// Open/High/Low beside an Adj Close in a file with no Close (barCheck.ts 'besideAdjClose'), with the
// close outside [Low, High]. On one row that is a bad bar, as anywhere. On more rows it is most
// likely traded Open/High/Low beside an adjusted close: going back in time, dividends and splits
// put Adj Close below the traded Low on row after row. So it is judged on the whole file: every row
// is read, the rows off are counted, and the error, raised at the end, names the first of them —
// one row off: correct the bar or remove the row; two or more: put the columns on one basis (or,
// if they are on one, correct those rows). A problem of another kind further down is reported first.

import { DataError } from '../../errors.ts';

/** How the error words the first row off, in the header's own names. */
export interface BasisWording {
  /** e.g. "Adj Close 150 is above High 101 on 2024-01-04". */
  readonly problem: string;
  /** e.g. "Adj Close is outside [Low, High]". */
  readonly outside: string;
  /** The fix for one bad bar (barCheck.ts barFix). */
  readonly barFix: string;
  /** The fix for columns on two bases, e.g. "High/Low must be on Adj Close's basis: add the raw Close column, or remove High/Low". */
  readonly basisFix: string;
}

/** The rows of one file whose Adj Close lies outside Open/High/Low's [Low, High]. */
export class AdjCloseBasisCheck {
  #first: { readonly line: number; readonly wording: BasisWording } | undefined;
  #rowsOff = 0;

  /** Counts one row off, on `line`; `wording` is called for the first only. */
  add(line: number, wording: () => BasisWording): void {
    this.#rowsOff++;
    this.#first ??= { line, wording: wording() };
  }

  /** The error for the rows off (undefined when none is); `rows`: the file's rows read. */
  error(file: string, rows: number): DataError | undefined {
    if (this.#first === undefined) return undefined;
    const { line, wording } = this.#first;
    if (this.#rowsOff === 1) return new DataError(file, line, `${wording.problem} (the only row of ${rows} where ${wording.outside})`, wording.barFix);
    return new DataError(file, line, `${wording.problem} (${wording.outside} on ${this.#rowsOff} of ${rows} rows)`, `${wording.basisFix} (if they are on its basis, correct those rows)`);
  }
}
