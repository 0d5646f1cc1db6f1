// Covariance estimators, the common return window and the target-volatility overlay, against
// hand-computed values and an independent transcription of Ledoit & Wolf's published code.

import { std } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { ewmaCovariance, ledoitWolf, sampleCovariance, type Covariance } from '../../../strategies/blocks/risk/covariance.ts';
import { commonReturnWindow } from '../../../strategies/blocks/risk/returnWindow.ts';
import { portfolioVolatility, targetVolatility } from '../../../strategies/blocks/risk/targetVolatility.ts';
import { fixtureMarket } from '../../engine/fixtures.ts';
import { viewAt } from '../views.ts';

const f = (...xs: number[]): Float64Array => Float64Array.from(xs);
const near = (actual: ArrayLike<number>, expected: readonly number[], digits = 15): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual[i]).toBeCloseTo(x, digits));
};

describe('sample covariance', () => {
  it('divides the centred cross products by T − 1', () => {
    // Deviations (×1%): x −1.5, −0.5, 0.5, 1.5; y −0.5, −1.5, 1.5, 0.5 → var 5/3·1e-4, cov 3/3·1e-4.
    near(sampleCovariance([f(0.01, 0.02, 0.03, 0.04), f(0.02, 0.01, 0.04, 0.03)]).values, [5e-4 / 3, 1e-4, 1e-4, 5e-4 / 3], 18);
  });
  it('refuses a missing return rather than reading it as 0', () => {
    expect(() => sampleCovariance([f(0.01, NaN, 0.02)])).toThrow(/missing or infinite value/);
    expect(() => sampleCovariance([f(0.01)])).toThrow(/at least 2 rows/);
  });
});

describe('Ledoit-Wolf shrinkage toward constant correlation', () => {
  // Eight days of three assets. Reference: Ledoit & Wolf's covCor.m (2004) transcribed into numpy
  // (matrix form: phiMat = y'y/t − 2(x'x).*S/t + S.^2, thetaMat = x³'x/t − …), run independently.
  const returns = [
    f(0.01, -0.02, 0.005, 0.015, -0.008, 0.003, -0.012, 0.007),
    f(0.012, -0.015, 0.009, 0.004, -0.012, 0.01, -0.002, 0.001),
    f(-0.004, 0.006, 0.001, -0.01, 0.007, 0.002, 0.004, -0.003),
  ];
  it('gives the published intensity δ* and average correlation', () => {
    const { shrinkage, averageCorrelation } = ledoitWolf(returns);
    expect(shrinkage).toBeCloseTo(0.12603245515610134, 13);
    expect(averageCorrelation).toBeCloseTo(-0.22822597189099028, 14);
  });
  it('shrinks the ddof-1 sample toward its constant-correlation target by δ*', () => {
    near(
      ledoitWolf(returns).covariance.values,
      [
        0.0001451428571428571, 8.166217524463069e-5, -5.492329307977266e-5, 8.166217524463069e-5, 0.00010126785714285714, -3.24504962876878e-5,
        -5.492329307977266e-5, -3.24504962876878e-5, 3.2839285714285715e-5,
      ],
      18,
    );
  });
  it('leaves a single asset as its sample variance', () => {
    const one = ledoitWolf([returns[0]]);
    expect(one.shrinkage).toBe(0);
    near(one.covariance.values, Array.from(sampleCovariance([returns[0]]).values), 20);
  });
});

describe('EWMA covariance', () => {
  it('weights rows by 2^(−age/halfLife), normalised, around the weighted mean', () => {
    // Half-life 1: weights 1/7, 2/7, 4/7. x: mean (0.01 − 0.02 + 0.08)/7 = 0.01, deviations 0, −0.02, 0.01.
    // y: mean (0.03 + 0 + 0.04)/7 = 0.01, deviations 0.02, −0.01, 0.
    const c = ewmaCovariance([f(0.01, -0.01, 0.02), f(0.03, 0, 0.01)], 1);
    const vx = (2 / 7) * 4e-4 + (4 / 7) * 1e-4;
    const vy = (1 / 7) * 4e-4 + (2 / 7) * 1e-4;
    const cxy = (2 / 7) * (-0.02 * -0.01);
    near(c.values, [vx, cxy, cxy, vy], 18);
  });
  it('tends to the sample covariance × (T − 1)/T as the half-life grows', () => {
    const columns = [f(0.01, -0.02, 0.005, 0.015), f(0.012, -0.015, 0.009, 0.004)];
    const sample = sampleCovariance(columns).values;
    near(ewmaCovariance(columns, 1e13).values, Array.from(sample, (x) => (x * 3) / 4), 14);
  });
});

describe('common return window', () => {
  // A listed from day 0; B listed on day 5; C has a hole on day 7. Window of 8 returns at t = 10.
  const nan = NaN;
  const closes = Array.from({ length: 11 }, (_, t) => [100 + t + (t % 2), t < 5 ? nan : 50 + t * (t % 3), t === 7 ? nan : 20 + (t % 4)]);
  const market = fixtureMarket({ symbols: ['A', 'B', 'C'], closes });
  const view = viewAt(market, 10);
  it('keeps the rows where every member has a return; a hole carries the last close: 0, then the whole move', () => {
    // Returns k = 0..7 run from session 2 + k to 3 + k (the last ends at t = 10). B has them from
    // k = 3 on (5 returns); C has all 8, its day 7 standing at day 6's 22.
    const w = commonReturnWindow(view, [0, 1, 2], 8, 3);
    expect(w.members).toEqual([0, 1, 2]);
    expect(w.rows).toBe(5);
    // C's closes on days 5..10: 21, 22, (22), 20, 21, 22.
    near(w.returns[2], [22 / 21 - 1, 0, 20 / 22 - 1, 21 / 20 - 1, 22 / 21 - 1]);
    // A's on days 5..10: 106, 106, 108, 108, 110, 110.
    near(w.returns[0], [0, 108 / 106 - 1, 0, 110 / 108 - 1, 0]);
  });
  it('leaves out a member with too few returns, or not present at the decision', () => {
    expect(commonReturnWindow(view, [0, 1, 2], 8, 6).members).toEqual([0, 2]); // B has 5 < 6
    expect(commonReturnWindow(viewAt(market, 7), [0, 1, 2], 4, 2).members).toEqual([0, 1, 2]); // C has no bar on day 7, present at day 6's close
    expect(commonReturnWindow(viewAt(market, 2), [1], 2).members).toEqual([]); // B not started yet
  });
  it('lists the members left out for lack of history with the returns they had, and what they need', () => {
    // At t = 10, window 8: B's returns run from k = 3 (5 of them); with 6 needed it is short by one.
    const w = commonReturnWindow(view, [0, 1, 2], 8, 6);
    expect(w.short).toEqual([{ member: 1, returns: 5, needed: 6 }]);
    // B not started at t = 2: no bar yet, 0 returns; the default need is half the window, ⌈8/2⌉ = 4.
    const early = commonReturnWindow(viewAt(market, 2), [0, 1], 8);
    expect(early.short).toEqual([
      { member: 0, returns: 2, needed: 4 },
      { member: 1, returns: 0, needed: 4 },
    ]);
  });
  it('counts only returns ending on a bar of its own: a member back from a long gap is short, whatever its carried closes give (probe r38b: 54 carried zeros of 60 made a fund look calm)', () => {
    // E trades on days 0..2, has no rows on days 3..8, and trades again on days 9 and 10. At t = 10 the window's 8 returns end on
    // days 3..10: only those ending on days 9 and 10 are observed (2 < ⌈8/2⌉ = 4); the carried closes of days 3..8 are none.
    const gap = fixtureMarket({ symbols: ['A', 'E'], closes: closes.map((row, t) => [row[0], t >= 3 && t <= 8 ? nan : 40 + t]) });
    const w = commonReturnWindow(viewAt(gap, 10), [0, 1], 8);
    expect(w.members).toEqual([0]);
    expect(w.short).toEqual([{ member: 1, returns: 2, needed: 4 }]);
    // C's one missing day (7) leaves it 7 observed returns of 8: a short halt still takes part.
    expect(commonReturnWindow(view, [0, 2], 8, 7).members).toEqual([0, 2]);
  });
  it('scales the count needed by the sessions between its own bars, which a halt does not change (probe r39a: a halt lowered bars a year and the need)', () => {
    // 30 weekdays; window 20 at t = 29 (closes of sessions 9..29). A daily; W on every 5th session (4, 9, …, 29); H daily but
    // without rows on sessions 15..26. W: bars 5 sessions apart → needs round(10 / 5) = 2, has 4 (ending on 14, 19, 24, 29) → in.
    // H: gaps 1 (×5), 13, 1, 1 → lower median 1 → needs 10; has 8 (ending on 10..14, 27, 28, 29) → out.
    const rows = Array.from({ length: 30 }, (_, t) => [100 + t, t % 5 === 4 ? 50 + t : nan, t >= 15 && t <= 26 ? nan : 30 + (t % 3)]);
    const w = commonReturnWindow(viewAt(fixtureMarket({ symbols: ['A', 'W', 'H'], closes: rows }), 29), [0, 1, 2], 20);
    expect(w.members).toEqual([0, 1]);
    expect(w.short).toEqual([{ member: 2, returns: 8, needed: 10 }]);
  });
  it('does not count a member that has left the market as short of history', () => {
    // D trades on days 0..5 and leaves (its data ends): at t = 10 it is gone, not late.
    const gone = fixtureMarket({ symbols: ['A', 'D'], closes: closes.map((row, t) => [row[0], t <= 5 ? 30 + t : nan]) });
    expect(commonReturnWindow(viewAt(gone, 10), [0, 1], 8).short).toEqual([]);
  });
});

describe('target-volatility overlay', () => {
  // Constant volatility: a series alternating +1% / −1% has a sample sd (ddof 1) of 1%·√(T/(T − 1)).
  const T = 252;
  const alternating = Float64Array.from({ length: T }, (_, k) => (k % 2 === 0 ? 0.01 : -0.01));
  const single: Covariance = sampleCovariance([alternating]);
  it('scales a book exactly to the target on a constant-volatility series', () => {
    const { weights, scale, capped } = targetVolatility(single, f(1), { target: 0.1, maxLeverage: 5, periodsPerYear: 252 });
    expect(capped).toBe(false);
    expect(scale).toBeCloseTo(0.1 / (0.01 * Math.sqrt((T / (T - 1)) * 252)), 14);
    const realised = Number(std(Array.from(alternating, (r) => r * weights[0]))) * Math.sqrt(252);
    expect(realised).toBeCloseTo(0.1, 14);
  });
  it('hits the target for a two-asset book, measured on the returns it was estimated from', () => {
    const other = Float64Array.from({ length: T }, (_, k) => 0.004 * Math.sin(k) + (k % 3 === 0 ? 0.006 : -0.003));
    const c = sampleCovariance([alternating, other]);
    const { weights } = targetVolatility(c, f(0.6, 0.4), { target: 0.08, maxLeverage: 3, periodsPerYear: 252 });
    const book = Array.from(alternating, (r, k) => weights[0] * r + weights[1] * other[k]);
    expect(Number(std(book)) * Math.sqrt(252)).toBeCloseTo(0.08, 14);
    expect(portfolioVolatility(c, weights, 252)).toBeCloseTo(0.08, 14);
  });
  it('stops at the leverage cap and leaves an empty book empty', () => {
    const { weights, scale, capped } = targetVolatility(single, f(0.5), { target: 0.5, maxLeverage: 1, periodsPerYear: 252 });
    expect(capped).toBe(true);
    expect(scale).toBe(2);
    near(weights, [1]);
    expect(targetVolatility(single, f(0), { target: 0.1, maxLeverage: 1, periodsPerYear: 252 }).weights[0]).toBe(0);
  });
});
