// The recorder: daily columns, the fills ledger, snapshots and deferrals, appended as the run
// goes. Daily cost and income lines accumulate within a session and are written at its record phase.

import { DAILY_COLUMNS, type DailyColumn, type Deferrals, type Fills, type Snapshots } from './result.ts';
import { growableF64, growableI32, growableU8 } from './growable.ts';

export class Ledger {
  readonly daily: Record<DailyColumn, Float64Array>;
  /** Today's running amounts of the flow columns, reset after each record. */
  readonly today: Record<DailyColumn, number>;
  readonly incomeBySymbol: Float64Array;
  readonly costBySymbol: Float64Array;
  readonly #fills = {
    session: growableI32(),
    symbol: growableI32(),
    quantity: growableF64(),
    price: growableF64(),
    referencePrice: growableF64(),
    commission: growableF64(),
    slippage: growableF64(),
    orderId: growableI32(),
    reason: growableU8(),
  };
  readonly #snapshots = {
    session: growableI32(),
    symbol: growableI32(),
    shares: growableF64(),
    price: growableF64(),
    weight: growableF64(),
    targetWeight: growableF64(),
  };
  readonly #deferrals = { session: growableI32(), symbol: growableI32(), reason: growableU8(), remaining: growableF64() };

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

  /** Add a cost (≥ 0) or income (≥ 0) amount to today's line, attributed to a symbol (−1 = none). */
  add(line: DailyColumn, amount: number, symbol = -1, kind: 'cost' | 'income' | 'none' = 'none'): void {
    this.today[line] += amount;
    if (symbol < 0) return;
    if (kind === 'cost') this.costBySymbol[symbol] += amount;
    else if (kind === 'income') this.incomeBySymbol[symbol] += amount;
  }

  fill(
    session: number,
    symbol: number,
    quantity: number,
    price: number,
    referencePrice: number,
    commission: number,
    slippage: number,
    orderId: number,
    reason: number,
  ): void {
    const f = this.#fills;
    f.session.push(session);
    f.symbol.push(symbol);
    f.quantity.push(quantity);
    f.price.push(price);
    f.referencePrice.push(referencePrice);
    f.commission.push(commission);
    f.slippage.push(slippage);
    f.orderId.push(orderId);
    f.reason.push(reason);
  }

  snapshot(session: number, symbol: number, shares: number, price: number, weight: number, targetWeight: number): void {
    const s = this.#snapshots;
    s.session.push(session);
    s.symbol.push(symbol);
    s.shares.push(shares);
    s.price.push(price);
    s.weight.push(weight);
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
    return columnsOf(this.#fills);
  }
  snapshots(): Snapshots {
    return columnsOf(this.#snapshots);
  }
  deferrals(): Deferrals {
    return columnsOf(this.#deferrals);
  }
}

function columnsOf<T extends Record<string, { toArray(): unknown }>>(cols: T): { [K in keyof T]: ReturnType<T[K]['toArray']> } {
  const out = {} as { [K in keyof T]: ReturnType<T[K]['toArray']> };
  for (const key of Object.keys(cols) as (keyof T)[]) out[key] = cols[key].toArray() as ReturnType<T[typeof key]['toArray']>;
  return out;
}
