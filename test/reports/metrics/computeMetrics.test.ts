import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, parseIsoDay } from '../../../data/dates.ts';
import { computeMetrics, levelsOf, type Metric, wealthReturns } from '../../../reports/metrics/index.ts';
import { analyseSeries } from '../../../reports/seriesAnalysis.ts';

// The names METRICS.md fixes for machine-readable output.
const CORE = [
  'total_return', 'annual_return', 'cagr_calendar', 'annual_volatility', 'downside_risk', 'sharpe', 'sortino', 'calmar', 'omega',
  'stability', 'max_drawdown', 'max_drawdown_duration', 'ulcer_index', 'var_95', 'cvar_95', 'var_99', 'cvar_99', 'parametric_var_95',
  'skew', 'kurtosis', 'tail_ratio', 'psr', 'dsr', 'win_rate', 'payoff_ratio', 'profit_factor', 'best_day', 'worst_day', 'best_month',
  'worst_month', 'best_year', 'worst_year',
];
const RELATIVE = ['alpha', 'beta', 'correlation', 'r_squared', 'tracking_error', 'information_ratio', 'up_capture', 'down_capture', 'batting_average', 'treynor'];

const get = (ms: Metric[], name: string): Metric => {
  const m = ms.find((x) => x.name === name);
  if (!m) throw new Error(`no metric ${name}`);
  return m;
};

function wellFormed(ms: Metric[]): void {
  expect(new Set(ms.map((m) => m.name)).size).toBe(ms.length);
  for (const m of ms) {
    expect(m.name).toMatch(/^[a-z0-9_]+$/);
    expect(Number.isInteger(m.n) && m.n >= 0).toBe(true);
    if (m.value === null) expect(typeof m.note).toBe('string');
    else expect(Number.isFinite(m.value)).toBe(true);
  }
}

describe('computeMetrics', () => {
  const r = [0.1, -0.05, 0.02, -0.03];
  const dates = [epochDay(2024, 1, 31), epochDay(2024, 2, 29), epochDay(2024, 3, 28), epochDay(2024, 4, 30)];

  it('carries the convention, inputs and every METRICS.md name', () => {
    const set = computeMetrics({ returns: r, dates, periodsPerYear: 12, benchmarkLevels: levelsOf([0.05, -0.02, 0.01, -0.01]), riskFree: 0.001 });
    expect(set.convention).toBe('breadth-metrics/1');
    expect(set.periodsPerYear).toBe(12);
    expect(set.riskFree).toEqual({ source: 'constant 0.001 per period', kind: 'constant', meanPerPeriod: 0.001 });
    const names = set.metrics.map((m) => m.name);
    for (const n of [...CORE, ...RELATIVE]) expect(names).toContain(n);
    wellFormed(set.metrics);
    // spot-check the wiring against hand values of series A
    expect(get(set.metrics, 'sharpe').value).toBeCloseTo((0.009 / Math.sqrt(0.0134 / 3)) * Math.sqrt(12), 12);
    expect(get(set.metrics, 'total_return').value).toBeCloseTo(0.033923, 14);
    expect(get(set.metrics, 'max_drawdown').value).toBeCloseTo(-0.06007, 14);
  });

  it('relative metrics only with a benchmark, trade metrics only with fills', () => {
    const names = computeMetrics({ returns: r }).metrics.map((m) => m.name);
    expect(names).not.toContain('beta');
    expect(names).not.toContain('trade_count');
    const withFills = computeMetrics({ returns: r, trades: { fills: [{ symbol: 'X', session: 0, quantity: 1, price: 1 }], splits: [] } });
    expect(get(withFills.metrics, 'trade_count').value).toBe(0);
  });

  it('without dates the calendar metrics say so', () => {
    const set = computeMetrics({ returns: r });
    expect(get(set.metrics, 'best_month')).toEqual({ name: 'best_month', value: null, n: 0, note: 'dates not given' });
    expect(get(set.metrics, 'ytd').note).toBe('dates not given');
    expect(set.riskFree).toEqual({ source: 'none (rf = 0)', kind: 'zero', meanPerPeriod: 0 });
  });

  it('one return: ratios are insufficient data, never 0 or NaN', () => {
    const set = computeMetrics({ returns: [0.01], dates: [epochDay(2024, 1, 2)], benchmarkLevels: [1, 1.02] });
    wellFormed(set.metrics);
    for (const name of ['sharpe', 'sortino', 'annual_volatility', 'var_95', 'skew', 'psr', 'beta', 'alpha', 'up_capture']) {
      expect(get(set.metrics, name)).toMatchObject({ value: null, note: 'insufficient data' });
    }
    expect(get(set.metrics, 'total_return').value).toBeCloseTo(0.01, 15);
  });

  it('empty and flat series stay well formed', () => {
    wellFormed(computeMetrics({ returns: [] }).metrics);
    const flat = computeMetrics({ returns: [0, 0, 0, 0], benchmarkLevels: [1, 1, 1, 1, 1] }).metrics;
    wellFormed(flat);
    expect(get(flat, 'sharpe').note).toBe('zero volatility');
    expect(get(flat, 'calmar').note).toBe('no drawdown');
  });

  it('a flat NAV whose returns are floating-point rounding (−2.2e-16 once) has no volatility, not a Sharpe of ±2 (probe r31b: a split with a same-day dividend left NAV 9,999.999999999998)', () => {
    const noise = computeMetrics({ returns: [0, 0, 9_999.999999999998 / 10_000 - 1, 0, 0, 0] }).metrics;
    expect(get(noise, 'sharpe')).toMatchObject({ value: null, note: 'zero volatility' });
    expect(get(noise, 'skew')).toMatchObject({ value: null, note: 'zero volatility' });
    expect(get(noise, 'psr').value).toBeNull();
    // Every other figure reads the constant it is (probe r32b: Sortino −2.00, Calmar −4.00, Omega 0, a drawdown "still open").
    for (const [name, note] of [['sortino', 'zero downside risk'], ['calmar', 'no drawdown'], ['omega', 'no returns below threshold'], ['stability', 'zero volatility'], ['max_drawdown_duration', 'no drawdown'], ['win_rate', 'no non-zero outcomes']]) {
      expect(get(noise, name), name).toMatchObject({ value: null, note });
    }
    expect([get(noise, 'total_return').value, get(noise, 'max_drawdown').value]).toEqual([0, 0]);
    // Returns equal to a negative risk-free rate up to ±1e-17 (cash at −0.5 % a year): no Omega of 0.77 from the noise.
    const rf = -0.005 / 252;
    const cash = computeMetrics({ returns: [rf + 1e-17, rf - 1e-17, rf, rf + 2e-17, rf - 1e-17, rf], riskFree: rf }).metrics;
    expect(get(cash, 'omega')).toMatchObject({ value: null, note: 'no returns below threshold' });
    // A real, tiny volatility is measured: a T-bill fund's 1e-5 a day around 1e-4.
    const tbill = computeMetrics({ returns: [1e-4, 1.1e-4, 0.9e-4, 1e-4, 1.2e-4, 0.8e-4] }).metrics;
    expect(get(tbill, 'sharpe').value).toBeGreaterThan(0);
  });

  it('a rf series is described by its mean and the given source', () => {
    const set = computeMetrics({ returns: r, riskFree: [0.001, 0.003, NaN, 0.002], riskFreeSource: 'DTB3' });
    expect(set.riskFree.kind).toBe('series');
    expect(set.riskFree.source).toBe('DTB3');
    expect(set.riskFree.meanPerPeriod).toBeCloseTo(0.002, 15);
    // the NaN rf row drops out of the Sharpe sample
    expect(get(set.metrics, 'sharpe').n).toBe(3);
  });

  it('rejects misaligned inputs with an actionable message', () => {
    expect(() => computeMetrics({ returns: r, benchmarkLevels: [1, 1.01] })).toThrow(/benchmarkLevels has 2 rows; it needs one per NAV level \(5\)/);
    expect(() => computeMetrics({ returns: r, riskFree: [0.01] })).toThrow(/riskFree has 1 rows/);
    expect(() => computeMetrics({ returns: r, dates: [4, 3, 2, 1] })).toThrow(/strictly increase/);
    expect(() => computeMetrics({ returns: r, periodsPerYear: 0 })).toThrow(/periodsPerYear/);
  });
});

describe('computeMetrics infers P from the dates when none is given (METRICS.md: never 252 for data that is not daily)', () => {
  // 12 monthly returns of 1.21^(1/12) − 1 on the month-ends 2023-02-28 … 2024-01-31, NAV_0 on 2023-01-31:
  // P = 12 and the annual return is 1.21^(12/12) − 1 = 0.21 (the monthly-prices case); with 252, 1.21^21 − 1.
  const ends = ['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-28', '2023-05-31', '2023-06-30', '2023-07-31', '2023-08-31', '2023-09-29', '2023-10-31', '2023-11-30', '2023-12-29', '2024-01-31'].map(parseIsoDay);
  const returns = new Float64Array(12).fill(1.21 ** (1 / 12) - 1);

  it('monthly dates: P = 12, annual return 0.21, and the set says how P was found', () => {
    const set = computeMetrics({ returns, dates: ends.slice(1), startDay: ends[0] });
    expect(set.periodsPerYear).toBe(12);
    expect(set.periodsSource).toMatch(/monthly/);
    expect(set.metrics.find((m) => m.name === 'annual_return')?.value).toBeCloseTo(0.21, 12);
  });

  it('analyseSeries says the P it inferred, not "given" (probe r14b)', () => {
    const set = analyseSeries({ dates: Int32Array.from(ends.slice(1)), returns, startDay: ends[0] }).metrics;
    expect([set.periodsPerYear, set.periodsSource]).toEqual([12, expect.stringMatching(/^inferred: monthly/)]);
    expect(analyseSeries({ dates: Int32Array.from(ends.slice(1)), returns, startDay: ends[0] }, { periodsPerYear: 4 }).metrics.periodsSource).toBe('given: P = 4');
  });

  it('a P given stands; without dates daily is assumed and said', () => {
    expect(computeMetrics({ returns, dates: ends.slice(1), periodsPerYear: 4 }).periodsSource).toBe('given');
    const bare = computeMetrics({ returns });
    expect([bare.periodsPerYear, bare.periodsSource]).toEqual([252, 'no dates: daily (252) assumed']);
  });
});

describe('month-ends missing June 2022: the row closing the gap covers two months in every annualised figure', () => {
  // NAV_0 on 2021-01-31, then the month-ends to 2024-01-31 without 2022-06-30: 35 returns over 36
  // months. 1 % a month, so the July row is 1.01² − 1; the benchmark earns half of each row (β = 2).
  // By hand: annual return and 3Y = (1.01^36)^(12/36) − 1 = 1.01^12 − 1 (35 rows would read 12/35).
  // The relative metrics pair 35 intervals, each one period of P = 12 (METRICS.md n_sub/P, as
  // alpha counts them): Treynor = ((1.01^36)^(12/35) − 1) / 2; up capture (every b > 0) =
  // ((1.01^36)^(12/35) − 1) / (B^(12/35) − 1), B = Π(1 + b) over the 35 rows.
  const monthEnd = (y: number, m: number): number => epochDay(y, m + 2, 0); // day 0 of the next month: month m's last day
  const days = Array.from({ length: 37 }, (_, k) => monthEnd(2021, k)).filter((d) => d !== parseIsoDay('2022-06-30'));
  const returns = Float64Array.from(days.slice(1), (d) => (d === parseIsoDay('2022-07-31') ? 1.01 ** 2 - 1 : 0.01));
  const bench = returns.map((r) => r / 2);
  const set = computeMetrics({ returns, dates: days.slice(1), startDay: days[0], benchmarkLevels: levelsOf(bench) });
  const value = (name: string): number | null => get(set.metrics, name).value;
  const yearly = 1.01 ** 12 - 1;

  it('P = 12; the annual return and the trailing 3Y over 36 months, not 35 rows', () => {
    expect([returns.length, set.periodsPerYear]).toEqual([35, 12]);
    expect(value('annual_return')).toBeCloseTo(yearly, 12);
    expect(value('annual_return_3y')).toBeCloseTo(yearly, 12);
  });

  it('Treynor and the up capture count each paired row as one period, as alpha does (probe r45b F4: they counted the months)', () => {
    expect(value('beta')).toBeCloseTo(2, 12);
    const perRow = 1.01 ** (36 * (12 / 35)) - 1;
    expect(value('treynor')).toBeCloseTo(perRow / 2, 12);
    let B = 1;
    for (const b of bench) B *= 1 + b;
    expect(value('up_capture')).toBeCloseTo(perRow / (B ** (12 / 35) - 1), 12);
  });

  it('analyseSeries (`breadth metrics`) counts them the same (probe r21a: it passed their total, and the 3Y read 35 rows)', () => {
    const own = analyseSeries({ dates: Int32Array.from(days.slice(1)), returns, startDay: days[0] }).metrics.metrics;
    expect(get(own, 'annual_return_3y').value).toBeCloseTo(yearly, 12);
  });

  it('given one period per row (a total), the total stands: 35 periods', () => {
    const rows = computeMetrics({ returns, dates: days.slice(1), startDay: days[0], periods: 35 });
    expect(get(rows.metrics, 'annual_return').value).toBeCloseTo(1.01 ** (36 * 12 / 35) - 1, 12);
  });
});

describe('relative metrics leave out returns whose risk-free rate is missing, as Sharpe does (probe r16d: alpha on all 8,432 rows with rf 0 before the rate starts)', () => {
  it('alpha over the 4 rows with a rate: β 0.828571 by hand, alpha (1 + mean(r − f − β(b − f)))^252 − 1', () => {
    const r = [0.01, 0.02, -0.01, 0.03, 0.0, 0.01];
    const b = [0.005, 0.01, -0.02, 0.02, 0.01, 0.0];
    const rf = [NaN, NaN, 0.001, 0.001, 0.001, 0.001];
    const set = computeMetrics({ returns: Float64Array.from(r), riskFree: Float64Array.from(rf), benchmarkLevels: levelsOf(Float64Array.from(b)), periodsPerYear: 252 });
    // Rows 2–5: b̄ = 0.0025; Σ(b − b̄)·r = 0.000725, Σ(b − b̄)² = 0.000875.
    const beta = 0.000725 / 0.000875;
    const rows = [2, 3, 4, 5];
    const mean = rows.reduce((s, i) => s + (r[i] - rf[i] - beta * (b[i] - rf[i])), 0) / 4;
    const alpha = set.metrics.find((m) => m.name === 'alpha');
    expect(alpha?.n).toBe(4);
    expect(alpha?.value).toBeCloseTo((1 + mean) ** 252 - 1, 10);
    // β itself needs no rate: all 6 rows.
    expect(set.metrics.find((m) => m.name === 'beta')?.n).toBe(6);
  });
});

describe('a series whose wealth went to 0 or below is measured to the ruin (probe r54b F3)', () => {
  it('wealthReturns: 100, 100, −20, −40, −30, −50 → 0, −1.2, then none (from −20 to −40 would read +100 %)', () => {
    expect(Array.from(wealthReturns([100, 100, -20, -40, -30, -50]))).toEqual([0, expect.closeTo(-1.2, 12), NaN, NaN, NaN]);
    // Back above 0 after the ruin is still no return: the book it measures was ruined.
    expect(Array.from(wealthReturns([100, 0, 50, 60]))).toEqual([-1, NaN, NaN]);
    expect(Array.from(wealthReturns([100, null, 110]))).toEqual([NaN, NaN]);
  });

  it('every metric after a return ≤ −1 equals the metric of the returns up to it, whatever follows', () => {
    const r = fc.double({ min: -0.5, max: 0.5, noNaN: true });
    fc.assert(
      fc.property(fc.array(r, { minLength: 0, maxLength: 20 }), fc.double({ min: -3, max: -1, noNaN: true }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 10 }), (head, ruin, tail) => {
        const measured = [...head, ruin];
        const days = (k: number): Int32Array => Int32Array.from({ length: k }, (_, i) => 19_000 + i);
        const cut = computeMetrics({ returns: measured, dates: days(measured.length), startDay: 18_999, periodsPerYear: 252 });
        const whole = computeMetrics({ returns: [...measured, ...tail], dates: days(measured.length + tail.length), startDay: 18_999, periodsPerYear: 252 });
        expect(whole.metrics).toEqual(cut.metrics);
        expect(whole.ruin).toEqual({ row: head.length, left: tail.length });
        expect(cut.ruin).toBeUndefined(); // nothing after the ruin: nothing left out
      }),
      { numRuns: 60 },
    );
  });
});

describe('breadth metrics says a series is measured to its ruin', () => {
  it('returns 0.1, −1.5 (ruin on the 2nd), +1.0, −0.2: the metrics count 2, and a high caveat names the date and the 2 left out', () => {
    // Hand: total (1.1)(−0.5) − 1 = −1.55 over the 2 returns to the ruin; the +1.0 after it would double a negative wealth.
    const dates = Int32Array.from(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], parseIsoDay);
    const a = analyseSeries({ name: 'X', dates, returns: Float64Array.of(0.1, -1.5, 1, -0.2), startDay: parseIsoDay('2024-01-01') }, { periodsPerYear: 252 });
    expect(a.metrics.metrics.find((m) => m.name === 'total_return')).toEqual({ name: 'total_return', value: expect.closeTo(-1.55, 12), n: 2 });
    expect(a.metrics.metrics.find((m) => m.name === 'best_day')?.value).toBeCloseTo(0.1, 12);
    const said = a.caveats.find((c) => c.code === 'ruin');
    expect(said?.message).toContain('metrics measured to the ruin on 2024-01-03');
    expect(said?.message).toContain('the 2 returns after it start from a wealth ≤ 0');
  });
});
