// Capacity: each order fill's share of the symbol's average daily volume over the 20 sessions
// before it, and the NAV at which the 95th-percentile fill would take 10 % of ADV.

import { describe, expect, it } from 'vitest';
import { backtest } from '../../engine/backtest.ts';
import { capacityFigures, fillParticipation } from '../../reports/capacity.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { scripted } from '../engine/helpers.ts';

const T = 40;
const closes = Array.from({ length: T }, () => [100, 50]);

function run(volumes: number[][] | undefined) {
  const market = fixtureMarket({ symbols: ['AAA', 'BBB'], closes, ...(volumes === undefined ? {} : { volumes }) });
  // Buy 1,000 AAA on session 25 and 2,000 BBB on session 30 (fills at the next open).
  const result = backtest(market, scripted({ 25: { shares: { AAA: 1_000 } }, 30: { shares: { AAA: 1_000, BBB: 2_000 } } }), { commission: { kind: 'bps', bps: 0 }, slippage: { kind: 'fixed-bps', bps: 0 } });
  return { market, result };
}

describe('capacity', () => {
  it('divides each fill by the mean volume of the 20 sessions before it', () => {
    // AAA trades 10,000 a day until session 20, then 30,000; BBB 40,000 every day.
    const volumes = Array.from({ length: T }, (_, t) => [t < 20 ? 10_000 : 30_000, 40_000]);
    const { market, result } = run(volumes);
    const p = fillParticipation(result, market);
    expect(Array.from(result.fills.session)).toEqual([26, 31]);
    // AAA at session 26: sessions 6..25 → 14 days of 10,000 and 6 of 30,000 → ADV 16,000.
    expect(p[0]).toBeCloseTo(1_000 / 16_000, 15);
    expect(p[1]).toBeCloseTo(2_000 / 40_000, 15);
    const figures = new Map(capacityFigures(result, market).map((m) => [m.name, m]));
    expect(figures.get('participation_max')?.value).toBeCloseTo(0.0625, 15);
    expect(figures.get('participation_median')?.value).toBeCloseTo((0.0625 + 0.05) / 2, 15);
    // p95 by linear interpolation between 0.05 and 0.0625 at 0.95.
    const p95 = 0.05 + 0.95 * 0.0125;
    expect(figures.get('participation_p95')?.value).toBeCloseTo(p95, 15);
    const meanNav = result.daily.nav.reduce((s, v) => s + v, 0) / T;
    expect(figures.get('capacity_nav')?.value).toBeCloseTo((meanNav * 0.1) / p95, 6);
    expect(figures.get('capacity_nav')?.n).toBe(2);
  });

  it('says "no volume data" rather than 0 where the data has no volume', () => {
    const { market, result } = run(Array.from({ length: T }, () => [NaN, NaN]));
    for (const m of capacityFigures(result, market)) {
      expect(m.value).toBeNull();
      expect(m.note).toBe('no volume data');
    }
  });

  it('says the fills came before any volume, not "no volume data", where the file has volume only after them', () => {
    // Volume from session 31 on: the fills at 26 and 31 average sessions 6..25 and 11..30, all blank.
    const { market, result } = run(Array.from({ length: T }, (_, t) => (t < 31 ? [NaN, NaN] : [50_000, 50_000])));
    for (const m of capacityFigures(result, market)) {
      expect(m.value).toBeNull();
      expect(m.note).toBe('no fill had a positive volume in the 20 sessions before it, though the data has volume on other sessions');
    }
  });
});
