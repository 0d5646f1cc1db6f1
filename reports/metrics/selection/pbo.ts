// Probability of Backtest Overfitting by combinatorially symmetric cross-validation (CSCV):
// Bailey, Borwein, López de Prado & Zhu (2015), "The Probability of Backtest Overfitting",
// Journal of Computational Finance 20(4). See reports/SWEEPS.md for the conventions.
//
// The T × N matrix of per-period excess returns (N trials over the same T sessions) is cut into S
// contiguous blocks of ⌊T/S⌋ rows (the last T mod S rows are dropped). For each of the C(S, S/2)
// ways to pick S/2 blocks as the in-sample set J (the rest, J̄, is out of sample):
//   n* = the trial with the highest Sharpe ratio on J;
//   ω̄ = its relative rank on J̄, rank / (N + 1) with rank 1 = lowest Sharpe on J̄;
//   λ = ln(ω̄ / (1 − ω̄)), the logit.
// PBO = the share of combinations with λ ≤ 0: the in-sample best was at or below the out-of-sample
// median. The degradation line is the OLS fit of the OOS Sharpe of n* on its IS Sharpe over the
// combinations; P(loss) is the share of combinations whose n* has an OOS Sharpe below 0.
// Sharpe here is mean / std of the block rows (per period, not annualised), on the excess returns
// the caller gives (METRICS.md's Sharpe: r − rf), so the in-sample best is the one the sweep's
// Sharpe would choose. A set of rows that does not move (std only arithmetic rounding) is constant:
// its Sharpe is the limit of mean / std, +∞ or −∞ by the sign of its mean, 0 when the mean is 0 too
// (cash at the risk-free rate) — never a ratio of rounding errors.

import { ARITHMETIC_NOISE, isArithmeticNoise, sameButRounding } from '../stats.ts';

export interface PboInput {
  /** One series of per-period excess returns (r − rf) per trial, all the same length T (the same sessions). */
  readonly returns: readonly ArrayLike<number>[];
  /** Number of blocks S, even, ≥ 2 (default 16). */
  readonly blocks?: number;
}

export interface PboResult {
  /** Share of combinations with λ ≤ 0. */
  readonly pbo: number;
  /** λ of each combination, in combination order. */
  readonly logits: Float64Array;
  /** In-sample and out-of-sample Sharpe (per period; ±∞ for constant rows: constantSharpe) of the in-sample best, per combination. */
  readonly isSharpe: Float64Array;
  readonly oosSharpe: Float64Array;
  /** OOS Sharpe ≈ intercept + slope · IS Sharpe over the combinations where both are finite (`n` of them). */
  readonly degradation: LineFit;
  /** Share of combinations whose in-sample best lost out of sample (OOS Sharpe < 0). */
  readonly probabilityOfLoss: number;
  /**
   * Combinations in which every trial's in-sample Sharpe was the best's (equal but for rounding):
   * no choice was made there (n* is the first trial); when that is every combination, the trials
   * cannot be told apart and PBO (1 when they tie out of sample too: λ = 0) measures no selection.
   */
  readonly tiedInSample: number;
  readonly blocks: number;
  readonly rowsPerBlock: number;
  readonly trials: number;
  readonly combinations: number;
}

export const DEFAULT_PBO_BLOCKS = 16;

/** Why `blocks` cannot be CSCV's S (an even whole number from 2 to 24), or null when it can. */
export function pboBlocksProblem(blocks: number): string | null {
  return Number.isInteger(blocks) && blocks >= 2 && blocks <= 24 && blocks % 2 === 0 ? null : `PBO needs an even number of blocks between 2 and 24, got ${blocks}`;
}

/** y ≈ intercept + slope · x by ordinary least squares, over the finite pairs; NaN when x does not vary. */
export interface LineFit {
  readonly slope: number;
  readonly intercept: number;
  readonly rSquared: number;
  readonly n: number;
}

export function lineFit(x: ArrayLike<number>, y: ArrayLike<number>): LineFit {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < x.length; k++) {
    if (!Number.isFinite(x[k]) || !Number.isFinite(y[k])) continue;
    n++;
    sx += x[k];
    sy += y[k];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let k = 0; k < x.length; k++) {
    if (!Number.isFinite(x[k]) || !Number.isFinite(y[k])) continue;
    sxx += (x[k] - mx) ** 2;
    sxy += (x[k] - mx) * (y[k] - my);
    syy += (y[k] - my) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  return { slope, intercept: my - slope * mx, rSquared: sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : NaN, n };
}

/** Every k-subset of 0..n−1 as a bit mask, in lexicographic order. */
function subsets(n: number, k: number): number[] {
  const out: number[] = [];
  const pick = (start: number, left: number, mask: number): void => {
    if (left === 0) {
      out.push(mask);
      return;
    }
    for (let i = start; i <= n - left; i++) pick(i + 1, left - 1, mask | (1 << i));
  };
  pick(0, k, 0);
  return out;
}

/**
 * PBO by CSCV. Throws RangeError when the input cannot support it: fewer than 2 trials, series of
 * different lengths, an odd S, or fewer than 2 rows per block.
 */
export function probabilityOfBacktestOverfitting(input: PboInput): PboResult {
  const S = input.blocks ?? DEFAULT_PBO_BLOCKS;
  const N = input.returns.length;
  if (N < 2) throw new RangeError(`PBO needs at least 2 trials, got ${N}`);
  const problem = pboBlocksProblem(S);
  if (problem !== null) throw new RangeError(problem);
  const T = input.returns[0].length;
  if (input.returns.some((r) => r.length !== T)) throw new RangeError('PBO needs every trial over the same sessions (return series of one length)');
  const rows = Math.floor(T / S);
  if (rows < 2) throw new RangeError(`PBO with ${S} blocks needs at least ${2 * S} returns per trial, got ${T}`);

  // Per block and trial: count, mean and Σ(r − mean)² (NaN rows skipped; two passes), so a
  // combination pools S/2 blocks without the cancellation of Σr² − c·mean², whose rounding
  // (~1e-12 of a constant series' std) would give it a volatility.
  const count = new Float64Array(S * N);
  const mean = new Float64Array(S * N);
  const squares = new Float64Array(S * N);
  for (let j = 0; j < N; j++) {
    const r = input.returns[j];
    for (let b = 0; b < S; b++) {
      let c = 0;
      let s = 0;
      for (let t = b * rows; t < (b + 1) * rows; t++) {
        const x = r[t];
        if (x !== x) continue;
        c++;
        s += x;
      }
      const m = c > 0 ? s / c : 0;
      let q = 0;
      for (let t = b * rows; t < (b + 1) * rows; t++) {
        const x = r[t];
        if (x === x) q += (x - m) * (x - m);
      }
      count[b * N + j] = c;
      mean[b * N + j] = m;
      squares[b * N + j] = q;
    }
  }
  const masks = subsets(S, S / 2);
  const all = (1 << S) - 1;
  const logits = new Float64Array(masks.length);
  const isSharpe = new Float64Array(masks.length);
  const oosSharpe = new Float64Array(masks.length);
  const inSample = new Float64Array(N);
  const outOfSample = new Float64Array(N);
  let overfit = 0;
  let losses = 0;
  let tied = 0;
  masks.forEach((mask, c) => {
    sharpeOver(mask, inSample);
    sharpeOver(all & ~mask, outOfSample);
    let best = 0;
    // The first of equals, equal but for rounding (sameButRounding) included.
    for (let j = 1; j < N; j++) if (inSample[j] > inSample[best] && !sameButRounding(inSample[j], inSample[best])) best = j;
    if (inSample.every((v) => sameButRounding(v, inSample[best]))) tied++;
    // Rank of the chosen trial out of sample: 1 + those below it, ties (but for rounding) counted half.
    let below = 0;
    const chosen = outOfSample[best];
    for (let j = 0; j < N; j++) {
      if (j === best) continue;
      if (sameButRounding(outOfSample[j], chosen)) below += 0.5;
      else if (outOfSample[j] < chosen) below += 1;
    }
    const omega = (below + 1) / (N + 1);
    const lambda = Math.log(omega / (1 - omega));
    logits[c] = lambda;
    isSharpe[c] = inSample[best];
    oosSharpe[c] = chosen;
    if (lambda <= 0) overfit++;
    if (chosen < 0) losses++;
  });
  return {
    pbo: overfit / masks.length,
    logits,
    isSharpe,
    oosSharpe,
    degradation: lineFit(isSharpe, oosSharpe),
    probabilityOfLoss: losses / masks.length,
    tiedInSample: tied,
    blocks: S,
    rowsPerBlock: rows,
    trials: N,
    combinations: masks.length,
  };

  /** Sharpe of every trial over the blocks in `mask` (setSharpe): their pooled mean and sum of squared deviations. */
  function sharpeOver(mask: number, out: Float64Array): void {
    for (let j = 0; j < N; j++) {
      let c = 0;
      let s = 0;
      for (let b = 0; b < S; b++) {
        if ((mask & (1 << b)) === 0) continue;
        c += count[b * N + j];
        s += count[b * N + j] * mean[b * N + j];
      }
      const m = s / c;
      let q = 0;
      for (let b = 0; b < S; b++) {
        if ((mask & (1 << b)) === 0) continue;
        const d = mean[b * N + j] - m;
        q += squares[b * N + j] + count[b * N + j] * d * d;
      }
      out[j] = setSharpe(c, m, q);
    }
  }
}

/**
 * Sharpe ratio, mean / sample std, of `c` returns with mean `m` and Σ(x − m)² = `squares`. Rows
 * whose std is only arithmetic rounding (stats.ts isArithmeticNoise, as the metrics' "zero
 * volatility") are constant: +∞ or −∞ by the sign of the mean, 0 when the mean is within that
 * rounding of 0. −∞ below 2 rows (no Sharpe: it is never the in-sample best while another has one).
 */
export function setSharpe(c: number, m: number, squares: number): number {
  if (!(c >= 2)) return -Infinity;
  const std = Math.sqrt(squares / (c - 1));
  if (!isArithmeticNoise(std, m)) return m / std;
  return Math.abs(m) <= ARITHMETIC_NOISE ? 0 : m > 0 ? Infinity : -Infinity;
}
