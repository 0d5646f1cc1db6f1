// monthly-prices — the data's frequency sets the annualisation. 13 month-end closes 100 → 121:
// total 0.21 over 12 monthly returns is 0.21 a year (P = 12), not 5,376 % (P = 252).

import { describe, expect, it } from 'vitest';
import { inferFrequency } from '../../reports/metrics/index.ts';
import { breadth, parseJson, scratch } from '../cli/helpers.ts';
import { inputs, metric, studyRun } from './helpers.ts';

describe('monthly-prices', () => {
  it('a buy-and-hold run annualises with P = 12, inferred from the calendar', async () => {
    const run = await studyRun('monthly-prices', { strategy: 'buy-and-hold', params: { weights: { AAA: 1 } }, engine: { initialCash: 1_000_000, execution: 'same-close' } });
    const m = run.metrics.metrics;
    expect(run.metrics.periodsPerYear).toBe(12);
    expect(run.metrics.frequency.irregular).toBe(false);
    expect(metric(m, 'total_return').value).toBeCloseTo(0.21, 12);
    expect(metric(m, 'annual_return').value).toBeCloseTo(0.21, 4);
    expect(metric(m, 'annual_volatility').value).toBeCloseTo(0.098448, 6);
    expect(metric(m, 'sharpe').value).toBeCloseTo(1.99653, 5);
  });

  it('a study or run may set P, and the stored run records the P used', async () => {
    const run = await studyRun('monthly-prices', { strategy: 'buy-and-hold', params: { weights: { AAA: 1 } }, periodsPerYear: 4, engine: { execution: 'same-close' } });
    expect(run.metrics.periodsPerYear).toBe(4);
    expect(run.metrics.frequency.source).toBe('given: P = 4');
  });

  it('breadth metrics --prices infers P = 12 too', async () => {
    const out = await breadth(['metrics', '--prices', `${inputs('monthly-prices')}/AAA.csv`, '--json'], { cwd: scratch() });
    const json = parseJson(out);
    expect(json.periodsPerYear).toBe(12);
    expect(json.values.annual_return).toBeCloseTo(0.21, 4);
    expect(json.values.annual_volatility).toBeCloseTo(0.098448, 6);
  });

  it('P from spacing: daily, weekly, monthly, quarterly; irregular spacing is flagged', () => {
    const every = (gap: number, n = 30): number[] => Array.from({ length: n }, (_, k) => k * gap);
    expect(inferFrequency([0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14]).periodsPerYear).toBe(252); // weekdays
    expect(inferFrequency(every(7)).periodsPerYear).toBe(52);
    expect(inferFrequency(every(91)).periodsPerYear).toBe(4);
    expect(inferFrequency(every(365)).periodsPerYear).toBe(1);
    const mixed = inferFrequency([0, 1, 2, 30, 60, 61, 62, 120, 121, 200]);
    expect(mixed.irregular).toBe(true);
  });
});
