// A strategy for test/sweep/trialTimeout.test.ts: a fixed size tilt whose decision loops forever
// at the tilts listed in `hang` (a user's bug that shows only for some parameters, and that no
// error ever ends), writing an `x` to the file `tally` as it begins to loop. It imports breadth's
// source, not 'breadth' (which a worker thread of a vitest process resolves to the compiled
// package: a second copy of breadth to load in each fresh thread, a second or two here), so that
// its other trials end well within the tests' 1–2 s limits.

import { appendFileSync } from 'node:fs';
import { z } from 'zod';
import { schedules } from '../../engine/calendar/schedule.ts';
import { defineStrategy } from '../../strategies/api.ts';

export default defineStrategy({
  name: 'hanging-tilt',
  description: 'Small caps against large caps at a fixed tilt; loops forever at the tilts in `hang` (for tests).',
  dataNeeds: 'ETF prices',
  params: z
    .object({
      tilt: z.number().min(0).max(1),
      hang: z.array(z.number()).describe('the tilts whose decision never returns'),
      tally: z.string().describe('file that gets an x each time a decision begins to loop'),
    })
    .strict(),
  create: ({ tilt, hang, tally }) => ({
    schedule: schedules.monthStart,
    decide: () => {
      if (hang.includes(tilt)) {
        appendFileSync(tally, 'x');
        for (;;);
      }
      return { weights: { '@smallCap': tilt, '@largeCap': 1 - tilt } };
    },
  }),
});
