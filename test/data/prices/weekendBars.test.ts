// Weekend-dated period-end bars (data/prices/series/weekendBars.ts) are read as of the previous session
// of a load that does not trade on weekends, through the whole alignment.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../data/dates.ts';
import { alignSeries } from '../../../data/prices/align.ts';
import { inspectMarket, renderInspection } from '../../../data/inspect.ts';
import { loadMarket } from '../../../data/load.ts';
import { orders, scenario } from '../../engine/helpers.ts';
import { csv, symbolSeries as series, tempDir, writeFile } from '../fixtures.ts';

/** Weekday 0 (Sunday) … 6 (Saturday). */
const weekday = (d: number): number => (d + 4) % 7;
const days = (from: number, to: number, keep: (d: number) => boolean): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k).filter(keep);
const monToFri = (d: number): boolean => weekday(d) >= 1 && weekday(d) <= 5;
/** Last calendar day of each month from (y, m) for `count` months. */
const monthEnds = (y: number, m: number, count: number): number[] => Array.from({ length: count }, (_, k) => epochDay(y, m + k + 1, 0));
const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

describe('weekend-dated month-end levels in a weekday load', () => {
  // DA trades Mon–Fri 2022-09-01 → Fri 2022-12-30; IDXM is dated on calendar month-ends:
  // Fri 09-30, Mon 10-31, Wed 11-30, Sat 12-31.
  const da = series('DA', days(epochDay(2022, 9, 1), epochDay(2022, 12, 30), monToFri));
  const idxm = series('IDXM', monthEnds(2022, 9, 4), { close: Float64Array.of(100, 101, 102, 103) });
  const a = alignSeries([da, idxm]);

  it('adds no Saturday session: the calendar is DA’s and ends Fri 2022-12-30', () => {
    expect(Array.from(a.dates)).toEqual(Array.from(da.dates));
    expect(iso(a.dates[a.dates.length - 1])).toBe('2022-12-30');
  });

  it('reads the Saturday level as of Friday 2022-12-30; the weekday ones stay where they are', () => {
    const i = a.symbols.indexOf('IDXM');
    const at = (day: number): number => a.close[Array.from(a.dates).indexOf(day) * a.symbols.length + i];
    expect([at(epochDay(2022, 9, 30)), at(epochDay(2022, 10, 31)), at(epochDay(2022, 11, 30)), at(epochDay(2022, 12, 30))]).toEqual([100, 101, 102, 103]);
    expect(a.report.weekendBarsReadEarlier).toEqual(new Map([['IDXM', 1]]));
  });

  it('no symbol looks delisted or ended: DA’s last bar is the calendar’s last session', () => {
    expect(Array.from(a.delistedAfter)).toEqual([-1, -1]);
  });
});

describe('business-day and calendar-day month ends, no daily series', () => {
  // FUND on the last business day, IDX on the last calendar day, 2022-01 … 2022-12: Jan 31 is a
  // Monday; Apr 30 (Sat), Jul 31 (Sun) and Dec 31 (Sat) end on a weekend.
  const ends = monthEnds(2022, 1, 12);
  const business = ends.map((d) => (weekday(d) === 6 ? d - 1 : weekday(d) === 0 ? d - 2 : d));
  const a = alignSeries([series('FUND', business), series('IDX', ends)]);

  it('12 sessions, FUND’s dates: every weekend level is read at the Friday before', () => {
    expect(ends.filter((d) => weekday(d) === 0 || weekday(d) === 6).map(iso)).toEqual(['2022-04-30', '2022-07-31', '2022-12-31']);
    expect(Array.from(a.dates)).toEqual(business);
    expect(a.report.weekendBarsReadEarlier).toEqual(new Map([['IDX', 3]]));
  });
});

describe('where weekend bars stay', () => {
  it('a load that trades on weekends (a daily 7-day series) keeps every date', () => {
    const btc = series('BTC', days(epochDay(2022, 1, 1), epochDay(2022, 3, 31), () => true));
    const a = alignSeries([btc, series('IDX', monthEnds(2022, 1, 3))]);
    expect(a.dates.length).toBe(btc.dates.length);
    expect(a.report.weekendBarsReadEarlier.size).toBe(0);
  });

  it('a daily series in a weekday load with one Saturday row (an IPO dated on a weekend) keeps it, said as a stray; a seven-day series has none', () => {
    const week = days(epochDay(2023, 5, 1), epochDay(2023, 6, 30), monToFri);
    const saturday = epochDay(2023, 6, 3);
    const ipo = series('DDD', [saturday, ...week.filter((d) => d > saturday)]);
    const a = alignSeries([series('AAA', week), ipo]);
    expect(Array.from(a.report.strayWeekendBars)).toEqual([['DDD', [saturday]]]);
    expect(a.dates.includes(saturday)).toBe(true);
    const btc = series('BTC', days(epochDay(2023, 5, 1), epochDay(2023, 6, 30), () => true));
    expect(alignSeries([series('AAA', week), ipo, btc]).report.strayWeekendBars.size).toBe(0);
  });

  it('a calendar-dated series alone keeps its dates (no earlier session to read it at)', () => {
    const ends = monthEnds(2022, 1, 12);
    expect(Array.from(alignSeries([series('IDX', ends)]).dates)).toEqual(ends);
  });
});

describe('property: a weekend bar moves back at most six days, to a session after its previous bar, and the calendar has no weekend', () => {
  it('over random weekday calendars with holidays and month-end levels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 2, max: 30 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1000, maxLength: 1000 }), (startOffset, months, draw) => {
        const start = epochDay(2020, 1, 1) + startOffset;
        const ends = monthEnds(2021, 3, months);
        // Holidays: about one weekday in ten, at random (a Friday month end among them).
        const daily = days(start, ends[ends.length - 1] + 3, (d) => monToFri(d) && draw[(d - start) % 1000] !== 0);
        const a = alignSeries([series('DA', daily), series('IDX', ends, { close: Float64Array.from(ends) })]);
        const dates = Array.from(a.dates);
        const i = a.symbols.indexOf('IDX');
        const placed = dates.map((d, t) => [d, a.close[t * a.symbols.length + i]] as const).filter(([, v]) => !Number.isNaN(v));
        expect(placed.length).toBe(ends.length); // every level once
        placed.forEach(([session, level], k) => {
          expect(level).toBe(ends[k]); // in order; its close is its own date
          expect(session).toBeLessThanOrEqual(level); // never earlier information at a later date: read at or before its date…
          expect(level - session).toBeLessThanOrEqual(6); // …within the week
          if (k > 0) expect(session).toBeGreaterThan(placed[k - 1][0]);
          if (session !== level) expect(daily).toContain(session); // moved only onto a session DA trades
        });
        for (const d of dates) if (!daily.includes(d)) expect(ends).toContain(d);
        // A weekend level stays a weekend session only where DA has no session in the six days before it.
        for (const d of dates) if (weekday(d) === 0 || weekday(d) === 6) expect(daily.some((x) => x < d && x >= d - 6)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });
});

describe('from files to a run', () => {
  it('data inspect and the run caveats name the symbol whose weekend bars were read earlier; no data-end exit', async () => {
    const dir = tempDir();
    // DA Mon 2022-12-19 → Fri 2022-12-30; IDXM dated Wed 2022-11-30 and Sat 2022-12-31.
    const weekdays = days(epochDay(2022, 12, 19), epochDay(2022, 12, 30), monToFri);
    writeFile(dir, 'DA.csv', csv('Date,Close', ...weekdays.map((d, k) => `${iso(d)},${100 + k}`)));
    writeFile(dir, 'IDXM.csv', csv('Date,Close', '2022-11-30,50', '2022-12-31,55'));
    const market = await loadMarket(dir, { cacheDir: false });
    expect(Array.from(market.dates).map(iso)).toEqual(['2022-11-30', ...weekdays.map(iso)]);
    expect(renderInspection(inspectMarket(market))).toMatch(/weekend-dated bars read as of the previous session, as nothing here trades on weekends \(calendar month-end levels\): IDXM \(1\)/);
    const result = scenario(market, { 1: orders({ symbol: 'DA', quantity: 10 }) }, { initialCash: 10_000 });
    expect(result.caveats.find((c) => /weekend-dated/.test(c.message))).toMatchObject({ severity: 'low' });
    expect(result.facts.dataEndExits).toEqual([]);
  });
});
