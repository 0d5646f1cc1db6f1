// The metrics' risk-free return over a session is what cash earns over it (data/rates.ts
// perPeriodRate), by the calendar's own spacing whatever P is given for annualising (probe r69a
// F1; engine/calendar/rowPeriods.ts accrualPeriods): a P given does not turn a weekday's rf into a
// week's.

import { describe, expect, it } from 'vitest';
import { epochDay } from '../../data/dates.ts';
import { runMetrics } from '../../reports/runMetrics.ts';
import { analyseSeries } from '../../reports/seriesAnalysis.ts';
import { expectNear, scenario, scripted } from '../engine/helpers.ts';

// Weekday sessions from Mon 2024-01-01 (the fixture's calendar): 11 sessions, 10 rows, P = 252 inferred.
const weekdays = { symbols: ['S'], closes: Array.from({ length: 11 }, () => [50]) };

describe('the metrics’ risk-free return follows the same time', () => {
  it('runMetrics with P = 52 given: rf a session = 1.05^(1/252) − 1 = 0.000193631, what the cash earned (was 1.05^(1/52) − 1)', () => {
    const run = scenario(weekdays, scripted({}), { initialCash: 1_000_000, cash: { rate: 0.05 } });
    const m = runMetrics(run, { riskFree: 0.05, periodsPerYear: 52 });
    expect(m.periodsPerYear).toBe(52);
    for (const rf of m.riskFreeReturns) expectNear(rf, 0.000193630506544, 1e-9);
    expect(m.caveats.some((c) => c.message.startsWith("P = 52 was given, but the run's calendar gives 252"))).toBe(true);
  });

  it('analyseSeries (breadth metrics) with P = 52 given on weekday returns: rf 1.05^(1/252) − 1 a return, said', () => {
    const days = Int32Array.from({ length: 11 }, (_, k) => epochDay(2024, 1, 1) + k + 2 * Math.floor(k / 5));
    const series = { dates: days.subarray(1), returns: new Float64Array(10).fill(0.001), startDay: days[0] };
    const a = analyseSeries(series, { riskFree: { kind: 'annual', rate: 0.05 }, periodsPerYear: 52 });
    expectNear(a.metrics.riskFree.meanPerPeriod ?? NaN, 0.000193630506544, 1e-9);
    expect(a.caveats.some((c) => c.message.startsWith("P = 52 was given, but the series' calendar gives 252"))).toBe(true);
  });
});
