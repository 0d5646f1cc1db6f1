// monthly-prices — the data's frequency sets the annualisation. 13 month-end closes 100 → 121:
// total 0.21 over 12 monthly returns is 0.21 a year (P = 12), not 5,376 % (P = 252). Of the same
// kind: a trading-day calendar of a few weeks is annualised with 252 whatever holidays, closure or
// missing benchmark row it holds (probe r60a F1).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { epochDay, isoDay, parseIsoDay, weekdayOf } from '../../data/dates.ts';
import { isNyseHoliday } from '../../data/nyseHolidays.ts';
import { inferFrequency } from '../../reports/metrics/index.ts';
import { getRun, openStore, type StoredRun } from '../../reports/store/index.ts';
import { breadth, expectOk, hasSharedData, parseJson, scratch, sharedData } from '../cli/helpers.ts';
import { inputs, metric, studyRun } from './helpers.ts';

describe('monthly-prices', () => {
  it('a buy-and-hold run annualises with P = 12, inferred from the calendar', async () => {
    const run = await studyRun('monthly-prices', { strategy: 'buy-and-hold', params: { weights: { AAA: 1 } }, engine: { initialCash: 1_000_000, execution: 'same-close' } });
    const m = run.metrics.metrics;
    expect(run.metrics.periodsPerYear).toBe(12);
    expect(run.metrics.frequency.irregular).toBe(false);
    expect(metric(m, 'total_return').value).toBeCloseTo(0.21, 12);
    expect(metric(m, 'annual_return').value).toBeCloseTo(0.21, 4);
    expect(metric(m, 'annual_volatility').value).toBeCloseTo(0.098448, 6);
    expect(metric(m, 'sharpe').value).toBeCloseTo(1.99653, 5);
  });

  it('a study or run may set P, and the stored run records the P used', async () => {
    const run = await studyRun('monthly-prices', { strategy: 'buy-and-hold', params: { weights: { AAA: 1 } }, periodsPerYear: 4, engine: { execution: 'same-close' } });
    expect(run.metrics.periodsPerYear).toBe(4);
    expect(run.metrics.frequency.source).toBe('given: P = 4');
  });

  it('breadth metrics --prices infers P = 12 too', async () => {
    const out = await breadth(['metrics', '--prices', `${inputs('monthly-prices')}/AAA.csv`, '--json'], { cwd: scratch() });
    const json = parseJson(out);
    expect(json.periodsPerYear).toBe(12);
    expect(json.values.annual_return).toBeCloseTo(0.21, 4);
    expect(json.values.annual_volatility).toBeCloseTo(0.098448, 6);
  });

  it('P from spacing: daily, weekly, monthly, quarterly; irregular spacing is flagged', () => {
    const every = (gap: number, n = 30): number[] => Array.from({ length: n }, (_, k) => k * gap);
    expect(inferFrequency([0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14]).periodsPerYear).toBe(252); // weekdays
    expect(inferFrequency(every(7)).periodsPerYear).toBe(52);
    expect(inferFrequency(every(91)).periodsPerYear).toBe(4);
    expect(inferFrequency(every(365)).periodsPerYear).toBe(1);
    const mixed = inferFrequency([0, 1, 2, 30, 60, 61, 62, 120, 121, 200]);
    expect(mixed.irregular).toBe(true);
  });
});

/** `breadth run` of buy-and-hold `symbol` with 10,000 cash on the folder `data`, then `more` arguments; the stored run. */
async function storedRun(data: string, symbol: string, ...more: string[]): Promise<StoredRun> {
  const dir = scratch();
  expectOk(await breadth(['run', '--data', data, '--strategy', 'buy-and-hold', '--param', `weights={"${symbol}":1}`, '--cash', '10000', '--db', 'out.db', ...more], { cwd: dir }));
  const store = openStore(join(dir, 'out.db'));
  try {
    const run = getRun(store, 1);
    if (run === null || run === undefined) throw new Error('no run stored');
    return run;
  } finally {
    store.close();
  }
}

/** Sample standard deviation (ddof 1). */
const std = (x: readonly number[]): number => {
  const mean = x.reduce((a, v) => a + v, 0) / x.length;
  return Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / (x.length - 1));
};

/** The annualisation caveats a run may carry: an irregular P of its own, or another P for its relative metrics. */
const annualisation = (run: StoredRun): string[] => run.caveats.map((c) => c.message).filter((m) => m.startsWith('annualised with P') || m.startsWith('relative metrics are annualised'));

describe('a trading-day calendar of a few weeks (probe r60a F1)', () => {
  it('NYSE sessions 2001-08-27 … 10-05 (Labor Day, the 09-11 … 14 closure) against a benchmark lacking 09-19: P 252 for the run and its pairs, by hand', async () => {
    // 25 sessions, 5 whole weeks holding 20 (208.7 a year: P was 209; 198 for the 19 paired dates in them). AAA: 100, then ×1.02 and
    // ×0.99 in turn; 10,000 buys 100 shares at the first close, so NAV = 100 · AAA and r alternates 0.02, −0.01 (24 returns).
    const sessions = [];
    for (let d = epochDay(2001, 8, 27); d <= epochDay(2001, 10, 5); d++) if (weekdayOf(d) % 6 !== 0 && !isNyseHoliday(d) && !(d >= epochDay(2001, 9, 11) && d <= epochDay(2001, 9, 14))) sessions.push(d);
    expect(sessions.length).toBe(25);
    const dir = scratch();
    let aaa = 100;
    const rows = sessions.map((d, t) => `${isoDay(d)},${(aaa *= t === 0 ? 1 : t % 2 === 1 ? 1.02 : 0.99)}`);
    // BENCH: 100 · 1.005^t on every session but 2001-09-19 (t = 12).
    const bench = sessions.map((d, t) => `${isoDay(d)},${100 * 1.005 ** t}`).filter((_, t) => t !== 12);
    writeFileSync(join(dir, 'AAA.csv'), ['Date,AdjClose', ...rows, ''].join('\n'));
    writeFileSync(join(dir, 'BENCH.csv'), ['Date,AdjClose', ...bench, ''].join('\n'));
    const run = await storedRun(dir, 'AAA', '--benchmark', 'BENCH', '--execution', 'same-close');
    expect(run.run.periodsPerYear).toBe(252);
    expect(annualisation(run)).toEqual([]);
    const r = Array.from({ length: 24 }, (_, k) => (k % 2 === 0 ? 0.02 : -0.01));
    // annual return (1.02 · 0.99)^(12 · 252/24) − 1 = 1.0098^126 − 1 = 2.4147; volatility std(r) · √252 = 0.015 · √(24/23) · √252.
    expect(metric(run.metrics, 'annual_return').value).toBeCloseTo(1.0098 ** 126 - 1, 9);
    expect(metric(run.metrics, 'annual_volatility').value).toBeCloseTo(0.015 * Math.sqrt(24 / 23) * Math.sqrt(252), 9);
    // Paired: 23 intervals, 09-18 → 09-20 joined (r = 1.0098 − 1 against b = 1.005² − 1), the others r against b = 0.005.
    const paired = [...r.slice(0, 11), 1.0098 - 1, ...r.slice(13)];
    const b = [...Array(11).fill(0.005), 1.005 ** 2 - 1, ...Array(11).fill(0.005)];
    const active = paired.map((x, k) => x - b[k]);
    expect(metric(run.metrics, 'tracking_error')).toMatchObject({ value: expect.closeTo(std(active) * Math.sqrt(252), 9), n: 23 });
    expect(metric(run.metrics, 'information_ratio').value).toBeCloseTo((active.reduce((a, v) => a + v, 0) / 23 / std(active)) * Math.sqrt(252), 7);
  });

  /** The rows of a file of ../shared/data from `from` to `to`, less `skip` (ISO dates). */
  const slice = (file: string, from: string, to: string, skip: string[] = []): string => {
    const [header, ...lines] = readFileSync(join(sharedData, 'etf', 'adjclose', file), 'utf8').trim().split('\n');
    return [header, ...lines.filter((l) => { const d = l.slice(0, 10); return d >= from && d <= to && !skip.includes(d) && !Number.isNaN(parseIsoDay(d)); }), ''].join('\n');
  };

  it.skipIf(!hasSharedData)('IWM 2001-08-27 → 10-05: P 252, annual return (1 − 0.1231369)^(252/24) − 1 = −0.74836, not −0.6816 at P = 209', async () => {
    const dir = join(scratch(), 'iwm');
    mkdirSync(dir);
    writeFileSync(join(dir, 'IWM.csv'), slice('IWM.csv', '2001-08-27', '2001-10-05'));
    // Next-open (the default) on a file without opens: bought at the 08-28 close, as the probe ran it.
    const run = await storedRun(dir, 'IWM');
    expect(run.run.periodsPerYear).toBe(252);
    expect(annualisation(run)).toEqual([]);
    expect(metric(run.metrics, 'total_return')).toMatchObject({ value: expect.closeTo(-0.1231369, 7), n: 24 });
    expect(metric(run.metrics, 'annual_return').value).toBeCloseTo((1 - 0.12313694) ** (252 / 24) - 1, 6); // −0.748358
    // Volatility: the 0.2715948 stored at P = 209 is std(r) · √209, so std(r) · √252 = 0.2715948 · √(252/209) = 0.298228.
    expect(metric(run.metrics, 'annual_volatility').value).toBeCloseTo(0.2715948 * Math.sqrt(252 / 209), 6);
  });

  it.skipIf(!hasSharedData)('IWM against SPY lacking 2025-01-02 (2024-12-16 → 2025-01-24): relative metrics at P 252, not 219 — TE 0.105337, alpha −0.247256, IR −2.59354', async () => {
    const dir = join(scratch(), 'hol');
    mkdirSync(dir);
    writeFileSync(join(dir, 'IWM.csv'), slice('IWM.csv', '2024-12-16', '2025-01-24'));
    writeFileSync(join(dir, 'SPY.csv'), slice('SPY.csv', '2024-12-16', '2025-01-24', ['2025-01-02']));
    const run = await storedRun(dir, 'IWM', '--benchmark', 'SPY', '--execution', 'same-close');
    expect(run.run.periodsPerYear).toBe(252);
    expect(annualisation(run)).toEqual([]);
    // By hand (the probe's python over the 24 common-date intervals of the stored NAV and SPY): std(r − b) = 0.0066356,
    // TE = 0.0066356 · √252; alpha = (1 + mean(r − β·b))^252 − 1, β = 1.154320; IR = mean(r − b) / std(r − b) · √252.
    // At P = 219 they were 0.098198, −0.218731 and −2.41777.
    expect(metric(run.metrics, 'beta')).toMatchObject({ value: expect.closeTo(1.15432, 5), n: 24 });
    expect(metric(run.metrics, 'tracking_error').value).toBeCloseTo(0.105337, 6);
    expect(metric(run.metrics, 'alpha').value).toBeCloseTo(-0.247256, 6);
    expect(metric(run.metrics, 'information_ratio').value).toBeCloseTo(-2.59354, 5);
  });
});
