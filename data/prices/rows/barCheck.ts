// A bar that cannot be true: High below Low, or Open or the close outside [Low, High]. Only the
// prices a file has are checked (an absent or empty one is NaN, and a comparison with NaN is
// false), so a file with High but no Low still has its Open and Close checked against High.
// The same rules hold for each bar a file has: the traded one (Open, High, Low, Close), and the
// adjusted one (AdjOpen, AdjHigh, AdjLow, AdjClose) of vendors that print both. Which bars a
// header has (BarSpec) and their columns (BarColumns) are set here; the row parser checks each
// row's bars with barProblemOnRow, and words a problem with the header's own column names and the
// cells as the file has them (barProblemText, barFix).

import type { PriceField } from '../files/priceColumns.ts';

/** The four prices of a bar. */
export type BarPart = 'open' | 'high' | 'low' | 'close';

/**
 * Which bar: the traded one; Open/High/Low around AdjClose in a file with no Close (whether they
 * are on AdjClose's basis is judged on the whole file: adjCloseBasis.ts); a vendor's adjusted bar.
 */
export type BarKind = 'traded' | 'besideAdjClose' | 'adjusted';

/** The fields of one bar to check on each row, and which bar it is. */
export interface BarSpec {
  readonly fields: Readonly<Record<BarPart, PriceField>>;
  readonly kind: BarKind;
}

/** A BarSpec's columns (any may be absent). */
export interface BarColumns {
  readonly open: Float64Array | undefined;
  readonly high: Float64Array | undefined;
  readonly low: Float64Array | undefined;
  readonly close: Float64Array | undefined;
  readonly spec: BarSpec;
  /** The traded bar of a file with Close and AdjClose: AdjClose, the close of a ticker whose Close is empty (checked as BESIDE_ADJ_CLOSE). */
  readonly closeWhenEmpty: Float64Array | undefined;
}

/** What is wrong with one row's bar: the price `part` is `relation` the `bound` (e.g. close above high). */
export interface BarProblem {
  readonly part: BarPart;
  readonly relation: 'above' | 'below';
  readonly bound: BarPart;
  /** The bar checked (a traded bar whose Close is empty is checked as BESIDE_ADJ_CLOSE). */
  readonly spec: BarSpec;
}

/** How a message names a field (the header's own column name) and shows its cell on the row (as the file has it). */
export interface BarWording {
  name(field: PriceField): string;
  cell(field: PriceField): string;
}

const TRADED: BarSpec = { fields: { open: 'open', high: 'high', low: 'low', close: 'close' }, kind: 'traded' };
const BESIDE_ADJ_CLOSE: BarSpec = { fields: { ...TRADED.fields, close: 'adjClose' }, kind: 'besideAdjClose' };
const ADJUSTED: BarSpec = { fields: { open: 'adjOpen', high: 'adjHigh', low: 'adjLow', close: 'adjClose' }, kind: 'adjusted' };

type Columns = Readonly<Partial<Record<PriceField, Float64Array>>>;

/**
 * The bars a header has (`has`: its price columns): the traded one (Open/High/Low around Close,
 * or around AdjClose when there is no Close), and the adjusted one (AdjOpen/AdjHigh/AdjLow around AdjClose).
 */
export function barsToCheck(has: Columns): BarSpec[] {
  const specs: BarSpec[] = [];
  if (has.high || has.low) specs.push(has.close ? TRADED : BESIDE_ADJ_CLOSE);
  if (has.adjHigh || has.adjLow) specs.push(ADJUSTED);
  return specs;
}

/** The specs' columns, bound again each time the columns grow. */
export function bindBars(specs: readonly BarSpec[], f: Columns): BarColumns[] {
  return specs.map((spec) => ({
    open: f[spec.fields.open],
    high: f[spec.fields.high],
    low: f[spec.fields.low],
    close: f[spec.fields.close],
    spec,
    closeWhenEmpty: spec.fields.close === 'close' ? f.adjClose : undefined,
  }));
}

type Crossing = Omit<BarProblem, 'spec'>;

/** Relative float noise a bar's prices may cross their bounds by (binary64 carries ~1e-16 of a value; no printed price is this close). */
const BAR_NOISE = 1e-12;

/** Which price of one bar crosses which bound (NaN where absent), or undefined when none does. */
function barCrossing(open: number, high: number, low: number, close: number): Crossing | undefined {
  // Bounds widened by float noise: a vendor that scales a whole bar by AdjClose / Close (yfinance
  // auto_adjust, Tiingo's adjusted bar) leaves High = Close × r one binary digit off Close × r.
  const top = high + BAR_NOISE * Math.abs(high);
  const bottom = low - BAR_NOISE * Math.abs(low);
  if (high < bottom) return { part: 'high', relation: 'below', bound: 'low' };
  if (close > top) return { part: 'close', relation: 'above', bound: 'high' };
  if (close < bottom) return { part: 'close', relation: 'below', bound: 'low' };
  if (open > top) return { part: 'open', relation: 'above', bound: 'high' };
  if (open < bottom) return { part: 'open', relation: 'below', bound: 'low' };
  return undefined;
}

/** What is wrong with the bar on `row` of these columns, or undefined (the row parser names its date). */
export function barProblemOnRow(bar: BarColumns, row: number): BarProblem | undefined {
  const open = bar.open === undefined ? NaN : bar.open[row];
  const high = bar.high === undefined ? NaN : bar.high[row];
  const low = bar.low === undefined ? NaN : bar.low[row];
  let close = bar.close === undefined ? NaN : bar.close[row];
  let spec = bar.spec;
  if (close !== close && bar.closeWhenEmpty !== undefined) {
    close = bar.closeWhenEmpty[row];
    spec = BESIDE_ADJ_CLOSE;
  }
  const crossing = barCrossing(open, high, low, close);
  return crossing === undefined ? undefined : { ...crossing, spec };
}

/** "Adj Close 150 is above High 101": the problem in the file's own names and cells. */
export function barProblemText(problem: BarProblem, wording: BarWording): string {
  const { fields } = problem.spec;
  const shown = (part: BarPart): string => `${wording.name(fields[part])} ${wording.cell(fields[part])}`;
  return `${shown(problem.part)} is ${problem.relation} ${shown(problem.bound)}`;
}

/**
 * The fix for one bad bar, by what is wrong (High below Low, or a price outside [Low, High]):
 * correct it or remove the row (a vendor's adjusted bar: its adjusted prices disagree with each other). Open/High/Low around AdjClose off on more rows than one are
 * worded by adjCloseBasis.ts instead.
 */
export function barFix(problem: BarProblem, wording: Pick<BarWording, 'name'>): string {
  const { spec } = problem;
  const name = (part: BarPart): string => wording.name(spec.fields[part]);
  // High below Low says nothing of Open and Close: the two bounds themselves are off (often swapped).
  const rule = problem.part === 'high' && problem.bound === 'low' ? `a bar's ${name('high')} is its highest price and ${name('low')} its lowest, so ${name('high')} ≥ ${name('low')} (are the two columns swapped?)` : `a bar's ${name('open')} and ${name('close')} lie within [${name('low')}, ${name('high')}]`;
  return spec.kind === 'adjusted' ? `${rule} (the vendor's adjusted prices disagree with each other); correct the row or remove it` : `${rule}; correct the bar or remove the row`;
}
