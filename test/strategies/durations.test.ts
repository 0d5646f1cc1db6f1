// Windows whose defaults are spans of time: resolved to the run's sessions (P) when unset, kept
// in sessions when set, recorded resolved in the manifest, and on daily data (P = 252) exactly
// the session counts they replaced.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { FillReason } from '../../engine/result.ts';
import { parseParams } from '../../strategies/api.ts';
import { durationSessions, months, tradingDays } from '../../strategies/blocks/durations.ts';
import { breadthThrust } from '../../strategies/builtin/breadthThrust.ts';
import { iwmVsSmlf } from '../../strategies/builtin/iwmVsSmlf.ts';
import { momentum } from '../../strategies/builtin/momentum.ts';
import { qualityLongShort } from '../../strategies/builtin/qualityLongShort.ts';
import { riskAllocation } from '../../strategies/builtin/riskAllocation.ts';
import { smaCrossover } from '../../strategies/builtin/smaCrossover.ts';
import { createBuiltinStrategy } from '../../strategies/registry.ts';
import { fixtureMarket } from '../engine/fixtures.ts';

/** `closes` on a calendar `gap` days apart (7: weekly, 30: monthly). */
function spaced(closes: number[][], symbols: string[], gap: number): Market {
  const market = fixtureMarket({ symbols, closes, start: '2020-01-06' });
  return { ...market, dates: Int32Array.from(market.dates, (_, k) => market.dates[0] + gap * k) };
}

describe('durationSessions', () => {
  it('turns spans of time into whole sessions of the calendar (hand values)', () => {
    // round(years × P): 12 months → P; 1 month → 252/12 = 21, 52/12 = 4.33 → 4, 12/12 = 1.
    expect([252, 52, 12].map((p) => durationSessions(months(12), p, 2))).toEqual([252, 52, 12]);
    expect([252, 52, 12].map((p) => durationSessions(months(1), p, 0))).toEqual([21, 4, 1]);
    // 3 months: 63, 13, 3; 6 months: 126, 26, 6.
    expect([252, 52, 12].map((p) => durationSessions(months(3), p, 1))).toEqual([63, 13, 3]);
    expect([252, 52, 12].map((p) => durationSessions(months(6), p, 1))).toEqual([126, 26, 6]);
    // 50 trading days: 50 × 52/252 = 10.32 → 10 weeks, 50 × 12/252 = 2.38 → 2 months; 200: 41.27 → 41, 9.52 → 10.
    expect([252, 52, 12].map((p) => durationSessions(tradingDays(50), p, 1))).toEqual([50, 10, 2]);
    expect([252, 52, 12].map((p) => durationSessions(tradingDays(200), p, 2))).toEqual([200, 41, 10]);
  });

  it('never goes below the window’s minimum (12 months of monthly data, at least 20 → 20)', () => {
    expect(durationSessions(months(12), 12, 20)).toBe(20);
    expect(durationSessions(months(1), 4, 0)).toBe(0); // a third of a quarter rounds to none
    expect(durationSessions(tradingDays(50), 1, 1)).toBe(1);
  });

  it('is exact on a daily calendar: n months = 21n, n trading days = n sessions', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 120 }), (n) => durationSessions(months(n), 252, 0) === 21 * n));
    fc.assert(fc.property(fc.integer({ min: 1, max: 5_000 }), (n) => durationSessions(tradingDays(n), 252, 0) === n));
  });

  it('is the nearest whole session count at any P, unless the minimum lifts it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 366 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 }), (p, n, min) => {
        const exact = (n * p) / 12;
        const got = durationSessions(months(n), p, min);
        return Number.isInteger(got) && got >= min && (got === min || Math.abs(got - exact) <= 0.5 + 1e-9);
      }),
    );
  });
});

describe('built-in defaults resolve to the run’s sessions', () => {
  it('daily (P = 252): every default is the session count it replaced', () => {
    expect(parseParams(momentum, {})).toMatchObject({ lookback: 252, skip: 21 });
    expect(parseParams(smaCrossover, {})).toMatchObject({ fast: 50, slow: 200 });
    expect(parseParams(breadthThrust, {})).toMatchObject({ window: 50 });
    expect(parseParams(iwmVsSmlf, {})).toMatchObject({ lookback: 126, betaWindow: 252 });
    expect(parseParams(qualityLongShort, {})).toMatchObject({ liquidityWindow: 63, betaWindow: 252 });
    expect(parseParams(riskAllocation, {})).toMatchObject({ lookback: 252, halfLife: 63 });
  });

  it('weekly (P = 52): momentum 52/4, sma-crossover 10/41, breadth-thrust 10, 13-week half-life', () => {
    expect(parseParams(momentum, {}, 52)).toMatchObject({ lookback: 52, skip: 4 });
    expect(parseParams(smaCrossover, {}, 52)).toMatchObject({ fast: 10, slow: 41 });
    expect(parseParams(breadthThrust, {}, 52)).toMatchObject({ window: 10 });
    expect(parseParams(iwmVsSmlf, {}, 52)).toMatchObject({ lookback: 26, betaWindow: 52 });
    expect(parseParams(qualityLongShort, {}, 52)).toMatchObject({ liquidityWindow: 13, betaWindow: 52 });
    expect(parseParams(riskAllocation, {}, 52)).toMatchObject({ lookback: 52, halfLife: 13 });
  });

  it('monthly (P = 12): momentum 12/1, sma-crossover 2/10, risk-allocation at its 20-session minimum', () => {
    expect(parseParams(momentum, {}, 12)).toMatchObject({ lookback: 12, skip: 1 });
    expect(parseParams(smaCrossover, {}, 12)).toMatchObject({ fast: 2, slow: 10 });
    expect(parseParams(riskAllocation, {}, 12)).toMatchObject({ lookback: 20, halfLife: 3 });
  });

  it('a value the user sets is sessions, whatever the calendar', () => {
    expect(parseParams(momentum, { lookback: 10 }, 52)).toMatchObject({ lookback: 10, skip: 4 });
    expect(parseParams(smaCrossover, { fast: 3, slow: 5 }, 12)).toMatchObject({ fast: 3, slow: 5 });
  });

  it('checks across parameters once the defaults are resolved, and says what they resolved to', () => {
    // lookback 10 with a 1-month skip: 4 weekly sessions are fine, 21 daily ones are not.
    expect(() => parseParams(momentum, { lookback: 10 }, 252)).toThrow(/momentum: skip must be shorter than lookback, got 21 \(defaults at 252 sessions a year: skip 21 \(1 month\)/);
    expect(() => parseParams(smaCrossover, { slow: 2 }, 52)).toThrow(/fast must be shorter than slow, got 10 .*fast 10 \(50 trading days\)/);
  });
});

describe('a run resolves its defaults with its own P and records them', () => {
  it('sma-crossover on monthly bars: fast 2, slow 10 — invested from the 10th bar, not never', () => {
    // Closes 100, 101, …: at session 9 (the 10th bar) fast = (108 + 109)/2 = 108.5 > slow = mean(100..109) = 104.5;
    // before it the 10-bar average does not exist. The buy fills at session 10's open (110).
    const closes = Array.from({ length: 24 }, (_, t) => [100 + t]);
    const result = backtest(spaced(closes, ['AAA'], 30), createBuiltinStrategy('sma-crossover', { symbol: 'AAA' }));
    expect(result.manifest.strategy.params).toMatchObject({ fast: 2, slow: 10 });
    const orders = [...result.fills.reason.keys()].filter((k) => result.fills.reason[k] === FillReason.order);
    expect(orders.length).toBe(1);
    expect(result.fills.session[orders[0]]).toBe(10);
    expect(result.fills.price[orders[0]]).toBe(110);
  });

  it('momentum on weekly bars: lookback 52, skip 4 — first ranking with 53 bars', () => {
    // AAA +1 % a week, BBB flat; two buckets hold the better one. trailingReturn needs lookback + 1 = 53 bars:
    // the first decision that holds anything is session 52, filled at session 53.
    const closes = Array.from({ length: 70 }, (_, t) => [100 * 1.01 ** t, 50]);
    const strategy = createBuiltinStrategy('momentum', { buckets: 2, schedule: 'every-session' });
    const result = backtest(spaced(closes, ['AAA', 'BBB'], 7), strategy, { shares: 'fractional' });
    expect(result.manifest.strategy.params).toMatchObject({ lookback: 52, skip: 4, buckets: 2 });
    expect(result.fills.session[0]).toBe(53);
    expect(result.fills.symbol[0]).toBe(0);
  });

  it('a daily run records the same parameters as before (momentum 252/21)', () => {
    const closes = Array.from({ length: 30 }, (_, t) => [100 + t]);
    const result = backtest(fixtureMarket({ symbols: ['AAA'], closes }), createBuiltinStrategy('momentum', {}));
    expect(result.manifest.strategy.params).toEqual({ lookback: 252, skip: 21, buckets: 10, schedule: 'month-start' });
  });

  it('a user value stays sessions on weekly bars and is recorded as given', () => {
    const closes = Array.from({ length: 30 }, (_, t) => [100 + t]);
    const result = backtest(spaced(closes, ['AAA'], 7), createBuiltinStrategy('sma-crossover', { symbol: 'AAA', fast: 3, slow: 5 }));
    expect(result.manifest.strategy.params).toMatchObject({ fast: 3, slow: 5 });
  });
});
