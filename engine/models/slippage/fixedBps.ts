// A fixed adverse move in basis points of the reference price.

import { z } from 'zod';
import { bps } from '../units.ts';
import type { SlippageModel } from '../types.ts';

const schema = z.object({ kind: z.literal('fixed-bps'), bps }).strict();

/** Buys pay reference × (1 + bps/10 000), sells receive reference × (1 − bps/10 000). */
export const fixedBpsSlippage = {
  schema,
  create: ({ bps }: z.output<typeof schema>): SlippageModel => ({ name: `${bps} bps`, slippage: () => bps / 10_000 }),
};
