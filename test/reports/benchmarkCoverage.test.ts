// A benchmark covering only part of a series is stated the same way for a run and for any dated
// series (metrics --prices, analyseSeries): rows left out at each end, rows without a value inside.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../data/dates.ts';
import { benchmarkCoverageCaveats, benchmarkFlatCaveats } from '../../reports/benchmark/benchmarkCoverage.ts';
import { runMetrics } from '../../reports/runMetrics.ts';
import { handResult } from './store/fixtures.ts';
import { analyseSeries } from '../../reports/seriesAnalysis.ts';
import { weekdays } from '../engine/fixtures.ts';

/** Month-end epoch days from `year`-`month` (1-based), `count` of them. */
function monthEnds(year: number, month: number, count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, k) => Math.floor(Date.UTC(year, month + k, 0) / 86_400_000));
}

describe('benchmarkCoverageCaveats (by hand)', () => {
  const days = weekdays('2024-01-01', 8); // rows 0 … 7: Jan 1, 2, 3, 4, 5, 8, 9, 10 (Mon … Wed)
  const day = (row: number): number => days[row];

  it('2 rows before the first value, 1 after the last, 2 inside (the first on row 4), no values beyond either end', () => {
    const levels = [NaN, NaN, 1, 1.1, NaN, NaN, 1.2, NaN];
    const out = benchmarkCoverageCaveats('B', levels, day, { noun: 'S', unit: 'period' }, { before: false, after: false });
    expect(out.map((c) => [c.severity, c.message, c.size, c.unit])).toEqual([
      ['medium', 'benchmark B starts on 2024-01-03, 2 periods after S: relative metrics cover only the common period', 2, 'count'],
      ['medium', 'benchmark B ends on 2024-01-09, 1 period before S: relative metrics cover only the common period', 1, 'count'],
      ['low', 'benchmark B has no value on 2 periods inside its period (the first 2024-01-05): returns are paired over the intervals both cover', 2, 'count'],
    ]);
  });

  it('a benchmark with values beyond the rows it lacks at the ends lacks them, it does not start or end there (probe r36b: "starts on" for a holiday on the first session)', () => {
    const out = benchmarkCoverageCaveats('B', [NaN, 1, 1.1, 1.2, 1.3, NaN, NaN, NaN], day, { noun: 'the run', unit: 'session' }, { before: true, after: true });
    expect(out.map((c) => [c.severity, c.message, c.size])).toEqual([
      ['medium', 'benchmark B has no value on the first session of the run (2024-01-01), though it has values before: relative metrics cover only the common period', 1],
      ['medium', 'benchmark B has no value on the last 3 sessions of the run (2024-01-08 → 2024-01-10), though it has values after: relative metrics cover only the common period', 3],
    ]);
  });

  it('without reach (levels a library user built), it neither starts nor ends there: the rows it lacks and its first and last value in the series, true either way (probe r56a: "starts on 2024-01-03" of a benchmark with values from 2023-12-27)', () => {
    // The same levels as above: rows 0–1 (Jan 1, 2) lack a value, the first is row 2 (Jan 3); row 7 (Jan 10) lacks one, the last is row 6 (Jan 9).
    const levels = [NaN, NaN, 1, 1.1, NaN, NaN, 1.2, NaN];
    const out = benchmarkCoverageCaveats('B', levels, day, { noun: 'the run', unit: 'session' });
    expect(out.map((c) => [c.severity, c.message, c.size]).slice(0, 2)).toEqual([
      ['medium', 'benchmark B has no value on the first 2 sessions of the run (2024-01-01 → 2024-01-02): its first value in the run is on 2024-01-03; relative metrics cover only the common period', 2],
      ['medium', 'benchmark B has no value on the last session of the run (2024-01-10): its last value in the run is on 2024-01-09; relative metrics cover only the common period', 1],
    ]);
    // Known on one side only: that side is said as known, the other as unknown.
    expect(benchmarkCoverageCaveats('B', levels, day, { noun: 'the run', unit: 'session' }, { before: true, after: false }).map((c) => c.message).slice(0, 2)).toEqual([
      'benchmark B has no value on the first 2 sessions of the run (2024-01-01 → 2024-01-02), though it has values before: relative metrics cover only the common period',
      'benchmark B ends on 2024-01-09, 1 session before the run: relative metrics cover only the common period',
    ]);
  });

  it('property: without reach no caveat states a start, an end or values beyond; each end it lacks names the value it has nearest', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (has) => {
        const levels = has.map((h) => (h ? 1 : NaN));
        const messages = benchmarkCoverageCaveats('B', levels, day, { noun: 'the run', unit: 'session' }).map((c) => c.message);
        for (const m of messages) expect(m).not.toMatch(/starts on|ends on|though it has values/);
        const [first, last] = [has.indexOf(true), has.lastIndexOf(true)];
        if (first > 0) expect(messages).toContainEqual(expect.stringContaining(`its first value in the run is on ${isoDay(day(first))}`));
        if (first >= 0 && last < has.length - 1) expect(messages).toContainEqual(expect.stringContaining(`its last value in the run is on ${isoDay(day(last))}`));
      }),
    );
  });

  it('says nothing of a benchmark with a value on every row, or on none (the caller says there is no relative metric)', () => {
    expect(benchmarkCoverageCaveats('B', [1, 2, 3], day, { noun: 'the run', unit: 'session' })).toEqual([]);
    expect(benchmarkCoverageCaveats('B', [NaN, NaN], day, { noun: 'the run', unit: 'session' })).toEqual([]);
  });

  it('property: rows left out at the ends plus the gaps plus the rows with a value add up to all rows', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), (has) => {
        const levels = has.map((h) => (h ? 1 : NaN));
        const sizes = benchmarkCoverageCaveats('B', levels, day, { noun: 'S', unit: 'period' }).map((c) => c.size ?? 0);
        const known = has.filter(Boolean).length;
        expect(sizes.reduce((s, v) => s + v, 0) + known).toBe(known === 0 ? 0 : has.length);
      }),
    );
  });
});

describe('a benchmark spaced coarser than the series counts its own missing dates (probe r14b: "no value on 478 sessions" said nothing of a missing month)', () => {
  // Weekday rows 2024-01-31 … 2024-09-30; benchmark values on the last weekday of each month.
  const rows = weekdays('2024-01-31', 174);
  const ends = ['2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30', '2024-05-31', '2024-06-28', '2024-07-31', '2024-08-30', '2024-09-30'].map(parseIsoDay);
  const day = (row: number): number => rows[row];
  const levelsOn = (kept: readonly number[]) => Array.from(rows, (d) => (kept.includes(d) ? 1 : NaN));

  it('every month-end there: nothing to say (the rows between its values are its spacing, not gaps)', () => {
    expect(rows[rows.length - 1]).toBe(ends[8]);
    expect(benchmarkCoverageCaveats('B', levelsOn(ends), day, { noun: 'the run', unit: 'session' })).toEqual([]);
  });

  it('April missing: 1 of its dates, after 2024-03-29 (gaps 29, 29, 63, 28, 33, 30, 31 days: median 30, 63 / 30 → 2 gaps)', () => {
    const out = benchmarkCoverageCaveats('B', levelsOn(ends.filter((_, k) => k !== 3)), day, { noun: 'the run', unit: 'session' });
    expect(out.map((c) => [c.severity, c.message, c.size])).toEqual([
      ['low', 'benchmark B misses 1 of its dates inside its period (it is spaced every 30 days; the first missing after 2024-03-29): returns are paired over the intervals both cover', 1],
    ]);
  });
});

describe('a complete coarse benchmark of 3–5 values says nothing (r16b finding 3: 5 Fridays read "no value on 16 sessions")', () => {
  const caveatsOn = (rows: Int32Array, valued: readonly string[]) => {
    const kept = valued.map(parseIsoDay);
    return benchmarkCoverageCaveats('B', Array.from(rows, (d) => (kept.includes(d) ? 1 : NaN)), (row) => rows[row], { noun: 'the run', unit: 'session' });
  };

  it('5 Fridays 2024-01-05 … 02-02 in a weekday run (gaps 7, 7, 7, 7): nothing', () => {
    expect(caveatsOn(weekdays('2024-01-05', 21), ['2024-01-05', '2024-01-12', '2024-01-19', '2024-01-26', '2024-02-02'])).toEqual([]);
  });

  it('5 month-ends 2024-01-31 … 05-31 (gaps 29, 29, 32, 31: all within 10 % of 31) and 3 Fridays: nothing', () => {
    expect(caveatsOn(weekdays('2024-01-31', 88), ['2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30', '2024-05-31'])).toEqual([]);
    expect(caveatsOn(weekdays('2024-01-05', 11), ['2024-01-05', '2024-01-12', '2024-01-19'])).toEqual([]);
  });

  it('Fridays 01-05 … 02-02 without 01-19 (gaps 7, 14, 7: 14 is 100 % off the median 7) show no spacing: their rows are counted', () => {
    const out = caveatsOn(weekdays('2024-01-05', 21), ['2024-01-05', '2024-01-12', '2024-01-26', '2024-02-02']);
    // 21 rows − 4 with a value = 17 without, all between the first and the last; the first is 2024-01-08.
    expect(out.map((c) => [c.severity, c.size])).toEqual([['low', 17]]);
    expect(out[0].message).toContain('has no value on 17 sessions inside its period (the first 2024-01-08)');
  });
});

describe('analyseSeries states what a run states (r13b item 2)', () => {
  // 36 month-ends 2020-01 → 2022-12; the benchmark has 2020-06 → 2022-06, without 2021-05.
  const months = monthEnds(2020, 1, 36);
  const series = { name: 'S', dates: months.subarray(1), returns: new Float64Array(35).fill(0.01), startDay: months[0] };
  const kept = Array.from(months.subarray(5, 30)).filter((d) => d !== parseIsoDay('2021-05-31'));
  const benchmark = { name: 'B', dates: Int32Array.from(kept.slice(1)), returns: Float64Array.from(kept.slice(1), (_, k) => 0.02 * (k % 2) - 0.005), startDay: kept[0] };

  it('5 months before (2020-02 … 2020-06 returns), 6 after (2022-07 … 2022-12), 1 inside (2021-05-31): 23 intervals', () => {
    const a = analyseSeries(series, { benchmark });
    expect(a.metrics.pairing?.intervals).toBe(23); // rows 5 → 29 is 24 intervals, 2021-04 → 2021-06 one of them
    expect(a.caveats.filter((c) => c.code === 'benchmark').map((c) => c.message)).toEqual([
      'benchmark B starts on 2020-06-30, 5 periods after S: relative metrics cover only the common period',
      'benchmark B ends on 2022-06-30, 6 periods before S: relative metrics cover only the common period',
      'benchmark B has no value on 1 period inside its period (the first 2021-05-31): returns are paired over the intervals both cover',
    ]);
  });

  it('a daily benchmark with values before the series but none on its first date lacks that date, it does not start there (probe r36b)', () => {
    const days = weekdays('2024-01-01', 8); // Jan 1 … 10
    const s = { name: 'S', dates: days.subarray(3), returns: new Float64Array(5).fill(0.01), startDay: days[2] }; // from Jan 3
    const kept = Array.from(days).filter((d) => d !== days[2]); // B lacks Jan 3 only
    const b = { name: 'B', dates: Int32Array.from(kept.slice(1)), returns: new Float64Array(kept.length - 1).fill(0.002), startDay: kept[0] };
    expect(analyseSeries(s, { benchmark: b }).caveats.filter((c) => c.code === 'benchmark').map((c) => c.message)).toEqual([
      'benchmark B has no value on the first period of S (2024-01-03), though it has values before: relative metrics cover only the common period',
    ]);
  });

  it('a benchmark on every date of the series: no coverage caveat', () => {
    const whole = { name: 'B', dates: series.dates, returns: new Float64Array(35).fill(0.005), startDay: series.startDay };
    expect(analyseSeries(series, { benchmark: whole }).caveats.filter((c) => c.code === 'benchmark')).toEqual([]);
  });
});

describe('a benchmark unchanged for a week or more is said (probe r27b: CCC flat at 29.76 for 21 sessions, 47 % of a run, said nowhere)', () => {
  const days = weekdays('2024-01-01', 30);
  const day = (row: number): number => days[row];

  it('one stretch of 21 values: 20 of 29 returns are 0 % (69.0 %), medium, sized and dated by the stretch', () => {
    const levels = Array.from({ length: 30 }, (_, k) => (k < 3 ? 1 + k / 100 : k < 24 ? 1.05 : 1.05 + (k - 23) / 100));
    const out = benchmarkFlatCaveats('CCC', levels, day, { noun: 'the run', unit: 'session' });
    expect(out.map((c) => [c.severity, c.size, c.message])).toEqual([
      ['medium', 21, 'benchmark CCC is unchanged on 21 sessions from 2024-01-04 to 2024-02-01: 20 of its 29 returns paired with the run (69.0 %) are 0 %: no trades, a stale price, or a market that did not move (a T-bill fund at zero rates) — beta, correlation and tracking error read them as a flat index'],
    ]);
  });

  it('two stretches of 5 (4 zero returns each) among 29 returns: 8 (27.6 %), the longest first-found named; 4 equal values in a row say nothing', () => {
    const levels = Array.from({ length: 30 }, (_, k) => (k >= 2 && k <= 6 ? 2 : k >= 10 && k <= 14 ? 3 : 1 + k / 100 + (k % 2) / 7));
    const [c] = benchmarkFlatCaveats('B', levels, day, { noun: 'S', unit: 'period' });
    expect(c.message).toMatch(/^benchmark B is unchanged on 5 periods from 2024-01-03 to 2024-01-09, and 1 more stretch of 5 or more: 8 of its 29 returns paired with S \(27\.6 %\) are 0 %/);
    const four = Array.from({ length: 30 }, (_, k) => (k >= 2 && k <= 5 ? 2 : 1 + k / 100));
    expect(benchmarkFlatCaveats('B', four, day, { noun: 'S', unit: 'period' })).toEqual([]);
  });

  it('rows without a value inside a stretch do not break it (the interval across them pairs as 0 % too); 14.8 % is medium (a tenth or more)', () => {
    const levels = Array.from({ length: 30 }, (_, k) => (k >= 10 && k <= 16 ? (k === 12 || k === 13 ? NaN : 5) : 1 + k / 100));
    const [c] = benchmarkFlatCaveats('B', levels, day, { noun: 'the run', unit: 'session' });
    // Values on rows 10, 11, 14, 15, 16: 5 values, 4 zero returns of 27 (29 returns less the 2 rows without a value).
    expect([c.severity, c.size]).toEqual(['medium', 5]);
    expect(c.message).toContain('4 of its 27 returns paired with the run (14.8 %) are 0 %');
  });

  it('a run against cash at a rate of 0 says nothing (flat by design); against a flat index it does, in the run\'s caveats', () => {
    const nav = Array.from({ length: 12 }, (_, k) => 100 + k);
    const result = handResult({ start: '2024-01-01', symbols: [], daily: { nav } });
    expect(runMetrics(result, { benchmark: 'cash' }).caveats.filter((c) => c.message.includes('unchanged'))).toEqual([]);
    const flat = Float64Array.from({ length: 12 }, (_, k) => (k < 6 ? 1 : 1 + k / 50));
    expect(runMetrics(result, { benchmark: { name: 'IDX', levels: flat } }).caveats.filter((c) => c.message.includes('unchanged')).map((c) => c.severity)).toEqual(['medium']);
  });
});
