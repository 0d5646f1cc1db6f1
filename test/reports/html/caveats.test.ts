// The caveats panel: recorded caveats plus the report's own checks, each topic once, ranked by
// severity and size, with the size in words.

import { describe, expect, it } from 'vitest';
import { renderTearSheet } from '../../../reports/html/index.ts';
import { caveatPanel, caveatSize, caveatSources, headlineCaveats, reportCaveats } from '../../../reports/html/tearSheet/caveats.ts';
import type { ReportCaveat, RunInfo } from '../../../reports/html/model.ts';
import { fabricateTearSheet } from './helpers/fabricate.ts';

const run = (over: Partial<RunInfo> = {}): RunInfo => ({
  id: '1',
  label: 'test',
  strategy: { name: 's', params: {} },
  data: { name: 'd', from: '2020-01-01', to: '2024-12-31', sessions: 1260, synthetic: false },
  execution: { convention: 'next-open', lookAheadProne: false },
  costModels: [],
  riskFree: 'FRED DTB3',
  currency: 'USD',
  periodsPerYear: 252,
  initialCapital: 1_000_000,
  ...over,
});

const recorded = (code: string, severity: ReportCaveat['severity'], message: string, size: number | null = null, unit: ReportCaveat['unit'] = null): ReportCaveat => ({ code, severity, message, size, unit, symbols: [] });

describe('reportCaveats', () => {
  it('says nothing about a clean run', () => {
    expect(reportCaveats(run(), [], { strategy: [{ name: 'sharpe', value: 1, n: 1259 }] })).toEqual([]);
  });

  it('flags look-ahead-prone execution (high), synthetic and survivorship-biased data (medium)', () => {
    const out = reportCaveats(
      run({ execution: { convention: 'same-close', lookAheadProne: true }, data: { name: 'sample', from: 'a', to: 'b', sessions: 1260, synthetic: true, survivorshipBiased: true } }),
      [],
      { strategy: [] },
    );
    expect(out.map((c) => c.severity)).toEqual(['high', 'medium', 'medium']);
    expect(out[0].message).toMatch(/same-close.*look-ahead-prone/);
    expect(out[1].message).toMatch(/^SYNTHETIC data/);
    expect(out[2].message).toMatch(/^Survivorship-biased/);
  });

  it('does not repeat what the run already recorded, nor the same message twice', () => {
    const look = recorded('look-ahead', 'high', 'same-close execution: orders fill on the close the strategy decided on');
    const synthetic = recorded('synthetic', 'medium', 'SYNTHETIC data: sample');
    const out = reportCaveats(run({ execution: { convention: 'same-close', lookAheadProne: true }, data: { ...run().data, synthetic: true } }), [look, synthetic, synthetic], { strategy: [] });
    expect(out).toEqual([look, synthetic]);
  });

  it('ranks by severity, then by size within a unit', () => {
    const small = recorded('stale-marks', 'high', 'stale 2%', 0.02, 'nav-share');
    const large = recorded('data-end-exit', 'high', 'exits 18%', 0.18, 'nav-share');
    const low = recorded('data-note', 'low', 'a note');
    const medium = recorded('warm-up', 'medium', '129 sessions in cash', 129, 'sessions');
    expect(reportCaveats(run(), [low, small, medium, large], { strategy: [] }).map((c) => c.message)).toEqual(['exits 18%', 'stale 2%', '129 sessions in cash', 'a note']);
  });

  it('lists metrics that could not be computed, by reason, with n', () => {
    const out = reportCaveats(run(), [], {
      strategy: [
        { name: 'sharpe', value: null, n: 1, note: 'insufficient data' },
        { name: 'sortino', value: null, n: 1, note: 'insufficient data' },
        { name: 'dsr', value: null, n: 900, note: 'number of trials not given' },
      ],
      benchmark: [{ name: 'beta', value: null, n: 0 }],
    }, 'IWM');
    expect(out.map((c) => c.message)).toEqual([
      'Strategy: 2 metrics not computed, insufficient data: Sharpe ratio (n = 1), Sortino ratio (n = 1).',
      'Strategy: 1 metric not computed, number of trials not given: Deflated Sharpe (n = 900).',
      'IWM: 1 metric not computed, insufficient data: Beta (n = 0).',
    ]);
  });

  it('notes a missing risk-free rate, and a sample shorter than a year of the run\'s own periods', () => {
    const out = reportCaveats(run({ riskFree: undefined, data: { ...run().data, sessions: 30 } }), [], { strategy: [] });
    expect(out.map((c) => c.message)).toEqual(['Short sample: 30 sessions covering 29 periods, under a year of 252 periods; annualized figures extrapolate.', 'No risk-free rate: Sharpe, Sortino, Omega and alpha are measured against zero, not cash.']);
    // Monthly data: 30 months is more than a year.
    expect(reportCaveats(run({ periodsPerYear: 12, data: { ...run().data, sessions: 30 } }), [], { strategy: [] })).toEqual([]);
  });

  it('counts the periods the sessions cover where the store gives them: 229 sessions across a hole of 24 weekdays cover 251 (probe r45b F1)', () => {
    // 228 rows, 227 of one session and one closing 24 weekdays: 251 periods, under 252, said with the periods covered.
    const hole = reportCaveats(run({ data: { ...run().data, sessions: 229, periods: 251 } }), [], { strategy: [] });
    expect(hole.map((c) => c.message)).toEqual(['Short sample: 229 sessions covering 251 periods, under a year of 252 periods; annualized figures extrapolate.']);
    // 200 sessions across holes covering 260 periods: a year and more, no short sample (from the 200 sessions alone it was one).
    expect(reportCaveats(run({ data: { ...run().data, sessions: 200, periods: 260 } }), [], { strategy: [] })).toEqual([]);
  });
});

describe('caveat sizes and panels', () => {
  it('reads each unit in words', () => {
    expect(caveatSize({ size: 0.248, unit: 'nav-share' }, 'USD')).toBe('24.8% of NAV');
    expect(caveatSize({ size: 146, unit: 'sessions' }, 'USD')).toBe('146 sessions');
    expect(caveatSize({ size: 1, unit: 'days' }, 'USD')).toBe('1 day');
    expect(caveatSize({ size: 10198, unit: 'currency' }, 'USD')).toBe('USD 10,198');
    expect(caveatSize({ size: 25657, unit: 'count' }, 'USD')).toBe('25,657');
    expect(caveatSize({ size: null, unit: null }, 'USD')).toBe('');
  });

  it('puts at most three high or medium caveats on the first screen and links the rest', () => {
    const list = [recorded('a', 'high', 'one'), recorded('b', 'medium', 'two'), recorded('c', 'medium', 'three'), recorded('d', 'medium', 'four'), recorded('e', 'low', 'five')];
    const html = headlineCaveats(list, 'USD');
    expect(html.match(/<li /g)).toHaveLength(3);
    expect(html).not.toContain('four');
    expect(html).toContain('2 more caveats');
    expect(headlineCaveats([recorded('e', 'low', 'five')], 'USD')).toContain('No high or medium caveats');
  });

  it('escapes messages and counts severities in the panel', () => {
    const html = caveatPanel([recorded('a', 'high', '<img src=x onerror=alert(1)>', 0.1, 'nav-share')], 'USD');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('1 high · 0 medium · 0 low');
    expect(html).toContain('10.0% of NAV');
  });
});

describe('the panel reconciles its count with the terminal\'s', () => {
  // 2 recorded caveats (what `breadth run` counts) + the report's own: no risk-free rate (a check)
  // and 2 reasons for null metrics (2 notes) = 5 in the panel.
  const caveats = reportCaveats(run({ riskFree: undefined }), [recorded('no-opens', 'medium', 'next-open fills used the session close'), recorded('data-note', 'low', 'AdjClose only')], {
    strategy: [
      { name: 'sharpe', value: null, n: 1, note: 'insufficient data' },
      { name: 'dsr', value: null, n: 1, note: 'number of trials not given' },
    ],
  });

  it('says how many were recorded with the run and how many are its own, by kind', () => {
    expect(caveats).toHaveLength(5);
    expect(caveatSources(caveats)).toBe("2 recorded with the run (the count the terminal and `breadth runs show` give) and 3 of this report's own: 1 check of the run's settings, 2 notes on metrics it could not compute");
    expect(caveatPanel(caveats, 'USD')).toContain('0 high · 1 medium · 4 low; 2 recorded with the run');
  });

  it('adds nothing when every caveat was recorded', () => {
    expect(caveatSources([recorded('no-opens', 'medium', 'x')])).toBe('');
  });
});

describe('the first screen', () => {
  // size-tilt-etf from 1993 with IWM from 2000: 55 % of NAV waited in cash, and the CAGR answers another question.
  const waited = recorded('deferred', 'high', '89 order-sessions deferred: no-price — that weight waited in cash (largest 55.0% of NAV on 1993-01-29)', 0.55, 'nav-share');
  const summary = (caveats: ReportCaveat[]): string => {
    const data = fabricateTearSheet({ sessions: 300 });
    const real = { ...data, run: { ...data.run, data: { ...data.run.data, synthetic: false } }, caveats };
    return /<section class="card answer".*?<\/section>/s.exec(renderTearSheet(real))?.[0] ?? '';
  };

  it('shows a high caveat above the headline figures, and not again in the list below them', () => {
    const html = summary([waited, recorded('no-opens', 'medium', 'next-open fills used the session close')]);
    const strip = html.indexOf('data-figure="high-caveats"');
    expect(strip).toBeGreaterThan(0);
    expect(strip).toBeLessThan(html.indexOf('class="kpis"'));
    expect(html.match(/waited in cash/g)).toHaveLength(1);
    expect(html).toContain('Read the figures below with this high caveat');
    expect(html).toContain('55.0% of NAV');
    const below = html.slice(html.indexOf('Before you trust it'));
    expect(below).toContain('next-open fills used the session close');
  });

  it('says no other caveat is high or medium when the high ones are above', () => {
    expect(summary([waited])).toContain('No other high or medium caveats.');
    const clean = summary([recorded('no-opens', 'medium', 'next-open fills used the session close')]);
    expect(clean).not.toContain('data-figure="high-caveats"');
  });
});
