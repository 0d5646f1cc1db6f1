// size-tilt: α = 1 is exactly the cap-weighted benchmark, α < 1 shifts weight to small names;
// the ETF mode holds benchmark + tilt × (1 − benchmark) in small caps, inside a rebalance band.

import { describe, expect, it } from 'vitest';
import { AssetClass } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import type { Targets } from '../../engine/strategy.ts';
import { createBuiltinStrategy } from '../../strategies/registry.ts';
import { testMarket } from './testMarket.ts';
import { bookWithWeights, cashBook, viewAt } from './views.ts';

const market = testMarket();
const T = 300;

function decideWeights(params: Record<string, unknown>, book = cashBook): Targets | undefined {
  const decision = createBuiltinStrategy('size-tilt', params).decide(viewAt(market, T), book);
  return decision ? (decision as Targets) : undefined;
}
const stockWeights = (params: Record<string, unknown>): Float64Array => {
  const targets = decideWeights({ mode: 'stocks', ...params });
  if (!targets || !('weights' in targets) || !(targets.weights instanceof Float64Array)) throw new Error('expected a weight vector');
  return targets.weights;
};

describe('size-tilt, stocks mode', () => {
  const view = viewAt(market, T);
  const caps = view.marketCap();
  const stocks = Array.from(view.universe(AssetClass.stock)).filter((i) => caps[i] > 0);
  const totalCap = stocks.reduce((s, i) => s + caps[i], 0);

  it('α = 1 is the cap-weighted benchmark: weights ∝ market cap exactly', () => {
    const w = stockWeights({ alpha: 1 });
    for (const i of stocks) expect(w[i]).toBeCloseTo(caps[i] / totalCap, 15);
    expect(w.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it('α < 1 gives small names more than cap weight and large names less, keeping the order', () => {
    const w = stockWeights({ alpha: 0.5 });
    const bySize = [...stocks].sort((a, b) => caps[a] - caps[b]);
    const [smallest, largest] = [bySize[0], bySize[bySize.length - 1]];
    expect(w[smallest]).toBeGreaterThan(caps[smallest] / totalCap);
    expect(w[largest]).toBeLessThan(caps[largest] / totalCap);
    for (let k = 1; k < bySize.length; k++) {
      const [a, b] = [bySize[k - 1], bySize[k]];
      expect(w[a] / w[b]).toBeGreaterThan(caps[a] / caps[b]);
      expect(w[a]).toBeLessThanOrEqual(w[b]);
    }
  });

  it('α = 0 is equal weight; topK keeps the K largest', () => {
    const equal = stockWeights({ alpha: 0 });
    for (const i of stocks) expect(equal[i]).toBeCloseTo(1 / stocks.length, 12);
    const top = stockWeights({ alpha: 1, topK: 5 });
    const largest = [...stocks].sort((a, b) => caps[b] - caps[a]).slice(0, 5);
    expect([...top.keys()].filter((i) => top[i] > 0).sort()).toEqual(largest.sort());
  });
});

describe('size-tilt, etf mode', () => {
  const [small, large] = [market.symbols.indexOf('SMALL'), market.symbols.indexOf('LARGE')];

  it('holds benchmark + tilt × (1 − benchmark) in the small-cap sleeve', () => {
    const sleeves = (a: string, wa: number, b: string, wb: number) => ({ weights: { [a]: expect.closeTo(wa, 12), [b]: expect.closeTo(wb, 12) } });
    expect(decideWeights({ tilt: 0.5 })).toEqual(sleeves('@smallCap', 0.55, '@largeCap', 0.45));
    expect(decideWeights({ tilt: 0, benchmarkSmall: 0.2 })).toEqual(sleeves('@smallCap', 0.2, '@largeCap', 0.8));
    expect(decideWeights({ tilt: 1, small: 'QSMALL' })).toEqual(sleeves('QSMALL', 1, '@largeCap', 0));
  });

  it('trades only when a sleeve is outside the band', () => {
    expect(decideWeights({ tilt: 0.5, band: 0.02 }, bookWithWeights({ [small]: 0.56, [large]: 0.44 }))).toBeUndefined();
    expect(decideWeights({ tilt: 0.5, band: 0.02 }, bookWithWeights({ [small]: 0.58, [large]: 0.42 }))).toBeDefined();
    expect(decideWeights({ tilt: 0.5, band: 0.02 }, bookWithWeights({ [small]: 0.55, [large]: 0.42, 0: 0.03 }))).toBeDefined();
  });

  it('through the engine, the small-cap sleeve stays near its target', () => {
    const result = backtest(market, createBuiltinStrategy('size-tilt', { tilt: 0.5, band: 0.01 }), { shares: 'fractional' });
    const { session, symbol, shares, price } = result.snapshots;
    let checked = 0;
    session.forEach((t, k) => {
      if (symbol[k] !== small || t === 0) return;
      const nav = result.daily.nav[t - result.sessions[0]];
      expect(Math.abs((shares[k] * price[k]) / nav - 0.55)).toBeLessThan(0.03);
      checked++;
    });
    expect(checked).toBeGreaterThan(10);
  });
});
