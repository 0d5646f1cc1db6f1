/**
 * breadth-thrust — lean into small caps when participation surges.
 *
 * Idea: breadth = share of the stock universe closing above its `window`-session average of
 * adjusted closes. When breadth crosses `upper` from below (a thrust: most stocks turning up
 * together), hold the tilted small/large mix; go back to the benchmark mix only when breadth
 * falls below `lower`. The gap between the thresholds (hysteresis) keeps it from flip-flopping
 * around one level. Checked every session by default; trades only on a regime change. While no
 * stock has a full window (before the stock prices start, a warm-up) breadth is unknown: the mix
 * stays as it was (neutral at first) and the run says at how many sessions, in a caveat.
 * Parameters: `window` (sessions; default 50 trading days of the run's sessions: 50 daily, 10 weekly), `upper` (0.6), `lower` (0.4), sleeve parameters (`small`, `large`,
 * `benchmarkSmall`, `tilt`), `schedule` (every-session).
 * Data: stock prices for breadth, ETF prices for the sleeves.
 */

import { z } from 'zod';
import { AssetClass } from '../../data/market.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { defineStrategy } from '../api.ts';
import { tradingDays } from '../blocks/durations.ts';
import { sessionsParam } from '../blocks/params.ts';
import { scheduleNamed, scheduleParam } from '../blocks/schedules.ts';
import { movingAverage } from '../blocks/series.ts';
import { regimeWeights, sleeveParams } from '../blocks/sleeves.ts';
import { withoutRevertingMoves } from '../blocks/universe.ts';

export const breadthThrust = defineStrategy({
  name: 'breadth-thrust',
  description: 'Tilt to small caps when the share of stocks above their 50-day average thrusts up; hysteresis back.',
  dataNeeds: 'stock prices and ETF prices',
  params: z
    .object({
      window: sessionsParam(tradingDays(50), 'moving-average window in sessions'),
      upper: z.number().gt(0).lt(1).default(0.6).describe('breadth crossing this from below starts a tilt'),
      lower: z.number().gt(0).lt(1).default(0.4).describe('breadth falling below this ends the tilt'),
      ...sleeveParams,
      schedule: scheduleParam('every-session'),
    })
    .strict()
    .refine((p) => p.lower < p.upper, { message: 'must be below upper', path: ['lower'] }),
  create(p) {
    const scratch = new Float64Array(p.window);
    let tilted = false;
    let previous = NaN;
    let decided = false;
    return {
      schedule: scheduleNamed(p.schedule),
      init() {
        tilted = false;
        previous = NaN;
        decided = false;
      },
      decide(view) {
        const now = breadth(view, p.window, scratch);
        if (Number.isNaN(now)) view.signalUnknown(`breadth (no stock with ${p.window} sessions of prices)`, tilted ? 'kept its tilted mix' : 'held its neutral mix');
        const was = tilted;
        if (!tilted && previous < p.upper && now >= p.upper) tilted = true;
        else if (tilted && now < p.lower) tilted = false;
        if (!Number.isNaN(now)) previous = now;
        if (decided && was === tilted) return undefined;
        decided = true;
        return { weights: regimeWeights(p, tilted) };
      },
    };
  },
});

/** Share of stocks with a full window whose close is above their moving average (NaN when none has). */
export function breadth(view: MarketView, window: number, scratch = new Float64Array(window)): number {
  let above = 0;
  let counted = 0;
  const last = new Float64Array(1);
  for (const i of withoutRevertingMoves(view, view.universe(AssetClass.stock))) {
    const average = movingAverage(view, i, window, scratch);
    if (Number.isNaN(average)) continue;
    counted++;
    // The last close read alone: on a symbol with coarser bars the average spans fewer than `window` of them, not `scratch`.
    if (view.adjustedBars(i, 1, last)[0] > average) above++;
  }
  return counted > 0 ? above / counted : NaN;
}
