// Relative metrics are measured over the intervals both series cover and annualised with the P
// of those intervals: a daily strategy against month-end benchmark values pairs monthly returns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../../../data/dates.ts';
import { computeMetrics, levelsOf, monthIndex } from '../../../../reports/metrics/index.ts';
import { runMetrics } from '../../../../reports/runMetrics.ts';
import { analyseSeries } from '../../../../reports/seriesAnalysis.ts';
import { weekdays } from '../../../engine/fixtures.ts';
import { handResult } from '../../store/fixtures.ts';

const value = (set: { metrics: { name: string; value: number | null; n: number }[] }, name: string) => set.metrics.find((m) => m.name === name);

describe('a daily strategy against month-end benchmark values', () => {
  // Weekdays 2024-01-31 .. 2024-05-31; the month's return lands on its last weekday.
  const days = weekdays('2024-01-31', 88);
  const monthEnd = Array.from(days, (d, k) => k === 0 || k === days.length - 1 || monthIndex(days[k + 1]) !== monthIndex(d));
  const b = [0.02, -0.01, 0.03, 0];
  const r = [0.03, -0.02, 0.04, -0.01]; // r − b alternates ±0.01
  let month = 0;
  const returns = Float64Array.from(days.subarray(1), (_, i) => (monthEnd[i + 1] ? r[month++] : 0));
  let level = 1;
  month = 0;
  const benchmarkLevels = Float64Array.from(days, (_, k) => (k === 0 ? 1 : monthEnd[k] ? (level *= 1 + b[month++]) : NaN));

  it('pairs 4 monthly intervals and annualises with P = 12 (by hand: TE 0.04, alpha 0.994^12 − 1)', () => {
    expect(Array.from(days.filter((_, k) => monthEnd[k]), isoDay)).toEqual(['2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30', '2024-05-31']);
    const set = computeMetrics({ returns, dates: days.subarray(1), startDay: days[0], periodsPerYear: 252, benchmarkLevels });
    expect(set.pairing).toEqual({ intervals: 4, periodsPerYear: 12, source: 'monthly common dates (median gap 30 days), the series daily' });
    // std([.01, −.01, .01, −.01]) = √(0.0004/3); × √12 = 0.04.
    expect(value(set, 'tracking_error')).toMatchObject({ value: expect.closeTo(0.04, 14), n: 4 });
    // β = Σ(b − 0.01)·r / Σ(b − 0.01)² = 0.0016 / 0.001 = 1.6; mean(r − 1.6 b) = −0.006.
    expect(value(set, 'beta')?.value).toBeCloseTo(1.6, 12);
    expect(value(set, 'alpha')?.value).toBeCloseTo(Math.pow(0.994, 12) - 1, 12);
    // The strategy's own metrics keep P = 252.
    expect(set.periodsPerYear).toBe(252);
  });

  it('a run says so in a caveat', () => {
    const nav = [1_000_000, ...Array.from(levelsOf(returns).subarray(1), (w) => w * 1_000_000)];
    const result = handResult({ start: '2024-01-31', symbols: [], daily: { nav } });
    const set = runMetrics(result, { benchmark: { name: 'BM', levels: benchmarkLevels } });
    expect(set.caveats.map((c) => c.message)).toContain("relative metrics are annualised with P = 12, not the run's 252: the 4 intervals paired with BM have monthly common dates (median gap 30 days), the series daily");
  });

  it('analyseSeries (`breadth metrics`, the library) says so in the same words', () => {
    const ends = days.filter((_, k) => monthEnd[k]);
    const benchmark = { name: 'BM', dates: ends.subarray(1), returns: Float64Array.from(b), startDay: ends[0] };
    const analysis = analyseSeries({ name: 'S', dates: days.subarray(1), returns, startDay: days[0] }, { benchmark });
    expect(analysis.caveats.map((c) => c.message)).toContain("relative metrics are annualised with P = 12, not the series' 252: the 4 intervals paired with BM have monthly common dates (median gap 30 days), the series daily");
  });
});

describe('a coin priced every day against a weekday benchmark', () => {
  // 2024-01-01 (a Monday) … 2024-02-25: 56 days, 40 of them weekdays. The coin moves ±1 % on
  // weekdays, alternately, and not at weekends; the benchmark is flat on weekdays.
  const days = Int32Array.from({ length: 56 }, (_, k) => 19723 + k);
  const weekday = (d: number) => ((d + 4) % 7) % 6 !== 0;
  let sign = 1;
  const returns = Float64Array.from(days.subarray(1), (d) => (weekday(d) ? 0.01 * (sign = -sign) : 0));
  const benchmarkLevels = Float64Array.from(days, (d) => (weekday(d) ? 1 : NaN));

  it('pairs the 39 weekday intervals and annualises them with P = 252, not the coin\'s 365', () => {
    const set = computeMetrics({ returns, dates: days.subarray(1), startDay: days[0], periodsPerYear: 365, benchmarkLevels });
    expect(set.pairing).toMatchObject({ intervals: 39, periodsPerYear: 252 });
    // Each paired return is the coin's weekday move (its weekend returns are 0); active = r − 0.
    const active = Array.from(days.subarray(1), (d, i) => (weekday(d) ? returns[i] : NaN)).filter((x) => !Number.isNaN(x));
    const mean = active.reduce((a, x) => a + x, 0) / active.length;
    const sd = Math.sqrt(active.reduce((a, x) => a + (x - mean) ** 2, 0) / (active.length - 1));
    expect(value(set, 'tracking_error')).toMatchObject({ value: expect.closeTo(sd * Math.sqrt(252), 12), n: 39 });
    expect(set.periodsPerYear).toBe(365);
  });
});

describe('a coin against a weekday benchmark: each paired interval is one period of the pairing\'s P in the captures (METRICS.md n_sub/P; probe r45b F4)', () => {
  // 2024-01-01 (a Monday) … 2024-02-25: the coin gains 0.2 % every calendar day; the benchmark's
  // 39 weekday intervals alternate +1 %, −1 % (interval k up when k is even). Fri → Mon is interval
  // 4, 9, …, 34 (3 days; up at 4, 14, 24, 34). Up rows: 20, spanning 16 + 4·3 = 28 days; down
  // rows: 19, spanning 16 + 3·3 = 25 days. With P = 252 and each row one period:
  // up capture = (1.002^(28·252/20) − 1) / (1.01^252 − 1), down = (1.002^(25·252/19) − 1) / (0.99^252 − 1).
  // (They counted each row's days × 252/365 instead: 28·252/365 periods for the 20 up rows.)
  const days = Int32Array.from({ length: 56 }, (_, k) => 19723 + k);
  const weekday = (d: number) => ((d + 4) % 7) % 6 !== 0;
  const returns = new Float64Array(55).fill(0.002);
  let k = 0;
  let level = 1;
  const benchmarkLevels = Float64Array.from(days, (d, t) => (!weekday(d) ? NaN : t === 0 ? 1 : (level *= k++ % 2 === 0 ? 1.01 : 0.99)));

  it('up 0.090796, down −1.020718 by hand', () => {
    const set = computeMetrics({ returns, dates: days.subarray(1), startDay: days[0], periodsPerYear: 365, benchmarkLevels });
    expect(set.pairing).toMatchObject({ intervals: 39, periodsPerYear: 252 });
    expect(value(set, 'up_capture')).toMatchObject({ value: expect.closeTo((1.002 ** ((28 * 252) / 20) - 1) / (1.01 ** 252 - 1), 12), n: 20 });
    expect(value(set, 'down_capture')).toMatchObject({ value: expect.closeTo((1.002 ** ((25 * 252) / 19) - 1) / (0.99 ** 252 - 1), 12), n: 19 });
  });
});

describe('pairing a series with itself after removing dates (property)', () => {
  // Few: the pairs' calendar is spaced like the series — 6 of 60 weekdays gone leave 234.8 sessions a year, over 90 % of
  // 252 (dailyPeriods.ts standardDailyP); more, on few rows and no weekday as often gone as held, are counted in (probe r60a F1).
  it('gives beta 1, correlation 1, tracking error 0 and the series\' own P when the gaps are few', () => {
    const days = weekdays('2024-01-02', 60);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 59, maxLength: 59 }), fc.uniqueArray(fc.integer({ min: 1, max: 58 }), { maxLength: 6 }), (rs, gone) => {
        const returns = Float64Array.from(rs);
        const levels = levelsOf(returns);
        for (const k of gone) levels[k] = NaN;
        const set = computeMetrics({ returns, dates: days.subarray(1), startDay: days[0], periodsPerYear: 252, benchmarkLevels: levels });
        expect(set.pairing?.intervals).toBe(59 - gone.length);
        expect(set.pairing?.periodsPerYear).toBe(252);
        const beta = value(set, 'beta')?.value;
        if (beta === null || beta === undefined) return; // a flat benchmark has no beta
        expect(beta).toBeCloseTo(1, 9);
        expect(value(set, 'tracking_error')?.value).toBeCloseTo(0, 12);
      }),
      { numRuns: 50 },
    );
  });
});

describe('a benchmark interval flat up to the float noise of its rebuilt levels is neither up nor down (probe r45b F2)', () => {
  // BEN closes 100, 101, 102.04, 101, 99, 100, 98, 99 on 01-02 … 01-11 (weekdays); STRAT has no
  // 01-04: 100, 100.5, 106, 104, 105, 103, 104. The interval 01-03 → 01-05 is BEN 101 → 101, b = 0
  // exactly, but its levels compounded from returns (102.04/101 · 101/102.04) give b = −8.9e-16.
  // Down rows by hand (b < 0): 01-05→08 r = 104/106 − 1, b = 99/101 − 1; 01-09→10 r = 103/105 − 1,
  // b = 98/100 − 1. down capture = ((104/106 · 103/105)^(252/2) − 1) / ((99/101 · 0.98)^(252/2) − 1)
  // = −0.991959 / −0.993690 = 0.998258 (n = 2; the noise read it −2.615, n = 3). Rows with b ≥ 0:
  // 01-03 (r − b = 0.005 − 0.01), the flat one (+0.0547, a win), 01-09 and 01-11 (both behind):
  // batting_average_up 1/4 (n = 4, was 0 of 3); batting_average_down 2/2.
  const series = (start: string, prices: number[], skip: string[] = []): { name: string; dates: Int32Array; returns: Float64Array; startDay: number } => {
    const days = Array.from(weekdays(start, prices.length + skip.length)).filter((d) => !skip.includes(isoDay(d)));
    return { name: 'S', dates: Int32Array.from(days.slice(1)), returns: Float64Array.from(prices.slice(1), (p, k) => p / prices[k] - 1), startDay: days[0] };
  };
  const strategy = series('2024-01-02', [100, 100.5, 106, 104, 105, 103, 104], ['2024-01-04']);
  const benchmark = { ...series('2024-01-02', [100, 101, 102.04, 101, 99, 100, 98, 99]), name: 'BEN' };

  it('the flat interval counts in neither capture and as an up row of the batting averages', () => {
    const set = analyseSeries(strategy, { benchmark }).metrics;
    const down = (((104 / 106) * (103 / 105)) ** 126 - 1) / (((99 / 101) * 0.98) ** 126 - 1);
    expect(value(set, 'down_capture')).toMatchObject({ value: expect.closeTo(down, 12), n: 2 });
    expect(down).toBeCloseTo(0.998258, 6);
    expect(value(set, 'up_capture')?.n).toBe(3);
    expect(value(set, 'batting_average_up')).toMatchObject({ value: 0.25, n: 4 });
    expect(value(set, 'batting_average_down')).toMatchObject({ value: 1, n: 2 });
    expect(value(set, 'batting_average')).toMatchObject({ value: 0.5, n: 6 });
  });
});

describe('metrics --benchmark-prices: a benchmark starting after the series', () => {
  it('starts on the series row of its first value (9 series returns, benchmark from the 4th value: 6 intervals)', () => {
    const days = weekdays('2024-03-04', 10);
    const returns = Float64Array.from({ length: 9 }, (_, i) => 0.01 * ((i % 3) - 1));
    const bench = Float64Array.from({ length: 6 }, (_, i) => 0.02 * ((i % 2) - 0.5));
    const set = analyseSeries({ dates: days.subarray(1), returns, startDay: days[0] }, { benchmark: { dates: days.subarray(4), returns: bench, startDay: days[3] } });
    expect(set.metrics.pairing?.intervals).toBe(6);
    // Paired r = the series' returns 4..9, b = the benchmark's: their difference's std by hand.
    const active = bench.map((x, i) => returns[i + 3] - x);
    const m = active.reduce((s, v) => s + v, 0) / 6;
    const sd = Math.sqrt(active.reduce((s, v) => s + (v - m) ** 2, 0) / 5);
    expect(value(set.metrics, 'tracking_error')?.value).toBeCloseTo(sd * Math.sqrt(252), 12);
  });
});

describe('metrics --benchmark-returns: a returns file has no start, its first return is earned since the value one spacing before', () => {
  const days = weekdays('2024-03-04', 10);
  const returns = Float64Array.from({ length: 9 }, (_, i) => 0.01 * ((i % 3) - 1));
  const bench = Float64Array.from({ length: 6 }, (_, i) => 0.02 * ((i % 2) - 0.5));
  const active = bench.map((x, i) => returns[i + 3] - x);
  const m = active.reduce((s, v) => s + v, 0) / 6;
  const sd = Math.sqrt(active.reduce((s, v) => s + (v - m) ** 2, 0) / 5);

  it('a daily benchmark file from the 4th return date pairs all its 6 returns (from the series\' value the session before), as the same benchmark as prices does', () => {
    const set = analyseSeries({ dates: days.subarray(1), returns }, { benchmark: { dates: days.subarray(4), returns: bench } });
    expect(set.metrics.pairing?.intervals).toBe(6);
    expect(value(set.metrics, 'tracking_error')?.value).toBeCloseTo(sd * Math.sqrt(252), 12);
  });

  it('a series file starting after its benchmark file pairs its first return too (the benchmark\'s value the session before)', () => {
    const set = analyseSeries({ dates: days.subarray(4), returns: bench }, { benchmark: { dates: days.subarray(1), returns } });
    expect(set.metrics.pairing?.intervals).toBe(6);
    expect(value(set.metrics, 'tracking_error')?.value).toBeCloseTo(sd * Math.sqrt(252), 12);
  });

  it('the series\' own returns from a later date: beta 1, correlation 1, tracking error 0 over every one of them (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 12, maxLength: 40 }), fc.nat(), (ks, at) => {
        const rs = ks.map((k) => k / 1000);
        const n = rs.length;
        const from = 1 + (at % (n - 6));
        const own = weekdays('2024-01-02', n);
        const r = Float64Array.from(rs);
        const set = analyseSeries({ dates: own, returns: r }, { benchmark: { dates: own.subarray(from), returns: r.subarray(from) } }).metrics;
        expect(set.pairing?.intervals).toBe(n - from);
        const spread = Math.max(...rs.slice(from)) - Math.min(...rs.slice(from));
        if (spread > 0) {
          expect(value(set, 'beta')?.value).toBeCloseTo(1, 9);
          expect(value(set, 'correlation')?.value).toBeCloseTo(1, 9);
        }
        expect(value(set, 'tracking_error')?.value).toBeCloseTo(0, 12);
      }),
    );
  });

  it('a monthly file beside daily values starting inside its first month leaves that month out and says why', () => {
    const daily = weekdays('2024-01-03', 60); // 2024-01-03 … 2024-03-26
    const r = Float64Array.from(daily, (_, i) => 0.001 * ((i % 5) - 2));
    const monthEnds = Int32Array.from(['2024-01-31', '2024-02-29'], (d) => Math.round(Date.parse(d) / 86_400_000));
    const set = analyseSeries({ name: 'S', dates: daily, returns: r }, { benchmark: { name: 'M', dates: monthEnds, returns: Float64Array.of(0.02, -0.01) } });
    // January's 2 % is earned since 2023-12-29, a date S has no value on: one pair (February), not two.
    expect(set.metrics.pairing?.intervals).toBe(1);
    expect(set.caveats.map((c) => c.message)).toContain("benchmark M: its first return (2024-01-31, monthly) is earned since a date S has no value on (one spacing earlier), so it is not paired");
  });

  it('a monthly file starting a month after daily values pairs its first month from their last value of the month before (probe r29a: 1 pair, beta empty)', () => {
    // Daily returns 2024-01-02 … 03-28, 0 but +10 % on 02-15 and −5 % on 03-15; monthly file 0.05 on 02-29, 0.02 on 03-28.
    const daily = weekdays('2024-01-02', 63);
    const r = Float64Array.from(daily, (d) => (isoDay(d) === '2024-02-15' ? 0.1 : isoDay(d) === '2024-03-15' ? -0.05 : 0));
    expect(isoDay(daily[daily.length - 1])).toBe('2024-03-28');
    const ends = Int32Array.from(['2024-02-29', '2024-03-28'], (d) => Math.round(Date.parse(d) / 86_400_000));
    const m = Float64Array.of(0.05, 0.02);
    // Pairs (0.10, 0.05) and (−0.05, 0.02): beta = Σ(b − b̄)(r − r̄) / Σ(b − b̄)² = (0.015 · 0.075 · 2) / (2 · 0.015²) = 5; the other way round 0.2.
    const asBenchmark = analyseSeries({ dates: daily, returns: r }, { benchmark: { dates: ends, returns: m } });
    expect(asBenchmark.metrics.pairing?.intervals).toBe(2);
    expect(value(asBenchmark.metrics, 'beta')?.value).toBeCloseTo(5, 12);
    expect(asBenchmark.caveats.some((c) => c.message.includes('first return'))).toBe(false);
    const asSeries = analyseSeries({ dates: ends, returns: m }, { benchmark: { dates: daily, returns: r } });
    expect(asSeries.metrics.pairing?.intervals).toBe(2);
    expect(value(asSeries.metrics, 'beta')?.value).toBeCloseTo(0.2, 12);
  });

  it('a series file paired from a flat benchmark\'s value before it names that day in the flat caveat, not a crash (probe r29a: "Invalid time value")', () => {
    const days = weekdays('2024-01-02', 8); // 01-02 … 01-11
    const b = Float64Array.of(0.01, 0, 0, 0, 0, 0.02, -0.01); // values 01-03 … 01-11: flat 01-03 → 01-09
    const set = analyseSeries({ name: 'S', dates: days.subarray(2), returns: Float64Array.of(0.01, 0.02, -0.01, 0.03, 0.01, 0.02) }, { benchmark: { name: 'B', dates: days.subarray(1), returns: b } });
    expect(set.metrics.pairing?.intervals).toBe(6);
    expect(set.caveats.map((c) => c.message)).toContain(
      'benchmark B is unchanged on 5 periods from 2024-01-03 to 2024-01-09: 4 of its 6 returns paired with S (66.7 %) are 0 %: no trades, a stale price, or a market that did not move (a T-bill fund at zero rates) — beta, correlation and tracking error read them as a flat index',
    );
  });

  it('a monthly file beside month-end values pairs its first month from the month-end before', () => {
    const ends = Int32Array.from(['2024-01-31', '2024-02-29', '2024-03-28', '2024-04-30', '2024-05-31'], (d) => Math.round(Date.parse(d) / 86_400_000));
    const r = Float64Array.of(0.01, 0.03, -0.02, 0.02, 0.01);
    const b = Float64Array.of(0.01, -0.01, 0.02, 0.0);
    const set = analyseSeries({ dates: ends, returns: r }, { benchmark: { dates: ends.subarray(1), returns: b } });
    expect(set.metrics.pairing?.intervals).toBe(4);
    // beta by hand: b̄ = 0.005, Σ(b − b̄)(r) = (0.005·0.03)+(−0.015·−0.02)+(0.015·0.02)+(−0.005·0.01) = 0.0007, Σ(b − b̄)² = 0.0005 → 1.4
    expect(value(set.metrics, 'beta')?.value).toBeCloseTo(1.4, 12);
    expect(set.caveats.some((c) => c.message.includes('first return'))).toBe(false);
  });
});

describe('a returns file missing a row of its own spacing reads that period as unknown, as a blank row (probe r34b)', () => {
  const ends = Int32Array.from(['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-28', '2023-05-31', '2023-06-30', '2023-07-31'], (d) => Math.round(Date.parse(d) / 86_400_000));
  const r = Float64Array.of(0.01, -0.02, 0.03, 0.015, -0.01, 0.02, 0.005);
  const b = Float64Array.of(0.02, -0.01, 0.04, 0.01, -0.02, 0.01, 0.0);
  const without = (x: Float64Array, dates: Int32Array, k: number) => ({ dates: Int32Array.from([...dates].filter((_, j) => j !== k)), returns: Float64Array.from([...x].filter((_, j) => j !== k)) });
  const blank = (x: Float64Array, k: number) => Float64Array.from(x, (v, j) => (j === k ? NaN : v));

  it('a benchmark file without its March row pairs as one with a blank March: April alone beside April, not March and April merged', () => {
    const missing = analyseSeries({ dates: ends, returns: r }, { benchmark: { name: 'B', ...without(b, ends, 2) } });
    const blanked = analyseSeries({ dates: ends, returns: r }, { benchmark: { name: 'B', dates: ends, returns: blank(b, 2) } });
    for (const name of ['beta', 'alpha', 'correlation', 'tracking_error', 'information_ratio', 'up_capture']) {
      expect(value(missing.metrics, name)?.value, name).toBe(value(blanked.metrics, name)?.value);
    }
    // 6 pairs: every month but March (Feb → Mar and Mar → Apr both need March's level).
    expect(missing.metrics.pairing?.intervals).toBe(blanked.metrics.pairing?.intervals);
    expect(missing.caveats.map((c) => c.message)).toContain('benchmark B has no row for 1 period its own spacing expects (the first near 2023-03-31): each is an unknown return, as a blank row is — the row after it is its own period\'s return, not merged with the missing one');
  });

  it('a value dated mid-month among month-ends is no missing month, and several single months missing keep P = 12 (probe r35a)', () => {
    const monthEnds = (n: number) => Int32Array.from({ length: n }, (_, k) => Math.floor(Date.UTC(2022, 1 + k, 0) / 86_400_000));
    const days = monthEnds(25);
    const rr = Float64Array.from(days, (_, k) => 0.01 * Math.sin(k * 1.3) + 0.002);
    const bb = Float64Array.from(days, (_, k) => 0.012 * Math.sin(k * 1.3 + 0.4));
    // March 2023 (row 13) dated the 15th: its return still pairs over the interval both cover; no blank, no caveat.
    const stray = Int32Array.from(days, (d, k) => (k === 13 ? d - 16 : d));
    const set = analyseSeries({ dates: stray, returns: rr }, { benchmark: { dates: days, returns: bb } });
    expect(set.caveats.some((c) => c.message.includes('has no row for'))).toBe(false);
    expect(set.metrics.pairing?.intervals).toBe(24);
    // Rows 13, 16 and 19 missing: 3 periods blank, the other 22 of the 25 returns (both files start together) paired month by month at P = 12, said in one caveat naming 3.
    const keep = (k: number) => k !== 13 && k !== 16 && k !== 19;
    const gaps = analyseSeries({ name: 'S', dates: days.filter((_, k) => keep(k)), returns: rr.filter((_, k) => keep(k)) }, { benchmark: { dates: days, returns: bb } });
    expect(gaps.metrics.pairing).toMatchObject({ periodsPerYear: 12, intervals: 22, unknown: 3 });
    expect(gaps.caveats.map((c) => c.message).find((m) => m.startsWith('S has no row'))).toMatch(/^S has no row for 3 periods its own spacing expects/);
    // Two months in a row missing: 2 periods, the first dated on the benchmark's month-end before them.
    const two = analyseSeries({ name: 'S', dates: days.filter((_, k) => k !== 13 && k !== 14), returns: rr.filter((_, k) => k !== 13 && k !== 14) }, { benchmark: { dates: days, returns: bb } });
    expect(two.caveats.map((c) => c.message).find((m) => m.startsWith('S has no row'))).toContain(`S has no row for 2 periods its own spacing expects (the first near ${isoDay(days[13])})`);
  });

  it('a series file without a row: its annual return covers the months it has (6 of 7), not the gap as 0 %', () => {
    const set = analyseSeries({ name: 'S', ...without(r, ends, 2) });
    const known = [...r].filter((_, j) => j !== 2);
    const growth = known.reduce((g, x) => g * (1 + x), 1);
    expect(value(set.metrics, 'annual_return')?.value).toBeCloseTo(growth ** (12 / 6) - 1, 12);
  });
});

describe('benchmark caveats', () => {
  it('a benchmark that ends early says where it ends, not that it has gaps', () => {
    const nav = [100, 101, 102, 103, 104, 105];
    const result = handResult({ start: '2024-01-01', symbols: [], daily: { nav } });
    // reach: BM has no value after the run either (without it, levels say only that the last two sessions have none).
    const set = runMetrics(result, { benchmark: { name: 'BM', levels: Float64Array.of(1, NaN, 1.02, 1.01, NaN, NaN), reach: { before: false, after: false } } });
    expect(set.caveats.filter((c) => c.code === 'benchmark').map((c) => c.message)).toEqual([
      'benchmark BM ends on 2024-01-04, 2 sessions before the run: relative metrics cover only the common period',
      'benchmark BM has no value on 1 session inside its period (the first 2024-01-02): returns are paired over the intervals both cover',
    ]);
  });
});

describe('a blank benchmark return is an unknown interval, never a 0 % return', () => {
  // Six prices, five returns; the benchmark's return on day 2 is blank.
  const days = weekdays('2024-03-04', 6);
  const r = [0.01, -0.02, 0.03, 0.01, -0.01];
  const b = [0.02, NaN, 0.01, 0.02, -0.01];
  const series = { dates: days.subarray(1), returns: Float64Array.from(r), startDay: days[0] };
  const benchmark = { dates: days.subarray(1), returns: Float64Array.from(b), startDay: days[0] };

  it('drops that one interval: 4 pairs; by hand beta 2/3, tracking error √0.0002·√252', () => {
    const set = analyseSeries(series, { benchmark }).metrics;
    expect(set.pairing).toEqual({ intervals: 4, periodsPerYear: 252, source: 'spaced like the series', unknown: 1 });
    // Pairs (r, b): (.01, .02), (.03, .01), (.01, .02), (−.01, −.01). mean b = .01, b − mean b = (.01, 0, .01, −.02):
    // β = Σ(b − b̄)·r / Σ(b − b̄)² = .0004 / .0006. r − b = (−.01, .02, −.01, 0): mean 0, sample variance .0006/3.
    expect(value(set, 'beta')).toMatchObject({ value: expect.closeTo(2 / 3, 12), n: 4 });
    expect(value(set, 'tracking_error')).toMatchObject({ value: expect.closeTo(Math.sqrt(0.0002 * 252), 12), n: 4 });
    expect(value(set, 'information_ratio')?.value).toBeCloseTo(0, 12);
    // The series' own metrics keep all five returns.
    expect(value(set, 'total_return')).toMatchObject({ n: 5 });
  });

  it('a blank in the strategy\'s returns is dropped the same way', () => {
    const set = analyseSeries(benchmark, { benchmark: series }).metrics;
    expect(set.pairing?.intervals).toBe(4);
    expect(set.pairing?.unknown).toBe(1);
    // Same pairs with the roles swapped: β of b on r = Σ(r − r̄)·b / Σ(r − r̄)², r̄ = .01: (0, .02, 0, −.02) → .0004 / .0008.
    expect(value(set, 'beta')?.value).toBeCloseTo(0.5, 12);
  });

  it('dropping blanks equals pairing only the known returns (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { nil: NaN, freq: 5 }), { minLength: 5, maxLength: 5 }), (bs) => {
        const withBlanks = analyseSeries(series, { benchmark: { ...benchmark, returns: Float64Array.from(bs) } }).metrics;
        const known = bs.flatMap((x, k) => (Number.isNaN(x) ? [] : [k]));
        expect(withBlanks.pairing?.intervals).toBe(known.length);
        expect(withBlanks.pairing?.unknown ?? 0).toBe(5 - known.length);
        const keep = (xs: number[]) => Float64Array.from(known, (k) => xs[k]);
        const te = computeMetrics({ returns: keep(r), benchmarkLevels: levelsOf(keep(bs)) });
        const [got, want] = [value(withBlanks, 'tracking_error')?.value ?? null, value(te, 'tracking_error')?.value ?? null];
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 12); // levels' ratios round in the last digits
      }),
      { numRuns: 100 },
    );
  });
});

describe('a series and a benchmark that share no dates', () => {
  // Fridays 2024-01-05 … 2024-02-02 and Wednesdays 2024-01-03 … 2024-01-31: four weekly returns each, no common date.
  const friday = 19727; // 2024-01-05
  const weekly = (start: number): { dates: Int32Array; returns: Float64Array; startDay: number } => ({ startDay: start, dates: Int32Array.from([1, 2, 3, 4], (k) => start + 7 * k), returns: Float64Array.from([0.01, -0.02, 0.03, 0.01]) });
  const analysis = analyseSeries({ ...weekly(friday), name: 'WK' }, { benchmark: { ...weekly(friday - 2), name: 'WED' } });

  it('says so in one caveat naming both calendars, and every relative metric says why it is missing', () => {
    expect(analysis.metrics.pairing?.intervals).toBe(0);
    expect(analysis.caveats[0]).toMatchObject({
      code: 'benchmark',
      severity: 'high',
      message: expect.stringContaining('WK (weekly on Fridays, 2024-01-05 → 2024-02-02) and WED (weekly on Wednesdays, 2024-01-03 → 2024-01-31) share fewer than two dates'),
    });
    const beta = analysis.metrics.metrics.find((m) => m.name === 'beta');
    expect(beta).toEqual({ name: 'beta', value: null, n: 0, note: 'no two dates in common with the benchmark' });
  });

  it('a benchmark on the same Fridays pairs all four weeks and adds no such caveat', () => {
    const same = analyseSeries({ ...weekly(friday), name: 'WK' }, { benchmark: { ...weekly(friday), name: 'FRI' } });
    expect(same.metrics.pairing?.intervals).toBe(4);
    expect(same.caveats).toEqual([]);
  });
});

describe('metrics --benchmark-prices: benchmark levels dated on calendar month-ends (a Saturday 2022-04-30)', () => {
  // Weekdays 2022-01-31 … 2022-05-31; STRAT moves twice the benchmark's month, on each month's last weekday.
  const days = weekdays('2022-01-31', 87);
  const ends = ['2022-01-31', '2022-02-28', '2022-03-31', '2022-04-29', '2022-05-31'];
  const b = [0.1, -0.1, 0.1, -0.05];
  let month = 0;
  const returns = Float64Array.from(days.subarray(1), (d) => (ends.includes(isoDay(d)) ? 2 * b[month++] : 0));
  const benchDays = Int32Array.from(['2022-02-28', '2022-03-31', '2022-04-30', '2022-05-31'], (d) => Date.parse(d) / 86_400_000);

  it('reads the Saturday level as of Friday 04-29, as a run does: 4 monthly intervals, beta 2 and correlation 1 (by construction)', () => {
    expect(isoDay(days[days.length - 1])).toBe('2022-05-31');
    const set = analyseSeries({ name: 'STRAT', dates: days.subarray(1), returns, startDay: days[0] }, { benchmark: { name: 'BENCH', dates: benchDays, returns: Float64Array.from(b), startDay: days[0] } });
    expect(set.metrics.pairing).toMatchObject({ intervals: 4, periodsPerYear: 12 });
    expect(value(set.metrics, 'beta')?.value).toBeCloseTo(2, 12);
    expect(value(set.metrics, 'correlation')?.value).toBeCloseTo(1, 12);
    expect(set.caveats.map((c) => c.message)).toContain('BENCH: 1 weekend-dated value read as of the previous session (calendar month-end levels; the other series never has a weekend date), as a run reads them');
  });
});
