/**
 * rate-regime — small caps borrow short and float-rate; falling bill yields ease their funding.
 *
 * Idea: hold the tilted small/large mix (see size-tilt's sleeves) while the 3-month T-bill
 * yield has fallen over the last `months` months by more than `minFall`, the benchmark mix
 * otherwise (also while either reading is unknown: the run says at how many decisions, in a caveat).
 * Parameters: `rate` (series name, default `tbill3m`), `months` (3), `minFall` (0, as a decimal
 * rate: 0.0025 = 25 bp), the sleeve parameters (`small`, `large`, `benchmarkSmall`, `tilt`),
 * `schedule` (month-start).
 * Data: ETF prices and a dated rate series (e.g. FRED DTB3).
 */

import { z } from 'zod';
import type { MarketView } from '../../engine/decisions/view.ts';
import { defineStrategy } from '../api.ts';
import { scheduleNamed, scheduleParam } from '../blocks/schedules.ts';
import { regimeWeights, sleeveParams } from '../blocks/sleeves.ts';

const DAYS_PER_MONTH = 365.25 / 12;

export const rateRegime = defineStrategy({
  name: 'rate-regime',
  description: 'Overweight small caps while the 3-month T-bill yield has fallen over the last k months.',
  dataNeeds: 'ETF prices and a rate series (tbill3m)',
  params: z
    .object({
      rate: z.string().min(1).default('tbill3m').describe('rate series name'),
      months: z.number().int().min(1).max(60).default(3).describe('look-back for the change in the rate, in months'),
      minFall: z.number().min(0).max(1).default(0).describe('required fall in the rate (decimal: 0.0025 = 25 bp)'),
      ...sleeveParams,
      schedule: scheduleParam('month-start'),
    })
    .strict(),
  create(p) {
    const lagDays = Math.round(p.months * DAYS_PER_MONTH);
    return {
      schedule: scheduleNamed(p.schedule),
      decide: (view) => ({ weights: regimeWeights(p, rateFell(view, p.rate, lagDays, p.minFall)) }),
    };
  },
});

/**
 * True when the rate now is below its value `lagDays` ago by more than `minFall`; false when either
 * reading is unknown (before the series starts), and the run says so (MarketView.signalUnknown:
 * "the change in rate tbill3m over 91 days unknown at … decisions …; rate-regime held its neutral mix").
 */
export function rateFell(view: MarketView, rate: string, lagDays: number, minFall: number): boolean {
  const [now, before] = [view.rate(rate), view.rate(rate, lagDays)];
  if (Number.isNaN(now) || Number.isNaN(before)) view.signalUnknown(`the change in rate ${rate} over ${lagDays} days`, 'held its neutral mix');
  return now < before - minFall;
}
