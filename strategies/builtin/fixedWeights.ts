/**
 * fixed-weights — hold constant weights, rebalanced on a calendar (e.g. 60/40).
 *
 * Idea: the classic constant-mix baseline; the rebalance itself is the strategy (sell what rose).
 * Parameters: `weights` (symbol or @role → NAV weight; default 60% `@largeCap` / 40% `@smallCap`),
 * `schedule` (default quarter-end), `driftBand` (optional: also rebalance on any session where
 * a holding strays more than this from its target).
 * Data: prices of the named symbols (ETF prices are enough).
 */

import { z } from 'zod';
import { withDriftBand } from '../../engine/calendar/schedule.ts';
import { defineStrategy } from '../api.ts';
import { symbolWeightsParam } from '../blocks/params.ts';
import { scheduleNamed, scheduleParam } from '../blocks/schedules.ts';

export const fixedWeights = defineStrategy({
  name: 'fixed-weights',
  description: 'Constant weights (default 60% large caps / 40% small caps), rebalanced on a calendar and optionally on drift.',
  dataNeeds: 'ETF prices',
  params: z
    .object({
      weights: symbolWeightsParam({ '@largeCap': 0.6, '@smallCap': 0.4 }, 'symbol or @role → target NAV weight'),
      schedule: scheduleParam('quarter-end'),
      driftBand: z.number().gt(0).lt(1).optional().describe('also rebalance when a weight strays more than this from target (e.g. 0.05)'),
    })
    .strict(),
  create({ weights, schedule, driftBand }) {
    const base = scheduleNamed(schedule);
    return {
      schedule: driftBand === undefined ? base : withDriftBand(base, driftBand),
      decide: () => ({ weights }),
    };
  },
});
