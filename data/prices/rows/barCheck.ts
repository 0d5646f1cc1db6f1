// A bar that cannot be true: High below Low, or Open or the close outside [Low, High]. Only the
// prices a file has are checked (an absent or empty one is NaN, and a comparison with NaN is
// false), so a file with High but no Low still has its Open and Close checked against High.
// The same rules hold for each bar a file has: the traded one (Open, High, Low, Close), and the
// adjusted one (AdjOpen, AdjHigh, AdjLow, AdjClose) of vendors that print both. Which bars a
// header has (BarSpec) and their columns (BarColumns) are set here; the row parser checks each
// row's bars with barProblemOnRow.

import type { PriceField } from '../priceColumns.ts';

const BAR_FIX = "a bar's Open and Close lie within [Low, High]; correct the bar or remove the row";
// Open/High/Low beside an AdjClose and no Close: most likely traded prices beside adjusted ones.
const ADJUSTED_BAR_FIX = "Open/High/Low must be on Adj Close's basis: add the raw Close column, or remove Open/High/Low";
const ADJUSTED_COLUMNS_FIX = "a bar's AdjOpen and AdjClose lie within [AdjLow, AdjHigh] (the vendor's adjusted prices disagree with each other); correct the row or remove it";

/** The names a bar's prices go by in messages, and the fixes offered. */
export interface BarNames {
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** For a High below Low, or an Open outside the range. */
  readonly fix: string;
  /** For a close outside the range. */
  readonly closeFix: string;
}

/** Open, High, Low and Close: the traded bar. */
export const TRADED_BAR: BarNames = { open: 'Open', high: 'High', low: 'Low', close: 'Close', fix: BAR_FIX, closeFix: BAR_FIX };
/** Open, High, Low beside AdjClose in a file with no Close. */
export const OHL_BESIDE_ADJ_CLOSE: BarNames = { ...TRADED_BAR, close: 'AdjClose', closeFix: ADJUSTED_BAR_FIX };
/** AdjOpen, AdjHigh, AdjLow and AdjClose (Tiingo, Quandl). */
export const ADJUSTED_BAR: BarNames = { open: 'AdjOpen', high: 'AdjHigh', low: 'AdjLow', close: 'AdjClose', fix: ADJUSTED_COLUMNS_FIX, closeFix: ADJUSTED_COLUMNS_FIX };

export interface BarProblem {
  /** e.g. "AdjClose 50 is below Low 99". */
  readonly problem: string;
  readonly fix: string;
}

/** What is wrong with one bar (prices in the file's units, NaN where absent), or undefined when nothing is. */
export function barProblem(open: number, high: number, low: number, close: number, names: BarNames): BarProblem | undefined {
  if (high < low) return { problem: `${names.high} ${high} is below ${names.low} ${low}`, fix: names.fix };
  if (close > high) return { problem: `${names.close} ${close} is above ${names.high} ${high}`, fix: names.closeFix };
  if (close < low) return { problem: `${names.close} ${close} is below ${names.low} ${low}`, fix: names.closeFix };
  if (open > high) return { problem: `${names.open} ${open} is above ${names.high} ${high}`, fix: names.fix };
  if (open < low) return { problem: `${names.open} ${open} is below ${names.low} ${low}`, fix: names.fix };
  return undefined;
}

/** The fields of one bar to check on each row, and the names they go by. */
export interface BarSpec {
  readonly open: PriceField;
  readonly high: PriceField;
  readonly low: PriceField;
  readonly close: PriceField;
  readonly names: BarNames;
}

/** A BarSpec's columns (any may be absent). */
export interface BarColumns {
  readonly open: Float64Array | undefined;
  readonly high: Float64Array | undefined;
  readonly low: Float64Array | undefined;
  readonly close: Float64Array | undefined;
  readonly names: BarNames;
  /** The traded bar of a file with Close and AdjClose: AdjClose, the close of a ticker whose Close is empty (checked as OHL_BESIDE_ADJ_CLOSE). */
  readonly closeWhenEmpty: Float64Array | undefined;
}

type Columns = Readonly<Partial<Record<PriceField, Float64Array>>>;

/**
 * The bars a header has (`has`: its price columns): the traded one (Open/High/Low around Close,
 * or around AdjClose when there is no Close), and the adjusted one (AdjOpen/AdjHigh/AdjLow around AdjClose).
 */
export function barsToCheck(has: Columns): BarSpec[] {
  const specs: BarSpec[] = [];
  if (has.high || has.low) specs.push({ open: 'open', high: 'high', low: 'low', close: has.close ? 'close' : 'adjClose', names: has.close ? TRADED_BAR : OHL_BESIDE_ADJ_CLOSE });
  if (has.adjHigh || has.adjLow) specs.push({ open: 'adjOpen', high: 'adjHigh', low: 'adjLow', close: 'adjClose', names: ADJUSTED_BAR });
  return specs;
}

/** The specs' columns, bound again each time the columns grow. */
export function bindBars(specs: readonly BarSpec[], f: Columns): BarColumns[] {
  return specs.map((spec) => ({ open: f[spec.open], high: f[spec.high], low: f[spec.low], close: f[spec.close], names: spec.names, closeWhenEmpty: spec.close === 'close' ? f.adjClose : undefined }));
}

/** What is wrong with the bar on `row` of these columns, or undefined (the row parser names its date). */
export function barProblemOnRow(bar: BarColumns, row: number): BarProblem | undefined {
  const open = bar.open === undefined ? NaN : bar.open[row];
  const high = bar.high === undefined ? NaN : bar.high[row];
  const low = bar.low === undefined ? NaN : bar.low[row];
  let close = bar.close === undefined ? NaN : bar.close[row];
  let names = bar.names;
  if (close !== close && bar.closeWhenEmpty !== undefined) {
    close = bar.closeWhenEmpty[row];
    names = OHL_BESIDE_ADJ_CLOSE;
  }
  return barProblem(open, high, low, close, names);
}
