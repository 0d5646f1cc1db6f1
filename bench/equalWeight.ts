// The benchmarks' rebalancing strategy: equal weight over the listed symbols at each month start.

import { monthStart } from '../engine/calendar/schedule.ts';
import type { Strategy } from '../engine/strategy.ts';

export const equalWeight: Strategy = {
  name: 'equal-weight (bench)',
  params: {},
  schedule: monthStart,
  decide(view) {
    const weights = new Float64Array(view.symbolCount);
    const listed = view.universe();
    for (const i of listed) weights[i] = 1 / listed.length;
    return { weights };
  },
};
