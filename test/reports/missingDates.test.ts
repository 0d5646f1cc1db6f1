// Figures over a calendar with dates missing (r17a findings 1–2): the annual return counts the
// periods the rows cover (Σk / P years, engine/calendar/rowPeriods.ts periodsPerRow), and the risk-free return
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

describe('an irregular calendar says the periods its annual return counts, so the figure is recomputed from what is shown (probe r69a F4)', () => {
  // The probe's III: 8 dates over 120 days (2024-01-02 … 05-01), 100 → 108. P = 21 (7 gaps over
  // 120/365.25 years, rounded); each row counts its days, gap × 21 / 365.25, so the 7 returns cover
  // 120 × 21 / 365.25 = 6.899384 periods: annual return 1.08^(21/6.899384) − 1 = 1.08^(365.25/120) − 1
  // = 0.263961, not 1.08^(21/7) − 1 = 0.259712 — said in the caveat, the same for a run and a series.
  const days = [epochDay(2024, 1, 2), epochDay(2024, 1, 3), epochDay(2024, 1, 10), epochDay(2024, 1, 11), epochDay(2024, 2, 15), epochDay(2024, 2, 16), epochDay(2024, 3, 20), epochDay(2024, 5, 1)];
  const closes = [100, 101, 99, 102, 104, 103, 106, 108];
  const words = 'annualised with P = 21: inferred: irregular spacing, nearest weekly, 21 dates a year (median gap 7 days); each return counts its own days: the 7 returns span 120 days, 120 × 21 / 365.25 = 6.899 periods, so annual_return = (Π(1 + r))^(21 / 6.899) − 1 and Calmar counts 6.899 / 21 years; set ';

  it('a series (`breadth metrics`): periodsCovered 6.899384, annual return 1.08^(365.25/120) − 1 = 0.263961, and the caveat says both', () => {
    const returns = Float64Array.from(days.slice(1), (_, k) => closes[k + 1] / closes[k] - 1);
    const a = analyseSeries({ dates: Int32Array.from(days.slice(1)), returns, startDay: days[0] });
    expect(a.frequency).toMatchObject({ periodsPerYear: 21, irregular: true });
    expect(a.metrics.periodsCovered).toBeCloseTo((120 * 21) / 365.25, 12);
    expect(value(a.metrics.metrics, 'annual_return')).toBeCloseTo(0.263960656379, 10);
    expect(a.caveats.map((c) => c.message)).toContain(`${words}periodsPerYear (--periods-per-year) if that is wrong`);
  });

  it('a run on the same dates says it in the same words', () => {
    const market = { ...fixtureMarket({ symbols: ['S'], closes: closes.map((c) => [c]) }), dates: Int32Array.from(days) };
    const result = backtest(market, scripted({ 0: [{ symbol: 'S', quantity: 100 }] }), { initialCash: 10_000, execution: 'same-close' });
    const set = runMetrics(result, {});
    expect(value(set.metrics, 'annual_return')).toBeCloseTo(0.263960656379, 10);
    expect(set.caveats.map((c) => c.message)).toContain(`${words}periodsPerYear if that is wrong`);
  });

  it('a regular calendar states no count: one period a return', () => {
    const weekly = Array.from({ length: 9 }, (_, k) => epochDay(2024, 1, 5) + 7 * k);
    const a = analyseSeries({ dates: Int32Array.from(weekly.slice(1)), returns: new Float64Array(8).fill(0.01), startDay: weekly[0] });
    expect(a.metrics.periodsCovered).toBeUndefined();
  });
});

describe('a daily calendar with a hole: the row closing it counts its weekdays (probe r45b F1)', () => {
  // Weekdays 2024-01-02 … 02-29 without the week of 22 January (38 dates, 37 rows); the price is
  // 100 · 1.001^i, i counting every weekday, so +0.1 % a session: the 29 January row is 6 sessions'
  // growth, and the rows cover 36 + 6 = 42 sessions.
  const all: number[] = [];
  for (let d = epochDay(2024, 1, 2); d <= epochDay(2024, 2, 29); d++) if ((d + 4) % 7 >= 1 && (d + 4) % 7 <= 5) all.push(d);
  const inHole = (d: number): boolean => d >= epochDay(2024, 1, 22) && d <= epochDay(2024, 1, 26);
  const G0 = all.filter((d) => !inHole(d));
  const price = (d: number): number => 100 * 1.001 ** all.indexOf(d);
  const hole = "daily calendar has 1 hole of 6 or more weekdays without a row: the row closing it counts the weekdays it spans (2024-01-19 → 2024-01-29: 6), for the annual return and";

  it('a series: annual return (1.001^42)^(252/42) − 1 = 1.001^252 − 1 = 0.286434 (was (1.001^42)^(252/37) − 1 = 0.330974), said as a caveat', () => {
    const returns = Float64Array.from(G0.slice(1), (d, k) => price(d) / price(G0[k]) - 1);
    const a = analyseSeries({ dates: Int32Array.from(G0.slice(1)), returns, startDay: G0[0], name: 'AAA' });
    expect(a.frequency).toMatchObject({ periodsPerYear: 252, irregular: false });
    expect(value(a.metrics.metrics, 'annual_return')).toBeCloseTo(0.286434044376, 10);
    expect(a.caveats.map((c) => c.message)).toContain(`AAA's ${hole} the risk-free return — volatility and the other per-return figures still take its return as one`);
  });

  it('a run holding it: the same annual return, the hole said, and its short sample counts the 42 sessions covered', () => {
    const market = { ...fixtureMarket({ symbols: ['S'], closes: G0.map((d) => [price(d)]) }), dates: Int32Array.from(G0) };
    const result = backtest(market, scripted({ 0: [{ symbol: 'S', quantity: 1 }] }), { initialCash: 100, execution: 'same-close' });
    const set = runMetrics(result);
    expect(value(set.metrics, 'annual_return')).toBeCloseTo(0.286434044376, 10);
    const said = set.caveats.map((c) => c.message);
    expect(said).toContain(`the run's ${hole} interest — volatility and the other per-return figures still take its return as one`);
    expect(said).toContain('Short sample: 38 sessions covering 42 periods, under a year of 252 periods; annualized figures extrapolate.');
  });

  it('month-ends without June say their hole the same way: 2 months from 2024-05-31 to 07-31', () => {
    const market = { ...fixtureMarket({ symbols: ['S'], closes: M1.map((_, k) => [100 + 2 * k]) }), dates: Int32Array.from(M1) };
    const set = runMetrics(backtest(market, scripted({}), { initialCash: 10_000 }));
    expect(set.caveats.find((c) => c.message.includes('hole'))).toMatchObject({
      severity: 'medium',
      size: 1,
      message: "the run's monthly calendar has 1 hole of missing months: the row closing it counts the months it spans (2024-05-31 → 2024-07-31: 2), for the annual return and interest — volatility and the other per-return figures still take its return as one",
    });
  });
});

describe('a weekly run whose calendar holds one week twice, Thursday from one file and Friday from the other (probe r45b F3)', () => {
  // AAA on the 11 Fridays 2024-01-05 … 03-15 at 100, 101 … 110; BEN the same weeks but that of 26 January
  // on Thursday 01-25: the run's calendar holds both dates, 12 sessions over 10 weeks.
  const fridays = Array.from({ length: 11 }, (_, k) => epochDay(2024, 1, 5) + 7 * k);
  const days = [...fridays, epochDay(2024, 1, 25)].sort((a, b) => a - b);
  const aaa = days.map((d) => (fridays.includes(d) ? 100 + fridays.indexOf(d) : NaN));
  const ben = days.map((d, t) => (d === epochDay(2024, 1, 26) ? NaN : 50 + (t % 3)));
  const market = { ...fixtureMarket({ symbols: ['AAA', 'BEN'], closes: days.map((_, t) => [aaa[t], ben[t]]) }), dates: Int32Array.from(days) };
  const result = backtest(market, scripted({ 0: [{ symbol: 'AAA', quantity: 5000 }] }), { initialCash: 1_000_000, execution: 'same-close', cash: { rate: 0.05 } });

  it('NAV 5 000 × 110 + 500 000 × 1.05^(10/52) = 550 000 + 504 713.44 = 1 054 713.44; annual return 1.05471344^(52/10) − 1 = 0.319166 (was 1 054 781.10 and 0.3145, the week counted 1 + 1/7)', () => {
    expect(result.daily.nav[days.length - 1]).toBeCloseTo(1_054_713.439812, 5);
    expect(value(runMetrics(result).metrics, 'annual_return')).toBeCloseTo(1.05471343981 ** (52 / 10) - 1, 9);
    expect(1.05471343981 ** (52 / 10) - 1).toBeCloseTo(0.319166, 6);
  });
});

describe('a price series lacking a session its benchmark has (probe r64d F1: rf over the series\' own sessions)', () => {
  // Weekdays 2024-01-02 … 01-12; S has no row for Monday 01-08, B has every weekday, 100, 101, 100, … alternating.
  const all = [2, 3, 4, 5, 8, 9, 10, 11, 12].map((d) => epochDay(2024, 1, d));
  const own = all.filter((d) => d !== epochDay(2024, 1, 8));
  const bLevels = all.map((_, k) => 100 + (k % 2));
  const benchmark = { dates: Int32Array.from(all.slice(1)), returns: Float64Array.from(all.slice(1), (_, k) => bLevels[k + 1] / bLevels[k] - 1), startDay: all[0], name: 'B' };
  const flat = { dates: Int32Array.from(own.slice(1)), returns: new Float64Array(own.length - 1), startDay: own[0], name: 'S' };

  it('the 01-05 → 01-09 interval is two sessions, as a run over both files counts it: S flat (β = 0), alpha = (1 − (6 g1 + g2) / 7)^252 − 1 = −0.0542463, g_k = 1.05^(k/252) − 1 (was (1 − g1)^252 − 1 = −0.0476280)', () => {
    const a = analyseSeries(flat, { benchmark, riskFree: { kind: 'annual', rate: 0.05 } });
    expect(value(a.metrics.metrics, 'beta')).toBe(0);
    expect(value(a.metrics.metrics, 'alpha')).toBeCloseTo(-0.05424630362719, 12);
    expect(a.caveats.map((c) => c.message)).toContain(
      "S has 1 return spanning dates only benchmark B has (2024-01-05 → 2024-01-09: 2 periods, 1 by its own dates): it counts the periods of both files' dates between its own, as a run over the two counts them, for the annual return and the risk-free return",
    );
    expect(a.caveats.some((c) => c.message.includes('hole'))).toBe(false);
  });

  it('the annual return counts the 8 sessions: S 100 … 101 on its last date, 1.01^(252/8) − 1 = 0.368117 (was 1.01^(252/7) − 1 = 0.430769)', () => {
    const returns = Float64Array.from(own.slice(1), (_, k) => (k === own.length - 2 ? 0.01 : 0));
    const a = analyseSeries({ ...flat, returns }, { benchmark });
    expect(value(a.metrics.metrics, 'annual_return')).toBeCloseTo(0.36811710947, 10);
  });
});
