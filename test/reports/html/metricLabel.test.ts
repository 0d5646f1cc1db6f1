// Per-period metrics are labelled by the run's period: a monthly run's best "day" is its best month.
import { describe, expect, it } from 'vitest';
import { metricLabel } from '../../../reports/html/metricCatalog.ts';
import { metricsTable } from '../../../reports/html/metricTables.ts';

describe('metricLabel', () => {
  it('names the period of a monthly, weekly, quarterly or annual run', () => {
    expect(['best_day', 'win_rate', 'avg_win', 'var_95', 'cvar_99', 'batting_average_up'].map((n) => metricLabel(n, 12))).toEqual([
      'Best month',
      'Win rate (months)',
      'Average winning month',
      'VaR 95% (monthly)',
      'CVaR 99% (monthly)',
      'Batting average, up months',
    ]);
    expect(metricLabel('worst_day', 52)).toBe('Worst week');
    expect(metricLabel('var_99', 4)).toBe('VaR 99% (quarterly)');
    expect(metricLabel('avg_loss', 1)).toBe('Average losing year');
  });

  it('keeps the daily words for a daily run, says "period" where P fits no calendar, and leaves other metrics alone', () => {
    expect(metricLabel('best_day')).toBe('Best day');
    expect(metricLabel('best_day', 252)).toBe('Best day');
    expect(metricLabel('best_day', 365)).toBe('Best day'); // a calendar-day (crypto) run is daily too
    expect(metricLabel('win_rate', NaN)).toBe('Win rate (periods)');
    expect(metricLabel('var_95', 26)).toBe('VaR 95% (per period)');
    expect(metricLabel('max_drawdown_duration', 12)).toBe('Longest drawdown');
    expect(metricLabel('best_month', 12)).toBe('Best month');
  });
});

describe('metricsTable with columns of different periods', () => {
  const daily = { label: 'DA', metrics: [{ name: 'max_drawdown_duration', value: 232, n: 519 }, { name: 'var_95', value: -0.0179, n: 519 }, { name: 'sharpe', value: 0.57, n: 519 }] };
  const monthly = { label: 'MM', periodsPerYear: 12, metrics: [{ name: 'max_drawdown_duration', value: 4, n: 23 }, { name: 'var_95', value: -0.0247, n: 23 }, { name: 'sharpe', value: 2.55, n: 23 }] };
  const row = (html: string, label: string): string => new RegExp(`<th scope="row">${label}</th>(.*?)</tr>`).exec(html)?.[1] ?? '';

  it('shows each drawdown length in its own period and subtracts none, on the tear sheet and the comparison page', () => {
    const sheet = metricsTable([daily, monthly], 'difference');
    expect(row(sheet, 'Longest drawdown')).toBe('<td title="n = 519">232 sessions</td><td title="n = 23">4 months</td><td class="na" title="not comparable: daily against monthly periods">–</td>');
    const compare = metricsTable([daily, monthly], 'deltas', { best: true });
    expect(row(compare, 'Longest drawdown')).toBe('<td title="n = 519">232 sessions</td><td title="n = 23">4 months</td>');
    // Annualised figures stay comparable: 0.57 − 2.55 = −1.98.
    expect(row(sheet, 'Sharpe ratio')).toContain('<td>-1.98</td>');
  });

  it('names each column\'s period in a per-period row; same-period columns keep one label and their difference', () => {
    const sheet = metricsTable([daily, monthly], 'difference');
    expect(row(sheet, 'VaR 95% \\(daily\\) · MM: VaR 95% \\(monthly\\)')).toContain('title="not comparable: daily against monthly periods"');
    const both = metricsTable([{ ...daily, periodsPerYear: 12 }, monthly], 'difference');
    expect(row(both, 'Longest drawdown')).toBe('<td title="n = 519">232 months</td><td title="n = 23">4 months</td><td>+228 months</td>');
    expect(row(both, 'VaR 95% \\(monthly\\)')).toContain('<td>+0.68 pp</td>');
  });
});
