// What a strategy read decides its data notes (fundamentals' look-ahead note only when it read
// fundamentals), and what it could not do becomes a caveat sized by the book it touched
// (MarketView.caveat, engine/decisions/strategyNotes.ts).

import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../../data/dates.ts';
import type { Market } from '../../../../data/market.ts';
import { StrategyNotes } from '../../../../engine/decisions/strategyNotes.ts';
import { viewReads } from '../../../../engine/decisions/view.ts';
import { instantiate } from '../../../../strategies/api.ts';
import { momentum } from '../../../../strategies/builtin/momentum.ts';
import { liquidMembers } from '../../../../strategies/blocks/universe.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { scenario } from '../../helpers.ts';
import { cashBook, viewAt } from '../../../strategies/views.ts';

const LOOK_AHEAD = 'fundamentals: each filing is known from its latest Publish Date; values are as last restated (a mild look-ahead on restated rows)';

/** Two stocks, six sessions, revenue public from 2023-12-01, and a SimFin source with its look-ahead note. */
function withFundamentals(): Market {
  const m = fixtureMarket({
    symbols: ['AAA', 'BBB'],
    closes: [[10, 20], [11, 19], [12, 18], [13, 17], [14, 16], [15, 15]],
    fundamentals: [0, 1].map((symbol) => ({ symbol, periodEnd: epochDay(2023, 9, 30), availableAt: epochDay(2023, 12, 1), values: { revenue: 100 + symbol } })),
  });
  return { ...m, sources: [{ path: 'simfin_us-income-quarterly.csv.gz', format: 'SimFin bulk csv (;)', fingerprint: '', notes: [LOOK_AHEAD] }] };
}
const lookAhead = (caveats: readonly { message: string }[]): boolean => caveats.some((c) => c.message.includes('look-ahead on restated rows'));

describe('fundamentals notes only when fundamentals were read', () => {
  it('a strategy on prices alone does not get the SimFin look-ahead note', () => {
    const r = scenario(withFundamentals(), { 0: (view) => (view.history('close', 0, 3), { weights: { AAA: 1 } }) });
    expect(lookAhead(r.caveats)).toBe(false);
  });

  it('a strategy that ranks on a fundamental gets it, high', () => {
    const r = scenario(withFundamentals(), { 0: (view) => ({ weights: { [view.fundamental('revenue')[1] > 100 ? 'BBB' : 'AAA']: 1 } }) });
    expect(r.caveats.find((c) => c.message.includes('look-ahead on restated rows'))).toMatchObject({ code: 'data-note', severity: 'high' });
  });

  it('momentum reads prices and the universe, not fundamentals; marketCap() counts as fundamentals', () => {
    const market = withFundamentals();
    const view = viewAt(market, 5);
    instantiate(momentum, { lookback: 3, skip: 1, buckets: 2 }).decide(view, cashBook);
    expect(viewReads(view).fundamentals).toBe(false);
    expect(Array.from(viewReads(view).symbols)).toEqual([1, 1]);
    const other = viewAt(market, 5);
    other.marketCap();
    expect(viewReads(other).fundamentals).toBe(true);
  });
});

describe('a screen that cannot apply says so', () => {
  // B trades 1 share a session at 1 (dollar volume 1); C has no volume at all.
  const market = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[10, 1, 5], [10, 1, 5], [10, 1, 5]], volumes: [[100, 1, NaN], [100, 1, NaN], [100, 1, NaN]] });

  it('liquidMembers keeps a name without volume and notes it (1 of 3 names); a zero floor screens nothing and notes nothing', () => {
    const view = viewAt(market, 2);
    expect(Array.from(liquidMembers(view, [0, 1, 2], 3, 100, 'minDollarVolume'))).toEqual([0, 2]);
    expect(viewReads(view).take()).toEqual([{ what: 'liquidity screen minDollarVolume not applied to names without volume (kept unscreened)', symbols: [2], of: 3 }]);
    expect(viewReads(view).take()).toEqual([]);
    const free = viewAt(market, 2);
    liquidMembers(free, [0, 1, 2], 3, 0);
    expect(viewReads(free).take()).toEqual([]);
  });

  it('the run caveat is sized by the largest share of NAV targeted in the unscreened names', () => {
    // Decision 0: A 60 %, C 40 % → C is 0.4 of NAV; decision 1: C alone, 100 %; decision 2 notes nothing.
    const r = scenario(market, {
      0: (view) => ({ weights: { A: 0.6, C: liquidMembers(view, [0, 1, 2], 3, 100, 'minDollarVolume').includes(2) ? 0.4 : 0 } }),
      1: (view) => (liquidMembers(view, [2], 3, 100, 'minDollarVolume'), { weights: { C: 1 } }),
      2: () => undefined,
    });
    const note = r.caveats.find((c) => c.code === 'strategy-note');
    expect(note).toMatchObject({ severity: 'high', size: 1, unit: 'nav-share', symbols: ['C'] });
    expect(note?.message).toBe('liquidity screen minDollarVolume not applied to names without volume (kept unscreened) — at 2 of 3 decisions from 2024-01-01 to 2024-01-02; largest on 2024-01-02: 1 of the 1 name the step applied to, targeted at 100.0% of NAV');
  });

  it('severity follows the share: 0.8 % low, 3 % medium, 30 % short high; explicit orders: medium, no size', () => {
    const market3 = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[1, 1, 1]] });
    const at = (weights: number[], symbols: number[], weighted = true) => {
      const notes = new StrategyNotes();
      notes.record([{ what: 'x', symbols, of: 3 }], 0, Float64Array.from(weights), weighted);
      return notes.caveats(market3)[0];
    };
    expect(at([0.992, 0.008, 0], [1])).toMatchObject({ severity: 'low', size: 0.008 });
    expect(at([0.97, 0.03, 0], [1])).toMatchObject({ severity: 'medium', size: 0.03 });
    expect(at([0.5, 0, -0.3], [2])).toMatchObject({ severity: 'high', size: 0.3 });
    expect(at([NaN, NaN, NaN], [1, 2], false)).toMatchObject({ severity: 'medium', size: null });
    // Targets naming none of the symbols (weights {}: all cash) at every decision: low, and unsized (not "0 % of NAV").
    expect(at([NaN, NaN, NaN], [1, 2])).toMatchObject({ severity: 'low', size: null, unit: null });
  });

  it('a note whose names no decision targeted (weights {}: cash) is unsized and has no "largest", not "targeted no weights" as explicit orders are (probe r38b, r40)', () => {
    // Sessions 0 and 1 return no weights and note B; session 2 orders 1 A and notes C.
    const r = scenario(market, {
      0: (view) => (view.caveat('w', [1], NaN), { weights: {} }),
      1: (view) => (view.caveat('w', [1], NaN), { weights: {} }),
      2: (view) => (view.caveat('v', [2], NaN), [{ symbol: 'A', quantity: 1 }]),
    });
    // Caveats list by severity: the note of explicit orders (medium) before the one never targeted (low).
    const notes = r.caveats.filter((c) => c.code === 'strategy-note').map((c) => c.message);
    expect(notes).toEqual([
      'v — at 1 of 3 decisions from 2024-01-03; largest on 2024-01-03: 1 name (the decision targeted no weights)',
      'w — at 2 of 3 decisions from 2024-01-01 to 2024-01-02',
    ]);
  });

  it('a note’s least severity raises a lower one; a named note starts with its names; the latest detail is shown', () => {
    const market3 = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[1, 1, 1], [1, 1, 1]] });
    const notes = new StrategyNotes();
    // 0 % of NAV in B would be low; least 'high' makes it high. Detail "x" at session 0, "y" at session 1.
    notes.record([{ what: 'w', symbols: [1], of: 1, options: { named: true, least: 'high', detail: 'x' } }], 0, Float64Array.from([1, 0, 0]), true);
    notes.record([{ what: 'w', symbols: [2], of: 1, options: { named: true, least: 'high', detail: 'y' } }], 1, Float64Array.from([1, 0, 0]), true);
    expect(notes.caveats(market3)[0]).toMatchObject({
      severity: 'high',
      message: 'B, C: w (y) — at 2 of 2 decisions from 2024-01-01 to 2024-01-02; most on 2024-01-01: 1 of the 1 name the step applied to',
      size: null,
    });
  });

  it('a note made per symbol (of NaN) counts its names without an "of"; never in the targets, it names no count (probe r22b run 8, r40)', () => {
    // B and C noted one at a time in one decision (NaN + NaN = NaN), the decision targeting only A (100 %): Σ|w| over B, C = 0.
    const market3 = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[1, 1, 1]] });
    const notes = new StrategyNotes();
    notes.record([{ what: 'w', symbols: [1, 2], of: NaN, options: { named: true } }], 0, Float64Array.from([1, 0, 0]), true);
    expect(notes.caveats(market3)[0].message).toBe('B, C: w — at 1 of 1 decisions from 2024-01-01');
    // 2 of the 10 names a screen applied to, weighted 0.25 + 0.05 = 30 % of NAV.
    const other = new StrategyNotes();
    other.record([{ what: 'v', symbols: [1, 2], of: 10 }], 0, Float64Array.from([0.7, 0.25, 0.05]), true);
    expect(other.caveats(market3)[0].message).toBe('v — at 1 of 1 decisions from 2024-01-01; largest on 2024-01-01: 2 of the 10 names the step applied to, targeted at 30.0% of NAV');
  });

  it('never in the targets: the count is the decision with the most names; a decision of explicit orders keeps the 0 % "largest"', () => {
    const market3 = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[1, 1, 1], [1, 1, 1]] });
    const never = new StrategyNotes();
    // Session 0 leaves out B (1 of 3), session 1 B and C (2 of 3); A holds 100 % both times.
    never.record([{ what: 'v', symbols: [1], of: 3 }], 0, Float64Array.from([1, 0, 0]), true);
    never.record([{ what: 'v', symbols: [1, 2], of: 3 }], 1, Float64Array.from([1, 0, 0]), true);
    expect(never.caveats(market3)[0]).toMatchObject({ severity: 'low', size: null, message: 'v — at 2 of 2 decisions from 2024-01-01 to 2024-01-02; most on 2024-01-02: 2 of the 3 names the step applied to' });
    // The decision that left out the larger part of the names it applied to, not the most names (probe r60b: a score over
    // 4 of the first 7 small caps, medium as under half, was shown as the 1,116 of 2,460 of its last decision): 9 of 10 > 20 of 30.
    const names = Array.from({ length: 31 }, (_, k) => `S${k}`);
    const market31 = fixtureMarket({ symbols: names, closes: [names.map(() => 1), names.map(() => 1)] });
    const held = Float64Array.from(names, (_, k) => (k === 0 ? 1 : 0));
    const part = new StrategyNotes();
    part.record([{ what: 'v', symbols: Array.from({ length: 9 }, (_, k) => k + 1), of: 10 }], 0, held, true);
    part.record([{ what: 'v', symbols: Array.from({ length: 20 }, (_, k) => k + 1), of: 30 }], 1, held, true);
    expect(part.caveats(market31)[0].message).toBe('v — at 2 of 2 decisions from 2024-01-01 to 2024-01-02; most on 2024-01-01: 9 of the 10 names the step applied to');
    // One decision of weights (B at 0 %), one of explicit orders (what it touched is unknown): not "never in the targets".
    const mixed = new StrategyNotes();
    mixed.record([{ what: 'v', symbols: [1], of: 3 }], 0, Float64Array.from([1, 0, 0]), true);
    mixed.record([{ what: 'v', symbols: [1], of: 3 }], 1, Float64Array.from([NaN, NaN, NaN]), false);
    expect(mixed.caveats(market3)[0]).toMatchObject({ size: 0, unit: 'nav-share', message: 'v — at 2 of 2 decisions from 2024-01-01 to 2024-01-02; largest on 2024-01-01: 1 of the 3 names the step applied to, not in the targets (0.0% of NAV)' });
  });

  it('least is the most severe any decision asked for: medium at the first, none at the last, stays medium', () => {
    const market3 = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[1, 1, 1], [1, 1, 1]] });
    const notes = new StrategyNotes();
    // B at 0.5 % of NAV both times: low by size.
    notes.record([{ what: 'v', symbols: [1], of: 3, options: { least: 'medium' } }], 0, Float64Array.from([0.995, 0.005, 0]), true);
    notes.record([{ what: 'v', symbols: [1], of: 3 }], 1, Float64Array.from([0.995, 0.005, 0]), true);
    expect(notes.caveats(market3)[0]).toMatchObject({ severity: 'medium', size: 0.005 });
  });

  it('the same phrase noted twice in one decision (a step per symbol) is one note of both names', () => {
    const view = viewAt(market, 2);
    view.caveat('w', [0], 1, { detail: 'a' });
    view.caveat('w', [2, 0], 1, { detail: 'b' });
    expect(viewReads(view).take()).toEqual([{ what: 'w', symbols: [0, 2], of: 2, options: { detail: 'b' } }]);
  });
});
