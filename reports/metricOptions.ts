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

/**
 * A constant per-period risk-free return `rate` over `P` periods a year: refused (a UserError naming
 * `name`) unless it is finite and its annual equivalent (1 + rate)^P − 1 is in the range an annual
 * rate takes (checkAnnualRate), with the value meant where `rate` / 100 would be (a percent typed
 * as a decimal): "--rf-per-period 5: …" is 4e+195 a year at P = 252, not a risk-free rate.
 */
export function checkPerPeriodRate(rate: number, P: number, name: string): void {
  if (!Number.isFinite(rate)) throw new UserError(`${name} ${String(rate)}: a per-period return must be a finite number`);
  const annual = (r: number): number => (r > -1 ? (1 + r) ** P - 1 : Number.NaN);
  if (annualRate.safeParse(annual(rate)).success) return;
  const example = Number((1.05 ** (1 / P) - 1).toPrecision(1));
  const a = annual(rate);
  const comes = Number.isNaN(a) ? `${rate} loses everything each period` : `${rate} comes to ${a < 1e6 ? shownOutside(a, annualRate.minValue!, annualRate.maxValue!) : a.toExponential(2)}`;
  const decimal = Number((rate / 100).toPrecision(12));
  const meant = annualRate.safeParse(annual(decimal)).success ? `; did you mean ${decimal}?` : '';
  throw new UserError(
    `${name} ${rate}: the risk-free return per period, compounded over P = ${P} periods a year ((1 + r)^P − 1), is an annual decimal from ${annualRate.minValue} to ${annualRate.maxValue} ` +
      `(${example} = ${Number((annual(example) * 100).toFixed(1))} % a year); ${comes}${meant}`,
  );
}

/**
 * `value`, outside [min, max], to 3 significant digits, or as many more as show it outside: 1.00136
 * is 1.001, not 1 (the bound it exceeds), and −0.10009 is −0.1001.
 */
function shownOutside(value: number, min: number, max: number): number {
  for (let digits = 3; digits < 17; digits++) {
    const shown = Number(value.toPrecision(digits));
    if (shown < min || shown > max) return shown;
  }
  return value;
}

/** P (periods per year) as a study and the engine config take it; else a UserError naming `name`. */
export function checkPeriodsPerYear(P: number, name: string): void {
  check(periodsPerYear, P, name, `periods per year: a whole number from 1 to ${periodsPerYear.maxValue}, 252 daily, 52 weekly, 12 monthly`);
}
