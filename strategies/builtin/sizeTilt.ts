/**
 * size-tilt — does leaning toward small caps pay, net of costs?
 *
 * Mode `etf`: two sleeves, a small-cap fund (`small`, default `@smallCap`) and a large-cap fund
 * (`large`, default `@largeCap`). The benchmark holds `benchmarkSmall` (10%) in small caps;
 * the strategy holds benchmarkSmall + tilt × (1 − benchmarkSmall): tilt 0 is the benchmark,
 * 1 is all small caps. On each scheduled decision it trades only when a sleeve is more than
 * `band` away from its target (0 = always rebalance).
 * Mode `stocks`: the stock universe (optionally only the `topK` largest) weighted ∝ marketCap^α:
 * α = 1 is the cap-weighted benchmark, α = 0 equal weight, in between a graded small-cap tilt.
 * Data: ETF prices (etf mode); stock prices with shares outstanding (stocks mode).
 */

import { z } from 'zod';
import { AssetClass } from '../../data/market.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { defineStrategy } from '../api.ts';
import { withinBand } from '../blocks/bands.ts';
import { onlyWith } from '../blocks/params.ts';
import { scheduleNamed, scheduleParam } from '../blocks/schedules.ts';
import { regimeWeights, sleeveParams } from '../blocks/sleeves.ts';
import { membersWithCaps } from '../blocks/missingFundamentals.ts';
import { capRankBand, requireFundamentals, withoutRevertingMoves } from '../blocks/universe.ts';
import { noteStaleHoldings } from '../blocks/staleHoldings.ts';
import { capPower } from '../blocks/weights.ts';

export const sizeTilt = defineStrategy({
  name: 'size-tilt',
  description: 'Overweight small caps against a benchmark mix (ETF sleeves) or weight stocks by marketCap^α.',
  dataNeeds: 'ETF prices (etf mode) or stocks with shares outstanding (stocks mode)',
  params: z
    .object({
      mode: z.enum(['etf', 'stocks']).default('etf').describe('etf: two fund sleeves; stocks: weights ∝ marketCap^alpha'),
      // The sleeves are etf mode's; stocks mode reads none of them.
      small: onlyWith(sleeveParams.small, 'mode', ['etf']),
      large: onlyWith(sleeveParams.large, 'mode', ['etf']),
      benchmarkSmall: onlyWith(sleeveParams.benchmarkSmall, 'mode', ['etf']),
      tilt: onlyWith(sleeveParams.tilt, 'mode', ['etf']),
      band: onlyWith(z.number().min(0).max(1).default(0.02).describe('etf mode: trade only when a sleeve is this far from target'), 'mode', ['etf']),
      alpha: onlyWith(z.number().min(0).max(1).default(0.5).describe('stocks mode: exponent on market cap (1 = cap weight, 0 = equal weight)'), 'mode', ['stocks']),
      topK: onlyWith(z.number().int().min(1).optional().describe('stocks mode: only the K largest stocks at each decision'), 'mode', ['stocks']),
      schedule: scheduleParam('month-start'),
    })
    .strict(),
  create(p) {
    return {
      schedule: scheduleNamed(p.schedule),
      decide(view, book) {
        if (p.mode === 'stocks') {
          requireFundamentals(view, ['sharesOutstanding'], 'size-tilt mode=stocks (weights ∝ market cap)', 'use mode=etf');
          noteStaleHoldings(view, book, 'the universe');
          return { weights: capPowerWeights(view, p.alpha, p.topK) };
        }
        const targets = regimeWeights(p, true);
        return withinBand(view, book, targets, p.band) ? undefined : { weights: targets };
      },
    };
  },
});

/**
 * Stocks weighted ∝ marketCap^alpha at the decision close, over the top K by cap when given; stocks
 * without a market cap are left out, and said (membersWithCaps).
 */
export function capPowerWeights(view: MarketView, alpha: number, topK = Infinity): Float64Array {
  const caps = view.marketCap();
  const sized = membersWithCaps(view, withoutRevertingMoves(view, view.universe(AssetClass.stock)), caps, 'the cap weights');
  return capPower(capRankBand(sized, caps, 0, topK), caps, alpha);
}
