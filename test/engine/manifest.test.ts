// The run manifest: what ran, on what, how — enough to run it again.

import { describe, expect, it } from 'vitest';
import { backtest } from '../../engine/backtest.ts';
import { monthEnd } from '../../engine/calendar/schedule.ts';
import type { Strategy } from '../../engine/strategy.ts';
import { ENGINE_VERSION } from '../../engine/version.ts';
import { randomMarket } from './randomMarket.ts';
import { randomStrategy } from './randomStrategy.ts';

const { market } = randomMarket({ seed: 17, symbols: 4, sessions: 60, splits: true, dividends: true, rates: true, nanRate: 0.03 });

describe('manifest', () => {
  const config = {
    initialCash: 250_000,
    execution: 'next-close' as const,
    commission: { kind: 'per-share' as const, perShare: 0.005, minimum: 1 },
    slippage: { kind: 'half-spread' as const, spreadBps: 10 },
    cash: { rate: 'r' },
    account: { kind: 'margin' as const, maxGross: 2, maxNet: 1 },
    seed: 42,
  };
  const strategy = randomStrategy({ seed: 5, schedule: monthEnd });
  const result = backtest(market, strategy, config);

  it('records engine, strategy, data, period, execution, cost models and seed', () => {
    const m = result.manifest;
    expect(m.engine).toEqual({ name: 'breadth', version: ENGINE_VERSION });
    expect(m.strategy).toEqual({ name: 'random', params: { seed: 5 }, schedule: 'month end', sourceHash: null });
    expect(m.data.fingerprint).toBe('fixture');
    expect(m.data.synthetic).toBe(true);
    expect(m.period).toEqual({ from: '2024-01-01', to: '2024-03-22', sessions: 60 });
    expect(m.execution).toBe('next-close');
    expect(m.lookAheadProne).toBe(false);
    expect(m.costModels).toEqual({
      commission: '0.005/share, min 1 per order',
      slippage: 'half of a 10 bps spread',
      fill: 'bar: market at the open or close, limits and stops against the high and low',
      volume: 'none',
      borrow: '0 bps/yr default, rebate 0 bps/yr',
      cash: 'r, debit spread 0 bps',
    });
    expect(m.userModels).toEqual([]);
    expect(m.account).toBe('margin');
    expect(m.seed).toBe(42);
    expect(m.config.initialCash).toBe(250_000);
  });

  it('its config reproduces the run exactly', () => {
    const again = backtest(market, randomStrategy({ seed: 5, schedule: monthEnd }), result.manifest.config);
    expect(again.daily.nav).toEqual(result.daily.nav);
    expect(again.fills).toEqual(result.fills);
  });

  it('its config survives a JSON round trip (as a stored run would keep it)', () => {
    const stored = JSON.parse(JSON.stringify(result.manifest.config));
    const again = backtest(market, randomStrategy({ seed: 5, schedule: monthEnd }), stored);
    expect(again.daily.nav).toEqual(result.daily.nav);
  });
});

describe('the strategy’s random stream', () => {
  const draws = (seed: number): number[] => {
    const out: number[] = [];
    const s: Strategy = {
      name: 'draw',
      params: {},
      schedule: monthEnd,
      init: (ctx) => {
        for (let k = 0; k < 5; k++) out.push(ctx.random());
      },
      decide: () => undefined,
    };
    backtest(market, s, { seed });
    return out;
  };

  it('is reproducible from config.seed, differs across seeds, and is uniform on [0, 1)', () => {
    expect(draws(3)).toEqual(draws(3));
    expect(draws(3)).not.toEqual(draws(4));
    for (const x of draws(3)) expect(x >= 0 && x < 1).toBe(true);
  });
});
