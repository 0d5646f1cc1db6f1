// A blank (unknown) return in the path metrics — the ones that build a wealth path or a fit over
// time from the returns (total and annual return, Calmar, stability, max drawdown, ulcer index,
// trailing returns) — and a returns file whose blank first row is its start, as a run's export
// writes it (probe r72a F1: stability 0.46477 and ulcer 0.15729 with n = 1670 for the run's
// 0.46453 and 0.15733 with n = 1669: the blank was read as a 0 % return before the first one).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { epochDay } from '../../../data/dates.ts';
import { loadReturnsFile } from '../../../data/returnSeries.ts';
import { computeMetrics, type Metric } from '../../../reports/metrics/index.ts';
import { analyseSeries } from '../../../reports/seriesAnalysis.ts';

const get = (ms: readonly Metric[], name: string): Metric => {
  const m = ms.find((x) => x.name === name);
  if (!m) throw new Error(`no metric ${name}`);
  return m;
};

// Five returns, computed by hand (python, math.log1p):
//   r = 0.01, −0.02, 0.03, −0.01, 0.02
//   wealth W = 1.01, 0.9898, 1.019494, 1.00929906, 1.0294850412 → total return 0.0294850412
//   running peak 1.01, 1.01, 1.019494, 1.019494, 1.0294850412
//   drawdown dd = 0, 0.9898/1.01 − 1 = −0.02, 0, 1.00929906/1.019494 − 1 = −0.01, 0 → max −0.02
//   ulcer = √((0.02² + 0.01²) / 5) = √0.0001 = 0.01   (with a 0 % return before them: √(0.0005 / 6) = 0.0091287)
//   stability: y = cumsum(log1p r) = 0.0099503, −0.0102524, 0.0193064, 0.0092561, 0.0290587 on t = 0..4;
//   R² = Sxy² / (Sxx·Syy) = 0.39209550904863777   (with a 0 in front, 6 points: 0.44448268142737796)
const R = [0.01, -0.02, 0.03, -0.01, 0.02];
const HAND = { total_return: 0.0294850412, max_drawdown: -0.02, ulcer_index: 0.01, stability: 0.39209550904863777 };
const PATH = ['total_return', 'annual_return', 'calmar', 'stability', 'max_drawdown', 'ulcer_index'];
// Weekdays 2024-01-02 … 2024-01-09: the start, then one date per return.
const DAYS = [epochDay(2024, 1, 2), epochDay(2024, 1, 3), epochDay(2024, 1, 4), epochDay(2024, 1, 5), epochDay(2024, 1, 8), epochDay(2024, 1, 9)];

describe('the path metrics skip a blank return (METRICS.md: skipped in means, 0 in compounding)', () => {
  const run = computeMetrics({ returns: R, dates: DAYS.slice(1), startDay: DAYS[0] }).metrics;

  it('five returns from their start: the hand-computed values, n = 5', () => {
    for (const [name, value] of Object.entries(HAND)) {
      expect(get(run, name).value, name).toBeCloseTo(value, 12);
      expect(get(run, name).n, name).toBe(5);
    }
  });

  it('a blank before the first return (no start day) is no 0 % session: ulcer 0.01 not 0.0091, stability 0.392 not 0.444, n = 5 not 6', () => {
    const blankFirst = computeMetrics({ returns: [NaN, ...R], dates: DAYS }).metrics;
    for (const [name, value] of Object.entries(HAND)) expect(get(blankFirst, name).value, name).toBeCloseTo(value, 12);
    for (const name of PATH) expect(get(blankFirst, name).n, name).toBe(5);
    expect(get(blankFirst, 'annual_return').value).toBeCloseTo(get(run, 'annual_return').value as number, 12);
  });

  it('a blank in the middle is skipped the same way: the values and n of the known returns', () => {
    const middle = computeMetrics({ returns: [0.01, -0.02, NaN, 0.03, -0.01, 0.02], periodsPerYear: 252 }).metrics;
    const known = computeMetrics({ returns: R, periodsPerYear: 252 }).metrics;
    for (const name of PATH) {
      expect(get(middle, name).value, name).toBeCloseTo(get(known, name).value as number, 12);
      expect(get(middle, name).n, name).toBe(5);
    }
    expect(get(middle, 'ulcer_index').value).toBeCloseTo(0.01, 12);
    expect(get(middle, 'stability').value).toBeCloseTo(0.39209550904863777, 12);
  });
});

describe('a returns file whose blank first row is its start (a run\'s export: `2024-01-02,` then the returns)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'breadth-blank-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const iso = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];
  const file = join(dir, 'ret.csv');
  writeFileSync(file, `date,return\n${iso[0]},\n${R.map((r, k) => `${iso[k + 1]},${r}`).join('\n')}\n`);
  const analysis = analyseSeries(loadReturnsFile(file), { periodsPerYear: 252 });
  const run = computeMetrics({ returns: R, dates: DAYS.slice(1), startDay: DAYS[0], periodsPerYear: 252 }).metrics;

  it('reads as the run over the same five returns: every metric the same value and n (cagr_calendar over 7 days from the start)', () => {
    for (const m of run) {
      const got = get(analysis.metrics.metrics, m.name);
      expect(got.n, m.name).toBe(m.n);
      if (m.value === null) expect(got.value, m.name).toBeNull();
      else expect(got.value, m.name).toBeCloseTo(m.value, 12);
    }
    expect(get(analysis.metrics.metrics, 'ulcer_index').value).toBeCloseTo(0.01, 12);
    // 1.0294850412^(365.25 / 7) − 1: the days from the start row, 2024-01-02, to 2024-01-09.
    expect(get(analysis.metrics.metrics, 'cagr_calendar').value).toBeCloseTo(Math.pow(1.0294850412, 365.25 / 7) - 1, 10);
    expect(get(analysis.metrics.metrics, 'cagr_calendar').n).toBe(5);
  });
});
