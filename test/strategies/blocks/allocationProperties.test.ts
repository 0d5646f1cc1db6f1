// Invariants of the allocation blocks on random positive-definite covariances (fast-check).

import fc from 'fast-check';
import { add, identity, multiply, transpose } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { hierarchicalRiskParity } from '../../../strategies/blocks/construction/hierarchicalRiskParity.ts';
import { diversificationRatio, maximumDiversification, minimumVariance } from '../../../strategies/blocks/construction/meanVariance.ts';
import { equalRiskContribution, riskContributions } from '../../../strategies/blocks/construction/riskParity.ts';
import { portfolioVariance, volatilities, type Covariance } from '../../../strategies/blocks/risk/covariance.ts';
import { portfolioVolatility, targetVolatility } from '../../../strategies/blocks/risk/targetVolatility.ts';
import { equal, inverseVol } from '../../../strategies/blocks/weights.ts';

/**
 * Σ = D (AAᵀ/k + 0.05·I) D: A an n × k matrix of uniform [−1, 1] draws (k = n + 2), D daily
 * volatilities from 0.5% to 5%. Positive definite by construction, correlations of either sign.
 */
const covariances = fc.integer({ min: 2, max: 8 }).chain((n) =>
  fc
    .tuple(
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * (n + 2), maxLength: n * (n + 2) }),
      fc.array(fc.double({ min: 0.005, max: 0.05, noNaN: true }), { minLength: n, maxLength: n }),
    )
    .map(([draws, vols]): Covariance => {
      const a = Array.from({ length: n }, (_, i) => draws.slice(i * (n + 2), (i + 1) * (n + 2)));
      const inner = add(multiply(multiply(a, transpose(a)), 1 / (n + 2)), multiply(identity(n), 0.05)) as unknown as { toArray(): number[][] };
      const m = inner.toArray();
      const values = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = vols[i] * m[i][j] * vols[j];
      return { size: n, values };
    }),
);

const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
const sum = (w: ArrayLike<number>): number => Array.from(w).reduce((a, b) => a + b, 0);

describe('allocation invariants on random positive-definite covariances', () => {
  it('ERC: every weight positive, risk contributions equal to 1e-8', () => {
    fc.assert(
      fc.property(covariances, (c) => {
        const w = equalRiskContribution(c);
        expect(Math.min(...w)).toBeGreaterThan(0);
        expect(sum(w)).toBeCloseTo(1, 12);
        for (const rc of riskContributions(c, w)) expect(Math.abs(rc - 1 / c.size)).toBeLessThan(1e-8);
      }),
      { numRuns: 200 },
    );
  });

  it('min-variance: variance no higher than equal or inverse-vol weights', () => {
    fc.assert(
      fc.property(covariances, (c) => {
        const w = minimumVariance(c);
        const v = portfolioVariance(c, w);
        expect(Math.min(...w)).toBeGreaterThanOrEqual(0);
        expect(sum(w)).toBeCloseTo(1, 12);
        const slack = 1e-12 * v;
        expect(v).toBeLessThanOrEqual(portfolioVariance(c, equal(all(c.size), c.size)) + slack);
        expect(v).toBeLessThanOrEqual(portfolioVariance(c, inverseVol(all(c.size), volatilities(c))) + slack);
        expect(v).toBeLessThanOrEqual(portfolioVariance(c, equalRiskContribution(c)) + slack);
      }),
      { numRuns: 200 },
    );
  });

  it('max-diversification: a diversification ratio no lower than equal, inverse-vol or ERC', () => {
    fc.assert(
      fc.property(covariances, (c) => {
        const dr = diversificationRatio(c, maximumDiversification(c));
        const slack = 1e-9 * dr;
        expect(dr).toBeGreaterThanOrEqual(diversificationRatio(c, equal(all(c.size), c.size)) - slack);
        expect(dr).toBeGreaterThanOrEqual(diversificationRatio(c, inverseVol(all(c.size), volatilities(c))) - slack);
        expect(dr).toBeGreaterThanOrEqual(diversificationRatio(c, equalRiskContribution(c)) - slack);
      }),
      { numRuns: 200 },
    );
  });

  it('HRP: every weight positive, summing to the total', () => {
    fc.assert(
      fc.property(covariances, fc.double({ min: 0.1, max: 2, noNaN: true }), (c, total) => {
        const w = hierarchicalRiskParity(c, total);
        expect(Math.min(...w)).toBeGreaterThan(0);
        expect(sum(w)).toBeCloseTo(total, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('target volatility: the scaled book hits the target unless the leverage cap binds, and never exceeds the cap', () => {
    fc.assert(
      fc.property(covariances, fc.double({ min: 0.02, max: 0.4, noNaN: true }), fc.double({ min: 0.5, max: 3, noNaN: true }), fc.constantFrom(252, 52, 12), (c, target, maxLeverage, periodsPerYear) => {
        const { weights, capped } = targetVolatility(c, equalRiskContribution(c), { target, maxLeverage, periodsPerYear });
        expect(sum(weights)).toBeLessThanOrEqual(maxLeverage * (1 + 1e-12));
        if (capped) expect(sum(weights)).toBeCloseTo(maxLeverage, 12);
        else expect(portfolioVolatility(c, weights, periodsPerYear)).toBeCloseTo(target, 12);
      }),
      { numRuns: 200 },
    );
  });
});
