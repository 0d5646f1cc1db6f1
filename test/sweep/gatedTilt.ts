// A strategy for test/sweep/resume.test.ts: a fixed size tilt whose decisions wait while a gate
// file exists, so a test can hold a coordinator's trials in flight for as long as it needs.

import { existsSync } from 'node:fs';
import { defineStrategy, schedules, z } from 'breadth';

const pause = new Int32Array(new SharedArrayBuffer(4));

export default defineStrategy({
  name: 'gated-tilt',
  description: 'Small caps against large caps at a fixed tilt, deciding only while no gate file exists (for tests).',
  dataNeeds: 'ETF prices',
  params: z.object({ tilt: z.number().min(0).max(1), gate: z.string() }).strict(),
  create: ({ tilt, gate }) => ({
    schedule: schedules.monthStart,
    decide: () => {
      while (existsSync(gate)) Atomics.wait(pause, 0, 0, 20);
      return { weights: { '@smallCap': tilt, '@largeCap': 1 - tilt } };
    },
  }),
});
