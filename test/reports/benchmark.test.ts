// A run's benchmark is the index itself, as total-return levels on the run's sessions: a raw
// series is adjusted for its splits and dividends by the factor `metrics --prices` uses (the file's
// own Adj Close), an adjusted series is its own level, and both give the same index; `cash`
// compounds the risk-free returns.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { type Market, PriceKind } from '../../data/market.ts';
import type { Caveat } from '../../engine/caveats/caveats.ts';
import { backtest } from '../../engine/backtest.ts';
import { cashLevels, symbolBenchmark, totalReturnLevels } from '../../reports/benchmark/benchmark.ts';
import { runMetrics } from '../../reports/runMetrics.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { scripted } from '../engine/helpers.ts';

// RAW trades 100, 102, then a 2:1 split on session 2 (51), a 1.0 dividend on session 3 (50), 52.
// ADJ is the same index as adjusted closes: each step's total return compounded.
const raw = [100, 102, 51, 50, 52];
const steps = [1, 102 / 100, (2 * 51) / 102, (50 + 1) / 51, 52 / 50];
const adjusted = steps.map((_, k) => 100 * steps.slice(0, k + 1).reduce((a, b) => a * b, 1));
const market = fixtureMarket({
  symbols: ['RAW', 'ADJ', 'GAP'],
  closes: raw.map((p, t) => [p, adjusted[t], t === 2 ? NaN : 10 + t]),
  splits: [{ session: 2, symbol: 0, value: 2 }],
  dividends: [{ session: 3, symbol: 0, value: 1 }],
});
const totalReturn = { ...market, priceKind: Uint8Array.of(PriceKind.raw, PriceKind.totalReturn, PriceKind.totalReturn) };

describe('benchmark levels', () => {
  it('a raw series with a split and a dividend gives the adjusted series’ index', () => {
    const fromRaw = totalReturnLevels(totalReturn, 0, 0, 4);
    const fromAdjusted = totalReturnLevels(totalReturn, 1, 0, 4);
    for (let k = 0; k < 5; k++) {
      expect(fromRaw[k]).toBeCloseTo(adjusted[k] / 100, 14);
      expect(fromAdjusted[k]).toBeCloseTo(adjusted[k] / 100, 14);
    }
  });

  it('a dividend is adjusted as the file\'s own Adj Close is (Yahoo): 100, 100, 95 with 10 paid on the last day is 95 / (100 − 10), as Adj Close 90, 90, 95 says', () => {
    const paid = fixtureMarket({ symbols: ['BMC', 'BM'], closes: [[100, 90], [100, 90], [95, 95]], dividends: [{ session: 2, symbol: 0, value: 10 }] });
    const kinds = { ...paid, priceKind: Uint8Array.of(PriceKind.raw, PriceKind.totalReturn) };
    // Not (95 + 10) / 100 = 1.05 (reinvested at the ex-date close): the same security gave two indexes by layout.
    expect(totalReturnLevels(kinds, 0, 0, 2)[2]).toBeCloseTo(95 / 90, 14);
    expect(totalReturnLevels(kinds, 1, 0, 2)[2]).toBeCloseTo(95 / 90, 14);
  });

  it('a session without a close stays NaN; the next level spans the gap', () => {
    const gap = totalReturnLevels(totalReturn, 2, 0, 4);
    [1, 11 / 10, NaN, 13 / 10, 14 / 10].forEach((x, k) => (Number.isNaN(x) ? expect(gap[k]).toBeNaN() : expect(gap[k]).toBeCloseTo(x, 14)));
  });

  it("levels cover the run's own sessions, 1 on its first", () => {
    const result = backtest(totalReturn, scripted({}), { from: '2024-01-02' });
    const { name, levels } = symbolBenchmark(totalReturn, result, 'ADJ');
    expect(name).toBe('ADJ');
    expect(levels.length).toBe(4);
    expect(levels[0]).toBe(1);
    expect(levels[3]).toBeCloseTo(adjusted[4] / adjusted[1], 14);
  });

  it('says whether the benchmark has closes before and after the run (probe r36b: a holiday on the first session read "starts on")', () => {
    const day = (t: number): string => isoDay(totalReturn.dates[t]);
    // GAP has no close on session 2 only: a run from session 2 lacks its first value, one to session 2 its last.
    const late = symbolBenchmark(totalReturn, backtest(totalReturn, scripted({}), { from: day(2) }), 'GAP');
    expect([Number.isNaN(late.levels[0]), late.reach]).toEqual([true, { before: true, after: false }]);
    const early = symbolBenchmark(totalReturn, backtest(totalReturn, scripted({}), { to: day(2) }), 'GAP');
    expect([Number.isNaN(early.levels[2]), early.reach]).toEqual([true, { before: false, after: true }]);
    // A selection ending on session 2 keeps no later session: the symbol's bar past it says so (Market.continuesAfter).
    const selected = { ...totalReturn, dates: totalReturn.dates.slice(0, 3), close: totalReturn.close.slice(0, 9), continuesAfter: Uint8Array.of(1, 1, 1) };
    expect(symbolBenchmark(selected, backtest(selected, scripted({}), {}), 'GAP').reach).toEqual({ before: false, after: true });
  });

  it('an unknown benchmark is a one-line error naming it and the way out', () => {
    const result = backtest(totalReturn, scripted({}), {});
    expect(() => symbolBenchmark(totalReturn, result, 'SPY')).toThrow(/^benchmark: no symbol "SPY" in fixture; or use "cash" or "none"$/);
  });

  it('cash compounds the per-period risk-free returns', () => {
    expect(Array.from(cashLevels([0.01, NaN, 0.02]))).toEqual([1, 1.01, 1.01, 1.01 * 1.02]);
  });
});

describe('levels a user built that are a price index are said (probe r56a F1: raw closes through a dividend read alpha +349 %/yr, unsaid)', () => {
  const priceIndex = (market: Market, name: string, levels: Float64Array): Caveat[] =>
    runMetrics(backtest(market, scripted({}), {}), { market, benchmark: { name, levels } }).caveats.filter((c) => c.message.includes('a price index'));

  it("RAW's closes across its 2:1 split (session 2) and 1.0 dividend (session 3): 2 ex-dates, high (a split reads as a −50 % return)", () => {
    const [said] = priceIndex(totalReturn, 'RAW', Float64Array.from(raw, (p) => p / 100));
    // Total return adjusted[4] / adjusted[0] − 1 = 1.02 · 1 · 51/51 · 52/50 − 1 = 6.1 %; closes 52 / 100 − 1 = −48.0 %.
    expect([said.severity, said.size, said.symbols]).toEqual(['high', 2, ['RAW']]);
    expect(said.message).toContain(`leaves out its 2 ex-dates of dividends or splits inside the run (the first on ${isoDay(totalReturn.dates[2])}): its total return over the run is 6.1%, its closes' -48.0%`);
    // Its total-return level, or an adjusted series' closes, say nothing; nor does a name the market lacks.
    expect(priceIndex(totalReturn, 'RAW', totalReturnLevels(totalReturn, 0, 0, 4))).toEqual([]);
    expect(priceIndex(totalReturn, 'ADJ', Float64Array.from(adjusted))).toEqual([]);
    expect(priceIndex(totalReturn, 'IDX', Float64Array.from(raw))).toEqual([]);
  });

  it('property: a raw series\' closes at any scale across any dividend are a price index; its total-return level at any scale is not', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (cash, scale) => {
        const paid = fixtureMarket({ symbols: ['BM'], closes: [[100], [101], [99], [102]], dividends: [{ session: 2, symbol: 0, value: cash }] });
        const closes = Float64Array.of(100, 101, 99, 102).map((p) => p * scale);
        expect(priceIndex(paid, 'BM', closes).map((c) => [c.severity, c.size])).toEqual([['medium', 1]]);
        expect(priceIndex(paid, 'BM', totalReturnLevels(paid, 0, 0, 3).map((v) => v * scale))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
