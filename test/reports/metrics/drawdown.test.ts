import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../data/dates.ts';
import { drawdownDurations, drawdownEpisodes, drawdownSeries, maxDrawdown, ulcerIndex, wealthSeries } from '../../../reports/metrics/drawdown.ts';

describe('wealth and underwater curve', () => {
  it('W_0 = 1 then compounded; NaN counts as a 0 return', () => {
    const w = wealthSeries([0.1, NaN, -0.5]);
    expect(w.length).toBe(4);
    expect(w[0]).toBe(1);
    expect(w[1]).toBeCloseTo(1.1, 15);
    expect(w[2]).toBeCloseTo(1.1, 15);
    expect(w[3]).toBeCloseTo(0.55, 15);
  });

  it('the starting value is a peak: a first-day loss is a drawdown', () => {
    // W = 1, 0.9, 0.945 → dd = 0, −0.10, −0.055
    const dd = drawdownSeries([-0.1, 0.05]);
    expect(Array.from(dd).map((v) => +v.toFixed(12))).toEqual([0, -0.1, -0.055]);
    expect(maxDrawdown([-0.1, 0.05]).value).toBeCloseTo(-0.1, 15);
  });
});

describe('max drawdown and ulcer index', () => {
  it('series A: peak 1.1 after day 1, trough at the end', () => {
    // W = 1, 1.1, 1.045, 1.0659, 1.033923 → dd = 0, 0, −0.05, −0.031, −0.06007
    const r = [0.1, -0.05, 0.02, -0.03];
    expect(maxDrawdown(r)).toMatchObject({ name: 'max_drawdown', n: 4 });
    expect(maxDrawdown(r).value).toBeCloseTo(0.95 * 1.02 * 0.97 - 1, 14);
    // √((0 + 0.0025 + 0.000961 + 0.06007²) / 4)
    expect(ulcerIndex(r).value).toBeCloseTo(Math.sqrt((0 + 0.0025 + 0.000961 + 0.06007 * 0.06007) / 4), 13);
  });

  it('never under water: max drawdown is a real 0', () => {
    expect(maxDrawdown([0.01, 0, 0.02])).toEqual({ name: 'max_drawdown', value: 0, n: 3 });
    expect(ulcerIndex([0.01, 0.02]).value).toBe(0);
    expect(maxDrawdown([]).note).toBe('insufficient data');
  });

  it('ulcer index over the n sessions after the start', () => {
    // dd = −0.10, −0.055 → √((0.01 + 0.003025) / 2)
    expect(ulcerIndex([-0.1, 0.05]).value).toBeCloseTo(Math.sqrt(0.013025 / 2), 14);
  });
});

describe('drawdown episodes', () => {
  // W: s0 1, s1 1.1, s2 0.99, s3 0.99, s4 1.188, s5 0.594, s6 0.6534
  const r = [0.1, -0.1, 0, 0.2, -0.5, 0.1];
  const start = epochDay(2024, 1, 1);
  const dates = [1, 2, 3, 4, 5, 6].map((k) => start + k);

  it('one recovered episode and one open one, with session indices and dates', () => {
    const eps = drawdownEpisodes(dates, r, start);
    expect(eps).toHaveLength(2);
    const [a, b] = eps;
    expect(a).toMatchObject({ peak: 1, trough: 2, recovery: 4, length: 3, timeToTrough: 1, open: false });
    expect(a.depth).toBeCloseTo(0.99 / 1.1 - 1, 14);
    expect([a.peakDate, a.troughDate, a.recoveryDate]).toEqual(['2024-01-02', '2024-01-03', '2024-01-05']);
    expect(b).toMatchObject({ peak: 4, trough: 5, recovery: null, recoveryDate: null, length: 2, timeToTrough: 1, open: true });
    expect(b.depth).toBeCloseTo(-0.5, 14);
  });

  it('durations: longest and average episode length in sessions', () => {
    const [longest, average] = drawdownDurations(drawdownEpisodes(null, r));
    expect(longest).toEqual({ name: 'max_drawdown_duration', value: 3, n: 2 });
    expect(average).toEqual({ name: 'avg_drawdown_duration', value: 2.5, n: 2 });
  });

  it('an open longest episode says so', () => {
    // W: 1, 1.1, 0.55, 0.605, 0.6655 (never recovers)
    const [longest] = drawdownDurations(drawdownEpisodes(null, [0.1, -0.5, 0.1, 0.1]));
    expect(longest).toEqual({ name: 'max_drawdown_duration', value: 3, n: 1, note: 'longest episode still open' });
  });

  it('a peak at the start has a date only when the start day is given', () => {
    const d = [start + 1, start + 2];
    // W = 1, 0.5, 1.0: back exactly at the peak on session 2
    const [e] = drawdownEpisodes(d, [-0.5, 1]);
    expect(e).toMatchObject({ peak: 0, peakDate: null, trough: 1, recovery: 2, recoveryDate: '2024-01-03', length: 2 });
    expect(drawdownEpisodes(d, [-0.5, 1], start)[0].peakDate).toBe('2024-01-01');
  });

  it('no drawdown: durations are null with the reason', () => {
    expect(drawdownEpisodes(null, [0.01, 0.02])).toEqual([]);
    expect(drawdownDurations([])[0]).toEqual({ name: 'max_drawdown_duration', value: null, n: 0, note: 'no drawdown' });
  });
});
