// A strategy for the queue's fault tests: a size tilt that also spends SLOW_TILT_SPIN_MS (an
// environment variable, 0 when unset) of CPU at each decision, so a trial lasts long enough for a
// worker to be killed in the middle of one. The spin is the process's, not a parameter: it is
// not part of the trial (its key, its fills), so a test sets it on the `breadth worker`s that must
// be slow and compares their trials with a local sweep that runs without it.

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
    })
    .strict(),
  create: ({ tilt }) => {
    const spinMs = Number(process.env.SLOW_TILT_SPIN_MS ?? 0);
    return {
      schedule: schedules.weekly(1),
      decide: () => {
        spin(spinMs);
        return { weights: { '@smallCap': tilt, '@largeCap': 1 - tilt } };
      },
    };
  },
});
