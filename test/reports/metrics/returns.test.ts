import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../data/dates.ts';
import { annualReturn, bestWorstPeriod, cagrCalendar, totalReturn, winLossMetrics } from '../../../reports/metrics/returns.ts';
import type { Metric } from '../../../reports/metrics/metric.ts';

const byName = (ms: Metric[], name: string): Metric => {
  const m = ms.find((x) => x.name === name);
  if (!m) throw new Error(`no metric ${name}`);
  return m;
};

// Series A, used throughout: r = +10%, −5%, +2%, −3%.
const A = [0.1, -0.05, 0.02, -0.03];

describe('total and annualized return', () => {
  it('total_return = Π(1 + r) − 1', () => {
    // 1.1 · 0.95 · 1.02 · 0.97 = 1.033923
    const m = totalReturn(A);
    expect(m.name).toBe('total_return');
    expect(m.value).toBeCloseTo(0.033923, 14);
    expect(m.n).toBe(4);
  });

  it('annual_return = growth^(P/n) − 1, a NaN (unknown) return skipped: a 0 in the product, neither a return nor a period of n (as computeMetrics counts the periods; probe r72a F1)', () => {
    expect(annualReturn(A, 12).value).toBeCloseTo(Math.pow(1.033923, 12 / 4) - 1, 13);
    expect(annualReturn(A).value).toBeCloseTo(Math.pow(1.033923, 252 / 4) - 1, 11);
    const withGap = annualReturn([0.1, NaN, -0.05, 0.02, -0.03], 12);
    expect(withGap.n).toBe(4);
    expect(withGap.value).toBeCloseTo(Math.pow(1.033923, 12 / 4) - 1, 13);
  });

  it('no returns: insufficient data, never 0', () => {
    expect(totalReturn([])).toEqual({ name: 'total_return', value: null, n: 0, note: 'insufficient data' });
    expect(annualReturn([]).value).toBeNull();
  });

  it('wealth below zero (leverage) has no annualized return', () => {
    // 1 + (−1.5) = −0.5 of the start; (−0.5)^(12/2) would silently turn positive
    const m = annualReturn([-1.5, 0.1], 12);
    expect(m.value).toBeNull();
    expect(m.note).toBe('wealth went negative');
  });
});

describe('cagr_calendar', () => {
  const dates = [epochDay(2023, 1, 2), epochDay(2023, 7, 1), epochDay(2024, 1, 1)];
  const r = [0.1, -0.05, 0.02];
  it('with the start session known: every return, 365 calendar days', () => {
    // growth 1.1 · 0.95 · 1.02 = 1.0659 over 2023-01-01 → 2024-01-01 = 365 days
    const m = cagrCalendar(dates, r, epochDay(2023, 1, 1));
    expect(m.value).toBeCloseTo(Math.pow(1.0659, 365.25 / 365) - 1, 14);
    expect(m.n).toBe(3);
    expect(m.note).toBeUndefined();
  });

  it('without it: from the first dated session, so r[0] is left out, and its note says so (probe r72a F3: said only in a code comment)', () => {
    // growth 0.95 · 1.02 = 0.969 over 2023-01-02 → 2024-01-01 = 364 days
    const m = cagrCalendar(dates, r);
    expect(m.value).toBeCloseTo(Math.pow(0.969, 365.25 / 364) - 1, 14);
    expect(m.n).toBe(2);
    expect(m.note).toBe('first return (2023-01-02) left out: its start is not dated');
  });

  it('one dated return and no start day: insufficient data', () => {
    expect(cagrCalendar([epochDay(2023, 1, 2)], [0.01]).note).toBe('insufficient data');
  });
});

describe('best / worst session', () => {
  it('ignores NaN', () => {
    const [best, worst] = bestWorstPeriod([0.01, NaN, -0.07, 0.03]);
    expect([best.name, best.value, best.n]).toEqual(['best_day', 0.03, 3]);
    expect([worst.name, worst.value]).toEqual(['worst_day', -0.07]);
    expect(bestWorstPeriod([NaN])[0].value).toBeNull();
  });
});

describe('win rate, payoff, profit factor', () => {
  it('hand values; the zero return is neither a win nor a loss', () => {
    const ms = winLossMetrics([0.1, 0, -0.05, 0.02, -0.03]);
    expect(byName(ms, 'win_rate')).toEqual({ name: 'win_rate', value: 0.5, n: 4 }); // 2 of 4 non-zero
    expect(byName(ms, 'avg_win').value).toBeCloseTo(0.06, 15); // (0.10 + 0.02) / 2
    expect(byName(ms, 'avg_loss').value).toBeCloseTo(-0.04, 15); // (−0.05 − 0.03) / 2
    expect(byName(ms, 'payoff_ratio').value).toBeCloseTo(1.5, 14); // 0.06 / 0.04
    expect(byName(ms, 'profit_factor').value).toBeCloseTo(1.5, 14); // 0.12 / 0.08
  });

  it('no losses: payoff and profit factor are null, not Infinity', () => {
    const ms = winLossMetrics([0.01, 0.02, 0]);
    expect(byName(ms, 'win_rate').value).toBe(1);
    expect(byName(ms, 'profit_factor')).toMatchObject({ value: null, note: 'no losses' });
    expect(byName(ms, 'payoff_ratio')).toMatchObject({ value: null, note: 'no losses' });
    expect(byName(ms, 'avg_loss')).toMatchObject({ value: null, note: 'no losses' });
  });

  it('no wins: profit factor is a real 0, payoff undefined', () => {
    const ms = winLossMetrics([-0.01, -0.02]);
    expect(byName(ms, 'profit_factor').value).toBe(0);
    expect(byName(ms, 'payoff_ratio').note).toBe('no wins');
  });

  it('fewer than 2 returns: insufficient data', () => {
    for (const m of winLossMetrics([0.05])) expect(m).toMatchObject({ value: null, note: 'insufficient data' });
  });
});
