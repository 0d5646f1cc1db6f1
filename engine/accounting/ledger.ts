// The recorder: daily columns, the fills ledger, snapshots and deferrals, appended as the run
// goes. Daily cost and income lines accumulate within a session and are written at its record phase.

import { DAILY_COLUMNS, type CostLine, type DailyColumn, type Deferrals, type FillReason, type Fills, type IncomeLine, type Snapshots } from '../result.ts';
import { GrowableTable } from './growable.ts';

/** One fill, by field name (one reused record per writer keeps the replay allocation-free). */
export interface FillRecord {
  session: number;
  symbol: number;
  /** Signed shares. */
  quantity: number;
  /** Fill price, slippage included. */
  price: number;
  /** Price before slippage (the position's new mark). */
  referencePrice: number;
  commission: number;
  slippage: number;
  /** The order's id; 0 for fills no order asked for (delistings, data ends, cash in lieu). */
  orderId: number;
  reason: FillReason;
}

export const newFillRecord = (): FillRecord => ({ session: 0, symbol: 0, quantity: 0, price: 0, referencePrice: 0, commission: 0, slippage: 0, orderId: 0, reason: 0 });

const I = Int32Array;
const F = Float64Array;
const U = Uint8Array;

/** Position of each daily column in DAILY_COLUMNS. */
const COLUMN_INDEX = Object.fromEntries(DAILY_COLUMNS.map((column, j) => [column, j])) as Readonly<Record<DailyColumn, number>>;

/**
 * Today's amounts by column name (`today.nav`, `today.tradedNotional += …`), kept in one
 * Float64Array in DAILY_COLUMNS order: recording a day is a copy of that array, where reading
 * and resetting 18 properties by a variable name cost 15 times more (a tenth of a 14-ETF run).
 */
class DayRow {
  readonly values = new Float64Array(DAILY_COLUMNS.length);
}
DAILY_COLUMNS.forEach((column, j) =>
  Object.defineProperty(DayRow.prototype, column, {
    get(this: DayRow) {
      return this.values[j];
    },
    set(this: DayRow, value: number) {
      this.values[j] = value;
    },
    enumerable: true,
  }),
);

export class Ledger {
  readonly daily: Record<DailyColumn, Float64Array>;
  /** Today's running amounts of the flow columns, reset after each record. */
  readonly today: Record<DailyColumn, number>;
  readonly #today: DayRow;
  /** The daily columns in DAILY_COLUMNS order. */
  readonly #columns: Float64Array[];
  readonly incomeBySymbol: Float64Array;
  readonly costBySymbol: Float64Array;
  readonly #fills;
  readonly #snapshots;
  readonly #deferrals = new GrowableTable({ session: I, symbol: I, reason: U, remaining: F });

  /** `rowsHint`: fills and snapshot rows to make room for at the start (they grow past it). */
  constructor(sessions: number, symbolCount: number, rowsHint?: number) {
    this.#fills = new GrowableTable({ session: I, symbol: I, quantity: F, price: F, referencePrice: F, commission: F, slippage: F, orderId: I, reason: U }, rowsHint);
    this.#snapshots = new GrowableTable({ session: I, symbol: I, shares: F, price: F, targetWeight: F }, rowsHint);
    this.daily = {} as Record<DailyColumn, Float64Array>;
    for (const c of DAILY_COLUMNS) this.daily[c] = new Float64Array(sessions);
    this.#columns = DAILY_COLUMNS.map((c) => this.daily[c]);
    this.#today = new DayRow();
    this.today = this.#today as unknown as Record<DailyColumn, number>;
    this.incomeBySymbol = new Float64Array(symbolCount);
    this.costBySymbol = new Float64Array(symbolCount);
  }

  /** Charge a cost line (amount ≥ 0) to symbol i. */
  cost(line: CostLine, amount: number, i: number): void {
    this.#today.values[COLUMN_INDEX[line]] += amount;
    this.costBySymbol[i] += amount;
  }

  /** Credit an income line (amount ≥ 0) to symbol i. */
  income(line: IncomeLine, amount: number, i: number): void {
    this.#today.values[COLUMN_INDEX[line]] += amount;
    this.incomeBySymbol[i] += amount;
  }

  /** Append one fill (the record is copied; callers reuse theirs). */
  /**
   * Records a fill and adds its notional |quantity| × price to today's traded notional: every
   * fill counts, the orders' and the forced ones. Delisting and data-end exits count as zipline's
   * auto-close transactions do in pyfolio's turnover; cash in lieu of a split's fraction counts
   * too, as the sale of that fraction it is (zipline pays it with no transaction, so pyfolio
   * leaves out that fraction's value).
   */
  fill(r: FillRecord): void {
    this.today.tradedNotional += Math.abs(r.quantity) * r.price;
    const k = this.#fills.add();
    const f = this.#fills.columns;
    f.session[k] = r.session;
    f.symbol[k] = r.symbol;
    f.quantity[k] = r.quantity;
    f.price[k] = r.price;
    f.referencePrice[k] = r.referencePrice;
    f.commission[k] = r.commission;
    f.slippage[k] = r.slippage;
    f.orderId[k] = r.orderId;
    f.reason[k] = r.reason;
  }

  snapshot(session: number, symbol: number, shares: number, price: number, targetWeight: number): void {
    const k = this.#snapshots.add();
    const s = this.#snapshots.columns;
    s.session[k] = session;
    s.symbol[k] = symbol;
    s.shares[k] = shares;
    s.price[k] = price;
    s.targetWeight[k] = targetWeight;
  }

  defer(session: number, symbol: number, reason: number, remaining: number): void {
    const k = this.#deferrals.add();
    const d = this.#deferrals.columns;
    d.session[k] = session;
    d.symbol[k] = symbol;
    d.reason[k] = reason;
    d.remaining[k] = remaining;
  }

  /** Write today's flow lines into row `k` and reset them; stock columns are set by the caller. */
  closeDay(k: number): void {
    const values = this.#today.values;
    for (let j = 0; j < values.length; j++) {
      this.#columns[j][k] = values[j];
      values[j] = 0;
    }
  }

  /** The logs, as views of their storage (the run is over when they are read). */
  fills(): Fills {
    return this.#fills.views();
  }

  snapshots(): Snapshots {
    return this.#snapshots.views();
  }

  deferrals(): Deferrals {
    return this.#deferrals.views();
  }
}
