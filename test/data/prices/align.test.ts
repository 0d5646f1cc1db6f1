import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSeries } from '../../../data/prices/align.ts';
import { DataError, UserError } from '../../../data/errors.ts';
import { csv, refusal, symbolSeries as series, tempDir, writeFile } from '../fixtures.ts';

/**
 * The k-th weekday (Mon–Fri) from Monday 1970-01-05 (epoch day 4), so generated calendars have no
 * weekend bars: weekend-dated period-end bars are read earlier (data/prices/series/weekendBars.ts; test/data/prices/weekendBars.test.ts).
 */
const weekdayOf = (k: number): number => 4 + 7 * Math.floor(k / 5) + (k % 5);

describe('alignSeries', () => {
  it('puts every bar at its session and symbol, whatever the sizes (property: against a cell-by-cell placement)', () => {
    // Day sets with gaps, up to 150 symbols and 300 days: more than one tile of 64 × 64 both ways.
    const daySets = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 299 }), { minLength: 1, maxLength: 200 }), { minLength: 1, maxLength: 150 });
    fc.assert(
      fc.property(daySets, fc.option(fc.nat(), { nil: undefined }), (sets, calendarPick) => {
        const all = sets.map((picked, k) => {
          const days = [...picked].sort((a, b) => a - b).map(weekdayOf);
          return series(`S${String(k).padStart(3, '0')}`, days, { close: Float64Array.from(days, (d) => k * 1000 + d), volume: Float64Array.from(days, (d) => d) });
        });
        const calendar = calendarPick === undefined ? undefined : all[calendarPick % all.length].symbol;
        const a = alignSeries(all, { calendar });
        const N = a.symbols.length;
        const expected = new Float64Array(a.dates.length * N).fill(NaN);
        const expectedVolume = new Float64Array(a.dates.length * N).fill(NaN);
        a.symbols.forEach((symbol, i) => {
          const s = all.find((x) => x.symbol === symbol)!;
          s.dates.forEach((d, r) => {
            const t = a.dates.indexOf(d);
            if (t >= 0) [expected[t * N + i], expectedVolume[t * N + i]] = [s.close[r], s.volume![r]];
          });
        });
        expect(Array.from(a.close)).toEqual(Array.from(expected));
        expect(Array.from(a.volume)).toEqual(Array.from(expectedVolume));
      }),
      { numRuns: 25 },
    );
  });

  it('places runs of consecutive sessions and gapped series alike, with from/to and missing columns (property: against a cell-by-cell placement)', () => {
    // Series that are runs on the union calendar (a dense series makes every day a session) beside
    // gapped ones, some without volume, clipped by from/to or not: both ways of placing bars.
    const run = fc.record({ start: fc.integer({ min: 0, max: 199 }), length: fc.integer({ min: 1, max: 100 }) }).map(({ start, length }) => Array.from({ length }, (_, k) => start + k));
    const gapped = fc.uniqueArray(fc.integer({ min: 0, max: 199 }), { minLength: 1, maxLength: 120 }).map((days) => days.sort((a, b) => a - b));
    const shapes = fc.array(fc.record({ days: fc.oneof(run, run, gapped), volume: fc.boolean() }), { minLength: 1, maxLength: 140 });
    const range = fc.option(fc.tuple(fc.integer({ min: 0, max: 199 }), fc.integer({ min: 0, max: 199 })), { nil: undefined });
    fc.assert(
      fc.property(shapes, fc.boolean(), range, (specs, dense, bounds) => {
        const all = [...(dense ? [{ days: Array.from({ length: 200 }, (_, d) => d), volume: true }] : []), ...specs].map(({ days: picked, volume }, k) => {
          const days = picked.map(weekdayOf);
          return series(`S${String(k).padStart(3, '0')}`, days, { close: Float64Array.from(days, (d) => k * 1000 + d + 0.25), volume: volume ? Float64Array.from(days, (d) => d * 3) : null });
        });
        const [from, to] = bounds === undefined ? [undefined, undefined] : [weekdayOf(Math.min(...bounds)), weekdayOf(Math.max(...bounds))];
        const inside = all.filter((s) => s.dates.some((d) => d >= (from ?? -Infinity) && d <= (to ?? Infinity)));
        if (inside.length === 0) return;
        const a = alignSeries(all, { from, to });
        const N = a.symbols.length;
        expect(a.symbols).toEqual(inside.map((s) => s.symbol));
        const days = [...new Set(inside.flatMap((s) => [...s.dates]))].filter((d) => d >= (from ?? -Infinity) && d <= (to ?? Infinity)).sort((x, y) => x - y);
        expect(Array.from(a.dates)).toEqual(days);
        const expected = new Float64Array(days.length * N).fill(NaN);
        const expectedVolume = new Float64Array(days.length * N).fill(NaN);
        inside.forEach((s, i) => {
          s.dates.forEach((d, r) => {
            const t = days.indexOf(d);
            if (t >= 0) [expected[t * N + i], expectedVolume[t * N + i]] = [s.close[r], s.volume ? s.volume[r] : NaN];
          });
        });
        expect(Array.from(a.close)).toEqual(Array.from(expected));
        expect(Array.from(a.volume)).toEqual(Array.from(expectedVolume));
        const gaps = inside.map((s) => {
          const sessions = [...s.dates].map((d) => days.indexOf(d)).filter((t) => t >= 0);
          return sessions.length === 0 ? 0 : sessions[sessions.length - 1] - sessions[0] + 1 - sessions.length;
        });
        expect(a.report.missingBars).toBe(gaps.reduce((x, y) => x + y, 0));
        expect(a.report.symbolsWithGaps).toBe(gaps.filter((g) => g > 0).length);
      }),
      { numRuns: 60 },
    );
  });

  it('union calendar, session-major columns, NaN where a symbol has no bar', () => {
    const a = alignSeries([series('B', [1, 2, 4]), series('A', [2, 3, 4])]);
    expect(a.symbols).toEqual(['A', 'B']);
    expect(Array.from(a.dates)).toEqual([1, 2, 3, 4]);
    // t * N + i, N = 2: A is i=0, B is i=1.
    expect(Array.from(a.close)).toEqual([NaN, 1.5, 2.5, 2.5, 3.5, NaN, 4.5, 4.5]);
    expect(a.report.missingBars).toBe(1); // B lacks day 3 inside its own history
    expect(a.report.symbolsWithGaps).toBe(1);
  });

  it('opens, highs and lows no series has are absent; present columns are filled, NaN where a series lacks them', () => {
    const withVolume = series('A', [1, 2], { volume: Float64Array.from([10, 0]) });
    const a = alignSeries([withVolume, series('B', [1, 2])]);
    expect([a.open, a.high, a.low]).toEqual([undefined, undefined, undefined]);
    expect(Array.from(a.volume)).toEqual([10, NaN, 0, NaN]);
    const opens = alignSeries([series('A', [1, 2], { open: Float64Array.from([5, 6]) }), series('B', [1, 2])]);
    expect(Array.from(opens.open!)).toEqual([5, NaN, 6, NaN]);
    expect(Array.from(alignSeries([series('A', [1, 2])]).volume)).toEqual([NaN, NaN]); // no volume anywhere: unknown
  });

  it("a named symbol's calendar: other bars off it are dropped and counted", () => {
    const a = alignSeries([series('SPY', [1, 2, 4]), series('X', [2, 3, 4])], { calendar: 'SPY' });
    expect(Array.from(a.dates)).toEqual([1, 2, 4]);
    expect(a.report.offCalendarBars).toBe(1);
    expect(() => alignSeries([series('A', [1])], { calendar: 'NOPE' })).toThrow(UserError);
  });

  it('from/to clip the calendar; a symbol with no bar inside is left out', () => {
    const a = alignSeries([series('A', [1, 2, 3, 4, 5]), series('OLD', [1])], { from: 2, to: 4 });
    expect(Array.from(a.dates)).toEqual([2, 3, 4]);
    expect(a.symbols).toEqual(['A']);
    expect(a.report.emptySymbols).toEqual(['OLD']);
  });

  it('an early end is a delisting only before a known snapshot end; with none it is a data end', () => {
    const a = alignSeries([
      series('LIVE', [1, 2, 3, 4]),
      series('GONE', [1, 2]),
      series('SNAP', [1, 2], { snapshotEnd: 2 }),
      series('LATE', [1, 2], { snapshotEnd: 4 }),
    ]);
    const delisted = Object.fromEntries(a.symbols.map((s, i) => [s, a.delistedAfter[i]]));
    expect(delisted).toEqual({ LIVE: -1, GONE: -1, SNAP: -1, LATE: 1 });
  });

  it('events land on the first session on or after their ex-date, inside the symbol history', () => {
    const a = alignSeries(
      [
        series('SPY', [10, 12, 13]),
        series('X', [10, 12, 13], {
          dividends: [
            { day: 11, value: 0.2 }, // not a session: moves to 12
            { day: 20, value: 9 }, // after the history: dropped
          ],
          splits: [{ day: 13, value: 2 }],
        }),
      ],
      { calendar: 'SPY' },
    );
    const x = a.symbols.indexOf('X');
    expect(Array.from(a.dividends.session)).toEqual([1]);
    expect(Array.from(a.dividends.symbol)).toEqual([x]);
    expect(Array.from(a.dividends.value)).toEqual([0.2]);
    expect(Array.from(a.dividends.sessionStart)).toEqual([0, 0, 1, 1]);
    expect(Array.from(a.splits.session)).toEqual([2]);
  });

  it('the same symbol from two sources is an error', () => {
    expect(() => alignSeries([series('A', [1]), { ...series('A', [2]), source: 'other.csv' }])).toThrow(DataError);
  });
});

// A symbol in two files of a folder: both named, and a fix that works (through the loader, on real files).
describe('a symbol in two files', () => {
  const rows = (ticker?: string) => ['2024-01-02,10', '2024-01-03,11'].map((r) => (ticker ? `${ticker},${r}` : r));

  it('a per-symbol file and a long file: remove the one, or the symbol\'s rows from the other (--symbols cannot choose)', async () => {
    const dir = tempDir();
    const own = writeFile(dir, 'IWM.csv', csv('Date,Close', ...rows()));
    const long = writeFile(dir, 'more.csv', csv('Ticker,Date,Close', ...rows('IWM'), ...rows('SPY')));
    expect(await refusal(dir)).toBe(
      `${long}: symbol IWM is also loaded from ${own} — load each symbol from one file: remove or rename IWM.csv, or remove IWM's rows from more.csv (--symbols cannot choose between them: the folder is read whole before it selects)`,
    );
  });

  it('IWM.csv beside IWM.csv.gz: remove or rename either', async () => {
    const dir = tempDir();
    const plain = writeFile(dir, 'IWM.csv', csv('Date,Close', ...rows()));
    const gz = writeFile(dir, 'IWM.csv.gz', csv('Date,Close', ...rows()));
    expect(await refusal(dir)).toBe(
      `${gz}: symbol IWM is also loaded from ${plain} — load each symbol from one file: remove or rename IWM.csv, or remove or rename IWM.csv.gz (--symbols cannot choose between them: the folder is read whole before it selects)`,
    );
  });
});
