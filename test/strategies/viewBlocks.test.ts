// Blocks that read the view: trailing returns, averages and betas on adjusted closes, dollar
// volume, on hand-made fixtures where every number can be checked by hand.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageDollarVolume, liquidMembers } from '../../strategies/blocks/universe.ts';
import { movingAverage, trailingBeta, trailingBetas, trailingReturn } from '../../strategies/blocks/series.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { viewAt } from './views.ts';

describe('series on adjusted closes', () => {
  const market = fixtureMarket({
    symbols: ['A', 'B'],
    // B splits 2:1 at session 2: raw 102 → 51 is no loss.
    closes: [
      [10, 100],
      [11, 102],
      [12, 51],
      [13, 52],
      [14, NaN],
      [15, 53],
    ],
    splits: [{ session: 2, symbol: 1, value: 2 }],
  });

  it('trailingReturn runs from `lookback` back to `skip` back', () => {
    // window 11, 12, 13, 14, 15: start 11, end one session before the decision: 14
    expect(trailingReturn(viewAt(market, 5), 0, 4, 1)).toBeCloseTo(14 / 11 - 1, 12);
    expect(trailingReturn(viewAt(market, 5), 0, 5)).toBeCloseTo(15 / 10 - 1, 12);
  });

  it('trailingReturn sees through a split known by the decision', () => {
    // adjusted at t = 3: 50, 51, 51, 52
    expect(trailingReturn(viewAt(market, 3), 1, 3)).toBeCloseTo(52 / 50 - 1, 12);
  });

  it('movingAverage needs a full window of the symbol’s own bars', () => {
    expect(movingAverage(viewAt(market, 5), 0, 3)).toBeCloseTo(14, 12);
    expect(movingAverage(viewAt(market, 2), 0, 5)).toBeNaN();
    // B has no bar at session 4: its last 3 bars are sessions 2, 3, 5 → (51 + 52 + 53) / 3 = 52, not NaN.
    expect(movingAverage(viewAt(market, 5), 1, 3)).toBeCloseTo(52, 12);
    // 5 bars: 50, 51 (102 before the 2:1 split), 51, 52, 53 → 257 / 5; 6 bars do not exist yet.
    expect(movingAverage(viewAt(market, 5), 1, 5)).toBeCloseTo(51.4, 12);
    expect(movingAverage(viewAt(market, 5), 1, 6)).toBeNaN();
  });

  it('a missing bar is not an observation: a trailing return counts the symbol’s own bars', () => {
    // Decision at 5, 2 bars back over B's bars (sessions 2, 3, 5): 53 / 51 − 1.
    expect(trailingReturn(viewAt(market, 5), 1, 2)).toBeCloseTo(53 / 51 - 1, 12);
    // Decision at 4, where B has no bar: its last bars are sessions 1, 2, 3 → 52 / (102 / 2) − 1.
    expect(trailingReturn(viewAt(market, 4), 1, 2)).toBeCloseTo(52 / 51 - 1, 12);
    expect(trailingReturn(viewAt(market, 5), 1, 5)).toBeNaN(); // 6 bars needed, 5 exist
  });

  it('adjustedBars is adjustedCloses with the sessions without a bar left out (any market, any decision)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(fc.double({ min: 1, max: 200, noNaN: true }), { nil: NaN, freq: 3 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: 0, max: 35 }),
        fc.nat(),
        (closes, at, length, splitAt) => {
          const m = fixtureMarket({ symbols: ['A', 'B'], closes, splits: [{ session: splitAt % closes.length, symbol: 0, value: 2 }] });
          const t = at % closes.length;
          const view = viewAt(m, t);
          for (const i of [0, 1]) {
            const bars = Array.from(view.adjustedCloses(i, t + 1)).filter((x) => !Number.isNaN(x));
            const last = bars.slice(Math.max(0, bars.length - length));
            expect(Array.from(view.adjustedBars(i, length))).toEqual([...Array<number>(length - last.length).fill(NaN), ...last]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('trailing betas', () => {
  const benchReturns = [0.01, -0.02, 0.015, 0.005, -0.01, 0.02];
  const path = (start: number, scale: number): number[] =>
    benchReturns.reduce((p, r) => [...p, p[p.length - 1] * (1 + scale * r)], [start]);
  const bench = path(100, 1);
  const double = path(50, 2);
  const half = path(20, 0.5);
  const market = fixtureMarket({ symbols: ['BENCH', 'X2', 'XHALF'], closes: bench.map((b, t) => [b, double[t], half[t]]) });

  it('recovers the slope of returns on the benchmark', () => {
    const view = viewAt(market, 6);
    const betas = trailingBetas(view, [1, 2], 0, 6);
    expect(betas[1]).toBeCloseTo(2, 12);
    expect(betas[2]).toBeCloseTo(0.5, 12);
    expect(betas[0]).toBeNaN(); // not a member
    expect(trailingBeta(view, 1, 0, 6)).toBeCloseTo(2, 12);
  });

  it('is NaN with less than half the window of returns', () => {
    expect(trailingBeta(viewAt(market, 2), 1, 0, 6)).toBeNaN();
  });

  it('counts only returns ending on bars of its own: back from a gap, its carried zeros are no observations (probe r38b kind)', () => {
    // X2 has no bars on sessions 1..4: of the 6 returns to session 6 only those ending on 5 and 6 are observed (2 < 3), so its
    // beta is unknown, not the 0.6-ish the carried zeros would pair to; one missing bar (session 3) leaves 5 observed: beta 2 still.
    const gap = fixtureMarket({ symbols: ['BENCH', 'X2'], closes: bench.map((b, t) => [b, t >= 1 && t <= 4 ? NaN : double[t]]) });
    expect(trailingBeta(viewAt(gap, 6), 1, 0, 6)).toBeNaN();
    const halt = fixtureMarket({ symbols: ['BENCH', 'X2'], closes: bench.map((b, t) => [b, t === 3 ? NaN : double[t]]) });
    expect(trailingBetas(viewAt(halt, 6), [1], 0, 6)[1]).toBeGreaterThan(1);
  });
});

describe('dollar volume', () => {
  const market = fixtureMarket({
    symbols: ['A', 'B'],
    closes: [
      [10, 5],
      [10, 5],
      [20, 5],
      [NaN, 5],
    ],
    volumes: [
      [100, 1],
      [0, 1],
      [50, 1],
      [100, 1],
    ],
  });

  it('averages close × volume over sessions with a price; zero volume counts', () => {
    // A: 1000, 0, 1000 over the 3 priced sessions
    const adv = averageDollarVolume(viewAt(market, 3), [0, 1], 4);
    expect(adv[0]).toBeCloseTo(2000 / 3, 9);
    expect(adv[1]).toBeCloseTo(5, 12);
  });

  it('liquidMembers keeps names at or above the floor', () => {
    expect(Array.from(liquidMembers(viewAt(market, 3), [0, 1], 4, 100))).toEqual([0]);
  });

  it('liquidMembers does not screen out a name whose data records no volume at all', () => {
    // C has prices but no volume column (an adjusted-close-only file): its liquidity is unknown, not low.
    const noVolume = fixtureMarket({
      symbols: ['B', 'C'],
      closes: [[1, 10], [1, 10], [1, 10], [1, 10]],
      volumes: [[1, NaN], [1, NaN], [1, NaN], [1, NaN]],
    });
    expect(Array.from(liquidMembers(viewAt(noVolume, 3), [0, 1], 4, 100))).toEqual([1]);
  });
});
