// Ordinary least squares with an intercept, by the normal equations (XᵀX)β = Xᵀy.
// The sums over rows stay a loop on typed arrays (20 years of daily rows × 7 columns); the small
// k × k algebra (solve, inverse, determinant) goes to mathjs, where clarity beats a hand loop.
// mathjs is loaded on the first fit, not with this module: its ~1,000 modules take half a second,
// which every command would otherwise pay, regressions or not.
import { createRequire } from 'node:module';
import type { det, inv, lusolve } from 'mathjs';
import type { Series } from '../metrics/index.ts';

interface Algebra {
  det: typeof det;
  inv: typeof inv;
  lusolve: typeof lusolve;
}
let algebra: Algebra | undefined;
const linearAlgebra = (): Algebra => (algebra ??= createRequire(import.meta.url)('mathjs') as Algebra);

export interface OlsFit {
  /** Rows used. */
  n: number;
  /** Coefficients including the intercept. */
  k: number;
  /** [intercept, b_1 .. b_p]. */
  coefficients: Float64Array;
  /** Standard errors √(σ²·(XᵀX)⁻¹_jj), σ² = SSR / (n − k); NaN when n = k. */
  stdErrors: Float64Array;
  /** coefficient / standard error; NaN where the error is 0 (a perfect fit) or undefined. */
  tStats: Float64Array;
  /** 1 − SSR / SST (NaN when y is constant). */
  rSquared: number;
  adjRSquared: number;
  /** √(SSR / (n − k)). */
  residualStd: number;
}

/**
 * Below this determinant of the correlation-scaled XᵀX the regressors are collinear: the scaled
 * matrix has a unit diagonal, so its determinant lies in [0, 1] whatever the units of the data.
 */
const COLLINEAR_DET = 1e-12;

/**
 * OLS of y on an intercept and `columns` (each as long as y). Rows where any value is NaN are
 * skipped. Throws a RangeError when there are fewer rows than coefficients or the regressors are
 * collinear (the fit is not identified); callers turn that into an "insufficient data" note.
 */
export function ols(y: Series, columns: readonly Series[]): OlsFit {
  const k = columns.length + 1;
  for (const c of columns) if (c.length !== y.length) throw new RangeError(`a regressor has ${c.length} rows but y has ${y.length}`);
  const xtx: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  const row = new Float64Array(k);
  const usable = (i: number): boolean => !Number.isNaN(y[i]) && columns.every((c) => !Number.isNaN(c[i]));
  let n = 0;
  let ySum = 0;
  for (let i = 0; i < y.length; i++) {
    if (!usable(i)) continue;
    row[0] = 1;
    for (let j = 1; j < k; j++) row[j] = columns[j - 1][i];
    for (let a = 0; a < k; a++) {
      xty[a] += row[a] * y[i];
      for (let b = a; b < k; b++) xtx[a][b] += row[a] * row[b];
    }
    ySum += y[i];
    n++;
  }
  if (n < k) throw new RangeError(`${n} rows cannot identify ${k} coefficients`);
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) xtx[a][b] = xtx[b][a];
  if (collinear(xtx)) throw new RangeError('the regressors are collinear (or one is constant)');

  const { lusolve, inv } = linearAlgebra();
  const beta = Float64Array.from(lusolve(xtx, xty) as number[][], (r) => r[0]);
  const xtxInv = inv(xtx);
  const yMean = ySum / n;
  let ssr = 0;
  let sst = 0;
  for (let i = 0; i < y.length; i++) {
    if (!usable(i)) continue;
    let fitted = beta[0];
    for (let j = 1; j < k; j++) fitted += beta[j] * columns[j - 1][i];
    ssr += (y[i] - fitted) ** 2;
    sst += (y[i] - yMean) ** 2;
  }
  const dof = n - k;
  const sigma2 = dof > 0 ? ssr / dof : NaN;
  const stdErrors = Float64Array.from({ length: k }, (_, j) => Math.sqrt(sigma2 * xtxInv[j][j]));
  const tStats = beta.map((b, j) => (stdErrors[j] > 0 ? b / stdErrors[j] : NaN));
  const rSquared = sst > 0 ? 1 - ssr / sst : NaN;
  return {
    n,
    k,
    coefficients: beta,
    stdErrors,
    tStats,
    rSquared,
    adjRSquared: dof > 0 ? 1 - ((1 - rSquared) * (n - 1)) / dof : NaN,
    residualStd: Math.sqrt(sigma2),
  };
}

/** True when XᵀX, scaled to a unit diagonal, is (numerically) singular. */
function collinear(xtx: readonly (readonly number[])[]): boolean {
  const k = xtx.length;
  const scale = xtx.map((r, a) => Math.sqrt(r[a]));
  if (scale.some((s) => !(s > 0))) return true;
  const scaled = xtx.map((r, a) => r.map((v, b) => v / (scale[a] * scale[b])));
  return k > 1 && !(Math.abs(linearAlgebra().det(scaled)) > COLLINEAR_DET);
}
