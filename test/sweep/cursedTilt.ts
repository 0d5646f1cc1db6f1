// A strategy for test/sweep/failures.test.ts: a fixed size tilt that throws at one tilt (a user's
// bug that shows only for some parameters) — an Error, or a value that is none — and counts its
// failing runs in a file.

import { appendFileSync } from 'node:fs';
import { defineStrategy, schedules, z } from 'breadth';

export default defineStrategy({
  name: 'cursed-tilt',
  description: 'Small caps against large caps at a fixed tilt; throws at tilt 0.5 (for tests).',
  dataNeeds: 'ETF prices',
  params: z
    .object({
      tilt: z.number().min(0).max(1),
      tally: z.string(),
      thrown: z.enum(['error', 'string', 'object']).default('error').describe('what tilt 0.5 throws: an Error, or a value that is none'),
    })
    .strict(),
  create: ({ tilt, tally, thrown }) => ({
    schedule: schedules.monthStart,
    decide: () => {
      if (tilt === 0.5) {
        appendFileSync(tally, 'x');
        if (thrown === 'string') throw 'half a tilt is cursed';
        if (thrown === 'object') throw { cursed: tilt };
        throw new Error('half a tilt is cursed');
      }
      return { weights: { '@smallCap': tilt, '@largeCap': 1 - tilt } };
    },
  }),
});
