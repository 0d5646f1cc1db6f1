// `breadth runs show --orders`: each order of a stored run with its fills beneath it, and the
// one-line tally by status that `runs show` prints without the flag.

import { splitResting } from '../engine/execution/restingSplit.ts';
import { splitLabel } from '../engine/caveats/splitCaveats.ts';
import { type ExactShares, pricePerNewShare, snapWhole } from '../engine/accounting/shares.ts';
import { splitsBetween } from '../reports/caveats/bookCaveats.ts';
import { decimals } from '../reports/html/page/decimals.ts';
import type { StoredFill, StoredOrder, StoredRun, StoredSplit } from '../reports/store/index.ts';

export interface OrderWithFills extends StoredOrder {
  fills: StoredFill[];
  /** The splits of its symbol from the day after it was decided to the day it ended (they rescaled it while it rested). */
  splits: StoredSplit[];
  /**
   * Signed shares it asked for in the shares of its end, as the book could trade them: its fills
   * before each split rescaled by it, plus what still rested after the last split (in a whole-share
   * run the exact count's whole part, or the whole shares the position kept for an order closing
   * it, as engine/execution/orderBook.ts applySplit rests it; for a filled order, what it filled). `quantity`
   * when no split; null for an unrecorded order.
   */
  quantityAtEnd: number | null;
  /** The shares its splits left beyond quantityAtEnd that a whole-share run could not trade (a fraction, or what the position paid as cash in lieu), in the shares of its end (0 when none). */
  droppedAtSplits: number;
}

/** The run's orders (of one symbol, when given), each with its fills in ledger order and the splits it lived through. */
export function ordersWithFills(stored: StoredRun, symbol?: string): OrderWithFills[] {
  const byOrder = groupBy(stored.fills.filter((f) => f.orderId !== null), (f) => f.orderId as number);
  // Manifests from before the setting existed ran in whole shares (its default).
  const whole = (stored.manifest.config.shares ?? 'whole') === 'whole';
  const lived = (o: StoredOrder): StoredSplit[] =>
    o.date === null || o.endDate === null ? [] : splitsBetween(stored.splits, o.symbol, o.date, o.endDate);
  const listed = stored.orders
    .filter((o) => symbol === undefined || o.symbol === symbol)
    .map((o) => ({ ...o, fills: byOrder.get(o.id) ?? [], splits: lived(o), quantityAtEnd: o.quantity, droppedAtSplits: 0 }));
  // A symbol's orders, fills and splits together: the rule a split applies to one order depends on the position and the orders before it.
  const split = new Set(listed.filter((o) => o.splits.length > 0).map((o) => o.symbol));
  const of = <T extends { symbol: string }>(rows: readonly T[]): Map<string, T[]> => groupBy(rows.filter((r) => split.has(r.symbol)), (r) => r.symbol);
  const fills = of(stored.fills);
  const splits = of(stored.splits);
  for (const [name, orders] of of(listed)) throughSplits(orders, fills.get(name) ?? [], splits.get(name) ?? [], whole);
  return listed;
}

/** `rows` by `key`, each group in the rows' order. */
function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const by = new Map<K, T[]>();
  for (const r of rows) {
    const list = by.get(key(r));
    if (list) list.push(r);
    else by.set(key(r), [r]);
  }
  return by;
}

/** An order's state while the listing replays its symbol's splits: what is still to fill, exactly, and what it traded, in the shares of the last split. */
interface Resting {
  left: ExactShares;
  traded: number;
  /** Its fills counted so far. */
  f: number;
}

/**
 * The orders of one symbol (`orders`, in id order, which is the book's order) through its `splits`
 * (in date order), as the engine rests them; sets each one's quantityAtEnd and droppedAtSplits. At
 * each ex-date (before that day's fills) what each order still has to fill — carried exactly, with
 * the fraction earlier splits left — is rescaled by the rule the book applies
 * (engine/execution/restingSplit.ts splitResting), from the position held then (the symbol's `fills`, every
 * ledger row, summed through the earlier splits); a whole-share run trades its whole part. A filled
 * order asked for what it filled.
 */
function throughSplits(orders: readonly OrderWithFills[], fills: readonly StoredFill[], splits: readonly StoredSplit[], whole: boolean): void {
  const state = new Map<number, Resting>();
  let held = 0;
  let g = 0;
  for (const x of splits) {
    for (; g < fills.length && fills[g].date < x.date; g++) held += fills[g].quantity;
    const rescale = splitResting(snapWhole(held), x.ratio, whole);
    for (const o of orders) {
      if (o.quantity === null || o.date === null || o.endDate === null || !(o.date < x.date && x.date <= o.endDate)) continue;
      const s = state.get(o.id) ?? { left: { whole: o.quantity, numerator: 0, denominator: 1 }, traded: 0, f: 0 };
      for (; s.f < o.fills.length && o.fills[s.f].date < x.date; s.f++) {
        s.left.whole -= o.fills[s.f].quantity;
        s.traded += o.fills[s.f].quantity;
      }
      s.left = rescale(s.left);
      if (!whole) s.left = { whole: s.left.whole + s.left.numerator / s.left.denominator, numerator: 0, denominator: 1 };
      s.traded *= x.ratio;
      state.set(o.id, s);
    }
    held *= x.ratio;
  }
  for (const o of orders) {
    const s = state.get(o.id);
    if (s === undefined) continue;
    const before = snapWhole(s.traded);
    o.quantityAtEnd = o.status === 'filled' ? o.fills.slice(s.f).reduce((q, x) => q + x.quantity, before) : before + s.left.whole;
    o.droppedAtSplits = snapWhole(atEnd(o, o.quantity as number, o.date as string) - o.quantityAtEnd);
  }
}

/** `shares` on `date` in the shares of the order's end: × the ratio of each split after that date. */
function atEnd(o: OrderWithFills, shares: number, date: string): number {
  return o.splits.reduce((q, x) => (x.date > date ? q * x.ratio : q), shares);
}

/** A limit or stop price set on `date`, per share of the order's end (as the engine rests it: engine/accounting/shares.ts pricePerNewShare). */
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

const num = (x: number | null): string => (x === null ? '—' : Number.isInteger(x) ? String(x) : decimals(x, 4));
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
      const splits = o.splits.map((x) => `a ${splitLabel(x.ratio)} on ${x.date}`).join(' and ');
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
      lines.push(`    fill ${f.date}  ${signed(f.quantity)} @ ${num(f.price)} (reference ${num(f.referencePrice)})  commission ${decimals(f.commission, 2)}  slippage ${decimals(f.slippage, 2)}`);
    }
  }
  return lines;
}
