// The terminal's number formats print a value that rounds to zero without its sign, as the report
// does (probe r31b: a flat run read "CAGR −0.0%" from a NAV of 9,999.999999999998).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixed, metricText, percent } from '../../../cli/output.ts';
import { METRIC_KINDS, type MetricKind, metricInfo } from '../../../reports/html/metricCatalog.ts';
import { formatMetric } from '../../../reports/html/page/format.ts';

describe('percent and fixed', () => {
  it('a value that rounds to zero prints 0, never -0', () => {
    expect([percent(-2.2e-16), percent(-0.0004), percent(-0), fixed(-1e-9), fixed(-0.004, 2)]).toEqual(['0.0%', '0.0%', '0.0%', '0.00', '0.00']);
  });

  it('other values keep their sign and rounding', () => {
    expect([percent(-0.0005), percent(0.1234), fixed(-1.005, 1), fixed(2.5, 0)]).toEqual(['-0.1%', '12.3%', '-1.0', '3']);
  });

  it("a short sample's extrapolation past ±1,000,000 prints as a power of ten, not 17 digits (probe r46a: '-1.8133444217721817e+53 pp')", () => {
    expect([percent(-1.8133444217721817e51), percent(9_999.99), percent(10_000), fixed(2.5e6)]).toEqual(['-1.8e+53%', '999999.0%', '1.0e+6%', '2.5e+6']);
  });

  it('no value is a dash', () => {
    expect([percent(null), percent(undefined), percent(NaN), fixed(Infinity)]).toEqual(['—', '—', '—', '—']);
  });
});

describe('metricText: each metric in its METRICS.md unit, as the report prints it', () => {
  it('captures and Sharpe are ratios, returns percents, durations whole periods (probe r36b: up capture read "-2.71%", the compare page "-0.03")', () => {
    expect([metricText('up_capture', -0.0271), metricText('down_capture', 1), metricText('sharpe', 1.23456)]).toEqual(['-0.0271', '1.0000', '1.2346']);
    expect([metricText('best_day', 0.0123), metricText('total_return', -0.5), metricText('turnover', 0.9184)]).toEqual(['1.23%', '-50.00%', '91.84%']);
    expect([metricText('max_drawdown_duration', 12), metricText('avg_long_positions', 2.25), metricText('psr', null)]).toEqual(['12', '2.3', '—']);
  });

  it('currency (cost totals, average trade win and loss) is money: two decimals with thousands separators (probe r38b: trade_avg_win read "1234.5000")', () => {
    expect([metricText('trade_avg_win', 1234.5), metricText('trade_avg_loss', -1_234_567.891), metricText('cost_commission', 12), metricText('cost_borrow', -0.004)]).toEqual([
      '1,234.50',
      '-1,234,567.89',
      '12.00',
      '0.00',
    ]);
    // A cost line's drag is a percent of mean NAV, not money.
    expect(metricText('cost_commission_drag', 0.0012)).toBe('0.12%');
  });

  it('every kind of the catalog has its own terminal format', () => {
    // One metric of each kind, and its value printed by hand in that kind's format.
    const cases: Record<MetricKind, [name: string, value: number, text: string]> = {
      percent: ['annual_return', 0.071234, '7.12%'],
      ratio: ['sortino', 2.5, '2.5000'],
      currency: ['cost_slippage', 98765.4321, '98,765.43'],
      sessions: ['trade_avg_holding', 12.5, '12.5'],
      count: ['avg_short_positions', 40, '40'],
    };
    expect(Object.keys(cases).sort()).toEqual([...METRIC_KINDS].sort());
    for (const [kind, [name, value, text]] of Object.entries(cases)) {
      expect(metricInfo(name).kind, name).toBe(kind);
      expect(metricText(name, value), name).toBe(text);
    }
  });
});

describe('the terminal rounds a stored figure as the pages do (probe r52c: avg_long_positions 1.95 read 1.9 in runs show, 2.0 on the pages)', () => {
  it('rounds the stored decimal half away from zero, not the binary value below it', () => {
    // 78 names over 40 sessions = 1.95 (the double is 1.94999…): one decimal, half away from zero → 2.0 (toFixed gave 1.9).
    // 2.675 % (stored 0.02675; × 100 is the double 2.67499…) → 2.68 %; 0.125 → 0.13 (exact half); 1.005 → 1.01.
    const cases: [name: string, value: number, text: string][] = [
      ['avg_long_positions', 1.95, '2.0'],
      ['avg_short_positions', 2.25, '2.3'],
      ['best_day', 0.02675, '2.68%'],
      ['worst_day', -0.01005, '-1.01%'],
      ['cost_commission', 0.125, '0.13'],
      ['cost_slippage', 2.675, '2.68'],
    ];
    for (const [name, value, text] of cases) {
      expect(metricText(name, value), name).toBe(text);
      expect(formatMetric({ name, value, n: 40 }), name).toBe(text);
    }
    expect([fixed(2.675), fixed(1.005), fixed(-1.95, 1), percent(0.00125, 2)]).toEqual(['2.68', '1.01', '-2.0', '0.13%']);
  });

  it('any count or count of sessions under 1,000, percent under 1,000 % or money under 100 reads the same text in the terminal and on the page', () => {
    const kinds: [name: string, value: fc.Arbitrary<number>][] = [
      // Shown to one decimal: 39,998 / 40 = 999.95 reads 1,000.0, where the page groups thousands and the terminal does not (by design).
      ['avg_long_positions', fc.integer({ min: 0, max: 39_997 }).map((k) => k / 40)],
      ['trade_avg_holding', fc.integer({ min: 0, max: 7_999 }).map((k) => k / 8)],
      ['annual_return', fc.integer({ min: -999_994, max: 999_994 }).map((k) => k / 100_000)],
      ['cost_commission', fc.integer({ min: -99_999, max: 99_999 }).map((k) => k / 1_000)],
    ];
    // The page names the unit of a count of periods ('12.5 sessions'); the figure before it is the terminal's.
    for (const [name, value] of kinds) fc.assert(fc.property(value, (v) => metricText(name, v) === formatMetric({ name, value: v, n: 1 }).replace(/ sessions$/, '')));
  });
});
