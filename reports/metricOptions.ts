// The options a library caller gives the metrics (runMetrics, analyseSeries), checked by the rules a
// study file and the CLI apply to the same settings (engine/models/units.ts): a rate of NaN, 5 or −2
// is a UserError naming the option, never a Sharpe of null read as "insufficient data" or a 500 %
// rate used without a word (probe r54a); a P of 0 is a UserError, not a RangeError.
import type { z } from 'zod';
import { UserError } from '../data/errors.ts';
import { plainIssue } from '../engine/configError.ts';
import { annualRate, periodsPerYear } from '../engine/models/units.ts';

/** Nothing when `schema` takes `value`; else a UserError "`name`: the reason in words, with `value` (`what`)": "riskFree: must be at most 1, got 5 (…)". */
function check(schema: z.ZodNumber, value: number, name: string, what: string): void {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UserError(`${name}: ${plainIssue(parsed.error.issues[0], value) ?? `${parsed.error.issues[0].message}, got ${value}`} (${what})`);
}

/** An annual rate (decimal) in the range a study's riskFree and the engine's cash.rate take; else a UserError naming `name`. */
export function checkAnnualRate(rate: number, name: string): void {
  check(annualRate, rate, name, `an annual rate as a decimal from ${annualRate.minValue} to ${annualRate.maxValue}: 0.03 = 3 %`);
}

/** P (periods per year) as a study and the engine config take it; else a UserError naming `name`. */
export function checkPeriodsPerYear(P: number, name: string): void {
  check(periodsPerYear, P, name, `periods per year: a whole number from 1 to ${periodsPerYear.maxValue}, 252 daily, 52 weekly, 12 monthly`);
}
