// No commission.

import { z } from 'zod';
import type { CommissionModel } from '../types.ts';

/** Free trading. */
export const noCommission = {
  schema: z.object({ kind: z.literal('none') }).strict(),
  create: (): CommissionModel => ({ name: 'none', commission: () => 0 }),
};
