// A strategy for the queue's fault tests: a size tilt that also spends `spinMs` of CPU at each
// decision, so a trial lasts long enough for a worker to be killed in the middle of one.

import { defineStrategy, schedules, z } from 'breadth';

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

export default defineStrategy({
  name: 'slow-tilt',
  description: 'Small caps against large caps at a fixed tilt, slowly (for tests).',
  dataNeeds: 'ETF prices',
  params: z
    .object({
      tilt: z.number().min(0).max(1).default(0.5).describe('weight of the small-cap fund'),
      spinMs: z.number().min(0).default(0).describe('CPU time spent at each decision, ms'),
    })
    .strict(),
  create: ({ tilt, spinMs }) => ({
    schedule: schedules.weekly(1),
    decide: () => {
      spin(spinMs);
      return { weights: { '@smallCap': tilt, '@largeCap': 1 - tilt } };
    },
  }),
});
