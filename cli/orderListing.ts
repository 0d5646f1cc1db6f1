// `breadth runs show --orders`: each order of a stored run with its fills beneath it, and the
// one-line tally by status that `runs show` prints without the flag.

import { splitName } from '../data/prices/priceSeries.ts';
import { pricePerNewShare, snapWhole, splitParts } from '../engine/shares.ts';
import { splitsBetween } from '../reports/bookCaveats.ts';
import type { StoredFill, StoredOrder, StoredRun, StoredSplit } from '../reports/store/index.ts';

export interface OrderWithFills extends StoredOrder {
  fills: StoredFill[];
  /** The splits of its symbol from the day after it was decided to the day it ended (they rescaled it while it rested). */
  splits: StoredSplit[];
  /**
   * Signed shares it asked for in the shares of its end, as the book could trade them: its fills
   * before each split rescaled by it, plus what still rested after the last split (in a whole-share
   * run rounded toward zero at each split, as engine/orderBook.ts applySplit rests it). `quantity`
   * when no split; null for an unrecorded order.
   */
  quantityAtEnd: number | null;
  /** The fractions of a share its splits left and a whole-share run dropped, in the shares of its end (0 when none). */
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
      return { ...o, fills, splits, ...throughSplits(o.quantity, fills, splits, whole) };
    });
}

/**
 * An order's quantity through the splits it rested across, as the engine rests it: at each ex-date
 * (before that day's fills) what is still to fill is scaled by the ratio and, in whole shares,
 * rounded toward zero (engine/shares.ts splitParts), the fraction dropped.
 */
function throughSplits(quantity: number | null, fills: readonly StoredFill[], splits: readonly StoredSplit[], whole: boolean): Pick<OrderWithFills, 'quantityAtEnd' | 'droppedAtSplits'> {
  if (quantity === null || splits.length === 0) return { quantityAtEnd: quantity, droppedAtSplits: 0 };
  let left = quantity;
  let traded = 0;
  let dropped = 0;
  let f = 0;
  for (const x of splits) {
    for (; f < fills.length && fills[f].date < x.date; f++) {
      left -= fills[f].quantity;
      traded += fills[f].quantity;
    }
    const parts = splitParts(left, x.ratio);
    left = whole ? parts.whole : parts.whole + parts.fraction;
    traded *= x.ratio;
    dropped = dropped * x.ratio + (whole ? parts.fraction : 0);
  }
  return { quantityAtEnd: snapWhole(traded) + left, droppedAtSplits: dropped };
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
 * shown in the shares of its end (as it rested after the split, and as its later fills traded; a limit or stop price per such share),
 * with the shares it was decided for beside it — and, where whole shares dropped a fraction at the
 * split, the exact post-split figure and the whole shares the book could trade (+15 as decided,
 * +22.5000 after a 3:2 split, 22 whole shares); each fill keeps the shares it traded.
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
      const through =
        o.splits.length === 0 ? '' : o.droppedAtSplits === 0 ? `; ${signed(decided)} as decided, before ${splits}` : `; ${signed(decided)} as decided, ${signed(atEnd(o, decided, date))} after ${splits}, ${num(Math.abs(o.quantityAtEnd ?? 0))} whole shares`;
      const price = o.type === 'limit' ? ` @ ${num(priceAtEnd(o, o.limitPrice, date))}` : o.type === 'stop' ? ` ${num(priceAtEnd(o, o.stopPrice, date))}` : '';
      const end = o.status === 'filled' ? `filled on ${o.endDate}` : `${o.status}${o.reason ? ` (${o.reason})` : ''} on ${o.endDate}, filled ${signed(filled)}`;
      const amended = o.amendedDate === null ? '' : `; amended on ${o.amendedDate}`;
      lines.push(`order ${o.id}  ${date}  ${o.symbol}  ${signed(o.quantityAtEnd ?? 0)} ${o.type}${price} ${o.tif} (${o.origin}${amended}${through}) → ${end}`);
    }
    for (const f of o.fills) {
      lines.push(`    fill ${f.date}  ${signed(f.quantity)} @ ${num(f.price)} (reference ${num(f.referencePrice)})  commission ${f.commission.toFixed(2)}  slippage ${f.slippage.toFixed(2)}`);
    }
  }
  return lines;
}
