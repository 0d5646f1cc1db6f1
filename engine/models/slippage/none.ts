// No slippage: fills at the reference price.

import { z } from 'zod';
import type { SlippageModel } from '../types.ts';

/** Fills at the reference price. */
export const noSlippage = {
  schema: z.object({ kind: z.literal('none') }).strict(),
  create: (): SlippageModel => ({ name: 'none', slippage: () => 0 }),
};
