// A strategy for test/sweep/failures.test.ts: a fixed size tilt that throws at one tilt (a user's
// bug that shows only for some parameters), and counts its failing runs in a file.

import { appendFileSync } from 'node:fs';
import { defineStrategy, schedules, z } from 'breadth';

export default defineStrategy({
  name: 'cursed-tilt',
  description: 'Small caps against large caps at a fixed tilt; throws at tilt 0.5 (for tests).',
  dataNeeds: 'ETF prices',
  params: z.object({ tilt: z.number().min(0).max(1), tally: z.string() }).strict(),
  create: ({ tilt, tally }) => ({
    schedule: schedules.monthStart,
    decide: () => {
      if (tilt === 0.5) {
        appendFileSync(tally, 'x');
        throw new Error('half a tilt is cursed');
      }
      return { weights: { '@smallCap': tilt, '@largeCap': 1 - tilt } };
    },
  }),
});
