/**
 * buy-and-hold — buy the given weights once and never rebalance.
 *
 * Idea: the passive baseline every other strategy must beat after costs.
 * Parameters: `weights` (symbol or @role → NAV weight; default 100% `@smallCap`).
 * Data: prices of the named symbols (ETF prices are enough).
 * It buys on the first session where every named symbol trades (a fund that lists later, such
 * as SMLF in 2015, delays the purchase rather than leaving its sleeve in cash forever).
 */

import { z } from 'zod';
import { everySession } from '../../engine/calendar/schedule.ts';
import { defineStrategy } from '../api.ts';
import { symbolWeightsParam } from '../blocks/params.ts';

export const buyAndHold = defineStrategy({
  name: 'buy-and-hold',
  description: 'Buy fixed weights once, when every named symbol trades, and never rebalance.',
  dataNeeds: 'ETF prices',
  params: z.object({ weights: symbolWeightsParam({ '@smallCap': 1 }, 'symbol or @role → NAV weight, bought once') }).strict(),
  create({ weights }) {
    let bought = false;
    return {
      schedule: everySession,
      init() {
        bought = false;
      },
      decide(view) {
        if (bought || !Object.keys(weights).every((s) => view.tradable(view.resolve(s)))) return undefined;
        bought = true;
        return { weights };
      },
    };
  },
});
