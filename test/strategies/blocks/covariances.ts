// Covariance matrices for the allocation tests, built from volatilities and correlations.

import type { Covariance } from '../../../strategies/blocks/risk/covariance.ts';

/** Σ_ij = ρ_ij σ_i σ_j. */
export function covarianceOf(sigma: readonly number[], correlation: readonly (readonly number[])[]): Covariance {
  const n = sigma.length;
  return { size: n, values: Float64Array.from({ length: n * n }, (_, k) => correlation[Math.floor(k / n)][k % n] * sigma[Math.floor(k / n)] * sigma[k % n]) };
}

/** Every pairwise correlation equal to rho. */
export function constantCorrelation(n: number, rho: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : rho)));
}

/** As number[][] rows, for mathjs. */
export function rowsOf(c: Covariance): number[][] {
  return Array.from({ length: c.size }, (_, i) => Array.from(c.values.subarray(i * c.size, (i + 1) * c.size)));
}
