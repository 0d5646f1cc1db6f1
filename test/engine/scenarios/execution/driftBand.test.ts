// A drift band adds a decision whenever a holding's weight strays from its target by more than the band.

import { describe, expect, it } from 'vitest';
import { custom, withDriftBand } from '../../../../engine/calendar/schedule.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { scripted, trades, scenario } from '../../helpers.ts';

describe('drift band 0.05 around 50 / 50', () => {
  // No calendar decisions (only the run's first session); A drifts up.
  // t0: 50 / 50 of 10 000 at 100 → 50 A, 50 B (filled t1, cash 0).
  // t2: A 120: NAV 6 000 + 5 000 = 11 000, w_A = 0.5454 → off by 0.0454 ≤ 0.05: no decision.
  // t3: A 125: NAV 6 250 + 5 000 = 11 250, w_A = 0.5556 → off by 0.0556 > 0.05: decide.
  //     Targets: A 0.5 × 11 250 / 125 = 45 → sell 5; B 0.5 × 11 250 / 100 = 56.25 → 56 → buy 6.
  // t4: filled at the open; w_A = 5 625 / 11 250 = 0.5, w_B = 5 600 / 11 250 = 0.4978: no decision.
  const market = fixtureMarket({
    symbols: ['A', 'B'],
    closes: [
      [100, 100],
      [100, 100],
      [120, 100],
      [125, 100],
      [125, 100],
      [125, 100],
    ],
  });
  const w = { weights: { A: 0.5, B: 0.5 } };
  const strategy = scripted({ 0: w, 3: w }, withDriftBand(custom('never', () => false), 0.05));
  const result = scenario(market, strategy, { initialCash: 10_000 });

  it('decides at the first session and when the band is crossed', () => {
    expect(strategy.decided).toEqual([0, 3]);
    expect(result.manifest.strategy.schedule).toBe('never + drift > 0.05');
  });

  it('rebalances back to the targets', () => {
    expect(trades(result)).toEqual([
      [1, 'A', 50, 100],
      [1, 'B', 50, 100],
      [4, 'A', -5, 125],
      [4, 'B', 6, 100],
    ]);
  });

  it('a drift of exactly the band is inside it (probe r65b F1): 0.3 / 0.7, A 100 → 140 drifts 0.075, no decision; 141 decides', () => {
    // 30 A and 70 B at 100 (NAV 10,000). t2, A 140: 4,200 / 11,200 = 0.375, off by 0.075 — binary64's 0.375 − 0.3 is
    // 0.07500000000000001, and the band 0.075 fired. t3, A 141: 4,230 / 11,230 = 0.3767, off by 0.0767 > 0.075: decide.
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: [[100, 100], [100, 100], [140, 100], [141, 100], [141, 100]] });
    const w = { weights: { A: 0.3, B: 0.7 } };
    const s = scripted({ 0: w, 2: w, 3: w }, withDriftBand(custom('never', () => false), 0.075));
    scenario(m, s, { initialCash: 10_000 });
    expect(s.decided).toEqual([0, 3]);
  });

  it('rejects a band that is not positive', () => {
    expect(() => withDriftBand(custom('never', () => false), 0)).toThrow(RangeError);
  });
});
