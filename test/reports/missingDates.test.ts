// Figures over a calendar with dates missing (r17a findings 1–2): the annual return counts the
// periods the rows cover (Σk / P years, engine/frequency.ts periodsPerRow), and the risk-free return
// of a row closing a gap compounds over its k periods, for a run and for a series alike.

import { describe, expect, it } from 'vitest';
import { epochDay } from '../../data/dates.ts';
import { backtest } from '../../engine/backtest.ts';
import type { Metric } from '../../reports/metrics/index.ts';
import { runMetrics } from '../../reports/runMetrics.ts';
import { analyseSeries } from '../../reports/seriesAnalysis.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { scripted } from '../engine/helpers.ts';

const value = (ms: readonly Metric[], name: string): number => ms.find((m) => m.name === name)?.value ?? NaN;

// Last weekdays of Jan–Oct 2024 without June; the 61 days from 31 May to 31 July are 2 months.
const M1 = [epochDay(2024, 1, 31), epochDay(2024, 2, 29), epochDay(2024, 3, 29), epochDay(2024, 4, 30), epochDay(2024, 5, 31), epochDay(2024, 7, 31), epochDay(2024, 8, 30), epochDay(2024, 9, 30), epochDay(2024, 10, 31)];

describe('a run on month-ends without June (P = 12, 8 returns over 9 months; r17a m1a)', () => {
  // 50 S bought at 100 on the first close (same-close), S rising 2 a month to 116; 5 000 cash at 5 %.
  const market = { ...fixtureMarket({ symbols: ['S'], closes: M1.map((_, k) => [100 + 2 * k]) }), dates: Int32Array.from(M1) };
  const result = backtest(market, scripted({ 0: [{ symbol: 'S', quantity: 50 }] }), { initialCash: 10_000, execution: 'same-close', cash: { rate: 0.05 } });
  const set = runMetrics(result, { riskFree: 0.05 });

  it('NAV 50 × 116 + 5 000 × 1.05^(9/12) = 5 800 + 5 186.35 = 10 986.35; annual return 1.0986352^(12/9) − 1 = 0.133630 (was 10 965.31 and 1.0965308^(12/8) − 1 = 0.148236)', () => {
    expect(result.daily.nav[M1.length - 1]).toBeCloseTo(10_986.351873971, 8);
    expect(value(set.metrics, 'annual_return')).toBeCloseTo(0.133630023680, 10);
  });

  it('rf of the July row is two months, 1.05^(2/12) − 1 = 0.0081648; the others 1.05^(1/12) − 1 = 0.0040741', () => {
    expect(set.riskFreeReturns[4]).toBeCloseTo(0.008164846052, 12);
    expect(set.riskFreeReturns[0]).toBeCloseTo(0.004074123784, 12);
  });
});

describe('a price series analysed without a run', () => {
  it('m1: 100, 102 … 116 on month-ends without June: 1.16^(12/9) − 1 = 0.218832 (was 1.16^(12/8) − 1 = 0.249358)', () => {
    const returns = Float64Array.from(M1.slice(1), (_, k) => (102 + 2 * k) / (100 + 2 * k) - 1);
    const a = analyseSeries({ dates: Int32Array.from(M1.slice(1)), returns, startDay: M1[0] }, { riskFree: { kind: 'annual', rate: 0.05 } });
    expect(a.frequency.periodsPerYear).toBe(12);
    expect(value(a.metrics.metrics, 'annual_return')).toBeCloseTo(0.218832386418, 10);
  });

  it('w1: 20 weekly then 9 fortnightly closes, 100 … 128, irregular P = 39: 1.28^(365.25/259) − 1 = 0.416416 (was 1.28^(52/28) − 1 = 0.581628)', () => {
    const days = [...Array.from({ length: 20 }, (_, k) => epochDay(2024, 1, 5) + 7 * k), ...Array.from({ length: 9 }, (_, k) => epochDay(2024, 5, 17) + 14 * (k + 1))];
    const returns = Float64Array.from(days.slice(1), (_, k) => (101 + k) / (100 + k) - 1);
    const a = analyseSeries({ dates: Int32Array.from(days.slice(1)), returns, startDay: days[0] });
    expect(a.frequency).toMatchObject({ periodsPerYear: 39, irregular: true });
    expect(value(a.metrics.metrics, 'annual_return')).toBeCloseTo(0.416416226783, 10);
  });
});
