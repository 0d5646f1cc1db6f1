// Per-share commission with a minimum (Interactive Brokers' fixed pricing is 0.005/share, min 1).

import { z } from 'zod';
import type { CommissionModel } from '../types.ts';

/**
 * What the minimum applies to. `order` (default): an order pays max(minimum, Σ|shares| × perShare)
 * over all its fills, so a resting order that fills in parts pays the minimum once. `fill`: every
 * fill pays at least the minimum. `order-session`: the minimum once per order and session (the
 * rule of brokers that bill a partly filled order anew each day). breadth fills an order at most
 * once a session, so `fill` and `order-session` charge alike.
 */
export const MINIMUM_PER = ['order', 'fill', 'order-session'] as const;

const schema = z
  .object({
    kind: z.literal('per-share'),
    /** Currency per share traded. */
    perShare: z.number().min(0),
    /** Currency, at least this per order (or per fill, or per order and session: `minimumPer`). */
    minimum: z.number().min(0).default(0),
    minimumPer: z.enum(MINIMUM_PER).default('order'),
  })
  .strict();

/** |shares| × perShare, at least `minimum` per order (default), per fill, or per order and session. */
export const perShareCommission = {
  schema,
  create({ perShare, minimum, minimumPer }: z.output<typeof schema>): CommissionModel {
    const per = minimumPer === 'order-session' ? 'order and session' : minimumPer;
    return {
      name: `${perShare}/share, min ${minimum} per ${per}`,
      commission(fill) {
        const shares = Math.abs(fill.quantity);
        if (shares === 0) return 0;
        const o = fill.order;
        const sameSession = o.lastFillSession === fill.session;
        // What this order (or this order today) has already filled and paid.
        const before = minimumPer === 'order' ? Math.abs(o.filled) : minimumPer === 'order-session' && sameSession ? Math.abs(o.sessionFilled) : 0;
        if (before === 0) return Math.max(minimum, shares * perShare);
        if (before * perShare >= minimum) return shares * perShare; // the minimum is behind it
        const paid = minimumPer === 'order' ? o.commission : o.sessionCommission;
        return Math.max(0, Math.max(minimum, (before + shares) * perShare) - paid);
      },
    };
  },
};
