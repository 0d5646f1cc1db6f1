// Causality for every built-in: perturb every input that becomes known after session t (prices,
// volumes, corporate actions, delistings, rates, fundamentals) and nothing decided, filled or
// recorded up to t may change. Uses the engine suite's perturb-the-future helper.

import { describe, expect, it } from 'vitest';
import { backtest } from '../../engine/backtest.ts';
import { createBuiltinStrategy } from '../../strategies/registry.ts';
import { expectCausal, perturbAfter, recording } from '../engine/causality.ts';
import { accountFor, BUILTIN_RUNS, SMALL_CAP_PARAMS } from './runs.ts';
import { testMarket } from './testMarket.ts';

const market = testMarket();
// A month start, a mid-month session just after the split, and one after the delisting.
const SESSIONS = [150, 301, 430];

describe('built-ins decide only on what was known', () => {
  it.each(BUILTIN_RUNS)('%s %j', (name, params) => {
    const { decisions } = expectCausal(market, () => createBuiltinStrategy(name, params), { shares: 'fractional', ...accountFor(createBuiltinStrategy(name, params)) }, SESSIONS, 11);
    expect(decisions.length).toBeGreaterThan(0);
  });
});

describe('the check has teeth', () => {
  it.each([['quality-long-short', SMALL_CAP_PARAMS], ['rate-regime', { months: 2 }]] as const)('%s decides differently after t on a perturbed market', (name, params) => {
    const t = 150;
    const base = recording(createBuiltinStrategy(name, params));
    backtest(market, base.strategy, { shares: 'fractional', ...accountFor(base.strategy) });
    const other = recording(createBuiltinStrategy(name, params));
    backtest(perturbAfter(market, t, 3), other.strategy, { shares: 'fractional', ...accountFor(other.strategy) });
    const after = (d: [number, string][]): [number, string][] => d.filter(([s]) => s > t);
    expect(after(other.decisions)).not.toEqual(after(base.decisions));
  });
});
