// suspended-sell — a fill never spends cash that is not there. AAA is suspended (volume 0) on
// 2024-01-05 and 2024-01-08; a switch from 100 % AAA to 100 % BBB decided on 01-04 must wait for
// the AAA sale (01-09) before buying BBB in a cash account.

import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { backtest } from '../../engine/backtest.ts';
import { deferralRows, scripted } from '../engine/helpers.ts';
import { caseMarket } from './helpers.ts';

const market = await caseMarket('suspended-sell');
const dates = Array.from(market.dates, isoDay);
const at = (date: string): number => dates.indexOf(date);
const strategy = () => scripted({ [at('2024-01-02')]: { weights: { AAA: 1 } }, [at('2024-01-04')]: { weights: { BBB: 1 } } });

describe('suspended-sell', () => {
  const result = backtest(market, strategy(), { initialCash: 10_000, cash: { rate: 0.05 } });
  const d = result.daily;

  it('the AAA sale rests on the zero-volume bars and fills on 01-09', () => {
    const sells = Array.from(result.fills.session).flatMap((s, k) => (result.fills.quantity[k] < 0 ? [[dates[s], result.symbols[result.fills.symbol[k]], result.fills.quantity[k]]] : []));
    expect(sells).toEqual([['2024-01-09', 'AAA', -100]]);
    expect(deferralRows(result).filter((r) => r.symbol === 'AAA').map((r) => [dates[r.session], r.reason])).toEqual([
      ['2024-01-05', 'no-trade'],
      ['2024-01-08', 'no-trade'],
    ]);
  });

  it('BBB is bought with the proceeds: 200 shares on 01-09 or later, waiting for cash before', () => {
    const buys = Array.from(result.fills.session).flatMap((s, k) => (result.symbols[result.fills.symbol[k]] === 'BBB' ? [[dates[s], result.fills.quantity[k]]] : []));
    expect(buys).toEqual([['2024-01-09', 200]]);
    expect(deferralRows(result).filter((r) => r.symbol === 'BBB').map((r) => [dates[r.session], r.reason])).toEqual([
      ['2024-01-05', 'cash'],
      ['2024-01-08', 'cash'],
    ]);
  });

  it('cash ≥ 0 and gross exposure ≤ 1 every session; no debit interest', () => {
    for (let k = 0; k < d.nav.length; k++) {
      expect(d.cash[k], `cash on ${dates[k]}`).toBeGreaterThanOrEqual(0);
      expect((d.longValue[k] - d.shortValue[k]) / d.nav[k], `gross on ${dates[k]}`).toBeLessThanOrEqual(1 + 1e-12);
    }
    expect(d.interestPaid.every((x) => x === 0)).toBe(true);
    expect(result.breaches).toEqual([]);
  });

  it('a margin account may borrow for it, within its limits', () => {
    const margin = backtest(market, strategy(), { initialCash: 10_000, account: { kind: 'margin', maxGross: 2, maxNet: 2 } });
    expect(Math.min(...margin.daily.cash)).toBeLessThan(0);
  });
});
