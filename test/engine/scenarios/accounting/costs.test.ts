// Commission and slippage models, each on its own ledger line.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../../data/market.ts';
import type { EngineConfigInput } from '../../../../engine/config.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { expectColumn, expectNear, fillRows, orders, MARGIN, scenario } from '../../helpers.ts';

const flat = fixtureMarket({
  symbols: ['A', 'B'],
  closes: [
    [20, 50],
    [20, 50],
    [20, 50],
  ],
});

describe('commission models', () => {
  it('per share with a minimum: 50 × 0.01 = 0.50 → 1.00; 500 × 0.01 = 5.00', () => {
    const result = scenario(flat, { 0: orders({ symbol: 'A', quantity: 50 }), 1: orders({ symbol: 'A', quantity: 500 }) }, {
      initialCash: 20_000,
      commission: { kind: 'per-share', perShare: 0.01, minimum: 1 },
    });
    expect(fillRows(result).map((f) => [f.session, f.quantity, f.commission])).toEqual([
      [1, 50, 1],
      [2, 500, 5],
    ]);
    expectColumn(result.daily.commission, [0, 1, 5]);
    // cash: 20 000 − 1 000 − 1 = 18 999; − 10 000 − 5 = 8 994.
    expectColumn(result.daily.cash, [20_000, 18_999, 8_994]);
    expectColumn(result.daily.nav, [20_000, 19_999, 19_994]);
    expectColumn(result.costBySymbol, [6, 0]);
  });

  it('per share applies to sells too (|shares|)', () => {
    const result = scenario(flat, { 0: orders({ symbol: 'A', quantity: -300 }) }, { account: MARGIN, commission: { kind: 'per-share', perShare: 0.005, minimum: 1 } });
    expect(fillRows(result)[0].commission).toBe(1.5);
  });

  it('bps of notional: 100 × 50 × 10 bps = 5', () => {
    const result = scenario(flat, { 0: orders({ symbol: 'B', quantity: 100 }, { symbol: 'A', quantity: -100 }) }, { account: MARGIN,
      initialCash: 10_000,
      commission: { kind: 'bps', bps: 10 },
    });
    const f = Object.fromEntries(fillRows(result).map((r) => [r.symbol, r.commission]));
    expectNear(f.B, 5, 1e-12);
    expectNear(f.A, 2, 1e-12); // 100 × 20 × 0.001
    // cash 10 000 − 5 000 − 5 + 2 000 − 2 = 6 993; NAV 6 993 + 5 000 − 2 000 = 9 993.
    expectNear(result.daily.nav[1], 9_993, 1e-12);
  });
});

describe('slippage models', () => {
  it('fixed bps: 20 bps on a buy of 100 @ 50 → 50.10, slippage 10; a sell → 49.90', () => {
    const result = scenario(flat, { 0: orders({ symbol: 'B', quantity: 100 }, { symbol: 'A', quantity: -100 }) }, { account: MARGIN,
      initialCash: 10_000,
      slippage: { kind: 'fixed-bps', bps: 20 },
    });
    const f = Object.fromEntries(fillRows(result).map((r) => [r.symbol, r]));
    expectNear(f.B.price, 50.1, 1e-12);
    expect(f.B.reference).toBe(50);
    expectNear(f.B.slippage, 10, 1e-9);
    expectNear(f.A.price, 19.96, 1e-12); // 20 × (1 − 0.002)
    expectNear(f.A.slippage, 4, 1e-9); // 100 × 20 × 0.002
    // NAV at the t1 close (marks at the reference prices): 10 000 − 10 − 4.
    expectNear(result.daily.nav[1], 9_986, 1e-12);
    expectNear(result.daily.slippage[1], 14, 1e-9);
  });

  it('half spread: 30 bps spread → 15 bps: 100 @ 50 → 50.075, slippage 7.5', () => {
    const result = scenario(flat, { 0: orders({ symbol: 'B', quantity: 100 }) }, { slippage: { kind: 'half-spread', spreadBps: 30 } });
    const f = fillRows(result)[0];
    expectNear(f.price, 50.075, 1e-12);
    expectNear(f.slippage, 7.5, 1e-9);
  });

  it('commission is charged on the slipped price (bps model)', () => {
    const result = scenario(flat, { 0: orders({ symbol: 'B', quantity: 100 }) }, {
      slippage: { kind: 'fixed-bps', bps: 20 },
      commission: { kind: 'bps', bps: 10 },
    });
    // 100 × 50.10 × 0.001 = 5.01.
    expectNear(fillRows(result)[0].commission, 5.01, 1e-12);
  });
});

describe('square-root impact: k · σ · √(shares / ADV)', () => {
  // Window 4: σ from the 4 daily returns of the 5 closes t0..t4, ADV from the volumes of t1..t4.
  // Closes 100, 110, 99, 108.9, 98.01: returns +10 %, −10 %, +10 %, −10 %; mean 0;
  // sample variance (4 × 0.01) / 3 → σ = √(0.04 / 3) = 0.115470053837925.
  // ADV = (1 000 + 2 000 + 3 000 + 4 000) / 4 = 2 500 (t0's 1e9 is outside the window).
  // Decide at t4: buy 100 → √(100 / 2 500) = 0.2; k = 0.5 → 0.5 × 0.11547005 × 0.2 = 0.011547005.
  // Fill at the t5 open, 100: price 101.1547005, slippage 100 × 100 × 0.011547005 = 115.47005.
  const sigma = Math.sqrt(0.04 / 3);
  const fraction = 0.5 * sigma * 0.2;
  /** The first fill of a buy of `quantity` A decided at session t, under k · σ · √(shares / ADV). */
  const impactFill = (m: Market, t: number, quantity: number, k = 0.5, window = 4, config: EngineConfigInput = {}) =>
    fillRows(scenario(m, { [t]: orders({ symbol: 'A', quantity }) }, { ...config, slippage: { kind: 'sqrt-impact', k, window } }))[0];

  it('uses σ and ADV measured up to the decision', () => {
    const m = fixtureMarket({
      symbols: ['A'],
      closes: [[100], [110], [99], [108.9], [98.01], [100]],
      volumes: [[1e9], [1_000], [2_000], [3_000], [4_000], [5_000]],
    });
    const result = scenario(m, { 4: orders({ symbol: 'A', quantity: 100 }) }, { slippage: { kind: 'sqrt-impact', k: 0.5, window: 4 } });
    const f = fillRows(result)[0];
    expect([f.session, f.quantity, f.reference]).toEqual([5, 100, 100]);
    expectNear(f.price, 100 * (1 + fraction), 1e-9);
    expectNear(f.slippage, 100 * 100 * fraction, 1e-9);
    expectNear(f.slippage, 115.47005383792516, 1e-9);
  });

  // A split leaves the impact fraction at 0.011547005 and the slippage at 115.47005:
  // - 2:1 on t3, inside the window: closes from t3 halve, volumes from t3 double, and the same
  //   order is 200 new shares. σ is unchanged (adjusted closes); ADV in today's shares is
  //   (2 × 1 000 + 2 × 2 000 + 6 000 + 8 000) / 4 = 5 000, so √(200 / 5 000) = 0.2 as before:
  //   slippage 200 × 50 × 0.011547005.
  // - 1:10 on t5, between the decision and the fill: 100 shares decided at t4 fill as 10 at
  //   1 000. ADV in t5's shares: 2 500 × 0.1 = 250, √(10 / 250) = 0.2 as before: slippage
  //   10 × 1 000 × 0.011547005 (ADV in t4's shares made it √10 too cheap).
  it.each([
    { split: '2:1 in the window', at: 3, ratio: 2, closes: [100, 110, 99, 54.45, 49.005, 50], volumes: [1e9, 1_000, 2_000, 6_000, 8_000, 10_000], quantity: 200, filled: 200, reference: 50 },
    { split: '1:10 between decision and fill', at: 5, ratio: 0.1, closes: [100, 110, 99, 108.9, 98.01, 1_000], volumes: [1e9, 1_000, 2_000, 3_000, 4_000, 500], quantity: 100, filled: 10, reference: 1_000 },
  ])('measures ADV in the fill’s shares: a $split split does not change the impact', ({ at, ratio, closes, volumes, quantity, filled, reference }) => {
    const m = fixtureMarket({ symbols: ['A'], closes: closes.map((c) => [c]), volumes: volumes.map((v) => [v]), splits: [{ session: at, symbol: 0, value: ratio }] });
    const f = impactFill(m, 4, quantity);
    expect([f.session, f.quantity, f.reference]).toEqual([5, filled, reference]);
    expectNear(f.price, reference * (1 + fraction), 1e-9, 'fill price');
    expectNear(f.slippage, 115.47005383792516, 1e-9, 'slippage');
  });

  it('counts ADV in the fill’s shares when a 3:2 split falls between the decision and the fill', () => {
    // Decide at t7 (close 150) to buy 100; the 3:2 split is on t8, so the order fills 150 new
    // shares at 100. Window 5: closes t2..t7 150, 156, 153, 150, 153, 150 → returns +4 %,
    // −1.9231 %, −1.9608 %, +2 %, −1.9608 %, sample σ = 0.0280101536. ADV in t8's shares:
    // 1 000 × 1.5 = 1 500, so the fraction is σ × √(150 / 1 500) = 0.0088575883; price
    // 100.88575883, slippage 150 × 100 × 0.0088575883 = 132.86382430. (ADV in t7's shares
    // would give √(150 / 1 000): 101.0848 and 162.72.)
    const m = fixtureMarket({
      symbols: ['A'],
      closes: [[150], [153], [150], [156], [153], [150], [153], [150], [100]],
      volumes: [[1_000], [1_000], [1_000], [1_000], [1_000], [1_000], [1_000], [1_000], [1_000]],
      splits: [{ session: 8, symbol: 0, value: 1.5 }],
    });
    const f = impactFill(m, 7, 100, 1, 5);
    expect([f.session, f.quantity, f.reference]).toEqual([8, 150, 100]);
    expectNear(f.price, 100.8857588286461, 1e-9, 'fill price');
    expectNear(f.slippage, 132.8638242969158, 1e-9, 'slippage');
  });

  it('a split of any ratio between the decision and the fill leaves the impact fraction as it was', () => {
    // Same market and order as the first test, with a split of ratio r on the fill session t5
    // (its close 100 / r): the order fills 100 r shares at 100 / r, and the fraction of the
    // reference paid must stay 0.011547005, r or no r.
    fc.assert(
      fc.property(fc.constantFrom(0.1, 0.25, 0.5, 2 / 3, 1.5, 2, 3, 7, 10), (r) => {
        const m = fixtureMarket({
          symbols: ['A'],
          closes: [[100], [110], [99], [108.9], [98.01], [100 / r]],
          volumes: [[1e9], [1_000], [2_000], [3_000], [4_000], [5_000 * r]],
          splits: [{ session: 5, symbol: 0, value: r }],
        });
        const f = impactFill(m, 4, 100, 0.5, 4, { shares: 'fractional' });
        expectNear(f.quantity, 100 * r, 1e-12, 'quantity');
        expectNear(f.price / f.reference - 1, fraction, 1e-9, `fraction at ratio ${r}`);
      }),
    );
  });

  it('says where it charged nothing: no volume (A), or under two returns at the first session (B)', () => {
    // A has no volume at all (an adjusted-close file): ADV unknown at its t4 decision. B is bought
    // on t0, when its window holds one close and no return: σ unknown. Both fill with slippage 0,
    // and the run names the 2 fills (of the 2 priced with an estimate: high), their symbols and why.
    const m = fixtureMarket({
      symbols: ['A', 'B'],
      closes: [[100, 50], [110, 50], [99, 50], [108.9, 50], [98.01, 50], [100, 50]],
      volumes: [[NaN, 1_000], [NaN, 1_000], [NaN, 1_000], [NaN, 1_000], [NaN, 1_000], [NaN, 1_000]],
    });
    const result = scenario(m, { 0: orders({ symbol: 'B', quantity: 10 }), 4: orders({ symbol: 'A', quantity: 10 }) }, { slippage: { kind: 'sqrt-impact', k: 0.5, window: 4 } });
    expect(fillRows(result).map((f) => [f.session, f.symbol, f.slippage])).toEqual([
      [1, 'B', 0],
      [5, 'A', 0],
    ]);
    const noImpact = result.caveats.filter((c) => c.code === 'no-impact');
    expect(noImpact).toEqual([
      {
        code: 'no-impact',
        severity: 'high',
        message:
          'impact model (0.5 · σ · √(shares/ADV), 4-session window) charged nothing on 2 of 2 fills, of A, B: no volume in the window for A; no price history (under two returns in the window) for B — their impact cost is missing',
        size: 2,
        unit: 'count',
        symbols: ['A', 'B'],
      },
    ]);
  });

  it('one unpriced fill among 11 (≤ a tenth) is a medium caveat', () => {
    // B bought on t0 (no return in its window); A bought 1 share on each of t4..t13, all priced.
    const sessions = 15;
    const m = fixtureMarket({ symbols: ['A', 'B'], closes: Array.from({ length: sessions }, (_, t) => [t % 2 === 0 ? 100 : 101, 50]) });
    const script: Record<number, ReturnType<typeof orders>> = { 0: orders({ symbol: 'B', quantity: 10 }) };
    for (let t = 4; t <= 13; t++) script[t] = orders({ symbol: 'A', quantity: 1 });
    const result = scenario(m, script, { slippage: { kind: 'sqrt-impact', k: 0.5, window: 4 } });
    expect(fillRows(result).length).toBe(11);
    const noImpact = result.caveats.filter((c) => c.code === 'no-impact');
    expect(noImpact.map((c) => [c.severity, c.size, c.message])).toEqual([
      ['medium', 1, 'impact model (0.5 · σ · √(shares/ADV), 4-session window) charged nothing on 1 of 11 fills, of B: no price history (under two returns in the window) for B — their impact cost is missing'],
    ]);
  });

  it('reports nothing where every fill was priced', () => {
    const m = fixtureMarket({ symbols: ['A'], closes: [[100], [110], [99], [108.9], [98.01], [100]] });
    const result = scenario(m, { 4: orders({ symbol: 'A', quantity: 100 }) }, { slippage: { kind: 'sqrt-impact', k: 0.5, window: 4 } });
    expect(result.caveats.map((c) => c.code)).not.toContain('no-impact');
  });

  it('k = 0 costs nothing', () => {
    const m = fixtureMarket({ symbols: ['A'], closes: [[100], [110], [99], [108.9], [98.01], [100]] });
    const result = scenario(m, { 4: orders({ symbol: 'A', quantity: 100 }) }, { slippage: { kind: 'sqrt-impact', k: 0, window: 4 } });
    expect(fillRows(result)[0].price).toBe(100);
  });
});

describe('a minimum per order, per fill, or per order and session (README run contract)', () => {
  // One 300-share order capped at 10 % of a 1 000-share volume fills 100 / 100 / 100 over three
  // sessions; 0.005/share with a 1.00 minimum.
  const market = { symbols: ['A'], closes: [[10], [10], [10], [10]], volumes: [[1_000], [1_000], [1_000], [1_000]] };
  const run = (minimumPer?: 'order' | 'fill' | 'order-session') =>
    scenario(market, { 0: orders({ symbol: 'A', quantity: 300 }) }, { participationCap: 0.1, commission: { kind: 'per-share', perShare: 0.005, minimum: 1, ...(minimumPer ? { minimumPer } : {}) } });

  it('by default the order pays max(1, 300 × 0.005) = 1.50: the minimum once, on its first fill', () => {
    const result = run();
    expect(fillRows(result).map((f) => [f.session, f.quantity, f.commission, f.orderId])).toEqual([
      [1, 100, 1, 1],
      [2, 100, 0, 1],
      [3, 100, 0.5, 1],
    ]);
    expectColumn(result.daily.commission, [0, 1, 0, 0.5]);
    expect(result.manifest.costModels.commission).toBe('0.005/share, min 1 per order');
  });

  it('per fill: the minimum on each of the three fills, 3.00', () => {
    expect(fillRows(run('fill')).map((f) => f.commission)).toEqual([1, 1, 1]);
  });

  it('per order and session: one fill a session, so the minimum three times as well', () => {
    expect(fillRows(run('order-session')).map((f) => f.commission)).toEqual([1, 1, 1]);
  });
});
