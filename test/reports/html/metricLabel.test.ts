// Per-period metrics are labelled by the run's period: a monthly run's best "day" is its best month.
import { describe, expect, it } from 'vitest';
import { metricLabel } from '../../../reports/html/metricCatalog.ts';

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
