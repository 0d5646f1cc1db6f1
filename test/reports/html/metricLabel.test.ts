// Per-period metrics are labelled by the run's period: a monthly run's best "day" is its best month.
import { describe, expect, it } from 'vitest';
import { intervalsPhrase, metricLabel } from '../../../reports/html/metricCatalog.ts';
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

describe('metricsTable shows a per-period figure once where its label is a calendar row\'s', () => {
  const rows = (html: string, label: string): number => html.split(`<th scope="row">${label}</th>`).length - 1;
  const figures = (best: number, worst: number, year: number) => [
    { name: 'best_day', value: best, n: 12 },
    { name: 'worst_day', value: worst, n: 12 },
    { name: 'best_month', value: best, n: 12 },
    { name: 'worst_month', value: worst, n: 12 },
    { name: 'best_year', value: year, n: 1 },
    { name: 'worst_year', value: year, n: 1 },
  ];

  it('monthly: one "Best month" and one "Worst month" row, the calendar month\'s (5.20 %, −5.00 %)', () => {
    const sheet = metricsTable([{ label: 'M', periodsPerYear: 12, metrics: figures(0.052, -0.05, 0.2) }], 'difference');
    expect(rows(sheet, 'Best month')).toBe(1);
    expect(rows(sheet, 'Worst month')).toBe(1);
    expect(rows(sheet, 'Best year')).toBe(1);
    expect(sheet).toContain('<th scope="row">Best month</th><td title="n = 12">5.20%</td>');
  });

  it('annual: "Best year" once; quarterly: "Best quarter" and a refused "Best month" each once', () => {
    const annual = metricsTable([{ label: 'Y', periodsPerYear: 1, metrics: figures(0.0816, -0.0307, 0.0816) }], 'difference');
    expect(rows(annual, 'Best year')).toBe(1);
    expect(rows(annual, 'Worst year')).toBe(1);
    const refused = { value: null, n: 35, note: 'dates spaced more than a month apart (median gap 92 days)' };
    const quarterly = metricsTable([{ label: 'Q', periodsPerYear: 4, metrics: [{ name: 'best_day', value: 0.0888, n: 35 }, { name: 'best_month', ...refused }] }], 'difference');
    expect(rows(quarterly, 'Best quarter')).toBe(1);
    expect(rows(quarterly, 'Best month')).toBe(1);
    expect(/<th scope="row">Best month<\/th>(.*?)<\/tr>/.exec(quarterly)?.[1]).toContain('dates spaced more than a month apart');
  });

  it('a daily column beside a monthly one keeps both rows: the labels differ by column', () => {
    const daily = { label: 'D', metrics: figures(0.03, -0.02, 0.1) };
    const monthly = { label: 'M', periodsPerYear: 12, metrics: figures(0.052, -0.05, 0.2) };
    const compare = metricsTable([daily, monthly], 'deltas');
    expect(rows(compare, 'Best day · M: Best month')).toBe(1);
    expect(rows(compare, 'Best month')).toBe(1);
  });
});

describe('intervalsPhrase', () => {
  it('names the bucket\'s intervals, and a P outside the buckets by its count a year (was "259 per period intervals")', () => {
    expect(intervalsPhrase(259, 252)).toBe('259 daily intervals');
    expect(intervalsPhrase('1,024', 12)).toBe('1,024 monthly intervals');
    expect(intervalsPhrase(259, 130)).toBe('259 intervals (130 a year)');
  });
});
