// Long seeded random series checked against independent implementations (simple-statistics,
// mathjs, brute-force definitions written here). Tolerances are relative to float round-off.
import { describe, expect, it } from 'vitest';
import * as ss from 'simple-statistics';
import { erf, mean as mMean, std as mStd } from 'mathjs';
import { dayParts, epochDay } from '../../../data/dates.ts';
import * as M from '../../../reports/metrics/index.ts';

/** mulberry32: a small, well-known 32-bit PRNG returning floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n normal draws (Box–Muller) with the given mean and standard deviation. */
function normalSample(rand: () => number, n: number, mu: number, sigma: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - rand(); // (0, 1]: log stays finite
    out[i] = mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  }
  return out;
}

const N = 5040; // 20 years of sessions
const rand = mulberry32(20240601);
// Fat-tailed returns: a normal body with 5% of days at 3× volatility.
const r = normalSample(rand, N, 0.0004, 0.011).map((v) => (rand() < 0.05 ? 3 * v : v));
const b = r.map((v) => 0.8 * v + 0.006 * normalSample(rand, 1, 0, 1)[0]);
const arr = Array.from(r);
const P = 252;
const val = (m: M.Metric): number => {
  if (m.value === null) throw new Error(`${m.name} is null: ${m.note}`);
  return m.value;
};
const close = (a: number, e: number, rel = 1e-10): void => expect(Math.abs(a - e)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(e)));

describe('moments and quantiles', () => {
  it('mean, std, volatility, Sharpe agree with simple-statistics and mathjs', () => {
    close(M.mean(r), ss.mean(arr), 1e-13);
    close(M.sampleStd(r), ss.sampleStandardDeviation(arr), 1e-13);
    close(val(M.annualVolatility(r, P)), Number(mStd(arr)) * Math.sqrt(P));
    close(val(M.sharpe(r, 0, P)), (Number(mMean(arr)) / Number(mStd(arr))) * Math.sqrt(P));
  });

  it('VaR / tail ratio agree with simple-statistics quantile; CVaR with a plain sort', () => {
    const sorted = M.sortedNonNaN(r);
    close(val(M.valueAtRisk(sorted, 0.05)), ss.quantile(arr, 0.05), 1e-14);
    close(val(M.valueAtRisk(sorted, 0.01)), ss.quantile(arr, 0.01), 1e-14);
    close(val(M.tailRatio(sorted)), Math.abs(ss.quantile(arr, 0.95)) / Math.abs(ss.quantile(arr, 0.05)));
    const plain = [...arr].sort((x, y) => x - y);
    // simple-statistics 7.12 interpolates at (n−1)·p (type 7, numpy's default); older releases did not.
    for (const q of [0.3, 1, 5, 25, 50, 77.7, 95, 99]) close(M.percentileSorted(sorted, q), ss.quantileSorted(plain, q / 100), 1e-14);
    const k = Math.floor((N - 1) * 0.05); // 251
    close(val(M.conditionalValueAtRisk(sorted, 0.05)), ss.mean(plain.slice(0, k + 1)), 1e-13);
  });

  it('skew equals biased sample skewness; kurtosis recovers from the corrected G2', () => {
    const [skew, kurt] = M.skewKurtosis(r);
    close(val(skew), ss.sampleSkewness(arr, true), 1e-10);
    // G2 = (n−1)/((n−2)(n−3))·((n+1)·g2 + 6)  ⇒  g2 = (G2·(n−2)(n−3)/(n−1) − 6)/(n+1)
    const G2 = ss.sampleKurtosis(arr);
    close(val(kurt), (G2 * ((N - 2) * (N - 3)) / (N - 1) - 6) / (N + 1), 1e-10);
    expect(val(kurt)).toBeGreaterThan(1); // the mixture is fat-tailed
  });

  it('PSR equals the formula evaluated on independent moments', () => {
    const sr = ss.mean(arr) / ss.sampleStandardDeviation(arr);
    const g3 = ss.sampleSkewness(arr, true);
    const g4 = (ss.sampleKurtosis(arr) * ((N - 2) * (N - 3)) / (N - 1) - 6) / (N + 1) + 3;
    const z = (sr * Math.sqrt(N - 1)) / Math.sqrt(1 - g3 * sr + ((g4 - 1) / 4) * sr * sr);
    close(val(M.psr(r)), 0.5 * (1 + erf(z / Math.SQRT2)), 1e-12);
  });

  it('downside risk and omega by direct formulas', () => {
    const dd = Math.sqrt(arr.reduce((s, v) => s + Math.min(v, 0) ** 2, 0) / N) * Math.sqrt(P);
    close(val(M.downsideRisk(r, 0, P)), dd);
    close(val(M.sortino(r, 0, P)), (ss.mean(arr) * P) / dd);
    const up = arr.filter((v) => v > 0).reduce((s, v) => s + v, 0);
    const down = arr.filter((v) => v < 0).reduce((s, v) => s - v, 0);
    close(val(M.omega(r)), up / down);
  });
});

describe('regression-based metrics', () => {
  const pairs = arr.map((v, i) => [b[i], v]);
  const lr = ss.linearRegression(pairs);

  it('beta, alpha, correlation, R² match OLS', () => {
    close(val(M.beta(r, b)), lr.m, 1e-11);
    // with rf = 0, mean(r − βb) is the OLS intercept
    close(val(M.alpha(r, b, 0, P)), Math.pow(1 + lr.b, P) - 1, 1e-9);
    const [c, r2] = M.correlation(r, b);
    close(val(c), ss.sampleCorrelation(Array.from(b), arr), 1e-12);
    close(val(r2), ss.rSquared(pairs, ss.linearRegressionLine(lr)), 1e-11);
  });

  it('tracking error and information ratio from the active series', () => {
    const active = arr.map((v, i) => v - b[i]);
    const [te, ir] = M.activeRisk(r, b, P);
    close(val(te), ss.sampleStandardDeviation(active) * Math.sqrt(P), 1e-12);
    close(val(ir), (ss.mean(active) / ss.sampleStandardDeviation(active)) * Math.sqrt(P), 1e-11);
  });

  it('stability is the R² of log wealth on time', () => {
    let y = 0;
    const pts = arr.map((v, t) => [t, (y += Math.log1p(v))]);
    close(val(M.stability(r)), ss.rSquared(pts, ss.linearRegressionLine(ss.linearRegression(pts))), 1e-10);
  });
});

describe('drawdowns against the O(n²) definition', () => {
  const n = 2000;
  const x = r.subarray(0, n);
  const wealth = [1];
  for (const v of x) wealth.push(wealth[wealth.length - 1] * (1 + v));
  const dd = wealth.map((w, t) => w / Math.max(...wealth.slice(0, t + 1)) - 1);

  it('max drawdown and ulcer index', () => {
    close(val(M.maxDrawdown(x)), Math.min(...dd), 1e-13);
    close(val(M.ulcerIndex(x)), Math.sqrt(dd.slice(1).reduce((s, d) => s + d * d, 0) / n), 1e-12);
  });

  it('episodes: one per dive below zero, depth = lowest drawdown inside it', () => {
    const eps = M.drawdownEpisodes(null, x);
    const dives = dd.filter((d, t) => t > 0 && d < 0 && dd[t - 1] === 0).length;
    expect(eps.length).toBe(dives);
    for (const e of eps) {
      const inside = dd.slice(e.peak, (e.recovery ?? n) + 1);
      close(e.depth, Math.min(...inside), 1e-12);
      if (e.recovery !== null) expect(dd[e.recovery]).toBe(0);
    }
  });
});

describe('rolling windows against slices', () => {
  it('volatility, Sharpe and beta at sampled rows', () => {
    const w = 126;
    const vol = M.rollingVolatility(r, w, P);
    const sh = M.rollingSharpe(r, w, P);
    const be = M.rollingBeta(r, b, w);
    expect(vol.subarray(0, w - 1).every(Number.isNaN)).toBe(true);
    for (const i of [w - 1, 500, 2500, N - 1]) {
      const slice = arr.slice(i - w + 1, i + 1);
      close(vol[i], ss.sampleStandardDeviation(slice) * Math.sqrt(P), 1e-12);
      close(sh[i], (ss.mean(slice) / ss.sampleStandardDeviation(slice)) * Math.sqrt(P), 1e-11);
      const pts = slice.map((v, k) => [b[i - w + 1 + k], v]);
      close(be[i], ss.linearRegression(pts).m, 1e-11);
    }
  });
});

describe('calendar grouping against Date-based grouping', () => {
  it('month and year returns compound back to the total', () => {
    const dates = new Int32Array(N);
    for (let i = 0, d = epochDay(2005, 1, 3); i < N; d++) if (dayParts(d).weekday % 6 !== 0) dates[i++] = d;
    const byMonth = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const p = dayParts(dates[i]);
      const key = `${p.year}-${String(p.month).padStart(2, '0')}`;
      byMonth.set(key, (byMonth.get(key) ?? 1) * (1 + r[i]));
    }
    const months = M.periodReturns(dates, r, 'month');
    expect(months.map((m) => m.period)).toEqual([...byMonth.keys()]);
    for (const m of months) close(m.value, (byMonth.get(m.period) ?? NaN) - 1, 1e-12);
    const total = val(M.totalReturn(r));
    close(months.reduce((g, m) => g * (1 + m.value), 1) - 1, total, 1e-11);
    close(M.periodReturns(dates, r, 'year').reduce((g, y) => g * (1 + y.value), 1) - 1, total, 1e-11);
    close(Math.exp(arr.reduce((s, v) => s + Math.log1p(v), 0)) - 1, total, 1e-11);
  });
});
