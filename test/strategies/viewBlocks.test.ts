// Blocks that read the view: trailing returns, averages and betas on adjusted closes, dollar
// volume, on hand-made fixtures where every number can be checked by hand.

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

  it('movingAverage needs a full window', () => {
    expect(movingAverage(viewAt(market, 5), 0, 3)).toBeCloseTo(14, 12);
    expect(movingAverage(viewAt(market, 5), 1, 3)).toBeNaN();
    expect(movingAverage(viewAt(market, 2), 0, 5)).toBeNaN();
  });

  it('a return is NaN when an end is missing', () => {
    expect(trailingReturn(viewAt(market, 4), 1, 2)).toBeNaN();
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
