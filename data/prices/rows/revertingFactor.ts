// Close and AdjClose that disagree for a few rows. The adjustment factor f = AdjClose / Close
// changes only on an ex-date (corporateActions.ts), and never back: a step that the next row
// undoes, or a step smaller than a split's that a later row within MAX_ROWS undoes — the factor
// back where it stood, up to a split's round ratio taken on the way back (a misprint the day
// before a 2:1 split; not when that row's own step is a clean split: then the earlier step was a
// real event) — is a bad print in one of the two columns; so is a rise that a fall of up to 5 %
// (which no event makes) follows within MAX_ROWS. Read as events, they become phantom dividends
// (a one-day AdjClose spike of ×1.5 is a "33 % dividend"; a Close 0.5 % low for two rows a 0.5 %
// one) or pairs of opposite splits (a Close spike). So each is an error naming the first bad row,
// before any action is derived.
// A step counts from 0.2 % and beyond three times what the printed decimals of the rows' prices
// can move the factor by (a price of 0.47 printed to the cent moves it by up to 2 %). Decimals are
// the most either column has shown on the ticker's rows judged so far (a price printed 0.2500
// parses as 0.25). On ../shared/data no factor step above 0.05 % reverts.

import { isoDay } from '../../dates.ts';
import { DataError } from '../../errors.ts';
import { isRoundSplitRatio, nearestSplitRatio, RATIO_TOLERANCE, SPLIT_UP } from '../series/corporateActions.ts';
import { printScale } from '../series/factorNoise.ts';

/** A factor step smaller than this (in log terms, ≈ 0.2 %) is left to the derivation's noise rules … */
const MIN_STEP = Math.log(1.002);
/** … as is one within this many times the prints' rounding. */
const NOISE_MULTIPLE = 3;
/** A return to the factor before a step undoes it when it leaves less than this fraction of it. */
const REVERTED = 0.1;
/** A step is undone within this many rows after it (a misprint copied down a few rows), or it stands. */
const MAX_ROWS = 5;
/** A fall of the factor up to this (≈ 5 %) is read as no event's: a misprint's size; a larger one may be a reverse split with a dividend on its ex-date (4:5 and 2 %: ×0.8163). */
const MAX_FALL = Math.log(1.05);
/** A return this large (in log terms) is read with the round split ratio nearest it taken out (corporateActions.ts's smallest split step, less its 0.2 % tolerance). */
const SPLIT_STEP = Math.log(SPLIT_UP / (1 + RATIO_TOLERANCE));

/** A step inside (1/NEAR, NEAR) is below MIN_STEP for sure: no logarithm needed (nearly every row). */
const NEAR = 1.0019;

/** The row a factor step happened on, the factor before and after it, and rows seen since. */
interface Step {
  readonly from: number;
  readonly to: number;
  readonly close: number;
  readonly adjClose: number;
  readonly line: number;
  readonly day: number;
  /** The factor rose in date order (a dividend's or a split's way) … */
  readonly rise: boolean;
  /** … or fell by less than MAX_FALL, which no event does. */
  readonly fall: boolean;
  rows: number;
}

/** Per ticker (by the parser's ticker id): the last row's prices, factor and day, and the factor steps of the last MAX_ROWS rows. */
export class RevertingFactorCheck {
  readonly #file: string;
  readonly #closeName: string;
  readonly #adjCloseName: string;
  /** A long file's ticker names by id, named in an error ("for BAD"); null in a one-symbol file. */
  readonly #tickers: readonly string[] | null;
  /** Factor AdjClose / Close of the last row with both prices, those prices and its day. */
  readonly #factor: number[] = [];
  readonly #close: number[] = [];
  readonly #adjClose: number[] = [];
  readonly #day: number[] = [];
  /** Steps still open to a return, oldest first (undefined: none). */
  readonly #steps: (Step[] | undefined)[] = [];
  /** 10^(most decimals seen) of each column, updated when a step is judged (printScale). */
  readonly #closeScale: number[] = [];
  readonly #adjScale: number[] = [];

  constructor(file: string, closeName: string, adjCloseName: string, tickers: readonly string[] | null) {
    this.#file = file;
    this.#closeName = closeName;
    this.#adjCloseName = adjCloseName;
    this.#tickers = tickers;
  }

  /**
   * One row of ticker `id` (rows in file order, either date direction). Rows without both
   * prices are skipped.
   * @throws DataError at the first row of a factor step that a row within MAX_ROWS undoes, or
   * that a fall no event makes follows within MAX_ROWS (a misprint on an ex-date).
   */
  check(id: number, close: number, adjClose: number, line: number, day: number): void {
    if (!(close > 0 && adjClose > 0)) return;
    const factor = adjClose / close;
    const last = this.#factor[id];
    let steps = this.#steps[id];
    if (steps !== undefined) {
      for (const step of steps) step.rows++;
      if (steps[0].rows > MAX_ROWS) {
        const open = steps.filter((step) => step.rows <= MAX_ROWS);
        steps = this.#steps[id] = open.length > 0 ? open : undefined;
      }
    }
    if (last !== undefined) {
      const step = last / factor;
      if ((step >= NEAR || step <= 1 / NEAR) && Math.abs(Math.log(step)) > Math.max(MIN_STEP, NOISE_MULTIPLE * this.#noise(id, close, adjClose))) {
        // In date order the factor rises on an ex-date; it falls only on a reverse split.
        const rise = (factor > last) === (day > this.#day[id]);
        const back = steps?.findLast((s) => undone(s, factor, step));
        if (back !== undefined) throw this.#error(id, back, back.rows === 1 ? 'the rows before and after' : `the row before and the row ${back.rows} rows later`);
        const opened: Step = { from: last, to: factor, close, adjClose, line, day, rise, fall: !rise && Math.abs(Math.log(step)) < MAX_FALL, rows: 0 };
        // A split's step off its ratio that this small step completes to a clean ratio (×1.98, then ×1.0101: ×2): the ex-date row is a bad print.
        const offSplit = Math.abs(Math.log(step)) < SPLIT_STEP ? steps?.findLast((s) => isSplitSized(s) && !isRoundSplitRatio(s.to / s.from) && isRoundSplitRatio(factor / s.from)) : undefined;
        if (offSplit !== undefined) {
          throw this.#error(id, offSplit, `the row before, a split's ×${Number(nearestSplitRatio(factor / offSplit.from).toPrecision(4))} only with the step ${offSplit.rows} row${offSplit.rows === 1 ? '' : 's'} later`);
        }
        // A rise, then a fall no event makes (in date order, either file order): the rise's row is a bad print — not a clean split's row (then the fall is the misprint, undone later).
        const suspect = (x: Step): boolean => x.rise && !(isSplitSized(x) && isRoundSplitRatio(x.to / x.from));
        const pair = opened.fall ? [steps?.findLast((x) => suspect(x) && x.day < day), opened] : suspect(opened) ? [opened, steps?.findLast((x) => x.fall && x.day > day)] : [];
        if (pair[0] !== undefined && pair[1] !== undefined) {
          const [bad, fall] = pair as [Step, Step];
          const apart = Math.abs(bad.rows - fall.rows);
          throw this.#error(id, bad, `the row before, and ${apart} row${apart === 1 ? '' : 's'} later it falls by ×${Number(Math.min(fall.to / fall.from, fall.from / fall.to).toPrecision(4))}, which no dividend or split does`);
        }
        if (steps === undefined) this.#steps[id] = [opened];
        else steps.push(opened);
      }
    }
    this.#factor[id] = factor;
    this.#close[id] = close;
    this.#adjClose[id] = adjClose;
    this.#day[id] = day;
  }

  /** How far rounding to the printed decimals can move a factor step: half a unit over each price of the last row and this one. */
  #noise(id: number, close: number, adjClose: number): number {
    const closeScale = (this.#closeScale[id] = printScale(close, printScale(this.#close[id], this.#closeScale[id] ?? 1)));
    const adjScale = (this.#adjScale[id] = printScale(adjClose, printScale(this.#adjClose[id], this.#adjScale[id] ?? 1)));
    return (0.5 / closeScale) * (1 / this.#close[id] + 1 / close) + (0.5 / adjScale) * (1 / this.#adjClose[id] + 1 / adjClose);
  }

  /** The error at ticker `id`'s step's row (the first bad one), its ratio compared with `against` ("the rows before and after"). */
  #error(id: number, step: Step, against: string): DataError {
    const ticker = this.#tickers === null ? '' : ` for ${this.#tickers[id]}`;
    return new DataError(
      this.#file,
      step.line,
      `${this.#closeName} ${step.close} and ${this.#adjCloseName} ${step.adjClose} on ${isoDay(step.day)}${ticker}: their ratio is ×${Number((step.to / step.from).toPrecision(4))} that of ${against} (a bad print in one of them, not a dividend or split)`,
      'correct the price or remove the row',
    );
  }
}

/**
 * The factor is back where it stood before `step`, up to a split's round ratio taken since when
 * the step itself is smaller than a split's and the row now (its own step `now`, last / factor) is
 * not a clean split: a clean split now (×10 exactly after a 2.5 % dividend: 10.25 = 41:4 overall)
 * leaves the earlier step a real event; a misprint reverted on a split's row leaves that row's
 * step off the ratio by the misprint (2 / 1.005).
 */
function undone(step: Step, factor: number, now: number): boolean {
  const size = Math.abs(Math.log(step.to / step.from));
  // A split's size undone rows later may be a split and its reverse; the next row, a spike.
  if (step.rows > 1 && size >= SPLIT_STEP) return false;
  let back = Math.log(step.from / factor);
  if (Math.abs(back) >= SPLIT_STEP && size < SPLIT_STEP) {
    if (isRoundSplitRatio(now)) return false;
    const ratio = nearestSplitRatio(factor / step.from);
    if (Number.isNaN(ratio)) return false;
    back += Math.log(ratio);
  }
  return Math.abs(back) < REVERTED * size;
}

/** A step of a split's size (×1.25 or more, either way). */
const isSplitSized = (step: Step): boolean => Math.abs(Math.log(step.to / step.from)) >= SPLIT_STEP;
