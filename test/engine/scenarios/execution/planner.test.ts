// The rebalance planner: net targets against holdings, reductions before additions, whole or
// fractional shares, a minimum trade notional, buys sized to the cash left after estimated
// costs, and targets without a price (a held one sized at its last mark, a never-priced one left in cash).

import { describe, expect, it } from 'vitest';
import { fixtureMarket } from '../../fixtures.ts';
import { expectNear, fillRows, orders, trades, MARGIN, scenario } from '../../helpers.ts';

const flat = (row: number[], sessions = 4): number[][] => Array.from({ length: sessions }, () => [...row]);

describe('reductions before additions', () => {
  // B is symbol 0 so that a planner walking symbols in index order would buy first.
  const market = fixtureMarket({ symbols: ['B', 'A'], closes: flat([50, 100]) });

  it('sells A before buying B, and cash never goes below zero', () => {
    // t0: 100 % A → 10 000 / 100 = 100 A at t1 (cash 0). t1: 100 % B → sell 100 A, buy 200 B at t2.
    const result = scenario(market, { 0: { weights: { A: 1 } }, 1: { weights: { B: 1 } } }, { initialCash: 10_000 });
    expect(trades(result)).toEqual([
      [1, 'A', 100, 100],
      [2, 'A', -100, 100],
      [2, 'B', 200, 50],
    ]);
    expect(Math.min(...result.daily.cash)).toBeGreaterThanOrEqual(0);
  });

  it('sizes the buy to the cash the sale leaves after commission', () => {
    // Start: 100 A bought for 10 000 + 10 commission (initial cash 10 010) → cash 0, NAV 10 000.
    // Target 100 % B at 50: 200 shares. Estimated cash: + 100 × 100 − 10 (sale, 10 bps)
    // − 200 × 50 − 10 (buy) = −20 → scale buys by (10 010 − 20) / 10 010 → 199.6 → 199 shares.
    // Check: 9 990 − 199 × 50 − 9.95 = 30.05 ≥ 0.
    const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 100 }), 1: { weights: { B: 1 } } }, {
      initialCash: 10_010,
      commission: { kind: 'bps', bps: 10 },
    });
    expect(trades(result)).toEqual([
      [1, 'A', 100, 100],
      [2, 'A', -100, 100],
      [2, 'B', 199, 50],
    ]);
    expectNear(result.daily.cash[2], 30.05, 1e-9);
  });
});

describe('whole vs fractional shares', () => {
  const market = fixtureMarket({ symbols: ['A'], closes: flat([30]) });
  it('50 % of 10 000 at 30: 166 whole shares, 166.67 fractional', () => {
    const whole = scenario(market, { 0: { weights: { A: 0.5 } } }, { initialCash: 10_000 });
    expect(trades(whole)).toEqual([[1, 'A', 166, 30]]);
    const fractional = scenario(market, { 0: { weights: { A: 0.5 } } }, { initialCash: 10_000, shares: 'fractional' });
    expectNear(fillRows(fractional)[0].quantity, 5_000 / 30, 1e-12);
  });

  it('whole shares truncate toward zero for shorts too: −50 % → −166', () => {
    const result = scenario(market, { 0: { weights: { A: -0.5 } } }, { account: MARGIN, initialCash: 10_000 });
    expect(trades(result)).toEqual([[1, 'A', -166, 30]]);
  });

  it('share and value targets', () => {
    const shares = scenario(market, { 0: { shares: { A: 10 } } });
    expect(trades(shares)).toEqual([[1, 'A', 10, 30]]);
    const values = scenario(market, { 0: { values: { A: 1_000 } } });
    expect(trades(values)).toEqual([[1, 'A', 33, 30]]); // 1 000 / 30 = 33.3 → 33
  });
});

describe('minTradeNotional', () => {
  // Hold 49 A and 1 B (both 100), cash 5 000, NAV 10 000.
  const market = fixtureMarket({ symbols: ['A', 'B'], closes: flat([100, 100]) });
  const setup = orders({ symbol: 'A', quantity: 49 }, { symbol: 'B', quantity: 1 });

  it('skips a 100 top-up under a 150 minimum but still closes the 100 B position', () => {
    // Target 50 % A → 50 shares: delta 1 × 100 = 100 < 150 → skipped. B is not named → closed.
    const result = scenario(market, { 0: setup, 1: { weights: { A: 0.5 } } }, { initialCash: 10_000, minTradeNotional: 150 });
    expect(trades(result).filter((t) => t[0] === 2)).toEqual([[2, 'B', -1, 100]]);
    // And said (probe r45a F5): the 100 skipped is 100 / 10,000 = 1.0 % of NAV on session 1's plan.
    expect(result.caveats.find((c) => c.code === 'skipped-trades')).toMatchObject({
      severity: 'low',
      message: '1 trade below minTradeNotional 150 was skipped (A; largest 1.0% of NAV on 2024-01-02): the book misses its targets by it until a plan trades it; lower minTradeNotional or raise the cash',
      size: 0.01,
      symbols: ['A'],
    });
  });

  it('names the minimum as it was set, not rounded: a 2,020.41 trade below 2,020.45 (probe r66b F1: "below minTradeNotional 2,020")', () => {
    // 27 shares of C at 74.83 = 2,020.41 < 2,020.45: skipped; the message must not print 2,020, which the trade exceeds.
    const m = fixtureMarket({ symbols: ['C'], closes: flat([74.83]) });
    const result = scenario(m, { 0: { shares: { C: 27 } } }, { initialCash: 10_000, minTradeNotional: 2020.45 });
    expect(trades(result)).toEqual([]);
    // The run never invests, so the never-invested caveat says it, with the same words as the skipped-trades one.
    const said = result.caveats.map((c) => c.message).filter((m) => m.includes('minTradeNotional'));
    expect(said.length).toBeGreaterThan(0);
    for (const message of said) expect(message).toContain('below minTradeNotional 2,020.45');
  });

  it('sizes buys without the proceeds of a sale it skips (cash and margin accounts alike)', () => {
    // t1 close: 50 A at 110 (5 500), 50 B at 90 (4 500), cash 0, NAV 10 000. Targets A 0.52 → 47 (sell 3 × 110 = 330 < 500: skipped),
    // B 0.18 → 20 (sell 30 × 90 = 2 700), C 0.30 → 30 at 100. Cash for C: 2 700 only → 27 shares, nothing deferred.
    const m = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: [[100, 100, 100], [110, 90, 100], [110, 90, 100]] });
    for (const account of [{ kind: 'cash' }, { kind: 'margin', maxGross: 2, maxNet: 1 }] as const) {
      const result = scenario(m, { 0: { weights: { A: 0.5, B: 0.5 } }, 1: { weights: { A: 0.52, B: 0.18, C: 0.3 } } }, { initialCash: 10_000, minTradeNotional: 500, account });
      expect(trades(result).filter((t) => t[0] === 2)).toEqual([
        [2, 'B', -30, 90],
        [2, 'C', 27, 100],
      ]);
      expect(result.deferrals.reason.length).toBe(0);
      expect(result.breaches).toEqual([]);
    }
  });

  it('keeps trades at or above the minimum', () => {
    // Target 60 % A → 60 shares: delta 11 × 100 = 1 100 ≥ 150.
    const result = scenario(market, { 0: setup, 1: { weights: { A: 0.6 } } }, { initialCash: 10_000, minTradeNotional: 150 });
    expect(trades(result).filter((t) => t[0] === 2)).toEqual([
      [2, 'B', -1, 100],
      [2, 'A', 11, 100],
    ]);
  });
});

describe('a 100 % long target with costs never overdraws cash', () => {
  // Price 10, NAV 10 000, 50 bps slippage, 10 bps commission. 1 000 shares would cost
  // 10 000 + 50 (slippage) + 10.05 (commission on 10.05) → scale by 10 000 / 10 060.05 → 994.03
  // → 994. Check: 10 000 − 994 × 10.05 − 994 × 10.05 × 0.001 = 10 000 − 9 989.70 − 9.9897 = 0.3103.
  const market = fixtureMarket({ symbols: ['A'], closes: flat([10], 6) });
  const result = scenario(market, { 0: { weights: { A: 1 } }, 1: { weights: { A: 1 } }, 3: { weights: { A: 1 } } }, {
    initialCash: 10_000,
    slippage: { kind: 'fixed-bps', bps: 50 },
    commission: { kind: 'bps', bps: 10 },
  });

  it('buys 994 at 10.05 and keeps 0.3103 in cash (re-deciding the same target at t1, t3 trades nothing)', () => {
    const f = fillRows(result);
    expect(f.map((r) => [r.session, r.quantity])).toEqual([[1, 994]]);
    expectNear(f[0].price, 10.05, 1e-12);
    expectNear(f[0].commission, 9.9897, 1e-9);
    expectNear(result.daily.cash[1], 0.3103, 1e-9);
  });

  it('has cash ≥ 0 on every session', () => {
    expect(Math.min(...result.daily.cash)).toBeGreaterThanOrEqual(0);
  });
});

describe('targets without a price', () => {
  // Hold 100 A (bought at 100 at t1). At t2 A has no close; the decision wants 25 % A, 75 % B.
  const market = fixtureMarket({
    symbols: ['A', 'B', 'C'],
    closes: [
      [100, 50, NaN],
      [100, 50, NaN],
      [NaN, 50, NaN],
      [100, 50, 10],
    ],
  });
  const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 100 }), 2: { weights: { A: 0.25, B: 0.75 } } }, { initialCash: 20_000 });

  it('sizes a held target without a bar at its last mark; its order rests until the symbol trades', () => {
    // NAV at t2 = 10 000 cash + 100 × 100 (last mark) = 20 000 → A: 0.25 × 20 000 / 100 = 50 (sell 50),
    // B: 0.75 × 20 000 / 50 = 300. At t3 the sale brings 5 000: cash 15 000 = 300 × 50.
    expect(trades(result)).toEqual([
      [1, 'A', 100, 100],
      [3, 'A', -50, 100],
      [3, 'B', 300, 50],
    ]);
    expect(result.breaches).toEqual([]);
  });

  it('records the decision snapshot: A held and targeted at 0.25, B targeted at 0.75', () => {
    const s = result.snapshots;
    const rows = Array.from(s.session, (t, k) => [t, result.symbols[s.symbol[k]], s.shares[k], s.targetWeight[k]]).filter((r) => r[0] === 2);
    expect(rows).toEqual([
      [2, 'A', 100, 0.25],
      [2, 'B', 0, 0.75],
    ]);
  });

  it('leaves a target on a symbol never priced in cash', () => {
    // C has no price until t3: its 40 % stays in cash from the decision at t2; B: 0.6 × 20 000 / 50 = 240.
    const late = scenario(market, { 0: orders({ symbol: 'A', quantity: 100 }), 2: { weights: { B: 0.6, C: 0.4 } } }, { initialCash: 20_000 });
    expect(trades(late)).toEqual([
      [1, 'A', 100, 100],
      [3, 'A', -100, 100],
      [3, 'B', 240, 50],
    ]);
  });
});

describe('idempotence', () => {
  it('rebalancing twice to the same targets at the same prices trades nothing', () => {
    const market = fixtureMarket({ symbols: ['A', 'B'], closes: flat([37, 91]) });
    const w = { weights: { A: 0.3, B: 0.7 } };
    const result = scenario(market, { 0: w, 1: w, 2: w }, { initialCash: 10_000, execution: 'same-close' });
    // 0.3 × 10 000 / 37 = 81.08 → 81; 0.7 × 10 000 / 91 = 76.92 → 76; all at t0.
    expect(trades(result)).toEqual([
      [0, 'A', 81, 37],
      [0, 'B', 76, 91],
    ]);
  });
});

describe('a position that changes sign', () => {
  it('is closed, then reopened', () => {
    const market = fixtureMarket({ symbols: ['A'], closes: flat([100]) });
    const result = scenario(market, { 0: { weights: { A: 0.5 } }, 1: { weights: { A: -0.5 } } }, { account: MARGIN, initialCash: 10_000 });
    // t1: +50. At t1 NAV 10 000 → −0.5 → −50: sell 50 (close) then sell 50 (open the short).
    expect(trades(result)).toEqual([
      [1, 'A', 50, 100],
      [2, 'A', -50, 100],
      [2, 'A', -50, 100],
    ]);
  });
});

describe('fitting buys to cash with fractional shares', () => {
  it('spends exactly the cash: q = w × NAV / (p × 1.001) under 10 bps commission', () => {
    // 100 000 into 50 / 30 / 20 % of A @ 10, B @ 20, C @ 50, same-close, 10 bps commission.
    // Each buy costs q × p × 1.001, so the exact fit scales every buy by 1 / 1.001:
    // A 50 000 / 10 / 1.001 = 4 995.004995…, B 30 000 / 20 / 1.001 = 1 498.501499…,
    // C 20 000 / 50 / 1.001 = 399.600399…; cash after = 100 000 − 100 000 = 0.
    const market = fixtureMarket({ symbols: ['A', 'B', 'C'], closes: flat([10, 20, 50], 2) });
    const result = scenario(market, { 0: { weights: { A: 0.5, B: 0.3, C: 0.2 } } }, {
      initialCash: 100_000,
      execution: 'same-close',
      shares: 'fractional',
      commission: { kind: 'bps', bps: 10 },
    });
    const q = fillRows(result).map((f) => f.quantity);
    expect(q.length).toBe(3);
    expectNear(q[0], 50_000 / 10 / 1.001, 1e-9, 'A');
    expectNear(q[1], 30_000 / 20 / 1.001, 1e-9, 'B');
    expectNear(q[2], 20_000 / 50 / 1.001, 1e-9, 'C');
    expect(Math.abs(result.daily.cash[0])).toBeLessThan(1e-6);
  });

  it('the same short targets twice trade nothing, not floating-point dust', () => {
    // −0.75 % and −5.25 % of 1 223 088 at 1.00: −9 173.16 and −64 212.12 shares at t0; the same
    // targets at t1 at the same prices must not trade (a dust trade would also pay the $1 minimum).
    const market = fixtureMarket({ symbols: ['S0', 'S1', 'S2', 'S3'], closes: flat([1, 1, 1, 1], 2) });
    const w = { weights: { S0: -0.0075, S3: -0.0525 } };
    const result = scenario(market, { 0: w, 1: w }, {
      initialCash: 1_223_088,
      execution: 'same-close',
      shares: 'fractional',
      commission: { kind: 'per-share', perShare: 0.001, minimum: 1 },
    });
    expect(trades(result).filter((t) => t[0] === 1)).toEqual([]);
    expect(result.daily.commission[1]).toBe(0);
  });
});

describe('trades the skip rules drop are said, sized, while the run invests the rest (probe r45a F5: only a run that never invested said so)', () => {
  // The probe's k2: 1,500 cash, BBB at 50, CCC at 20, DDD at 40; weights CCC 0.9, DDD 0.05, BBB 0.05 on session 0 only;
  // 0.005 a share, minimum 1. CCC: 1,350 / 20 = 67.5 → 67 (1 ≤ 1 % of 1,340). DDD: 75 / 40 = 1.875 → 1 (1 > 0.40) and BBB:
  // 75 / 50 = 1.5 → 1 (1 > 0.50) are skipped by maxCommissionRate 0.01: (40 + 50) / 1,500 = 6.0 % of NAV (medium, above 5 %).
  const market = fixtureMarket({ symbols: ['BBB', 'CCC', 'DDD'], closes: flat([50, 20, 40], 12) });
  const result = scenario(market, { 0: { weights: { CCC: 0.9, DDD: 0.05, BBB: 0.05 } } }, { initialCash: 1_500, commission: { kind: 'per-share', perShare: 0.005, minimum: 1 } });
  it('buys CCC alone and records the two skipped trades', () => {
    expect(trades(result)).toEqual([[1, 'CCC', 67, 20]]);
    const s = result.skippedTrades!;
    expect([Array.from(s.session), Array.from(s.symbol), Array.from(s.rule)]).toEqual([[0, 0], [0, 2], [1, 1]]);
    expectNear(s.share[0], 50 / 1_500, 1e-15);
    expectNear(s.share[1], 40 / 1_500, 1e-15);
  });
  it('says so in a caveat naming the rule, its setting and the symbols', () => {
    expect(result.caveats.find((c) => c.code === 'skipped-trades')).toMatchObject({
      severity: 'medium',
      message:
        '2 trades whose commission was above maxCommissionRate 0.01 were skipped (BBB, DDD; largest 6.0% of NAV on 2024-01-01): the book misses its targets by them until a plan trades them; raise maxCommissionRate (engine settings in a study or config file) or lower the commission',
      symbols: ['BBB', 'DDD'],
    });
    expectNear(result.caveats.find((c) => c.code === 'skipped-trades')!.size!, 0.06, 1e-15);
  });
});

describe('a skip rule\'s limit is inclusive, whatever binary64 makes of a product at it (probe r65b F1)', () => {
  it('a commission of exactly maxCommissionRate (100 bps at 0.01) fills: AAA at 101.60 and BBB at 74.83, half each', () => {
    // NAV 1,000,000. Before the fit: 500,000 / 101.60 = 4,921 AAA, 500,000 / 74.83 = 6,681 BBB, each commission exactly 1 %
    // of its notional (BBB: 0.01 × 499,939.23 = 4,999.3923; binary64 reads 0.01 × notional 4,999.3922999999995 < the
    // commission 4,999.3923, and BBB was skipped). Both fill; the fit keeps 1,000,000 / (999,912.83 × 1.01) = 0.990185…
    // of each: 4,921 → 4,872 and 6,681 → 6,615 (cash left 1,000,000 − 499,945.152 − 499,950.4545 = 104.3935).
    const market = fixtureMarket({ symbols: ['AAA', 'BBB'], closes: flat([101.6, 74.83]) });
    const result = scenario(market, { 0: { weights: { AAA: 0.5, BBB: 0.5 } } }, { initialCash: 1_000_000, commission: { kind: 'bps', bps: 100 } });
    expect(trades(result)).toEqual([
      [1, 'AAA', 4_872, 101.6],
      [1, 'BBB', 6_615, 74.83],
    ]);
    expect(result.skippedTrades?.session.length ?? 0).toBe(0);
    expect(result.caveats.find((c) => c.code === 'skipped-trades')).toBeUndefined();
    expectNear(result.daily.cash[1], 104.3935, 1e-6);
  });

  it('a trade of exactly minTradeNotional fills: 27 shares at 74.83 under a 2,020.41 minimum', () => {
    // 27 × 74.83 = 2,020.41, which binary64 computes as 2,020.4099999999999 < 2,020.41: it was skipped.
    const market = fixtureMarket({ symbols: ['BBB'], closes: flat([74.83]) });
    const result = scenario(market, { 0: { shares: { BBB: 27 } } }, { initialCash: 10_000, minTradeNotional: 2_020.41 });
    expect(trades(result)).toEqual([[1, 'BBB', 27, 74.83]]);
    expect(result.skippedTrades?.session.length ?? 0).toBe(0);
  });
});
