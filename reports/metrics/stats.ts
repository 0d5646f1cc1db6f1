// Statistical primitives shared by every metric (conventions: ../shared/METRICS.md "Inputs").
// They return plain numbers and NaN when undefined; the Metric wrappers turn NaN into
// `null` with a reason. NaN inputs are skipped, as METRICS.md prescribes for means and std.
// Optional [start, end) ranges let rolling windows reuse them without allocating slices.

/** A numeric column: a typed array or a plain array. */
export type Series = ArrayLike<number>;

/** Number of non-NaN values in [start, end). */
export function nonNaNCount(x: Series, start = 0, end = x.length): number {
  let k = 0;
  for (let i = start; i < end; i++) if (!Number.isNaN(x[i])) k++;
  return k;
}

/**
 * The non-NaN values in their order: the series a path metric (a wealth path, a fit over time)
 * measures, a blank (unknown) return being skipped — no session of the path, as it is no
 * observation of a mean (METRICS.md: skipped in means, 0 in compounding). `x` itself when it has
 * no NaN.
 */
export function knownValues(x: Series): Series {
  const k = nonNaNCount(x);
  if (k === x.length) return x;
  const out = new Float64Array(k);
  let j = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[j++] = x[i];
  return out;
}

/** Σ x over [start, end) (NaN propagates: for counts and amounts that hold none). */
export function sum(x: Series, start = 0, end = x.length): number {
  let s = 0;
  for (let i = start; i < end; i++) s += x[i];
  return s;
}

/** Arithmetic mean of the non-NaN values in [start, end); NaN when there are none. */
export function mean(x: Series, start = 0, end = x.length): number {
  let sum = 0;
  let k = 0;
  for (let i = start; i < end; i++) {
    const v = x[i];
    if (Number.isNaN(v)) continue;
    sum += v;
    k++;
  }
  return k > 0 ? sum / k : NaN;
}

/**
 * Sample standard deviation (ddof = 1) of the non-NaN values in [start, end); NaN below 2 values.
 * Two passes for accuracy. A constant series returns exactly 0: the mean of identical floats can
 * differ from them in the last bit, which would otherwise leave a spurious ~1e-17 "volatility"
 * and turn a zero-volatility Sharpe into a huge finite number.
 */
export function sampleStd(x: Series, start = 0, end = x.length): number {
  let sum = 0;
  let k = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < end; i++) {
    const v = x[i];
    if (Number.isNaN(v)) continue;
    sum += v;
    k++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (k < 2) return NaN;
  if (lo === hi) return 0;
  const m = sum / k;
  let ss = 0;
  for (let i = start; i < end; i++) {
    const v = x[i];
    if (!Number.isNaN(v)) ss += (v - m) * (v - m);
  }
  return Math.sqrt(ss / (k - 1));
}

/**
 * Per-period returns scattered by less than this share of their level, |1 + mean|, are constant:
 * a return L1 / L0 − 1 carries its levels' relative rounding, (1 + r)·(δ1 − δ0), so a level
 * written to 8 significant digits (6 decimals at ~100) scatters returns by ~5e-9 on its own, while
 * a real benchmark's per-period std — even a T-bill index's near zero rates — is 1e-7 or more
 * (1e-8 a day is 0.000016 % a year). Relative to the level, not to the mean return: rounding does
 * not shrink with the return. r16b finding 6: month-ends growing 2 % a month written to 6
 * decimals, std 4.3e-9, gave beta 8012 and alpha 2.66e26.
 */
const LEVEL_NOISE = 1e-8;

/** Whether a sample std of returns with this mean is only the rounding of their levels (LEVEL_NOISE); false for NaN. */
export function isRoundingNoise(std: number, mean: number): boolean {
  return std <= LEVEL_NOISE * Math.abs(1 + mean);
}

/** Whether the non-NaN returns in [start, end) are constant up to rounding (isRoundingNoise); false below 2 values. */
export function isFlat(x: Series, start = 0, end = x.length): boolean {
  return isRoundingNoise(sampleStd(x, start, end), mean(x, start, end));
}

/**
 * Per-period returns scattered by less than this share of their level are the arithmetic rounding
 * of one computed series (a flat book whose NAV reads 9,999.999999999998 once: ~2e-16), not
 * volatility. Far below LEVEL_NOISE: a series read from a file may be printed coarsely, breadth's
 * own NAV is not.
 */
export const ARITHMETIC_NOISE = 1e-12;

/**
 * Whether two figures computed from one another's arithmetic are the same but for its rounding:
 * equal, or both finite and apart by at most ARITHMETIC_NOISE of the larger (the Sharpe ratios of
 * trials whose excess returns are exact multiples of each other differ in their 16th digit). False
 * when either is NaN. How a sweep and PBO tell a tie, "the first of equals" (probe r47c).
 */
export function sameButRounding(a: number, b: number): boolean {
  return a === b || (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= ARITHMETIC_NOISE * Math.max(Math.abs(a), Math.abs(b)));
}

/** Whether a sample std of returns with this mean is only arithmetic rounding (ARITHMETIC_NOISE); false for NaN. */
export function isArithmeticNoise(std: number, mean: number): boolean {
  return std <= ARITHMETIC_NOISE * Math.abs(1 + mean);
}

/** Whether the non-NaN returns in [start, end) scatter only by arithmetic rounding (ARITHMETIC_NOISE): no volatility; false below 2 values. */
export function isMotionless(x: Series, start = 0, end = x.length): boolean {
  return isArithmeticNoise(sampleStd(x, start, end), mean(x, start, end));
}

/**
 * Returns that move only by arithmetic rounding (isMotionless: a flat book whose NAV reads
 * 9,999.999999999998 once) as the constant they are: each the mean, and 0 where the mean is within
 * that rounding of 0 — so no metric scores the noise (a Sortino of −2, a Calmar of −4, a drawdown
 * "still open" for 32 sessions: probe r32b). Any other series is returned as given.
 */
export function steadied(r: Series): Series {
  if (!isMotionless(r)) return r;
  const level = mean(r);
  const constant = Math.abs(level) <= ARITHMETIC_NOISE ? 0 : level;
  return Float64Array.from(r, (x) => (Number.isNaN(x) ? x : constant));
}

/** Population central moments m2, m3, m4 (divided by n) of the non-NaN values. */
export function centralMoments(x: Series): { n: number; m2: number; m3: number; m4: number } {
  const n = nonNaNCount(x);
  const m = mean(x);
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) continue;
    const d = v - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { n, m2: s2 / n, m3: s3 / n, m4: s4 / n };
}

/** The non-NaN values, sorted ascending, in a new array. */
export function sortedNonNaN(x: Series): Float64Array {
  const out = new Float64Array(nonNaNCount(x));
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[k++] = x[i];
  return out.sort();
}

/**
 * Percentile q (0..100) of an ascending array, Hyndman–Fan type 7 (numpy's default):
 * position q/100·(n−1), 0-based, linear interpolation between the neighbouring order statistics.
 */
export function percentileSorted(sorted: Series, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (q / 100) * (n - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  if (lo + 1 >= n || frac === 0) return sorted[lo];
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

/**
 * Standard normal CDF Φ. Hart's double-precision rational approximation as given by
 * G. West, "Better approximations to cumulative normal functions" (2005); absolute error ~1e-15.
 */
export function normCdf(x: number): number {
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) tail = 0;
  else {
    const e = Math.exp(-0.5 * z * z);
    if (z < 7.07106781186547) {
      let num = 3.52624965998911e-2 * z + 0.700383064443688;
      num = num * z + 6.37396220353165;
      num = num * z + 33.912866078383;
      num = num * z + 112.079291497871;
      num = num * z + 221.213596169931;
      num = num * z + 220.206867912376;
      let den = 8.83883476483184e-2 * z + 1.75566716318264;
      den = den * z + 16.064177579207;
      den = den * z + 86.7807322029461;
      den = den * z + 296.564248779674;
      den = den * z + 637.333633378831;
      den = den * z + 793.826512519948;
      den = den * z + 440.413735824752;
      tail = (e * num) / den;
    } else {
      // Continued fraction for the far tail.
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      tail = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * Inverse standard normal CDF Φ⁻¹(p): Acklam's rational approximation (rel. error 1e-9) refined by
 * one Halley step against normCdf, which brings it to near double precision. ±Infinity at 0 and 1.
 */
export function normInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const [a0, a1, a2, a3, a4, a5] = ACKLAM_A;
  const [b0, b1, b2, b3, b4] = ACKLAM_B;
  const [c0, c1, c2, c3, c4, c5] = ACKLAM_C;
  const [d0, d1, d2, d3] = ACKLAM_D;
  const pLow = 0.02425;
  let x: number;
  if (p < pLow || p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(p < pLow ? p : 1 - p));
    x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
    if (p > pLow) x = -x;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  }
  const e = normCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
