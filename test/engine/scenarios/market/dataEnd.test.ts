// A symbol whose data ends before the market's, with no delisting record (a price source's
// snapshot ends), is not tradable after its last bar: its position closes at its last price on
// the next session (fill reason data-end), its resting orders are cancelled, the run lists the
// exit, and strategies no longer see it in the universe.

import { describe, expect, it } from 'vitest';
import { AssetClass } from '../../../../data/market.ts';
import { FillReason } from '../../../../engine/result.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { expectColumn, MARGIN, orders, scripted, scenario } from '../../helpers.ts';

// B's data stops after session 2 (no delisting record); A trades throughout.
const closes = [
  [10, 20],
  [10, 21],
  [10, 22],
  [10, NaN],
  [10, NaN],
  [10, NaN],
];
const market = fixtureMarket({ symbols: ['A', 'B'], closes });

describe('data end', () => {
  it('closes a long at its last price on the session after its last bar', () => {
    const result = scenario(market, { 0: orders({ symbol: 'B', quantity: 100 }) }, { initialCash: 10_000 });
    const f = result.fills;
    expect(Array.from(f.session)).toEqual([1, 3]);
    expect(Array.from(f.quantity)).toEqual([100, -100]);
    expect(f.price[1]).toBe(22);
    expect(f.reason[1]).toBe(FillReason.dataEnd);
    // 10 000 − 2 100 = 7 900; + 2 200 at the exit: 10 100, and no position left to mark.
    expectColumn(result.daily.cash, [10_000, 7_900, 7_900, 10_100, 10_100, 10_100]);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_100, 10_100, 10_100, 10_100]);
    expect(result.facts.dataEndExits).toEqual([{ symbol: 'B', date: '2024-01-04', value: 2_200 }]);
    // Traded notional counts the forced exit like any fill: t1 100 × 21 = 2,100; t3 100 × 22 = 2,200.
    expectColumn(result.daily.tradedNotional, [0, 2_100, 0, 2_200, 0, 0]);
    const c = result.caveats.find((x) => x.code === 'data-end-exit');
    expect(c?.symbols).toEqual(['B']);
    expect(c?.size).toBeCloseTo(2_200 / 10_100, 12); // of the NAV at the close before the exit
    expect(c?.message).toContain('1 position closed at its last price because its data ends before the run does, with no delisting record (B 100 sold at 22.00 on 2024-01-04 (worth 2,200.00)): the price source stops; no delisting return is applied');
    // Turnover counts the exit's 2,200 as traded, and the caveat says so (probe r73c F2): 2,200 / (2,100 + 2,200) = 51.16 %.
    expect(c?.message).toMatch(/; turnover counts its notional, 2,200\.00, as traded: 51\.2% of the run's traded notional$/);
  });

  it('closes a short the same way, and cancels resting orders', () => {
    const result = scenario(market, { 0: orders({ symbol: 'B', quantity: -100 }), 2: orders({ symbol: 'B', quantity: -50 }) }, { initialCash: 10_000, account: MARGIN });
    expect(Array.from(result.fills.quantity)).toEqual([-100, 100]);
    expect(result.fills.reason[1]).toBe(FillReason.dataEnd);
    expect(result.facts.dataEndExits[0].value).toBe(-2_200);
    // The short's value, −100 × 22, is labelled as what it is, not read as a loss (probe r22b: "ABC 2020-12-14 -3,432").
    expect(result.caveats.find((x) => x.code === 'data-end-exit')?.message).toContain('(B short of 100 covered at 22.00 on 2024-01-04 (worth 2,200.00))');
    expect(result.deferrals.session.length).toBe(0); // the order decided on 2 was cancelled, not left resting as no-trade
  });

  it('a delisting record wins: the exit is a delisting at the delisting return', () => {
    const delisted = fixtureMarket({ symbols: ['A', 'B'], closes, delistedAfter: { 1: 2 }, delistReturn: { 1: -0.5 } });
    const result = scenario(delisted, { 0: orders({ symbol: 'B', quantity: 100 }) }, { initialCash: 10_000 });
    expect(result.fills.reason[1]).toBe(FillReason.delisting);
    expect(result.fills.price[1]).toBe(11);
    expect(result.facts.dataEndExits).toEqual([]);
  });

  it('strategies no longer see the symbol in the universe', () => {
    const stocks = { ...market, assetClass: new Uint8Array([AssetClass.stock, AssetClass.stock]) };
    const seen: number[][] = [];
    const probe = scripted(Object.fromEntries([0, 1, 2, 3, 4, 5].map((t) => [t, (view) => void seen.push(Array.from(view.universe()))])));
    scenario(stocks, probe, {});
    expect(seen).toEqual([[0, 1], [0, 1], [0, 1], [0], [0], [0]]);
  });
});

describe('a calendar whose last days are not the symbol\'s days', () => {
  // Three weeks of a seven-day calendar, Mon 2024-01-01 … Sun 2024-01-21: STK trades weekdays (its
  // last bar Friday 01-19, after two weekends without a bar), BTC every day; WED's data stops on
  // Wednesday 01-10.
  const days = Array.from({ length: 21 }, (_, t) => Date.UTC(2024, 0, 1 + t) / 86_400_000);
  const weekend = (t: number): boolean => t % 7 >= 5;
  const closes = days.map((_, t) => [weekend(t) ? NaN : 10 + t, 100, weekend(t) || t > 9 ? NaN : 50]);
  const market = { ...fixtureMarket({ symbols: ['STK', 'BTC', 'WED'], closes }), dates: Int32Array.from(days) };

  it('a weekday stock is held to the end of a calendar that ends on a weekend, not closed as a data end', () => {
    const result = scenario(market, { 0: orders({ symbol: 'STK', quantity: 10 }) }, { initialCash: 10_000 });
    // Bought Tuesday at 11; no data-end fill on Saturday; marked at Friday's 28 to the end: 10,000 − 110 + 280.
    expect(Array.from(result.fills.reason)).toEqual([FillReason.order]);
    expect(result.facts.dataEndExits).toEqual([]);
    expect(result.daily.nav.at(-1)).toBe(10_170);
  });

  it('a symbol whose data stops on a weekday it trades on has ended', () => {
    const result = scenario(market, { 0: orders({ symbol: 'WED', quantity: 10 }) }, { initialCash: 10_000 });
    expect(result.facts.dataEndExits).toEqual([{ symbol: 'WED', date: '2024-01-11', value: 500 }]);
  });
});
