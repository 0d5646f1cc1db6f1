// Metrics relative to a benchmark (METRICS.md "Relative to a benchmark"). Their inputs are the
// paired intervals of `pairedIntervals`: the strategy's and the benchmark's returns over the same
// two dates each. A row takes part only where both are non-NaN (and rf too, for alpha and Treynor).
import { MIN_STAT_N, type Metric, unavailable, valued } from '../metric.ts';
import { annualize, growth } from '../returns.ts';
import { excessReturns, type RiskFree } from '../riskFree.ts';
import { isFlat, isRoundingNoise, mean, sampleStd, type Series } from '../stats.ts';
import { treynorWithheld } from './treynorRule.ts';

/** Inner join of two dated series on equal dates (both ascending); indexA/indexB map rows back. */
export function alignOnDates(
  datesA: Series,
  a: Series,
  datesB: Series,
  b: Series,
): { dates: Int32Array; a: Float64Array; b: Float64Array; indexA: Int32Array; indexB: Int32Array } {
  const cap = Math.min(datesA.length, datesB.length);
  const dates = new Int32Array(cap);
  const outA = new Float64Array(cap);
  const outB = new Float64Array(cap);
  const indexA = new Int32Array(cap);
  const indexB = new Int32Array(cap);
  let k = 0;
  for (let i = 0, j = 0; i < datesA.length && j < datesB.length; ) {
    if (datesA[i] < datesB[j]) i++;
    else if (datesA[i] > datesB[j]) j++;
    else {
      dates[k] = datesA[i];
      outA[k] = a[i];
      outB[k] = b[j];
      indexA[k] = i;
      indexB[k] = j;
      k++;
      i++;
      j++;
    }
  }
  return { dates: dates.slice(0, k), a: outA.slice(0, k), b: outB.slice(0, k), indexA: indexA.slice(0, k), indexB: indexB.slice(0, k) };
}

/** One row per interval between consecutive common dates: each series' return over it, rf compounded. */
export interface PairedIntervals {
  readonly r: Float64Array;
  readonly b: Float64Array;
  readonly rf: Float64Array;
  /** Row (index into the level series) at which each interval starts and ends. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Row of the first common value, where the first interval starts (−1 when there is none). */
  readonly first: number;
  /** Intervals between consecutive common rows left out because a return inside one is unknown (a chain breaks). */
  readonly unknown: number;
}

/**
 * Returns over the same intervals (METRICS.md "Inputs"): `levelA` and `levelB` are value series
 * aligned row by row (NaN where a series has no value on that row's date). The common rows are
 * those where both have a value; each interval runs from one common row to the next, and both
 * returns are measured over it — a gap in one series makes the other's returns across it one
 * compounded return, never a one-day against a two-day return, never a 0 for the missing day.
 * `rf[k]` is the per-period risk-free return earned on row k + 1 (length levels − 1), compounded
 * over each interval; an interval holding a NaN rf (a missing rate) has a NaN rf, which the
 * metrics that use rf leave out (alpha, Treynor), as Sharpe leaves out such returns.
 * `chains.a` / `chains.b` (see `chainsOf`, aligned like the levels) number the unbroken runs of
 * each series: an interval whose two ends lie on different runs holds a return that is not known,
 * so it is left out (counted in `unknown`) rather than paired as if that return were 0.
 * Omitted chains mean one unbroken run.
 */
export function pairedIntervals(levelA: Series, levelB: Series, rf: RiskFree = 0, chains: { a?: Series; b?: Series } = {}): PairedIntervals {
  if (levelA.length !== levelB.length) throw new RangeError(`level series have ${levelA.length} and ${levelB.length} rows; align them first`);
  const rows = levelA.length;
  if (typeof rf !== 'number' && rf.length !== Math.max(rows - 1, 0)) throw new RangeError(`risk-free has ${rf.length} rows for ${rows} levels; give one per return`);
  const r: number[] = [];
  const b: number[] = [];
  const f: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let from = -1;
  let first = -1;
  let growthRf = 1;
  let unknown = 0;
  const sameRun = (chain: Series | undefined, from: number, to: number): boolean => chain === undefined || chain[from] === chain[to];
  for (let k = 0; k < rows; k++) {
    if (k > 0) {
      const x = typeof rf === 'number' ? rf : rf[k - 1];
      growthRf *= 1 + x; // an unknown rate inside an interval leaves its rf unknown (NaN)
    }
    if (Number.isNaN(levelA[k]) || Number.isNaN(levelB[k])) continue;
    if (from >= 0 && !(sameRun(chains.a, from, k) && sameRun(chains.b, from, k))) unknown++;
    else if (from >= 0) {
      r.push(levelA[k] / levelA[from] - 1);
      b.push(levelB[k] / levelB[from] - 1);
      f.push(growthRf - 1);
      start.push(from);
      end.push(k);
    } else first = k;
    from = k;
    growthRf = 1;
  }
  return { r: Float64Array.from(r), b: Float64Array.from(b), rf: Float64Array.from(f), start: Int32Array.from(start), end: Int32Array.from(end), first, unknown };
}

/**
 * The time each paired interval covers, in periods: Σ rowPeriods[j] over the level rows it spans
 * (j = start … end − 1; `rowPeriods[j]` the periods of P from level row j to j + 1, engine/calendar/frequency.ts
 * periodsPerRow), × `scale` (the pairing's P over the series' P, to count periods of the pairing's P).
 * A daily benchmark missing a session: its interval covers 2; month-ends missing June: 2 months.
 */
export function intervalPeriods(paired: PairedIntervals, rowPeriods: Series, scale = 1): Float64Array {
  const out = new Float64Array(paired.end.length);
  for (let k = 0; k < out.length; k++) {
    let p = 0;
    for (let j = paired.start[k]; j < paired.end[k]; j++) p += rowPeriods[j];
    out[k] = p * scale;
  }
  return out;
}

/**
 * Value levels of a return series: W_0 = 1 (the row before the first return), W_k = W_{k−1}(1 + r_k);
 * NaN r counts as 0 (METRICS.md compounding). For pairing, `chainsOf` says which levels compare.
 */
export function levelsOf(returns: Series): Float64Array {
  const w = new Float64Array(returns.length + 1);
  w[0] = 1;
  for (let k = 0; k < returns.length; k++) w[k + 1] = w[k] * (1 + (Number.isNaN(returns[k]) ? 0 : returns[k]));
  return w;
}

/**
 * The run of each level row of `levelsOf(returns)` (length n + 1): row 0 is on run 0 and an
 * unknown (NaN) return r_k starts a new run at row k — W_k is unknown relative to the rows before
 * it but known relative to the rows after, so only intervals across r_k lose their return.
 */
export function chainsOf(returns: Series): Int32Array {
  const chain = new Int32Array(returns.length + 1);
  for (let k = 0; k < returns.length; k++) chain[k + 1] = chain[k] + (Number.isNaN(returns[k]) ? 1 : 0);
  return chain;
}

/** Rows where every given column is non-NaN, copied into dense arrays (one per column). */
function pairedRows(...cols: Series[]): Float64Array[] {
  const len = cols[0].length;
  for (const c of cols) if (c.length !== len) throw new RangeError(`benchmark or risk-free has ${c.length} rows but returns have ${len}; align them first`);
  const keep = new Uint8Array(len);
  let n = 0;
  rows: for (let i = 0; i < len; i++) {
    for (let c = 0; c < cols.length; c++) if (Number.isNaN(cols[c][i])) continue rows;
    keep[i] = 1;
    n++;
  }
  return cols.map((col) => {
    const out = new Float64Array(n);
    for (let i = 0, k = 0; i < len; i++) if (keep[i] === 1) out[k++] = col[i];
    return out;
  });
}

/** rf as a column of the given length. */
function rfColumn(rf: RiskFree, length: number): Series {
  return typeof rf === 'number' ? new Float64Array(length).fill(rf) : rf;
}

/**
 * β = mean((b − mean b)·r) / mean((b − mean b)²) over the rows of [start, end) where both are
 * non-NaN; NaN below 2 rows or for a flat benchmark (its std rounding noise, stats.ts
 * isRoundingNoise: dividing by it gave beta 8012 on a benchmark growing 2 % a month).
 */
export function betaOf(r: Series, b: Series, start = 0, end = r.length): number {
  let bSum = 0;
  let k = 0;
  for (let i = start; i < end; i++) {
    if (Number.isNaN(r[i]) || Number.isNaN(b[i])) continue;
    bSum += b[i];
    k++;
  }
  if (k < 2) return NaN;
  const bMean = bSum / k;
  let cov = 0;
  let varB = 0;
  for (let i = start; i < end; i++) {
    if (Number.isNaN(r[i]) || Number.isNaN(b[i])) continue;
    const d = b[i] - bMean;
    cov += d * r[i];
    varB += d * d;
  }
  return isRoundingNoise(Math.sqrt(varB / (k - 1)), bMean) ? NaN : cov / varB;
}

/** beta of r on b; null when the benchmark does not move (constant up to rounding, stats.ts isFlat). */
export function beta(r: Series, b: Series): Metric {
  const [rr, bb] = pairedRows(r, b);
  const n = rr.length;
  if (n < MIN_STAT_N) return unavailable('beta', n);
  if (isFlat(bb)) return unavailable('beta', n, 'zero benchmark volatility');
  return valued('beta', betaOf(rr, bb), n);
}

/** alpha (annualized): (1 + mean((r − rf) − β·(b − rf)))^P − 1, β from the same rows. */
export function alpha(r: Series, b: Series, rf: RiskFree = 0, periodsPerYear = 252): Metric {
  const [rr, bb, ff] = pairedRows(r, b, rfColumn(rf, r.length));
  const n = rr.length;
  if (n < MIN_STAT_N) return unavailable('alpha', n);
  if (isFlat(bb)) return unavailable('alpha', n, 'zero benchmark volatility');
  const be = betaOf(rr, bb);
  let s = 0;
  for (let i = 0; i < n; i++) s += rr[i] - ff[i] - be * (bb[i] - ff[i]);
  return valued('alpha', Math.pow(1 + s / n, periodsPerYear) - 1, n);
}

/** correlation (Pearson) and r_squared (its square). */
export function correlation(r: Series, b: Series): [correlation: Metric, rSquared: Metric] {
  const [rr, bb] = pairedRows(r, b);
  const n = rr.length;
  if (n < MIN_STAT_N) return [unavailable('correlation', n), unavailable('r_squared', n)];
  if (isFlat(rr) || isFlat(bb)) return [unavailable('correlation', n, 'zero volatility'), unavailable('r_squared', n, 'zero volatility')];
  let mr = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    mr += rr[i];
    mb += bb[i];
  }
  mr /= n;
  mb /= n;
  let srb = 0;
  let srr = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const dr = rr[i] - mr;
    const db = bb[i] - mb;
    srb += dr * db;
    srr += dr * dr;
    sbb += db * db;
  }
  const rho = srb / Math.sqrt(srr * sbb);
  return [valued('correlation', rho, n), valued('r_squared', rho * rho, n)];
}

/** Float noise: an active spread below this share of the returns' root mean square (activeRisk), a move below this share of its level (moveSign). */
const ACTIVE_NOISE = 1e-10;

/**
 * The sign of a paired move x (a return b, or a lead r − b), 0 where it is float noise: within
 * ACTIVE_NOISE of `level`, the level ratio it was read from (1 + b; the larger of 1 + r and 1 + b).
 * Paired returns are ratios of levels that may be rebuilt by compounding returns (levelsOf), so an
 * exactly flat interval comes out ±1e-16 off (BEN 101 → 102.04 → 101 read b = −8.9e-16 in probe
 * r45b, a 0 % benchmark interval sorted as a down period).
 */
function moveSign(x: number, level: number): -1 | 0 | 1 {
  if (Math.abs(x) <= ACTIVE_NOISE * level) return 0;
  return x > 0 ? 1 : -1;
}

/** The sign of a benchmark return b (moveSign against its level ratio 1 + b). */
const benchmarkMove = (b: number): -1 | 0 | 1 => moveSign(b, 1 + b);

/** tracking_error = std(r − b)·√P and information_ratio = mean(r − b)/std(r − b)·√P. */
export function activeRisk(r: Series, b: Series, periodsPerYear = 252): [trackingError: Metric, informationRatio: Metric] {
  const [rr, bb] = pairedRows(r, b);
  const n = rr.length;
  if (n < MIN_STAT_N) return [unavailable('tracking_error', n), unavailable('information_ratio', n)];
  const active = rr.map((v, i) => v - bb[i]);
  // A spread of float noise (a strategy that is its benchmark, compounded another way) is no spread:
  // below 1e-10 of the returns' own size it is zero tracking error, not an information ratio of noise.
  let scale = 0;
  for (let i = 0; i < n; i++) scale += rr[i] * rr[i];
  const spread = sampleStd(active);
  const sd = spread <= ACTIVE_NOISE * Math.sqrt(scale / n) ? 0 : spread;
  const te = valued('tracking_error', sd * Math.sqrt(periodsPerYear), n);
  if (sd === 0) return [te, unavailable('information_ratio', n, 'zero tracking error')];
  let m = 0;
  for (let i = 0; i < n; i++) m += active[i];
  return [te, valued('information_ratio', (m / n / sd) * Math.sqrt(periodsPerYear), n)];
}

/**
 * The side of its move each paired row of b is on (−1 down, 0 none, 1 up), for the captures and
 * batting up/down. A benchmark flat up to rounding (stats.ts isFlat: every b the same return c but
 * for the rounding of its levels) is on the side of c on every row — 0 where c itself is within that
 * rounding of 0 — so no row is sorted by its rounding alone; any other b by its own move (moveSign).
 * `constant` is c for a flat benchmark, for the note of a side it leaves empty.
 */
function benchmarkSides(bb: Series): { side: (i: number) => -1 | 0 | 1; constant?: number } {
  if (bb.length < MIN_STAT_N || !isFlat(bb)) return { side: (i) => benchmarkMove(bb[i]) };
  const c = mean(bb);
  const all: -1 | 0 | 1 = isRoundingNoise(Math.abs(c), c) ? 0 : c > 0 ? 1 : -1;
  return { side: () => all, constant: all === 0 ? 0 : c };
}

/** Why a side of a flat benchmark has no rows: `no paired row with b <op> 0: the benchmark's return is <c> on every one`. */
const emptySide = (op: string, constant: number): string => `no paired row with b ${op} 0: the benchmark's return is ${constant === 0 ? '0' : constant.toPrecision(3)} on every one`;

/**
 * up_capture / down_capture: annualized return of r over annualized return of b on the rows with
 * b > 0 (up) or b < 0 (down), strictly — a b within float noise of its level is 0 (moveSign), a
 * flat benchmark's rows all on the side of its constant return (benchmarkSides); each subset
 * annualized with its own count, (Π)^(P/n_sub) (METRICS.md): every paired row is one period of P,
 * as alpha, tracking error and the information ratio count it (pass the pairing's P). No variance
 * enters it: a benchmark rising by the same return each period has an up capture, the ratio of the
 * two annualized returns.
 */
export function capture(r: Series, b: Series, side: 'up' | 'down', periodsPerYear = 252): Metric {
  const name = `${side}_capture`;
  const [rr, bb] = pairedRows(r, b);
  const sides = benchmarkSides(bb);
  const want = side === 'up' ? 1 : -1;
  let gr = 1;
  let gb = 1;
  let n = 0;
  for (let i = 0; i < rr.length; i++) {
    if (sides.side(i) !== want) continue;
    gr *= 1 + rr[i];
    gb *= 1 + bb[i];
    n++;
  }
  if (n === 0 && sides.constant !== undefined) return unavailable(name, 0, emptySide(side === 'up' ? '>' : '<', sides.constant));
  if (n < MIN_STAT_N) return unavailable(name, n);
  if (gr < 0) return unavailable(name, n, 'wealth went negative');
  // On up rows b > 0 so the denominator is > 0; on down rows −1 ≤ b < 0 keeps it in [−1, 0).
  return valued(name, annualize(gr, n, periodsPerYear) / annualize(gb, n, periodsPerYear), n);
}

/**
 * batting_average (all rows), batting_average_up (b ≥ 0), batting_average_down (b < 0): share of
 * r − b > 0 (METRICS.md). A benchmark move or a lead within float noise of its level (moveSign: a
 * strategy that is its benchmark compounded across a gap another way, a flat interval rebuilt from
 * returns) is none: that b is 0 (an up row), that lead no win. A flat benchmark's rows are all on
 * the side of its constant return (benchmarkSides): it needs no variance (probe r69a F5: a
 * benchmark at 50 on every date had no batting_average_up; every row is b = 0 ≥ 0).
 */
export function battingAverage(r: Series, b: Series, side: 'all' | 'up' | 'down' = 'all'): Metric {
  const name = side === 'all' ? 'batting_average' : `batting_average_${side}`;
  const [rr, bb] = pairedRows(r, b);
  const sides = benchmarkSides(bb);
  let wins = 0;
  let n = 0;
  for (let i = 0; i < rr.length; i++) {
    const down = sides.side(i) < 0;
    if ((side === 'up' && down) || (side === 'down' && !down)) continue;
    n++;
    if (moveSign(rr[i] - bb[i], Math.max(1 + rr[i], 1 + bb[i])) > 0) wins++;
  }
  if (n === 0 && side !== 'all' && sides.constant !== undefined) return unavailable(name, 0, emptySide(side === 'up' ? '≥' : '<', sides.constant));
  if (n < MIN_STAT_N) return unavailable(name, n);
  return valued(name, wins / n, n);
}

/**
 * treynor: annualized return of (r − rf), (Π(1 + r − rf))^(P/n) − 1 with each paired row one period
 * of P (as capture), divided by β of r on b (same rows); withheld where |β| < 0.2 (treynorRule.ts).
 */
export function treynor(r: Series, b: Series, rf: RiskFree = 0, periodsPerYear = 252): Metric {
  const [rr, bb, ff] = pairedRows(r, b, rfColumn(rf, r.length));
  const n = rr.length;
  if (n < MIN_STAT_N) return unavailable('treynor', n);
  if (isFlat(bb)) return unavailable('treynor', n, 'zero benchmark volatility');
  const be = betaOf(rr, bb);
  const withheld = treynorWithheld(be);
  if (withheld !== null) return unavailable('treynor', n, withheld);
  const g = growth(excessReturns(rr, ff));
  if (g < 0) return unavailable('treynor', n, 'wealth went negative');
  return valued('treynor', annualize(g, n, periodsPerYear) / be, n);
}
