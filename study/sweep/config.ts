// The `sweep:` and `walkForward:` blocks of a study file. A sweep block sits at the top of the
// study (for every run) or in a run (for that run only) and names the axes to vary:
//
//   sweep:
//     method: grid                     # or random, with `samples` and `seed`
//     params: { tilt: { from: 0, to: 1, step: 0.25 }, schedule: [month-start, quarter-start] }
//     engine: { commission: [{ kind: bps, bps: 0 }, { kind: bps, bps: 5 }], slippage.bps: [1, 5] }
//     periods: [{ from: 2005-01-01, to: 2015-12-31 }, { from: 2016-01-01 }]
//
// An axis is a list of values or a numeric range; engine axes are key paths into the engine
// settings (dots go down a level). A grid takes every combination; random draws `samples`
// distinct combinations of the grid (or, where an axis is a range without a step, uniform values).

import { z } from 'zod';
import { isoDate } from '../../engine/models/units.ts';
import { unknownEngineSettings } from '../../engine/config.ts';


const range = z
  .object({
    from: z.number(),
    to: z.number(),
    /** Grid spacing; a random sweep may leave it out to draw uniform values in [from, to]. */
    step: z.number().positive().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.from > r.to) ctx.addIssue({ code: 'custom', path: ['from'], message: `${r.from} is above \`to\` ${r.to}: swap them` });
  });

export const axisSchema = z.union([z.array(z.unknown()).min(1, 'an axis needs at least one value'), range]);
export type Axis = z.output<typeof axisSchema>;

export const sweepSchema = z
  .object({
    method: z.enum(['grid', 'random']).default('grid'),
    /** random: how many trials to draw. */
    samples: z.number().int().positive().optional(),
    /** random: the seed of the draw (the same seed draws the same trials). */
    seed: z.number().int().default(1),
    /** Strategy parameters to vary. */
    params: z.record(z.string(), axisSchema).default({}),
    /** Engine settings to vary, by key path (`commission`, `slippage.bps`, `execution`). */
    engine: z.record(z.string(), axisSchema).default({}),
    /** Periods to run each combination over (each sets the engine's from/to). */
    periods: z.array(z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict()).min(1).optional(),
  })
  .strict()
  .superRefine((sweep, ctx) => {
    if (sweep.method === 'random' && sweep.samples === undefined) ctx.addIssue({ code: 'custom', path: ['samples'], message: 'a random sweep needs `samples`' });
    if (sweep.method === 'grid') {
      for (const part of ['params', 'engine'] as const) {
        for (const [key, axis] of Object.entries(sweep[part])) {
          if (!Array.isArray(axis) && axis.step === undefined) ctx.addIssue({ code: 'custom', path: [part, key, 'step'], message: 'a grid range needs a `step` (or use method: random)' });
        }
      }
    }
    for (const key of Object.keys(sweep.engine)) {
      if (key === 'from' || key === 'to') ctx.addIssue({ code: 'custom', path: ['engine', key], message: 'vary the period with `periods`, not engine.from/to' });
      const unknown = unknownEngineSettings([key.split('.')[0]]);
      if (unknown) ctx.addIssue({ code: 'custom', path: ['engine', key], message: unknown });
    }
  });
export type SweepSpec = z.output<typeof sweepSchema>;

/** "3y", "18m" (calendar years / months) or "126d" (sessions); 1 or more (a zero step never advances). */
const spanSchema = z
  .string()
  .regex(/^\d+[ymd]$/, 'write a span as 3y (years), 18m (months) or 126d (sessions)')
  .refine((s) => !/^0+[ymd]$/.test(s), 'a span of 0 never steps forward: write 1 or more, e.g. 6m, 1y or 126d');

export const walkForwardSchema = z
  .object({
    /** In-sample window length. */
    inSample: spanSchema,
    /** Out-of-sample step: each window is tested on this span after its in-sample one. */
    outOfSample: spanSchema,
    /** anchored: every in-sample window starts at the run's start; rolling: it moves with the steps. */
    mode: z.enum(['rolling', 'anchored']).default('rolling'),
    /** The in-sample metric the chosen trial maximises (a METRICS.md name; max_drawdown is maximised too, i.e. the shallowest). */
    metric: z.string().min(1).default('sharpe'),
    /** The strategy parameters to choose among (default: the `params` of the run's sweep, which then may not vary engine settings or periods). */
    params: z.record(z.string(), axisSchema).optional(),
  })
  .strict();
export type WalkForwardSpec = z.output<typeof walkForwardSchema>;
