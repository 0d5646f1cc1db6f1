// A P given (periodsPerYear, --periods-per-year) annualises; it does not change a session's time
// (probe r69a F1): interest and borrow fees accrue by the calendar's own spacing
// (engine/calendar/rowPeriods.ts accrualPeriods), and a P that the calendar would not give is
// said (the metrics' rf: test/reports/givenPeriods.test.ts). Only an irregular calendar, with no frequency of its own, has its
// rows timed by the P given — and that is said too.

import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../../data/dates.ts';
import type { Market } from '../../../../data/market.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { expectNear, MARGIN, orders, scenario, scripted } from '../../helpers.ts';

/** A one-symbol market at a flat price on the given epoch days. */
function onDays(days: readonly number[], price = 50): Market {
  return { ...fixtureMarket({ symbols: ['S'], closes: days.map(() => [price]) }), dates: Int32Array.from(days) };
}

const hold = scripted({});
// Weekday sessions from Mon 2024-01-01 (the fixture's calendar): 11 sessions, 10 rows, P = 252 inferred.
const weekdays = { symbols: ['S'], closes: Array.from({ length: 11 }, () => [50]) };
const cash = { initialCash: 1_000_000, cash: { rate: 0.05 } };

describe('a P given other than the calendar’s does not change the interest', () => {
  const own = scenario(weekdays, hold, cash);
  const weekly = scenario(weekdays, hold, { ...cash, periodsPerYear: 52 });
  const calendarDays = scenario(weekdays, hold, { ...cash, periodsPerYear: 365 });

  it('P = 52 on weekday sessions: each earns 1/252 of a year, 1 000 000 × (1.05^(1/252) − 1) = 193.63 (was a week: 1.05^(1/52) − 1, 938.66)', () => {
    expectNear(weekly.daily.interestReceived[1], 193.630506544, 1e-9);
  });

  it('ten sessions: 1 000 000 × 1.05^(10/252) = 1 001 937.99, whatever P is given (52, 365 or none)', () => {
    for (const r of [own, weekly, calendarDays]) expectNear(r.daily.nav[10], 1_001_937.993111693, 1e-9);
  });

  it('the borrow fee too: a short of 20 000 at 2 % pays 20 000 × (1.02^(1/252) − 1) = 1.5717 a session with P = 52 given', () => {
    const short = scripted({ 0: orders({ symbol: 'S', quantity: -400 }) });
    const r = scenario(weekdays, short, { account: MARGIN, initialCash: 1_000_000, execution: 'same-close', borrow: { defaultBps: 200 }, periodsPerYear: 52 });
    expectNear(r.daily.borrowFee[1], 1.571698840, 1e-9);
  });

  it('month-ends without June with P = 4 given: the 31 July row still earns two months, 1 000 000 × 1.05^(4/12) × (1.05^(2/12) − 1) = 8 298.72; nine months in all', () => {
    // Last weekdays of Jan–Oct 2024 without June (engine/scenarios/calendar/missingDates.test.ts): P = 12 inferred.
    const M1 = [epochDay(2024, 1, 31), epochDay(2024, 2, 29), epochDay(2024, 3, 29), epochDay(2024, 4, 30), epochDay(2024, 5, 31), epochDay(2024, 7, 31), epochDay(2024, 8, 30), epochDay(2024, 9, 30), epochDay(2024, 10, 31)];
    const r = scenario(onDays(M1), hold, { ...cash, periodsPerYear: 4 });
    expectNear(r.daily.interestReceived[5], 8298.719781106, 1e-9);
    expectNear(r.daily.nav[8], 1_037_270.374794228, 1e-9);
  });

  it('the run says the P given is not its calendar’s, and how each is used', () => {
    const said = weekly.caveats.filter((c) => c.code === 'frequency' && c.message.startsWith('P = 52 was given'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ severity: 'medium' });
    expect(said[0].message).toContain("but the run's calendar gives 252");
    expect(said[0].message).toContain('interest and borrow fees accrue by the calendar');
    expect(own.caveats.some((c) => c.message.includes('was given'))).toBe(false);
    expect(scenario(weekdays, hold, { ...cash, periodsPerYear: 252 }).caveats.some((c) => c.message.includes('was given'))).toBe(false);
  });
});

describe('an irregular calendar has no frequency of its own: a P given times its rows, said', () => {
  // 20 Fridays from 2024-01-05, then 9 every 14 days: P = 39 counted, irregular (missingDates.test.ts).
  const W1 = [...Array.from({ length: 20 }, (_, k) => epochDay(2024, 1, 5) + 7 * k), ...Array.from({ length: 9 }, (_, k) => epochDay(2024, 1, 5) + 7 * 19 + 14 * (k + 1))];
  const r = scenario(onDays(W1), hold, { ...cash, periodsPerYear: 52 });

  it('each of the 28 rows earns 1/52 of a year: 1 000 000 × 1.05^(28/52) = 1 026 619.77', () => {
    expectNear(r.daily.nav[W1.length - 1], 1_026_619.768108778, 1e-9);
  });

  it('and says so', () => {
    const said = r.caveats.filter((c) => c.message.startsWith("P = 52 was given, and the run's calendar has no regular spacing"));
    expect(said).toHaveLength(1);
    expect(said[0].message).toContain('each session accrues over 1/52 of a year');
  });
});
