// Point-in-time fundamentals: a row becomes visible on its `availableAt` day and stays the
// latest known value until a newer row is published. Flow fields (revenue, income, cash flow)
// are trailing-twelve-month figures; stock fields (assets, debt, shares) are as of the period end.

import { UserError } from './errors.ts';

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
export type FundamentalField = (typeof FUNDAMENTAL_FIELDS)[number];

/** One published filing of one symbol. Missing values are NaN (never 0). */
export interface FundamentalRow {
  readonly symbol: number;
  readonly periodEnd: number;
  readonly availableAt: number;
  readonly values: Readonly<Partial<Record<FundamentalField, number>>>;
}

export class Fundamentals {
  readonly symbolCount: number;
  /** Rows sorted by symbol, then availableAt. */
  readonly symbol: Int32Array;
  readonly periodEnd: Int32Array;
  readonly availableAt: Int32Array;
  /** symbolStart[i] .. symbolStart[i+1]-1 are symbol i's rows. */
  readonly symbolStart: Int32Array;
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
    this.symbolStart = new Int32Array(symbolCount + 1);
    let k = 0;
    for (let i = 0; i <= symbolCount; i++) {
      while (k < n && this.symbol[k] < i) k++;
      this.symbolStart[i] = k;
    }
  }

  /**
   * Over columns already in this class's order (sorted by symbol, then availableAt, as `symbol`,
   * `periodEnd`, `availableAt` and `column(field)` of another instance give them), without copying
   * them: workers of a sweep read one market in shared memory this way.
   */
  static fromSortedColumns(symbolCount: number, sorted: { symbol: Int32Array; periodEnd: Int32Array; availableAt: Int32Array; columns: Record<FundamentalField, Float64Array> }): Fundamentals {
    const f = new Fundamentals(symbolCount, []);
    const self = f as unknown as { symbol: Int32Array; periodEnd: Int32Array; availableAt: Int32Array; columns: Record<FundamentalField, Float64Array>; symbolStart: Int32Array };
    self.symbol = sorted.symbol;
    self.periodEnd = sorted.periodEnd;
    self.availableAt = sorted.availableAt;
    self.columns = sorted.columns;
    let k = 0;
    for (let i = 0; i <= symbolCount; i++) {
      while (k < sorted.symbol.length && sorted.symbol[k] < i) k++;
      self.symbolStart[i] = k;
    }
    return f;
  }

  get rowCount(): number {
    return this.symbol.length;
  }

  /** Row index of the latest filing of `symbol` visible on `day`, or -1. */
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
    return found;
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

export const noFundamentals = (symbolCount: number): Fundamentals => new Fundamentals(symbolCount, []);
