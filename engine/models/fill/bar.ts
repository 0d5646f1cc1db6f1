// Fills against the session's bar: market orders at the phase's price, limits and stops against
// its high and low (documented in README's run contract).

import { z } from 'zod';
import type { FillModel } from '../types.ts';

const schema = z.object({ kind: z.literal('bar') }).strict();

/**
 * Market: the open (the close in a close fill). Limit buy: the open if open ≤ limit, else the limit
 * if the low reaches it; sells mirror it. Stop buy: once the high reaches the stop, max(open, stop),
 * then a market order; sells mirror it. NaN when a limit or stop is not reached.
 */
export const barFill = {
  schema,
  create: (): FillModel => ({
    name: 'bar: market at the open or close, limits and stops against the high and low',
    referencePrice({ order: o, open, high, low }) {
      const buy = o.quantity > 0;
      if (o.type === 'limit') {
        if (buy) return open <= o.limit ? open : low <= o.limit ? o.limit : NaN;
        return open >= o.limit ? open : high >= o.limit ? o.limit : NaN;
      }
      if (o.type === 'stop' && !o.triggered) {
        const hit = buy ? high >= o.stop : low <= o.stop;
        if (!hit) return NaN;
        return buy ? Math.max(open, o.stop) : Math.min(open, o.stop);
      }
      return open;
    },
  }),
};
