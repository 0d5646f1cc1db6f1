// Table formats: percents, ratios, currency, and a null metric that says why and on how many rows.

import { describe, expect, it } from 'vitest';
import { formatCurrency, formatDelta, formatMetric, formatPercent, formatSignedGap } from '../../../reports/html/page/format.ts';
import { costLineLabel, creditNote, metricInfo } from '../../../reports/html/metricCatalog.ts';

describe('formats', () => {
  it('percent with two decimals and no minus on a value that rounds to zero', () => {
    expect(formatPercent(0.12345)).toBe('12.35%');
    expect(formatPercent(-0.35)).toBe('-35.00%');
    expect(formatPercent(-0.000001)).toBe('0.00%');
  });

  it('currency with thousands separators, cents only below 1,000', () => {
    expect(formatCurrency(1234567.891)).toBe('1,234,568');
    expect(formatCurrency(-12.5)).toBe('-12.50');
  });

  it('each metric in its unit', () => {
    expect(formatMetric({ name: 'sharpe', value: 1.2345, n: 500 })).toBe('1.23');
    expect(formatMetric({ name: 'max_drawdown', value: -0.3512, n: 500 })).toBe('-35.12%');
    expect(formatMetric({ name: 'max_drawdown_duration', value: 1791, n: 12 })).toBe('1,791 sessions');
    expect(formatMetric({ name: 'cost_borrow_fee', value: 14210.7, n: 500 })).toBe('14,211');
    expect(formatMetric({ name: 'cost_borrow_fee_drag', value: 0.00505, n: 500 })).toBe('0.51%');
  });

  it('a null metric reads "insufficient data" with its sample size, never 0', () => {
    expect(formatMetric({ name: 'sharpe', value: null, n: 1, note: 'insufficient data' })).toBe('insufficient data (n = 1)');
    expect(formatMetric({ name: 'sortino', value: null, n: 1 })).toBe('insufficient data (n = 1)');
    expect(formatMetric({ name: 'sharpe', value: null, n: 300, note: 'zero volatility' })).toBe('zero volatility (n = 300)');
  });

  it('differences of percents in percentage points, of ratios in the ratio', () => {
    expect(formatDelta('annual_return', 0.05, 0.072)).toBe('+2.20 pp');
    expect(formatDelta('sharpe', 1.5, 1.2)).toBe('-0.30');
    expect(formatDelta('sharpe', 1.2, 1.2)).toBe('0.00');
  });

  it('unknown metric names still get a label and a unit', () => {
    expect(metricInfo('cost_commission')).toMatchObject({ label: 'Commission (total)', kind: 'currency', group: 'Costs' });
    // cost_total sums the charges only (credits excluded, runMetrics.ts), unlike the summary tile that nets them: said, not 'Total (total)' (probe r64a C2).
    expect(metricInfo('cost_total').label).toBe('Total charges (interest earned excluded)');
    expect(metricInfo('cost_total_drag').label).toBe('Total charges drag (annual, interest earned excluded)');
    expect(metricInfo('new_thing')).toEqual({ label: 'New thing', kind: 'ratio', group: 'Other', definition: '' });
  });
});

describe('a credit stored as a negative cost says so wherever its row shows (probe r67c F1: "Interest received (total) −488.99" read as interest lost)', () => {
  it('its labels in the all-metrics and compare tables, its name in the cost-lines table, its note in runs show', () => {
    expect(metricInfo('cost_interest_received').label).toBe('Interest received as a cost (total; negative is income)');
    expect(metricInfo('cost_interest_received_drag').label).toBe('Interest received as a cost, drag (annual; negative is income)');
    expect(metricInfo('cost_borrow_rebate').label).toBe('Borrow rebate as a cost (total; negative is income)');
    expect(costLineLabel('interest_received')).toBe('Interest received as a cost (negative is income)');
    expect(creditNote('cost_borrow_rebate_drag')).toBe('a credit as a negative cost: negative is income');
  });

  it('a charge is labelled as the cost it is, with no note', () => {
    expect(metricInfo('cost_interest_paid').label).toBe('Interest paid (total)');
    expect(costLineLabel('interest_paid')).toBe('Interest paid');
    expect([creditNote('cost_interest_paid'), creditNote('cost_total'), creditNote('sharpe')]).toEqual([undefined, undefined, undefined]);
  });
});

describe('formatSignedGap', () => {
  it('a gap that rounds to zero prints 0.00, never −0.00 or +0.00 (probe r33b: "vs IWM 0.42 (−0.00)", a crisis row "-0.00 pp")', () => {
    expect([formatSignedGap(-0.00166), formatSignedGap(0.004), formatSignedGap(-0.0008 * 100, 2), formatSignedGap(0)]).toEqual(['0.00', '0.00', '−0.08', '0.00']);
    expect([formatSignedGap(0.1), formatSignedGap(-0.1), formatSignedGap(-1234.5, 1)]).toEqual(['+0.10', '−0.10', '−1,234.5']);
  });
});
