// A decision made without its signal is said: the view records the data a decision asked for and
// did not get (a rate before its series starts, an asset class with no member present) and the
// signals a strategy declared unknown (MarketView.signalUnknown); the run gives one
// `signal-unknown` caveat each, sized by the share of decisions without it
// (engine/decisions/signalGaps.ts).

import { describe, expect, it } from 'vitest';
import { AssetClass, type Market } from '../../../../data/market.ts';
import type { Caveat } from '../../../../engine/caveats/caveats.ts';
import type { Result } from '../../../../engine/result.ts';
import { SignalGaps } from '../../../../engine/decisions/signalGaps.ts';
import { viewReads } from '../../../../engine/decisions/view.ts';
import { fixtureMarket, rateSeries } from '../../fixtures.ts';
import { scenario } from '../../helpers.ts';
import { viewAt } from '../../../strategies/views.ts';

// Six weekdays from Monday 2024-01-01: 01-01, 01-02, 01-03, 01-04, 01-05, 01-08.
const closes = Array.from({ length: 6 }, () => [10, 20]);
/** A fund AAA always priced; a stock STK priced from session 2 (2024-01-03); tbill3m from 2024-01-04 (session 3). */
function market(): Market {
  const base = fixtureMarket({ symbols: ['AAA', 'STK'], closes: closes.map(([a, s], t) => [a, t < 2 ? NaN : s]), rates: { tbill3m: rateSeries('tbill3m', [['2024-01-04', 0.05], ['2024-01-05', 0.051]]) } });
  return { ...base, assetClass: Uint8Array.from([AssetClass.fund, AssetClass.stock]) };
}
const gaps = (r: Result): Caveat[] => r.caveats.filter((c) => c.code === 'signal-unknown');

describe('the view records the data a decision did not get', () => {
  it('a rate before its series starts, and a stock universe with no member present', () => {
    const before = viewAt(market(), 1);
    expect(before.rate('tbill3m')).toBeNaN();
    expect(before.universe(AssetClass.stock)).toHaveLength(0);
    const taken = viewReads(before).takeGaps();
    expect([...taken.missing]).toHaveLength(2);
    expect(viewReads(before).takeGaps().missing.size).toBe(0);
    // Session 3 (2024-01-04): the rate is known (5 %) and STK is present: nothing missed.
    const after = viewAt(market(), 3);
    expect(after.rate('tbill3m')).toBe(0.05);
    expect(Array.from(after.universe(AssetClass.stock))).toEqual([1]);
    expect(viewReads(after).takeGaps().missing.size).toBe(0);
  });
});

describe('a run without its signal says so', () => {
  it('a strategy reading a rate before its series starts: 3 of 6 decisions, high', () => {
    // Sessions 0–2 (2024-01-01 → 2024-01-03) have no rate known; 3 / 6 = 50 % of the decisions > 10 %: high.
    const r = scenario(market(), Object.fromEntries(closes.map((_, t) => [t, (view) => (view.rate('tbill3m'), { weights: { AAA: 1 } })])));
    expect(gaps(r)).toEqual([
      {
        code: 'signal-unknown',
        severity: 'high',
        message: 'no rate tbill3m known at 3 of 6 decisions, 2024-01-01 → 2024-01-03 (rate tbill3m starts 2024-01-04); scripted decided without it',
        size: 3,
        unit: 'count',
        symbols: [],
      },
    ]);
  });

  it('a strategy reading a stock universe before any stock is priced: 2 of 6 decisions, high', () => {
    // STK has no price on sessions 0–1 (2024-01-01, 01-02): no stock present there; 2 / 6 = 33 % > 10 %.
    const r = scenario(market(), Object.fromEntries(closes.map((_, t) => [t, (view) => (view.universe(AssetClass.stock), { weights: { AAA: 1 } })])));
    expect(gaps(r).map((c) => [c.severity, c.message, c.size])).toEqual([
      ['high', 'no stock present at 2 of 6 decisions, 2024-01-01 → 2024-01-02 (stock prices start 2024-01-03); scripted decided without them', 2],
    ]);
  });

  it('a declared signal takes the data missed at its decisions as its cause, for those it explains', () => {
    // The signal needs STK's bars on two sessions: unknown at sessions 0–2 (STK has 0, 0, 1 bars); the stock universe is empty at 0–1 only.
    const r = scenario(market(), Object.fromEntries(closes.map((_, t) => [t, (view) => {
      const members = view.universe(AssetClass.stock);
      if (members.length === 0 || view.session < 3) view.signalUnknown('trend (no stock with 2 bars)', 'held its neutral mix');
      return { weights: { AAA: 1 } };
    }])));
    expect(gaps(r).map((c) => [c.severity, c.message])).toEqual([
      ['high', 'trend (no stock with 2 bars) unknown at 3 of 6 decisions, 2024-01-01 → 2024-01-03 (stock prices start 2024-01-03, so none at 2 of them); scripted held its neutral mix'],
    ]);
  });

  it('a run with its signal throughout has no such caveat', () => {
    const r = scenario(market(), { 3: (view) => (view.rate('tbill3m'), view.universe(AssetClass.stock), { weights: { AAA: 1 } }) }, { from: '2024-01-04' });
    expect(gaps(r)).toEqual([]);
  });
});

describe('severity by the share of decisions without the signal', () => {
  const long = fixtureMarket({ symbols: ['AAA'], closes: Array.from({ length: 101 }, () => [10]) });
  /** The caveat after `without` of 101 decisions declared the signal unknown. */
  const severityAt = (without: number): string => {
    const gaps = new SignalGaps('s');
    for (let t = 0; t < 101; t++) gaps.record(t < without ? { unknown: new Map([['x', 'held']]), missing: new Set() } : { unknown: new Map(), missing: new Set() }, t);
    return gaps.caveats(long)[0].severity;
  };
  it('1 of 101 (0.99 %) low, 2 of 101 (1.98 %) medium, 10 of 101 (9.9 %) medium, 11 of 101 (10.9 %) high', () => {
    expect([1, 2, 10, 11].map(severityAt)).toEqual(['low', 'medium', 'medium', 'high']);
  });
});
