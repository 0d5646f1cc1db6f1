// Windows in sessions resolved to a coarse symbol's own bars (strategies/blocks/ownWindows.ts):
// month-like data in a weekly calendar. M has a bar on every 4th session (t ≡ 3 mod 4), so any
// trailing year of 52 sessions holds 13 of its bars: 13 bars a year at P = 52, one bar per 4
// sessions. A window of w sessions is round(w · 13/52) = round(w/4) of its bars (at least 1 for an
// average). W trades every session. Hand values throughout.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { viewReads } from '../../engine/decisions/view.ts';
import { breadth } from '../../strategies/builtin/breadthThrust.ts';
import { ownWindow, ownWindowsOrdered, SPAN_TOLERANCE } from '../../strategies/blocks/ownWindows.ts';
import { trailingReturn } from '../../strategies/blocks/series.ts';
import { createBuiltinStrategy } from '../../strategies/registry.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { viewAt } from './views.ts';

/** Epoch day of Friday 2024-01-05. */
const FRIDAY = 19_727;
const SESSIONS = 120;
/** M's bars: 100 + t on t ≡ 3 (mod 4); W: `w(t)` every session; then `others`, every session. */
function monthlyInWeekly(w: (t: number) => number = () => 50, others: Record<string, (t: number) => number> = {}): Market {
  const closes = Array.from({ length: SESSIONS }, (_, t) => [t % 4 === 3 ? 100 + t : NaN, w(t), ...Object.values(others).map((f) => f(t))]);
  const market = fixtureMarket({ symbols: ['M', 'W', ...Object.keys(others)], closes });
  return { ...market, dates: Int32Array.from({ length: SESSIONS }, (_, t) => FRIDAY + 7 * t) };
}
const market = monthlyInWeekly();
/** Session 56 (2025-01-31): its trailing year 5..56 holds M's bars 7, 11, …, 55: 13. */
const view = () => viewAt(market, 56, 52);
const window = (name: string, sessions: number, least = 1) => ({ name, sessions, least });

describe('a window resolved to a coarse symbol’s own bars', () => {
  it('counts 13 bars a year for M and P for W; 8 sessions are 2 of M’s bars, untold (exactly 8 sessions)', () => {
    const v = view();
    expect([v.barsPerYear(0), v.barsPerYear(1)]).toEqual([13, 52]);
    expect(ownWindow(v, 0, window('moving average', 8))).toBe(2);
    expect(ownWindow(v, 1, window('moving average', 3))).toBe(3);
    expect(viewReads(v).take()).toEqual([]);
  });

  it('tells the run when the bars span another time: 3 sessions → 1 bar = 4 sessions (33 % more)', () => {
    const v = view();
    expect(ownWindow(v, 0, window('moving average', 3))).toBe(1);
    expect(viewReads(v).take()).toEqual([
      { what: 'a 3-session moving average is not 3 sessions long in its own bars', symbols: [0], of: NaN, options: { named: true, detail: '1 bar = 4.0 sessions; 13 bars a year in a 52-session year' } },
    ]);
  });

  it('a symbol with one bar a year says "1 bar a year", not "1 bars" (probe r22b run 8)', () => {
    // Y has a bar where t ≡ 3 (mod 52): the trailing year 5..56 holds only bar 55, so 1 bar a year at P = 52. A 8-session
    // average is max(1, round(8 · 1/52) = 0) = 1 bar, which spans 1 · 52/1 = 52 sessions.
    const v = viewAt(monthlyInWeekly(undefined, { Y: (t) => (t % 52 === 3 ? 10 : NaN) }), 56, 52);
    expect(ownWindow(v, 2, window('moving average', 8))).toBe(1);
    expect(viewReads(v).take()).toEqual([
      { what: 'a 8-session moving average is not 8 sessions long in its own bars', symbols: [2], of: NaN, options: { named: true, detail: '1 bar = 52.0 sessions; 1 bar a year in a 52-session year' } },
    ]);
  });

  it('is told iff its span is more than 10 % off the sessions asked (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (w) => {
        const v = view();
        const bars = ownWindow(v, 0, window('moving average', w));
        const told = viewReads(v).take().length === 1;
        // M's bar spans 4 sessions.
        expect(told).toBe(Math.abs(bars * 4 - w) > SPAN_TOLERANCE * w);
        expect(bars).toBe(Math.max(1, Math.round(w / 4)));
      }),
      { numRuns: 100, seed: 15 },
    );
  });

  it('refuses a pair the strategy needs ordered once it is not: fast 3 and slow 5 are both 1 bar; fast 3 and slow 8 are 1 and 2', () => {
    const v = view();
    expect(ownWindowsOrdered(v, 0, 'sma-crossover', window('fast', 3), window('slow', 5), 'held in cash')).toBe(false);
    expect(viewReads(v).take()).toEqual([
      {
        what: 'sma-crossover fast 3 and slow 5 sessions: fast is not shorter than slow in its own bars, so held in cash',
        symbols: [0],
        of: NaN,
        options: { named: true, least: 'high', detail: 'both 1 bar; 13 bars a year in a 52-session year' },
      },
    ]);
    expect(ownWindowsOrdered(v, 0, 'sma-crossover', window('fast', 3), window('slow', 8), 'held in cash')).toBe(true);
    expect(ownWindowsOrdered(v, 1, 'sma-crossover', window('fast', 3), window('slow', 5), 'held in cash')).toBe(true);
    expect(viewReads(v).take()).toEqual([]);
  });

  it('a trailing return whose skip is not shorter than its lookback in bars is NaN, not 0: skip 3 and lookback 5 are both 1 bar', () => {
    const v = view();
    expect(trailingReturn(v, 0, 5, 3)).toBeNaN();
    // Lookback 8 = 2 bars, skip 0: from bar 47 (147) to bar 55 (155).
    expect(trailingReturn(v, 0, 8)).toBeCloseTo(155 / 147 - 1, 14);
  });
});

describe('sma-crossover on the coarse symbol', () => {
  // From session 56, each trailing year holds 13 of M's bars: every decision resolves alike.
  const run = (fast: number, slow: number) => backtest(market, createBuiltinStrategy('sma-crossover', { symbol: 'M', fast, slow }), { from: '2025-01-31', initialCash: 100_000 });

  it('fast 3 / slow 5: never trades, and says why at high severity (it read: never invests, no word)', () => {
    const r = run(3, 5);
    expect(r.orders.session.length).toBe(0);
    const note = r.caveats.find((c) => c.code === 'strategy-note');
    expect(note).toMatchObject({ severity: 'high', symbols: ['M'] });
    // Sessions 56..119: 64 decisions, every one refused.
    expect(note?.message).toBe(
      'M: sma-crossover fast 3 and slow 5 sessions: fast is not shorter than slow in its own bars, so held in cash (both 1 bar; 13 bars a year in a 52-session year) — at 64 of 64 decisions from 2025-01-31 to 2026-04-17',
    );
  });

  it('fast 2 and fast 3 with slow 8 are one strategy (both 1 bar); each run names its own request, so the two are told apart', () => {
    const [two, three] = [run(2, 8), run(3, 8)];
    expect(Array.from(two.fills.quantity)).toEqual(Array.from(three.fills.quantity));
    // M rises: its last close (1 bar) is above the mean of its last 2 — invested at 0.95 from the first decision.
    const notes = [two, three].map((r) => r.caveats.filter((c) => c.code === 'strategy-note').map((c) => [c.severity, c.message]));
    expect(notes).toEqual([
      [['high', 'M: a 2-session moving average is not 2 sessions long in its own bars (1 bar = 4.0 sessions; 13 bars a year in a 52-session year) — at 64 of 64 decisions from 2025-01-31 to 2026-04-17; largest on 2025-01-31: 1 name, targeted at 95.0% of NAV']],
      [['high', 'M: a 3-session moving average is not 3 sessions long in its own bars (1 bar = 4.0 sessions; 13 bars a year in a 52-session year) — at 64 of 64 decisions from 2025-01-31 to 2026-04-17; largest on 2025-01-31: 1 name, targeted at 95.0% of NAV']],
    ]);
  });
});

describe('momentum on the coarse symbol', () => {
  it('leaves M unranked when skip 3 and lookback 5 are both 1 bar, and says so', () => {
    // W rises (50 + t), V stays at 80: of the two names ranked, W is the top half.
    const three = monthlyInWeekly((t) => 50 + t, { V: () => 80 });
    const r = backtest(three, createBuiltinStrategy('momentum', { lookback: 5, skip: 3, buckets: 2, schedule: 'every-session' }), { from: '2025-01-31', initialCash: 100_000 });
    const note = r.caveats.find((c) => c.code === 'strategy-note' && c.message.includes('momentum'));
    expect(note?.severity).toBe('high');
    expect(note?.message).toMatch(/^M: momentum skip 3 and lookback 5 sessions: skip is not shorter than lookback in its own bars, so not ranked \(both 1 bar; 13 bars a year in a 52-session year\)/);
    expect(new Set(Array.from(r.fills.symbol, (i) => three.symbols[i]))).toEqual(new Set(['W']));
  });
});

describe('breadth-thrust’s breadth on a coarse stock', () => {
  it('reads the last close of its own bars: M rising is above its 2-bar average, W falling below → 1 of 2', () => {
    // Window 8 sessions: M's 2 bars 51, 55 (151, 155: mean 153, last 155 above); W 8 closes 50 − t, last below the mean.
    const falling = monthlyInWeekly((t) => 200 - t);
    expect(breadth(viewAt(falling, 56, 52), 8)).toBe(0.5);
  });
});
