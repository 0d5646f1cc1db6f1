// reverse-split — whole shares survive corporate actions. RSPL trades at 2 until a 1-for-10
// reverse split on 2024-01-05 (Close 2 → 20, AdjClose flat at 20). Whole-share books stay whole:
// the fraction a split leaves is paid (or, for a short, charged) in cash at the ex-date's price,
// and resting orders are rounded toward zero.

import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { backtest } from '../../engine/backtest.ts';
import { FillReason } from '../../engine/result.ts';
import { expectColumn, MARGIN, orders, scripted } from '../engine/helpers.ts';
import { caseMarket } from './helpers.ts';

const market = await caseMarket('reverse-split');
const session = (date: string): number => Array.from(market.dates, isoDay).indexOf(date);
const symbol = market.symbols.indexOf('RSPL');

function held(quantity: number, decided: string) {
  return backtest(market, scripted({ [session(decided)]: orders({ symbol: 'RSPL', quantity }) }), { initialCash: 10_000, account: MARGIN });
}

describe('reverse-split', () => {
  it('the data gives the split: 1 new share per 10 on 2024-01-05', () => {
    expect(Array.from(market.splits.value)).toEqual([0.1]);
    expect(isoDay(market.dates[market.splits.session[0]])).toBe('2024-01-05');
  });

  it('15 shares held through it become 1 share and $10 cash in lieu; NAV 10,000 every day', () => {
    const result = held(15, '2024-01-03');
    const f = result.fills;
    expect(Array.from(f.quantity)).toEqual([15, -0.5]);
    expect(Array.from(f.reason)).toEqual([FillReason.order, FillReason.splitCash]);
    expect(f.price[1]).toBe(20);
    expect(isoDay(market.dates[f.session[1]])).toBe('2024-01-05');
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
    // 10 000 − 15 × 2 = 9 970; + 0.5 × 20 = 9 980 with 1 share at 20.
    expectColumn(result.daily.cash, [10_000, 10_000, 9_970, 9_980, 9_980, 9_980]);
    expect(result.daily.longValue[3]).toBe(20);
  });

  it('a short of 15 becomes −1 share and pays the $10 fraction in cash', () => {
    const result = held(-15, '2024-01-03');
    expect(Array.from(result.fills.quantity)).toEqual([-15, 0.5]);
    expectColumn(result.daily.nav, [10_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
    expectColumn(result.daily.cash, [10_000, 10_000, 10_030, 10_020, 10_020, 10_020]);
    expect(result.daily.shortValue[3]).toBe(-20);
  });

  it('an order for 15 pre-split shares resting into the ex-date fills 1 whole share, never 1.5', () => {
    const result = held(15, '2024-01-04');
    expect(Array.from(result.fills.quantity)).toEqual([1]);
    expect(result.fills.price[0]).toBe(20);
    expect(result.fills.symbol[0]).toBe(symbol);
  });

  it('fractional-share books keep the fraction', () => {
    const result = backtest(market, scripted({ [session('2024-01-03')]: orders({ symbol: 'RSPL', quantity: 15 }) }), { initialCash: 10_000, shares: 'fractional' });
    expect(Array.from(result.fills.quantity)).toEqual([15]);
    expect(result.daily.longValue[5]).toBeCloseTo(30, 12);
  });
});
