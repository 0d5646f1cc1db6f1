// The record of every order: one row per order (row = id − 1), written when it ends (filled,
// cancelled, expired, rejected, or still open when the run ends) from the broker's own order
// object, while it is at hand. Rows are compact — the codes packed in one byte, limit and stop
// prices kept aside for the few orders that have them — because a monthly rebalance of thousands
// of names records thousands of orders a month and the log's bytes are the replay's cost
// (bench/run.ts); orders() unpacks them into the Result's columns once, at the end.

import { GrowableTable } from '../accounting/growable.ts';
import { type OrderEnd, orderStatus, ORDER_TYPE_NAMES, type RestingOrder, TIF_NAMES } from './orders.ts';
import type { Orders } from '../result.ts';

const I = Int32Array;
const F = Float64Array;
const U = Uint8Array;

// code = type (bits 0–1) | tif (bit 2) | origin (bit 3) | end (bits 4–7)
const TIF_SHIFT = 2;
const ORIGIN_SHIFT = 3;
const END_SHIFT = 4;

export class OrderLog {
  readonly #rows;
  /** Limit and stop prices of the orders that are not market orders. */
  readonly #prices = new GrowableTable({ row: I, limit: F, stop: F });
  /** The shares first decided of the orders a later decision amended (the others asked for `quantity`). */
  readonly #amended = new GrowableTable({ row: I, decided: F });

  /** `rowsHint`: orders to make room for at the start (the log grows past it). */
  constructor(rowsHint?: number) {
    this.#rows = new GrowableTable({ session: I, amendedAt: I, symbol: I, quantity: F, filled: F, endSession: I, code: U }, rowsHint);
  }

  /** Record how order `o` ended on session `t`. */
  close(o: RestingOrder, t: number, end: OrderEnd): void {
    const k = o.id - 1;
    this.#rows.ensure(k);
    const c = this.#rows.columns;
    c.session[k] = o.decidedAt;
    c.amendedAt[k] = o.amendedAt;
    c.symbol[k] = o.symbol;
    c.quantity[k] = o.requested;
    c.filled[k] = o.filled;
    c.endSession[k] = t;
    const type = o.type === 'market' ? 0 : ORDER_TYPE_NAMES.indexOf(o.type);
    const tif = o.tif === 'gtc' ? 1 : TIF_NAMES.indexOf(o.tif);
    c.code[k] = type | (tif << TIF_SHIFT) | (o.origin << ORIGIN_SHIFT) | (end << END_SHIFT);
    if (o.amendedAt >= 0) {
      const j = this.#amended.add();
      this.#amended.columns.row[j] = k;
      this.#amended.columns.decided[j] = o.decided;
    }
    if (type === 0) return;
    const j = this.#prices.add();
    const p = this.#prices.columns;
    p.row[j] = k;
    p.limit[j] = o.requestedLimit;
    p.stop[j] = o.requestedStop;
  }

  /** Every order, in id order (each must have ended). */
  orders(): Orders {
    const rows = this.#rows.views();
    const n = rows.session.length;
    const out = {
      id: new Int32Array(n),
      session: rows.session,
      amendedAt: rows.amendedAt,
      symbol: rows.symbol,
      quantity: rows.quantity,
      decided: Float64Array.from(rows.quantity),
      type: new Uint8Array(n),
      limit: new Float64Array(n).fill(NaN),
      stop: new Float64Array(n).fill(NaN),
      tif: new Uint8Array(n),
      origin: new Uint8Array(n),
      filled: rows.filled,
      status: new Uint8Array(n),
      end: new Uint8Array(n),
      endSession: rows.endSession,
    };
    const code = rows.code;
    for (let k = 0; k < n; k++) {
      const x = code[k];
      const end = (x >> END_SHIFT) as OrderEnd;
      out.id[k] = k + 1;
      out.type[k] = x & 3;
      out.tif[k] = (x >> TIF_SHIFT) & 1;
      out.origin[k] = (x >> ORIGIN_SHIFT) & 1;
      out.end[k] = end;
      out.status[k] = orderStatus(end, rows.filled[k]);
    }
    const a = this.#amended.views();
    for (let j = 0; j < a.row.length; j++) out.decided[a.row[j]] = a.decided[j];
    const p = this.#prices.views();
    for (let j = 0; j < p.row.length; j++) {
      out.limit[p.row[j]] = p.limit[j];
      out.stop[p.row[j]] = p.stop[j];
    }
    return out;
  }
}
