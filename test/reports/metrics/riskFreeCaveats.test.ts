// The risk-free caveats name exactly the metrics whose n drops where the rate is missing, and a
// rate carried across a long gap inside its series is said.
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../data/dates.ts';
import { computeMetrics } from '../../../reports/metrics/computeMetrics.ts';
import { RISK_FREE_METRICS, riskFreeCaveats } from '../../../reports/metrics/riskFree.ts';

const day = (iso: string) => epochDay(...(iso.split('-').map(Number) as [number, number, number]));
const series = (rows: [string, number][]) => ({ name: 'DTB3', dates: Int32Array.from(rows, ([d]) => day(d)), values: Float64Array.from(rows, ([, v]) => v) });
/** Weekdays from `from`, `n` of them, as epoch days. */
function weekdays(from: string, n: number): number[] {
  const out: number[] = [];
  for (let d = day(from); out.length < n; d++) if (((d % 7) + 7 + 4) % 7 % 6 !== 0) out.push(d);
  return out;
}

describe('riskFreeCaveats', () => {
  it('RISK_FREE_METRICS is the set of metrics whose n drops when rf is missing on some rows (not sortino)', () => {
    const r = Float64Array.from({ length: 12 }, (_, i) => [0.01, -0.02, 0.015, 0.005][i % 4] + i * 1e-4);
    const b = Float64Array.from({ length: 12 }, (_, i) => [0.004, -0.01, 0.02, -0.003][i % 4]);
    const levels = Float64Array.from({ length: 13 }, (_, k) => b.slice(0, k).reduce((w, x) => w * (1 + x), 100));
    const rf = Float64Array.from({ length: 12 }, (_, i) => (i < 3 ? NaN : 1e-4));
    const trials = { count: 5, sharpeVariance: 0.01 };
    const full = computeMetrics({ returns: r, riskFree: 1e-4, benchmarkLevels: levels, periodsPerYear: 252, trials });
    const part = computeMetrics({ returns: r, riskFree: rf, benchmarkLevels: levels, periodsPerYear: 252, trials });
    const dropped = part.metrics.filter((m, k) => m.n < full.metrics[k].n).map((m) => m.name);
    expect(dropped.sort()).toEqual([...RISK_FREE_METRICS].sort());
    expect(part.metrics.find((m) => m.name === 'sortino')?.n).toBe(12);
  });

  it('a series starting late names those metrics and the count from then on: 9 of 12 returns', () => {
    const days = weekdays('2024-01-01', 12);
    const [c] = riskFreeCaveats(series([['2024-01-04', 0.05]]), days);
    expect(c.message).toBe('risk-free rate DTB3 starts on 2024-01-04: sharpe, omega, psr, dsr, alpha, treynor use the 9 returns from then on, not all 12 (sortino uses its target, not the rate, and keeps them all)');
  });

  it('a three-week gap inside a daily series is a low caveat with its first date and 15 sessions; 22 sessions is medium; 10 is not said', () => {
    // Known Fri 2 Feb, next Mon 26 Feb 2024: weekdays 5–23 Feb are 15 sessions (median gap 1 day).
    const gap = series([['2024-01-31', 0.05], ['2024-02-01', 0.05], ['2024-02-02', 0.05], ['2024-02-26', 0.04], ['2024-02-27', 0.04], ['2024-02-28', 0.04]]);
    const days = weekdays('2024-01-31', 21);
    const out = riskFreeCaveats(gap, days);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ severity: 'low', size: 15, unit: 'sessions' });
    expect(out[0].message).toBe('risk-free rate DTB3 has a gap inside it: its 2024-02-02 rate (5.00%) stands in for the 15 sessions from 2024-02-05 until its next published rate');
    // Next rate on Wed 6 Mar: 5 Feb – 5 Mar is 22 weekdays, beyond 21.
    const long = series([['2024-02-01', 0.05], ['2024-02-02', 0.05], ['2024-03-06', 0.04], ['2024-03-07', 0.04]]);
    expect(riskFreeCaveats(long, weekdays('2024-02-01', 27))[0]).toMatchObject({ severity: 'medium', size: 22 });
    // Next rate on Mon 19 Feb: 5–16 Feb is 10 weekdays, not more than 10.
    const short = series([['2024-02-01', 0.05], ['2024-02-02', 0.05], ['2024-02-19', 0.04], ['2024-02-20', 0.04]]);
    expect(riskFreeCaveats(short, weekdays('2024-02-01', 14))).toEqual([]);
  });

  it('the same series as the run\'s cash rate: its gap is said once, by the cash-rate caveat (probe r18c: two medium caveats for one fact)', () => {
    const gap = series([['2024-01-31', 0.05], ['2024-02-01', 0.05], ['2024-02-02', 0.05], ['2024-02-26', 0.04], ['2024-02-27', 0.04], ['2024-02-28', 0.04]]);
    expect(riskFreeCaveats(gap, weekdays('2024-01-31', 21), { cashRateToo: true })).toEqual([]);
  });
});
