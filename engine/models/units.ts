// Config units the models, the engine and study configs and the metrics' library options share:
// one rule per setting, so a file, a flag and a library call refuse the same values.

import { z } from 'zod';
import { parseIsoDay, preMarketIsoDay } from '../../data/dates.ts';
import { excerpt } from '../../data/errors.ts';

/** Basis points, 0 to 10 000 (100 %). */
export const bps = z.number().min(0).max(10_000);

/**
 * An annual rate as a decimal (0.03 = 3 %), −0.1 to 1: the cash rate and the risk-free rate. A
 * rate above 1 (100 %) is almost surely a percent written as a decimal (5 for 5 %).
 */
export const annualRate = z.number().min(-0.1).max(1);

/** P, periods per year: a whole number from 1 to 366 (252 daily, 52 weekly, 12 monthly). */
export const periodsPerYear = z.number().int().positive().max(366);

/**
 * A date setting (from, to, a sweep's periods): an ISO `YYYY-MM-DD` market date (data/dates.ts
 * parseIsoDay, from 1800-01-01 on). A year before 1800 is said as such, with the full year to write.
 */
export const isoDate = z.string().superRefine((text, ctx) => {
  if (!Number.isNaN(parseIsoDay(text))) return;
  const early = preMarketIsoDay(text);
  ctx.addIssue({ code: 'custom', message: early ? `${early.reason}; ${early.fix}` : 'expected a real date written YYYY-MM-DD' });
});

/**
 * A period (an engine's or a study's `from` and `to`, ISO dates) whose `from` is after its `to`,
 * refused at `from` with both dates and the fix: `"2016-01-01" is after \`to\` "2015-01-01": swap
 * them, or drop \`to\``. The issue's `params.to` is `to`, for a caller that words it in its own names
 * (run's --from and --to).
 */
export function checkPeriodOrder(period: { readonly from?: string; readonly to?: string }, ctx: z.RefinementCtx): void {
  const { from, to } = period;
  if (from && to && from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: `${excerpt(from)} is after \`to\` ${excerpt(to)}: swap them, or drop \`to\``, params: { to } });
}
