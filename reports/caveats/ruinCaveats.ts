// The caveat of a measurement cut at a ruin (metrics/computeMetrics.ts `ruin`): what the figures
// count and why the returns after it are left out (metrics/wealthReturns.ts).
import { isoDay } from '../../data/dates.ts';
import { type Caveat, caveat } from '../../engine/caveats/caveats.ts';
import type { MetricSet } from '../metrics/index.ts';

/**
 * "metrics measured to the ruin on 2024-01-04: …" (high), or none without a ruin. `dayOf(row)`
 * is the epoch day of return row `row` (0-based); `wealth` names the series ('NAV', 'wealth').
 */
export function ruinCaveats(ruin: MetricSet['ruin'], dayOf: (row: number) => number, wealth: string): Caveat[] {
  if (ruin === undefined) return [];
  const { row, left } = ruin;
  const returns = `${left} return${left === 1 ? '' : 's'}`;
  return [
    caveat(
      'ruin',
      'high',
      `metrics measured to the ruin on ${isoDay(dayOf(row))}: return-based figures (total return, Sharpe, volatility, best and worst day, win rate, VaR, …) count the ${row + 1} returns up to and including that session's; the ${returns} after it start from a ${wealth} ≤ 0, where v_t / v_t−1 − 1 flips sign (−20,000 → −40,000 would read +100 %), and are left out`,
      { value: left, unit: 'count' },
    ),
  ];
}
