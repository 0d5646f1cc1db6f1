// Small strictly convex quadratic programs, min ½xᵀDx − dᵀx subject to linear equalities and
// inequalities, solved by the `quadprog` package: the Goldfarb-Idnani dual active-set method
// (Goldfarb & Idnani 1983, "A numerically stable dual method for solving strictly convex
// quadratic programs", Math. Programming 27). An active-set method ends in finitely many steps
// with the exact optimum up to rounding, so there is no iteration tolerance to tune; the answer
// is checked against every constraint to QP_TOLERANCE and refused (UserError) when it misses.

import quadprog from 'quadprog';
import { UserError } from '../../../data/errors.ts';
import { entry, type Covariance } from '../risk/covariance.ts';

/** Largest constraint violation accepted in a solution, relative to max(1, |b|). */
export const QP_TOLERANCE = 1e-9;

/** aᵀx = b (an equality) or aᵀx ≥ b (an inequality). */
export interface LinearConstraint {
  readonly a: ArrayLike<number>;
  readonly b: number;
}

export interface QuadraticProgram {
  /** D: symmetric positive definite, n × n. */
  readonly quadratic: Covariance;
  /** d in −dᵀx (0 for a pure variance minimisation). */
  readonly linear?: ArrayLike<number>;
  readonly equalities: readonly LinearConstraint[];
  readonly inequalities: readonly LinearConstraint[];
}

/**
 * The minimiser x (length n). `what` names the problem in errors: inconsistent constraints, a D
 * that is not positive definite, or a solution that breaks a constraint give a one-line UserError.
 */
export function solveQuadraticProgram(qp: QuadraticProgram, what: string): Float64Array {
  const n = qp.quadratic.size;
  const constraints = [...qp.equalities, ...qp.inequalities];
  // 1-based copies: quadprog overwrites D and d.
  const D = [[], ...Array.from({ length: n }, (_, i) => [NaN, ...Array.from({ length: n }, (_, j) => entry(qp.quadratic, i, j))])];
  const d = [NaN, ...Array.from({ length: n }, (_, i) => qp.linear?.[i] ?? 0)];
  const A = [[], ...Array.from({ length: n }, (_, i) => [NaN, ...constraints.map((c) => c.a[i])])];
  const b = [NaN, ...constraints.map((c) => c.b)];
  const result = quadprog.solveQP(D, d, A, b, qp.equalities.length);
  if (result.message || !result.solution) {
    const why = /inconsistent/.test(result.message)
      ? 'its constraints cannot all hold (are the caps too tight for the total?)'
      : /positive definite/.test(result.message)
        ? 'the covariance is not positive definite — use covariance ledoit-wolf or drop a near-duplicate symbol'
        : result.message;
    throw new UserError(`${what}: no solution: ${why}`);
  }
  const x = Float64Array.from({ length: n }, (_, i) => result.solution?.[i + 1] ?? NaN);
  const worst = Math.max(0, ...qp.equalities.map((c) => Math.abs(slack(c, x))), ...qp.inequalities.map((c) => -slack(c, x)));
  if (!(worst <= QP_TOLERANCE)) throw new UserError(`${what}: the solver's answer misses a constraint by ${worst.toExponential(2)} (tolerance ${QP_TOLERANCE}) — the covariance is too ill-conditioned; use covariance ledoit-wolf`);
  return x;
}

/** (aᵀx − b) / max(1, |b|). */
function slack(c: LinearConstraint, x: Float64Array): number {
  let ax = 0;
  for (let i = 0; i < x.length; i++) ax += c.a[i] * x[i];
  return (ax - c.b) / Math.max(1, Math.abs(c.b));
}
