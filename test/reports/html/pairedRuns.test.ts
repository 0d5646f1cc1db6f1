// Comparing runs pairs their returns over the same intervals (pairedRuns.ts): a daily and a
// month-end run of one asset have equal Sharpe and correlation 1; the common period is the
// first to last date every run has. Expected values are computed by hand in the comments.

import { describe, expect, it } from 'vitest';
import { returnCorrelations } from '../../../reports/html/comparison/comparisonCharts.ts';
import { commonPeriodShortfall, commonPeriodShortNote, commonWindow, sharpeDifferences } from '../../../reports/html/comparison/comparisonMeasures.ts';
import { pairRuns } from '../../../reports/html/comparison/pairedRuns.ts';
import { type ComparisonRun, renderComparison } from '../../../reports/html/index.ts';
import { comparisonRun } from './helpers/pages.ts';

function run(label: string, dates: string[], nav: number[], periodsPerYear: number, rf?: number[]): ComparisonRun {
  const base = comparisonRun(label, 1, 3);
  const zeros = dates.map(() => 0);
  return { ...base, label, dates, nav, periodsPerYear, riskFreeReturns: rf, exposures: { gross: zeros, net: zeros } };
}

/** Weekdays from `from` to `to` (ISO), with a price path whose month-end levels are given. */
function dailyWithMonthEnds(monthEnds: Record<string, number>): { dates: string[]; nav: number[] } {
  const ends = Object.keys(monthEnds).sort();
  const dates: string[] = [];
  const nav: number[] = [];
  for (let t = Date.parse(`${ends[0]}T00:00:00Z`), k = 0; t <= Date.parse(`${ends[ends.length - 1]}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const iso = day.toISOString().slice(0, 10);
    dates.push(iso);
    // between month-ends the level wobbles ±1% around the last month-end level, so daily returns differ from monthly ones
    nav.push(monthEnds[iso] ?? monthEnds[ends.filter((e) => e <= iso).pop() as string] * (k++ % 2 === 0 ? 1.01 : 0.99));
  }
  return { dates, nav };
}

// Month-end levels 100, 110, 104.5, 106.59, 109.7877: returns 0.10, −0.05, 0.02, 0.03.
// mean 0.025; deviations 0.075, −0.075, −0.005, 0.005; Σd² = 0.0113; s = √(0.0113/3) = 0.0613732;
// Sharpe = 0.025 / 0.0613732 · √12 = 1.411067.
const MONTH_ENDS = { '2024-01-31': 100, '2024-02-29': 110, '2024-03-29': 104.5, '2024-04-30': 106.59, '2024-05-31': 109.7877 };
const HAND_SHARPE = (0.025 / Math.sqrt(0.0113 / 3)) * Math.sqrt(12);

describe('a daily and a month-end run of the same asset', () => {
  const d = dailyWithMonthEnds(MONTH_ENDS);
  const daily = run('daily', d.dates, d.nav, 252);
  const monthly = run('monthly', Object.keys(MONTH_ENDS), Object.values(MONTH_ENDS), 12);

  it('pair month-end to month-end returns, annualised with 12', () => {
    const { paired, pairing } = pairRuns(daily, monthly, null);
    expect(Array.from(paired.r)).toEqual(Array.from(paired.b));
    [0.1, -0.05, 0.02, 0.03].forEach((x, k) => expect(paired.r[k]).toBeCloseTo(x, 12));
    expect(pairing).toMatchObject({ intervals: 4, periodsPerYear: 12 });
  });

  it('have Sharpe difference 0 at the hand Sharpe, in either order', () => {
    for (const runs of [[daily, monthly], [monthly, daily]]) {
      const [{ test, pairing }] = sharpeDifferences(runs, 'full');
      expect(pairing.periodsPerYear).toBe(12);
      expect(test?.n).toBe(4);
      expect(test?.sharpeA).toBeCloseTo(HAND_SHARPE, 5);
      expect(test?.sharpeB).toBeCloseTo(HAND_SHARPE, 5);
      expect(test?.difference).toBe(0);
    }
  });

  it('correlate 1', () => {
    expect(returnCorrelations([daily, monthly])[0][1]).toBeCloseTo(1, 12);
  });
});

describe('two daily runs where one lacks a holiday', () => {
  // A: 100, 101, 103, 102, 104; B: 50, 51, –, 52, 53 (no 01-04).
  // Intervals 01-02→01-03, 01-03→01-05, 01-05→01-08:
  // A 0.01, 102/101 − 1 = 0.00990099, 104/102 − 1 = 0.01960784; B 0.02, 52/51 − 1 = 0.01960784, 53/52 − 1 = 0.01923077.
  const a = run('a', ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'], [100, 101, 103, 102, 104], 252, [0.001, 0.002, 0.003, 0.004]);
  const b = run('b', ['2024-01-02', '2024-01-03', '2024-01-05', '2024-01-08'], [50, 51, 52, 53], 252, [0.01, 0.02, 0.03]);

  it('pair a two-day return with a two-day return, each run compounding its own risk-free, at P = 252', () => {
    const { paired, rfB, pairing } = pairRuns(a, b, null);
    [0.01, 0.00990099, 0.01960784].forEach((x, k) => expect(paired.r[k]).toBeCloseTo(x, 8));
    [0.02, 0.01960784, 0.01923077].forEach((x, k) => expect(paired.b[k]).toBeCloseTo(x, 8));
    // a's rf over 01-03→01-05 is 1.002 · 1.003 − 1 = 0.005006; b's is its one return's 0.02
    [0.001, 0.005006, 0.004].forEach((x, k) => expect(paired.rf[k]).toBeCloseTo(x, 12));
    [0.01, 0.02, 0.03].forEach((x, k) => expect(rfB[k]).toBeCloseTo(x, 12));
    expect(pairing.periodsPerYear).toBe(252);
  });
});

describe('commonWindow', () => {
  it('is the first to the last date every run has a value on', () => {
    const daily = run('d', ['2023-06-01', '2023-06-30', '2023-07-03', '2024-02-29', '2024-03-28'], [1, 1, 1, 1, 1], 252);
    const monthly = run('m', ['2023-01-31', '2023-06-30', '2024-02-29', '2024-03-29'], [1, 1, 1, 1], 12);
    expect(commonWindow([daily, monthly])).toEqual({ from: '2023-06-30', to: '2024-02-29' });
    expect(commonWindow([daily, run('x', ['2025-01-02'], [1], 252)])).toBeNull();
  });
});

describe('a common period shorter than the runs is said (r13b item 4)', () => {
  // m: 10 month-ends 2023-11-30 … 2024-08-30 (9 periods); of them only 2024-01-31 (row 2) and
  // 2024-07-31 (row 8) are Wednesdays. w: Wednesdays 2024-01-03 + 7k, k = 0 … 34 (34 periods);
  // 2024-01-31 is k = 4, 2024-07-31 is k = 30 (210 days on). Common period 2024-01-31 → 2024-07-31:
  // m leaves out 2 sessions before and 9 − 8 = 1 after: 3 of its 10 sessions (the runs table's count); w 4 before and
  // 34 − 30 = 4 after: 8 of its 35 (probe r69d F6: it said "of its 9", returns, beside a table of 10 sessions).
  const months = ['2023-11-30', '2023-12-29', '2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30', '2024-05-31', '2024-06-28', '2024-07-31', '2024-08-30'];
  const weds = Array.from({ length: 35 }, (_, k) => new Date(Date.UTC(2024, 0, 3 + 7 * k)).toISOString().slice(0, 10));
  const m = run('m', months, months.map((_, k) => 100 + k), 12);
  const w = run('w', weds, weds.map((_, k) => 100 + k), 52);
  const said = "The common period leaves out each run's sessions before the first or after the last date on which every run has a value: m 3 of its 10 sessions, w 8 of its 35";

  it('counts each run\'s sessions outside the common period by hand, as the runs table counts them', () => {
    expect(commonWindow([m, w])).toEqual({ from: '2024-01-31', to: '2024-07-31' });
    expect(commonPeriodShortfall([m, w], commonWindow([m, w]))).toBe(said);
  });

  it('says it on the page over the common period, not over each run\'s full period', () => {
    const page = renderComparison({ title: 't', runs: [m, w] });
    expect(page).toContain(`${said.replace("'", '&#39;')}.`);
    // The runs table counts the same sessions: 10 and 35.
    expect(page).toMatch(/<td>2023-11-30 to 2024-08-30<\/td><td>10<\/td>/);
    expect(page).toMatch(/<td>2024-01-03 to 2024-08-28<\/td><td>35<\/td>/);
    expect(renderComparison({ title: 't', runs: [m, w], period: 'full' })).not.toContain('leaves out');
  });

  it('says nothing when every run spans the common period', () => {
    const twin = run('m2', months, months.map((_, k) => 200 - k), 12);
    expect(commonPeriodShortfall([m, twin], commonWindow([m, twin]))).toBeNull();
  });

  it('withholds z and p of the Sharpe-difference test on 9 paired intervals (under 30), shows them on 34', () => {
    const other = (dates: string[]): ComparisonRun => run('v', dates, dates.map((_, k) => 100 + k + (k % 3)), 52);
    const short = [run('w', weds.slice(0, 10), weds.slice(0, 10).map((_, k) => 100 + k), 52), other(weds.slice(0, 10))];
    expect(sharpeDifferences(short, 'common')[0].test).toMatchObject({ n: 9, tooFew: true });
    const page = renderComparison({ title: 't', runs: short });
    expect(page).toContain('too few intervals to test (n = 9, under 30): z and p withheld.');
    expect(page).not.toMatch(/data-figure="sharpe-difference">[^<]*z = /);
    const long = [w, other(weds)];
    expect(sharpeDifferences(long, 'common')[0].test).toMatchObject({ n: 34, tooFew: false });
    expect(renderComparison({ title: 't', runs: long })).toMatch(/data-figure="sharpe-difference">[^<]*z = -?\d\.\d\d, p = \d\.\d{3} over 34 intervals/);
  });
});

describe('a short common period is said on the page (probe r72d F3: 4 intervals read CAGR −61 %, Sharpe −13 without a word)', () => {
  // s: weekdays 2017-01-03 … 2017-01-09 (Tue … Mon: 01-03, 04, 05, 06, 09), l: 2016-12-01 … 2017-01-09 weekly
  // plus those five; shared 01-03 … 01-09: 5 dates, 4 intervals, 6 days — under a year and under 30.
  const s = ['2017-01-03', '2017-01-04', '2017-01-05', '2017-01-06', '2017-01-09'];
  const l = ['2016-12-01', '2016-12-08', '2016-12-15', ...s];
  const short = [run('s', s, [100, 99, 98, 99, 97], 252), run('l', l, [100, 101, 102, 103, 102, 101, 103, 104], 252)];
  const said = 'Short common period: 2017-01-03 → 2017-01-09 spans 6 days and 4 intervals between the dates every run shares, under a year: annualized figures over it (CAGR, volatility, Sharpe) extrapolate; under 30 intervals: the Sharpe test withholds z and p';

  it('names the span and the intervals over the common period, not over each run\'s full period', () => {
    expect(commonPeriodShortNote(short)).toBe(said);
    const page = renderComparison({ title: 't', runs: short });
    expect(page).toContain(`<span class="msg">${said}.</span>`);
    expect(page.indexOf(said)).toBeLessThan(page.indexOf('<h2>At a glance</h2>'));
    expect(renderComparison({ title: 't', runs: short, period: 'full' })).not.toContain('Short common period');
  });

  it('says "under a year" alone for 34 weekly intervals (2024-01-03 → 2024-08-28, 238 days), nothing for 36 month-ends over 3 years', () => {
    const weds = Array.from({ length: 35 }, (_, k) => new Date(Date.UTC(2024, 0, 3 + 7 * k)).toISOString().slice(0, 10));
    expect(commonPeriodShortNote([run('a', weds, weds.map(() => 1), 52), run('b', weds, weds.map(() => 2), 52)])).toBe(
      'Short common period: 2024-01-03 → 2024-08-28 spans 238 days and 34 intervals between the dates every run shares, under a year: annualized figures over it (CAGR, volatility, Sharpe) extrapolate',
    );
    const ends = Array.from({ length: 37 }, (_, k) => new Date(Date.UTC(2021, k + 1, 0)).toISOString().slice(0, 10));
    expect(commonPeriodShortNote([run('a', ends, ends.map(() => 1), 12), run('b', ends, ends.map(() => 2), 12)])).toBeNull();
  });
});

describe('each chart and correlation says what it spans (probe r72d F5: the iwm-hold · smlf-hold correlation ran over 1,872 intervals under "metrics over the common period", 70)', () => {
  // a and b: weekdays Mon 2024-01-01 … Fri 2024-01-12, 10 dates, 9 intervals; c: 2024-01-03 … 01-05, 3 dates, 2 intervals.
  // The common period is c's 2024-01-03 → 2024-01-05; a · b correlate over all 9 intervals they share.
  const ten = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12'];
  const a = run('a', ten, [100, 101, 99, 102, 103, 101, 104, 105, 103, 106], 252);
  const b = run('b', ten, [50, 51, 52, 50, 49, 51, 50, 52, 53, 52], 252);
  const c = run('c', ten.slice(2, 5), [10, 11, 10.5], 252);
  const page = renderComparison({ title: 't', runs: [a, b, c] });

  it('names each pair\'s intervals and span under the correlation chart', () => {
    expect(page).toContain('each pair over all the dates both runs have, not only the common period. a · b: 9 intervals, 2024-01-01 → 2024-01-12; a · c: 2 intervals, 2024-01-03 → 2024-01-05; b · c: 2 intervals, 2024-01-03 → 2024-01-05.');
  });

  it('says the growth and drawdown lines run past the common period to each run\'s end', () => {
    expect(page).not.toContain('over the same window');
    expect(page).toContain('Distance below each run’s running peak since 2024-01-03, the first date all runs share, to its run’s last session.');
    expect(page).toContain('each line runs on to its run’s last session (the common period ends 2024-01-05).');
  });
});
