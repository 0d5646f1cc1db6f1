// benchmark-holiday — returns are paired over the same interval. STRAT and BENCH have identical
// prices on every common date; BENCH has no row for 2024-01-04. Paired over the same two dates
// each, they are the same series: beta 1, correlation 1, R² 1, tracking error 0, alpha 0.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { exportTable } from '../../reports/export.ts';
import { betaOf } from '../../reports/metrics/index.ts';
import { getRun, openStore, type StoredRun, writeRun } from '../../reports/store/index.ts';
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
    // The same fact a run states (reports/benchmarkCoverage.ts), counted in the series' periods.
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
