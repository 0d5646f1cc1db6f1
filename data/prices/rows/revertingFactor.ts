// Close and AdjClose that disagree on one row only. The adjustment factor f = AdjClose / Close
// changes only on an ex-date (corporateActions.ts), and never back the next session: a step
// that the next row undoes is a bad print in one of the two columns. Read as an event, it
// becomes a phantom dividend (a one-day AdjClose spike of ×1.5 is a "33 % dividend") or a pair of
// opposite splits (a Close spike). So it is an error naming the row, before any action is derived.
// A step counts from 0.2 %, or from three times what the printed decimals of the rows' prices can
// move the factor by, whichever is larger (a penny stock's 4-decimal AdjClose wobbles by more),
// and always from 1 %. Decimals are the most either column has shown on the ticker's rows judged
// so far (a price printed 0.2500 parses as 0.25).
// On ../shared/data no factor step above 0.05 % reverts.

import { isoDay } from '../../dates.ts';
import { DataError } from '../../errors.ts';

/** A factor step smaller than this (in log terms, ≈ 0.2 %) is left to the derivation's noise rules … */
const MIN_STEP = Math.log(1.002);
/** … as is one within this many times the prints' rounding, up to MAX_STEP. */
const NOISE_MULTIPLE = 3;
/** A step of this size (≈ 1 %) or more is never rounding. */
const MAX_STEP = Math.log(1.01);
/** The next step undoes the first when it leaves less than this fraction of it. */
const REVERTED = 0.1;

/** A step inside (1/NEAR, NEAR) is below MIN_STEP for sure: no logarithm needed (nearly every row). */
const NEAR = 1.0019;

/** 10^d for the decimals `x` shows, at least `scale` (Infinity past 8 significant digits: no rounding to speak of). */
function printScale(x: number, scale: number): number {
  let scaled = x * scale;
  while (scaled < 1e8 && Math.abs(scaled - Math.round(scaled)) > 1e-7) {
    scale *= 10;
    scaled = x * scale;
  }
  return scaled < 1e8 ? scale : Infinity;
}

/** Per ticker (by the parser's ticker id), the factors of the last two rows with both prices, in file order, and the last row itself. */
export class RevertingFactorCheck {
  readonly #file: string;
  readonly #closeName: string;
  readonly #adjCloseName: string;
  /** Factor AdjClose / Close of the last row and of the row before it. */
  readonly #factor: number[] = [];
  readonly #factorBefore: number[] = [];
  // The last row, for the message when it turns out to be the bad one.
  readonly #close: number[] = [];
  readonly #adjClose: number[] = [];
  readonly #line: number[] = [];
  readonly #day: number[] = [];
  /** 10^(most decimals seen) of each column, updated when a step is judged (printScale). */
  readonly #closeScale: number[] = [];
  readonly #adjScale: number[] = [];

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
    const factor = adjClose / close;
    const before = this.#factorBefore[id];
    const middle = this.#factor[id];
    if (before !== undefined && middle !== undefined) {
      const step = before / middle;
      if (step >= NEAR || step <= 1 / NEAR) {
        const away = Math.log(step);
        const back = Math.log(middle / factor);
        const size = Math.abs(away);
        if (size > MIN_STEP && Math.abs(away + back) < REVERTED * size && (size >= MAX_STEP || size > NOISE_MULTIPLE * this.#noise(id, close, adjClose))) throw this.#error(id, Math.exp(away));
      }
    }
    this.#factorBefore[id] = middle;
    this.#factor[id] = factor;
    this.#close[id] = close;
    this.#adjClose[id] = adjClose;
    this.#line[id] = line;
    this.#day[id] = day;
  }

  /** How far rounding to the printed decimals can move a factor step: half a unit over each price of the middle row and this one (the first row's are like them). */
  #noise(id: number, close: number, adjClose: number): number {
    const closeScale = (this.#closeScale[id] = printScale(close, printScale(this.#close[id], this.#closeScale[id] ?? 1)));
    const adjScale = (this.#adjScale[id] = printScale(adjClose, printScale(this.#adjClose[id], this.#adjScale[id] ?? 1)));
    return (0.5 / closeScale) * (1 / this.#close[id] + 1 / close) + (0.5 / adjScale) * (1 / this.#adjClose[id] + 1 / adjClose);
  }

  /** The error at ticker `id`'s last row (the middle one of the three). */
  #error(id: number, step: number): DataError {
    return new DataError(
      this.#file,
      this.#line[id],
      `${this.#closeName} ${this.#close[id]} and ${this.#adjCloseName} ${this.#adjClose[id]} on ${isoDay(this.#day[id])}: their ratio is ×${Number((1 / step).toPrecision(4))} that of the rows before and after (a bad print in one of them, not a dividend or split)`,
      'correct the price or remove the row',
    );
  }
}
