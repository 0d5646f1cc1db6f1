// A bar that cannot be true: High below Low, or Open or the close outside [Low, High]. Only the
// prices a file has are checked (an absent or empty one is NaN, and a comparison with NaN is
// false), so a file with High but no Low still has its Open and Close checked against High.
// The same rules hold for each bar a file has: the traded one (Open, High, Low, Close), and the
// adjusted one (AdjOpen, AdjHigh, AdjLow, AdjClose) of vendors that print both.

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
