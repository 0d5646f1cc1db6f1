/**
 * equal-weight — every stock in the universe at 1/N, rebalanced monthly.
 *
 * Idea: the size-agnostic baseline; next to the cap-weighted index it carries an implicit
 * small-cap tilt, which is exactly what the size-tilt question asks about.
 * Parameters: `schedule` (default month-start).
 * Data: stock prices (the universe is every stock with a price at the decision).
 */

import { z } from 'zod';
import { defineStrategy } from '../api.ts';
import { scheduleNamed, scheduleParam } from '../blocks/schedules.ts';
import { equal } from '../blocks/weights.ts';
import { withoutRevertingMoves } from '../blocks/universe.ts';
import { noteStaleHoldings } from '../blocks/staleHoldings.ts';

export const equalWeight = defineStrategy({
  name: 'equal-weight',
  description: 'Every stock in the universe at equal weight, rebalanced monthly.',
  dataNeeds: 'stock prices',
  params: z.object({ schedule: scheduleParam('month-start') }).strict(),
  create({ schedule }) {
    return {
      schedule: scheduleNamed(schedule),
      decide(view, book) {
        noteStaleHoldings(view, book, 'the universe');
        return { weights: equal(withoutRevertingMoves(view, view.universe()), view.symbolCount) };
      },
    };
  },
});
