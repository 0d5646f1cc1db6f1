// Interest on cash, ACT/360: a constant annual rate or a dated rate series of the market (read as
// of the previous close), plus a spread on negative cash.

import { z } from 'zod';
import { UserError } from '../../../data/errors.ts';
import type { Market } from '../../../data/market.ts';
import { rateAsOf } from '../../../data/rates.ts';
import type { CashModel } from '../types.ts';
import { bps } from '../units.ts';

const DAY_COUNT = 360;

const schema = z
  .object({
    /** Interest on cash: a constant annual rate, the name of a market rate series, or none. */
    rate: z.union([z.number().min(-0.1).max(1), z.string().min(1), z.null()]).default(null),
    /** Extra annual spread (bps) over the cash rate charged on negative cash. */
    debitSpreadBps: bps.default(0),
  })
  .strict();

/** cash × rate × days / 360 on positive cash; −|cash| × (rate + spread) × days / 360 on negative cash. */
export const annualRateCash = {
  schema,
  create(config: z.output<typeof schema>, market: Market): CashModel {
    const setting = config.rate;
    if (typeof setting === 'string' && !(setting in market.rates)) {
      throw new UserError(`engine config: cash.rate: no rate series "${setting}" in ${market.name} (has: ${Object.keys(market.rates).join(', ') || 'none'})`);
    }
    const series = typeof setting === 'string' ? market.rates[setting] : undefined;
    const spread = config.debitSpreadBps / 10_000;
    let missing = 0;
    return {
      name: setting === null ? 'no interest' : `${typeof setting === 'number' ? `${setting * 100}%/yr` : setting}, debit spread ${config.debitSpreadBps} bps`,
      get missingRateDays() {
        return missing;
      },
      interest(a) {
        let rate = typeof setting === 'number' ? setting : 0;
        if (series) {
          rate = rateAsOf(series, a.day);
          if (Number.isNaN(rate)) {
            missing++;
            rate = 0;
          }
        }
        const cash = a.balance;
        if (cash > 0 && rate !== 0) return (cash * rate * a.days) / DAY_COUNT;
        if (cash < 0) return -((-cash * (rate + spread) * a.days) / DAY_COUNT);
        return 0;
      },
    };
  },
};
