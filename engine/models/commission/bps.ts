// Commission in basis points of the traded notional (slippage included).

import { z } from 'zod';
import { bps } from '../units.ts';
import type { CommissionModel } from '../types.ts';

const schema = z.object({ kind: z.literal('bps'), bps }).strict();

/** |shares| × price × bps / 10 000. */
export const bpsCommission = {
  schema,
  create: ({ bps }: z.output<typeof schema>): CommissionModel => ({
    name: `${bps} bps`,
    commission: (fill) => (Math.abs(fill.quantity) * fill.price * bps) / 10_000,
  }),
};
