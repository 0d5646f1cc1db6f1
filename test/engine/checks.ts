// Checks the invariant properties share (invariants.test.ts): tolerant comparison, the commission a
// fill should pay by the config's formula, and the order record against the fills ledger — each
// recomputed from the inputs, never read back from the engine's state.

import type { EngineConfig } from '../../engine/config.ts';
import { ORDER_END_NAMES, ORDER_STATUS_NAMES } from '../../engine/execution/orders.ts';
import { FILL_REASON_NAMES, FillReason, type Result } from '../../engine/result.ts';

export function fail(message: string): never {
  throw new Error(message);
}

export function near(actual: number, expected: number, scale: number, what: string): void {
  const tol = 1e-9 * Math.max(1, scale, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) fail(`${what}: expected ${expected}, got ${actual} (diff ${actual - expected}, tol ${tol})`);
}

export interface OrderPaid {
  shares: number;
  paid: number;
  session: number;
  sessionShares: number;
  sessionPaid: number;
}

/**
 * A fill's commission from the config's formula: per share, the order's total (or its total in
 * the session, or the fill's) is max(minimum, Σ|shares| × perShare), and each fill pays what it
 * adds to that total; bps: |q| × price × bps. Updates the order's running totals.
 */
export function expectedCommission(config: EngineConfig, orders: Map<number, OrderPaid>, id: number, t: number, q: number, price: number): number {
  const c = config.commission;
  if (c.kind === 'none') return 0;
  if (c.kind === 'bps') return (Math.abs(q) * price * c.bps) / 10_000;
  const o = orders.get(id) ?? { shares: 0, paid: 0, session: -1, sessionShares: 0, sessionPaid: 0 };
  orders.set(id, o);
  if (o.session !== t) Object.assign(o, { session: t, sessionShares: 0, sessionPaid: 0 });
  const [shares, paid] = c.minimumPer === 'order' ? [o.shares, o.paid] : c.minimumPer === 'order-session' ? [o.sessionShares, o.sessionPaid] : [0, 0];
  const charge = Math.max(c.minimum, (shares + Math.abs(q)) * c.perShare) - paid;
  o.shares += Math.abs(q);
  o.paid += charge;
  o.sessionShares += Math.abs(q);
  o.sessionPaid += charge;
  return charge;
}

/**
 * The order record against the fills: every order fill names a recorded order of its symbol,
 * after its decision and by its end; each order's `filled` is the sum of its fills; its status
 * follows from what filled and how it ended; fills no order asked for name order 0.
 */
export function checkOrders(config: EngineConfig, result: Result): void {
  const o = result.orders;
  const f = result.fills;
  const count = o.id.length;
  const filled = new Float64Array(count);
  const last = result.sessions[result.sessions.length - 1];
  for (let k = 0; k < count; k++) if (o.id[k] !== k + 1) fail(`order row ${k} has id ${o.id[k]}`);
  for (let k = 0; k < f.session.length; k++) {
    const id = f.orderId[k];
    const what = `fill #${k} (session ${f.session[k]}, order ${id})`;
    if (f.reason[k] !== FillReason.order) {
      if (id !== 0) fail(`${what}: a ${FILL_REASON_NAMES[f.reason[k]]} fill names an order`);
      continue;
    }
    if (!(id >= 1 && id <= count)) fail(`${what}: no such order`);
    const row = id - 1;
    if (o.symbol[row] !== f.symbol[k]) fail(`${what}: symbol differs from its order's`);
    const earliest = o.session[row] + (config.execution === 'same-close' ? 0 : 1);
    if (f.session[k] < earliest || f.session[k] > o.endSession[row]) fail(`${what}: outside its order's life ${earliest}..${o.endSession[row]}`);
    filled[row] += f.quantity[k];
  }
  for (let k = 0; k < count; k++) {
    const what = `order ${k + 1} (${ORDER_STATUS_NAMES[o.status[k]]}, ${ORDER_END_NAMES[o.end[k]]})`;
    near(o.filled[k], filled[k], Math.abs(o.quantity[k]), `${what} filled`);
    if (o.quantity[k] === 0 || !Number.isFinite(o.quantity[k])) fail(`${what}: requested ${o.quantity[k]}`);
    if (o.endSession[k] < o.session[k] || o.endSession[k] > last) fail(`${what}: ended on ${o.endSession[k]}`);
    const end = ORDER_END_NAMES[o.end[k]];
    const status = ORDER_STATUS_NAMES[o.status[k]];
    if ((end === 'filled') !== (status === 'filled')) fail(`${what}: status and end disagree`);
    if (status !== 'filled' && (filled[k] !== 0) !== (status === 'partially-filled')) fail(`${what}: filled ${filled[k]}`);
    if (status === 'filled' && Math.sign(filled[k]) !== Math.sign(o.quantity[k])) fail(`${what}: filled ${filled[k]} of ${o.quantity[k]}`);
    if (end === 'run-end' && o.endSession[k] !== last) fail(`${what}: still open before the last session`);
  }
}
