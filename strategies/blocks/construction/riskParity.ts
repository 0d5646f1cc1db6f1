// Equal risk contribution (risk parity): the long-only book in which every asset contributes the
// same share of the portfolio's variance. Source: Maillard, Roncalli & Teïletche (2010), "The
// properties of equally weighted risk contribution portfolios", J. Portfolio Management 36(4).
//
// Solved by cyclical coordinate descent on the convex program of Spinu (2013) —
//   y* = argmin_{y > 0} ½ yᵀΣy − Σ_i b_i ln y_i,  b_i = 1/n,  w = total · y*/Σy*
// — whose optimality condition y_i(Σy)_i = b_i is exactly equal risk contributions. Each step
// solves coordinate i in closed form, the positive root of Σ_ii y_i² + c_i y_i − b_i = 0 with
// c_i = Σ_{j≠i} Σ_ij y_j (Griveau-Billion, Richard & Roncalli 2013, "A fast algorithm for
// computing high-dimensional risk parity portfolios", arXiv:1311.4057). Written by hand: no
// registry package solves risk budgeting, and mathjs has no optimiser; the loop is O(n²) a sweep.

import { UserError } from '../../../data/errors.ts';
import { assertVariances, entry, portfolioVariance, type Covariance } from '../risk/covariance.ts';

/** Convergence: the largest gap |RC_i − 1/n| between a risk contribution share and its budget. */
export const ERC_TOLERANCE = 1e-12;
/** Sweeps over all coordinates before giving up. */
export const ERC_MAX_SWEEPS = 10_000;

/** Risk contribution shares RC_i = w_i(Σw)_i / wᵀΣw (they sum to 1; Euler's decomposition of variance). */
export function riskContributions(c: Covariance, w: ArrayLike<number>): Float64Array {
  const variance = portfolioVariance(c, w);
  return Float64Array.from({ length: c.size }, (_, i) => {
    let marginal = 0;
    for (let j = 0; j < c.size; j++) marginal += entry(c, i, j) * w[j];
    return (w[i] * marginal) / variance;
  });
}

export interface ErcOptions {
  /** Σw (default 1). */
  readonly total?: number;
  readonly tolerance?: number;
  readonly maxSweeps?: number;
}

/**
 * ERC weights (all positive, summing to `total`) in the covariance's asset order. A UserError when
 * a variance is not positive or the contributions are not equal to `tolerance` (default
 * ERC_TOLERANCE) within `maxSweeps` (default ERC_MAX_SWEEPS) sweeps — said as a singular
 * covariance where the book's variance fell to zero (the shares undefined), with no gap quoted.
 */
export function equalRiskContribution(c: Covariance, options: ErcOptions = {}): Float64Array {
  const { total = 1, tolerance = ERC_TOLERANCE, maxSweeps = ERC_MAX_SWEEPS } = options;
  const n = c.size;
  assertVariances(c, 'erc');
  const budget = 1 / n;
  // Start from inverse volatility, the answer when correlations are equal; y scaled so that
  // yᵀΣy ≈ 1 keeps the iterates near unit size whatever the units of Σ.
  const y = Float64Array.from({ length: n }, (_, i) => 1 / Math.sqrt(entry(c, i, i)));
  const start = Math.sqrt(portfolioVariance(c, y));
  for (let i = 0; i < n; i++) y[i] /= start;
  const sigmaY = new Float64Array(n); // (Σy)_i, kept current as coordinates move
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sigmaY[i] += entry(c, i, j) * y[j];

  let gap = Infinity;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    for (let i = 0; i < n; i++) {
      const sii = entry(c, i, i);
      const ci = sigmaY[i] - sii * y[i];
      const next = (-ci + Math.sqrt(ci * ci + 4 * sii * budget)) / (2 * sii);
      const step = next - y[i];
      if (step !== 0) for (let j = 0; j < n; j++) sigmaY[j] += entry(c, j, i) * step;
      y[i] = next;
    }
    gap = contributionGap(y, sigmaY, budget);
    if (gap <= tolerance) {
      const sum = y.reduce((a, b) => a + b, 0);
      return y.map((x) => (x * total) / sum);
    }
  }
  // Shares of a positive variance differ by at most 1 from a budget in (0, 1): a gap past that (or
  // NaN) is no difference of shares but the book's variance gone to zero in the descent — a
  // singular covariance (a mix of the funds without risk: one fund another replicates, or fewer
  // effective sessions than funds, as an EWMA half-life under a session gave), which a longer
  // lookback need not cure (probe r73a F4: "differ by 5.06e+4" of shares that lie in [0, 1]).
  if (!(gap <= 1)) {
    throw new UserError(
      `erc: no equal risk contributions after ${maxSweeps} sweeps — the covariance is singular (some mix of the funds has no variance, so the book's variance fell to zero and its risk shares are undefined); use covariance ledoit-wolf, or drop a fund the others replicate`,
    );
  }
  throw new UserError(
    `erc: risk contributions still differ by ${gap.toExponential(2)} after ${maxSweeps} sweeps (tolerance ${tolerance}) — the covariance is near-singular; use covariance ledoit-wolf or a longer lookback`,
  );
}

/** max_i |y_i(Σy)_i / yᵀΣy − b|. */
function contributionGap(y: Float64Array, sigmaY: Float64Array, budget: number): number {
  let variance = 0;
  for (let i = 0; i < y.length; i++) variance += y[i] * sigmaY[i];
  let gap = 0;
  for (let i = 0; i < y.length; i++) gap = Math.max(gap, Math.abs((y[i] * sigmaY[i]) / variance - budget));
  return Number.isNaN(variance) ? NaN : gap;
}
