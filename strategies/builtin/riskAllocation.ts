/**
 * risk-allocation — weight a handful of funds by risk: risk parity, minimum variance, maximum
 * diversification, hierarchical risk parity, inverse volatility or equal weight.
 *
 * Idea: the "how to play it" question as an allocation — small caps, quality small caps, large
 * caps and bonds — with each method's weights set from trailing daily returns known at the decision.
 * Parameters: `symbols` (symbols or @roles; a trailing `?` takes one only where the data has it —
 * one the data source has but --symbols did not load is refused as without `?`, never dropped;
 * default small-cap, quality small-cap and large-cap funds and the bond fund where present), `method`,
 * `covariance` (sample | ledoit-wolf | ewma with `halfLife`, default 3 months of the run's sessions),
 * `lookback` (sessions of returns; default 12 months of the run's sessions, at least 20),
 * optional `targetVol` (annualised with the run's P, view.periodsPerYear; the book is scaled to it, at most `maxLeverage` gross, the rest
 * in cash; where the cap, not the target, sets the scale the run says so: blocks/risk/targetShortfall.ts), `schedule`.
 * Missing history: a fund joins once it has returns on half the lookback (10 of 20 sessions); the
 * covariance uses the sessions on which every member has a return (blocks/risk/returnWindow.ts).
 * Until then the fund is left out of an allocation among the others and the run says so, one caveat
 * per fund with every decision it missed — those before any fund qualifies (the book in cash)
 * included — and the returns it had ("CCC: left out of the allocation until it has returns on 10 of
 * the 20 lookback sessions (it had 4 at the last)": its returns at the last decision that left it
 * out). Every method sees the same members, so methods compare fairly. A held fund with no bar for
 * longer than the stale-mark limit (a halt) has no price: it is left out of the allocation and sold
 * when it trades again, and the run says so (blocks/staleHoldings.ts).
 * Errors: an unknown symbol, a fund whose price never moves, or a solver that fails gives a
 * one-line error naming the decision date — never NaN weights.
 * Data: prices of the named funds (ETF prices).
 */

import { z } from 'zod';
import { UserError } from '../../data/errors.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { defineStrategy } from '../api.ts';
import { ALLOCATION_METHODS, allocate } from '../blocks/construction/allocate.ts';
import { months } from '../blocks/durations.ts';
import { durationParam, onlyWith, sessionsParam } from '../blocks/params.ts';
import { COVARIANCE_ESTIMATORS, entry, estimateCovariance } from '../blocks/risk/covariance.ts';
import { commonReturnWindow } from '../blocks/risk/returnWindow.ts';
import { TargetShortfall } from '../blocks/risk/targetShortfall.ts';
import { targetVolatility } from '../blocks/risk/targetVolatility.ts';
import { scheduleNamed, scheduleParam } from '../blocks/schedules.ts';
import { noteStaleHoldings } from '../blocks/staleHoldings.ts';

/** Symbols or @roles, each optionally ending in `?` ("where the data has it"). */
const symbolList = z.array(z.string().regex(/^@?[^?@\s,]+\??$/, 'must be a symbol or an @role, with a trailing ? for "where present"')).min(1);

const paramsSchema = z
  .object({
    symbols: z
      .union([symbolList, z.string().transform((text) => text.split(',').map((s) => s.trim())).pipe(symbolList)])
      .prefault(['@smallCap', '@qualitySmallCap', '@largeCap', '@bond?'])
      .describe('funds to allocate across (a list, or comma-separated): symbols or @roles; a trailing ? takes one only where the data has it; a fund joins once it has returns on half the lookback (said in a caveat until then)'),
    method: z.enum(ALLOCATION_METHODS).default('erc').describe(`weighting: ${ALLOCATION_METHODS.join(', ')}`),
    covariance: z.enum(COVARIANCE_ESTIMATORS).default('ledoit-wolf').describe(`covariance estimator: ${COVARIANCE_ESTIMATORS.join(', ')}`),
    halfLife: onlyWith(durationParam(z.number().min(1).max(5_000), months(3), 'ewma: half-life in sessions (at least 1: a shorter one weighs the last session alone)', 1), 'covariance', ['ewma']),
    lookback: sessionsParam(months(12), 'sessions of returns in the covariance (at least 20)', 20),
    targetVol: z.number().gt(0).max(2).optional().describe('scale the book to this annualised volatility (e.g. 0.10), the rest in cash'),
    maxLeverage: onlyWith(z.number().gt(0).max(10).default(1).describe('targetVol: largest gross exposure as a multiple of NAV (1 = no borrowing)'), 'targetVol'),
    schedule: scheduleParam('month-start'),
  })
  .strict();
type RiskAllocationParams = z.output<typeof paramsSchema>;

export const riskAllocation = defineStrategy({
  name: 'risk-allocation',
  description: 'Funds weighted by risk: risk parity, min variance, max diversification, HRP, inverse vol or equal, optionally at a target volatility.',
  dataNeeds: 'ETF prices',
  params: paramsSchema,
  create(p) {
    let members: number[] | undefined;
    let shortfall = new TargetShortfall();
    let sourceSymbols: readonly string[] | undefined;
    return {
      schedule: scheduleNamed(p.schedule),
      init(ctx) {
        shortfall = new TargetShortfall();
        sourceSymbols = ctx.sourceSymbols;
      },
      decide(view, book) {
        members ??= resolveMembers(view, p.symbols, sourceSymbols);
        noteStaleHoldings(view, book, 'the allocation');
        return { weights: targetWeights(view, members, p, shortfall) };
      },
    };
  },
});

/**
 * Symbol indices of the named funds; `X?` is skipped where the data has no X — where its source
 * has X but the run did not load it (`sourceSymbols`, InitContext: --symbols left it out), X is
 * refused as the name without `?` is (view.resolve: "not among the symbols loaded … add it to
 * them"), never dropped (probe r73a F2); duplicates are errors.
 */
function resolveMembers(view: MarketView, symbols: readonly string[], sourceSymbols: readonly string[] | undefined): number[] {
  const seen = new Map<number, string>();
  for (const name of symbols) {
    const optional = name.endsWith('?');
    const symbol = optional ? name.slice(0, -1) : name;
    const inSource = !symbol.startsWith('@') && sourceSymbols !== undefined && sourceSymbols.includes(symbol);
    if (optional && !view.has(symbol) && !inSource) continue;
    const i = view.resolve(symbol);
    const earlier = seen.get(i);
    if (earlier !== undefined) throw new UserError(`symbols: ${symbol} and ${earlier} are the same fund (${view.symbols[i]}) — name it once`);
    seen.set(i, symbol);
  }
  if (seen.size === 0) throw new UserError(`symbols: none of ${symbols.join(', ')} is in this data`);
  return [...seen.keys()];
}

function targetWeights(view: MarketView, members: readonly number[], p: RiskAllocationParams, shortfall: TargetShortfall): Record<string, number> {
  const window = commonReturnWindow(view, members, p.lookback);
  for (const { member, returns, needed } of window.short) {
    // At every decision the fund lacked history, those where no fund qualifies yet included (the
    // counts and the first date are the fund's own); one caveat per fund (its name is in the
    // phrase); the returns it had change with each decision.
    const what = `${view.symbols[member]}: left out of the allocation until it has returns on ${needed} of the ${p.lookback} lookback sessions`;
    view.caveat(what, [member], NaN, { least: 'medium', detail: `it had ${returns} at the last` });
  }
  if (window.members.length === 0) return {}; // no fund qualifies yet: cash (the caveats above name each fund)
  const covariance = estimateCovariance(p.covariance, window.returns, p.halfLife);
  window.members.forEach((i, k) => {
    if (!(entry(covariance, k, k) > 0)) throw new UserError(`${view.symbols[i]}: its price did not move over the ${window.rows} sessions of the window — drop it from symbols`);
  });
  let weights = allocate(p.method, covariance);
  if (p.targetVol !== undefined) {
    const options = { target: p.targetVol, maxLeverage: p.maxLeverage, periodsPerYear: view.periodsPerYear };
    const scaled = targetVolatility(covariance, weights, options);
    shortfall.note(view, window.members, scaled, options);
    weights = scaled.weights;
  }
  const out: Record<string, number> = {};
  window.members.forEach((i, k) => {
    if (!Number.isFinite(weights[k])) throw new Error(`risk-allocation: ${p.method} gave a non-finite weight for ${view.symbols[i]}`);
    out[view.symbols[i]] = weights[k];
  });
  return out;
}
