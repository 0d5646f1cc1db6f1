// A strategy for test/sweep/failures.test.ts: a fixed size tilt that throws at one tilt (a user's
// bug that shows only for some parameters) — an Error, a value that is none, or a decision that
// throws as breadth reads it (a getter, a revoked Proxy) — and counts its failing runs in a file.

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
      thrown: z.enum(['error', 'string', 'object', 'getter', 'revoked']).default('error').describe('what tilt 0.5 throws: an Error, a value that is none, or a decision that throws as breadth reads it'),
    })
    .strict(),
  create: ({ tilt, tally, thrown }) => ({
    schedule: schedules.monthStart,
    decide: () => {
      if (tilt === 0.5) {
        appendFileSync(tally, 'x');
        if (thrown === 'string') throw 'half a tilt is cursed';
        if (thrown === 'object') throw { cursed: tilt };
        if (thrown === 'getter') return { weights: { get '@smallCap'(): number { throw new Error('half a tilt is cursed'); } } as Record<string, number> };
        if (thrown === 'revoked') {
          const weights = Proxy.revocable({ '@smallCap': tilt }, {});
          weights.revoke();
          return { weights: weights.proxy };
        }
        throw new Error('half a tilt is cursed');
      }
      return { weights: { '@smallCap': tilt, '@largeCap': 1 - tilt } };
    },
  }),
});
