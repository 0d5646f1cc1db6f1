// A fingerprint of the order record (LEAN's order-list hash): two runs with the same hash asked
// for the same orders and saw them end the same way. sha256 over one text line per order, in id
// order, after a version line:
//   decision date \t symbol \t quantity \t type \t limit \t stop \t tif \t origin \t filled \t status \t end \t end date \n
// numbers as in the fills hash (12 significant digits, −0 as 0, NaN as empty).
import { ORDER_END_NAMES, ORDER_ORIGIN_NAMES, ORDER_STATUS_NAMES, ORDER_TYPE_NAMES, TIF_NAMES } from '../../engine/execution/orders.ts';
import type { Orders } from '../../engine/result.ts';
import { type FillsContext, hashLines, hashNumber, sessionDates } from './fillsHash.ts';

const FORMAT = 'breadth-orders/1';

/** sha256 (hex) fingerprint of an order record: two runs with the same hash asked for the same orders and saw them end the same way (format in this file's header). */
export function ordersHash(orders: Orders, context: FillsContext): string {
  const date = sessionDates(context);
  const n = hashNumber;
  const o = orders;
  return hashLines(FORMAT, o.id.length, (k) =>
    [
      date(o.session[k]),
      context.symbols[o.symbol[k]],
      n(o.quantity[k]),
      ORDER_TYPE_NAMES[o.type[k]],
      n(o.limit[k]),
      n(o.stop[k]),
      TIF_NAMES[o.tif[k]],
      ORDER_ORIGIN_NAMES[o.origin[k]],
      n(o.filled[k]),
      ORDER_STATUS_NAMES[o.status[k]],
      ORDER_END_NAMES[o.end[k]],
      date(o.endSession[k]),
    ].join('\t') + '\n',
  );
}
