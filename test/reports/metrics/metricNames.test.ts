// The metric contract a package user gets (probe r65c): MetricName / METRIC_NAMES, derived from the
// metric registry (reports/html/metricCatalog.ts), name exactly the metrics breadth computes — a
// full run's (with a benchmark, its market for capacity, trades and every cost line) and a bare
// series' — and each has a unit and a one-line definition at runtime, from 'breadth'.

import { describe, expect, it } from 'vitest';
import { backtest, createStrategy, generateSampleMarket, isMetricName, METRIC_KINDS, METRIC_NAMES, metricInfo, type MetricName, runMetrics, analyseSeries } from '../../../index.ts';

describe('MetricName and METRIC_NAMES', () => {
  it('are exactly the names a full run computes: every return, risk, relative, portfolio, capacity, trade and cost metric', async () => {
    const market = generateSampleMarket({ stocks: 20, years: 2 });
    const result = backtest(market, await createStrategy('size-tilt', { mode: 'etf', tilt: 0.5 }), { commission: { kind: 'bps', bps: 1 } });
    const names = runMetrics(result, { market, benchmark: '@largeCap' }).metrics.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...METRIC_NAMES].sort());
    // By hand: 22 return, 14 risk, 7 risk-adjusted, 12 relative, 13 portfolio and capacity, 8 trade
    // metrics, and 8 cost lines (5 charges, 2 credits, the total) each with its drag.
    expect(METRIC_NAMES).toHaveLength(22 + 14 + 7 + 12 + 13 + 8 + 8 * 2);
    for (const name of ['sharpe', 'batting_average_up', 'capacity_nav', 'cost_borrow_fee', 'cost_borrow_fee_drag', 'cost_total_drag', 'trade_profit_factor']) expect(names).toContain(name);
  });

  it('cover what analyseSeries computes on a bare series against a benchmark', () => {
    const days = Int32Array.from({ length: 30 }, (_, k) => 19_723 + k);
    const returns = Float64Array.from({ length: 29 }, (_, k) => ((k * 7) % 5) / 1000 - 0.002);
    const benchmark = { name: 'B', dates: days.subarray(1), returns: Float64Array.from(returns, (r, k) => r / 2 + (k % 3) / 1000), startDay: days[0] };
    const names = analyseSeries({ name: 'S', dates: days.subarray(1), returns, startDay: days[0] }, { benchmark }).metrics.metrics.map((m) => m.name);
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) expect(isMetricName(name), name).toBe(true);
  });

  it('each has a unit and a one-line definition (metricInfo)', () => {
    for (const name of METRIC_NAMES) {
      const info = metricInfo(name);
      expect(METRIC_KINDS, name).toContain(info.kind);
      expect(info.group, name).not.toBe('Other');
      expect(info.definition, name).toMatch(/^\S.{10,}\.$/);
      expect(info.definition, name).not.toContain('\n');
    }
    expect(metricInfo('sharpe')).toEqual({ label: 'Sharpe ratio', kind: 'ratio', group: 'Risk-adjusted', definition: 'mean(r − rf) / std(r − rf) · √P (arithmetic, annualized).' });
    expect(metricInfo('cost_interest_received')).toMatchObject({ kind: 'currency', definition: 'Total over the run, in currency, of interest received, a credit, as a negative cost.' });
    expect(metricInfo('cost_commission_drag')).toMatchObject({ kind: 'percent', group: 'Costs' });
    expect(isMetricName('sharp')).toBe(false);
    const typed: MetricName = 'up_capture';
    expect(metricInfo(typed).definition).toContain('b > 0 (strictly)');
  });
});
