// A participation cap: at most a share of the session's volume, over all orders of the symbol;
// the rest rests for the next session.

import { z } from 'zod';
import type { VolumeLimit } from '../types.ts';

/** Config `participationCap`: the share of a session's volume (0 < cap ≤ 1). */
const schema = z.number().gt(0).max(1);

/** cap × the session's volume (no limit where the series has no volume; the broker reads a blank cell as the last volume before it). */
export const participationCap = {
  schema,
  create: (cap: z.output<typeof schema>): VolumeLimit => ({
    name: `${cap * 100}% of session volume`,
    maxShares: ({ volume }) => (Number.isFinite(volume) ? cap * volume : Infinity),
  }),
};
