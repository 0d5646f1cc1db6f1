// Hierarchical risk parity. Source: López de Prado (2016), "Building diversified portfolios that
// outperform out of sample", J. Portfolio Management 42(4). Three steps:
//   1. tree clustering: distances d_ij = √(½(1 − ρ_ij)) from the correlation matrix, then the
//      Euclidean distance between columns of d, d̃_ij = √(Σ_k (d_ki − d_kj)²), clustered by single
//      linkage (ml-hclust's agglomerative `agnes`);
//   2. quasi-diagonalisation: order the assets as the dendrogram's leaves, so similar assets sit
//      next to each other;
//   3. recursive bisection: split the ordered list into halves; each half's variance V is that of
//      its inverse-variance book (w ∝ 1/Σ_ii inside the half); the left half gets α = 1 − V_L/(V_L
//      + V_R) of the weight, the right 1 − α; repeat inside each half down to single assets.
// No matrix inversion, so a singular covariance is fine as long as every variance is positive.

import { agnes } from 'ml-hclust';
import { assertVariances, entry, portfolioVariance, subCovariance, type Covariance } from '../risk/covariance.ts';

/** The assets in dendrogram leaf order (steps 1 and 2), as indices into the covariance. */
export function quasiDiagonalOrder(c: Covariance): number[] {
  const n = c.size;
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const distance = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => Math.sqrt(Math.max(0, 0.5 * (1 - entry(c, i, j) / Math.sqrt(entry(c, i, i) * entry(c, j, j)))))),
  );
  // agnes' default distance between two data rows is Euclidean: on the rows of d that is d̃.
  return agnes(distance, { method: 'single' }).indices();
}

/** HRP weights (all positive, summing to `total`) in the covariance's asset order. */
export function hierarchicalRiskParity(c: Covariance, total = 1): Float64Array {
  assertVariances(c, 'hrp');
  const w = new Float64Array(c.size).fill(total);
  const stack: number[][] = [quasiDiagonalOrder(c)];
  while (stack.length > 0) {
    const cluster = stack.pop() as number[];
    if (cluster.length < 2) continue;
    const half = cluster.length >> 1;
    const left = cluster.slice(0, half);
    const right = cluster.slice(half);
    const vLeft = clusterVariance(c, left);
    const vRight = clusterVariance(c, right);
    const alpha = 1 - vLeft / (vLeft + vRight);
    for (const i of left) w[i] *= alpha;
    for (const i of right) w[i] *= 1 - alpha;
    stack.push(left, right);
  }
  return w;
}

/** Variance of the inverse-variance book over `members`. */
function clusterVariance(c: Covariance, members: readonly number[]): number {
  const sub = subCovariance(c, members);
  const ivp = Float64Array.from(members, (i) => 1 / entry(c, i, i));
  const sum = ivp.reduce((a, b) => a + b, 0);
  return portfolioVariance(sub, ivp.map((x) => x / sum));
}
