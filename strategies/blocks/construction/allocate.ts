// Allocation methods by name, each from a covariance matrix to long-only weights summing to a
// total, in the covariance's asset order: what a strategy's `method` parameter selects.

import { volatilities, type Covariance } from '../risk/covariance.ts';
import { equal, inverseVol } from '../weights.ts';
import { hierarchicalRiskParity } from './hierarchicalRiskParity.ts';
import { maximumDiversification, minimumVariance } from './meanVariance.ts';
import { equalRiskContribution } from './riskParity.ts';

export const ALLOCATION_METHODS = ['erc', 'min-variance', 'max-diversification', 'hrp', 'inverse-vol', 'equal'] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

/** Weights by `method`; solver failures are UserErrors that name the method. */
export function allocate(method: AllocationMethod, c: Covariance, total = 1): Float64Array {
  const all = Int32Array.from({ length: c.size }, (_, i) => i);
  switch (method) {
    case 'erc':
      return equalRiskContribution(c, { total });
    case 'min-variance':
      return minimumVariance(c, { total });
    case 'max-diversification':
      return maximumDiversification(c, { total });
    case 'hrp':
      return hierarchicalRiskParity(c, total);
    case 'inverse-vol':
      return inverseVol(all, volatilities(c), total);
    case 'equal':
      return equal(all, c.size, total);
  }
}
