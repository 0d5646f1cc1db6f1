// Long-only optimised books from a covariance matrix: minimum variance, maximum diversification
// and mean-variance with per-name caps. Each is a small quadratic program (quadraticProgram.ts)
// over weights w ≥ 0 with Σw = total; each returns weights in the covariance's asset order.
// Errors (singular covariance, caps that cannot reach the total, a solver miss) are one-line
// UserErrors naming the method.

import { UserError } from '../../../data/errors.ts';
import { assertPositiveDefinite, assertVariances, entry, portfolioVariance, volatilities, type Covariance } from '../risk/covariance.ts';
import { solveQuadraticProgram, type LinearConstraint } from './quadraticProgram.ts';

export interface LongOnlyOptions {
  /** Σw, as a fraction of NAV (default 1). */
  readonly total?: number;
  /** Upper bound per weight, one number for all or one per asset (fractions of NAV, like total). */
  readonly caps?: number | ArrayLike<number>;
}

/**
 * Long-only minimum variance: argmin wᵀΣw subject to Σw = total, 0 ≤ w_i ≤ cap_i. Without binding
 * bounds it is the closed form w = total·Σ⁻¹1 / (1ᵀΣ⁻¹1) (Markowitz 1952; Clarke, de Silva &
 * Thorley 2006, "Minimum-variance portfolios in the U.S. equity market", J. Portfolio Management).
 */
export function minimumVariance(c: Covariance, options: LongOnlyOptions = {}): Float64Array {
  const what = 'min-variance';
  const { total, caps } = bounds(c, options, what);
  const scale = averageVariance(c);
  const w = solveQuadraticProgram(
    { quadratic: scaled(c, 1 / scale), equalities: [{ a: ones(c.size), b: total }], inequalities: boxConstraints(c.size, caps) },
    what,
  );
  return longOnly(w, total);
}

/**
 * Long-only mean-variance: argmax μᵀw − (λ/2)·wᵀΣw subject to Σw = total, 0 ≤ w_i ≤ cap_i
 * (Markowitz 1952, "Portfolio selection", J. Finance 7(1)). μ: expected returns per period, in
 * the covariance's units (per session for daily returns); λ > 0: risk aversion.
 */
export function meanVariance(c: Covariance, expectedReturns: ArrayLike<number>, riskAversion: number, options: LongOnlyOptions = {}): Float64Array {
  const what = 'mean-variance';
  if (expectedReturns.length !== c.size) throw new RangeError(`${c.size} assets but ${expectedReturns.length} expected returns`);
  for (let i = 0; i < c.size; i++) if (!Number.isFinite(expectedReturns[i])) throw new UserError(`${what}: expected return of asset ${i + 1} is ${expectedReturns[i]}`);
  if (!(riskAversion > 0)) throw new UserError(`${what}: risk aversion must be positive, got ${riskAversion}`);
  const { total, caps } = bounds(c, options, what);
  // Dividing the objective by s·λ leaves the optimum unchanged and D with a unit-sized diagonal.
  const s = averageVariance(c);
  const w = solveQuadraticProgram(
    {
      quadratic: scaled(c, 1 / s),
      linear: Float64Array.from({ length: c.size }, (_, i) => expectedReturns[i] / (riskAversion * s)),
      equalities: [{ a: ones(c.size), b: total }],
      inequalities: boxConstraints(c.size, caps),
    },
    what,
  );
  return longOnly(w, total);
}

/**
 * Long-only maximum diversification: argmax DR(w) = wᵀσ / √(wᵀΣw) subject to Σw = total,
 * 0 ≤ w_i ≤ cap_i (Choueifaty & Coignard 2008, "Toward maximum diversification", J. Portfolio
 * Management 35(1)). Solved in its correlation form: v = argmin vᵀCv subject to Σv = 1, v ≥ 0
 * (C the correlation matrix, DR = 1/√(vᵀCv)), then w_i ∝ v_i/σ_i; a cap w_i ≤ cap_i·Σw is the
 * linear constraint cap_i·Σ_j v_j/σ_j − v_i/σ_i ≥ 0.
 */
export function maximumDiversification(c: Covariance, options: LongOnlyOptions = {}): Float64Array {
  const what = 'max-diversification';
  const { total, caps } = bounds(c, options, what);
  const n = c.size;
  const sigma = volatilities(c);
  const correlation = { size: n, values: Float64Array.from(c.values, (x, k) => x / (sigma[Math.floor(k / n)] * sigma[k % n])) };
  const inequalities: LinearConstraint[] = boxConstraints(n, undefined);
  if (caps) {
    for (let i = 0; i < n; i++) {
      if (caps[i] >= total) continue;
      inequalities.push({ a: Float64Array.from({ length: n }, (_, j) => caps[i] / total / sigma[j] - (i === j ? 1 / sigma[i] : 0)), b: 0 });
    }
  }
  const v = solveQuadraticProgram({ quadratic: correlation, equalities: [{ a: ones(n), b: 1 }], inequalities }, what);
  return longOnly(v.map((x, i) => x / sigma[i]), total);
}

/** DR(w) = wᵀσ / √(wᵀΣw): 1 for a single asset, higher the more the book diversifies. */
export function diversificationRatio(c: Covariance, w: ArrayLike<number>): number {
  const sigma = volatilities(c);
  let weighted = 0;
  for (let i = 0; i < c.size; i++) weighted += w[i] * sigma[i];
  return weighted / Math.sqrt(portfolioVariance(c, w));
}

/** Validated total and caps (undefined when no cap is given); checks the covariance first. */
function bounds(c: Covariance, options: LongOnlyOptions, what: string): { total: number; caps: Float64Array | undefined } {
  const total = options.total ?? 1;
  if (!(total > 0 && Number.isFinite(total))) throw new UserError(`${what}: the total weight must be positive, got ${total}`);
  if (c.size === 0) throw new RangeError(`${what}: no assets`);
  assertVariances(c, what);
  assertPositiveDefinite(c, what);
  if (options.caps === undefined) return { total, caps: undefined };
  const given = options.caps;
  const caps = Float64Array.from({ length: c.size }, (_, i) => (typeof given === 'number' ? given : given[i]));
  if (caps.some((x) => !(x > 0))) throw new UserError(`${what}: every cap must be positive, got ${Array.from(caps).join(', ')}`);
  const room = caps.reduce((a, b) => a + b, 0);
  if (room < total * (1 - 1e-12)) throw new UserError(`${what}: the caps add up to ${room}, less than the total ${total} — raise the caps or add assets`);
  return { total, caps };
}

/** w_i ≥ 0 and, with caps, −w_i ≥ −cap_i. */
function boxConstraints(n: number, caps: Float64Array | undefined): LinearConstraint[] {
  const unit = (i: number, sign: number): Float64Array => Float64Array.from({ length: n }, (_, j) => (i === j ? sign : 0));
  const out: LinearConstraint[] = Array.from({ length: n }, (_, i) => ({ a: unit(i, 1), b: 0 }));
  if (caps) for (let i = 0; i < n; i++) out.push({ a: unit(i, -1), b: -caps[i] });
  return out;
}

const ones = (n: number): Float64Array => new Float64Array(n).fill(1);

/** Rounding residue below 0 (within QP_TOLERANCE) set to 0, then scaled to sum exactly to `total`. */
function longOnly(w: Float64Array, total: number): Float64Array {
  for (let i = 0; i < w.length; i++) if (w[i] < 0) w[i] = 0;
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => (x * total) / sum);
}

/** Mean variance Σ_ii / n: the scale that brings a daily covariance to unit size. */
function averageVariance(c: Covariance): number {
  let sum = 0;
  for (let i = 0; i < c.size; i++) sum += entry(c, i, i);
  return sum / c.size;
}

function scaled(c: Covariance, factor: number): Covariance {
  return { size: c.size, values: Float64Array.from(c.values, (x) => x * factor) };
}
