// Ruin: NAV ≤ 0. After it nothing is decided, ordered or filled (weights × a negative NAV would
// otherwise turn long targets into short orders); the run records the date and says so.

import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../../fixtures.ts';
import { scripted, scenario } from '../../helpers.ts';

// A 5× levered long book in A; A falls 30 % on session 2.
const market = fixtureMarket({ symbols: ['A'], closes: [[100], [100], [70], [60], [80], [90]] });

describe('ruin', () => {
  const decisions: number[] = [];
  const strategy = scripted(Object.fromEntries([0, 1, 2, 3, 4, 5].map((t) => [t, () => (decisions.push(t), { weights: { A: 5 } })])));
  const result = scenario(market, strategy, { initialCash: 10_000, account: { kind: 'margin', maxGross: 5, maxNet: 5 } });

  it('NAV falls below zero on session 2: the date is recorded, and no decision or fill follows', () => {
    // 500 shares at 100 with 10 000: −40 000 cash; at 70, NAV = −40 000 + 35 000 = −5 000.
    expect(result.daily.nav[2]).toBe(-5_000);
    expect(result.facts.ruinDate).toBe('2024-01-03');
    expect(decisions).toEqual([0, 1]);
    expect(Array.from(result.fills.session)).toEqual([1]);
    expect(result.daily.shortCount.every((c) => c === 0)).toBe(true);
  });

  it('the caveat says so, first', () => {
    expect(result.caveats[0]).toMatchObject({ code: 'ruin', severity: 'high', message: 'ruin: NAV fell to zero or below on 2024-01-03; nothing was ordered or filled after it' });
  });
});
