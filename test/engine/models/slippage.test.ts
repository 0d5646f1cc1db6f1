// Slippage models called directly: the adverse move as a fraction of the reference price.

import { describe, expect, it } from 'vitest';
import { engineConfigSchema } from '../../../engine/config.ts';
import { slippageModel, type SlippageConfig } from '../../../engine/models/slippage/index.ts';
import type { SlippageModel } from '../../../engine/models/types.ts';
import { fixtureMarket } from '../fixtures.ts';
import { fill } from './context.ts';

const market = fixtureMarket({ symbols: ['A'], closes: [[10]] });
const model = (config: unknown): SlippageModel => slippageModel(engineConfigSchema.parse({ slippage: config }).slippage as SlippageConfig, market);

describe('slippage models', () => {
  it('fixed bps: 20 bps → 0.002 whatever the size; needs no liquidity', () => {
    const m = model({ kind: 'fixed-bps', bps: 20 });
    expect([m.slippage(fill({ quantity: 1 })), m.slippage(fill({ quantity: -1e6 }))]).toEqual([0.002, 0.002]);
    expect(m.liquidityWindow).toBeUndefined();
  });

  it('half spread: a 30 bps spread → 0.0015', () => {
    expect(model({ kind: 'half-spread', spreadBps: 30 }).slippage(fill())).toBe(0.0015);
  });

  it('square-root impact: 0.5 × σ 0.1 × √(100 / 2 500) = 0.01, grows with √size, asks for its window', () => {
    const m = model({ kind: 'sqrt-impact', k: 0.5, window: 30 });
    expect(m.liquidityWindow).toBe(30);
    expect(m.slippage(fill({ quantity: 100, liquidity: { sigma: 0.1, adv: 2_500 } }))).toBeCloseTo(0.01, 15);
    expect(m.slippage(fill({ quantity: -400, liquidity: { sigma: 0.1, adv: 2_500 } }))).toBeCloseTo(0.02, 15);
  });

  it('square-root impact is 0 where σ or ADV is unknown', () => {
    const m = model({ kind: 'sqrt-impact' });
    expect(m.slippage(fill({ liquidity: undefined }))).toBe(0);
    expect(m.slippage(fill({ liquidity: { sigma: NaN, adv: 1_000 } }))).toBe(0);
    expect(m.slippage(fill({ liquidity: { sigma: 0.1, adv: 0 } }))).toBe(0);
  });

  it('none', () => {
    expect(model({ kind: 'none' }).slippage(fill())).toBe(0);
  });
});
