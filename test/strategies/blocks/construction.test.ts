// Allocation blocks against closed forms, published examples and independent computations.

import { inv, multiply } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../data/errors.ts';
import { ALLOCATION_METHODS, allocate } from '../../../strategies/blocks/construction/allocate.ts';
import { hierarchicalRiskParity, quasiDiagonalOrder } from '../../../strategies/blocks/construction/hierarchicalRiskParity.ts';
import { leafOrder, singleLinkage } from '../../../strategies/blocks/construction/singleLinkage.ts';
import { diversificationRatio, maximumDiversification, meanVariance, minimumVariance } from '../../../strategies/blocks/construction/meanVariance.ts';
import { equalRiskContribution, riskContributions } from '../../../strategies/blocks/construction/riskParity.ts';
import { sampleCovariance } from '../../../strategies/blocks/risk/covariance.ts';
import { constantCorrelation, covarianceOf, rowsOf } from './covariances.ts';

const near = (actual: ArrayLike<number>, expected: readonly number[], digits = 10): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual[i]).toBeCloseTo(x, digits));
};
const sum = (w: ArrayLike<number>): number => Array.from(w).reduce((a, b) => a + b, 0);

/** Maillard, Roncalli & Teïletche (2010), §2.2: σ = 10/20/30/40%, two correlated pairs. */
const MAILLARD = covarianceOf([0.1, 0.2, 0.3, 0.4], [
  [1, 0.8, 0, 0],
  [0.8, 1, 0, 0],
  [0, 0, 1, -0.5],
  [0, 0, -0.5, 1],
]);
/** Constant correlation 0.3: ERC, max diversification and inverse vol coincide (w ∝ 1/σ = 12:6:4:3). */
const CONSTANT = covarianceOf([0.1, 0.2, 0.3, 0.4], constantCorrelation(4, 0.3));
const INVERSE_VOL = [0.48, 0.24, 0.16, 0.12];
const THREE = covarianceOf([0.1, 0.2, 0.3], [
  [1, 0.5, 0.2],
  [0.5, 1, -0.1],
  [0.2, -0.1, 1],
]);

describe('equal risk contribution', () => {
  it('on a diagonal covariance is inverse volatility', () => {
    near(equalRiskContribution(covarianceOf([0.1, 0.3], [[1, 0], [0, 1]])), [0.75, 0.25], 14);
  });
  it('equalises risk contributions to 1e-8 with correlation', () => {
    const w = equalRiskContribution(THREE);
    for (const rc of riskContributions(THREE, w)) expect(Math.abs(rc - 1 / 3)).toBeLessThan(1e-8);
    expect(sum(w)).toBeCloseTo(1, 14);
  });
  it("matches the paper's example: 38.4%, 19.2%, 24.3%, 18.2%", () => {
    near(equalRiskContribution(MAILLARD), [0.384, 0.192, 0.243, 0.182], 3);
  });
  it('is inverse volatility under constant correlation, scaled to the total', () => {
    near(equalRiskContribution(CONSTANT, { total: 0.5 }), INVERSE_VOL.map((w) => w / 2), 12);
  });
  it('refuses with one line when it cannot converge in the sweeps allowed', () => {
    expect(() => equalRiskContribution(MAILLARD, { maxSweeps: 1 })).toThrow(UserError);
    expect(() => equalRiskContribution(MAILLARD, { maxSweeps: 1 })).toThrow(/^erc: risk contributions still differ by .* after 1 sweeps \(tolerance 1e-12\)/);
  });
  it('says a singular covariance is singular, quoting no "difference" of shares that lie in [0, 1] (probe r73a F4)', () => {
    // Σ = vvᵀ, v = (2, −1, 0.5): rank 1, every variance positive, but the book y with 2y₁ − y₂ + 0.5y₃ = 0 has none,
    // so the descent drives yᵀΣy to 0 and the shares y_i(Σy)_i / yᵀΣy blow up (it said "still differ by 5.06e+4 …
    // use covariance ledoit-wolf or a longer lookback"); the same for v = (1, −1), where the shares are 0/0 (NaN).
    const rankOne = (v: number[]) => ({ size: v.length, values: Float64Array.from(v.flatMap((a) => v.map((b) => a * b))) });
    for (const v of [[2, -1, 0.5], [1, -1]]) {
      expect(() => equalRiskContribution(rankOne(v))).toThrow(
        /^erc: no equal risk contributions after 10000 sweeps — the covariance is singular \(some mix of the funds has no variance, so the book's variance fell to zero and its risk shares are undefined\); use covariance ledoit-wolf, or drop a fund the others replicate$/,
      );
    }
  });
  it('refuses an asset with no variance', () => {
    expect(() => equalRiskContribution(covarianceOf([0.1, 0], [[1, 0], [0, 1]]))).toThrow(/erc: asset 2 of 2 has variance 0/);
  });
});

describe('minimum variance', () => {
  const closedForm = (rows: number[][]): number[] => {
    const x = (multiply(inv(rows), rows.map(() => 1)) as number[]).map(Number);
    return x.map((v) => v / sum(x));
  };
  it('equals Σ⁻¹1 / 1ᵀΣ⁻¹1 when no bound binds', () => {
    const c = covarianceOf([0.1, 0.15, 0.2], constantCorrelation(3, 0.3));
    const expected = closedForm(rowsOf(c));
    expect(Math.min(...expected)).toBeGreaterThan(0); // the premise: long-only does not bind
    near(minimumVariance(c), expected, 10);
  });
  it('holds nothing of an asset whose unconstrained weight is negative', () => {
    // σ = 10/20/15%, ρ12 = 0.8, asset 3 uncorrelated. Unconstrained, asset 2 is shorted; long-only,
    // it is 0 and assets 1, 3 are the two-asset uncorrelated minimum, ∝ 1/σ²: 100 : 44.4.
    const c = covarianceOf([0.1, 0.2, 0.15], [
      [1, 0.8, 0],
      [0.8, 1, 0],
      [0, 0, 1],
    ]);
    expect(closedForm(rowsOf(c))[1]).toBeLessThan(0);
    near(minimumVariance(c), [100 / (100 + 1 / 0.0225), 0, 1 / 0.0225 / (100 + 1 / 0.0225)], 10);
  });
  it('respects per-name caps, and refuses caps that cannot reach the total', () => {
    const c = covarianceOf([0.05, 0.2, 0.2, 0.2], constantCorrelation(4, 0));
    near(minimumVariance(c, { caps: 0.4 }), [0.4, 0.2, 0.2, 0.2], 10);
    expect(() => minimumVariance(c, { caps: 0.2 })).toThrow(/min-variance: the caps add up to 0.8, less than the total 1/);
  });
  it('refuses a singular covariance with one line naming the fix', () => {
    const twins = covarianceOf([0.1, 0.1, 0.2], [
      [1, 1, 0.2],
      [1, 1, 0.2],
      [0.2, 0.2, 1],
    ]);
    expect(() => minimumVariance(twins)).toThrow(UserError);
    expect(() => minimumVariance(twins)).toThrow(/^min-variance: the covariance is singular .* use covariance ledoit-wolf/);
  });
});

describe('maximum diversification', () => {
  it('is inverse volatility under constant correlation', () => {
    near(maximumDiversification(CONSTANT), INVERSE_VOL, 10);
  });
  it('beats every point of a 0.5% grid over the simplex on the diversification ratio', () => {
    const w = maximumDiversification(THREE);
    const best = diversificationRatio(THREE, w);
    let gridBest = 0;
    for (let a = 0; a <= 200; a++) for (let b = 0; a + b <= 200; b++) gridBest = Math.max(gridBest, diversificationRatio(THREE, [a / 200, b / 200, (200 - a - b) / 200]));
    expect(best).toBeGreaterThanOrEqual(gridBest - 1e-12);
    expect(best - gridBest).toBeLessThan(1e-3);
    expect(sum(w)).toBeCloseTo(1, 12);
  });
  it('respects caps as fractions of the total', () => {
    // Uncapped, asset 1 would take 48% of the 0.5 total (0.24); capped at 0.2 of NAV it holds 0.2.
    const w = maximumDiversification(CONSTANT, { caps: 0.2, total: 0.5 });
    expect(sum(w)).toBeCloseTo(0.5, 12);
    for (const x of w) expect(x).toBeLessThanOrEqual(0.2 + 1e-9);
    expect(w[0]).toBeCloseTo(0.2, 9);
  });
});

describe('mean-variance', () => {
  it('equals the closed form (1/λ)Σ⁻¹(μ − γ1) with Σw = 1 when no bound binds', () => {
    const c = covarianceOf([0.01, 0.012, 0.015], constantCorrelation(3, 0.4));
    const mu = [0.0004, 0.0005, 0.0006];
    const lambda = 5;
    const si = inv(rowsOf(c)) as number[][];
    const siOne = (multiply(si, [1, 1, 1]) as number[]).map(Number);
    const siMu = (multiply(si, mu) as number[]).map(Number);
    const gamma = (sum(siMu) - lambda) / sum(siOne);
    const expected = siMu.map((x, i) => (x - gamma * siOne[i]) / lambda);
    expect(Math.min(...expected)).toBeGreaterThan(0);
    near(meanVariance(c, mu, lambda), expected, 9);
  });
  it('caps the favourite and spreads the rest by variance', () => {
    // Equal uncorrelated risks, one asset with a far higher mean: it takes its cap, the rest share equally.
    const c = covarianceOf([0.01, 0.01, 0.01], constantCorrelation(3, 0));
    near(meanVariance(c, [0.01, 0, 0], 1, { caps: 0.5 }), [0.5, 0.25, 0.25], 9);
  });
});

describe('hierarchical risk parity', () => {
  // Interleaved blocks: assets 1 & 3 correlate 0.8, assets 2 & 4 0.7, across 0.1.
  const sigma = [0.1, 0.2, 0.15, 0.25];
  const c = covarianceOf(sigma, [
    [1, 0.1, 0.8, 0.1],
    [0.1, 1, 0.1, 0.7],
    [0.8, 0.1, 1, 0.1],
    [0.1, 0.7, 0.1, 1],
  ]);
  it('orders the assets so that each block sits together', () => {
    const order = quasiDiagonalOrder(c);
    const pair = (a: number, b: number): boolean => Math.abs(order.indexOf(a) - order.indexOf(b)) === 1;
    expect(pair(0, 2) && pair(1, 3)).toBe(true);
  });
  it('splits between the blocks by inverse-variance cluster variance, then by variance inside each', () => {
    // Hand formula: a cluster's inverse-variance book w ∝ 1/σ², its variance wᵀΣw; the left block gets 1 − V_L/(V_L + V_R).
    const blockVariance = (i: number, j: number, rho: number): number => {
      const a = 1 / sigma[i] ** 2;
      const b = 1 / sigma[j] ** 2;
      const wi = a / (a + b);
      const wj = b / (a + b);
      return wi * wi * sigma[i] ** 2 + wj * wj * sigma[j] ** 2 + 2 * wi * wj * rho * sigma[i] * sigma[j];
    };
    const vA = blockVariance(0, 2, 0.8);
    const vB = blockVariance(1, 3, 0.7);
    const alpha = 1 - vA / (vA + vB);
    const split = (i: number, j: number): number => sigma[j] ** 2 / (sigma[i] ** 2 + sigma[j] ** 2);
    const expected = [alpha * split(0, 2), (1 - alpha) * split(1, 3), alpha * split(2, 0), (1 - alpha) * split(3, 1)];
    near(hierarchicalRiskParity(c), expected, 14);
    // An independent run of the paper's Python snippets with scipy's single linkage gave:
    near(hierarchicalRiskParity(c), [0.5353393605927366, 0.13825124067035388, 0.23792860470788296, 0.08848079402902653], 12);
  });
  // Probe r52a's five funds (AAA … EEE): the 21 closes 2023-01-03 … 2023-02-01, whose 20 daily
  // returns a lookback-20 decision on 2023-02-01 reads.
  const FIVE = [
    [101.53, 99.62, 98.31, 99.42, 98.09], [98.53, 100.51, 94.17, 101.24, 100.77], [97.95, 101.5, 93.01, 102.0, 101.91],
    [99.38, 102.14, 90.8, 101.99, 102.38], [99.14, 100.62, 95.73, 100.45, 98.47], [97.51, 101.17, 97.94, 100.66, 98.21],
    [97.76, 100.93, 98.45, 100.2, 97.78], [98.29, 99.26, 100.6, 99.47, 97.06], [97.27, 98.49, 100.33, 99.67, 96.64],
    [96.32, 99.36, 97.97, 100.14, 97.1], [96.6, 100.06, 95.66, 100.13, 97.03], [97.45, 99.03, 96.32, 99.71, 96.65],
    [97.58, 98.88, 95.36, 99.52, 97.05], [96.18, 99.84, 92.21, 101.25, 98.44], [98.24, 99.1, 92.93, 100.54, 97.31],
    [101.14, 98.96, 91.01, 100.33, 97.97], [99.65, 99.47, 90.62, 101.07, 99.27], [99.67, 99.22, 92.32, 100.92, 98.09],
    [98.98, 98.99, 92.36, 101.65, 98.86], [99.63, 100.07, 91.7, 102.05, 100.41], [99.92, 100.2, 92.59, 102.08, 100.05],
    [98.42, 100.28, 94.73, 102.12, 100.53],
  ];
  const five = sampleCovariance([0, 1, 2, 3, 4].map((j) => Float64Array.from({ length: 20 }, (_, k) => FIVE[k + 2][j] / FIVE[k + 1][j] - 1)));
  it("reads the leaves as the paper's getQuasiDiag does on scipy's linkage: BBB, DDD, EEE, AAA, CCC (probe r52a)", () => {
    // scipy.cluster.hierarchy.linkage(d, 'single') on these returns (d = √(½(1 − ρ)), its rows
    // Euclidean apart): (DDD, EEE) → 5 at 0.43201673; (BBB, 5) → 6 at 0.50118888; (AAA, CCC) → 7
    // at 1.08844299; (6, 7) → 8 at 1.30360475. getQuasiDiag from 8: [6, 7] → [BBB, 5, AAA, CCC]
    // → [BBB, DDD, EEE, AAA, CCC]. ml-hclust's agnes read the same tree with every merge flipped:
    // EEE, DDD … CCC, AAA, reversed per merge (BBB, EEE, DDD, CCC, AAA).
    const rho = (i: number, j: number): number => five.values[i * 5 + j] / Math.sqrt(five.values[i * 6] * five.values[j * 6]);
    const d = (i: number, k: number): number => Math.sqrt(Math.max(0, (1 - rho(i, k)) / 2));
    const merges = singleLinkage(5, (i, j) => Math.hypot(...[0, 1, 2, 3, 4].map((k) => d(i, k) - d(j, k))));
    expect(merges.map(({ a, b }) => [a, b])).toEqual([[3, 4], [1, 5], [0, 2], [6, 7]]);
    near(merges.map((m) => m.height), [0.43201673, 0.50118888, 1.08844299, 1.30360475], 7);
    expect(quasiDiagonalOrder(five)).toEqual([1, 3, 4, 0, 2]);
  });
  it("gives the paper's weights on the five funds: AAA 0.281763, BBB 0.149005, CCC 0.096079, DDD 0.214198, EEE 0.258955 (probe r52a)", () => {
    // Bisection of [BBB, DDD | EEE, AAA, CCC] with inverse-variance cluster variances, then
    // [BBB | DDD], [EEE | AAA, CCC], [AAA | CCC] — numpy/scipy by hand (the probe's hand.py). The
    // flipped order split [BBB, EEE | DDD, CCC, AAA] and gave DDD 0.612993, EEE 0.032623.
    near(hierarchicalRiskParity(five), [0.281763, 0.149005, 0.096079, 0.214198, 0.258955], 6);
  });
  it('breaks ties between equal distances as scipy does', () => {
    // Constant correlation 0.5: every d̃ is equal. scipy's Prim tree from asset 0 finds 0–1, 1–2,
    // 2–3, 3–4; labelled, the merges are (0, 1) → 5, (2, 5) → 6, (3, 6) → 7, (4, 7) → 8, and
    // getQuasiDiag reads 4, 3, 2, 0, 1 (scipy 1.17 linkage(d, 'single')).
    const flat = covarianceOf([0.1, 0.2, 0.3, 0.4, 0.5], constantCorrelation(5, 0.5));
    expect(quasiDiagonalOrder(flat)).toEqual([4, 3, 2, 0, 1]);
    // Assets 0 and 3 are one asset (ρ = 1, d̃ = 0), as are 1 and 2 nearly: scipy's Z is (0, 3) at
    // 0, (1, 2) at 0.316228, (4, 5) at 0.774597, (6, 7) at 1.017736; leaves 1, 2, 4, 0, 3.
    const twins = covarianceOf([0.1, 0.2, 0.3, 0.1, 0.4], [
      [1, 0.2, 0.2, 1, 0.6],
      [0.2, 1, 0.9, 0.2, 0.2],
      [0.2, 0.9, 1, 0.2, 0.2],
      [1, 0.2, 0.2, 1, 0.6],
      [0.6, 0.2, 0.2, 0.6, 1],
    ]);
    expect(quasiDiagonalOrder(twins)).toEqual([1, 2, 4, 0, 3]);
    // Two pairs of twins: (0, 2) at 0 → 4, (1, 3) at 0 → 5, then (4, 5): leaves 0, 2, 1, 3.
    expect(quasiDiagonalOrder(covarianceOf([0.1, 0.2, 0.1, 0.2], [[1, 0.3, 1, 0.3], [0.3, 1, 0.3, 1], [1, 0.3, 1, 0.3], [0.3, 1, 0.3, 1]]))).toEqual([0, 2, 1, 3]);
  });
  it('reads a linkage from the root, children in order', () => {
    expect(leafOrder([])).toEqual([0]);
    expect(leafOrder([{ a: 0, b: 1, height: 1 }])).toEqual([0, 1]);
    expect(leafOrder([{ a: 1, b: 2, height: 1 }, { a: 0, b: 3, height: 2 }])).toEqual([0, 1, 2]);
  });
  it('scales to the total and handles one and two assets', () => {
    expect(sum(hierarchicalRiskParity(c, 0.7))).toBeCloseTo(0.7, 14);
    near(hierarchicalRiskParity(covarianceOf([0.2], [[1]])), [1]);
    near(hierarchicalRiskParity(covarianceOf([0.1, 0.2], [[1, 0.5], [0.5, 1]])), [0.8, 0.2], 14);
  });
});

describe('allocate by name', () => {
  it.each(ALLOCATION_METHODS)('%s gives positive weights summing to the total', (method) => {
    const w = allocate(method, MAILLARD, 0.9);
    expect(sum(w)).toBeCloseTo(0.9, 10);
    for (const x of w) expect(x).toBeGreaterThanOrEqual(0);
  });
  it('inverse-vol and equal need only the diagonal', () => {
    near(allocate('inverse-vol', MAILLARD), INVERSE_VOL, 14);
    near(allocate('equal', MAILLARD), [0.25, 0.25, 0.25, 0.25], 14);
  });
});
