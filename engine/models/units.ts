// Config units the models share.

import { z } from 'zod';

/** Basis points, 0 to 10 000 (100 %). */
export const bps = z.number().min(0).max(10_000);
