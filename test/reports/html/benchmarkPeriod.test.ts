// Every figure set beside the benchmark's is measured over the benchmark's period: a benchmark
// that starts after the run is compared with the run over the period both cover — Sharpe,
// volatility and every other row, not only the returns — and the columns say their periods.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTearSheet, tearSheetFromStoredRun } from '../../../reports/html/index.ts';
import type { TearSheetData } from '../../../reports/html/model.ts';
import { epochDays } from '../../../reports/html/series.ts';
import { commonPeriod, comparedToBenchmark } from '../../../reports/html/tearSheet/figures.ts';
import { tearSheetCharts } from '../../../reports/html/tearSheet/tearSheetCharts.ts';
import { computeMetrics } from '../../../reports/metrics/index.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { getRun, openStore, writeRun } from '../../../reports/store/index.ts';
import { handResult } from '../store/fixtures.ts';

/** Hand statistics of simple returns: ddof 1, rf = 0, P = 252. */
function hand(r: readonly number[]): { sharpe: number; vol: number } {
  const m = r.reduce((s, x) => s + x, 0) / r.length;
  const sd = Math.sqrt(r.reduce((s, x) => s + (x - m) ** 2, 0) / (r.length - 1));
  return { sharpe: (m / sd) * Math.sqrt(252), vol: sd * Math.sqrt(252) };
}
const ratios = (v: readonly number[]): number[] => v.slice(1).map((x, k) => x / v[k] - 1);
const row = (html: string, label: string): string => new RegExp(`<th scope="row">${label.replace(/[()]/g, '\\$&')}</th>(.*?)</tr>`).exec(html)?.[1] ?? '';
const tile = (html: string, figure: string): string => new RegExp(`data-figure="${figure}">.*?</div></div>`, 's').exec(html)?.[0] ?? '';
const signed = (x: number, digits: number, unit = ''): string => `${x >= 0 ? '+' : '-'}${Math.abs(x).toFixed(digits)}${unit}`;

function storedSheet(nav: number[], levels: number[]): TearSheetData {
  const result = handResult({ start: '2024-01-01', symbols: [], daily: { nav } });
  const dir = mkdtempSync(join(tmpdir(), 'breadth-benchperiod-'));
  const store = openStore(join(dir, 'runs.sqlite'));
  try {
    const id = writeRun(store, { result, metrics: runMetrics(result, { benchmark: { name: 'LATE', levels: Float64Array.from(levels) } }) });
    const stored = getRun(store, id);
    if (stored === undefined) throw new Error('run not stored');
    return tearSheetFromStoredRun(stored);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a benchmark that starts two sessions after the run (by hand)', () => {
  // Weekdays 2024-01-01 … 2024-01-09; the benchmark's first value is on 2024-01-03 (row 2).
  const nav = [1_000_000, 1_020_000, 990_000, 1_010_000, 1_040_000, 1_030_000, 1_060_000];
  const levels = [NaN, NaN, 50, 51, 50.5, 52, 53];
  const data = storedSheet(nav, levels);
  const html = renderTearSheet(data);
  // The run over its 6 returns, over the 4 intervals 01-03 → 01-09, and the benchmark over them.
  const full = hand(ratios(nav)); // Sharpe 6.5964, volatility 38.21 %
  const ours = hand(ratios(nav.slice(2))); // Sharpe 14.8926, volatility 29.36 %
  const theirs = hand(ratios(levels.slice(2))); // Sharpe 13.7474, volatility 27.10 %

  it('measures both sides of the comparison over the 4 intervals both cover', () => {
    const common = comparedToBenchmark(data);
    expect(common).toMatchObject({ first: 2, last: 6, whole: false, ownReturns: false, pairing: { intervals: 4, periodsPerYear: 252 } });
    expect(common?.strategy.get('sharpe')?.value).toBeCloseTo(ours.sharpe, 10);
    expect(common?.strategy.get('annual_volatility')?.value).toBeCloseTo(ours.vol, 12);
    expect(common?.benchmark.get('sharpe')?.value).toBeCloseTo(theirs.sharpe, 10);
    expect(common?.benchmark.get('annual_volatility')?.value).toBeCloseTo(theirs.vol, 12);
    expect(ours.sharpe - theirs.sharpe).toBeCloseTo(1.1452, 4); // across periods it read 6.60 − 13.75 = −7.15
  });

  it('puts the run over its full period beside the benchmark over its own, and each difference over the common period', () => {
    expect(row(html, 'Sharpe ratio')).toBe(
      `<td title="n = 6">${full.sharpe.toFixed(2)}</td><td title="n = 4">${theirs.sharpe.toFixed(2)}</td><td title="Sharpe ratio: hand ${ours.sharpe.toFixed(2)} minus LATE ${theirs.sharpe.toFixed(2)}, both over the 4 daily intervals 2024-01-03 → 2024-01-09">${signed(ours.sharpe - theirs.sharpe, 2)}</td>`,
    );
    const vol = row(html, 'Annual volatility');
    expect(vol).toContain(`>${(full.vol * 100).toFixed(2)}%<`);
    expect(vol).toContain(`>${(theirs.vol * 100).toFixed(2)}%<`);
    expect(vol).toContain(`>${signed((ours.vol - theirs.vol) * 100, 2, ' pp')}<`); // +2.27 pp, not +11.11 pp
    expect(html).toContain('<th scope="col">hand<span class="period">2024-01-01 → 2024-01-09</span></th><th scope="col">LATE<span class="period">2024-01-03 → 2024-01-09</span></th><th scope="col">Difference over 2024-01-03 → 2024-01-09</th>');
    expect(html).toContain("Each difference is this run minus LATE over 2024-01-03 → 2024-01-09, the period both cover (4 daily intervals; hover it for both figures); this run&#39;s column is its full period 2024-01-01 → 2024-01-09, the LATE column 2024-01-03 → 2024-01-09.");
    // Relative metrics have no benchmark figure: nothing is subtracted across periods.
    expect(row(html, 'Beta')).toMatch(/<td class="na" title="no figure of both over 2024-01-03 → 2024-01-09, the period both cover: nothing is subtracted across periods">–<\/td>$/);
  });

  it('states the Sharpe card against the benchmark over the period both cover, with the run there', () => {
    expect(tile(html, 'sharpe')).toContain(
      `<div class="value">${full.sharpe.toFixed(2)}</div><div class="vs">vs LATE ${theirs.sharpe.toFixed(2)} (+${(ours.sharpe - theirs.sharpe).toFixed(2)}) over 2024-01-03 → 2024-01-09, the period both cover (this run ${ours.sharpe.toFixed(2)})</div>`,
    );
  });
});

describe('a benchmark over the whole run', () => {
  const nav = [1_000_000, 1_020_000, 990_000, 1_010_000, 1_040_000, 1_030_000, 1_060_000];
  const data = storedSheet(nav, [50, 51, 49, 50, 52, 51.5, 53]);
  const html = renderTearSheet(data);

  it('changes nothing: the plain Difference header, no periods, each difference the columns’', () => {
    expect(comparedToBenchmark(data)?.ownReturns).toBe(true);
    expect(html).toContain('<th scope="col">hand</th><th scope="col">LATE</th><th scope="col">Difference</th>');
    const cells = [...row(html, 'Sharpe ratio').matchAll(/>([^<]+)</g)].map((m) => m[1]);
    expect(Number(cells[2])).toBeCloseTo(Number(cells[0]) - Number(cells[1]), 2);
    expect(tile(html, 'sharpe')).toMatch(/<div class="vs">vs LATE \d+\.\d\d \([+−]\d+\.\d\d\)<\/div>/);
    expect(html).not.toContain('Each difference is this run minus');
  });
});

describe('commonPeriod (property)', () => {
  it('the run over a benchmark that starts at row k has the figures of its own returns from row k', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 6, maxLength: 40 }), fc.nat(), (r, seed) => {
        const nav = r.reduce((v, x) => [...v, v[v.length - 1] * (1 + x)], [100]);
        const k = seed % (nav.length - 3); // at least 3 common rows: 2 intervals
        const levels = nav.map((_, t) => (t < k ? null : 1 + t / 100));
        const days = Array.from(nav, (_, t) => 20000 + t);
        const common = commonPeriod(nav, levels, days, 252);
        const h = hand(ratios(nav.slice(k)));
        expect(common?.pairing.intervals).toBe(nav.length - 1 - k);
        const sharpe = common?.strategy.get('sharpe')?.value ?? null;
        if (Number.isFinite(h.sharpe) && h.vol > 1e-9) expect(sharpe).toBeCloseTo(h.sharpe, 6);
        expect(common?.strategy.get('annual_volatility')?.value ?? 0).toBeCloseTo(h.vol, 9);
        expect(common?.ownReturns).toBe(k === 0);
      }),
    );
  });
});

// IWM against SMLF from ../shared/data (skipped where it is not checked out). Hand values (Python,
// csv + statistics, raw AdjClose ratios, rf = 0, ddof 1, × √252), 2015-04-30 → 2026-07-31, n = 2,829:
// IWM Sharpe 0.5168312, volatility 22.566667 %; SMLF Sharpe 0.6124891, volatility 21.507456 %;
// IWM 2010-01-04 → 2026-07-31 (n = 4,168) Sharpe 0.5846170.
const DATA = path.resolve(import.meta.dirname, '../../../..', 'shared/data/etf/adjclose');
const hasData = existsSync(join(DATA, 'IWM.csv')) && existsSync(join(DATA, 'SMLF.csv'));

describe.skipIf(!hasData)('IWM from 2010 against SMLF from 2015 (../shared/data)', () => {
  const read = (symbol: string): Map<string, number> =>
    new Map(
      readFileSync(join(DATA, `${symbol}.csv`), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','))
        .map(([d, v]) => [d, Number(v)]),
    );
  const iwm = hasData ? read('IWM') : new Map<string, number>();
  const smlf = hasData ? read('SMLF') : new Map<string, number>();
  const dates = [...iwm.keys()].filter((d) => d >= '2010-01-04' && d <= '2026-07-31');
  // A run that holds IWM alone: its NAV is IWM's level.
  const nav = dates.map((d) => (iwm.get(d) as number) * 10_000);
  const levels = dates.map((d) => smlf.get(d) ?? null);

  it('compares Sharpe and volatility over 2015-04-30 → 2026-07-31: −0.10 and +1.06 pp, not −0.03 and +0.66 pp', () => {
    const days = epochDays(dates);
    const own = computeMetrics({ returns: ratios(nav), dates: days.subarray(1), startDay: days[0] }).metrics;
    const common = commonPeriod(nav, levels, days, 252);
    expect(own.find((m) => m.name === 'sharpe')?.value).toBeCloseTo(0.584617, 6);
    expect(common).toMatchObject({ whole: false, pairing: { intervals: 2829, periodsPerYear: 252 } });
    expect(dates[common?.first ?? 0]).toBe('2015-04-30');
    expect(common?.strategy.get('sharpe')?.value).toBeCloseTo(0.5168312, 6);
    expect(common?.strategy.get('annual_volatility')?.value).toBeCloseTo(0.22566667, 7);
    expect(common?.benchmark.get('sharpe')?.value).toBeCloseTo(0.6124891, 6);
    expect(common?.benchmark.get('annual_volatility')?.value).toBeCloseTo(0.21507456, 7);
    const data: TearSheetData = {
      run: { id: '1', label: 'IWM', strategy: { name: 'buy-and-hold', params: {} }, data: { name: 'etf', from: dates[0], to: dates[dates.length - 1], sessions: dates.length, synthetic: false }, execution: { convention: 'next-open', lookAheadProne: false }, costModels: [], currency: 'USD', periodsPerYear: 252, initialCapital: nav[0] },
      dates,
      nav,
      benchmark: { name: 'SMLF', nav: levels },
      metrics: { strategy: own, benchmark: [...(common?.benchmark.values() ?? [])] },
      drawdowns: [],
      // Aligned with the dates, as the model asks: the chart refuses a series of another length.
      exposures: { long: dates.map(() => 1), short: dates.map(() => 0), gross: dates.map(() => 1), net: dates.map(() => 1), longCount: dates.map(() => 1), shortCount: dates.map(() => 0) },
      tradedNotional: dates.map(() => 0),
      costs: [],
      contributors: [],
      detractors: [],
      caveats: [],
    };
    const html = renderTearSheet(data);
    expect(row(html, 'Sharpe ratio')).toMatch(/<td title="n = 4168">0\.58<\/td><td title="n = 2829">0\.61<\/td><td title="Sharpe ratio: IWM 0\.52 minus SMLF 0\.61, both over the 2,829 daily intervals 2015-04-30 → 2026-07-31">-0\.10<\/td>$/);
    expect(row(html, 'Annual volatility')).toMatch(/>\+1\.06 pp<\/td>$/);
  });
});

const lineValues = (charts: ReturnType<typeof tearSheetCharts>, id: string, k: number): (number | null)[] => {
  const chart = charts.payload.charts.find((c) => c.id === id);
  return chart?.type === 'line' ? chart.series[k].values : [];
};

describe('a benchmark that starts after the run (probe r64f F0)', () => {
  // The run: 900,000 → 950,000, then from session 2 +20 %, −20 %, +20 %; LATE has no value on sessions 0–1,
  // then 10 → 11 → 9.9 → 10.89: +10 %, −10 %, +10 %. Paired returns r = 2·b, so std(r)/std(b) = 2.
  const data = storedSheet([900_000, 950_000, 1_000_000, 1_200_000, 960_000, 1_152_000], [NaN, NaN, 10, 11, 9.9, 10.89]);
  const charts = tearSheetCharts(data);

  it('starts the volatility-matched benchmark at the run’s NAV on the first session both have, with no line before it', () => {
    expect(charts.volatilityMatch?.factor).toBeCloseTo(2, 12);
    // 1,000,000 on session 2, then ×(1 + 2·0.1) = 1,200,000, ×(1 − 2·0.1) = 960,000, ×1.2 = 1,152,000 — the run's
    // own path, as it must be for r = 2·b. (The old chart held 900,000 flat for two sessions and ended at 1,036,800.)
    const levered = lineValues(charts, 'vol-matched', 1);
    expect(levered.slice(0, 2)).toEqual([null, null]);
    [1_000_000, 1_200_000, 960_000, 1_152_000].forEach((v, k) => expect(levered[k + 2]).toBeCloseTo(v, 6));
  });

  it('draws the benchmark’s underwater line only from its first session: 0, 0, 9.9/11 − 1, 10.89/11 − 1', () => {
    const underwater = lineValues(charts, 'underwater', 1);
    expect(underwater.slice(0, 2)).toEqual([null, null]);
    [0, 0, -0.1, -0.01].forEach((v, k) => expect(underwater[k + 2]).toBeCloseTo(v, 6));
  });

  it('draws the benchmark’s rolling statistic only for windows wholly after its first session', () => {
    // 300 sessions alternating +1 % / −1 %; LATE from session 10 on, alternating +2 % / −1 %. The one-year window is
    // 252 returns: the window ending on session s starts at level s − 252, so the first drawn is s = 262 (the old
    // chart drew s = 252 … 261 from the 242–251 returns LATE had).
    const nav = Array.from({ length: 300 }, (_, t) => 1_000_000 * 1.01 ** Math.ceil(t / 2) * 0.99 ** Math.floor(t / 2));
    const levels = Array.from({ length: 300 }, (_, t) => (t < 10 ? NaN : 100 * 1.02 ** Math.ceil((t - 10) / 2) * 0.99 ** Math.floor((t - 10) / 2)));
    const late = tearSheetCharts(storedSheet(nav, levels));
    const chart = late.payload.charts.find((c) => c.id === 'rolling-volatility');
    const series = chart?.type === 'line' ? chart.series.find((s) => s.name === 'LATE, 252') : undefined;
    // 300 sessions are under the coarse limit: every session is a point, so the index is the session.
    expect(series?.values.length).toBe(300);
    expect(series?.values.findIndex((v) => v !== null)).toBe(262);
  });
});
