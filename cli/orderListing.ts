// `breadth runs show --orders`: each order of a stored run with its fills beneath it, and the
// one-line tally by status that `runs show` prints without the flag.

import { splitName } from '../data/prices/priceSeries.ts';
import { pricePerNewShare, snapWhole, splitExact } from '../engine/shares.ts';
import { splitsBetween } from '../reports/bookCaveats.ts';
import type { StoredFill, StoredOrder, StoredRun, StoredSplit } from '../reports/store/index.ts';

export interface OrderWithFills extends StoredOrder {
  fills: StoredFill[];
  /** The splits of its symbol from the day after it was decided to the day it ended (they rescaled it while it rested). */
  splits: StoredSplit[];
  /**
   * Signed shares it asked for in the shares of its end, as the book could trade them: its fills
   * before each split rescaled by it, plus what still rested after the last split (in a whole-share
   * run the exact count's whole part, as engine/orderBook.ts applySplit rests it; for a filled
   * order, what it filled). `quantity` when no split; null for an unrecorded order.
   */
  quantityAtEnd: number | null;
  /** The fraction of a share its splits left beyond quantityAtEnd that a whole-share run could not trade, in the shares of its end (0 when none). */
  droppedAtSplits: number;
}

/** The run's orders (of one symbol, when given), each with its fills in ledger order and the splits it lived through. */
export function ordersWithFills(stored: StoredRun, symbol?: string): OrderWithFills[] {
  const byOrder = new Map<number, StoredFill[]>();
  for (const f of stored.fills) {
    if (f.orderId === null) continue;
    const list = byOrder.get(f.orderId);
    if (list) list.push(f);
    else byOrder.set(f.orderId, [f]);
  }
  // Manifests from before the setting existed ran in whole shares (its default).
  const whole = (stored.manifest.config.shares ?? 'whole') === 'whole';
  const lived = (o: StoredOrder): StoredSplit[] =>
    o.date === null || o.endDate === null ? [] : splitsBetween(stored.splits, o.symbol, o.date, o.endDate);
  return stored.orders
    .filter((o) => symbol === undefined || o.symbol === symbol)
    .map((o) => {
      const fills = byOrder.get(o.id) ?? [];
      const splits = lived(o);
      return { ...o, fills, splits, ...throughSplits(o, fills, splits, whole) };
    });
}

/**
 * An order's quantity through the splits it rested across, as the engine rests it: at each ex-date
 * (before that day's fills) what is still to fill — carried exactly, with the fraction earlier
 * splits left — is scaled by the ratio (engine/shares.ts splitExact); a whole-share run trades its
 * whole part. A filled order asked for what it filled (the engine caps a sale of a whole position
 * at the shares the position keeps, which the listing cannot see).
 */
function throughSplits(o: StoredOrder, fills: readonly StoredFill[], splits: readonly StoredSplit[], whole: boolean): Pick<OrderWithFills, 'quantityAtEnd' | 'droppedAtSplits'> {
  if (o.quantity === null || splits.length === 0) return { quantityAtEnd: o.quantity, droppedAtSplits: 0 };
  let left = { whole: o.quantity, numerator: 0, denominator: 1 };
  let traded = 0;
  let f = 0;
  for (const x of splits) {
    for (; f < fills.length && fills[f].date < x.date; f++) {
      left.whole -= fills[f].quantity;
      traded += fills[f].quantity;
    }
    left = splitExact(left.whole, left.numerator, left.denominator, x.ratio);
    if (!whole) left = { whole: left.whole + left.numerator / left.denominator, numerator: 0, denominator: 1 };
    traded *= x.ratio;
  }
  const before = snapWhole(traded);
  const exact = before + left.whole + left.numerator / left.denominator;
  const quantityAtEnd = o.status === 'filled' ? fills.slice(f).reduce((q, x) => q + x.quantity, before) : before + left.whole;
  return { quantityAtEnd, droppedAtSplits: snapWhole(exact - quantityAtEnd) };
}

/** `shares` on `date` in the shares of the order's end: × the ratio of each split after that date. */
function atEnd(o: OrderWithFills, shares: number, date: string): number {
  return o.splits.reduce((q, x) => (x.date > date ? q * x.ratio : q), shares);
}

/** A limit or stop price set on `date`, per share of the order's end (as the engine rests it: engine/shares.ts pricePerNewShare). */
function priceAtEnd(o: OrderWithFills, price: number | null, date: string): number | null {
  return price === null ? null : o.splits.reduce((p, x) => (x.date > date ? pricePerNewShare(p, x.ratio) : p), price);
}

const IMPLIED: Record<string, string> = { open: 'run-end', expired: 'day-end' };

/** "orders: 1,234 — filled 1,200, open 30, cancelled 4 (replaced 3, data-end 1)". */
export function orderTally(orders: readonly StoredOrder[]): string {
  const byStatus = new Map<string, Map<string, number>>();
  for (const o of orders) {
    const reasons = byStatus.get(o.status) ?? new Map<string, number>();
    byStatus.set(o.status, reasons);
    const reason = o.reason ?? '';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const count = (n: number): string => n.toLocaleString('en-US');
  const parts = [...byStatus].map(([status, reasons]) => {
    const total = [...reasons.values()].reduce((a, b) => a + b, 0);
    // The reason a status already says (open: run-end, expired: day-end) is left out.
    const why = [...reasons].filter(([reason]) => reason !== '' && reason !== IMPLIED[status]).map(([reason, n]) => `${reason} ${count(n)}`);
    return `${status} ${count(total)}${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
  });
  return `orders: ${count(orders.length)}${parts.length > 0 ? ` — ${parts.join(', ')}` : ''}`;
}

const num = (x: number | null): string => (x === null ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(4));
const signed = (x: number): string => (x > 0 ? `+${num(x)}` : num(x));

/**
 * Text lines: one per order, its fills indented beneath. An order that lived through a split is
 * shown in the shares of its end (as it rested after the split, and as its later fills traded; a
 * limit or stop price per such share), with the shares it was decided for and their exact
 * post-split figure beside it (+83 as decided, +249 after a 3:2 split on … and a 2:1 split on …)
 * — and, where whole shares left a fraction, the whole shares the book could trade (+15 as
 * decided, +22.5000 after a 3:2 split, 22 whole shares). An amended order shows what was decided
 * and what it was amended to (+3 as decided, amended to +1 on …). Each fill keeps the shares it traded.
 */
export function orderLines(orders: readonly OrderWithFills[]): string[] {
  const lines: string[] = [];
  for (const o of orders) {
    if (o.status === 'unrecorded') {
      lines.push(`order ${o.id}  ${o.symbol}  unrecorded (stored before orders were recorded), filled ${signed(o.filled)}`);
    } else {
      const date = o.date as string;
      const decided = o.quantity ?? 0;
      const filled = o.splits.length === 0 ? o.filled : o.fills.reduce((q, f) => q + atEnd(o, f.quantity, f.date), 0);
      const splits = o.splits.map((x) => `a ${splitName(x.ratio)} split on ${x.date}`).join(' and ');
      const asked = o.amendedDate === null ? 'as decided' : 'as amended';
      const tradeable = Math.abs(o.quantityAtEnd ?? 0);
      const whole = o.droppedAtSplits === 0 ? '' : `, ${num(tradeable)} whole share${tradeable === 1 ? '' : 's'}`;
      const through = o.splits.length === 0 ? '' : `; ${signed(decided)} ${asked}, ${signed(snapWhole(atEnd(o, decided, date)))} after ${splits}${whole}`;
      const price = o.type === 'limit' ? ` @ ${num(priceAtEnd(o, o.limitPrice, date))}` : o.type === 'stop' ? ` ${num(priceAtEnd(o, o.stopPrice, date))}` : '';
      const end = o.status === 'filled' ? `filled on ${o.endDate}` : `${o.status}${o.reason ? ` (${o.reason})` : ''} on ${o.endDate}, filled ${signed(filled)}`;
      const amended = o.amendedDate === null ? '' : `; ${o.decidedQuantity === null ? 'its decided shares not stored (a run stored before schema v10)' : `${signed(o.decidedQuantity)} as decided`}, amended to ${signed(decided)} on ${o.amendedDate}`;
      lines.push(`order ${o.id}  ${date}  ${o.symbol}  ${signed(o.quantityAtEnd ?? 0)} ${o.type}${price} ${o.tif} (${o.origin}${amended}${through}) → ${end}`);
    }
    for (const f of o.fills) {
      lines.push(`    fill ${f.date}  ${signed(f.quantity)} @ ${num(f.price)} (reference ${num(f.referencePrice)})  commission ${f.commission.toFixed(2)}  slippage ${f.slippage.toFixed(2)}`);
    }
  }
  return lines;
}
