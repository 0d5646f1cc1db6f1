// Square-root market impact: k · σ_daily · √(shares / ADV), σ and ADV measured over a trailing
// window ending at the order's decision, ADV counted in the fill's shares (a split between the
// decision and the fill rescales it like the order) (Almgren et al. 2005; Kissell & Glantz,
// "Optimal Trading Strategies", 2003). Where σ or ADV is unknown (a symbol without volume, such as
// an adjusted-close file, or a decision with under two returns of history in the window) it
// charges nothing rather than invent a cost; the run reports those fills (engine/caveats/liquidityGaps.ts).

import { z } from 'zod';
import { liquidityGap } from '../../execution/liquidity.ts';
import type { SlippageModel } from '../types.ts';

const schema = z
  .object({
    kind: z.literal('sqrt-impact'),
    /** Impact coefficient k in k · σ_daily · √(shares / ADV). */
    k: z.number().min(0).default(1),
    /** Trailing sessions for σ_daily and ADV, ending at the decision. */
    window: z.number().int().min(2).default(20),
  })
  .strict();

/** k · σ · √(|shares| / ADV) of the reference price; 0 where σ or ADV is unknown (reported as a `no-impact` caveat). */
export const sqrtImpactSlippage = {
  schema,
  create: ({ k, window }: z.output<typeof schema>): SlippageModel => ({
    name: `${k} · σ · √(shares/ADV), ${window}-session window`,
    liquidityWindow: window,
    slippage(fill) {
      const liquidity = fill.liquidity;
      if (!liquidity || liquidityGap(liquidity) !== 0) return 0;
      return k * liquidity.sigma * Math.sqrt(Math.abs(fill.quantity) / liquidity.adv);
    },
  }),
};
