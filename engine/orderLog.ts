// The record of every order: one row per order, appended when the broker accepts it and completed
// when it ends (filled, cancelled, expired, rejected, or still open when the run ends). Columnar
// and allocation-free per order, like the fills ledger.

import { Growable } from './growable.ts';
import { type OrderEnd, orderStatus, ORDER_TYPE_NAMES, type RestingOrder, TIF_NAMES } from './orders.ts';
import type { Orders } from './result.ts';

const COLUMNS = ['session', 'symbol', 'quantity', 'type', 'limit', 'stop', 'tif', 'origin', 'filled', 'status', 'end', 'endSession'] as const;

export class OrderLog {
  readonly #c = Object.fromEntries(COLUMNS.map((c) => [c, new Growable()])) as Record<(typeof COLUMNS)[number], Growable>;

  /** Record a new order (ids are 1, 2, … in the order the broker accepts them: row = id − 1). */
  open(o: RestingOrder): void {
    const c = this.#c;
    if (o.id !== c.session.length + 1) throw new RangeError(`order ${o.id} recorded out of turn (expected ${c.session.length + 1})`);
    c.session.push(o.decidedAt);
    c.symbol.push(o.symbol);
    c.quantity.push(o.quantity);
    c.type.push(ORDER_TYPE_NAMES.indexOf(o.type));
    c.limit.push(o.limit);
    c.stop.push(o.stop);
    c.tif.push(TIF_NAMES.indexOf(o.tif));
    c.origin.push(o.origin);
    c.filled.push(0);
    c.status.push(0);
    c.end.push(0);
    c.endSession.push(-1);
  }

  /** Record how order `o` ended on session `t`. */
  close(o: RestingOrder, t: number, end: OrderEnd): void {
    const c = this.#c;
    const row = o.id - 1;
    c.filled.set(row, o.filled);
    c.status.set(row, orderStatus(end, o.filled));
    c.end.set(row, end);
    c.endSession.set(row, t);
  }

  orders(): Orders {
    const c = this.#c;
    return {
      id: Int32Array.from({ length: c.session.length }, (_, k) => k + 1),
      session: c.session.toInt32(),
      symbol: c.symbol.toInt32(),
      quantity: c.quantity.toFloat64(),
      type: c.type.toUint8(),
      limit: c.limit.toFloat64(),
      stop: c.stop.toFloat64(),
      tif: c.tif.toUint8(),
      origin: c.origin.toUint8(),
      filled: c.filled.toFloat64(),
      status: c.status.toUint8(),
      end: c.end.toUint8(),
      endSession: c.endSession.toInt32(),
    };
  }
}
