// benchmark-holiday — returns are paired over the same interval. STRAT and BENCH have identical
// prices on every common date; BENCH has no row for 2024-01-04. Paired over the same two dates
// each, they are the same series: beta 1, correlation 1, R² 1, tracking error 0, alpha 0.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../data/dates.ts';
import { loadMarket } from '../../data/load.ts';
import { backtest } from '../../engine/backtest.ts';
import { attributeRun } from '../../reports/attribution/index.ts';
import { symbolBenchmark } from '../../reports/benchmark/benchmark.ts';
import { runMetrics } from '../../reports/runMetrics.ts';
import { scripted, type Step } from '../engine/helpers.ts';
import { exportTable } from '../../reports/export.ts';
import { betaOf } from '../../reports/metrics/index.ts';
import { getRun, openStore, type StoredRun, writeRun } from '../../reports/store/index.ts';
import { comparisonRunFromStoredRun, tearSheetFromStoredRun } from '../../reports/html/index.ts';
import { pairRuns } from '../../reports/html/comparison/pairedRuns.ts';
import { comparedToBenchmark, metricValue } from '../../reports/html/tearSheet/figures.ts';
import { breadth, parseJson, scratch } from '../cli/helpers.ts';
import { csv, tempDir, writeFile } from '../data/fixtures.ts';
import { weekdays } from '../engine/fixtures.ts';
import { inputs, metric, studyRun } from './helpers.ts';

const IDENTICAL: [string, number, number][] = [
  ['beta', 1, 12],
  ['correlation', 1, 12],
  ['r_squared', 1, 12],
  ['tracking_error', 0, 12],
  ['alpha', 0, 12],
  ['batting_average', 0, 12], // STRAT never beats BENCH: they are the same series
];

describe('benchmark-holiday', () => {
  it('breadth metrics pairs the two-day STRAT return with the two-day BENCH return', async () => {
    const dir = inputs('benchmark-holiday');
    const json = parseJson(await breadth(['metrics', '--prices', `${dir}/STRAT.csv`, '--benchmark-prices', `${dir}/BENCH.csv`, '--json'], { cwd: scratch() }));
    for (const [name, value, digits] of IDENTICAL) expect(json.values[name], name).toBeCloseTo(value, digits);
    expect(json.aligned_rows).toBe(9); // 10 common dates: 9 intervals, one of them two days long
    // The same fact a run states (reports/benchmark/benchmarkCoverage.ts), counted in the series' periods.
    expect(json.caveats.map((c: { message: string }) => c.message)).toContain('benchmark BENCH has no value on 1 period inside its period (the first 2024-01-04): returns are paired over the intervals both cover');
  });

  it('a buy-and-hold run of STRAT against BENCH: the missing day is not a 0 % benchmark return', async () => {
    const run = await studyRun('benchmark-holiday', {
      strategy: 'buy-and-hold',
      params: { weights: { STRAT: 1 } },
      benchmark: 'BENCH',
      engine: { initialCash: 1_000_000, execution: 'same-close' },
    });
    for (const [name, value, digits] of IDENTICAL) expect(metric(run.metrics.metrics, name).value, name).toBeCloseTo(value, digits);
    expect(metric(run.metrics.metrics, 'beta').n).toBe(9);
    // Stored beside the NAV: the benchmark's level, NaN on the day it has none.
    expect(Number.isNaN(run.metrics.benchmarkLevels?.[2] ?? 0)).toBe(true);
    expect(run.metrics.caveats.map((c) => c.message)).toContain('benchmark BENCH has no value on 1 session inside its period (the first 2024-01-04): returns are paired over the intervals both cover');
  });

  it('the exported daily benchmark_return pairs with nav_return session by session: beta 1 from its non-empty rows (probe r45b F5: 1.084)', async () => {
    const run = await studyRun('benchmark-holiday', { strategy: 'buy-and-hold', params: { weights: { STRAT: 1 } }, benchmark: 'BENCH', engine: { initialCash: 1_000_000, execution: 'same-close' } });
    const store = openStore(join(scratch(), 'bh.db'));
    const stored = getRun(store, writeRun(store, { result: run.result, metrics: run.metrics })) as StoredRun;
    store.close();
    const { columns, rows } = exportTable(stored, 'daily');
    const [date, nav, bench] = ['date', 'nav_return', 'benchmark_return'].map((name) => columns.findIndex((c) => c.name === name));
    // 01-04 has no BENCH level, so neither has a one-session return: on 01-04 nor on 01-05 (its
    // 01-03 → 01-05 return, 104/102 − 1 = 0.019608, is over two sessions beside the NAV's 104/99 − 1 = 0.050505).
    const on = (day: string): (string | number | null)[] => rows.find((r) => r[date] === day) ?? [];
    expect([on('2024-01-04')[bench], on('2024-01-05')[bench]]).toEqual([null, null]);
    expect(on('2024-01-05')[nav]).toBeCloseTo(104 / 99 - 1, 12);
    expect(on('2024-01-03')[bench]).toBeCloseTo(0.02, 12);
    // By hand: the 8 rows with both (01-03, 01-08 … 01-16) are STRAT's own returns on each side, r = b: beta 1.
    const pairs = rows.filter((r) => r[nav] !== null && r[bench] !== null);
    expect(pairs).toHaveLength(8);
    expect(betaOf(Float64Array.from(pairs, (r) => r[nav] as number), Float64Array.from(pairs, (r) => r[bench] as number))).toBeCloseTo(1, 12);
  });
});

describe('benchmark-holiday: other inputs', () => {
  // 60 weekdays of one wandering price for both; BENCH lacks five days, two of them in a row.
  const days = Array.from(weekdays('2024-01-02', 60), isoDay);
  const price = days.map((_, k) => (100 * (1 + 0.013 * Math.sin(k * 1.7) + 0.0004 * k)).toFixed(2));
  const gone = new Set([days[2], days[6], days[7], days[30], days[44]]);
  const dir = tempDir();
  writeFile(dir, 'STRAT.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${price[k]}`)));
  writeFile(dir, 'BENCH.csv', csv('Date,AdjClose', ...days.filter((d) => !gone.has(d)).map((d) => `${d},${price[days.indexOf(d)]}`)));

  it('metrics: the same series, whichever days the benchmark lacks (54 intervals)', async () => {
    const json = parseJson(await breadth(['metrics', '--prices', `${dir}/STRAT.csv`, '--benchmark-prices', `${dir}/BENCH.csv`, '--json'], { cwd: scratch() }));
    for (const [name, value, digits] of IDENTICAL) expect(json.values[name], name).toBeCloseTo(value, digits);
    expect(json.aligned_rows).toBe(54);
  });

  it('a buy-and-hold run: the same, and no up or down interval won', async () => {
    const run = await studyRun(dir, { strategy: 'buy-and-hold', params: { weights: { STRAT: 1 } }, benchmark: 'BENCH', engine: { initialCash: 1_000_000, execution: 'same-close' } });
    for (const [name, value, digits] of IDENTICAL) expect(metric(run.metrics.metrics, name).value, name).toBeCloseTo(value, digits);
    expect(metric(run.metrics.metrics, 'batting_average_up').value).toBe(0);
    expect(metric(run.metrics.metrics, 'batting_average_down').value).toBe(0);
  });
});

describe('the benchmark is what the user asked for: its own data caveats reach a run that never held it (probe r46a F1)', () => {
  // BM is Close only, with a ×10 step no column states (1:10-split-sized, 2.04 → 20.2): breadth metrics and data
  // inspect say both; a run that held only AAA measured against it — +890 % that day — and said neither.
  const dir = tempDir();
  const days = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];
  writeFile(dir, 'AAA.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${100 + k}`)));
  writeFile(dir, 'BM.csv', csv('Date,Close', ...days.map((d, k) => `${d},${(k < 3 ? 2 : 20) * (1 + 0.01 * k)}`)));

  it('as "benchmark: BM.csv: …", the split-sized move high and the missing dividends medium; once when the run held BM too', async () => {
    const benchmarkCaveats = async (weights: Record<string, number>) => {
      const run = await studyRun(dir, { strategy: 'buy-and-hold', params: { weights }, benchmark: 'BM', engine: { initialCash: 10_000 } });
      return run.metrics.caveats.filter((c) => c.message.includes('BM.csv')).map((c) => [c.severity, c.message.slice(0, 60)]);
    };
    expect(await benchmarkCaveats({ AAA: 1 })).toEqual([
      ['high', 'benchmark: BM.csv: 1 one-session move of Close the size of a'],
      ['medium', 'benchmark: BM.csv: Close only (no AdjClose): Close is the tr'],
    ]);
    // Held, the run's own data caveats say it (without the prefix), and the measurement does not repeat it.
    expect(await benchmarkCaveats({ AAA: 0.5, BM: 0.5 })).toEqual([]);
  });
});

describe('the roles swapped: the held symbol lacks the day its benchmark has (probe r48c F1)', () => {
  // A buy-and-hold of BENCH (no row 2024-01-04) measured against STRAT (a row every day). On 01-04
  // the run's NAV is BENCH's 01-03 close carried: no observation. Paired across it, 01-03 → 01-05
  // is one interval on both sides (104/102 − 1 each), and the two series are again the same series:
  // beta 1, correlation 1, R² 1, TE 0, alpha 0 over 9 intervals — what `breadth metrics` gives for the
  // two files. Paired session by session, the NAV's 0 % beside STRAT's −2.94 % read beta 0.767,
  // alpha +56 %/yr, TE 22.6 %.
  const swapped = { strategy: 'buy-and-hold', params: { weights: { BENCH: 1 } }, benchmark: 'STRAT', engine: { initialCash: 1_000_000, execution: 'same-close' } };

  it('a run pairs its NAV across the session on which it held nothing with a bar, and says so', async () => {
    const run = await studyRun('benchmark-holiday', swapped);
    expect(run.result.daily.navCarried[2]).toBe(1); // 2024-01-04: BENCH held, no bar
    for (const [name, value, digits] of IDENTICAL) expect(metric(run.metrics.metrics, name).value, name).toBeCloseTo(value, digits);
    expect(metric(run.metrics.metrics, 'beta').n).toBe(9);
    expect(run.metrics.pairing?.intervals).toBe(9);
    expect(run.metrics.caveats.map((c) => c.message)).toContain(
      'no position the run held had a bar on 1 session (2024-01-04): its NAV there only carried earlier closes, so the returns against benchmark STRAT are paired across it, from the session before to the next one with a bar',
    );
  });

  it('the stored run reads the same on the page and in a comparison with a run of STRAT: one series', async () => {
    const store = openStore(join(scratch(), 'swapped.db'));
    const held = await studyRun('benchmark-holiday', swapped);
    const other = await studyRun('benchmark-holiday', { ...swapped, params: { weights: { STRAT: 1 } }, benchmark: undefined });
    const [a, b] = [held, other].map((r) => getRun(store, writeRun(store, { result: r.result, metrics: r.metrics })) as StoredRun);
    store.close();
    expect(a.daily.columns.navCarried[2]).toBe(1);
    // The page's benchmark column is STRAT over the same 9 intervals: its annual return is the run's.
    const page = tearSheetFromStoredRun(a);
    expect(page.pairing?.intervals).toBe(9);
    const common = comparedToBenchmark(page);
    expect(common?.pairing.intervals).toBe(9);
    expect(metricValue(common!.strategy, 'annual_return')).toBeCloseTo(metricValue(common!.benchmark, 'annual_return')!, 12);
    // A comparison of the two runs pairs BENCH's NAV across 01-04 too: 9 intervals, r = b on each.
    const paired = pairRuns(comparisonRunFromStoredRun(a), comparisonRunFromStoredRun(b), null).paired;
    expect(paired.r).toHaveLength(9);
    paired.r.forEach((r, k) => expect(r).toBeCloseTo(paired.b[k], 12));
  });

  it('a daily factor regression pairs the NAV across it too: on a market factor that is STRAT, loading 1, alpha 0, R² 1', async () => {
    // Mkt-RF on each weekday = STRAT's return that day (RF 0): compounded over 01-03 → 01-05 it is
    // 104/102 − 1, the NAV's return over the same interval, so every one of the 9 rows has y = x.
    const run = await studyRun('benchmark-holiday', swapped);
    const strat = [100, 102, 99, 104, 101, 103, 100, 105, 107, 104, 108];
    const days = Array.from(weekdays('2024-01-02', 11));
    const market = { name: 'mkt', frequency: 'daily' as const, factors: [{ name: 'Mkt-RF', overRiskFree: true }] };
    const table = { name: 'mkt', frequency: 'daily' as const, dates: Int32Array.from(days), columns: { 'Mkt-RF': Float64Array.from(strat, (p, k) => (k === 0 ? 0 : p / strat[k - 1] - 1)), RF: new Float64Array(11) } };
    const [fit] = attributeRun(run.result, { factors: [table], models: [market], periodsPerYear: 252 }).regressions;
    expect(fit.n).toBe(9);
    expect(fit.loadings[0].loading).toBeCloseTo(1, 12);
    expect(fit.alpha).toBeCloseTo(0, 12);
    expect(fit.rSquared).toBeCloseTo(1, 12);
  });

  it('holidays on both sides: each series misses days the other has, and they are still one series', async () => {
    // 60 weekdays of one wandering price; the held STRAT lacks days 4, 21 and 22, the benchmark days 9 and 40:
    // 60 − 5 = 55 common dates, 54 intervals, r = b on each.
    const days = Array.from(weekdays('2024-01-02', 60), isoDay);
    const price = days.map((_, k) => (100 * (1 + 0.013 * Math.sin(k * 1.7) + 0.0004 * k)).toFixed(2));
    const dir = tempDir();
    const without = (gone: number[]): string[] => days.flatMap((d, k) => (gone.includes(k) ? [] : [`${d},${price[k]}`]));
    writeFile(dir, 'STRAT.csv', csv('Date,AdjClose', ...without([4, 21, 22])));
    writeFile(dir, 'BENCH.csv', csv('Date,AdjClose', ...without([9, 40])));
    const run = await studyRun(dir, { strategy: 'buy-and-hold', params: { weights: { STRAT: 1 } }, benchmark: 'BENCH', engine: { initialCash: 1_000_000, execution: 'same-close' } });
    for (const [name, value, digits] of IDENTICAL) expect(metric(run.metrics.metrics, name).value, name).toBeCloseTo(value, digits);
    expect(metric(run.metrics.metrics, 'beta').n).toBe(54);
  });
});

describe('a same-close fill on a carried session: the book judged is the one held into the close (probe r49a F1)', () => {
  // Weekdays 2024-01-02 … 01-17; IDX the benchmark, every day. Hand values from the probe's files:
  const AAA = [100, 101, 103, 102, 104, 103, 105, 106, 104, 107, 108, 110];
  const BBB = [50, 49, 51, 52, 51, 53, 52, 54, 55, 53, 56, 57];
  const IDX = [1000, 1010, 1030, 1020, 1040, 1025, 1050, 1060, 1045, 1070, 1080, 1100];
  const days = Array.from(weekdays('2024-01-02', 12), isoDay);
  const folder = (without: Record<string, number>): string => {
    const dir = tempDir();
    for (const [name, prices] of Object.entries({ AAA, BBB, IDX })) {
      writeFile(dir, `${name}.csv`, csv('Date,AdjClose', ...days.flatMap((d, k) => (without[name] === k ? [] : [`${d},${prices[k]}`]))));
    }
    return dir;
  };
  const measured = async (dir: string, script: Record<number, Step>) => {
    const market = await loadMarket(dir, { cacheDir: false });
    const result = backtest(market, scripted(script), { initialCash: 1_000_000, execution: 'same-close' });
    return { result, metrics: runMetrics(result, { benchmark: symbolBenchmark(market, result, 'IDX') }) };
  };

  it('buying BBB at the close of a day AAA, the whole book, has no bar: still carried, 10 intervals, beta 0.1753', async () => {
    // 5,000 AAA from 01-02 (half the cash); on 01-04 (no AAA bar) 5,000 BBB bought at its 51 close. The NAV
    // 1,005,000 on 01-03 and 01-04 is AAA's 101 carried: 01-03 → 01-05 is one interval, then AAA + BBB. Paired with IDX
    // over the 10 intervals of the probe's hand computation: beta 0.1753 (0.0801 over 11 with the 0 % day).
    const { result, metrics } = await measured(folder({ AAA: 2 }), { 0: { weights: { AAA: 0.5 } }, 2: (_view, book) => ({ shares: { AAA: book.shares(0), BBB: 5000 } }) });
    expect(result.daily.navCarried[2]).toBe(1);
    expect(metrics.pairing?.intervals).toBe(10);
    expect(metric(metrics.metrics, 'beta').value).toBeCloseTo(0.1753, 4);
  });

  it('selling AAA, priced, at the close of a day BBB has no bar: observed, 11 intervals, beta −0.6936, no caveat', async () => {
    // Half in AAA, half in BBB from 01-02; on 01-04 AAA (101 → 103: +10,000 on the NAV) is sold at that close and BBB
    // has no bar. The NAV moved with AAA's close: an observation.
    const { result, metrics } = await measured(folder({ BBB: 2 }), { 0: { weights: { AAA: 0.5, BBB: 0.5 } }, 2: (_view, book) => ({ shares: { BBB: book.shares(1) } }) });
    expect(result.daily.navCarried[2]).toBe(0);
    expect(metrics.pairing?.intervals).toBe(11);
    expect(metric(metrics.metrics, 'beta').value).toBeCloseTo(-0.6936, 4);
    expect(metrics.caveats.some((c) => c.message.startsWith('no position the run held had a bar'))).toBe(false);
  });
});

describe('a monthly factor regression pairs a carried month-end with the next month (probe r49a F2)', () => {
  it('on a market factor equal to the held stock\'s calendar-month returns: loading 1, alpha 0, R² 1 over 5 months', async () => {
    // 2023-01-02 … 08-31 weekdays; AAA's true price p_k = 100 (1 + 0.01 sin 0.7k + 0.002 k), its file without the
    // month-ends 03-31 and 06-30, which IDX (not held) has. Mkt-RF of each month = AAA's true month-end to month-end return (RF 0). 10,000 shares
    // at 100, no cash: the NAV is AAA. January is partial (the run starts 01-02) and dropped; March ends carried (the NAV
    // is 03-30's close), so Mar + Apr are one interval, compounded on both sides, and so are Jun + Jul: Feb, Mar–Apr,
    // May, Jun–Jul, Aug — 5 rows with y = x. Paired month by month instead, March read AAA to 03-30 against the whole
    // month's factor.
    const days = Array.from(weekdays('2023-01-02', 174), isoDay).filter((d) => d <= '2023-08-31');
    const price = days.map((_, k) => 100 * (1 + 0.01 * Math.sin(0.7 * k) + 0.002 * k));
    const dir = tempDir();
    const gone = new Set(['2023-03-31', '2023-06-30']);
    writeFile(dir, 'AAA.csv', csv('Date,AdjClose', ...days.flatMap((d, k) => (gone.has(d) ? [] : [`${d},${price[k]}`]))));
    writeFile(dir, 'IDX.csv', csv('Date,AdjClose', ...days.map((d, k) => `${d},${1000 + k}`))); // trades every weekday: the calendar has the two month-ends
    const market = await loadMarket(dir, { cacheDir: false });
    const result = backtest(market, scripted({ 0: { shares: { AAA: 10_000 } } }), { initialCash: 1_000_000, execution: 'same-close' });
    const monthEnds = days.filter((d, k) => k === days.length - 1 || days[k + 1].slice(0, 7) !== d.slice(0, 7));
    const close = (d: string): number => price[days.indexOf(d)];
    const table = {
      name: 'mkt',
      frequency: 'monthly' as const,
      dates: Int32Array.from(monthEnds, (d) => parseIsoDay(`${d.slice(0, 7)}-${new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7), 0)).getUTCDate()}`)),
      columns: { 'Mkt-RF': Float64Array.from(monthEnds, (d, k) => (k === 0 ? close(d) / 100 - 1 : close(d) / close(monthEnds[k - 1]) - 1)), RF: new Float64Array(monthEnds.length) },
    };
    const model = { name: 'mkt-monthly', frequency: 'monthly' as const, factors: [{ name: 'Mkt-RF', overRiskFree: true }] };
    const [fit] = attributeRun(result, { factors: [table], models: [model], periodsPerYear: 252 }).regressions;
    expect(fit.n).toBe(5);
    expect(fit.loadings[0].loading).toBeCloseTo(1, 10);
    expect(fit.alpha).toBeCloseTo(0, 12);
    expect(fit.rSquared).toBeCloseTo(1, 12);
  });
});
