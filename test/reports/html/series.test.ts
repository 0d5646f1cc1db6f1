// Chart series: rounding and thinning for size, calendar buckets, the shared-bin histogram.

import { describe, expect, it } from 'vitest';
import { ChartPayloadBuilder, compact, extremaIndices, strideIndices } from '../../../reports/html/page/charts.ts';
import { bucketShareOfNav, epochDays, histogram, navReturns, rebased } from '../../../reports/html/series.ts';

describe('compact', () => {
  it('rounds to 6 significant digits and turns non-finite values into null', () => {
    expect(compact([1234567.891, -0.000123456789, 0, NaN, Infinity, null])).toEqual([1234570, -0.000123457, 0, null, null, null]);
  });
});

describe('strideIndices', () => {
  it('keeps everything under the cap', () => {
    expect(strideIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('thins to about the cap and always keeps the last point', () => {
    const kept = strideIndices(5040, 1300);
    expect(kept.length).toBeLessThanOrEqual(1301);
    expect(kept[0]).toBe(0);
    expect(kept[kept.length - 1]).toBe(5039);
  });
});

describe('ChartPayloadBuilder', () => {
  it('stores an identical date axis once', () => {
    const b = new ChartPayloadBuilder();
    const k1 = b.axis(['2024-01-02', '2024-01-03']);
    const k2 = b.axis(['2024-01-02', '2024-01-03']);
    const k3 = b.axis(['2024-01-02']);
    expect(k1).toBe(k2);
    expect(k3).not.toBe(k1);
    expect(Object.keys(b.build().axes)).toHaveLength(2);
  });

  it('samples a series with one value per date at the axis rows, and refuses one of another length (probe r52c)', () => {
    const b = new ChartPayloadBuilder();
    const dates = ['2024-01-01', '2024-01-02', '2024-01-03'];
    const axis = b.sampled(dates, [0, 2]);
    expect(b.build().axes[axis.x]).toEqual([19_723, 2]); // 2024-01-01 is epoch day 19,723; 01-03 two days on
    expect(axis.values([0, -0.1, -0.2])).toEqual([0, -0.2]);
    // The old underwater curve: an extra leading 0 drew each session's drawdown on the next date.
    expect(() => axis.values([0, 0, -0.1, -0.2])).toThrow(/4 values for 3 dates/);
    expect(() => b.thinned(dates, 10).values([1, 2])).toThrow(/2 values for 3 dates/);
  });
});

describe('series', () => {
  it('returns NAV_t / NAV_{t−1} − 1, NaN where a NAV is missing', () => {
    expect(Array.from(navReturns([100, 110, null, 121]))).toEqual([0.10000000000000009, NaN, NaN]);
  });

  it('rebases a benchmark to the strategy NAV on the first date it has', () => {
    expect(rebased([1000, 1100, 1200], [null, 50, 55])).toEqual([null, 1100, 1210]);
  });

  it('sums a daily column per month over the month’s mean NAV', () => {
    const dates = ['2024-01-30', '2024-01-31', '2024-02-01'];
    const out = bucketShareOfNav(epochDays(dates), [100, 300, 400], [10, 30, 40], 'month', 0.5);
    expect(out).toEqual([
      { period: '2024-01', value: 20 / 200 },
      { period: '2024-02', value: 20 / 400 },
    ]);
  });

  it('bins several series on shared edges, each share summing to 1, tails in the edge bins', () => {
    const a = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 0.01);
    const b = [...a.slice(0, 999), -0.5];
    const h = histogram([a, b], 40);
    expect(h.edges).toHaveLength(40);
    for (const s of h.shares) expect(s.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    expect(h.shares[1][0]).toBeGreaterThan(0);
    expect(h.edges[0]).toBeGreaterThan(-0.5);
  });
});

describe('extremaIndices', () => {
  it('keeps every row below the budget', () => {
    expect(extremaIndices(5, 100, [[1, 2, 3, 4, 5]])).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps each bucket\'s first row, every series\' low and high, and the last row', () => {
    const a = [5, 1, 9, 3, 4, 8, 2, 7, 6, 0];
    const b = [0, 0, 0, 0, -4, 0, 0, 0, 0, 0];
    // 10 rows, 5 kept per bucket (first + 2 × 2 series) within 10 → buckets of 5 rows.
    expect(extremaIndices(10, 10, [a, b])).toEqual([0, 1, 2, 4, 5, 9]);
    // The lowest and highest values of the whole series always survive.
    const long = Array.from({ length: 10_000 }, (_, i) => Math.sin(i / 37) + (i === 6_123 ? -5 : 0));
    const kept = extremaIndices(long.length, 1_000, [long]);
    expect(kept.length).toBeLessThanOrEqual(1_002);
    expect(kept).toContain(6_123);
    expect(kept).toContain(long.indexOf(Math.max(...long)));
  });
});
