// Borrow and cash models called directly: amounts over one daily session (P = 252), an annual
// rate R accruing (1 + R)^(1/252) − 1 whatever the calendar days.

import { describe, expect, it } from 'vitest';
import { UserError } from '../../../data/errors.ts';
import { engineConfigSchema } from '../../../engine/config.ts';
import { borrowModel } from '../../../engine/models/borrow/index.ts';
import { cashModel } from '../../../engine/models/cash/index.ts';
import { fixtureMarket, rateSeries } from '../fixtures.ts';
import { accrual } from './context.ts';

const market = fixtureMarket({
  symbols: ['S0', 'S1'],
  closes: [[10, 10]],
  rates: { tbill: rateSeries('tbill', [['2024-01-02', 0.036]]) },
});
const config = (c: unknown) => engineConfigSchema.parse(c);

describe('borrow: an annual fee by symbol and a rebate, on the short’s market value', () => {
  const m = borrowModel(config({ borrow: { defaultBps: 200, overrides: { S1: 900 }, rebateBps: 50 } }).borrow, market);

  it('36 000 short for one session: fee 36 000 × (1.02^(1/252) − 1) = 2.82906, the 9 % override 12.3132; rebate 0.71251', () => {
    expect(m.fee(accrual({ symbol: 0, balance: 36_000 }))).toBeCloseTo(2.829057911, 8);
    expect(m.fee(accrual({ symbol: 1, balance: 36_000 }))).toBeCloseTo(12.31320475, 7);
    // Three calendar days (a weekend) accrue one session, not three.
    expect(m.rebate(accrual({ symbol: 1, balance: 36_000, days: 3 }))).toBeCloseTo(0.712512981, 8);
    // Weekly sessions (P = 52): 36 000 × (exp(ln 1.02 / 52) − 1) = 36 000 × 3.80892e-4 = 13.7121.
    expect(m.fee(accrual({ symbol: 0, balance: 36_000, periodsPerYear: 52 }))).toBeCloseTo(13.71212, 4);
    expect(m.name).toBe('200 bps/yr default (1 override), rebate 50 bps/yr');
  });

  it('an override for a symbol the market lacks is refused, each in one line ("; " between), with the nearest symbol where one is near', () => {
    const make = () => borrowModel(config({ borrow: { overrides: { S1: 900, S11: 50, QQQ: 10 } } }).borrow, market);
    expect(make).toThrow(UserError);
    expect(make).toThrow(
      'engine config: borrow.overrides.S11: no symbol "S11" in fixture (did you mean S1?); name a symbol of the data, or drop the override; ' +
        'engine config: borrow.overrides.QQQ: no symbol "QQQ" in fixture; name a symbol of the data, or drop the override',
    );
  });
});

describe('cash: interest at a rate, a spread on debit', () => {
  it('a constant 3.6 %: 100 000 for one session earns 14.0356; −100 000 with a 100 bps spread pays 100 000 × (1.046^(1/252) − 1) = 17.8482', () => {
    const m = cashModel(config({ cash: { rate: 0.036, debitSpreadBps: 100 } }).cash, market);
    expect(m.interest(accrual({ balance: 100_000 }))).toBeCloseTo(14.03556578, 7);
    expect(m.interest(accrual({ balance: -100_000 }))).toBeCloseTo(-17.84816626, 7);
    expect(m.interest(accrual({ balance: 0 }))).toBe(0);
  });

  it('a negative rate charges a credit balance: −1 % on 100 000 is −3.98815', () => {
    const m = cashModel(config({ cash: { rate: -0.01 } }).cash, market);
    expect(m.interest(accrual({ balance: 100_000 }))).toBeCloseTo(-3.988148985, 8);
  });

  it('a rate series is read as of the session accrued to; sessions before its first rate earn nothing and are counted', () => {
    const m = cashModel(config({ cash: { rate: 'tbill' } }).cash, market);
    const day = Date.UTC(2024, 0, 2) / 86_400_000;
    expect(m.interest(accrual({ balance: 100_000, day }))).toBeCloseTo(14.03556578, 7);
    expect(m.interest(accrual({ balance: 100_000, day: day - 1 }))).toBe(0);
    expect(m.missingRateDays).toBe(1);
  });

  it('a series the market lacks is a user error naming the series and those it has, as --rf and view.rate say it (data/folder/rateFiles.ts noRateSeries)', () => {
    expect(() => cashModel(config({ cash: { rate: 'libor' } }).cash, market)).toThrow(UserError);
    expect(() => cashModel(config({ cash: { rate: 'libor' } }).cash, market)).toThrow('engine config: cash.rate: no rate series "libor" in fixture (it has tbill)');
  });
});
