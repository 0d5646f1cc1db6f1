// Symbols a run read or targeted whose prices cover only part of it (engine/caveats/symbolCoverage.ts):
// one caveat names them with how far in they start or how long before the end they stop, and the
// warm-up caveat gives a late start as its reason where a target waited for its prices.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectMarket } from '../../../../data/prices/select.ts';
import { partialCoverage, symbolCoverageCaveats } from '../../../../engine/caveats/symbolCoverage.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { scenario } from '../../helpers.ts';

// 20 weekdays from 2024-01-01 (session 8 is 2024-01-11, the last 2024-01-26).
const SESSIONS = 20;
const closes = (symbols: number, priced: (t: number, i: number) => boolean): number[][] =>
  Array.from({ length: SESSIONS }, (_, t) => Array.from({ length: symbols }, (_, i) => (priced(t, i) ? 10 + t : NaN)));

describe('symbols with prices for part of the run', () => {
  it('a target that starts 8 sessions in: 8 of 20 sessions = 40.0% (medium), and the warm-up says why', () => {
    const market = fixtureMarket({ symbols: ['BIG', 'LATE'], closes: closes(2, (t, i) => i === 0 || t >= 8) });
    // The target on session 0 finds no price (nothing waits); the one on session 8 fills on 9's open.
    const r = scenario(market, { 0: { weights: { LATE: 1 } }, 8: { weights: { LATE: 1 } } });
    const c = r.caveats.find((x) => x.code === 'partial-coverage');
    expect(c).toMatchObject({ severity: 'medium', size: 8, unit: 'sessions', symbols: ['LATE'] });
    expect(c?.message).toBe(
      '1 symbol the run read or targeted has no prices for part of it (2024-01-01 → 2024-01-26): LATE from 2024-01-11 (8 sessions in), 40.0% of the run — where a symbol has no prices it cannot be traded, and a strategy reading it sees nothing there',
    );
    // Sessions 0..8 in cash (9 of 20), the target of session 0 waiting for LATE's first price (session 8), which the next decision ordered.
    expect(r.caveats.find((x) => x.code === 'warm-up')?.message).toBe('first investment on 2024-01-12, after 9 sessions in cash (45.0% of the run): a target waited for prices (none for LATE before 2024-01-11) — the metrics count that time');
  });

  it('a symbol only read, from 01-09 (6 in) to 01-10 (9 before the end): 15 of 20 = 75.0% (high)', () => {
    const market = fixtureMarket({ symbols: ['BIG', 'PART'], closes: closes(2, (t, i) => i === 0 || (t >= 6 && t <= 10)) });
    const r = scenario(market, { 0: (view) => (view.history('close', view.resolve('PART'), 1), { weights: { BIG: 1 } }) });
    const c = r.caveats.find((x) => x.code === 'partial-coverage');
    expect(c).toMatchObject({ severity: 'high', size: 15 });
    expect(c?.message).toMatch(/: PART from 2024-01-09 \(6 sessions in\) to 2024-01-15 \(9 sessions before its end\), 75\.0% of the run — /);
    // BIG was invested from the first session's fill: no warm-up, so no reason to give.
    expect(r.caveats.some((x) => x.code === 'warm-up')).toBe(false);
  });

  it('every symbol priced throughout: no caveat', () => {
    const r = scenario(fixtureMarket({ symbols: ['BIG'], closes: closes(1, () => true) }), { 0: { weights: { BIG: 1 } } });
    expect(r.caveats.some((x) => x.code === 'partial-coverage')).toBe(false);
  });

  it('a cross-section of 25 read, 3 starting late: low, counted, "the universe grows"', () => {
    const symbols = Array.from({ length: 25 }, (_, i) => `S${String(i).padStart(2, '0')}`);
    // S22 from session 2 (10.0%), S23 from 4 (20.0%), S24 from 10 (50.0%).
    const starts: Record<number, number> = { 22: 2, 23: 4, 24: 10 };
    const market = fixtureMarket({ symbols, closes: closes(25, (t, i) => t >= (starts[i] ?? 0)) });
    const r = scenario(market, { 0: (view) => (symbols.forEach((s) => view.history('close', view.resolve(s), 1)), { weights: { S00: 1 } }) });
    const c = r.caveats.find((x) => x.code === 'partial-coverage');
    expect(c).toMatchObject({ severity: 'low', size: 10, symbols: ['S24', 'S23', 'S22'] });
    expect(c?.message).toBe(
      '3 of the 25 symbols the run read or targeted have no prices for part of it (2024-01-01 → 2024-01-26) (3 start after its first session, 0 end before its last): S24 from 2024-01-15 (10 sessions in), 50.0% of the run; S23 from 2024-01-05 (4 sessions in), 20.0% of the run; S22 from 2024-01-03 (2 sessions in), 10.0% of the run — the universe grows and shrinks over the run (listings, delistings, data that starts or ends): each decision picks among the names priced then',
    );
  });

  it('in a cross-section, a late symbol the run targeted keeps its severity (probe r15a: 21 fixed weights, one starting 61.5 % in, read low)', () => {
    const symbols = Array.from({ length: 21 }, (_, i) => `S${String(i).padStart(2, '0')}`);
    // S20 from session 12: 12 of 20 sessions = 60.0 % > 50 %: high, and the fixed weight on it waited in cash.
    const market = fixtureMarket({ symbols, closes: closes(21, (t, i) => i < 20 || t >= 12) });
    const r = scenario(market, { 0: { weights: Object.fromEntries(symbols.map((x) => [x, 1 / 21])) } });
    const c = r.caveats.find((x) => x.code === 'partial-coverage');
    expect(c).toMatchObject({ severity: 'high', size: 12, symbols: ['S20'] });
    expect(c?.message).toBe(
      '1 of the 21 symbols the run read or targeted has no prices for part of it (2024-01-01 → 2024-01-26): S20 from 2024-01-17 (12 sessions in), 60.0% of the run — where a symbol has no prices it cannot be traded, and a strategy reading it sees nothing there',
    );
  });

  it('in a cross-section, a stock bought once it listed made nothing wait: low, "the universe grows" (probe r16b/r16d: was high)', () => {
    const symbols = Array.from({ length: 21 }, (_, i) => `S${String(i).padStart(2, '0')}`);
    // S20 lists on session 12 (60 % of the run); the decision on session 12 is the first to hold it: no target waited.
    const market = fixtureMarket({ symbols, closes: closes(21, (t, i) => i < 20 || t >= 12) });
    const all = Object.fromEntries(symbols.slice(0, 20).map((x) => [x, 1 / 20]));
    const r = scenario(market, { 0: { weights: all }, 12: { weights: Object.fromEntries(symbols.map((x) => [x, 1 / 21])) } });
    expect(Array.from(r.deferrals.symbol)).not.toContain(20);
    const c = r.caveats.find((x) => x.code === 'partial-coverage');
    expect(c?.severity).toBe('low');
    expect(c?.message).toMatch(/S20 from 2024-01-17 \(12 sessions in\), 60\.0% of the run — the universe grows and shrinks over the run/);
  });

  it('the share is judged as printed: 201 of 2,001 sessions reads "10.0%" and is low; 1,001 reads "50.0%" and is medium (probe r16b)', () => {
    const long = (late: number) => fixtureMarket({ symbols: ['BIG', 'L'], closes: Array.from({ length: 2001 }, (_, t) => [10, t >= late ? 10 : NaN]) });
    expect(symbolCoverageCaveats(long(201), new Set([1]), new Set([1]), 0, 2000)[0]).toMatchObject({ severity: 'low' });
    expect(symbolCoverageCaveats(long(201), new Set([1]), new Set([1]), 0, 2000)[0].message).toContain('10.0% of the run');
    expect(symbolCoverageCaveats(long(1001), new Set([1]), new Set([1]), 0, 2000)[0]).toMatchObject({ severity: 'medium' });
  });

  it('a symbol with no bar in the run that starts after it names its first date (probe r16b)', () => {
    const market = fixtureMarket({ symbols: ['BIG', 'NEW'], closes: closes(2, (t, i) => i === 0 || t >= 15) });
    expect(symbolCoverageCaveats(market, new Set([1]), new Set(), 0, 9)[0].message).toContain('NEW none in the run (its data starts 2024-01-22)');
  });

  it('a symbol whose data ended before the run is one that ends, not one that starts late (probe r15a)', () => {
    // GONE has bars on sessions 0–4 only; the run covers 8–19.
    const market = fixtureMarket({ symbols: ['BIG', 'GONE'], closes: closes(2, (t, i) => i === 0 || t <= 4) });
    const [c] = partialCoverage(market, [1], 8, 19);
    expect(c).toMatchObject({ late: 0, early: 12, endedAt: 4 });
  });

  it('a sparse symbol whose bars straddle the run\'s start and end within its spacing is not partial; one listed inside the run is (probe r28a: month-end MMM in a daily run "from 2023-06-30, 21 sessions in")', () => {
    // 40 sessions; bars every 5th session (0, 5, 10, …): a run over sessions 17–28 starts and ends between two of them.
    const sparse = (priced: (t: number) => boolean) => fixtureMarket({ symbols: ['M'], closes: Array.from({ length: 40 }, (_, t) => [priced(t) ? 100 : NaN]) });
    expect(partialCoverage(sparse((t) => t % 5 === 0), [0], 17, 28)).toEqual([]);
    // Bars from session 20 on only: it lists inside the run, late by 13 of its sessions (7 … 19), whatever its spacing.
    expect(partialCoverage(sparse((t) => t >= 20 && t % 5 === 0), [0], 7, 28)).toMatchObject([{ late: 13, early: 0 }]);
    // Its bar at 15 missing: 10 sessions from its bar before (10) to its first in the run (20), more than 1.5 × its spacing of 5 — late by 3 (17, 18, 19).
    expect(partialCoverage(sparse((t) => t % 5 === 0 && t !== 15), [0], 17, 28)).toMatchObject([{ late: 3, early: 0 }]);
  });

  it('late and early count the run sessions before the first bar and after the last, for a symbol listed on the calendar between any two sessions (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SESSIONS - 1 }), fc.integer({ min: 0, max: SESSIONS - 1 }), fc.integer({ min: 0, max: SESSIONS - 1 }), fc.integer({ min: 0, max: SESSIONS - 1 }), (s, e, a, b) => {
        const [first, last] = a <= b ? [a, b] : [b, a];
        const priced = Array.from({ length: SESSIONS }, (_, t) => t >= Math.min(s, e) && t <= Math.max(s, e));
        const market = fixtureMarket({ symbols: ['X'], closes: closes(1, (t) => priced[t]) });
        const inRun = priced.slice(first, last + 1);
        const firstBar = inRun.indexOf(true);
        const [c] = partialCoverage(market, [0], first, last);
        // No bar in the run: all of it after the symbol's end when it had one before, else before its start.
        const endedBefore = firstBar < 0 && priced.slice(0, first).includes(true);
        const late = firstBar < 0 ? (endedBefore ? 0 : inRun.length) : firstBar;
        const early = firstBar < 0 ? (endedBefore ? inRun.length : 0) : inRun.length - 1 - inRun.lastIndexOf(true);
        if (late === 0 && early === 0) expect(c).toBeUndefined();
        else expect(c).toMatchObject({ late, early });
        if (firstBar >= 0 && c !== undefined) expect(c).toMatchObject({ start: first + late, end: last - early });
      }),
    );
  });
});

describe('a selection that ends between two bars of a sparse symbol does not end its data (probe r29a: MMM month-end, --to 2024-06-27, sold "at its data end" on 06-03)', () => {
  // 40 sessions; A daily, M every 5th session (0, 5, … 35). A selection of sessions 0–32 ends 2 sessions after M's bar at 30; its next, 35, lies past it.
  const whole = fixtureMarket({ symbols: ['A', 'M'], closes: Array.from({ length: 40 }, (_, t) => [100 + t, t % 5 === 0 ? 50 + t : NaN]) });
  const { market } = selectMarket(whole, { from: undefined, to: whole.dates[32], symbols: undefined, calendar: undefined });

  it('the selection knows M goes on; A, priced to its last session, needs no flag', () => {
    expect(market.dates.length).toBe(33);
    expect(Array.from(market.continuesAfter ?? [])).toEqual([1, 1]);
  });

  it('50 % M held to the end: no data-end exit, no "stops early", marked at its bar of session 30 (80)', () => {
    const result = scenario(market, { 0: { weights: { A: 0.5, M: 0.5 } } }, { initialCash: 10_000, shares: 'fractional' });
    expect(Array.from(result.fills.reason)).toEqual([0, 0]);
    expect(partialCoverage(market, [1], 0, 32)).toEqual([]);
    // Held to the end and marked at its bar of session 30 (50 + 30): the book's long value is A's shares at 132 and M's at 80.
    const shares = (i: number) => result.fills.quantity.reduce((s, q, k) => s + (result.fills.symbol[k] === i ? q : 0), 0);
    const d = result.daily;
    expect(shares(1)).toBeGreaterThan(0);
    expect(d.longValue[d.longValue.length - 1]).toBeCloseTo(shares(0) * 132 + shares(1) * 80, 6);
  });
});
