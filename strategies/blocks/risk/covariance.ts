// Covariance estimators over a window of daily returns: sample, Ledoit-Wolf shrinkage toward
// constant correlation, and exponentially weighted (EWMA). Each takes one column of returns per
// asset, all of one length and complete: the caller picks the rows (see returnWindow.ts, whose
// rule is the common window). A missing return is never read as 0 — a NaN here is a caller's
// bug and throws.

import { createRequire } from 'node:module';
import { UserError } from '../../../data/errors.ts';

// mathjs is loaded on first use: it is ~50 MB of heap per thread, and every worker of a sweep
// imports the strategy registry whether or not its strategy needs an eigendecomposition.
let mathjsModule: typeof import('mathjs') | undefined;
const mathjs = (): typeof import('mathjs') => (mathjsModule ??= createRequire(import.meta.url)('mathjs') as typeof import('mathjs'));

/** A symmetric n × n matrix, row-major: entry (i, j) at `values[i * size + j]`, per-period units. */
export interface Covariance {
  readonly size: number;
  readonly values: Float64Array;
}

/** Entry (i, j). */
export const entry = (c: Covariance, i: number, j: number): number => c.values[i * c.size + j];

/** Volatilities √Σ_ii, per period. */
export function volatilities(c: Covariance): Float64Array {
  return Float64Array.from({ length: c.size }, (_, i) => Math.sqrt(entry(c, i, i)));
}

/** wᵀΣw: the variance of a book with weights w, per period. */
export function portfolioVariance(c: Covariance, w: ArrayLike<number>): number {
  let v = 0;
  for (let i = 0; i < c.size; i++) {
    let row = 0;
    for (let j = 0; j < c.size; j++) row += entry(c, i, j) * w[j];
    v += w[i] * row;
  }
  return v;
}

/** The sub-matrix on the given rows and columns, in their order. */
export function subCovariance(c: Covariance, picked: readonly number[]): Covariance {
  const m = picked.length;
  const values = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) values[a * m + b] = entry(c, picked[a], picked[b]);
  return { size: m, values };
}

/**
 * Sample covariance Σ_ij = Σ_t (x_it − x̄_i)(x_jt − x̄_j) / (T − 1), T = rows (ddof 1, as the
 * METRICS.md standard deviation). Needs T ≥ 2.
 */
export function sampleCovariance(returns: readonly Float64Array[]): Covariance {
  const centred = centre(returns, 2);
  return crossProducts(centred, 1 / (centred.rows - 1));
}

export interface ShrunkCovariance {
  readonly covariance: Covariance;
  /** Shrinkage intensity δ* ∈ [0, 1]: weight of the constant-correlation target. */
  readonly shrinkage: number;
  /** Average sample correlation r̄ of the target. */
  readonly averageCorrelation: number;
}

/**
 * Ledoit-Wolf shrinkage toward the constant-correlation matrix: Σ̂ = δ*·F + (1 − δ*)·S.
 * Source: Ledoit & Wolf (2004), "Honey, I shrunk the sample covariance matrix", J. Portfolio
 * Management 30(4); appendix formulas for π̂, ρ̂, γ̂. With x_it demeaned returns and s_ij their
 * moments with 1/T (the paper's convention):
 *   r̄ = 2/(N(N−1)) Σ_{i<j} s_ij/√(s_ii s_jj);  F: f_ii = s_ii, f_ij = r̄·√(s_ii s_jj)
 *   π̂ = Σ_ij (1/T) Σ_t (x_it x_jt − s_ij)²
 *   ρ̂ = Σ_i π̂_ii + Σ_{i≠j} (r̄/2)(√(s_jj/s_ii)·ϑ̂_ii,ij + √(s_ii/s_jj)·ϑ̂_jj,ij),
 *        ϑ̂_ii,ij = (1/T) Σ_t (x_it² − s_ii)(x_it x_jt − s_ij)
 *   γ̂ = Σ_ij (f_ij − s_ij)²;  κ̂ = (π̂ − ρ̂)/γ̂;  δ* = max(0, min(1, κ̂/T))
 * The intensity comes from those 1/T moments; it is then applied to the ddof-1 sample matrix S
 * (the one `sampleCovariance` returns) and its constant-correlation target (r̄ does not depend on
 * the normalisation), so δ* = 0 gives back exactly the sample estimator. With N = 1, or when the
 * sample already has constant correlation (γ̂ = 0), δ* = 0. Needs T ≥ 2.
 */
export function ledoitWolf(returns: readonly Float64Array[]): ShrunkCovariance {
  const x = centre(returns, 2);
  const { n, rows: t, columns } = x;
  const s = crossProducts(x, 1 / t);
  const sd = Float64Array.from({ length: n }, (_, i) => Math.sqrt(entry(s, i, i)));
  let sumCorrelation = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sumCorrelation += entry(s, i, j) / (sd[i] * sd[j]);
  const rBar = n > 1 ? (2 * sumCorrelation) / (n * (n - 1)) : 0;

  let pi = 0;
  let rho = 0;
  let gamma = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const sij = entry(s, i, j);
      let piij = 0;
      let thetaI = 0; // ϑ̂_ii,ij
      let thetaJ = 0; // ϑ̂_jj,ij
      for (let k = 0; k < t; k++) {
        const cross = columns[i][k] * columns[j][k] - sij;
        piij += cross * cross;
        thetaI += (columns[i][k] ** 2 - entry(s, i, i)) * cross;
        thetaJ += (columns[j][k] ** 2 - entry(s, j, j)) * cross;
      }
      pi += piij / t;
      if (i === j) rho += piij / t;
      else rho += (rBar / 2) * ((sd[j] / sd[i]) * (thetaI / t) + (sd[i] / sd[j]) * (thetaJ / t));
      if (i !== j) gamma += (rBar * sd[i] * sd[j] - sij) ** 2;
    }
  }
  const shrinkage = gamma > 0 ? Math.max(0, Math.min(1, (pi - rho) / gamma / t)) : 0;

  const sample = crossProducts(x, 1 / (t - 1));
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const sij = entry(sample, i, j);
      const target = i === j ? sij : rBar * Math.sqrt(entry(sample, i, i) * entry(sample, j, j));
      values[i * n + j] = shrinkage * target + (1 - shrinkage) * sij;
    }
  }
  return { covariance: { size: n, values }, shrinkage, averageCorrelation: rBar };
}

/**
 * Exponentially weighted covariance with a half-life of h sessions: row k of T (0 oldest) gets
 * weight λ^(T−1−k), λ = 2^(−1/h), normalised to sum 1 (so the newest row weighs twice the row h
 * sessions older); Σ = Σ_k w_k (x_k − μ)(x_k − μ)ᵀ around the weighted mean μ = Σ_k w_k x_k, with
 * no small-sample correction. Source: J.P. Morgan/Reuters (1996), RiskMetrics Technical
 * Document, §5.2 (there with a decay factor λ and zero mean). Needs T ≥ 2, h > 0.
 */
export function ewmaCovariance(returns: readonly Float64Array[], halfLife: number): Covariance {
  if (!(halfLife > 0)) throw new RangeError(`EWMA half-life must be positive, got ${halfLife}`);
  const t = rowCount(returns, 2);
  const decay = 2 ** (-1 / halfLife);
  const weights = Float64Array.from({ length: t }, (_, k) => decay ** (t - 1 - k));
  const total = weights.reduce((a, b) => a + b, 0);
  for (let k = 0; k < t; k++) weights[k] /= total;
  const columns = returns.map((column) => {
    let mean = 0;
    for (let k = 0; k < t; k++) mean += weights[k] * column[k];
    return Float64Array.from(column, (r, k) => (r - mean) * Math.sqrt(weights[k]));
  });
  return crossProducts({ n: returns.length, rows: t, columns }, 1);
}

/**
 * Throws a UserError unless the matrix is positive definite: its smallest eigenvalue (mathjs
 * `eigs`) must exceed `relativeFloor` × its largest (a condition number below 1e12 by default).
 * `what` names the caller in the message.
 */
export function assertPositiveDefinite(c: Covariance, what: string, relativeFloor = 1e-12): void {
  if (c.size === 0) return;
  const rows = Array.from({ length: c.size }, (_, i) => Array.from(c.values.subarray(i * c.size, (i + 1) * c.size)));
  const values = (mathjs().eigs(rows, { eigenvectors: false }).values as number[]).map(Number);
  const smallest = Math.min(...values);
  const largest = Math.max(...values);
  if (!(largest > 0 && smallest > relativeFloor * largest)) {
    throw new UserError(
      `${what}: the covariance is singular (eigenvalues from ${smallest.toExponential(2)} to ${largest.toExponential(2)}) — two assets move as one, or the window is too short; use covariance ledoit-wolf or drop a near-duplicate symbol`,
    );
  }
}

/** Throws a UserError unless every variance Σ_ii is positive and finite (a risk model needs them). */
export function assertVariances(c: Covariance, what: string): void {
  for (let i = 0; i < c.size; i++) {
    const v = entry(c, i, i);
    if (!(v > 0 && Number.isFinite(v))) throw new UserError(`${what}: asset ${i + 1} of ${c.size} has variance ${v} in the window — a price that never moves cannot be weighted by risk`);
  }
}

interface Centred {
  readonly n: number;
  readonly rows: number;
  readonly columns: readonly Float64Array[];
}

function rowCount(returns: readonly Float64Array[], minRows: number): number {
  if (returns.length === 0) throw new RangeError('a covariance needs at least one asset');
  const t = returns[0].length;
  for (const column of returns) {
    if (column.length !== t) throw new RangeError(`return columns differ in length (${column.length} vs ${t})`);
    for (const r of column) if (!Number.isFinite(r)) throw new RangeError('a return column holds a missing or infinite value: pick complete rows first');
  }
  if (t < minRows) throw new RangeError(`a covariance needs at least ${minRows} rows of returns, got ${t}`);
  return t;
}

function centre(returns: readonly Float64Array[], minRows: number): Centred {
  const t = rowCount(returns, minRows);
  const columns = returns.map((column) => {
    const mean = column.reduce((a, b) => a + b, 0) / t;
    return Float64Array.from(column, (r) => r - mean);
  });
  return { n: returns.length, rows: t, columns };
}

/** scale · XᵀX over the columns (the sums stay a loop on typed arrays). */
function crossProducts({ n, rows, columns }: Centred, scale: number): Covariance {
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < rows; k++) sum += columns[i][k] * columns[j][k];
      values[i * n + j] = values[j * n + i] = sum * scale;
    }
  }
  return { size: n, values };
}

/** The estimators by name, as strategies take them in parameters. */
export const COVARIANCE_ESTIMATORS = ['sample', 'ledoit-wolf', 'ewma'] as const;
export type CovarianceEstimator = (typeof COVARIANCE_ESTIMATORS)[number];

/** The named estimator on complete return columns (`halfLife` in sessions, for ewma only). */
export function estimateCovariance(estimator: CovarianceEstimator, returns: readonly Float64Array[], halfLife: number): Covariance {
  switch (estimator) {
    case 'sample':
      return sampleCovariance(returns);
    case 'ledoit-wolf':
      return ledoitWolf(returns).covariance;
    case 'ewma':
      return ewmaCovariance(returns, halfLife);
  }
}
