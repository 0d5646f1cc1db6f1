// A bar that cannot be true: High below Low, or Open or the close outside [Low, High]. Only the
// prices a file has are checked (an absent or empty one is NaN, and a comparison with NaN is
// false), so a file with High but no Low still has its Open and Close checked against High.

const BAR_FIX = "a bar's Open and Close lie within [Low, High]; correct the bar or remove the row";
// Open/High/Low beside an AdjClose and no Close: most likely traded prices beside adjusted ones.
const ADJUSTED_BAR_FIX = "Open/High/Low must be on Adj Close's basis: add the raw Close column, or remove Open/High/Low";

export interface BarProblem {
  /** e.g. "AdjClose 50 is below Low 99". */
  readonly problem: string;
  readonly fix: string;
}

/**
 * What is wrong with one bar (prices in the file's units, NaN where absent), or undefined when
 * nothing is. `closeName` names the close column: Close, or AdjClose when the file has no Close.
 */
export function barProblem(open: number, high: number, low: number, close: number, closeName: 'Close' | 'AdjClose'): BarProblem | undefined {
  const closeFix = closeName === 'AdjClose' ? ADJUSTED_BAR_FIX : BAR_FIX;
  if (high < low) return { problem: `High ${high} is below Low ${low}`, fix: BAR_FIX };
  if (close > high) return { problem: `${closeName} ${close} is above High ${high}`, fix: closeFix };
  if (close < low) return { problem: `${closeName} ${close} is below Low ${low}`, fix: closeFix };
  if (open > high) return { problem: `Open ${open} is above High ${high}`, fix: BAR_FIX };
  if (open < low) return { problem: `Open ${open} is below Low ${low}`, fix: BAR_FIX };
  return undefined;
}
