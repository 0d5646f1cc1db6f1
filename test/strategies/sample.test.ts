// The built-ins on the generated sample universe (200 stocks × 6 years, SYNTHETIC): splits,
// dividends, delistings, late filers and the SYN_* funds behind the roles. Same properties as
// on the hand-made test market, on data the strategies were not written against.

import { describe, expect, it } from 'vitest';
import { AssetClass } from '../../data/market.ts';
import { generateSampleMarket } from '../../data/sample.ts';
import { backtest } from '../../engine/backtest.ts';
import { parseParams } from '../../strategies/api.ts';
import { trailingBetas } from '../../strategies/blocks/series.ts';
import { qualityBook, qualityLongShort } from '../../strategies/builtin/qualityLongShort.ts';
import { capPowerWeights } from '../../strategies/builtin/sizeTilt.ts';
import { builtinNames, createBuiltinStrategy } from '../../strategies/registry.ts';
import { expectCausal } from '../engine/causality.ts';
import { balanceSheet, mean, sides } from './ratios.ts';
import { monthStartSessions, viewAt } from './views.ts';
import { accountFor } from './runs.ts';

const sample = generateSampleMarket({ seed: 42, stocks: 200, years: 6 });
/** The sample has 200 stocks: dropping the 60 largest leaves a small-cap universe of ~140. */
const paramsFor = (name: string): Record<string, unknown> => (name === 'quality-long-short' ? { excludeLargest: 60 } : {});

describe('built-ins on the sample universe', () => {
  it.each(builtinNames())('%s runs end to end with its defaults', (name) => {
    const strategy = createBuiltinStrategy(name, paramsFor(name));
    const result = backtest(sample, strategy, accountFor(strategy));
    expect(result.fills.session.length).toBeGreaterThan(0);
    for (const nav of result.daily.nav) expect(nav).toBeGreaterThan(0);
  });

  it.each(builtinNames())('%s is causal on the sample', (name) => {
    expectCausal(sample, () => createBuiltinStrategy(name, paramsFor(name)), { shares: 'fractional', ...accountFor(createBuiltinStrategy(name, paramsFor(name))) }, [800], 5);
  });
});

describe('quality-long-short on the sample', () => {
  const decisions = monthStartSessions(sample, 260);

  it.each(['dollar', 'beta'] as const)('%s-neutral: cleaner long book and a neutral book at every rebalance', (neutral) => {
    const p = parseParams(qualityLongShort, { excludeLargest: 60, neutral });
    for (const t of decisions) {
      const view = viewAt(sample, t);
      const book = qualityBook(view, p);
      const { longs, shorts } = sides(book);
      expect(longs.length, `longs at ${t}`).toBeGreaterThanOrEqual(p.minNamesPerSide);
      expect(shorts.length, `shorts at ${t}`).toBeGreaterThanOrEqual(p.minNamesPerSide);
      const ratios = balanceSheet(view);
      expect(mean(longs.map(ratios.debtToEquity))).toBeLessThan(mean(shorts.map(ratios.debtToEquity)));
      expect(mean(longs.map(ratios.fcfMargin))).toBeGreaterThan(mean(shorts.map(ratios.fcfMargin)));
      // Dollar: Σw = 0. Beta: Σwβ = 0 with the same trailing betas (names without one are not held).
      const betas = trailingBetas(view, [...longs, ...shorts], view.resolve(p.benchmark), p.betaWindow);
      const exposure = [...longs, ...shorts].reduce((s, i) => s + book[i] * (neutral === 'dollar' ? 1 : betas[i]), 0);
      expect(Math.abs(exposure)).toBeLessThan(1e-9);
    }
  });
});

describe('size-tilt on the sample', () => {
  it('α = 1 weights every stock exactly by market cap', () => {
    for (const t of [300, 900, 1500]) {
      const view = viewAt(sample, t);
      const caps = view.marketCap();
      const stocks = Array.from(view.universe(AssetClass.stock)).filter((i) => caps[i] > 0);
      const total = stocks.reduce((s, i) => s + caps[i], 0);
      const w = capPowerWeights(view, 1);
      for (const i of stocks) expect(w[i]).toBeCloseTo(caps[i] / total, 15);
    }
  });
});
