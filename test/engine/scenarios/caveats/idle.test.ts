// Time a run could not be invested as asked, beyond the held positions' data-end exits: a symbol
// the run traded leaving the market while not held (left-unheld), and a long stretch in cash
// after the first investment (idle). Fills are next-open: a decision on session t fills on t + 1.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Caveat, CaveatCode } from '../../../../engine/caveats/caveats.ts';
import { idleStretchCaveats } from '../../../../engine/caveats/idleCaveats.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { scenario } from '../../helpers.ts';

// 20 weekdays from Monday 2024-01-01 (session 5 = 01-08, 9 = 01-12, 19 = 01-26). A and D trade
// throughout; B's data ends after session 9 (2024-01-12), C the same with a delisting record.
const closes = Array.from({ length: 20 }, (_, t) => [100, t <= 9 ? 50 : NaN, t <= 9 ? 20 : NaN, 10]);
const market = fixtureMarket({ symbols: ['A', 'B', 'C', 'D'], closes });
const delisted = fixtureMarket({ symbols: ['A', 'B', 'C', 'D'], closes, delistedAfter: { 2: 9 } });
const cash = { initialCash: 10_000 };

const find = (caveats: readonly Caveat[], code: CaveatCode): Caveat[] => caveats.filter((c) => c.code === code);

describe('a traded symbol that leaves the market while not held', () => {
  it('is reported with its last session and the sessions left, high when it is all the run traded', () => {
    // Buy B on 0 (fills 1), sell on 4 (fills 5); B's last session is 9: 19 − 9 = 10 of 20 sessions left.
    const result = scenario(market, { 0: { weights: { B: 1 } }, 4: { weights: { B: 0 } } }, cash);
    const [c] = find(result.caveats, 'left-unheld');
    expect(c.message).toBe("B's data ends 2024-01-12, 10 sessions before the run's end (not held then: no exit) — the run could not trade it after that");
    expect(c.severity).toBe('high'); // 10 / 20 = 50 % of the run left > 25 %
    expect(c.size).toBe(10);
    expect(c.unit).toBe('sessions');
    expect(c.symbols).toEqual(['B']);
    expect(find(result.caveats, 'data-end-exit')).toEqual([]);
  });

  it('says delisted when the data has a delisting record', () => {
    const result = scenario(delisted, { 0: { weights: { C: 1 } }, 4: { weights: { C: 0 } } }, cash);
    expect(find(result.caveats, 'left-unheld')[0].message).toBe("C is delisted after 2024-01-12, 10 sessions before the run's end (not held then: no exit) — the run could not trade it after that");
  });

  it('is not reported for a position held at its end: the data-end exit says it', () => {
    const result = scenario(market, { 0: { weights: { B: 1 } } }, cash);
    expect(find(result.caveats, 'left-unheld')).toEqual([]);
    expect(find(result.caveats, 'data-end-exit')).toHaveLength(1);
  });

  it('is low when fewer than half the symbols the run named have left', () => {
    // Named A, B and D; only B left (1 of 3).
    const result = scenario(market, { 0: { weights: { A: 0.3, B: 0.3, D: 0.3 } }, 4: { weights: { A: 0.5, D: 0.5 } } }, cash);
    const [c] = find(result.caveats, 'left-unheld');
    expect(c.severity).toBe('low');
    expect(c.symbols).toEqual(['B']);
  });

  it('leaves out symbols the run never named', () => {
    const result = scenario(market, { 0: { weights: { A: 1 } } }, cash);
    expect(find(result.caveats, 'left-unheld')).toEqual([]);
  });
});

describe('a long stretch in cash after first investing', () => {
  it('names the stretch, its sessions and share of the run', () => {
    // Held at the closes of sessions 1..4; in cash from 5 (01-08) to 19 (01-26): 15 of 20 sessions.
    const result = scenario(market, { 0: { weights: { A: 1 } }, 4: { weights: { A: 0 } } }, cash);
    const [c] = find(result.caveats, 'idle');
    expect(c.message).toBe('in cash 2024-01-08 → 2024-01-26, 15 sessions (75 % of the run) after first investing — the metrics count that time');
    expect(c.severity).toBe('high');
    expect(c.size).toBe(15);
  });

  it('is medium above 20 % and not reported at 20 %', () => {
    // Held 1..10, sold on 10 (fills 11), bought back on 15 (fills 16): in cash 11..15, 5 of 20 = 25 %.
    const five = scenario(market, { 0: { weights: { A: 1 } }, 10: { weights: { A: 0 } }, 15: { weights: { A: 1 } } }, cash);
    const [c] = find(five.caveats, 'idle');
    expect(c.message).toBe('in cash 2024-01-16 → 2024-01-22, 5 sessions (25 % of the run) after first investing — the metrics count that time');
    expect(c.severity).toBe('medium');
    // Bought back on 14 (fills 15): in cash 11..14, 4 of 20 = 20 % — not more than 20 %.
    const four = scenario(market, { 0: { weights: { A: 1 } }, 10: { weights: { A: 0 } }, 14: { weights: { A: 1 } } }, cash);
    expect(find(four.caveats, 'idle')).toEqual([]);
  });

  it('does not count the wait before the first investment (warm-up reports it), nor a run always invested', () => {
    // First fill on 9; in cash 0..8 before it (warm-up), never after.
    const late = scenario(market, { 8: { weights: { A: 1 } } }, cash);
    expect(find(late.caveats, 'idle')).toEqual([]);
    expect(find(late.caveats, 'warm-up')).toHaveLength(1);
    const never = scenario(market, {}, cash);
    expect(find(never.caveats, 'idle')).toEqual([]);
  });

  it('is the longest run of sessions with no position after the first one held (property)', () => {
    const dates = fixtureMarket({ symbols: ['A'], closes: Array.from({ length: 60 }, () => [1]) });
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }), (held) => {
        const sessions = held.length;
        const counts = Float64Array.from(held, (h) => (h ? 1 : 0));
        const firstInvested = held.indexOf(true);
        const [c] = idleStretchCaveats({
          market: dates,
          first: 0,
          last: sessions - 1,
          longCount: counts,
          shortCount: new Float64Array(sessions),
          firstInvested,
        });
        // Reference: the longest block of 0s in the string of holdings after the first 1.
        const tail = firstInvested < 0 ? '' : held.slice(firstInvested).map((h) => (h ? '1' : '0')).join('');
        const longest = Math.max(0, ...(tail.match(/0+/g) ?? []).map((s) => s.length));
        expect(c?.size ?? 0).toBe(longest / sessions > 0.2 ? longest : 0);
      }),
    );
  });
});
