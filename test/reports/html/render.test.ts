// The rendered HTML as text: one self-contained file with a strict CSP, nothing fetched, every
// data-derived string escaped, a container for every chart, and a 20-year report under 1 MB.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../../data/dates.ts';
import { commonStart, returnCorrelations } from '../../../reports/html/comparison/comparisonCharts.ts';
import { CONTENT_SECURITY_POLICY } from '../../../reports/html/page/layout.ts';
import { DECISION_WEIGHT_NOTE } from '../../../reports/html/tearSheet/pnl.ts';
import { renderComparison, renderTearSheet, type ComparisonRun, type TearSheetData } from '../../../reports/html/index.ts';
import { fabricateTearSheet, weekdayDates } from './helpers/fabricate.ts';
import { comparisonRun, HOSTILE, payload } from './helpers/pages.ts';

/** The page without its three inline scripts (the data, the deflated echarts and the client script). */
function markup(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
}

describe('renderTearSheet', () => {
  const data = fabricateTearSheet({ sessions: 600 });
  const html = renderTearSheet(data);

  it('is one document with the strict CSP and no external resource', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    const page = markup(html);
    expect(page).not.toMatch(/<link\b|\bsrc=|url\(|@import/i);
    expect(page.match(/<script\b/g)).toHaveLength(3);
  });

  it('has a container for every chart and a chart for every container', () => {
    const ids = payload(html).charts.map((c) => c.id);
    const containers = [...html.matchAll(/id="chart-([a-z-]+)"/g)].map((m) => m[1]);
    expect(new Set(containers)).toEqual(new Set(ids));
    expect(ids).toEqual(
      expect.arrayContaining(['equity', 'vol-matched', 'underwater', 'rolling-sharpe', 'rolling-sortino', 'rolling-volatility', 'rolling-beta', 'rolling-alpha', 'monthly', 'yearly', 'distribution', 'pnl-waterfall', 'legs', 'exposure', 'positions', 'concentration', 'turnover', 'costs', 'factor-split']),
    );
  });

  it('says "no costs" in place of an empty costs-by-year axis when every cost line is zero (probe r64f F7)', () => {
    const free: TearSheetData = { ...data, costs: data.costs.map((c) => ({ ...c, daily: c.daily.map(() => 0), total: 0, annualDrag: 0 })) };
    const page = renderTearSheet(free);
    expect(payload(page).charts.map((c) => c.id)).not.toContain('costs');
    expect(page).not.toContain('id="chart-costs"');
    expect(page).toContain('<h2>Costs by year</h2>');
    expect(page).toContain('<p class="empty">No costs: every cost line is zero over the run.</p>');
  });

  it('the costs card says when borrowing cost nothing, beside its financing figure (probe r69d F2)', () => {
    const tile = (page: string): string => /data-figure="costs">[\s\S]*?<\/div><\/div>/.exec(page)![0];
    expect(tile(html)).not.toContain('at no cost');
    const debit = { code: 'free-financing', severity: 'medium' as const, message: 'borrowed up to 51.6% of NAV in cash …', size: 0.516, unit: 'nav-share' as const, symbols: [] };
    const short = { ...debit, message: 'shorted up to 10.0% of NAV …', size: 0.1, symbols: ['S'] };
    expect(tile(renderTearSheet({ ...data, caveats: [debit] }))).toContain('— <strong>cash borrowed at no cost</strong> (<a href="#caveats">see Caveats</a>)');
    expect(tile(renderTearSheet({ ...data, caveats: [debit, short] }))).toContain('<strong>cash borrowed and shares shorted at no cost</strong>');
  });

  it('the costs card says what was paid and what was earned apart, the sum its net figure is (probe r73c F3)', () => {
    const tile = (page: string): string => /data-figure="costs">[\s\S]*?<\/div><\/div>/.exec(page)![0];
    // Drags as the probe's run had them: trading 0.20 + 0.15 = 0.35 %, financing 0.30 + 0.11 = 0.41 %, interest
    // received 0.80 % (a negative cost): net 0.35 + 0.41 − 0.80 = −0.04 %, which alone read as "almost free".
    const drag: Record<string, number> = { commission: 0.002, slippage: 0.0015, borrow_fee: 0.003, short_dividends: 0.0011, interest_paid: 0, interest_received: -0.008, borrow_rebate: 0 };
    const costs = data.costs.map((c) => ({ ...c, annualDrag: drag[c.line] ?? 0 }));
    const shown = tile(renderTearSheet({ ...data, costs, caveats: [] }));
    expect(shown).toContain('<div class="value">-0.04%</div>');
    expect(shown).toContain('<div class="vs">trading 0.35% + financing 0.41% paid − 0.80% interest earned, of mean NAV</div>');
    // Nothing earned: only what was paid.
    const unpaid = costs.map((c) => (c.line === 'interest_received' ? { ...c, annualDrag: 0 } : c));
    expect(tile(renderTearSheet({ ...data, costs: unpaid, caveats: [] }))).toContain('<div class="vs">trading 0.35% + financing 0.41% paid, of mean NAV</div>');
  });

  it('says "asked from" in bold only when the engine found the start late, not for a start on the first session after the date asked (probe r69d F7)', () => {
    const period = (page: string): string => /<p class="period">[\s\S]*?<\/p>/.exec(page)![0];
    // The data's first session is dates[0]; asked from the day before it (a Sunday, then a holiday): the run started as asked.
    const dayBefore = new Date(Date.parse(`${data.dates[0]}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const asked: TearSheetData = { ...data, run: { ...data.run, facts: { ...data.run.facts!, requestedFrom: dayBefore } }, caveats: [] };
    expect(period(renderTearSheet(asked))).not.toContain('asked from');
    const late = { code: 'late-start', severity: 'high' as const, message: `requested ${dayBefore}, data starts ${data.dates[0]} (31 days later)`, size: 31, unit: 'days' as const, symbols: [] };
    expect(period(renderTearSheet({ ...asked, caveats: [late] }))).toContain(`<strong>asked from ${dayBefore}</strong>`);
  });

  it('the cost-lines table names interest received as the negative cost it is shown as (probe r67c F1)', () => {
    const received = data.costs.find((c) => c.line === 'interest_received')!;
    expect(received.total).toBeLessThan(0);
    expect(html).toContain('<tr><td>Interest received as a cost (negative is income)</td>');
    expect(html).toContain('<tr><td>Commission</td>');
  });

  it('shows the SYNTHETIC badge only for synthetic data, and the look-ahead badge for same-close runs', () => {
    expect(html).toContain('class="badge badge-synthetic"');
    const real: TearSheetData = { ...data, run: { ...data.run, data: { ...data.run.data, synthetic: false } }, caveats: [] };
    expect(renderTearSheet(real)).not.toContain('class="badge badge-synthetic"');
    const sameClose: TearSheetData = { ...data, run: { ...data.run, execution: { convention: 'same-close', lookAheadProne: true } } };
    expect(renderTearSheet(sameClose)).toContain('LOOK-AHEAD-PRONE');
  });

  it('escapes every data-derived string in markup and in the JSON', () => {
    const hostile: TearSheetData = {
      ...data,
      run: { ...data.run, label: HOSTILE, strategy: { name: HOSTILE, params: { note: '</script><script>alert(2)</script>' } } },
      benchmark: data.benchmark === undefined ? undefined : { ...data.benchmark, name: HOSTILE },
      contributors: [{ symbol: HOSTILE, pnl: 1 }],
      caveats: [{ code: 'data-note', severity: 'high', message: HOSTILE, size: null, unit: null, symbols: [HOSTILE] }],
    };
    const out = renderTearSheet(hostile);
    expect(markup(out).includes('<img')).toBe(false);
    expect(markup(out)).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(JSON.stringify(payload(out)).includes(HOSTILE)).toBe(true);
    // Only the three real script elements end: the parameter's "</script>" stayed text.
    expect(out.match(/<\/script>/g)).toHaveLength(3);
  });

  it('says a run is too short for rolling windows instead of drawing empty plots', () => {
    const short = renderTearSheet(fabricateTearSheet({ sessions: 30 }));
    expect(payload(short).charts.map((c) => c.id).filter((id) => id.startsWith('rolling'))).toEqual([]);
    expect(short).not.toContain('id="chart-rolling');
    expect(short.match(/Not enough history: the shortest window is 126 periods and this run has 29 returns\./g)).toHaveLength(5);
  });

  it('says under the contributors and detractors that their weight is the mean at decision closes (probe r52c F3)', () => {
    expect(markup(html)).toContain(`>Avg weight at decisions</th>`);
    expect(markup(html)).toContain(`<p class="sub">${DECISION_WEIGHT_NOTE}</p>`);
  });

  it('reads null metrics as insufficient data with n', () => {
    const sparse: TearSheetData = { ...data, metrics: { strategy: [{ name: 'sharpe', value: null, n: 1, note: 'insufficient data' }] } };
    expect(renderTearSheet(sparse)).toContain('insufficient data (n = 1)');
  });

  it('keeps a 20-year daily report under 800 KB, with the equity curve\'s high and the deepest trough on the day', () => {
    const data = fabricateTearSheet({ sessions: 5_040 });
    const long = renderTearSheet(data);
    expect(Buffer.byteLength(long)).toBeLessThan(800_000);
    const { axes, charts } = payload(long);
    const equity = charts.find((c) => c.id === 'equity') as unknown as { series: { x: string; values: number[] }[] };
    const underwater = charts.find((c) => c.id === 'underwater') as unknown as { series: { values: number[] }[] };
    const days = axes[equity.series[0].x].reduce<number[]>((acc, d) => [...acc, (acc[acc.length - 1] ?? 0) + d], []);
    expect(days.length).toBeLessThan(5_040);
    const high = Math.max(...data.nav);
    expect(Math.max(...equity.series[0].values)).toBe(Number(high.toPrecision(6)));
    expect(days[equity.series[0].values.indexOf(Number(high.toPrecision(6)))]).toBe(parseIsoDay(data.dates[data.nav.indexOf(high)]));
    const worst = Math.min(...data.drawdowns.map((e) => e.depth));
    expect(Math.min(...underwater.series[0].values)).toBeCloseTo(worst, 5);
  });

  it('answers first: the summary, then the caveats and manifest, then all metrics', () => {
    const at = (marker: string): number => html.indexOf(marker);
    expect(at('id="summary"')).toBeGreaterThan(0);
    expect(at('id="summary"')).toBeLessThan(at('id="caveats"'));
    expect(at('id="caveats"')).toBeLessThan(at('class="manifest"'));
    expect(at('class="manifest"')).toBeLessThan(at('id="metrics"'));
    for (const figure of ['final-nav', 'total-return', 'cagr', 'sharpe', 'max-drawdown', 'costs', 'books']) expect(html).toContain(`data-figure="${figure}"`);
    expect(html).toContain('Final NAV (USD)');
  });

  it('withholds Treynor, with the reason, when |beta| is below 0.2', () => {
    const neutral: TearSheetData = { ...data, metrics: { strategy: [{ name: 'beta', value: 0.05, n: 599 }, { name: 'treynor', value: 3.2, n: 599 }] } };
    expect(renderTearSheet(neutral)).toContain('not shown: |beta| = 0.05, below 0.2');
    const market: TearSheetData = { ...data, metrics: { strategy: [{ name: 'beta', value: 0.9, n: 599 }, { name: 'treynor', value: 0.08, n: 599 }] } };
    expect(renderTearSheet(market)).toContain('>8.00%<');
  });

  it('scales rolling windows and ticks with P: a monthly run gets 6- and 12-period windows', () => {
    const monthly = fabricateTearSheet({ sessions: 600 });
    monthly.run = { ...monthly.run, periodsPerYear: 12 };
    const page = renderTearSheet(monthly);
    expect(payload(page).periodsPerYear).toBe(12);
    expect(page).toContain('6- and 12-period windows');
    expect(markup(page)).not.toContain('126-');
  });

  it('stars partial years in the yearly table and the heatmap, which has a year column', () => {
    const late = fabricateTearSheet({ sessions: 400, start: '2017-06-01' });
    const page = renderTearSheet(late);
    expect(page).toContain('2017* <span class="muted">06-01 to 12-29</span>');
    const heatmap = payload(page).charts.find((c) => c.id === 'monthly') as unknown as { x: string[]; y: string[] };
    expect(heatmap.x[12]).toBe('Year');
    expect(heatmap.y[0]).toBe('2017*');
  });

  it('stars a partial first or last month in the heatmap, and no month or year the run covers whole (probe r72a F4)', () => {
    type Heatmap = { x: string[]; y: string[]; cells: [number, number, number][]; starred?: number[] };
    const heatmapOf = (start: string, sessions: number): Heatmap => payload(renderTearSheet(fabricateTearSheet({ sessions, start }))).charts.find((c) => c.id === 'monthly') as unknown as Heatmap;
    const starredMonths = (h: Heatmap): string[] => (h.starred ?? []).map((k) => `${h.y[h.cells[k][1]]} ${h.x[h.cells[k][0]]}`);
    // 100 weekdays from Wed 2017-06-14: 99 after it are 19 weeks (to Wed 10-25) and 4 days, so the
    // run ends Tue 2017-10-31. June's returns start on the 15th: partial; July–October are whole.
    const midJune = heatmapOf('2017-06-14', 100);
    expect(starredMonths(midJune)).toEqual(['2017* Jun']);
    // 261 weekdays from Fri 2017-12-29: 260 after it are 52 weeks, to Fri 2018-12-28. The run's
    // returns cover 2018 from its first day (the start session is in 2017), and end after Dec 24
    // and after December's 26th: nothing partial (the old rule starred 2018 for a start on 12-29).
    const fromDecember = heatmapOf('2017-12-29', 261);
    expect(fromDecember.y).toEqual(['2018']);
    expect(starredMonths(fromDecember)).toEqual([]);
    // 30 weekdays from Mon 2018-01-01 end Fri 2018-02-09: February ends before its 26th.
    expect(starredMonths(heatmapOf('2018-01-01', 30))).toEqual(['2018* Feb']);
  });

  it('refuses a NAV that does not match its dates', () => {
    expect(() => renderTearSheet({ ...data, nav: data.nav.slice(1) })).toThrow(/NAV values for 600 dates/);
  });
});

describe('renderComparison', () => {
  const runs: ComparisonRun[] = [comparisonRun('IWM', 1, 500), comparisonRun('SMLF', 2, 500), comparisonRun('Size tilt', 3, 400, '2006-03-01')];
  const html = renderComparison({ title: 'IWM vs SMLF', runs });

  it('draws growth, drawdowns, relative strength, rolling excess, correlation and exposures, each with its container', () => {
    const ids = payload(html).charts.map((c) => c.id);
    expect(ids).toEqual(['growth', 'drawdown', 'relative-strength', 'rolling-excess', 'correlation', 'gross', 'net', 'exposure-difference']);
    for (const id of ids) expect(html).toContain(`id="chart-${id}"`);
  });

  it('puts the metrics side by side with deltas against the first run', () => {
    const html = renderComparison({ title: 'IWM vs SMLF', runs, period: 'full' });
    const smlf = runs[1].metrics.find((m) => m.name === 'annual_return')?.value as number;
    const iwm = runs[0].metrics.find((m) => m.name === 'annual_return')?.value as number;
    const sign = smlf - iwm > 0 ? '+' : '-';
    expect(html).toContain(`<span class="delta">${sign}${Math.abs((smlf - iwm) * 100).toFixed(2)} pp</span>`);
  });

  it('lists a caveat every run shares once, for all runs, and a run\'s own caveat under its name', () => {
    const caveat = (message: string) => ({ code: 'data-note', severity: 'low' as const, message, size: null, unit: null, symbols: [] });
    const shared = 'survivorship: the universe is survivor-biased';
    const withCaveats = [
      { ...runs[0], caveats: [caveat(shared), caveat('only-iwm caveat')] },
      { ...runs[1], caveats: [caveat(shared)] },
    ];
    const page = renderComparison({ title: 't', runs: withCaveats });
    expect(page.split(shared).length - 1).toBe(1);
    expect(page).toContain(`<span class="runs" title="the runs it applies to">all runs</span><span class="msg">${shared}</span>`);
    expect(page).toContain(`<span class="runs" title="the runs it applies to">${runs[0].label}</span><span class="msg">only-iwm caveat</span>`);
  });

  it('names a run apart from a message that starts with a word like its name (probe r64f F7: "ruin: ruin: NAV fell …")', () => {
    const ruin = { code: 'ruin', severity: 'high' as const, message: 'ruin: NAV fell to zero or below on 2024-01-08; nothing was ordered or filled after it', size: null, unit: null, symbols: [] };
    const page = renderComparison({ title: 't', runs: [{ ...runs[0], label: 'ruin', caveats: [ruin] }, runs[1]] });
    expect(page).toContain(`<span class="runs" title="the runs it applies to">ruin</span><span class="msg">${ruin.message}</span>`);
    expect(page).not.toContain('ruin: ruin:');
  });

  it('a high caveat is shown above the at-a-glance table, the rest only in the Caveats section (probe r26a: a run 55 % in cash for 7 years was said 9 screens down)', () => {
    const caveat = (severity: 'high' | 'low', message: string) => ({ code: 'data-note', severity, message, size: null, unit: null, symbols: [] });
    const high = 'first investment after 1,850 sessions in cash';
    const page = renderComparison({ title: 't', runs: [{ ...runs[0], caveats: [caveat('high', high), caveat('low', 'a low note')] }, runs[1]] });
    const glance = page.indexOf('<h2>At a glance</h2>');
    expect(page.indexOf('<h2>Before you read the figures</h2>')).toBeGreaterThan(0);
    expect(page.indexOf(high)).toBeLessThan(glance);
    expect(page.indexOf('a low note')).toBeGreaterThan(glance);
    expect(renderComparison({ title: 't', runs: [{ ...runs[0], caveats: [caveat('low', 'a low note')] }, runs[1]] })).not.toContain('Before you read the figures');
  });

  it('starts the curves at the first shared date and measures over the common period by default', () => {
    expect(commonStart(runs)).toBe(runs[2].dates[0]);
    expect(html).toContain(`Rebased to 1 on ${runs[2].dates[0]}`);
    const end = [...runs.map((r) => r.dates[r.dates.length - 1])].sort()[0];
    expect(html).toContain(`Metrics over the common period ${runs[2].dates[0]} → ${end}`);
    const full = renderComparison({ title: 'IWM vs SMLF', runs, period: 'full' });
    expect(full).toContain('Metrics each run over its own full period');
  });

  it('marks the best of each row and flags relative metrics measured against different benchmarks', () => {
    expect(html).toContain('class="best"');
    expect(html).not.toContain('class="flag"');
    const differ = [{ ...runs[0], benchmark: { name: 'IWM', levels: runs[0].nav } }, { ...runs[1], benchmark: { name: 'SPY', levels: runs[1].nav } }];
    expect(renderComparison({ title: 't', runs: differ })).toContain('<abbr class="flag" title="measured against different benchmarks: IWM: IWM, SMLF: SPY">†</abbr>');
  });

  it('tests the Sharpe difference of each run against the reference', () => {
    expect(html.match(/data-figure="sharpe-difference"/g)).toHaveLength(2);
    expect(html).toMatch(/SMLF vs IWM: Sharpe -?\d\.\d\d vs -?\d\.\d\d, difference [+-]\d\.\d\d, z = -?\d\.\d\d, p = \d\.\d{3} over 399 intervals between the dates both share, annualised with P = 252/);
  });

  it('correlates returns on shared dates: 1 on the diagonal and for identical runs', () => {
    const twin = { ...runs[0], id: 'twin', label: 'IWM again' };
    const m = returnCorrelations([runs[0], twin, runs[1]]);
    expect(m[0][0]).toBe(1);
    expect(m[0][1]).toBeCloseTo(1, 12);
    expect(m[0][2]).toBe(m[2][0]);
    expect(Math.abs(m[0][2] as number)).toBeLessThan(1);
  });

  it('escapes run labels', () => {
    const out = renderComparison({ title: HOSTILE, runs: [comparisonRun(HOSTILE, 4, 300), runs[1]] });
    expect(markup(out).includes('<img')).toBe(false);
    expect(markup(out)).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out.match(/<\/script>/g)).toHaveLength(3);
  });
});

describe('every chart point sits on its own session (probe r52c: the underwater curve was one session late)', () => {
  // A line series of the page as date → value.
  const seriesByDate = (html: string, id: string, k: number): Map<string, number | null> => {
    const { axes, charts } = payload(html);
    const chart = charts.find((c) => c.id === id) as unknown as { series: { x: string; values: (number | null)[] }[] };
    const s = chart.series[k];
    let day = 0;
    const dates = axes[s.x].map((d, j) => isoDay(j === 0 ? (day = d) : (day += d)));
    return new Map(dates.map((d, j) => [d, s.values[j]]));
  };
  // Mon 2024-01-01 … Fri 2024-01-05. NAV 100, 110, 99, 104.5, 88: running max 100, 110, 110, 110, 110,
  // so dd = W_t / max W − 1 = 0, 0, 99/110 − 1 = −0.1, 104.5/110 − 1 = −0.05, 88/110 − 1 = −0.2.
  // The benchmark 50, 40, 45, 60, 54: max 50, 50, 50, 60, 60, dd = 0, −0.2, −0.1, 0, 54/60 − 1 = −0.1.
  // The old curve was 0, 0, 0, −0.1, −0.05 (each session the drawdown of the one before, −0.2 never drawn).
  const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
  const nav = [100, 110, 99, 104.5, 88];
  const bench = [50, 40, 45, 60, 54];
  const own = [0, 0, -0.1, -0.05, -0.2];
  const benchDrawdown = [0, -0.2, -0.1, 0, -0.1];
  // The chart's two curves, each point on its date: the hand values above, the last date drawn.
  const expectHandCurves = (html: string, id: string): void => {
    const [first, second] = [seriesByDate(html, id, 0), seriesByDate(html, id, 1)];
    expect([...first.keys()]).toEqual(dates);
    dates.forEach((d, t) => {
      expect(first.get(d)).toBeCloseTo(own[t], 12);
      expect(second.get(d)).toBeCloseTo(benchDrawdown[t], 12);
    });
  };

  it('the tear sheet draws W_t / max W − 1 on date t, the last session included, for the run and its benchmark', () => {
    const base = fabricateTearSheet({ sessions: 5, start: '2024-01-01' });
    expectHandCurves(renderTearSheet({ ...base, dates, nav, benchmark: { name: 'BM', nav: bench } }), 'underwater');
  });

  it('the comparison page draws each run\'s drawdown on its own date, the last one included', () => {
    const run = (label: string, seed: number, values: number[]): ComparisonRun => ({ ...comparisonRun(label, seed, 5, '2024-01-01'), nav: values });
    expectHandCurves(renderComparison({ title: 'hand', runs: [run('A', 1, nav), run('B', 2, bench)] }), 'drawdown');
  });

  it('for any NAV, the underwater point on each date is that date\'s W_t / max_{s≤t} W_s − 1 (tear sheet and comparison)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 60 }), (moves) => {
        const values = [1_000, ...moves.map(() => 0)];
        moves.forEach((m, k) => (values[k + 1] = values[k] * m));
        const days = weekdayDates('2024-01-01', values.length);
        let peak = -Infinity;
        const hand = values.map((v) => v / (peak = Math.max(peak, v)) - 1);
        const base = fabricateTearSheet({ sessions: values.length, start: '2024-01-01' });
        const sheet = seriesByDate(renderTearSheet({ ...base, nav: values, benchmark: undefined }), 'underwater', 0);
        const cmp = seriesByDate(renderComparison({ title: 'p', runs: [{ ...comparisonRun('A', 1, values.length, '2024-01-01'), nav: values }] }), 'drawdown', 0);
        for (const curve of [sheet, cmp]) {
          expect([...curve.keys()]).toEqual(days);
          days.forEach((d, t) => expect(curve.get(d)).toBeCloseTo(hand[t], 5));
        }
      }),
      { numRuns: 25 },
    );
  });
});
