// Crossing half of a quoted bid-ask spread.

import { z } from 'zod';
import { bps } from '../units.ts';
import type { SlippageModel } from '../types.ts';

const schema = z.object({ kind: z.literal('half-spread'), spreadBps: bps }).strict();

/** An adverse move of half the spread: spreadBps / 20 000 of the reference price. */
export const halfSpreadSlippage = {
  schema,
  create: ({ spreadBps }: z.output<typeof schema>): SlippageModel => ({ name: `half of a ${spreadBps} bps spread`, slippage: () => spreadBps / 20_000 }),
};
