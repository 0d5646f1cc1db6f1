// Hierarchical risk parity. Source: López de Prado (2016), "Building diversified portfolios that
// outperform out of sample", J. Portfolio Management 42(4). Three steps:
//   1. tree clustering: distances d_ij = √(½(1 − ρ_ij)) from the correlation matrix, then the
//      Euclidean distance between columns of d, d̃_ij = √(Σ_k (d_ki − d_kj)²), clustered by single
//      linkage as scipy's linkage(d, 'single') does in the paper's code (singleLinkage.ts);
//   2. quasi-diagonalisation: the paper's getQuasiDiag — the dendrogram's leaves read from the
//      root, each merge's children in linkage order (the cluster scipy numbers lower first), so
//      similar assets sit next to each other. A dendrogram has many leaf orders (any merge's
//      children swapped), and the bisection below splits each differently: this one is the
//      paper's, PyPortfolioOpt's and riskfolio's;
//   3. recursive bisection: split the ordered list into halves; each half's variance V is that of
//      its inverse-variance book (w ∝ 1/Σ_ii inside the half); the left half gets α = 1 − V_L/(V_L
//      + V_R) of the weight, the right 1 − α; repeat inside each half down to single assets.
// No matrix inversion, so a singular covariance is fine as long as every variance is positive.

import { assertVariances, entry, portfolioVariance, subCovariance, type Covariance } from '../risk/covariance.ts';
import { leafOrder, singleLinkage } from './singleLinkage.ts';

/**
 * The assets in quasi-diagonal order (steps 1 and 2), as indices into the covariance: López de
 * Prado's getQuasiDiag on scipy's single linkage of d̃. Ties between equal distances (duplicate
 * assets, ρ = 1) are broken as scipy breaks them (singleLinkage.ts: Prim's tree from asset 0,
 * the lowest index among equally near assets, equal heights in the order found), so the order is
 * the paper's code's on any input.
 */
export function quasiDiagonalOrder(c: Covariance): number[] {
  const n = c.size;
  if (n === 0) return [];
  // d, clamped at 0 where rounding puts ρ a hair above 1.
  const d = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => Math.sqrt(Math.max(0, 0.5 * (1 - entry(c, i, j) / Math.sqrt(entry(c, i, i) * entry(c, j, j)))))),
  );
  // d̃: scipy's linkage takes the rows of d as observations, Euclidean apart (pdist), summed in index order.
  const between = (i: number, j: number): number => Math.sqrt(d[i].reduce((s, x, k) => s + (x - d[j][k]) ** 2, 0));
  return leafOrder(singleLinkage(n, between));
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
