// Financing the cost models charged nothing for (engine/caveats/financingCaveats.ts): a debit cash
// balance with no debit rate, and shorts with no borrow fee, said with how much of NAV and when
// (probe r69d F2: 51.6 % of NAV borrowed at 0 % and nothing said). Fills are next-close: a
// decision on session t fills at the close of t + 1. Sessions are weekdays from Mon 2024-01-01.

import { describe, expect, it } from 'vitest';
import type { Caveat } from '../../../../engine/caveats/caveats.ts';
import type { EngineConfigInput } from '../../../../engine/config.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { MARGIN, orders, scenario } from '../../helpers.ts';

const free = (caveats: readonly Caveat[]): Caveat[] => caveats.filter((c) => c.code === 'free-financing');

describe('a debit balance', () => {
  // A: 100, 102, 101, 105, 110, 99; B: 20, 20, 21, 22, 22.5, 22.5.
  const market = fixtureMarket({
    symbols: ['A', 'B'],
    closes: [
      [100, 20],
      [102, 20],
      [101, 21],
      [105, 22],
      [110, 22.5],
      [99, 22.5],
    ],
  });
  // Buy 8,000 A and 35,000 B on 0 (filled at the close of 1: 816,000 + 700,000 on 1,000,000 of cash: −516,000);
  // sell B on 3 (filled at the close of 4 for 787,500: cash 271,500).
  const script = { 0: orders({ symbol: 'A', quantity: 8_000 }, { symbol: 'B', quantity: 35_000 }), 3: orders({ symbol: 'B', quantity: -35_000 }) };
  const run = (config: EngineConfigInput) => scenario(market, script, { account: MARGIN, execution: 'next-close', initialCash: 1_000_000, ...config });

  it('at no interest is said, with its peak share of NAV and its sessions', () => {
    const result = run({});
    // Closes with cash −516,000: session 1 (NAV 8,000 × 102 + 35,000 × 20 − 516,000 = 1,000,000: 51.6 %),
    // 2 (1,027,000: 50.2 %), 3 (1,094,000: 47.2 %); from session 4 the cash is 271,500.
    expect(Array.from(result.daily.cash)).toEqual([1_000_000, -516_000, -516_000, -516_000, 271_500, 271_500]);
    const [c, ...rest] = free(result.caveats);
    expect(rest).toEqual([]);
    expect(c.message).toBe(
      'borrowed up to 51.6% of NAV in cash (a debit balance on 3 sessions from 2024-01-02 to 2024-01-04) at no interest: no cash rate was given and no debit spread, so the debit balance cost nothing — set a cash rate (--rf, or cash.rate and cash.debitSpreadBps) to charge it',
    );
    expect(c.severity).toBe('medium');
    expect(c.size).toBeCloseTo(0.516, 12);
    expect(c.unit).toBe('nav-share');
    expect(c.symbols).toEqual([]);
  });

  it('is said when the cash rate and the debit spread add up to 0', () => {
    const [c] = free(run({ cash: { rate: -0.01, debitSpreadBps: 100 } }).caveats);
    expect(c.message).toContain('at no interest: the cash rate is -1.0% and a debit spread of 100 bps, so the debit balance cost nothing');
  });

  it('is not said when the debit pays a rate or a spread', () => {
    expect(free(run({ cash: { rate: 0.03 } }).caveats)).toEqual([]);
    expect(free(run({ cash: { rate: null, debitSpreadBps: 50 } }).caveats)).toEqual([]);
  });

  it('is not said for a book that never borrows (a cash account fully invested)', () => {
    // 10,000 A at 100 on 1,000,000: cash 0 at worst (the account allows nothing more).
    const result = scenario(market, { 0: { weights: { A: 1 } } }, { execution: 'next-close', initialCash: 1_000_000 });
    expect(free(result.caveats)).toEqual([]);
  });
});

describe('a short', () => {
  // S flat at 50, T flat at 10; short 2,000 S on 0 (filled at the close of 1): 100,000 of 1,000,000 NAV, 10.0 %,
  // on sessions 1 … 4 (2024-01-02 to 2024-01-05). Its proceeds leave net cash 1,000,000: no debit.
  const market = fixtureMarket({ symbols: ['S', 'T'], closes: Array.from({ length: 5 }, () => [50, 10]) });
  const script = { 0: orders({ symbol: 'S', quantity: -2_000 }) };
  const run = (config: EngineConfigInput) => scenario(market, script, { account: MARGIN, execution: 'next-close', initialCash: 1_000_000, ...config });

  it('at no borrow fee is said once, naming the symbol', () => {
    const [c, ...rest] = free(run({}).caveats);
    expect(rest).toEqual([]);
    expect(c.message).toBe(
      'shorted up to 10.0% of NAV on 4 sessions from 2024-01-02 to 2024-01-05 at no borrow fee (S): no borrow fee was given (borrow.defaultBps 0), so borrowing the shares cost nothing — set one (--borrow-bps, or borrow.defaultBps and borrow.overrides) to charge it',
    );
    expect(c.severity).toBe('medium');
    expect(c.size).toBeCloseTo(0.1, 12);
    expect(c.symbols).toEqual(['S']);
  });

  it('counts only the names with no fee of their own', () => {
    const [c] = free(run({ borrow: { defaultBps: 0, overrides: { T: 100 } } }).caveats);
    expect(c.message).toContain('(S): no borrow fee was given (borrow.defaultBps 0 and none of their own in borrow.overrides)');
    expect(free(run({ borrow: { defaultBps: 0, overrides: { S: 100 } } }).caveats)).toEqual([]);
  });

  it('is not said with a default fee, or a fee of 0 asked for the name itself', () => {
    expect(free(run({ borrow: { defaultBps: 25 } }).caveats)).toEqual([]);
    expect(free(run({ borrow: { defaultBps: 0, overrides: { S: 0 } } }).caveats)).toEqual([]);
  });

  it('is low at 5 % of NAV or less', () => {
    // 1,000 S: 50,000 of 1,000,000.
    const [c] = free(scenario(market, { 0: orders({ symbol: 'S', quantity: -1_000 }) }, { account: MARGIN, execution: 'next-close', initialCash: 1_000_000 }).caveats);
    expect(c.severity).toBe('low');
    expect(c.size).toBeCloseTo(0.05, 12);
  });
});
