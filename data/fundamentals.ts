// Point-in-time fundamentals: a row becomes visible on its `availableAt` day; on a day, a symbol's
// figures are those of its visible row with the newest period end (a later publish of the same
// period supersedes). Publish order is not period order — a late filing of an older quarter never
// displaces a newer quarter already public. Flow fields (revenue, income, cash flow) are
// trailing-twelve-month figures; stock fields (assets, debt, shares) are as of the period end.

import { UserError } from './errors.ts';

/** The fundamental fields a market can hold, per symbol and filing: flows (revenue, income, cash flow) trailing twelve months, stocks (assets, debt, cash, shares) at the period end; currency, except shares. */
export const FUNDAMENTAL_FIELDS = [
  'revenue',
  'grossProfit',
  'operatingIncome',
  'netIncome',
  'interestExpense',
  'operatingCashFlow',
  'capex',
  'totalAssets',
  'totalLiabilities',
  'totalEquity',
  'shortTermDebt',
  'longTermDebt',
  'totalDebt',
  'cash',
  'sharesOutstanding',
] as const;
/** One of FUNDAMENTAL_FIELDS (`'revenue'`, `'totalDebt'`, `'sharesOutstanding'`, …). */
export type FundamentalField = (typeof FUNDAMENTAL_FIELDS)[number];

/** One published filing of one symbol. Missing values are NaN (never 0). */
export interface FundamentalRow {
  readonly symbol: number;
  readonly periodEnd: number;
  readonly availableAt: number;
  readonly values: Readonly<Partial<Record<FundamentalField, number>>>;
}

/**
 * Point-in-time fundamentals, columnar: one row per filing, sorted by symbol then the day it
 * became public (`availableAt`, epoch days). On a day a symbol's figures are those of its public
 * row with the newest period end: a late filing of an older quarter never displaces a newer one.
 * Missing values are NaN, never 0.
 */
export class Fundamentals {
  readonly symbolCount: number;
  /** Rows sorted by symbol, then availableAt. */
  readonly symbol: Int32Array;
  readonly periodEnd: Int32Array;
  readonly availableAt: Int32Array;
  /** symbolStart[i] .. symbolStart[i+1]-1 are symbol i's rows. */
  readonly symbolStart: Int32Array;
  /** newestRow[k]: among its symbol's rows up to k (in publish order), the one with the newest period end. */
  private readonly newestRow: Int32Array;
  private readonly columns: Record<FundamentalField, Float64Array>;

  constructor(symbolCount: number, rows: readonly FundamentalRow[]) {
    const sorted = [...rows].sort(
      (a, b) => a.symbol - b.symbol || a.availableAt - b.availableAt || a.periodEnd - b.periodEnd,
    );
    const n = sorted.length;
    this.symbolCount = symbolCount;
    this.symbol = Int32Array.from(sorted, (r) => r.symbol);
    this.periodEnd = Int32Array.from(sorted, (r) => r.periodEnd);
    this.availableAt = Int32Array.from(sorted, (r) => r.availableAt);
    this.columns = {} as Record<FundamentalField, Float64Array>;
    for (const field of FUNDAMENTAL_FIELDS) {
      const col = new Float64Array(n);
      for (let k = 0; k < n; k++) col[k] = sorted[k].values[field] ?? NaN;
      this.columns[field] = col;
    }
    ({ symbolStart: this.symbolStart, newestRow: this.newestRow } = indexRows(symbolCount, this.symbol, this.periodEnd));
  }

  /**
   * Over columns already in this class's order (sorted by symbol, then availableAt, as `symbol`,
   * `periodEnd`, `availableAt` and `column(field)` of another instance give them), without copying
   * them: workers of a sweep read one market in shared memory this way.
   */
  static fromSortedColumns(symbolCount: number, sorted: { symbol: Int32Array; periodEnd: Int32Array; availableAt: Int32Array; columns: Record<FundamentalField, Float64Array> }): Fundamentals {
    const f = new Fundamentals(symbolCount, []);
    const self = f as unknown as { symbol: Int32Array; periodEnd: Int32Array; availableAt: Int32Array; columns: Record<FundamentalField, Float64Array>; symbolStart: Int32Array; newestRow: Int32Array };
    self.symbol = sorted.symbol;
    self.periodEnd = sorted.periodEnd;
    self.availableAt = sorted.availableAt;
    self.columns = sorted.columns;
    ({ symbolStart: self.symbolStart, newestRow: self.newestRow } = indexRows(symbolCount, sorted.symbol, sorted.periodEnd));
    return f;
  }

  get rowCount(): number {
    return this.symbol.length;
  }

  /**
   * Row index of the filing of `symbol` whose figures hold on `day` (an epoch day), or -1 when
   * none is public yet: among rows with availableAt ≤ day, the newest period end; of several
   * with that period end, the last published. O(log rows of the symbol).
   */
  latestRow(symbol: number, day: number): number {
    let lo = this.symbolStart[symbol];
    let hi = this.symbolStart[symbol + 1] - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.availableAt[mid] <= day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? -1 : this.newestRow[found];
  }

  /** Value of `field` in row k. */
  value(field: FundamentalField, row: number): number {
    return row < 0 ? NaN : this.column(field)[row];
  }

  /** Cross-section of `field` as known on `day` (NaN where nothing was published yet). */
  asOf(field: FundamentalField, day: number, out: Float64Array = new Float64Array(this.symbolCount)): Float64Array {
    const col = this.column(field);
    for (let i = 0; i < this.symbolCount; i++) {
      const row = this.latestRow(i, day);
      out[i] = row < 0 ? NaN : col[row];
    }
    return out;
  }

  /** The rows of some symbols only: new symbol k is old symbol `indexes[k]`. */
  forSymbols(indexes: readonly number[]): Fundamentals {
    const rows: FundamentalRow[] = [];
    indexes.forEach((old, k) => {
      for (let r = this.symbolStart[old]; r < this.symbolStart[old + 1]; r++) {
        const values: Partial<Record<FundamentalField, number>> = {};
        for (const field of FUNDAMENTAL_FIELDS) values[field] = this.columns[field][r];
        rows.push({ symbol: k, periodEnd: this.periodEnd[r], availableAt: this.availableAt[r], values });
      }
    });
    return new Fundamentals(indexes.length, rows);
  }

  column(field: FundamentalField): Float64Array {
    const col = this.columns[field];
    if (!col) throw new UserError(`unknown fundamental field "${field}"; known fields: ${FUNDAMENTAL_FIELDS.join(', ')}`);
    return col;
  }
}

/**
 * Where each symbol's rows start (`symbolStart`, length symbolCount + 1) and, for each row k,
 * the row with the newest period end among its symbol's rows up to k (`newestRow`; ties go to
 * the later row). Rows must be sorted by symbol, then availableAt.
 */
function indexRows(symbolCount: number, symbol: Int32Array, periodEnd: Int32Array): { symbolStart: Int32Array; newestRow: Int32Array } {
  const n = symbol.length;
  const symbolStart = new Int32Array(symbolCount + 1);
  const newestRow = new Int32Array(n);
  let k = 0;
  for (let i = 0; i <= symbolCount; i++) {
    symbolStart[i] = k;
    for (; k < n && symbol[k] === i; k++) {
      const previous = k > symbolStart[i] ? newestRow[k - 1] : k;
      newestRow[k] = periodEnd[k] >= periodEnd[previous] ? k : previous;
    }
  }
  return { symbolStart, newestRow };
}

export const noFundamentals = (symbolCount: number): Fundamentals => new Fundamentals(symbolCount, []);
