// A universe whose symbols trade on different calendars (weekday stocks beside a seven-day coin,
// an illiquid name beside daily ones): a listed symbol without a bar at the decision is present at
// its last close; paired returns carry that close through the gap; own-bar lookbacks span the
// same time as the run's sessions. Hand values throughout.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { ownBars } from '../../strategies/blocks/ownWindows.ts';
import { movingAverage, trailingReturn, trailingReturns } from '../../strategies/blocks/series.ts';
import { tradedOnLastBar } from '../../strategies/blocks/universe.ts';
import { createBuiltinStrategy } from '../../strategies/registry.ts';
import { fixtureMarket, weekdays } from '../engine/fixtures.ts';
import { monthIndex } from '../../reports/metrics/index.ts';
import { viewAt } from './views.ts';

/** Epoch day of Monday 2024-01-01. */
const MONDAY = 19_723;
const isWeekend = (t: number): boolean => t % 7 === 5 || t % 7 === 6;

/**
 * A seven-day calendar from Monday 2024-01-01 of `days` sessions: weekday stocks (`stock(t, i)`,
 * NaN on Saturdays and Sundays) beside coins trading every day (`coin(t, i)`).
 */
function sevenDay(days: number, stocks: string[], coins: string[], stock: (t: number, i: number) => number, coin: (t: number, i: number) => number): Market {
  const closes = Array.from({ length: days }, (_, t) => [...stocks.map((_s, i) => (isWeekend(t) ? NaN : stock(t, i))), ...coins.map((_c, i) => coin(t, i))]);
  const market = fixtureMarket({ symbols: [...stocks, ...coins], closes });
  return { ...market, dates: Int32Array.from({ length: days }, (_, t) => MONDAY + t) };
}

const std = (xs: number[]): number => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
};

describe('a listed symbol without a bar at the decision', () => {
  // STK: 100 + t on weekdays; BTC: 30 every day. Session 5 is Saturday 2024-01-06.
  const market = sevenDay(14, ['STK'], ['BTC'], (t) => 100 + t, () => 30);

  it('stays in the universe at its Friday close; a symbol not yet started is not present', () => {
    const view = viewAt(market, 6, 365); // Sunday
    expect(Array.from(view.universe())).toEqual([0, 1]);
    expect(view.present(0)).toBe(true);
    expect(view.lastClose(0)).toBe(104); // Friday, session 4
    expect(Number.isNaN(view.close(0))).toBe(true);
    const late = sevenDay(14, ['STK'], ['BTC'], (t) => (t < 8 ? NaN : 100 + t), () => 30);
    expect(viewAt(late, 6, 365).present(0)).toBe(false);
    expect(Number.isNaN(viewAt(late, 6, 365).lastClose(0))).toBe(true);
  });

  it('goes once its last bar is older than staleMarkSessions (5): a long suspension or a hole in the data', () => {
    // STK stops after Friday session 4 (BTC goes on): sessions 5..9 are 1..5 old, session 10 is 6 old.
    const halted = sevenDay(16, ['STK'], ['BTC'], (t) => (t <= 4 || t >= 14 ? 100 : NaN), () => 30);
    expect([9, 10].map((t) => viewAt(halted, t, 365).present(0))).toEqual([true, false]);
    expect(viewAt(halted, 9, 365).lastClose(0)).toBe(100);
    expect(Number.isNaN(viewAt(halted, 10, 365).lastClose(0))).toBe(true);
    expect(Array.from(viewAt(halted, 10, 365).universe())).toEqual([1]);
  });

  it('has a market cap at its last close: 1 000 shares × Friday’s 104 on Sunday', () => {
    const rows = [{ symbol: 0, periodEnd: MONDAY - 30, availableAt: MONDAY - 1, values: { sharesOutstanding: 1_000 } }];
    const withShares = { ...market, fundamentals: fixtureMarket({ symbols: ['STK', 'BTC'], closes: [[1, 1]], fundamentals: rows }).fundamentals };
    const caps = viewAt(withShares, 6, 365).marketCap();
    expect(caps[0]).toBe(104_000);
    expect(Number.isNaN(caps[1])).toBe(true);
  });

  it('counts as traded by its last bar: a stock on a Sunday whose Friday traded stays, one whose Friday had no volume goes', () => {
    // A and B: weekday stocks, B with zero volume on Friday (session 4); BTC every day. Sunday = session 6.
    const closes = Array.from({ length: 8 }, (_, t) => [isWeekend(t) ? NaN : 100, isWeekend(t) ? NaN : 50, 30]);
    const volumes = Array.from({ length: 8 }, (_, t) => [1e6, t === 4 ? 0 : 1e6, 1e6]);
    const base = fixtureMarket({ symbols: ['A', 'B', 'BTC'], closes, volumes });
    const market = { ...base, dates: Int32Array.from({ length: 8 }, (_, t) => MONDAY + t) };
    expect(Array.from(tradedOnLastBar(viewAt(market, 6, 365), [0, 1, 2]))).toEqual([0, 2]);
  });

  it('carries its last close through the weekend for returns: 0 on Saturday and Sunday, Friday → Monday on Monday', () => {
    const view = viewAt(market, 7, 365); // Monday 2024-01-08
    expect(Array.from(view.carriedCloses(0, 5))).toEqual([103, 104, 104, 104, 107]);
    // The window starts on Sunday: its close comes from Friday, before the window.
    expect(Array.from(viewAt(market, 8, 365).carriedCloses(0, 3))).toEqual([104, 107, 108]);
    const r = trailingReturns(view, 0, 4);
    [104 / 103 - 1, 0, 0, 107 / 104 - 1].forEach((x, k) => expect(r[k]).toBeCloseTo(x, 15));
  });

  it('equal-weight deciding on a Saturday buys every name at 1/3 of NAV, stocks at their Friday close, filled on Monday', () => {
    // A 100 − t, B 50 on weekdays; BTC 30. Saturday 2024-01-06 (session 5): NAV 90 000 → 30 000 each:
    // A at Friday's 96: 312.5 → 312 (at Monday's 93 it would be 322), B 600, BTC 1000. BTC fills
    // Sunday's open; A and B Monday's.
    const three = sevenDay(15, ['A', 'B'], ['BTC'], (t, i) => (i === 0 ? 100 - t : 50), () => 30);
    const result = backtest(three, createBuiltinStrategy('equal-weight'), { from: '2024-01-06', initialCash: 90_000 });
    const fills = Array.from(result.fills.session, (s, k) => [three.symbols[result.fills.symbol[k]], s, result.fills.quantity[k]]);
    expect(fills).toEqual([
      ['BTC', 6, 1000],
      ['A', 7, 312],
      ['B', 7, 600],
    ]);
  });
});

describe('volatility of a weekday symbol beside a seven-day one', () => {
  it('is about the same whether or not a seven-day symbol shares the folder (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.03, max: 0.03, noNaN: true }), { minLength: 300, maxLength: 300 }), (moves) => {
        // STK's weekday closes: 100 · Π(1 + move).
        const closes: number[] = [100];
        for (const m of moves) closes.push(closes[closes.length - 1] * (1 + m));
        const weekdayOnly = fixtureMarket({ symbols: ['STK'], closes: closes.map((c) => [c]), start: '2024-01-01' });
        const T = closes.length - 1;
        // The same STK bars on a seven-day calendar beside BTC: weekday k is calendar day 7⌊k/5⌋ + k mod 5.
        const days = 7 * Math.floor(T / 5) + (T % 5) + 1;
        const byDay = new Map(closes.map((c, k) => [7 * Math.floor(k / 5) + (k % 5), c]));
        const mixed = sevenDay(days, ['STK'], ['BTC'], (t) => byDay.get(t) ?? NaN, (t) => 30 + (t % 3));
        // A year of each calendar ending on the last bar: 250 weekday sessions, the calendar days they span.
        const weekdays = 250;
        const span = 7 * Math.floor(T / 5) + (T % 5) - (7 * Math.floor((T - weekdays) / 5) + ((T - weekdays) % 5));
        const own = std(Array.from(trailingReturns(viewAt(weekdayOnly, T, 252), 0, weekdays))) * Math.sqrt(252);
        const carried = std(Array.from(trailingReturns(viewAt(mixed, days - 1, 365), 0, span))) * Math.sqrt(365);
        // 365 · 250/350 = 260.7 bars a year against the trading-day convention's 252: √(260.7/252) = 1.017.
        expect(carried / own).toBeGreaterThan(0.97);
        expect(carried / own).toBeLessThan(1.05);
      }),
      { numRuns: 30, seed: 20261130 },
    );
  });
});

describe('own-bar lookbacks span the time of the run’s sessions', () => {
  it('reads each symbol’s bars a year: a weekday stock in a seven-day calendar 252, the coin 365, an every-other-day name 126', () => {
    const market = sevenDay(400, ['STK'], ['BTC'], (t) => 100 + t, () => 30);
    const view = viewAt(market, 399, 365);
    expect([view.barsPerYear(0), view.barsPerYear(1)]).toEqual([252, 365]);
    // 290 sessions (200 trading days at P = 365) → round(290 · 252/365) = round(200.2) = 200 STK bars; 365 BTC bars.
    expect([ownBars(view, 0, 290), ownBars(view, 0, 72), ownBars(view, 1, 365)]).toEqual([200, 50, 365]);
    // Weekday calendar: B trades every other session (share 0.5 of 252 → 126 a year); A every session.
    const sparse = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: 300 }, (_, t) => [50, t % 2 === 0 ? 10 + t : NaN]) });
    const weekday = viewAt(sparse, 298, 252);
    expect([weekday.barsPerYear(0), weekday.barsPerYear(1)]).toEqual([252, 126]);
    // 200 sessions → 100 of B's bars: closes 10 + t on t = 100, 102, …, 298, mean 10 + 199 = 209.
    expect(movingAverage(weekday, 1, 200)).toBeCloseTo(209, 12);
  });

  it('a month-end symbol in a weekday calendar reads 12 bars a year at every session, bar day or not (probe r17c: 11, 12 or 13 flipped signals on stale data)', () => {
    // 2 years of weekdays from 2024-01-01; M has a bar on the last weekday of each month only.
    const days = weekdays('2024-01-01', 522);
    const last = Array.from(days, (d, k) => k + 1 < days.length && monthIndex(days[k + 1]) !== monthIndex(d));
    const market = fixtureMarket({ symbols: ['D', 'M'], closes: Array.from(days, (_, k) => [50, last[k] ? 100 + k : NaN]) });
    const seen = new Set<number>();
    for (let t = 260; t < 521; t++) seen.add(viewAt(market, t, 252).barsPerYear(1));
    expect([...seen]).toEqual([12]);
  });

  it('momentum’s 12-1 over a stock in a seven-day calendar: 252 and 21 of its bars (365 and 30 sessions)', () => {
    // STK's n-th weekday bar closes at 100 + n. Decision on the 300th bar (Friday, session 7·59 + 4 = 417).
    const market = sevenDay(418, ['STK'], ['BTC'], (t) => 100 + 5 * Math.floor(t / 7) + (t % 7), () => 30);
    const view = viewAt(market, 417, 365);
    // Bars n = 299 − 252 = 47 → n = 299 − 21 = 278: (100 + 278) / (100 + 47) − 1.
    expect(trailingReturn(view, 0, 365, 30)).toBeCloseTo(378 / 147 - 1, 14);
  });

  it('sma-crossover on a stock in a seven-day calendar: 50/200 trading days are 50/200 of its bars, the first trade after its 200th', () => {
    // STK rises every weekday; its 200th bar is weekday 199 = Friday of week 39, calendar day 7·39 + 4 = 277.
    const market = sevenDay(320, ['STK'], ['BTC'], (t) => 100 + t, () => 30);
    const result = backtest(market, createBuiltinStrategy('sma-crossover', { symbol: 'STK' }), { initialCash: 100_000 });
    expect(result.manifest.strategy.params).toMatchObject({ fast: 72, slow: 290 });
    expect(result.manifest.ownBars).toEqual({ periodsPerYear: 365, barsPerYear: { STK: 252 } });
    expect(result.orders.session[0]).toBe(277);
  });
});
