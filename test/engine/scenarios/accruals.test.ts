// Overnight accruals, ACT/360 on the balances held at the previous close: interest on cash
// (a constant rate or a dated series, read as of the previous session's date), a debit rate on
// negative cash, the borrow fee and the rebate on short market value. A Monday accrues the
// three calendar days since Friday.

import { describe, expect, it } from 'vitest';
import { fixtureMarket, rateSeries } from '../fixtures.ts';
import { expectColumn, expectNear, messages, orders, scripted, MARGIN, scenario } from '../helpers.ts';

// January 2024 has 23 weekdays: Mon 1 … Wed 31. Calendar days from each session to the next:
// Mon→Tue … Thu→Fri 1 day each, Fri→Mon 3 days. 22 accrual periods, 30 days in all.
const JAN_DAYS = [1, 1, 1, 1, 3, 1, 1, 1, 1, 3, 1, 1, 1, 1, 3, 1, 1, 1, 1, 3, 1, 1];
const SESSIONS = JAN_DAYS.length + 1;
const flat = (price: number, symbols = 1): number[][] => Array.from({ length: SESSIONS }, () => Array(symbols).fill(price));
const hold = scripted({});

it('January 2024 has the calendar the hand computations assume', () => {
  const market = fixtureMarket({ symbols: ['A'], closes: flat(1) });
  expect(JAN_DAYS.reduce((a, b) => a + b, 0)).toBe(30);
  expect(Array.from(market.dates.subarray(1), (d, k) => d - market.dates[k])).toEqual(JAN_DAYS);
});

describe('cash interest, constant 5 %', () => {
  const result = scenario({ symbols: ['A'], closes: flat(10) }, hold, { initialCash: 1_000_000, cash: { rate: 0.05 } });

  it('accrues 1 000 000 × 5 % / 360 = 138.888… on the first Tuesday', () => {
    expectNear(result.daily.interestReceived[1], 138.88888888888889, 1e-12);
  });

  it('accrues three days on Monday 8 January, on Friday’s balance', () => {
    // Friday's cash = 1 000 000 × (1 + 0.05/360)^4; Monday adds that × 0.05 × 3 / 360.
    const friday = 1_000_000 * (1 + 0.05 / 360) ** 4;
    expectNear(result.daily.cash[4], friday, 1e-12);
    expectNear(result.daily.interestReceived[5], (friday * 0.05 * 3) / 360, 1e-12);
  });

  it('compounds daily over the month', () => {
    const cash = [1_000_000];
    const interest = [0];
    for (const d of JAN_DAYS) {
      const prev = cash[cash.length - 1];
      interest.push((prev * 0.05 * d) / 360);
      cash.push(prev + (prev * 0.05 * d) / 360);
    }
    expectColumn(result.daily.interestReceived, interest, 1e-12);
    expectColumn(result.daily.cash, cash, 1e-12);
    expectColumn(result.daily.nav, cash, 1e-12);
    // Simple interest for 30 days would be 4 166.67; daily compounding adds a little.
    expect(cash[SESSIONS - 1] - 1_000_000).toBeGreaterThan(4_166.66);
    expect(cash[SESSIONS - 1] - 1_000_000).toBeLessThan(4_175);
  });
});

describe('a dated rate series', () => {
  // 5 % until Mon 15 Jan, 3 % from Tue 16 Jan (a NaN row on the 24th is forward-filled).
  const tbill = rateSeries('tbill', [
    ['2023-12-29', 0.05],
    ['2024-01-16', 0.03],
    ['2024-01-24', NaN],
  ]);
  const market = fixtureMarket({ symbols: ['A'], closes: flat(10), rates: { tbill } });
  const result = scenario(market, hold, { initialCash: 1_000_000, cash: { rate: 'tbill' } });

  it('applies the rate known at the previous close', () => {
    // Session k accrues from session k−1 at the rate as of session k−1's date: sessions 1..11
    // (previous dates 1..15 Jan) at 5 %, sessions 12..22 (previous dates 16..30 Jan) at 3 %.
    const rates = [...Array(11).fill(0.05), ...Array(11).fill(0.03)];
    const cash = [1_000_000];
    const interest = [0];
    JAN_DAYS.forEach((d, k) => {
      const prev = cash[k];
      interest.push((prev * rates[k] * d) / 360);
      cash.push(prev + (prev * rates[k] * d) / 360);
    });
    expectColumn(result.daily.interestReceived, interest, 1e-12);
    expectColumn(result.daily.cash, cash, 1e-12);
    expect(messages(result).some((w) => w.includes('cash rate missing'))).toBe(false);
  });

  it('accrues nothing, and warns, where the series has no rate yet', () => {
    const late = rateSeries('late', [['2024-01-10', 0.05]]);
    const r = scenario({ symbols: ['A'], closes: flat(10), rates: { late } }, hold, { initialCash: 1_000_000, cash: { rate: 'late' } });
    // Previous dates 1, 2, 3, 4, 5, 8, 9 Jan have no rate: sessions 1..7 accrue nothing.
    expectColumn(r.daily.interestReceived.subarray(0, 8), [0, 0, 0, 0, 0, 0, 0, 0]);
    // Session 8 (Thu 11) accrues one day at 5 % from Wed 10.
    expectNear(r.daily.interestReceived[8], (1_000_000 * 0.05) / 360, 1e-12);
    expect(messages(r)).toContain('cash rate missing on 7 sessions (no interest accrued there)');
  });

  it('rejects an unknown rate series name', () => {
    expect(() => scenario(market, hold, { cash: { rate: 'nope' } })).toThrow(/no rate series "nope"/);
  });
});

describe('debit interest on negative cash', () => {
  it('charges rate + spread on the overdraft, three days over a weekend', () => {
    // Same-close buy of 1 000 @ 100 with 50 000 cash: cash −50 000. Debit rate 2 % + 300 bps = 5 %.
    const market = fixtureMarket({ symbols: ['A'], closes: flat(100).slice(0, 7) });
    const result = scenario(market, { 0: orders({ symbol: 'A', quantity: 1_000 }) }, { account: MARGIN,
      initialCash: 50_000,
      execution: 'same-close',
      cash: { rate: 0.02, debitSpreadBps: 300 },
    });
    const cash = [-50_000];
    const paid = [0];
    for (const d of JAN_DAYS.slice(0, 6)) {
      const prev = cash[cash.length - 1];
      paid.push((-prev * 0.05 * d) / 360);
      cash.push(prev - (-prev * 0.05 * d) / 360);
    }
    // First day: 50 000 × 5 % / 360 = 6.944…; Monday (session 5): × 3 on the Friday balance.
    expectNear(paid[1], 6.944444444444445, 1e-12);
    expectColumn(result.daily.interestPaid, paid, 1e-12);
    expectColumn(result.daily.cash, cash, 1e-12);
    expectColumn(result.daily.interestReceived, [0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('borrow fee and rebate on a short, January', () => {
  // Same-close short of 1 000 S @ 50 on 1 Jan; price flat: short value 50 000 all month.
  const market = fixtureMarket({ symbols: ['S'], closes: flat(50) });
  const short = scripted({ 0: orders({ symbol: 'S', quantity: -1_000 }) });

  it('charges 2 % a year and rebates 0.5 % a year, ACT/360', () => {
    const result = scenario(market, short, { account: MARGIN, initialCash: 1_000_000, execution: 'same-close', borrow: { defaultBps: 200, rebateBps: 50 } });
    const fee = [0, ...JAN_DAYS.map((d) => (50_000 * 0.02 * d) / 360)];
    const rebate = [0, ...JAN_DAYS.map((d) => (50_000 * 0.005 * d) / 360)];
    expectColumn(result.daily.borrowFee, fee, 1e-12);
    expectColumn(result.daily.borrowRebate, rebate, 1e-12);
    // Monday 8 Jan: 50 000 × 2 % × 3 / 360 = 8.333….
    expectNear(result.daily.borrowFee[5], 8.333333333333334, 1e-12);
    // Month: fee 50 000 × 2 % × 30/360 = 83.333…, rebate 20.833…: net 62.5.
    // Cash 1 000 000 + 50 000 − 62.5; NAV = cash − 50 000 = 999 937.5.
    expectNear(result.daily.cash[SESSIONS - 1], 1_049_937.5, 1e-12);
    expectNear(result.daily.nav[SESSIONS - 1], 999_937.5, 1e-12);
    expectNear(result.costBySymbol[0], 83.33333333333333, 1e-12);
    expectNear(result.incomeBySymbol[0], 20.833333333333332, 1e-12);
  });

  it('uses a per-symbol override: 3 % → 125 for the month', () => {
    const result = scenario(market, short, { account: MARGIN,
      initialCash: 1_000_000,
      execution: 'same-close',
      borrow: { defaultBps: 200, overrides: { S: 300 } },
    });
    const total = result.daily.borrowFee.reduce((a, b) => a + b, 0);
    expectNear(total, (50_000 * 0.03 * 30) / 360, 1e-12);
  });

  it('accrues cash interest on the short proceeds and the fee together', () => {
    // Cash 1 050 000 earns 4 %; the fee of 2 % on 50 000 is charged the same night.
    const result = scenario(market, short, { account: MARGIN, initialCash: 1_000_000, execution: 'same-close', cash: { rate: 0.04 }, borrow: { defaultBps: 200 } });
    const cash = [1_050_000];
    for (const d of JAN_DAYS) {
      const prev = cash[cash.length - 1];
      cash.push(prev + (prev * 0.04 * d) / 360 - (50_000 * 0.02 * d) / 360);
    }
    expectColumn(result.daily.cash, cash, 1e-12);
    expectColumn(result.daily.nav, cash.map((c) => c - 50_000), 1e-12);
  });
});
