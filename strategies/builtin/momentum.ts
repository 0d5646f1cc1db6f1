/**
 * momentum — cross-sectional 12-1 momentum: rank stocks by their return from 12 months to 1 month
 * before the decision (skipping the last month, where returns tend to reverse) and hold the top
 * decile at equal weight, rebalanced monthly.
 *
 * Parameters: `lookback` and `skip` in sessions (defaults 12 months and 1 month of the run's
 * sessions: 252/21 daily, 52/4 weekly, 12/1 monthly), `buckets` (10: deciles), `schedule` (month-start).
 * With fewer rankable names than buckets the best name is still in the top bucket
 * (blocks/quantileBuckets.ts): nine names and deciles hold the best one, not nothing.
 * A name whose own bars are coarser than the run's sessions (blocks/ownWindows.ts) and on which the
 * skip is then not shorter than the lookback is left unranked, and the run says why.
 * Data: stock prices (adjusted for splits and dividends as known at each decision).
 */

import { z } from 'zod';
import { defineStrategy } from '../api.ts';
import { sessionsParam, unresolved } from '../blocks/params.ts';
import { months } from '../blocks/durations.ts';
import { quantileBuckets } from '../blocks/quantileBuckets.ts';
import { scheduleNamed, scheduleParam } from '../blocks/schedules.ts';
import { ownWindowsOrdered } from '../blocks/ownWindows.ts';
import { trailingReturn } from '../blocks/series.ts';
import { filterMembers, withoutRevertingMoves } from '../blocks/universe.ts';
import { noteStaleHoldings } from '../blocks/staleHoldings.ts';
import { equal } from '../blocks/weights.ts';

export const momentum = defineStrategy({
  name: 'momentum',
  description: 'Long the top decile of 12-1 month price momentum, equal weight, monthly.',
  dataNeeds: 'stock prices',
  params: z
    .object({
      lookback: sessionsParam(months(12), 'formation period start, sessions back'),
      skip: sessionsParam(months(1), 'most recent sessions left out of the formation return', 0),
      buckets: z.number().int().min(2).max(100).default(10).describe('quantile buckets (10 = deciles); the top one is held'),
      schedule: scheduleParam('month-start'),
    })
    .strict()
    .refine((p) => unresolved(p.skip, p.lookback) || p.skip < p.lookback, { message: 'must be shorter than lookback', path: ['skip'] }),
  create({ lookback, skip, buckets, schedule }) {
    const scratch = new Float64Array(lookback + 1);
    return {
      schedule: scheduleNamed(schedule),
      decide(view, book) {
        noteStaleHoldings(view, book, 'the universe');
        const members = withoutRevertingMoves(view, view.universe());
        const returns = new Float64Array(view.symbolCount).fill(NaN);
        const skipWindow = { name: 'skip', sessions: skip, least: 0 };
        const lookbackWindow = { name: 'lookback', sessions: lookback, least: 1 };
        for (const i of members) {
          if (ownWindowsOrdered(view, i, 'momentum', skipWindow, lookbackWindow, 'not ranked')) returns[i] = trailingReturn(view, i, lookback, skip, scratch);
        }
        const bucket = quantileBuckets(returns, buckets);
        const winners = filterMembers(members, (i) => bucket[i] === buckets - 1);
        return { weights: equal(winners, view.symbolCount) };
      },
    };
  },
});
