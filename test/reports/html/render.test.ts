// The rendered HTML as text: one self-contained file with a strict CSP, nothing fetched, every
// data-derived string escaped, a container for every chart, and a 20-year report under 2 MB.

import { describe, expect, it } from 'vitest';
import { commonStart, returnCorrelations } from '../../../reports/html/comparisonCharts.ts';
import { CONTENT_SECURITY_POLICY } from '../../../reports/html/layout.ts';
import { renderComparison, renderTearSheet, type ComparisonRun, type TearSheetData } from '../../../reports/html/index.ts';
import { fabricateTearSheet } from './fabricate.ts';
import { comparisonRun, HOSTILE } from './pages.ts';

/** The page without its three inline scripts (echarts and the client script hold URLs in strings). */
function markup(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
}

function payload(html: string): { axes: Record<string, string[]>; charts: { id: string }[] } {
  const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (json === null) throw new Error('no chart payload');
  return JSON.parse(json[1]);
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
    expect(ids).toEqual(expect.arrayContaining(['equity', 'underwater', 'rolling-sharpe', 'rolling-volatility', 'rolling-beta', 'monthly', 'yearly', 'distribution', 'exposure', 'positions', 'turnover', 'costs']));
  });

  it('shows the SYNTHETIC badge only for synthetic data, and the look-ahead badge for same-close runs', () => {
    expect(html).toContain('class="badge badge-synthetic"');
    const real: TearSheetData = { ...data, run: { ...data.run, data: { ...data.run.data, synthetic: false } }, warnings: [] };
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
      warnings: [HOSTILE],
    };
    const out = renderTearSheet(hostile);
    // (echarts' own source mentions <img, so look at the markup without scripts, and at the JSON.)
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
    expect(short.match(/Not enough history: the shortest window is 126 sessions and this run has 29 returns\./g)).toHaveLength(3);
  });

  it('reads null metrics as insufficient data with n', () => {
    const sparse: TearSheetData = { ...data, metrics: { strategy: [{ name: 'sharpe', value: null, n: 1, note: 'insufficient data' }] } };
    expect(renderTearSheet(sparse)).toContain('insufficient data (n = 1)');
  });

  it('keeps a 20-year daily report under 2 MB', () => {
    const long = renderTearSheet(fabricateTearSheet({ sessions: 5_040 }));
    expect(Buffer.byteLength(long)).toBeLessThan(2_000_000);
    const { axes } = payload(long);
    expect(Math.max(...Object.values(axes).map((a) => a.length))).toBe(5_040);
  });

  it('refuses a NAV that does not match its dates', () => {
    expect(() => renderTearSheet({ ...data, nav: data.nav.slice(1) })).toThrow(/NAV values for 600 dates/);
  });
});

describe('renderComparison', () => {
  const runs: ComparisonRun[] = [comparisonRun('IWM', 1, 500), comparisonRun('SMLF', 2, 500), comparisonRun('Size tilt', 3, 400, '2006-03-01')];
  const html = renderComparison({ title: 'IWM vs SMLF', runs });

  it('draws growth, drawdowns, correlation and exposures, each with its container', () => {
    const ids = payload(html).charts.map((c) => c.id);
    expect(ids).toEqual(['growth', 'drawdown', 'correlation', 'gross', 'net', 'exposure-difference']);
    for (const id of ids) expect(html).toContain(`id="chart-${id}"`);
  });

  it('puts the metrics side by side with deltas against the first run', () => {
    const smlf = runs[1].metrics.find((m) => m.name === 'annual_return')?.value as number;
    const iwm = runs[0].metrics.find((m) => m.name === 'annual_return')?.value as number;
    const sign = smlf - iwm > 0 ? '+' : '-';
    expect(html).toContain(`<span class="delta">${sign}${Math.abs((smlf - iwm) * 100).toFixed(2)} pp</span>`);
  });

  it('lists a caveat every run shares once, for all runs, and a run\'s own caveat under its name', () => {
    const shared = 'survivorship: the universe is survivor-biased';
    const withCaveats = [
      { ...runs[0], warnings: [shared, 'only-iwm caveat'] },
      { ...runs[1], warnings: [shared] },
    ];
    const page = renderComparison({ title: 't', runs: withCaveats });
    expect(page.split(shared).length - 1).toBe(1);
    expect(page).toContain(`all runs: ${shared}`);
    expect(page).toContain(`${runs[0].label}: only-iwm caveat`);
  });

  it('starts the curves at the first shared date and says the periods differ', () => {
    expect(commonStart(runs)).toBe(runs[2].dates[0]);
    expect(html).toContain(`curves start at ${runs[2].dates[0]}`);
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
