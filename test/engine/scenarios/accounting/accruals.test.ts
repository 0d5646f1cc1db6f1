// Accruals per session, (1 + R)^(1/P) − 1 with P = 252 here (January 2024 is a daily calendar):
// the conversion METRICS.md uses for rf, so cash at 5 % earns 1.05^(1/252) − 1 = 1.9363e-4 every
// session, a Monday no more than a Tuesday. Interest is on the previous close's cash net of short
// proceeds, at the rate as of the session (a dated series, forward-filled); a debit balance pays
// rate + spread; the borrow fee and the rebate are on the short's market value.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../../data/market.ts';
import { COST_LINES, INCOME_LINES } from '../../../../engine/result.ts';
import { fixtureMarket, rateSeries } from '../../fixtures.ts';
import { expectColumn, expectNear, messages, orders, scripted, MARGIN, scenario } from '../../helpers.ts';

// January 2024 has 23 weekdays: Mon 1 … Wed 31, so 22 accrual sessions. Calendar days from each
// session to the next: Mon→Tue … Thu→Fri 1 day each, Fri→Mon 3 days (30 days in all; the
// per-session convention ignores them).
const JAN_DAYS = [1, 1, 1, 1, 3, 1, 1, 1, 1, 3, 1, 1, 1, 1, 3, 1, 1, 1, 1, 3, 1, 1];
const SESSIONS = JAN_DAYS.length + 1;
const flat = (price: number, symbols = 1): number[][] => Array.from({ length: SESSIONS }, () => Array(symbols).fill(price));
const hold = scripted({});
/** Per-session rate of an annual R over 252 sessions a year: (1 + R)^(1/252) − 1. */
const perSession = (R: number): number => (1 + R) ** (1 / 252) - 1;
/** 1.05^(1/252) − 1, by hand: exp(ln 1.05 / 252) − 1 = exp(0.048790164 / 252) − 1. */
const G5 = 1.9363050654e-4;

it('January 2024 has the calendar the hand computations assume', () => {
  const market = fixtureMarket({ symbols: ['A'], closes: flat(1) });
  expect(JAN_DAYS.reduce((a, b) => a + b, 0)).toBe(30);
  expect(Array.from(market.dates.subarray(1), (d, k) => d - market.dates[k])).toEqual(JAN_DAYS);
  expect(perSession(0.05)).toBeCloseTo(G5, 13);
});

describe('cash interest, constant 5 %', () => {
  const result = scenario({ symbols: ['A'], closes: flat(10) }, hold, { initialCash: 1_000_000, cash: { rate: 0.05 } });

  it('earns 1 000 000 × 1.9363e-4 = 193.63 on the first Tuesday, and the same on a Monday', () => {
    expectNear(result.daily.interestReceived[1], 193.6305065, 1e-9);
    // Monday 8 January (session 5), on Friday's 1 000 000 × (1 + g)^4: 193.7805, not three days.
    expectNear(result.daily.interestReceived[5], 193.7805212, 1e-9);
  });

  it('a cash book returns exactly the per-session rf, 1.05^(1/252) − 1, every session', () => {
    for (let k = 1; k < SESSIONS; k++) expectNear(result.daily.nav[k] / result.daily.nav[k - 1] - 1, G5, 1e-9);
    expectNear(result.daily.nav[SESSIONS - 1], 1_000_000 * (1 + G5) ** 22, 1e-12);
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

  it('applies the rate as of the session accrued to, as METRICS.md reads rf_t', () => {
    // Sessions 1..10 (2..15 Jan) at 5 %, sessions 11..22 (16..31 Jan) at 3 %.
    const rates = [...Array(10).fill(0.05), ...Array(12).fill(0.03)];
    const cash = [1_000_000];
    const interest = [0];
    rates.forEach((R, k) => {
      interest.push(cash[k] * perSession(R));
      cash.push(cash[k] * (1 + perSession(R)));
    });
    expectColumn(result.daily.interestReceived, interest, 1e-12);
    expectColumn(result.daily.cash, cash, 1e-12);
    expect(messages(result).some((w) => w.includes('cash rate missing'))).toBe(false);
  });

  it('accrues nothing, and warns, where the series has no rate yet', () => {
    const late = rateSeries('late', [['2024-01-10', 0.05]]);
    const r = scenario({ symbols: ['A'], closes: flat(10), rates: { late } }, hold, { initialCash: 1_000_000, cash: { rate: 'late' } });
    // Sessions 1..6 (2, 3, 4, 5, 8, 9 Jan) have no rate: nothing.
    expectColumn(r.daily.interestReceived.subarray(0, 7), [0, 0, 0, 0, 0, 0, 0]);
    // Session 7 (Wed 10) earns 5 %: 193.63.
    expectNear(r.daily.interestReceived[7], 193.6305065, 1e-9);
    // 6 of SESSIONS = 23 sessions: 26.1 % of the run, above 10 %: high (probe r16d: 1,748 sessions of T-bills missing read low).
    const c = r.caveats.find((x) => x.code === 'missing-rate');
    expect(c?.message).toBe('cash rate missing on 6 sessions (26.1% of the run): no interest accrued there, and cash there counts as earning 0 %');
    expect(c?.severity).toBe('high');
  });

  it('a debit where the series has no rate yet pays nothing either, not the spread alone (probe r17d)', () => {
    // 150 % of A in a margin account: a debit of about 500 000 from session 1; no rate before 01-10, 200 bps spread.
    const late = rateSeries('late', [['2024-01-10', 0.05]]);
    const r = scenario({ symbols: ['A'], closes: flat(10), rates: { late } }, scripted({ 0: { weights: { A: 1.5 } } }), {
      initialCash: 1_000_000,
      account: { kind: 'margin', maxGross: 2, maxNet: 2 },
      cash: { rate: 'late', debitSpreadBps: 200 },
    });
    expect(r.daily.cash[2]).toBeLessThan(0);
    expectColumn(r.daily.interestPaid.subarray(0, 7), [0, 0, 0, 0, 0, 0, 0]);
    // Session 7 (Wed 10): the debit pays 5 % + 2 %: −cash × (1.07^(1/252) − 1).
    expectNear(r.daily.interestPaid[7], -r.daily.cash[6] * (1.07 ** (1 / 252) - 1), 1e-6);
  });

  it('carries the last rate past the series end, and says on how many sessions', () => {
    // Daily rows 2..5 Jan (median gap 1 day): sessions after Sat 6 Jan carry 5 % — 8 Jan … 31 Jan, 18 sessions.
    const ends = rateSeries('ends', [
      ['2024-01-02', 0.05],
      ['2024-01-03', 0.05],
      ['2024-01-04', 0.05],
      ['2024-01-05', 0.05],
    ]);
    const r = scenario({ symbols: ['A'], closes: flat(10), rates: { ends } }, hold, { initialCash: 1_000_000, cash: { rate: 'ends' } });
    expect(messages(r)).toContain('cash rate series ends on 2024-01-05: its last rate (5.00%) accrued on the 18 sessions after 2024-01-06, when its next rate was due');
    expect(r.caveats.find((c) => c.message.startsWith('cash rate series ends'))?.severity).toBe('low');
  });

  it('says a rate carried across a gap of more than 10 sessions inside the series, with its first date', () => {
    // Daily rows 2..5 Jan, then 23..31 Jan (median gap 1 day): 5 % is carried on Mon 8 … Mon 22 Jan, 11 sessions (> 10: low).
    const days = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-23', '2024-01-24', '2024-01-25', '2024-01-26', '2024-01-29', '2024-01-30', '2024-01-31'];
    const gappy = rateSeries('gappy', days.map((d, k) => [d, k < 4 ? 0.05 : 0.04] as [string, number]));
    const r = scenario({ symbols: ['A'], closes: flat(10), rates: { gappy } }, hold, { initialCash: 1_000_000, cash: { rate: 'gappy' } });
    const gap = r.caveats.find((c) => c.message.startsWith('cash rate series gappy has a gap'));
    expect(gap?.message).toBe('cash rate series gappy has a gap inside it: its 2024-01-05 rate (5.00%) accrued on the 11 sessions from 2024-01-08 until its next published rate');
    expect(gap?.severity).toBe('low');
  });

  it('rejects an unknown rate series name', () => {
    expect(() => scenario(market, hold, { cash: { rate: 'nope' } })).toThrow(/no rate series "nope"/);
  });
});

/** Same-close buy of 1 000 A @ 100 with 50 000 cash on 1 Jan: cash −50 000, six sessions. */
function overdraft(cash: { rate: number; debitSpreadBps: number }) {
  const market = fixtureMarket({ symbols: ['A'], closes: flat(100).slice(0, 7) });
  return scenario(market, { 0: orders({ symbol: 'A', quantity: 1_000 }) }, { account: MARGIN, initialCash: 50_000, execution: 'same-close', cash });
}

describe('debit interest on negative cash', () => {
  it('charges rate + spread on the overdraft, the same every session', () => {
    // Debit rate 2 % + 300 bps = 5 %: 50 000 × 1.9363e-4 = 9.6815 the first session.
    const result = overdraft({ rate: 0.02, debitSpreadBps: 300 });
    const cash = [-50_000];
    const paid = [0];
    for (let k = 1; k < 7; k++) {
      paid.push(-cash[k - 1] * G5);
      cash.push(cash[k - 1] * (1 + G5));
    }
    expectNear(paid[1], 9.681525327, 1e-9);
    expectColumn(result.daily.interestPaid, paid, 1e-9);
    expectColumn(result.daily.cash, cash, 1e-9);
    expectColumn(result.daily.interestReceived, [0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('negative rates: a charge is interest paid, a credit interest received (both ≥ 0)', () => {
  it('−1 % on 100 000 of cash charges 100 000 × (1 − 0.99^(1/252)) = 3.98815 as interest paid', () => {
    const result = scenario({ symbols: ['A'], closes: flat(10) }, hold, { initialCash: 100_000, cash: { rate: -0.01 } });
    expectNear(result.daily.interestPaid[1], 3.988148985, 1e-9);
    expect(result.daily.interestReceived.every((x) => x === 0)).toBe(true);
    expectNear(result.daily.nav[1], 100_000 - 3.988148985, 1e-12);
  });

  it('a debit at −2 % + 0 bps earns 50 000 × (1 − 0.98^(1/252)) = 4.00831 as interest received', () => {
    const result = overdraft({ rate: -0.02, debitSpreadBps: 0 });
    expectNear(result.daily.interestReceived[1], 4.008312999, 1e-9);
    expect(result.daily.interestPaid.every((x) => x === 0)).toBe(true);
    expectNear(result.daily.cash[1], -50_000 + 4.008312999, 1e-12);
  });
});

describe('borrow fee and rebate on a short, January', () => {
  // Same-close short of 1 000 S @ 50 on 1 Jan; price flat: short value 50 000 all month.
  const market = fixtureMarket({ symbols: ['S'], closes: flat(50) });
  const short = scripted({ 0: orders({ symbol: 'S', quantity: -1_000 }) });

  it('charges 2 % a year and rebates 0.5 % a year, per session', () => {
    const result = scenario(market, short, { account: MARGIN, initialCash: 1_000_000, execution: 'same-close', borrow: { defaultBps: 200, rebateBps: 50 } });
    // Fee 50 000 × (1.02^(1/252) − 1) = 3.92925 each session; rebate 50 000 × (1.005^(1/252) − 1) = 0.98960.
    expectColumn(result.daily.borrowFee, [0, ...JAN_DAYS.map(() => 3.929247099)], 1e-9);
    expectColumn(result.daily.borrowRebate, [0, ...JAN_DAYS.map(() => 0.9896013626)], 1e-9);
    // Month: fee 86.44344, rebate 21.77123; cash 1 050 000 − 86.44344 + 21.77123; NAV = cash − 50 000.
    expectNear(result.daily.cash[SESSIONS - 1], 1_049_935.327794, 1e-11);
    expectNear(result.daily.nav[SESSIONS - 1], 999_935.327794, 1e-11);
    expectNear(result.costBySymbol[0], 86.44343618, 1e-9);
    expectNear(result.incomeBySymbol[0], 21.77122998, 1e-9);
  });

  it('uses a per-symbol override: 3 % → 129.034 for the month', () => {
    const result = scenario(market, short, { account: MARGIN, initialCash: 1_000_000, execution: 'same-close', borrow: { defaultBps: 200, overrides: { S: 300 } } });
    const total = result.daily.borrowFee.reduce((a, b) => a + b, 0);
    expectNear(total, 129.0340852, 1e-9);
  });

  it('pays cash interest on the cash net of the short proceeds; the proceeds earn the rebate only', () => {
    // Cash 1 050 000 of which 50 000 proceeds: 4 % on 1 000 000 (not 1 050 000), 0.5 % on 50 000, fee 2 %.
    const result = scenario(market, short, { account: MARGIN, initialCash: 1_000_000, execution: 'same-close', cash: { rate: 0.04 }, borrow: { defaultBps: 200, rebateBps: 50 } });
    expectNear(result.daily.interestReceived[1], 155.6498628, 1e-9); // 1 000 000 × (1.04^(1/252) − 1)
    const cash = [1_050_000];
    for (let k = 1; k < SESSIONS; k++) {
      const prev = cash[k - 1];
      cash.push(prev + (prev - 50_000) * perSession(0.04) + 50_000 * (perSession(0.005) - perSession(0.02)));
    }
    expectColumn(result.daily.cash, cash, 1e-12);
    expectColumn(result.daily.nav, cash.map((c) => c - 50_000), 1e-12);
  });
});

describe('the ledger lines add up to the NAV change, over random cash/short books and rates', () => {
  it('ΔNAV = long P&L + short P&L + income − costs, every session', () => {
    fc.assert(
      fc.property(
        fc.record({
          initialCash: fc.integer({ min: 1_000, max: 1_000_000 }),
          quantity: fc.integer({ min: -2_000, max: 2_000 }),
          rate: fc.integer({ min: -100, max: 1_000 }).map((x) => x / 10_000),
          debitSpreadBps: fc.integer({ min: 0, max: 500 }),
          defaultBps: fc.integer({ min: 0, max: 2_000 }),
          rebateBps: fc.integer({ min: 0, max: 500 }),
          closes: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: SESSIONS, maxLength: SESSIONS }),
        }),
        ({ initialCash, quantity, rate, debitSpreadBps, defaultBps, rebateBps, closes }) => {
          const market = fixtureMarket({ symbols: ['S'], closes: closes.map((c) => [c]) });
          const result = scenario(market, { 0: orders({ symbol: 'S', quantity }) }, { account: MARGIN, initialCash, execution: 'same-close', cash: { rate, debitSpreadBps }, borrow: { defaultBps, rebateBps } });
          const d = result.daily;
          for (let k = 1; k < SESSIONS; k++) {
            let flows = d.longPnl[k] + d.shortPnl[k];
            for (const line of INCOME_LINES) flows += d[line][k];
            for (const line of COST_LINES) flows -= d[line][k];
            expect(Math.abs(d.nav[k] - d.nav[k - 1] - flows)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(d.nav[k - 1])));
            // The interest is on the previous close's cash net of the short: rate, or rate + spread on a debit.
            const net = d.cash[k - 1] + d.shortValue[k - 1];
            const expected = net * perSession(net >= 0 ? rate : rate + debitSpreadBps / 10_000);
            expect(Math.abs(d.interestReceived[k] - d.interestPaid[k] - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(net)));
            expect(d.interestReceived[k] >= 0 && d.interestPaid[k] >= 0).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('cash interest on a calendar that is not five days a week: P from its sessions a year', () => {
  /** A market of `days` closes at 10 on the days of 2022 from 1 January whose weekday (0 = Sunday) is in `weekdays`. */
  const onDays = (count: number, weekdays: readonly number[]): Market => {
    const dates: number[] = [];
    // 2022-01-01 is epoch day 18993, a Saturday (6).
    for (let d = 18993; dates.length < count; d++) if (weekdays.includes((d + 4) % 7)) dates.push(d);
    return { ...fixtureMarket({ symbols: ['A'], closes: Array.from({ length: count }, () => [10]) }), dates: Int32Array.from(dates) };
  };

  it('seven days a week (2022-01-01 → 2023-01-01, 365 accruals): P = 365, cash at 5 % ends at exactly 1 050 000', () => {
    const result = scenario(onDays(366, [0, 1, 2, 3, 4, 5, 6]), hold, { initialCash: 1_000_000, cash: { rate: 0.05 } });
    expectNear(result.daily.nav[365], 1_050_000, 1e-12);
  });

  it('six days a week (466 accruals): P = round(6/7 · 365.25) = 313, cash ends at 1 000 000 × 1.05^(466/313) = 1 075 342.99', () => {
    const result = scenario(onDays(467, [1, 2, 3, 4, 5, 6]), hold, { initialCash: 1_000_000, cash: { rate: 0.05 } });
    // ln 1.05 = 0.04879016; × 466/313 = 0.07263936; exp → 1.07534299.
    expectNear(result.daily.nav[466], 1_075_342.988, 1e-9);
  });
});
