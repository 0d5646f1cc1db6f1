import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Metric } from '../../reports/metrics/index.ts';
import { navReturns, runMetrics, type RunMetricsOptions } from '../../reports/runMetrics.ts';
import { UserError } from '../../data/errors.ts';
import { analyseSeries } from '../../reports/seriesAnalysis.ts';
import { backtest } from '../../engine/backtest.ts';
import { parseIsoDay } from '../../data/dates.ts';
import { fixtureMarket, rateSeries } from '../engine/fixtures.ts';
import { scripted } from '../engine/helpers.ts';
import { handResult, longShortRun } from './store/fixtures.ts';
import { join } from 'node:path';
import { loadMarket } from '../../data/load.ts';
import type { Market } from '../../data/market.ts';
import type { Result } from '../../engine/result.ts';
import { createStrategy } from '../../strategies/index.ts';
import { getRun, openStore, type StoredRun } from '../../reports/store/index.ts';
import { csv, tempDir, writeFile } from '../data/fixtures.ts';
import { breadth, scratch } from '../cli/helpers.ts';

const pick = (ms: readonly Metric[], name: string): Metric => {
  const m = ms.find((x) => x.name === name);
  if (!m) throw new Error(`no metric ${name}`);
  return m;
};

// Four sessions, every number visible. Mean NAV = 1000, T = 4, n = 3, P/n = 84.
const tiny = handResult({
  symbols: ['A', 'B'],
  daily: {
    nav: [1000, 1010, 990, 1000],
    longValue: [600, 610, 600, 620],
    shortValue: [-200, -205, -210, -200],
    longCount: [2, 2, 1, 1],
    shortCount: [1, 1, 1, 0],
    tradedNotional: [800, 0, 100, 300],
    commission: [0.8, 0, 0.1, 0.3],
    slippage: [0.4, 0, 0.05, 0.15],
    borrowFee: [0, 0.02, 0.02, 0.02],
    shortDividends: [0, 0, 0.5, 0],
    interestReceived: [0, 0.01, 0.01, 0.01],
  },
  fills: [
    { session: 0, symbol: 0, quantity: 10, price: 50, commission: 0.5 },
    { session: 1, symbol: 1, quantity: -5, price: 20, commission: 0.1 },
    { session: 2, symbol: 1, quantity: 5, price: 22, commission: 0.1 },
    { session: 3, symbol: 0, quantity: -10, price: 55, commission: 0.3 },
  ],
});

describe('annualised portfolio figures count the time the rows cover (month-ends missing April: 4 rows, 5 months)', () => {
  const monthly = handResult({ symbols: ['A'], daily: { nav: [1000, 1000, 1000, 1000, 1000], tradedNotional: [1000, 0, 0, 0, 0], commission: [6, 0, 0, 0, 0] } });
  const dates = Int32Array.from(['2024-01-31', '2024-02-29', '2024-03-31', '2024-05-31', '2024-06-30'], parseIsoDay);
  const set = runMetrics({ ...monthly, dates });

  it('turnover = Σ|traded| / 2 / mean NAV · P/m, m = 5 months: 1000 / 2 / 1000 · 12/5 = 1.2 (not 12/4 = 1.5)', () => {
    expect(set.periodsPerYear).toBe(12);
    expect(pick(set.metrics, 'turnover')).toEqual({ name: 'turnover', value: expect.closeTo(1.2, 12), n: 4 });
  });

  it('a cost drag likewise: 6 / 1000 · 12/5 = 0.0144', () => {
    expect(pick(set.metrics, 'cost_commission_drag').value).toBeCloseTo(0.0144, 12);
  });
});

describe('runMetrics on a hand-made Result', () => {
  const set = runMetrics(tiny);
  const m = (name: string): Metric => pick(set.metrics, name);

  it('NAV returns are NAV_t / NAV_{t−1} − 1, dated by the later session', () => {
    const { dates, returns } = navReturns(tiny);
    const expected = [0.01, 990 / 1010 - 1, 1000 / 990 - 1];
    expected.forEach((r, k) => expect(returns[k]).toBeCloseTo(r, 15));
    expect(Array.from(dates)).toEqual(Array.from(tiny.dates.subarray(1)));
    expect(m('total_return').value).toBeCloseTo(0, 15);
    expect(m('total_return').n).toBe(3);
  });

  it('turnover = Σ|traded| / 2 / mean NAV · P/n', () => {
    // 1200 / 2 / 1000 · 252/3 = 50.4
    expect(m('turnover')).toEqual({ name: 'turnover', value: expect.closeTo(50.4, 12), n: 3 });
  });

  it('exposures are daily fractions of NAV, averaged over the sessions', () => {
    expect(m('avg_gross_exposure').value).toBeCloseTo((0.8 + 815 / 1010 + 810 / 990 + 0.82) / 4, 15);
    expect(m('avg_net_exposure').value).toBeCloseTo((0.4 + 405 / 1010 + 390 / 990 + 0.42) / 4, 15);
    expect(m('avg_long_exposure').value).toBeCloseTo((0.6 + 610 / 1010 + 600 / 990 + 0.62) / 4, 15);
    expect(m('avg_short_exposure').value).toBeCloseTo(-(0.2 + 205 / 1010 + 210 / 990 + 0.2) / 4, 15);
    expect(m('avg_gross_exposure').n).toBe(4);
    expect(m('avg_long_positions')).toEqual({ name: 'avg_long_positions', value: 1.5, n: 4 });
    expect(m('avg_short_positions')).toEqual({ name: 'avg_short_positions', value: 0.75, n: 4 });
  });

  it('each cost line in currency, with its drag = total / mean NAV · P/n', () => {
    const expected: [string, number][] = [
      ['commission', 1.2],
      ['slippage', 0.6],
      ['borrow_fee', 0.06],
      ['short_dividends', 0.5],
      ['interest_paid', 0],
      ['interest_received', -0.03],
      ['borrow_rebate', 0],
      ['total', 2.36],
    ];
    for (const [line, total] of expected) {
      expect(m(`cost_${line}`).value).toBeCloseTo(total, 13);
      expect(m(`cost_${line}`).n).toBe(4);
      expect(m(`cost_${line}_drag`).value).toBeCloseTo((total / 1000) * 84, 13);
      expect(m(`cost_${line}_drag`).n).toBe(3);
    }
    expect(Object.is(m('cost_borrow_rebate').value, 0)).toBe(true); // never −0
  });

  it('round-trip trades from the fills, commission as the fee (slippage is in the price)', () => {
    expect(m('trade_count').value).toBe(2);
    // long A: (55 − 50) · 10 − 0.5 − 0.3 = 49.2 over 3 sessions; short B: (22 − 20) · −5 − 0.2 = −10.2 over 1
    expect(m('trade_avg_win').value).toBeCloseTo(49.2, 12);
    expect(m('trade_avg_loss').value).toBeCloseTo(-10.2, 12);
    expect(m('trade_win_rate').value).toBe(0.5);
    expect(m('trade_avg_holding').value).toBe(2);
  });

  it('names are unique snake_case, values never NaN', () => {
    const names = set.metrics.map((x) => x.name);
    expect(new Set(names).size).toBe(names.length);
    for (const x of set.metrics) {
      expect(x.name).toMatch(/^[a-z][a-z0-9_]*$/);
      if (x.value !== null) expect(Number.isFinite(x.value)).toBe(true);
    }
    expect(set.convention).toBe('breadth-metrics/1');
    expect(set.periodsPerYear).toBe(252);
    expect(set.benchmark).toBeNull();
  });

  it('drawdown episodes are dated', () => {
    // 1000 → 1010 (peak) → 990 (trough) → 1000: one open episode
    expect(set.drawdowns).toHaveLength(1);
    expect(set.drawdowns[0].depth).toBeCloseTo(990 / 1010 - 1, 15);
    expect(set.drawdowns[0].open).toBe(true);
    expect(set.drawdowns[0].peakDate).toBe('2024-01-02');
  });
});

describe('runMetrics inputs', () => {
  it('an rf of 0, given or defaulted, is one input: the same source, kind and figures (runMetrics and a series alike)', () => {
    const none = { source: 'none (rf = 0)', kind: 'zero', meanPerPeriod: 0 };
    expect(runMetrics(tiny).riskFree).toEqual(none);
    expect(runMetrics(tiny, { riskFree: 0 })).toEqual(runMetrics(tiny));
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 2, maxLength: 30 }), (r) => {
        const series = { dates: Int32Array.from(r, (_, k) => 19_724 + k), returns: Float64Array.from(r) };
        const defaulted = analyseSeries(series);
        expect(defaulted.metrics.riskFree).toEqual(none);
        expect(analyseSeries(series, { riskFree: { kind: 'annual', rate: 0 } })).toEqual(defaulted);
        expect(analyseSeries(series, { riskFree: { kind: 'perPeriod', rate: 0 } })).toEqual(defaulted);
      }),
      { numRuns: 50 },
    );
  });

  it('a constant annual risk-free rate becomes (1 + R)^(1/P) − 1 per period and is recorded', () => {
    const set = runMetrics(tiny, { riskFree: 0.05 });
    expect(set.riskFree.kind).toBe('constant');
    expect(set.riskFree.meanPerPeriod).toBeCloseTo(Math.pow(1.05, 1 / 252) - 1, 15);
    expect(set.riskFree.source).toContain('0.05');
    expect(Array.from(set.riskFreeReturns)).toEqual(new Array(3).fill(Math.pow(1.05, 1 / 252) - 1));
    expect(set.benchmarkReturns).toBeNull();
  });

  it('a dated rate series is read as of each session', () => {
    const rates = { name: 'DTB3', dates: Int32Array.from([tiny.dates[0]]), values: Float64Array.from([0.02]) };
    const set = runMetrics(tiny, { riskFree: rates, periodsPerYear: 252 });
    expect(set.riskFree.kind).toBe('series');
    expect(set.riskFree.meanPerPeriod).toBeCloseTo(Math.pow(1.02, 1 / 252) - 1, 15);
    expect(set.riskFree.source).toContain('DTB3');
  });

  it('a benchmark is paired over the same intervals: a missing day joins two returns, never a 0', () => {
    // Benchmark levels on the four sessions; it has no value on session 2.
    const set = runMetrics(tiny, { benchmark: { name: 'SPY', levels: Float64Array.of(100, 101, NaN, 99) } });
    expect(set.benchmark).toBe('SPY');
    // Intervals (0, 1] and (1, 3]: NAV 1000 → 1010 → 1000 against 100 → 101 → 99.
    const r = [0.01, 1000 / 1010 - 1];
    const b = [0.01, 99 / 101 - 1];
    const beta = pick(set.metrics, 'beta');
    expect(beta.n).toBe(2);
    expect(beta.value).toBeCloseTo((r[1] - r[0]) / (b[1] - b[0]), 12); // two points: the slope
    // Stored beside the NAV returns, over the same session: 101/100 − 1 = 0.01, then none on
    // session 2 (no level) nor on session 3 (no level the session before: 99/101 − 1 is a
    // two-session return beside the NAV's one-session 1000/990 − 1; probe r45b F5).
    const stored = Array.from(set.benchmarkReturns ?? []);
    expect(stored[0]).toBeCloseTo(0.01, 15);
    expect(stored[1]).toBeNaN();
    expect(stored[2]).toBeNaN();
    expect(Array.from(set.benchmarkLevels ?? [])).toEqual([100, 101, NaN, 99]);
  });

  it('benchmark cash compounds the risk-free returns', () => {
    const set = runMetrics(tiny, { benchmark: 'cash', riskFree: 0.05, periodsPerYear: 252 });
    const rf = Math.pow(1.05, 1 / 252) - 1;
    expect(set.benchmark).toBe('cash');
    expect(set.benchmarkLevels?.[3]).toBeCloseTo((1 + rf) ** 3, 15);
  });

  it('a rate, P or benchmark a study file and the CLI would refuse is a UserError naming the option (probe r54a)', () => {
    // The repro's rates: NaN and Infinity gave Sharpe null as "insufficient data" / "zero volatility" with 3 returns, −2 a NaN rf, 5 a 500 % rate used silently.
    const refusals: [RunMetricsOptions, RegExp][] = [
      [{ riskFree: NaN }, /^runMetrics: riskFree: a finite number is expected, found NaN \(an annual rate as a decimal from -0\.1 to 1: 0\.03 = 3 %\)$/],
      [{ riskFree: Infinity }, /^runMetrics: riskFree: a finite number is expected, found Infinity \(/],
      [{ riskFree: -2 }, /^runMetrics: riskFree: must be at least -0\.1, got -2 \(/],
      [{ riskFree: 5 }, /^runMetrics: riskFree: must be at most 1, got 5 \(/], // zod's words were "Too big: expected number to be <=1" (probe r67b)
      [{ periodsPerYear: 0 }, /^runMetrics: periodsPerYear: must be above 0, got 0 \(periods per year: a whole number from 1 to 366/],
      [{ periodsPerYear: 252.5 }, /^runMetrics: periodsPerYear: a whole number is expected, found 252\.5 \(/],
      [{ benchmark: { name: 'X', levels: new Float64Array(3) } }, /^runMetrics: benchmark X has 3 levels for the result's 4 sessions: give one level per session of the result \(NaN where it has none\)$/],
    ];
    for (const [options, message] of refusals) {
      expect(() => runMetrics(tiny, options)).toThrow(UserError);
      expect(() => runMetrics(tiny, options)).toThrow(message);
    }
    // The ends of the range are taken. R = 1: rf = 2^(1/252) − 1 = e^x − 1 with x = ln 2 / 252 = 0.00275060,
    // so x + x²/2 + x³/6 = 0.00275060 + 0.00000378 + 0.00000000 = 0.00275437 a session. R = −0.1: x = ln 0.9 / 252
    // = −0.00041810, so x + x²/2 = −0.00041810 + 0.00000009 = −0.00041801.
    expect(runMetrics(tiny, { riskFree: 1, periodsPerYear: 252 }).riskFreeReturns[0]).toBeCloseTo(0.00275437, 8);
    expect(runMetrics(tiny, { riskFree: -0.1, periodsPerYear: 252 }).riskFreeReturns[0]).toBeCloseTo(-0.00041801, 8);
  });

  it('any rate outside −0.1..1 or not finite is refused, and any inside measured, by runMetrics and analyseSeries alike', () => {
    const series = { dates: Int32Array.of(19_724, 19_725, 19_726, 19_729), returns: Float64Array.of(0.01, -0.02, 0.005, 0.01) };
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.double({ min: -0.1, max: 1, noNaN: true })), (rate) => {
        const inRange = rate >= -0.1 && rate <= 1;
        const measure = [() => runMetrics(tiny, { riskFree: rate }), () => analyseSeries(series, { riskFree: { kind: 'annual', rate } })];
        for (const m of measure) {
          if (inRange) expect(m).not.toThrow();
          else expect(m).toThrow(UserError);
        }
      }),
      { numRuns: 200 },
    );
    expect(() => analyseSeries(series, { periodsPerYear: 0 })).toThrow(/^analyseSeries: periodsPerYear: must be above 0, got 0 \(/);
    expect(() => analyseSeries(series, { riskFree: { kind: 'perPeriod', rate: NaN } })).toThrow(UserError);
  });

  it('a per-period rate is refused where its annual equivalent (1 + r)^P − 1 is outside −0.1..1, as an annual rate is (probe r67b: 5 a day gave Sharpe −5128.55)', () => {
    const series = { dates: Int32Array.of(19_724, 19_725, 19_726, 19_729), returns: Float64Array.of(0.01, -0.02, 0.005, 0.01) };
    const perPeriod = (rate: number) => () => analyseSeries(series, { riskFree: { kind: 'perPeriod', rate }, periodsPerYear: 12 });
    // The ends at P = 12 are 2^(1/12) − 1 = 0.0594631 (annual 1) and 0.9^(1/12) − 1 = −0.0087421 (annual −0.1): just inside,
    // 1.0594^12 − 1 = e^(12 × 0.057702) − 1 = 0.9985 and 0.9913^12 − 1 = e^(12 × −0.0087381) − 1 = −0.0996 are taken;
    // just outside, 1.06^12 − 1 = 1.0122 and 0.991^12 − 1 = e^(12 × −0.0090407) − 1 = −0.1028 are not.
    expect(perPeriod(0.0594)).not.toThrow();
    expect(perPeriod(-0.0087)).not.toThrow();
    // Each read as a percent (r / 100) would be in range: 1.0006^12 − 1 = 0.0072, 0.99991^12 − 1 = −0.0011.
    expect(perPeriod(0.06)).toThrow(/^analyseSeries: riskFree\.rate 0\.06: .*; 0\.06 comes to 1\.01; did you mean 0\.0006\?$/);
    expect(perPeriod(-0.009)).toThrow(/^analyseSeries: riskFree\.rate -0\.009: .*; -0\.009 comes to -0\.103; did you mean -0\.00009\?$/);
    // −1 or less has no annual rate; 5 (a percent typed as a decimal) comes to 6^12 − 1 = 2176782335, and 0.05 to 1.05^12 − 1 = 0.796.
    expect(perPeriod(-3)).toThrow(/; -3 loses everything each period$/);
    expect(perPeriod(5)).toThrow(
      'analyseSeries: riskFree.rate 5: the risk-free return per period, compounded over P = 12 periods a year ((1 + r)^P − 1), is an annual decimal from -0.1 to 1 (0.004 = 4.9 % a year); 5 comes to 2.18e+9; did you mean 0.05?',
    );
    expect(perPeriod(5)).toThrow(UserError);
  });

  it('a refused per-period rate comes to an annual value shown with the digits that put it outside −0.1..1, never rounded onto the bound (probe r68b F9)', () => {
    const series = { dates: Int32Array.of(19_724, 19_725, 19_726, 19_729), returns: Float64Array.of(0.01, -0.02, 0.005, 0.01) };
    const perPeriod = (rate: number, periodsPerYear: number) => () => analyseSeries(series, { riskFree: { kind: 'perPeriod', rate }, periodsPerYear });
    // 1.0595^12 − 1 = e^(12 × 0.0577932) − 1 = 1.000836: "1" to 3 digits, 1.001 to 4.
    expect(perPeriod(0.0595, 12)).toThrow(/; 0\.0595 comes to 1\.001; did you mean 0\.000595\?$/);
    // 0.999581^252 − 1 = e^(252 × −0.000419088) − 1 = −0.100225: "−0.1" to 3 digits, −0.1002 to 4.
    expect(perPeriod(-0.000419, 252)).toThrow(/; -0\.000419 comes to -0\.1002; did you mean -0\.00000419\?$/);
  });

  it('one session: ratios and annualized figures are insufficient data, never 0', () => {
    const one = handResult({ symbols: ['A'], daily: { nav: [1000] } });
    const set = runMetrics(one);
    expect(pick(set.metrics, 'turnover')).toEqual({ name: 'turnover', value: null, n: 0, note: 'insufficient data' });
    expect(pick(set.metrics, 'cost_commission_drag').value).toBeNull();
    expect(pick(set.metrics, 'sharpe').value).toBeNull();
    expect(pick(set.metrics, 'avg_gross_exposure').value).toBe(0);
  });
});

describe('a symbol benchmark through the library is the CLI\'s: runMetrics(result, { market, benchmark: \'BENCH\' }) (probe r56a F1)', () => {
  // Probe r56a's bh-div: BENCH trades 100, 102, 101, 99, 103, 104 with AdjClose 98, 99.96, 98.98, 99,
  // 103, 104 (Close/AdjClose steps from 0.98 to 1 on 01-05: a dividend of 2 % of 101 goes ex there);
  // STRAT is BENCH's AdjClose alone (a total-return series). Buy-and-hold of STRAT at the same close:
  // 1,000,000 / 98 → 10,204 shares, 8 of cash, so NAV_t = 8 + 10,204·A_t (A = STRAT's closes) and
  // r_t = (A_t / A_{t−1} − 1) · (1 − 8 / NAV_{t−1}) = b_t · c_t, b_t BENCH's total-return return
  // A_t / A_{t−1} − 1 and c_t = 0.9999920 … 0.9999925 (NAV 999,992 … 1,050,972 on the sessions before).
  // So beta = cov(r, b) / var(b) over the 5 returns ≈ c = 0.9999921 (python3 from the CSVs:
  // 0.99999207841), and alpha = (1 + mean(r − β·b))^252 − 1 ≈ 3.9e-8: the cash drag, no more. Against
  // the closes 100 … 104 (a price index), the 01-05 return −1.98 % beside STRAT's +0.02 % gives beta 0.7559.
  const dir = tempDir('breadth-bh-div-');
  writeFile(dir, 'BENCH.csv', csv('Date,Open,High,Low,Close,AdjClose,Volume', '2024-01-02,100,100,100,100,98,1000', '2024-01-03,102,102,102,102,99.96,1000', '2024-01-04,101,101,101,101,98.98,1000', '2024-01-05,99,99,99,99,99,1000', '2024-01-08,103,103,103,103,103,1000', '2024-01-09,104,104,104,104,104,1000'));
  writeFile(dir, 'STRAT.csv', csv('Date,AdjClose', '2024-01-02,98', '2024-01-03,99.96', '2024-01-04,98.98', '2024-01-05,99', '2024-01-08,103', '2024-01-09,104'));
  const run = async (): Promise<{ market: Market; result: Result }> => {
    const market = await loadMarket(dir, { cacheDir: false });
    return { market, result: backtest(market, await createStrategy('buy-and-hold', { weights: { STRAT: 1 } }), { execution: 'same-close' }) };
  };
  const closesOf = (market: Market, result: Result, symbol: string): Float64Array => {
    const [n, i] = [market.symbols.length, market.symbols.indexOf(symbol)];
    const closes = Float64Array.from(result.sessions, (t) => market.close[t * n + i]);
    const base = closes.find((c) => !Number.isNaN(c)) ?? NaN;
    return closes.map((c) => c / base);
  };

  it('beta 0.9999921, alpha ≈ 0: BENCH\'s total-return level, equal to what breadth run --benchmark BENCH stores', async () => {
    const { market, result } = await run();
    const set = runMetrics(result, { market, benchmark: 'BENCH' });
    expect(set.benchmark).toBe('BENCH');
    expect(pick(set.metrics, 'beta')).toEqual({ name: 'beta', value: expect.closeTo(0.9999921, 6), n: 5 });
    expect(Math.abs(pick(set.metrics, 'alpha').value ?? NaN)).toBeLessThan(1e-6);
    // The CLI on the same files: the same figures, bit for bit (one code path), and the same caveats.
    const db = join(scratch(), 'cli.db');
    const cli = await breadth(['run', '--data', dir, '--no-cache', '--strategy', 'buy-and-hold', '--param', 'weights={"STRAT":1}', '--benchmark', 'BENCH', '--execution', 'same-close', '--db', db], { cwd: scratch() });
    expect(cli.status, cli.stderr).toBe(0);
    const store = openStore(db);
    const stored = getRun(store, 1) as StoredRun;
    store.close();
    for (const name of ['beta', 'alpha', 'correlation', 'tracking_error', 'information_ratio', 'up_capture', 'treynor']) expect(stored.metrics.find((m) => m.name === name)?.value, name).toBe(pick(set.metrics, name).value);
    const messages = (caveats: readonly { message: string }[]): string[] => caveats.map((c) => c.message).sort();
    expect(messages(stored.caveats)).toEqual(messages([...result.caveats, ...set.caveats]));
  });

  it('levels built from its raw closes are a price index, said in a caveat naming the fix; the docstring\'s levels are total-return', async () => {
    const { market, result } = await run();
    const set = runMetrics(result, { market, benchmark: { name: 'BENCH', levels: closesOf(market, result, 'BENCH') } });
    expect(pick(set.metrics, 'beta').value).toBeCloseTo(0.7559084, 6);
    // Total return 104 / 98 − 1 = 6.1 %, the closes' 104 / 100 − 1 = 4.0 %; one ex-date (a dividend, no split): medium.
    const [said] = set.caveats.filter((c) => c.message.includes('price index'));
    expect([said.severity, said.size, said.unit, said.symbols]).toEqual(['medium', 1, 'count', ['BENCH']]);
    expect(said.message).toBe(
      "benchmark BENCH: its levels follow its closes, a price index that leaves out its 1 ex-date of dividends or splits inside the run (on 2024-01-05): its total return over the run is 6.1%, its closes' 4.0%, and every relative metric measures against the closes; levels must be total-return (runMetrics(result, { market, benchmark: 'BENCH' }) measures it as breadth run --benchmark BENCH does)",
    );
    // Its total-return level given as levels is the symbol's: the same beta, no such caveat.
    const total = runMetrics(result, { market, benchmark: { name: 'BENCH', levels: closesOf(market, result, 'STRAT') } });
    expect(pick(total.metrics, 'beta').value).toBeCloseTo(0.9999921, 6);
    expect(total.caveats.filter((c) => c.message.includes('price index'))).toEqual([]);
  });

  it('a name the market lacks, or a name without the market, is a UserError naming it and the fix; "none" is no benchmark', async () => {
    const { market, result } = await run();
    expect(() => runMetrics(result, { market, benchmark: 'BNCH' })).toThrow(UserError);
    expect(() => runMetrics(result, { market, benchmark: 'BNCH' })).toThrow(`runMetrics: benchmark: no symbol "BNCH" in ${market.name} (did you mean BENCH?); or use "cash" or "none"`);
    expect(() => runMetrics(result, { benchmark: 'BENCH' })).toThrow(/^runMetrics: benchmark "BENCH" names a symbol: give the market the run was backtested on too \(runMetrics\(result, \{ market, benchmark: 'BENCH' \}\)\), or levels/);
    expect(runMetrics(result, { market, benchmark: 'none' }).benchmark).toBeNull();
  });

  it('a holiday on the run\'s first session (probe r56a F1b, bh-first2): by name, "though it has values before"; as levels without reach, only what they show', async () => {
    // BENCH has STRAT's closes from 2023-12-27 but no row on 2024-01-02 (the run's first session) nor 2024-01-10 (its last).
    const days = ['2023-12-27', '2023-12-28', '2023-12-29', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10'];
    const closes = [98, 99, 97, 100, 103, 99, 104, 101, 106, 102];
    const holiday = tempDir('breadth-bh-first2-');
    writeFile(holiday, 'STRAT.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${closes[k]}`)));
    writeFile(holiday, 'BENCH.csv', csv('Date,AdjClose', ...days.flatMap((d, k) => (d === '2024-01-02' || d === '2024-01-10' ? [] : [`${d},${closes[k]}`]))));
    const market = await loadMarket(holiday, { cacheDir: false });
    const result = backtest(market, await createStrategy('buy-and-hold', { weights: { STRAT: 1 } }), { execution: 'same-close', from: '2024-01-02' });
    const coverage = (set: ReturnType<typeof runMetrics>): string[] => set.caveats.filter((c) => c.code === 'benchmark' && c.message.includes('session')).map((c) => c.message);
    expect(coverage(runMetrics(result, { market, benchmark: 'BENCH' }))).toEqual([
      'benchmark BENCH has no value on the first session of the run (2024-01-02), though it has values before: relative metrics cover only the common period',
      'benchmark BENCH ends on 2024-01-09, 1 session before the run: relative metrics cover only the common period',
    ]);
    // Not "starts on 2024-01-03, 1 session after the run": levels say nothing of the days before the run.
    expect(coverage(runMetrics(result, { market, benchmark: { name: 'BENCH', levels: closesOf(market, result, 'BENCH') } }))).toEqual([
      'benchmark BENCH has no value on the first session of the run (2024-01-02): its first value in the run is on 2024-01-03; relative metrics cover only the common period',
      'benchmark BENCH has no value on the last session of the run (2024-01-10): its last value in the run is on 2024-01-09; relative metrics cover only the common period',
    ]);
  });
});

describe('runMetrics on a real backtest', () => {
  const result = longShortRun();
  const set = runMetrics(result);

  it('cost totals equal the sums of the daily ledger lines and the per-fill costs', () => {
    const fillCommission = result.fills.commission.reduce((s, x) => s + x, 0);
    const fillSlippage = result.fills.slippage.reduce((s, x) => s + x, 0);
    expect(pick(set.metrics, 'cost_commission').value).toBeCloseTo(fillCommission, 9);
    expect(pick(set.metrics, 'cost_slippage').value).toBeCloseTo(fillSlippage, 9);
    for (const line of ['borrow_fee', 'short_dividends', 'interest_received', 'borrow_rebate']) {
      expect(pick(set.metrics, `cost_${line}`).value).not.toBe(0);
    }
  });

  it('exposures match the targets the strategy held (gross ≈ 1.3, net ≈ 0.7)', () => {
    expect(pick(set.metrics, 'avg_gross_exposure').value).toBeGreaterThan(1.1);
    expect(pick(set.metrics, 'avg_gross_exposure').value).toBeLessThan(1.35);
    expect(pick(set.metrics, 'avg_short_exposure').value).toBeLessThan(0);
    expect(pick(set.metrics, 'avg_short_positions').value).toBeGreaterThan(0.9);
  });

  it('the same Result gives identical metric values', () => {
    expect(runMetrics(longShortRun())).toEqual(set);
  });
});

describe('against cash', () => {
  it('co-movement metrics are undefined (the bill rate barely moves); alpha is the mean excess return, annualised', () => {
    const set = runMetrics(tiny, { benchmark: 'cash', riskFree: 0.05, periodsPerYear: 252 });
    const rf = Math.pow(1.05, 1 / 252) - 1;
    for (const name of ['beta', 'correlation', 'r_squared', 'up_capture', 'down_capture', 'treynor']) {
      expect(pick(set.metrics, name)).toMatchObject({ value: null, note: 'the benchmark is cash' });
    }
    const excess = [0.01 - rf, 990 / 1010 - 1 - rf, 1000 / 990 - 1 - rf];
    expect(pick(set.metrics, 'alpha').value).toBeCloseTo((1 + (excess[0] + excess[1] + excess[2]) / 3) ** 252 - 1, 9);
  });
});

describe('a book that holds only cash at the risk-free rate has no excess return (METRICS.md rf)', () => {
  // 23 January 2024 sessions; the engine accrues (1 + R)^(1/P) − 1 a session, as rf is defined.
  const closes = Array.from({ length: 23 }, () => [10]);
  const tbill = rateSeries('tbill', [
    ['2023-12-29', 0.05],
    ['2024-01-16', 0.03],
  ]);
  const market = fixtureMarket({ symbols: ['A'], closes, rates: { tbill } });
  const cashOnly = (cash: { rate: number | string }, extra: object = {}) => backtest(market, scripted({}), { initialCash: 1_000_000, cash, ...extra });

  it('constant 5 %: every return is 1.05^(1/252) − 1 = 1.93631e-4; Sharpe and IR undefined, alpha 0, "vs cash" 0', () => {
    const result = cashOnly({ rate: 0.05 });
    const set = runMetrics(result, { benchmark: 'cash', riskFree: 0.05 });
    for (const r of navReturns(result).returns) expect(r).toBeCloseTo(1.936305e-4, 10);
    expect(pick(set.metrics, 'sharpe').value).toBeNull();
    expect(pick(set.metrics, 'information_ratio')).toMatchObject({ value: null, note: 'zero tracking error' });
    expect(pick(set.metrics, 'alpha').value).toBeCloseTo(0, 12);
    // Total return equals cash's: 1.05^(22/252) − 1 = exp(22 × 0.04879016 / 252) − 1 = 0.00426854.
    expect(pick(set.metrics, 'total_return').value).toBeCloseTo(0.00426854, 8);
  });

  it('a dated series: the cash rate and rf are both read as of each session (5 % to 15 Jan, 3 % from 16 Jan)', () => {
    const result = cashOnly({ rate: 'tbill' });
    const set = runMetrics(result, { benchmark: 'cash', riskFree: market.rates.tbill });
    const returns = navReturns(result).returns;
    // Returns 0..9 end on 2..15 Jan: 1.93631e-4; returns 10..21 end on 16..31 Jan: 1.03^(1/252) − 1 = 1.173037e-4.
    for (let k = 0; k < returns.length; k++) expect(returns[k]).toBeCloseTo(k < 10 ? 1.936305e-4 : 1.173037e-4, 10);
    for (let k = 0; k < returns.length; k++) expect(returns[k] - set.riskFreeReturns[k]).toBeCloseTo(0, 15);
    expect(pick(set.metrics, 'alpha').value).toBeCloseTo(0, 12);
  });

  it('P set in the engine config is the P of the metrics too, but a weekday session is still 1/252 of a year: cash and rf 1.05^(1/252) − 1 = 1.936305e-4 with P = 260 (was 1/260: 1.876721e-4; probe r69a F1)', () => {
    const result = cashOnly({ rate: 0.05 }, { periodsPerYear: 260 });
    const set = runMetrics(result, { benchmark: 'cash', riskFree: 0.05 });
    expect(set.periodsPerYear).toBe(260);
    for (const r of navReturns(result).returns) expect(r).toBeCloseTo(1.936305e-4, 10);
    for (const rf of set.riskFreeReturns) expect(rf).toBeCloseTo(1.936305e-4, 10);
    expect(pick(set.metrics, 'alpha').value).toBeCloseTo(0, 12);
  });

  it('a rate series that starts late or ends early is said: rf-dependent metrics lose the rows before it, its last rate carried is counted', () => {
    const result = cashOnly({ rate: 0.05 });
    // The run's 22 returns end on the weekdays 2..31 Jan 2024. A daily series from 10 Jan to 12 Jan: the returns ending
    // 2, 3, 4, 5, 8, 9 Jan (6) have no rf, 16 do; its median gap is 1 day, so the 13 returns ending 15..31 Jan carry its last rate.
    const short = rateSeries('short', [
      ['2024-01-10', 0.05],
      ['2024-01-11', 0.05],
      ['2024-01-12', 0.04],
    ]);
    const messages = runMetrics(result, { riskFree: short }).caveats.map((c) => c.message);
    expect(messages).toContain('risk-free rate short starts on 2024-01-10: sharpe, omega, psr, dsr, alpha, treynor use the 16 returns from then on, not all 22 (sortino uses its target, not the rate, and keeps them all)');
    expect(messages).toContain("risk-free rate short ends on 2024-01-12: its last rate (4.00%) stands in for the 13 returns after 2024-01-13, when its next rate was due");
  });
});


describe('after ruin, returns from a NAV ≤ 0 are not measured (probe r54b F3, its d7 repro)', () => {
  // SQZ closes 50, 50, 110, 120, 115, 125 (open = close) on 2024-01-02 … 01-09; a −1 short decided
  // on 01-02 fills at the 01-03 open 50: −2,000 shares, cash 200,000. NAV = 200,000 − 2,000 × close:
  // 100,000, 100,000, −20,000 (ruin on 01-04), −40,000, −30,000, −50,000.
  const market = fixtureMarket({ symbols: ['SQZ'], closes: [[50], [50], [110], [120], [115], [125]], start: '2024-01-02' });
  const result = backtest(market, scripted({ 0: { weights: { SQZ: -1 } } }), { initialCash: 100_000, account: { kind: 'margin', maxGross: 2, maxNet: 1 } });
  const set = runMetrics(result);
  const m = (name: string): Metric => pick(set.metrics, name);

  it('the NAV is the hand one', () => {
    expect(Array.from(result.daily.nav)).toEqual([100_000, 100_000, -20_000, -40_000, -30_000, -50_000]);
  });

  it('navReturns: 0, −1.2 (the return into ruin, a real loss), then none — not +1.0, −0.25, +0.667', () => {
    expect(Array.from(navReturns(result).returns)).toEqual([0, expect.closeTo(-1.2, 12), NaN, NaN, NaN]);
  });

  it('metrics over the 2 returns to the ruin: Sharpe −0.6 / 0.848528 · √252 = −11.2250 (was +0.80), vol 0.848528 · √252 = 13.4700', () => {
    // mean (0 − 1.2)/2 = −0.6; sample std √((0.6² + 0.6²)/1) = 0.848528.
    expect(m('sharpe')).toEqual({ name: 'sharpe', value: expect.closeTo(-11.224972, 5), n: 2 });
    expect(m('annual_volatility').value).toBeCloseTo(13.469967, 5);
    expect(m('total_return')).toEqual({ name: 'total_return', value: expect.closeTo(-1.2, 12), n: 2 });
  });

  it('best day 0 (01-03; was +1.0 on 01-05, a day that lost 20,000), worst −1.2, win rate 0, Omega 0 (no gain)', () => {
    expect(m('best_day').value).toBe(0);
    expect(m('worst_day').value).toBeCloseTo(-1.2, 12);
    expect(m('win_rate').value).toBe(0);
    expect(m('omega').value).toBe(0);
    expect(m('annual_return').note).toBe('wealth went negative');
  });

  it('turnover scales by the mean of the positive NAVs: 100,000 / 2 / 100,000 · 252/5 = 25.2 (was 252 on a mean NAV of 10,000)', () => {
    expect(m('turnover').value).toBeCloseTo(25.2, 12);
  });

  it('says so: metrics measured to the ruin on 2024-01-04, the 3 returns after it left out', () => {
    const said = set.caveats.find((c) => c.message.startsWith('metrics measured to the ruin'));
    expect(said?.message).toContain('metrics measured to the ruin on 2024-01-04');
    expect(said?.message).toContain('the 3 returns after it');
    expect(said?.severity).toBe('high');
  });
});
