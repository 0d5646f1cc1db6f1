// The tear sheet compares the run with its benchmark over the same intervals: CAGR over the
// common period, the benchmark's own metrics on its own value intervals and their P, and charts
// that compound a benchmark gap into one interval instead of losing the move.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTearSheet, tearSheetFromStoredRun } from '../../../reports/html/index.ts';
import { pairedOnRows } from '../../../reports/html/series.ts';
import { commonPeriod } from '../../../reports/html/tearSheet/figures.ts';
import { tearSheetCharts } from '../../../reports/html/tearSheet/tearSheetCharts.ts';
import { monthIndex } from '../../../reports/metrics/index.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { getRun, openStore, writeRun } from '../../../reports/store/index.ts';
import { handResult } from '../store/fixtures.ts';

const value = (metrics: ReadonlyMap<string, { value: number | null }> | undefined, name: string): number => metrics?.get(name)?.value ?? NaN;

describe('commonPeriod', () => {
  it('a benchmark from session 1 to session 3 is compared over those sessions only (by hand)', () => {
    const days = [0, 91, 182, 273, 364]; // quarterly: the pairs are spaced like the series, P = 4 stands
    const common = commonPeriod([100, 110, 121, 133.1, 146.41], [null, 1, 1.05, 1.05, null], days, 4);
    // NAV 110 → 133.1: +21 %, over 2 returns at P = 4: 1.21² − 1, over 182 days: 1.21^(365.25/182) − 1; benchmark +5 %.
    expect(common).toMatchObject({ first: 1, last: 3, whole: false, ownReturns: false, pairing: { intervals: 2, periodsPerYear: 4 } });
    expect(value(common?.strategy, 'total_return')).toBeCloseTo(0.21, 14);
    expect(value(common?.strategy, 'annual_return')).toBeCloseTo(0.4641, 14);
    expect(value(common?.strategy, 'cagr_calendar')).toBeCloseTo(1.21 ** (365.25 / 182) - 1, 14);
    expect(value(common?.benchmark, 'total_return')).toBeCloseTo(0.05, 14);
    expect(value(common?.benchmark, 'annual_return')).toBeCloseTo(0.1025, 14);
    expect(value(common?.benchmark, 'cagr_calendar')).toBeCloseTo(1.05 ** (365.25 / 182) - 1, 14);
    expect(commonPeriod([100, 101], [1, NaN], [0, 1], 252)).toBeNull();
  });

  it('a daily NAV against month-end values: both annualised over the monthly intervals with P = 12 (by hand)', () => {
    // Weekdays 2024-01-31 … 2024-03-29 (43 sessions); the benchmark has values on the three month ends only.
    const days = Array.from({ length: 90 }, (_, k) => 19753 + k).filter((d) => ((d + 4) % 7) % 6 !== 0); // day 0 was a Thursday; 19753 = 2024-01-31, a Wednesday
    const last = days.indexOf(19811); // 2024-03-29
    const dates = days.slice(0, last + 1);
    const nav = dates.map((_, t) => 100 * 1.001 ** t);
    const feb = dates.indexOf(19782); // 2024-02-29
    const levels = dates.map((_, t) => (t === 0 ? 1 : t === feb ? 1.1 : t === dates.length - 1 ? 1.21 : null));
    const common = commonPeriod(nav, levels, dates, 252);
    // Two monthly intervals, P = 12: benchmark 1.21^(12/2) − 1; the run 1.001^42 over the same two months.
    expect(common?.pairing).toMatchObject({ intervals: 2, periodsPerYear: 12 });
    expect(common?.whole).toBe(true);
    expect(common?.ownReturns).toBe(false);
    expect(value(common?.benchmark, 'annual_return')).toBeCloseTo(1.21 ** 6 - 1, 12);
    expect(value(common?.strategy, 'annual_return')).toBeCloseTo(1.001 ** (42 * 6) - 1, 12);
    expect(value(common?.strategy, 'total_return')).toBeCloseTo(1.001 ** 42 - 1, 12);
  });
});

describe('pairedOnRows', () => {
  it('compounds the NAV across a benchmark gap and pairs it with the benchmark over the same two sessions', () => {
    const p = pairedOnRows([100, 102, 99, 101], [10, null, 11, 11.55], [0.001, 0.001, 0.001]);
    expect(p.r[0]).toBeNaN();
    expect(p.b[0]).toBeNaN();
    expect(p.r[1]).toBeCloseTo(-0.01, 14); // 100 → 99 over sessions 1 and 2
    expect(p.b[1]).toBeCloseTo(0.1, 14); // 10 → 11, not lost
    expect(p.rf[1]).toBeCloseTo(1.001 ** 2 - 1, 14);
    expect(p.r[2]).toBeCloseTo(101 / 99 - 1, 14);
    expect(p.b[2]).toBeCloseTo(0.05, 14);
  });
});

describe('a stored daily run against a month-end benchmark', () => {
  // 2024-01-31 .. 2024-07-31 on weekdays; the run gains 0.1 % a session; the benchmark has values
  // only on month ends and moves b per month.
  const T = 131;
  const nav = Array.from({ length: T }, (_, t) => 1_000_000 * 1.001 ** t);
  const result = handResult({ start: '2024-01-31', symbols: [], daily: { nav } });
  const b = [0.02, -0.01, 0.03, 0, 0.015, -0.02];
  const monthEnd = Array.from(result.dates, (d, k) => k === T - 1 || monthIndex(result.dates[k + 1]) !== monthIndex(d));
  let month = 0;
  let level = 1;
  const levels = Float64Array.from(result.dates, (_, k) => (k === 0 ? 1 : monthEnd[k] ? (level *= 1 + b[month++]) : NaN));
  const dir = mkdtempSync(join(tmpdir(), 'breadth-pairing-'));
  const store = openStore(join(dir, 'runs.sqlite'));
  let data: ReturnType<typeof tearSheetFromStoredRun>;
  try {
    const id = writeRun(store, { result, metrics: runMetrics(result, { benchmark: { name: 'BM', levels } }) });
    const stored = getRun(store, id);
    if (stored === undefined) throw new Error('run not stored');
    data = tearSheetFromStoredRun(stored);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }

  it('measures the benchmark column on its 6 monthly intervals with P = 12 (by hand)', () => {
    expect(month).toBe(6);
    expect(data.pairing).toMatchObject({ intervals: 6, periodsPerYear: 12 });
    const mean = b.reduce((s, v) => s + v, 0) / 6;
    const sd = Math.sqrt(b.reduce((s, v) => s + (v - mean) ** 2, 0) / 5);
    const vol = data.metrics.benchmark?.find((m) => m.name === 'annual_volatility');
    expect(vol).toMatchObject({ value: expect.closeTo(sd * Math.sqrt(12), 12), n: 6 });
  });

  it('states one CAGR difference on the first screen, in the metric table and in its note (by hand)', () => {
    // Both over the same time, the run's 130 sessions = 130 / 252 years (the common period is the whole run, so the
    // run's figure beside the benchmark is its own, 1.001^252 − 1); the benchmark's 6 monthly intervals grow Π(1 + b).
    const bench = b.reduce((w, x) => w * (1 + x), 1) ** (252 / 130) - 1;
    const ours = 1.001 ** 252 - 1;
    const html = renderTearSheet(data);
    const diff = `${(ours - bench) * 100 >= 0 ? '+' : '−'}${Math.abs((ours - bench) * 100).toFixed(2)} pp`;
    const cagrTile = /data-figure="cagr">.*?<\/div><\/div>/s.exec(html)?.[0] ?? '';
    expect(cagrTile).toContain(`vs BM ${(bench * 100).toFixed(2)}%`);
    expect(cagrTile).toContain(`(${diff})`);
    // The run's figure over the common period is its own, so the tile states it once.
    expect(cagrTile).toContain(`<div class="value">${(ours * 100).toFixed(2)}%</div>`);
    expect(cagrTile).not.toContain('this run');
    const row = /<th scope="row">Annual return \(CAGR\)<\/th>(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(row).toContain(`>${(bench * 100).toFixed(2)}%<`);
    expect(row).toContain(`>${diff.replace('−', '-')}<`);
    // The difference's title names both figures over the paired intervals.
    expect(row).toMatch(new RegExp(`title="Annual return \\(CAGR\\): .* ${(ours * 100).toFixed(2)}% minus BM ${(bench * 100).toFixed(2)}%, both over the 6 monthly intervals 2024-01-31 → 2024-07-31"`));
    expect(html).toContain('Each difference is this run minus BM on the 6 monthly intervals paired with BM');
  });

  it('labels the benchmark column by its monthly period and subtracts no per-period figure or drawdown length across periods', () => {
    const html = renderTearSheet(data);
    expect(html).toContain('<th scope="row">VaR 95% (daily) · BM: VaR 95% (monthly)</th>');
    expect(html).toContain('<th scope="row">Best day · BM: Best month</th>');
    const row = /<th scope="row">Longest drawdown<\/th>(.*?)<\/tr>/.exec(html)?.[1] ?? '';
    // BM: peak at the end of month 1, −1 % in month 2, back above it in month 3: 2 months (the run never falls).
    // Over the same 6 months the run never falls either: no longest drawdown of both, no difference.
    expect(row).toBe('<td class="na" title="n = 0">no drawdown (n = 0)</td><td title="n = 2">2 months</td><td class="na" title="no figure of both on the 6 monthly intervals paired with BM: nothing is subtracted across periods">–</td>');
    expect(html).toContain("BM&#39;s returns over the 6 monthly intervals paired with the run, scaled by");
  });

  it('draws the benchmark on the equity chart through its month ends: every one of its 7 values kept, joined across the days between', () => {
    const chart = tearSheetCharts(data).payload.charts.find((c) => c.id === 'equity');
    const series = chart?.type === 'line' ? chart.series[1] : undefined;
    expect(series?.connect).toBe(true);
    // Rebased to the NAV's 1,000,000 at the first row: 1,000,000 × Π(1 + b) over the months so far.
    const expected = [1, ...b].map((_, k) => b.slice(0, k).reduce((w, x) => w * (1 + x), 1_000_000));
    const drawn = (series?.values ?? []).filter((v) => v !== null) as number[];
    expect(drawn.length).toBe(7);
    // Chart values carry 6 significant digits (compact).
    drawn.forEach((v, k) => expect(Math.abs(v / expected[k] - 1)).toBeLessThan(5e-6));
  });

  it('says so beside the metrics, and the volatility-matched benchmark ends where its levered months compound to', () => {
    expect(renderTearSheet(data)).toContain("Relative metrics: 6 intervals paired with BM, annualized with P = 12, not the run&#39;s 252");
    const charts = tearSheetCharts(data);
    const factor = charts.volatilityMatch?.factor as number;
    const r = b.map((_, k) => 1.001 ** (result.dates.filter((__, t) => t > 0 && monthIndex(result.dates[t]) === monthIndex(result.dates[0]) + k + 1).length) - 1);
    const mr = r.reduce((s, v) => s + v, 0) / 6;
    const mb = b.reduce((s, v) => s + v, 0) / 6;
    const ratio = Math.sqrt(r.reduce((s, v) => s + (v - mr) ** 2, 0) / b.reduce((s, v) => s + (v - mb) ** 2, 0));
    expect(factor).toBeCloseTo(ratio, 12);
    // Every month's move is kept: the levered benchmark ends at 1,000,000 × Π(1 + factor · b).
    const chart = charts.payload.charts.find((c) => c.id === 'vol-matched');
    const levered = chart?.type === 'line' ? chart.series[1].values : [];
    expect(levered[levered.length - 1]).toBeCloseTo(b.reduce((w, x) => w * (1 + factor * x), 1_000_000), -1);
  });
});
