// Interest on cash per session: a constant annual rate or a dated rate series of the market (read
// as of the session accrued to, forward-filled), plus a spread on a debit balance. An annual rate R
// accrues (1 + R)^(k/P) − 1 a session, k the periods of P it covers (1; more across missing dates)
// — the conversion METRICS.md uses for rf_t, so cash at the run's risk-free rate earns exactly
// rf_t each session (zero excess return), not ACT/360's R × days / 360, which pays three days over a weekend and beats a 252-session rf by ~1.4 % a year.

import { z } from 'zod';
import { UserError } from '../../../data/errors.ts';
import { noRateSeries } from '../../../data/folder/rateFiles.ts';
import type { Market } from '../../../data/market.ts';
import { perPeriodRate, rateAsOf, rateSpan } from '../../../data/rates.ts';
import type { CashModel } from '../types.ts';
import { annualRate, bps } from '../units.ts';

const schema = z
  .object({
    /** Interest on cash: a constant annual rate, the name of a market rate series, or none. */
    rate: z.union([annualRate, z.string().min(1), z.null()]).default(null),
    /** Extra annual spread (bps) over the cash rate charged on negative cash. */
    debitSpreadBps: bps.default(0),
  })
  .strict();

/**
 * On a net balance c (AccrualContext.balance) over k = AccrualContext.periods periods of P:
 * c × ((1 + R)^(k/P) − 1) where c > 0, and c × ((1 + R + spread)^(k/P) − 1) where c < 0 (currency, signed; negative = charged). A negative
 * rate charges a credit balance. A series with no rate yet accrues nothing (counted, a caveat);
 * past its end its last rate is carried (counted, a caveat).
 */
export const annualRateCash = {
  schema,
  create(config: z.output<typeof schema>, market: Market): CashModel {
    const setting = config.rate;
    if (typeof setting === 'string' && !(setting in market.rates)) {
      throw new UserError(`engine config: cash.rate: ${noRateSeries(market, setting)}`);
    }
    const series = typeof setting === 'string' ? market.rates[setting] : undefined;
    const span = series ? rateSpan(series) : undefined;
    const spread = config.debitSpreadBps / 10_000;
    let missing = 0;
    let carried = 0;
    return {
      name: setting === null ? 'no interest' : `${typeof setting === 'number' ? `${setting * 100}%/yr` : setting}, debit spread ${config.debitSpreadBps} bps`,
      get missingRateDays() {
        return missing;
      },
      get carriedRate() {
        return span === undefined || carried === 0 ? undefined : { sessions: carried, lastDay: span.lastDay, dueDay: span.carriedAfter, lastRate: span.lastRate };
      },
      interest(a) {
        let rate = typeof setting === 'number' ? setting : 0;
        if (series) {
          rate = rateAsOf(series, a.day);
          if (Number.isNaN(rate)) {
            // No rate yet: nothing accrues on cash or on a debit (the spread is over a rate there is none of), as the caveat says.
            missing++;
            return 0;
          }
          if (a.day > span!.carriedAfter) carried++;
        }
        const cash = a.balance;
        if (cash > 0 && rate !== 0) return cash * perPeriodRate(rate, a.periodsPerYear, a.periods);
        if (cash < 0) return cash * perPeriodRate(rate + spread, a.periodsPerYear, a.periods);
        return 0;
      },
    };
  },
};
