// Account limits at the decision: targets that breach a margin account's maxGross or maxNet, or
// short in a cash account, are rejected whole (not clipped); the breach is recorded with its gross
// and net, and the run's caveats say so.

import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../fixtures.ts';
import { expectNear, messages, trades, scenario } from '../helpers.ts';

const market = fixtureMarket({
  symbols: ['A', 'B'],
  closes: [
    [100, 50],
    [100, 50],
    [100, 50],
    [100, 50],
  ],
});

describe('leverage limits', () => {
  it('rejects gross 2.0 under maxGross 1.5: no trades, a breach, a caveat', () => {
    const result = scenario(market, { 0: { weights: { A: 1, B: -1 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 1.5 } });
    expect(trades(result)).toEqual([]);
    expect(result.breaches.length).toBe(1);
    const b = result.breaches[0];
    // gross = (|10 000| + |−10 000|) / 10 000 = 2.0; net = 0.
    expect([b.session, b.date, b.maxGross, b.maxNet, b.action, b.symbol]).toEqual([0, '2024-01-01', 1.5, 1, 'rejected', null]); // maxNet defaults to 1
    expectNear(b.gross, 2);
    expectNear(b.net, 0);
    expect(messages(result)).toContain('every decision rejected, first on 2024-01-01: their targets breach the margin limits gross 1.5, net 1 (targeted gross 2.00, net 0.00 × NAV)');
  });

  it('rejects net 0.8 under maxNet 0.5, and net −0.8 too', () => {
    const long = scenario(market, { 0: { weights: { A: 0.8 } } }, { account: { kind: 'margin', maxNet: 0.5 } });
    expect(trades(long)).toEqual([]);
    expectNear(long.breaches[0].net, 0.8);
    expectNear(long.breaches[0].gross, 0.8);
    const short = scenario(market, { 0: { weights: { B: -0.8 } } }, { account: { kind: 'margin', maxNet: 0.5 } });
    expect(trades(short)).toEqual([]);
    expectNear(short.breaches[0].net, -0.8);
  });

  it('trades targets within the limits (gross 1.5 exactly)', () => {
    const result = scenario(market, { 0: { weights: { A: 0.75, B: -0.75 } } }, { initialCash: 10_000, account: { kind: 'margin', maxGross: 1.5 } });
    // A: 0.75 × 10 000 / 100 = 75; B: −0.75 × 10 000 / 50 = −150.
    expect(trades(result)).toEqual([
      [1, 'A', 75, 100],
      [1, 'B', -150, 50],
    ]);
    expect(result.breaches).toEqual([]);
  });

  it('leaves existing holdings untouched when a later decision breaches', () => {
    // t0: 50 % A → 50 shares (filled t1). t1: gross 2.0 → rejected: still 50 A, nothing sold.
    const result = scenario(market, { 0: { weights: { A: 0.5 } }, 1: { weights: { A: 1, B: -1 } } }, {
      initialCash: 10_000,
      account: { kind: 'margin', maxGross: 1.5 },
    });
    expect(trades(result)).toEqual([[1, 'A', 50, 100]]);
    expect(result.breaches.map((b) => b.session)).toEqual([1]);
    expect(result.daily.longValue[3]).toBe(5_000);
  });
});
