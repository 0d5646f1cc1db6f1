// Square-root market impact: k · σ_daily · √(shares / ADV), σ and ADV measured over a trailing
// window ending at the order's decision, ADV counted in the fill's shares (a split between the
// decision and the fill rescales it like the order) (Almgren et al. 2005; Kissell & Glantz,
// "Optimal Trading Strategies", 2003). No impact where σ or ADV is unknown.

import { z } from 'zod';
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

/** k · σ · √(|shares| / ADV) of the reference price. */
export const sqrtImpactSlippage = {
  schema,
  create: ({ k, window }: z.output<typeof schema>): SlippageModel => ({
    name: `${k} · σ · √(shares/ADV), ${window}-session window`,
    liquidityWindow: window,
    slippage(fill) {
      const liquidity = fill.liquidity;
      if (!liquidity || !(liquidity.adv > 0) || Number.isNaN(liquidity.sigma)) return 0;
      return k * liquidity.sigma * Math.sqrt(Math.abs(fill.quantity) / liquidity.adv);
    },
  }),
};
