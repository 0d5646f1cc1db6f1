import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, weekdayOf } from '../../../data/dates.ts';
import { bestWorstPeriods, levelChange, levelGapNote, periodReturns, trailingReturns } from '../../../reports/metrics/periods.ts';
import type { Metric } from '../../../reports/metrics/metric.ts';

const get = (ms: Metric[], name: string): Metric => {
  const m = ms.find((x) => x.name === name);
  if (!m) throw new Error(`no metric ${name}`);
  return m;
};

// Six sessions across a year end and two month ends.
const dates = [epochDay(2023, 12, 28), epochDay(2023, 12, 29), epochDay(2024, 1, 2), epochDay(2024, 1, 31), epochDay(2024, 2, 1), epochDay(2024, 2, 29)];
const r = [0.01, 0.02, -0.01, 0.03, 0.05, -0.02];

describe('calendar period returns', () => {
  it('months: Π(1 + r) − 1 of the sessions in each month', () => {
    const months = periodReturns(dates, r, 'month');
    expect(months.map((m) => [m.period, m.start, m.end, m.n])).toEqual([
      ['2023-12', 0, 2, 2],
      ['2024-01', 2, 4, 2],
      ['2024-02', 4, 6, 2],
    ]);
    expect(months[0].value).toBeCloseTo(1.01 * 1.02 - 1, 15); // 0.0302
    expect(months[1].value).toBeCloseTo(0.99 * 1.03 - 1, 15); // 0.0197
    expect(months[2].value).toBeCloseTo(1.05 * 0.98 - 1, 15); // 0.029
  });

  it('years and best / worst', () => {
    const years = periodReturns(dates, r, 'year');
    expect(years.map((y) => y.period)).toEqual(['2023', '2024']);
    expect(years[1].value).toBeCloseTo(0.99 * 1.03 * 1.05 * 0.98 - 1, 15);
    const [bestM, worstM] = bestWorstPeriods(periodReturns(dates, r, 'month'), 'month', 1);
    expect(bestM).toMatchObject({ name: 'best_month', n: 3 });
    expect(bestM.value).toBeCloseTo(0.0302, 14);
    expect(worstM.value).toBeCloseTo(0.0197, 14);
    const [bestY, worstY] = bestWorstPeriods(years, 'year', 1);
    expect(bestY.value).toBeCloseTo(0.0492713, 14);
    expect(worstY).toMatchObject({ name: 'worst_year', n: 2 });
    expect(worstY.value).toBeCloseTo(0.0302, 14);
    expect(bestWorstPeriods([], 'year', 1)[0].note).toBe('insufficient data');
  });
});

describe('trailing returns', () => {
  it('MTD and YTD from the end of the previous month / year', () => {
    const t = trailingReturns(dates, r, 252);
    // MTD: sessions after 2024-01-31 → Feb 1 and Feb 29
    expect(get(t, 'mtd')).toMatchObject({ n: 2 });
    expect(get(t, 'mtd').value).toBeCloseTo(1.05 * 0.98 - 1, 15);
    // YTD: sessions after 2023-12-31
    expect(get(t, 'ytd')).toMatchObject({ n: 4 });
    expect(get(t, 'ytd').value).toBeCloseTo(0.99 * 1.03 * 1.05 * 0.98 - 1, 15);
  });

  it('a window reaching past the data is insufficient unless the start session covers it', () => {
    // 3M anchor 2023-11-29: every return is inside, but the base NAV's date is unknown
    expect(get(trailingReturns(dates, r, 252), 'return_3m')).toMatchObject({ value: null, note: 'insufficient data' });
    const withStart = trailingReturns(dates, r, 252, epochDay(2023, 11, 20));
    expect(get(withStart, 'return_3m').value).toBeCloseTo(1.01 * 1.02 * 0.99 * 1.03 * 1.05 * 0.98 - 1, 15);
    expect(get(withStart, 'return_1y').note).toBe('insufficient data');
  });

  it('3M from May 31 anchors on Feb 29 (clamped to month end)', () => {
    const d = [epochDay(2024, 2, 28), epochDay(2024, 2, 29), epochDay(2024, 3, 1), epochDay(2024, 5, 31)];
    const t = trailingReturns(d, [0.5, 0.1, 0.02, 0.03], 252);
    expect(get(t, 'return_3m')).toMatchObject({ n: 2 });
    expect(get(t, 'return_3m').value).toBeCloseTo(1.02 * 1.03 - 1, 15);
  });

  it('3Y and longer are annualized with (Π)^(P/n)', () => {
    // month ends 2020-01 … 2024-12 (60 rows) at +1% each, P = 12
    const d = Array.from({ length: 60 }, (_, i) => epochDay(2020, i + 2, 0));
    const t = trailingReturns(d, new Array<number>(60).fill(0.01), 12);
    expect(get(t, 'return_6m')).toMatchObject({ n: 6 });
    expect(get(t, 'return_6m').value).toBeCloseTo(Math.pow(1.01, 6) - 1, 14);
    expect(get(t, 'return_1y').value).toBeCloseTo(Math.pow(1.01, 12) - 1, 14);
    // 36 rows: (1.01^36)^(12/36) − 1 = 1.01^12 − 1
    expect(get(t, 'annual_return_3y')).toMatchObject({ n: 36 });
    expect(get(t, 'annual_return_3y').value).toBeCloseTo(Math.pow(1.01, 12) - 1, 13);
    // 5Y reaches 2019-12-31: the first return, dated 2020-01-31, is January's, from that day on — all 60, with or without the start day
    for (const t5 of [t, trailingReturns(d, new Array<number>(60).fill(0.01), 12, epochDay(2019, 12, 31))]) {
      expect(get(t5, 'annual_return_5y')).toMatchObject({ n: 60 });
      expect(get(t5, 'annual_return_5y').value).toBeCloseTo(Math.pow(1.01, 12) - 1, 13);
      expect(get(t5, 'annual_return_10y').value).toBeNull();
    }
    // A start day a month later (the level before r[0] on 2020-01-31) leaves 5Y short.
    expect(get(trailingReturns(d.slice(1), new Array<number>(59).fill(0.01), 12, epochDay(2020, 1, 31)), 'annual_return_5y').note).toBe('insufficient data');
  });
});

describe('trailing returns on period-end data: the base is the period end k months back', () => {
  /** Last business day (Mon–Fri) of month m (1-based) of year y, as an epoch day. */
  const lastBusinessDay = (y: number, m: number): number => {
    let d = epochDay(y, m + 1, 0);
    while ([0, 6].includes(new Date(d * 86_400_000).getUTCDay())) d--;
    return d;
  };

  it('quarterly, business-day quarter ends: 1Y from Fri 2023-12-29 is the quarter ending Fri 2022-12-30 (4 quarters), not 2022-09-30', () => {
    // Quarter ends 2021-03 … 2023-12 (12 returns), +2 % each; the base NAV on 2020-12-31.
    const d = Array.from({ length: 12 }, (_, k) => lastBusinessDay(2021 + Math.floor(k / 4), 3 * (k % 4) + 3));
    expect(d.at(-1)).toBe(epochDay(2023, 12, 29));
    expect(d.at(-5)).toBe(epochDay(2022, 12, 30));
    const t = trailingReturns(d, new Array<number>(12).fill(0.02), 4, epochDay(2020, 12, 31));
    expect(get(t, 'return_3m')).toMatchObject({ n: 1 });
    expect(get(t, 'return_1y')).toMatchObject({ n: 4 });
    expect(get(t, 'return_1y').value).toBeCloseTo(1.02 ** 4 - 1, 14);
    // 3Y: 12 quarters back is the start day 2020-12-31 → (1.02^12)^(4/12) − 1 = 1.02^4 − 1.
    expect(get(t, 'annual_return_3y')).toMatchObject({ n: 12 });
    expect(get(t, 'annual_return_3y').value).toBeCloseTo(1.02 ** 4 - 1, 13);
  });

  it('monthly, last 2023-02-28: 3M is Nov 30 → Feb 28 (3 months, 1.01³ − 1 = 3.0301 %), 6M 6 months (6.1520 %)', () => {
    const d = Array.from({ length: 24 }, (_, k) => epochDay(2021, 4 + k, 0)); // month ends 2021-03-31 … 2023-02-28
    expect(d.at(-1)).toBe(epochDay(2023, 2, 28));
    const t = trailingReturns(d, new Array<number>(24).fill(0.01), 12);
    expect(get(t, 'return_3m')).toMatchObject({ n: 3 });
    expect(get(t, 'return_3m').value).toBeCloseTo(0.030301, 14);
    expect(get(t, 'return_6m')).toMatchObject({ n: 6 });
    expect(get(t, 'return_6m').value).toBeCloseTo(1.01 ** 6 - 1, 14);
  });

  it('weekly Fridays: 1Y is 52 weeks (Fri 2022-12-30 → Fri 2023-12-29), not 53', () => {
    const last = epochDay(2023, 12, 29);
    const d = Array.from({ length: 80 }, (_, k) => last - 7 * (79 - k));
    const t = trailingReturns(d, new Array<number>(80).fill(0.001), 52);
    expect(get(t, 'return_1y')).toMatchObject({ n: 52 });
    expect(get(t, 'return_3m')).toMatchObject({ n: 13 });
  });

  it('a window shorter than the spacing (3M of annual data) is not available', () => {
    const d = [epochDay(2020, 12, 31), epochDay(2021, 12, 31), epochDay(2022, 12, 30), epochDay(2023, 12, 29)];
    const t = trailingReturns(d, [0.1, 0.1, 0.1, 0.1], 1);
    expect(get(t, 'return_3m')).toMatchObject({ value: null, n: 0 });
    expect(get(t, 'return_1y')).toMatchObject({ n: 1 });
    expect(get(t, 'return_1y').value).toBeCloseTo(0.1, 15);
  });
});

describe('trailing windows on data coarser than the window: refused, not another period\'s return', () => {
  const refused = { value: null, note: 'window shorter than the spacing of the dates' };

  it('quarter ends 2023 from 2022-12-31, +1 %, +2 %, +3 %, +5 %: MTD refused; 3M 5 %, 6M 8.15 %, YTD = 1Y 11.41613 %', () => {
    const d = [epochDay(2023, 3, 31), epochDay(2023, 6, 30), epochDay(2023, 9, 30), epochDay(2023, 12, 31)];
    const t = trailingReturns(d, [0.01, 0.02, 0.03, 0.05], 4, epochDay(2022, 12, 31));
    expect(get(t, 'mtd')).toMatchObject({ ...refused, n: 0 });
    expect(get(t, 'return_3m')).toMatchObject({ n: 1 });
    expect(get(t, 'return_3m').value).toBeCloseTo(0.05, 15);
    expect(get(t, 'return_6m').value).toBeCloseTo(0.0815, 15);
    expect(get(t, 'ytd')).toMatchObject({ n: 4 });
    expect(get(t, 'ytd').value).toBeCloseTo(0.1141613, 15);
    expect(get(t, 'return_1y').value).toBeCloseTo(0.1141613, 15);
  });

  it('year ends (Fri 2021-12-31, Fri 2022-12-30, Fri 2023-12-29): MTD, 3M and 6M refused; YTD and 1Y the 2023 year, 5 %', () => {
    const d = [epochDay(2021, 12, 31), epochDay(2022, 12, 30), epochDay(2023, 12, 29)];
    const t = trailingReturns(d, [0.1, -0.2, 0.05], 1, epochDay(2020, 12, 31));
    for (const name of ['mtd', 'return_3m', 'return_6m']) expect(get(t, name)).toMatchObject(refused);
    // 6M anchors on 2023-06-29: the nearest value is 2022-12-30, 181 days before, in a 183-day window.
    expect(get(t, 'return_6m').n).toBe(1);
    expect(get(t, 'ytd')).toMatchObject({ n: 1 });
    expect(get(t, 'ytd').value).toBeCloseTo(0.05, 15);
    expect(get(t, 'return_1y').value).toBeCloseTo(0.05, 15);
  });

  it('half-year ends 2023 from 2022-12-31, +4 %, +6 %: MTD and 3M refused; 6M 6 %, YTD = 1Y 10.24 %', () => {
    const t = trailingReturns([epochDay(2023, 6, 30), epochDay(2023, 12, 31)], [0.04, 0.06], 2, epochDay(2022, 12, 31));
    expect(get(t, 'mtd')).toMatchObject(refused);
    expect(get(t, 'return_3m')).toMatchObject(refused);
    expect(get(t, 'return_6m').value).toBeCloseTo(0.06, 15);
    expect(get(t, 'ytd').value).toBeCloseTo(0.1024, 15);
    expect(get(t, 'return_1y').value).toBeCloseTo(0.1024, 15);
  });
});

describe('MTD and YTD follow the k-month windows\' rule: the value nearest the anchor', () => {
  it('fortnightly to 2024-01-19: MTD and YTD start 2024-01-05 (5 days after Dec 31), not 2023-12-22 (9 before): 4 %, was 1.03 · 1.04 − 1', () => {
    const d = [epochDay(2023, 12, 8), epochDay(2023, 12, 22), epochDay(2024, 1, 5), epochDay(2024, 1, 19)];
    const t = trailingReturns(d, [0.01, 0.02, 0.03, 0.04], 26, epochDay(2023, 11, 24));
    expect(get(t, 'mtd')).toMatchObject({ n: 1 });
    expect(get(t, 'mtd').value).toBeCloseTo(0.04, 15);
    expect(get(t, 'ytd')).toMatchObject({ n: 1 });
  });

  it('fortnightly to 2024-01-26: Fri 2023-12-29 is 2 days before Dec 31, 2024-01-12 12 after: MTD 1.02 · 1.03 − 1', () => {
    const d = [epochDay(2023, 12, 15), epochDay(2023, 12, 29), epochDay(2024, 1, 12), epochDay(2024, 1, 26)];
    const t = trailingReturns(d, [0.01, 0.1, 0.02, 0.03], 26, epochDay(2023, 12, 1));
    expect(get(t, 'mtd')).toMatchObject({ n: 2 });
    expect(get(t, 'mtd').value).toBeCloseTo(0.0506, 15);
  });

  it('daily: MTD on Mon 2024-04-01 after Good Friday is that session\'s 3 % (the Sunday anchor\'s value is Thursday\'s close)', () => {
    const d = [epochDay(2024, 3, 25), epochDay(2024, 3, 26), epochDay(2024, 3, 27), epochDay(2024, 3, 28), epochDay(2024, 4, 1)];
    const t = trailingReturns(d, [0.01, 0.01, 0.01, 0.02, 0.03], 252, epochDay(2024, 3, 22));
    expect(get(t, 'mtd')).toMatchObject({ n: 1 });
    expect(get(t, 'mtd').value).toBeCloseTo(0.03, 15);
  });

  it('daily weekday data: MTD and YTD equal the last calendar month\'s and year\'s compounded return (property)', () => {
    const first = epochDay(2022, 11, 1);
    const weekdays = Array.from({ length: 600 }, (_, k) => first + k).filter((day) => weekdayOf(day) !== 0 && weekdayOf(day) !== 6);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 300, max: weekdays.length - 61 }), fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 420, maxLength: 420 }), (skip, length, rs) => {
        const d = weekdays.slice(skip, skip + length);
        const r = rs.slice(0, length);
        const t = trailingReturns(d, r, 252, weekdays[skip - 1]);
        const month = periodReturns(d, r, 'month').at(-1)!;
        const year = periodReturns(d, r, 'year').at(-1)!;
        expect(get(t, 'mtd').n).toBe(month.n);
        expect(get(t, 'mtd').value).toBeCloseTo(month.value, 12);
        if (year.start > 0) expect(get(t, 'ytd').value).toBeCloseTo(year.value, 12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a returns file (no start day): its first return is the period up to its date', () => {
  it('daily returns from Tue 2024-01-02: YTD holds all of them (n = 63), no note', () => {
    const d: number[] = [];
    for (let day = epochDay(2024, 1, 2); d.length < 63; day++) if (((day + 4) % 7) % 6 !== 0) d.push(day);
    const r = d.map((_, k) => (k === 0 ? 0.1 : 0.001));
    const ytd = get(trailingReturns(d, r, 252), 'ytd');
    expect(ytd).toMatchObject({ n: 63 });
    expect(ytd.value).toBeCloseTo(1.1 * Math.pow(1.001, 62) - 1, 13);
    expect(ytd.note).toBeUndefined();
  });
  it('daily returns from Tue 2024-01-02 (after the New Year holiday) to Thu 2024-03-28: 3M (anchor Thu 2023-12-28) holds them all', () => {
    const d: number[] = [];
    for (let day = epochDay(2024, 1, 2); day <= epochDay(2024, 3, 28); day++) if (((day + 4) % 7) % 6 !== 0) d.push(day);
    expect(get(trailingReturns(d, new Array<number>(d.length).fill(0.001), 252), 'return_3m')).toMatchObject({ n: d.length });
  });
  it('weekly returns from Fri 2024-01-05: YTD holds them all (was insufficient data)', () => {
    const d = Array.from({ length: 10 }, (_, k) => epochDay(2024, 1, 5) + 7 * k);
    expect(get(trailingReturns(d, new Array<number>(10).fill(0.01), 52), 'ytd')).toMatchObject({ n: 10 });
  });
});

describe('a window whose anchor falls just before the data', () => {
  // Weekdays 2023-01-02 … 2023-12-29, +0.1 % each (260 returns).
  const weekdays = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k).filter((day) => weekdayOf(day) !== 0 && weekdayOf(day) !== 6);
  const d = weekdays(epochDay(2023, 1, 2), epochDay(2023, 12, 29));
  const r = new Array<number>(d.length).fill(0.001);

  it('daily from Fri 2022-12-30: 1Y (anchor Thu 2022-12-29) starts at the first value, 1.001^260 − 1, and says so', () => {
    expect(d.length).toBe(260);
    const t = trailingReturns(d, r, 252, epochDay(2022, 12, 30));
    expect(get(t, 'return_1y')).toMatchObject({ n: 260, note: "from the first value, 2022-12-30, 1 day after the window's start 2022-12-29: the return into it is not in the data" });
    expect(get(t, 'return_1y').value).toBeCloseTo(1.001 ** 260 - 1, 12);
    expect(get(t, 'ytd').note).toBeUndefined();
  });

  it('three days (a weekend and a holiday) serve; four do not', () => {
    // NAV_0 on Tue 2023-01-03, 3 days after the YTD anchor Sat 2022-12-31: 258 returns from Jan 4.
    const fromTue = trailingReturns(d.slice(2), r.slice(2), 252, epochDay(2023, 1, 3));
    expect(get(fromTue, 'ytd')).toMatchObject({ n: 258, note: "from the first value, 2023-01-03, 3 days after the window's start 2022-12-31: the return into it is not in the data" });
    expect(get(fromTue, 'ytd').value).toBeCloseTo(1.001 ** 258 - 1, 12);
    expect(get(trailingReturns(d.slice(3), r.slice(3), 252, epochDay(2023, 1, 4)), 'ytd')).toMatchObject({ value: null, note: 'insufficient data' });
  });
});

describe('best / worst month on data coarser than a month', () => {
  const quarters = [{ period: '2023-03', start: 0, end: 1, value: 0.0888, n: 1 }, { period: '2023-06', start: 1, end: 2, value: -0.0836, n: 1 }];

  it('quarterly (median gap 92 days): refused with the spacing; monthly (31): valued', () => {
    expect(bestWorstPeriods(quarters, 'month', 92)).toEqual([
      { name: 'best_month', value: null, n: 2, note: 'dates spaced more than a month apart (median gap 92 days)' },
      { name: 'worst_month', value: null, n: 2, note: 'dates spaced more than a month apart (median gap 92 days)' },
    ]);
    expect(bestWorstPeriods(quarters, 'month', 31)[0]).toEqual({ name: 'best_month', value: 0.0888, n: 2 });
    expect(bestWorstPeriods(quarters, 'year', 365)[1]).toEqual({ name: 'worst_year', value: -0.0836, n: 2 });
    expect(bestWorstPeriods(quarters, 'year', 730)[0].value).toBeNull();
  });
});

describe('levelChange', () => {
  it('measures a level series between two rows, each with a level of its own', () => {
    const levels = [100, null, 110, NaN, 121];
    expect(levelChange(levels, 0, 2)).toBeCloseTo(0.1, 15);
    expect(levelChange(levels, 2, 4)).toBeCloseTo(0.1, 15);
    // An end without its own level has no return (never a 0 % day).
    expect(levelChange(levels, 0, 3)).toBeNull();
    expect(levelChange([null, null, 5], 1, 2)).toBeNull();
  });

  it('a start without a level is no return either: 121/100 − 1 = 0.21 spans rows 0 → 4, not the period 1 → 4 (probe r69a F2)', () => {
    const levels = [100, null, 110, NaN, 121];
    expect(levelChange(levels, 1, 4)).toBeNull();
    expect(levelChange(levels, 3, 4)).toBeNull();
    expect(levelChange([51, null, 52], 1, 2)).toBeNull();
    expect(levelGapNote([51, null, 52], ['2024-01-30', '2024-01-31', '2024-02-05'], 1, 2)).toBe('no level on 2024-01-31');
    expect(levelGapNote([51, null, null], ['2024-01-30', '2024-01-31', '2024-02-05'], 1, 2)).toBe('no level on 2024-01-31 or 2024-02-05');
    expect(levelGapNote([51, 52, 53], ['2024-01-30', '2024-01-31', '2024-02-05'], 1, 2)).toBeUndefined();
  });
});
