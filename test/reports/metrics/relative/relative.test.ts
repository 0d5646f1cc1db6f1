import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeRisk, alignOnDates, alpha, battingAverage, beta, betaOf, capture, correlation, levelsOf, treynor } from '../../../../reports/metrics/relative/relative.ts';
import { rollingBeta } from '../../../../reports/metrics/rolling.ts';

// mean(b) = 0, so β = Σb·r / Σb²: Σb·r = .0002 + .0002 + .0006 + .0003 + 0 = .0013, Σb² = .001
const r = [0.02, -0.01, 0.03, -0.03, 0.01]; // mean 0.004
const b = [0.01, -0.02, 0.02, -0.01, 0];

describe('alignOnDates', () => {
  it('inner-joins on equal dates and maps rows back', () => {
    const j = alignOnDates([1, 2, 4, 5], [0.1, 0.2, 0.4, 0.5], [2, 3, 4, 6], [20, 30, 40, 60]);
    expect(Array.from(j.dates)).toEqual([2, 4]);
    expect(Array.from(j.a)).toEqual([0.2, 0.4]);
    expect(Array.from(j.b)).toEqual([20, 40]);
    expect(Array.from(j.indexA)).toEqual([1, 2]);
    expect(Array.from(j.indexB)).toEqual([0, 2]);
  });
});

describe('beta, alpha, correlation', () => {
  it('beta = cov / var of the benchmark', () => {
    expect(beta(r, b)).toMatchObject({ name: 'beta', n: 5 });
    expect(beta(r, b).value).toBeCloseTo(1.3, 13);
  });

  it('alpha = (1 + mean((r − rf) − β(b − rf)))^P − 1', () => {
    // rf = 0: mean(r) − 1.3·mean(b) = 0.004
    expect(alpha(r, b, 0, 12).value).toBeCloseTo(Math.pow(1.004, 12) - 1, 13);
    // rf = 0.001: 0.003 − 1.3·(0 − 0.001) = 0.0043
    expect(alpha(r, b, 0.001, 12).value).toBeCloseTo(Math.pow(1.0043, 12) - 1, 13);
  });

  it('correlation and r_squared', () => {
    // r − 0.004 = .016 −.014 .026 −.034 .006: Σdr·b = .0013, Σdr² = .00232, Σb² = .001
    const [c, r2] = correlation(r, b);
    expect(c.value).toBeCloseTo(0.0013 / Math.sqrt(0.00232 * 0.001), 13);
    expect(r2).toMatchObject({ name: 'r_squared', n: 5 });
    expect(r2.value).toBeCloseTo(1.69e-6 / 2.32e-6, 13);
  });

  it('rows with NaN in either series are left out', () => {
    expect(beta([...r, 0.5], [...b, NaN]).value).toBeCloseTo(1.3, 13);
    expect(beta([...r, NaN], [...b, 0.5]).n).toBe(5);
  });

  it('a flat benchmark has no beta', () => {
    expect(beta(r, [0.01, 0.01, 0.01, 0.01, 0.01])).toMatchObject({ value: null, note: 'zero benchmark volatility' });
    expect(correlation(r, [0, 0, 0, 0, 0])[0].note).toBe('zero volatility');
    expect(beta([0.01], [0.02]).note).toBe('insufficient data');
  });
});

describe('a benchmark constant up to the rounding of its levels has no beta (r16b finding 6: beta 8012, alpha 2.66e26)', () => {
  // Levels 50 · 1.02^i written to 6 decimals (50, 51, 52.02, 53.0604, 54.121608, 55.204040, 56.308121, …): each return is
  // 2 % give or take the rounding, |δ| ≤ 5e-7 / 50 = 1e-8 of a level, so its std is under 2e-8 · √(1/2) ≈ 1.4e-8 and in fact
  // ~4e-9: below 1e-8 · 1.02, the floor (stats.ts LEVEL_NOISE).
  const levels = Array.from({ length: 10 }, (_, i) => Math.round(50 * 1.02 ** i * 1e6) / 1e6);
  const flat = levels.slice(1).map((l, i) => l / levels[i] - 1);
  const strategy = [0.03, -0.01, 0.02, 0.04, -0.02, 0.01, 0.0, 0.05, -0.03];

  it('beta, alpha, correlation, r_squared and treynor are unavailable with the zero-volatility note', () => {
    expect(Math.max(...flat.map((x) => Math.abs(x - 0.02)))).toBeLessThan(2e-8);
    expect(beta(strategy, flat)).toMatchObject({ value: null, note: 'zero benchmark volatility', n: 9 });
    expect(alpha(strategy, flat, 0, 12)).toMatchObject({ value: null, note: 'zero benchmark volatility' });
    expect(treynor(strategy, flat, 0, 12)).toMatchObject({ value: null, note: 'zero benchmark volatility' });
    expect(correlation(strategy, flat).map((m) => m.note)).toEqual(['zero volatility', 'zero volatility']);
    expect(Number.isNaN(betaOf(strategy, flat))).toBe(true);
    expect(Number.isNaN(rollingBeta(strategy, flat, 5)[8])).toBe(true);
  });

  it('a benchmark scattered by 1e-7 (ten times the floor) still has one: r = 0.01 + 2 · (b − 0.02) → beta 2', () => {
    // b = 0.02 ± 1e-7: std = 1e-7 · √(10 / 9) = 1.05e-7 > 1.02e-8; r moves twice as much, so β = 2 by hand.
    const b = Array.from({ length: 10 }, (_, i) => 0.02 + (i % 2 ? 1e-7 : -1e-7));
    const r = b.map((x) => 0.01 + 2 * (x - 0.02));
    // To 1e-5: mean(b) rounds by ~3e-18, which Σ(b − mean b)·r carries as ~4e-19 against a covariance of 2e-13.
    expect(beta(r, b).value).toBeCloseTo(2, 4);
  });
});

describe('tracking error and information ratio', () => {
  it('std and mean of r − b', () => {
    // r − b = .01 .01 .01 −.02 .01: mean .02/5 = .004, deviations .006 ×4 and −.024 → Σ² = .00072, /4
    const [te, ir] = activeRisk(r, b, 12);
    expect(te.value).toBeCloseTo(Math.sqrt(0.00072 / 4) * Math.sqrt(12), 13);
    expect(ir.value).toBeCloseTo((0.004 / Math.sqrt(0.00072 / 4)) * Math.sqrt(12), 12);
  });

  it('a series equal to its benchmark but for float noise: zero tracking error, no information ratio of noise', () => {
    // The same monthly returns, one side computed through levels: differences of ~1e-17, not a spread.
    const bench = [0.02, -0.01, 0.03, 0.005, -0.02, 0.01];
    const levels = bench.reduce<number[]>((acc, x) => [...acc, acc[acc.length - 1] * (1 + x)], [100]);
    const viaLevels = levels.slice(1).map((l, k) => l / levels[k] - 1);
    expect(viaLevels.some((x, k) => x !== bench[k])).toBe(true);
    const [te, ir] = activeRisk(Float64Array.from(viaLevels), Float64Array.from(bench), 12);
    expect(te.value).toBe(0);
    expect(ir.value).toBeNull();
    expect(ir.note).toBe('zero tracking error');
  });

  it('identical series: zero tracking error, no information ratio', () => {
    const [te, ir] = activeRisk(r, r, 12);
    expect(te.value).toBe(0);
    expect(ir).toMatchObject({ value: null, note: 'zero tracking error' });
  });
});

describe('capture ratios', () => {
  it('up capture uses b > 0 strictly, each side annualized with its own count', () => {
    // b > 0 rows 0 and 2 (the b = 0 row is excluded): n_sub = 2 → exponent 12/2
    const up = capture(r, b, 'up', 12);
    expect(up).toMatchObject({ name: 'up_capture', n: 2 });
    expect(up.value).toBeCloseTo((Math.pow(1.02 * 1.03, 6) - 1) / (Math.pow(1.01 * 1.02, 6) - 1), 12);
  });

  it('down capture uses b < 0', () => {
    // rows 1 and 3: r −1%, −3%; b −2%, −1%
    const down = capture(r, b, 'down', 12);
    expect(down).toMatchObject({ name: 'down_capture', n: 2 });
    expect(down.value).toBeCloseTo((Math.pow(0.99 * 0.97, 6) - 1) / (Math.pow(0.98 * 0.99, 6) - 1), 12);
  });

  it('fewer than 2 rows on a side: insufficient data', () => {
    expect(capture([0.01, 0.02], [0.01, -0.01], 'up', 12)).toMatchObject({ value: null, n: 1, note: 'insufficient data' });
  });
});

describe('batting average', () => {
  it('share of r − b > 0 overall, on b ≥ 0 and on b < 0', () => {
    // r − b = .01 .01 .01 −.02 .01
    expect(battingAverage(r, b)).toEqual({ name: 'batting_average', value: 0.8, n: 5 });
    expect(battingAverage(r, b, 'up')).toEqual({ name: 'batting_average_up', value: 1, n: 3 }); // b = .01 .02 0
    expect(battingAverage(r, b, 'down')).toEqual({ name: 'batting_average_down', value: 0.5, n: 2 });
  });
});

describe('a flat benchmark needs no variance for batting average or captures (probe r69a F5: batting_average_up null against a benchmark at 50 throughout)', () => {
  // The probe's s5: 100, 102, 101, 103, 102 against a benchmark at 50 on every date (b = 0 on all 4 rows).
  const s5 = [102 / 100 - 1, 101 / 102 - 1, 103 / 101 - 1, 102 / 103 - 1];
  const zero = [0, 0, 0, 0];

  it('b = 0 everywhere: every row is up (b ≥ 0), r − b > 0 on rows 1 and 3 → 2/4; no down rows, no b > 0 or b < 0 for the captures', () => {
    expect(battingAverage(s5, zero, 'up')).toEqual({ name: 'batting_average_up', value: 0.5, n: 4 });
    expect(battingAverage(s5, zero)).toEqual({ name: 'batting_average', value: 0.5, n: 4 });
    expect(battingAverage(s5, zero, 'down')).toEqual({ name: 'batting_average_down', value: null, n: 0, note: "no paired row with b < 0: the benchmark's return is 0 on every one" });
    expect(capture(s5, zero, 'up', 252)).toEqual({ name: 'up_capture', value: null, n: 0, note: "no paired row with b > 0: the benchmark's return is 0 on every one" });
    expect(capture(s5, zero, 'down', 252)).toMatchObject({ value: null, n: 0 });
    // Beta and alpha divide by its variance: still none.
    expect(beta(s5, zero)).toMatchObject({ value: null, note: 'zero benchmark volatility' });
  });

  it('b = 1 % every month: every row is up; up capture = ((Π(1 + r))^(12/4) − 1) / (1.01^12 − 1)', () => {
    const onePercent = [0.01, 0.01, 0.01, 0.01];
    // r − b = .01, −.0198, .0098, −.0197 (rows 1 and 3 win).
    expect(battingAverage(s5, onePercent, 'up')).toEqual({ name: 'batting_average_up', value: 0.5, n: 4 });
    expect(battingAverage(s5, onePercent, 'down')).toMatchObject({ value: null, n: 0 });
    // Π(1 + r) = 102/100 = 1.02 over 4 months: 1.02^3 − 1 = 0.061208; 1.01^12 − 1 = 0.12682503013197.
    expect(capture(s5, onePercent, 'up', 12)).toMatchObject({ value: expect.closeTo(0.061208 / 0.12682503013197, 10), n: 4 });
    expect(capture(s5, onePercent, 'down', 12).value).toBeNull();
  });

  it('a flat benchmark up to the rounding of its levels sorts no row by its rounding: 1.02^i written to 6 decimals, all up', () => {
    const levels = Array.from({ length: 10 }, (_, i) => Math.round(50 * 1.02 ** i * 1e6) / 1e6);
    const flat = levels.slice(1).map((l, i) => l / levels[i] - 1);
    const strategy = [0.03, -0.01, 0.02, 0.04, -0.02, 0.01, 0.0, 0.05, -0.03];
    // r − b > 0 on the rows with r = .03, .04, .05: 3 of 9.
    expect(battingAverage(strategy, flat, 'up')).toMatchObject({ value: 3 / 9, n: 9 });
    expect(battingAverage(strategy, flat, 'down')).toMatchObject({ value: null, n: 0 });
  });
});

describe('a move within float noise of its level is no move (probe r45b F2)', () => {
  // Prices that leave a level and come back to it, their levels compounded from their returns
  // (levelsOf), end ±1e-16 off: 100, 101, 102.04, 101 gives 101 → 101 as b = −2.2e-16. Five rows,
  // the third such a flat interval for both: up rows (b ≥ 0) 1, 3, 5 — r − b = +.01 (a win),
  // noise (none), −.01; down rows 2, 4 — r − b = +.01 (a win), −.02. By hand: batting 2/5, up 1/3
  // (n = 3), down 1/2 (n = 2); each capture over its 2 rows, the flat row in neither.
  /** The return from the first price of `loop` back to it, after `lead`, from compounded levels (prices in cents). */
  const flatOver = (lead: number[], loop: number[]): number => {
    const prices = [...lead, ...loop, loop[0]].map((c) => c / 100);
    const w = levelsOf(Float64Array.from(prices.slice(1), (p, k) => p / prices[k] - 1));
    return w[w.length - 1] / w[lead.length] - 1;
  };
  const check = (rFlat: number, bFlat: number): void => {
    const rr = [0.02, -0.01, rFlat, -0.03, 0.01];
    const bb = [0.01, -0.02, bFlat, -0.01, 0.02];
    expect(battingAverage(rr, bb)).toEqual({ name: 'batting_average', value: 0.4, n: 5 });
    expect(battingAverage(rr, bb, 'up')).toEqual({ name: 'batting_average_up', value: 1 / 3, n: 3 });
    expect(battingAverage(rr, bb, 'down')).toEqual({ name: 'batting_average_down', value: 0.5, n: 2 });
    expect(capture(rr, bb, 'up', 12)).toMatchObject({ value: expect.closeTo((Math.pow(1.02 * 1.01, 6) - 1) / (Math.pow(1.01 * 1.02, 6) - 1), 12), n: 2 });
    expect(capture(rr, bb, 'down', 12)).toMatchObject({ value: expect.closeTo((Math.pow(0.99 * 0.97, 6) - 1) / (Math.pow(0.98 * 0.99, 6) - 1), 12), n: 2 });
  };

  it('the probe\'s benchmark 100, 101, 102.04, 101 (b = −2.2e-16) beside a strategy 100, 100.7, 103, 100.7 (r = +2.2e-16) or an exact 0', () => {
    const [r, b] = [flatOver([10000], [10070, 10300]), flatOver([10000], [10100, 10204])];
    expect([r, b]).toEqual([2 ** -52, -(2 ** -52)]);
    check(r, b);
    check(r, 0);
    check(0, b);
  });

  it('any price path back to one of its prices, for the strategy and the benchmark (property)', () => {
    const lead = fc.array(fc.integer({ min: 1_000, max: 100_000 }), { maxLength: 3 });
    const loop = fc.array(fc.integer({ min: 1_000, max: 100_000 }), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(lead, loop, lead, loop, (rLead, rLoop, bLead, bLoop) => check(flatOver(rLead, rLoop), flatOver(bLead, bLoop))),
      { numRuns: 200 },
    );
  });
});

describe('treynor', () => {
  it('annualized (r − rf) / β', () => {
    // rf = 0: growth 1.02·0.99·1.03·0.97·1.01 over 5 periods
    const g = 1.02 * 0.99 * 1.03 * 0.97 * 1.01;
    expect(treynor(r, b, 0, 12).value).toBeCloseTo((Math.pow(g, 12 / 5) - 1) / 1.3, 12);
    // rf = 0.01 per period: r − rf = .01 −.02 .02 −.04 0
    const gx = 1.01 * 0.98 * 1.02 * 0.96 * 1;
    expect(treynor(r, b, 0.01, 12).value).toBeCloseTo((Math.pow(gx, 12 / 5) - 1) / 1.3, 12);
  });

  it('zero beta: null, withheld like any |β| < 0.2', () => {
    // b symmetric around 0 and r even in b → Σb·r = 0
    expect(treynor([0.01, 0.01, 0.02], [-0.01, 0.01, 0], 0, 12).note).toBe('not shown: |beta| = 0, below 0.2, so excess return / beta is meaningless');
  });
});
