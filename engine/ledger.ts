// The recorder: daily columns, the fills ledger, snapshots and deferrals, appended as the run
// goes. Daily cost and income lines accumulate within a session and are written at its record phase.

import { DAILY_COLUMNS, type CostLine, type DailyColumn, type Deferrals, type FillReason, type Fills, type IncomeLine, type Snapshots } from './result.ts';
import { Growable } from './growable.ts';

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

export class Ledger {
  readonly daily: Record<DailyColumn, Float64Array>;
  /** Today's running amounts of the flow columns, reset after each record. */
  readonly today: Record<DailyColumn, number>;
  readonly incomeBySymbol: Float64Array;
  readonly costBySymbol: Float64Array;
  readonly #fills = growables(['session', 'symbol', 'quantity', 'price', 'referencePrice', 'commission', 'slippage', 'orderId', 'reason']);
  readonly #snapshots = growables(['session', 'symbol', 'shares', 'price', 'targetWeight']);
  readonly #deferrals = growables(['session', 'symbol', 'reason', 'remaining']);

  constructor(sessions: number, symbolCount: number) {
    this.daily = {} as Record<DailyColumn, Float64Array>;
    this.today = {} as Record<DailyColumn, number>;
    for (const c of DAILY_COLUMNS) {
      this.daily[c] = new Float64Array(sessions);
      this.today[c] = 0;
    }
    this.incomeBySymbol = new Float64Array(symbolCount);
    this.costBySymbol = new Float64Array(symbolCount);
  }

  /** Charge a cost line (amount ≥ 0) to symbol i. */
  cost(line: CostLine, amount: number, i: number): void {
    this.today[line] += amount;
    this.costBySymbol[i] += amount;
  }

  /** Credit an income line (amount ≥ 0) to symbol i. */
  income(line: IncomeLine, amount: number, i: number): void {
    this.today[line] += amount;
    this.incomeBySymbol[i] += amount;
  }

  /** Append one fill (the record is copied; callers reuse theirs). */
  fill(r: FillRecord): void {
    const f = this.#fills;
    f.session.push(r.session);
    f.symbol.push(r.symbol);
    f.quantity.push(r.quantity);
    f.price.push(r.price);
    f.referencePrice.push(r.referencePrice);
    f.commission.push(r.commission);
    f.slippage.push(r.slippage);
    f.orderId.push(r.orderId);
    f.reason.push(r.reason);
  }

  snapshot(session: number, symbol: number, shares: number, price: number, targetWeight: number): void {
    const s = this.#snapshots;
    s.session.push(session);
    s.symbol.push(symbol);
    s.shares.push(shares);
    s.price.push(price);
    s.targetWeight.push(targetWeight);
  }

  defer(session: number, symbol: number, reason: number, remaining: number): void {
    const d = this.#deferrals;
    d.session.push(session);
    d.symbol.push(symbol);
    d.reason.push(reason);
    d.remaining.push(remaining);
  }

  /** Write today's flow lines into row `k` and reset them; stock columns are set by the caller. */
  closeDay(k: number): void {
    for (const c of DAILY_COLUMNS) {
      this.daily[c][k] = this.today[c];
      this.today[c] = 0;
    }
  }

  fills(): Fills {
    const f = this.#fills;
    return {
      session: f.session.toInt32(),
      symbol: f.symbol.toInt32(),
      quantity: f.quantity.toFloat64(),
      price: f.price.toFloat64(),
      referencePrice: f.referencePrice.toFloat64(),
      commission: f.commission.toFloat64(),
      slippage: f.slippage.toFloat64(),
      orderId: f.orderId.toInt32(),
      reason: f.reason.toUint8(),
    };
  }

  snapshots(): Snapshots {
    const s = this.#snapshots;
    return {
      session: s.session.toInt32(),
      symbol: s.symbol.toInt32(),
      shares: s.shares.toFloat64(),
      price: s.price.toFloat64(),
      targetWeight: s.targetWeight.toFloat64(),
    };
  }

  deferrals(): Deferrals {
    const d = this.#deferrals;
    return { session: d.session.toInt32(), symbol: d.symbol.toInt32(), reason: d.reason.toUint8(), remaining: d.remaining.toFloat64() };
  }
}

function growables<K extends string>(names: readonly K[]): Record<K, Growable> {
  return Object.fromEntries(names.map((name) => [name, new Growable()])) as Record<K, Growable>;
}
