// Accruals across dates missing from a coarser calendar (r17a finding 1): a session that closes a
// gap of k periods of P accrues (1 + R)^(k/P) − 1 (engine/calendar/rowPeriods.ts periodsPerRow), so a
// month-end calendar without June earns the same cash as the full one, and an irregular calendar
// (P counted over its span) accrues each row's own days, gap · P / 365.25 periods.

import { describe, it } from 'vitest';
import { epochDay } from '../../../../data/dates.ts';
import type { Market } from '../../../../data/market.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { expectNear, MARGIN, orders, scenario, scripted } from '../../helpers.ts';

/** A one-symbol market at a flat price on the given epoch days. */
function onDays(days: readonly number[], price = 50): Market {
  return { ...fixtureMarket({ symbols: ['S'], closes: days.map(() => [price]) }), dates: Int32Array.from(days) };
}

// Last weekdays of Jan–Oct 2024 without June: gaps 29, 29, 32, 31, 61, 30, 31, 31 days; P = 12,
// and the 61 days from 31 May to 31 July are k = round(61 / 30.44) = 2 months.
const M1 = [epochDay(2024, 1, 31), epochDay(2024, 2, 29), epochDay(2024, 3, 29), epochDay(2024, 4, 30), epochDay(2024, 5, 31), epochDay(2024, 7, 31), epochDay(2024, 8, 30), epochDay(2024, 9, 30), epochDay(2024, 10, 31)];
const hold = scripted({});

describe('cash interest across a missing month-end (P = 12)', () => {
  const result = scenario(onDays(M1), hold, { initialCash: 1_000_000, cash: { rate: 0.05 } });

  it('the 31 July row earns two months: 1 000 000 × 1.05^(4/12) × (1.05^(2/12) − 1) = 1 016 396.36 × 0.0081648 = 8 298.72', () => {
    expectNear(result.daily.interestReceived[5], 8298.719781, 1e-9);
    // A whole month before it: 1 000 000 × (1.05^(1/12) − 1) = 4 074.12.
    expectNear(result.daily.interestReceived[1], 4074.123784, 1e-9);
  });

  it('nine months in all, as with June present: 1 000 000 × 1.05^(9/12) = 1 037 270.37 (was 1.05^(8/12): 1 033 062)', () => {
    expectNear(result.daily.nav[M1.length - 1], 1_037_270.374794, 1e-9);
  });

  it('the borrow fee on a short of 20 000 at 2 %: 20 000 × (1.02^(2/12) − 1) = 66.118 over the two months, 33.032 over one', () => {
    const short = scripted({ 0: orders({ symbol: 'S', quantity: -400 }) });
    const r = scenario(onDays(M1), short, { account: MARGIN, initialCash: 1_000_000, execution: 'same-close', borrow: { defaultBps: 200 } });
    expectNear(r.daily.borrowFee[5], 66.11780649, 1e-9);
    expectNear(r.daily.borrowFee[4], 33.03162604, 1e-9);
  });
});

describe('an irregular calendar accrues each row by its days', () => {
  // 20 Fridays from 2024-01-05, then 9 every 14 days to 2024-09-20: 28 gaps over 259 days, 9 of them
  // doubled — a change of spacing, P = 28 / 259 · 365.25 = 39.49 → 39 (r17a finding 3).
  const W1 = [...Array.from({ length: 20 }, (_, k) => epochDay(2024, 1, 5) + 7 * k), ...Array.from({ length: 9 }, (_, k) => epochDay(2024, 1, 5) + 7 * 19 + 14 * (k + 1))];
  const result = scenario(onDays(W1), hold, { initialCash: 1_000_000, cash: { rate: 0.05 } });

  it('cash grows over the 259 days: 1 000 000 × 1.05^(259/365.25) = 1 000 000 × exp(0.0345973) = 1 035 202.72 (was 1.05^(28/52) as weekly)', () => {
    expectNear(result.daily.nav[W1.length - 1], 1_035_202.716662, 1e-9);
  });
});

describe('cash interest on the 15th and month-ends (P = 24; probe r64d F3)', () => {
  // 2023-01-13, 01-31, 02-15, 02-28, … 12-15, 12-29 (weekend dates moved to the Friday): gaps of 13 to 18 days, 23 half-months.
  const SEMI = Array.from({ length: 12 }, (_, m) => [epochDay(2023, m + 1, 15), epochDay(2023, m + 2, 0)])
    .flat()
    .map((d) => d - [2, 0, 0, 0, 0, 0, 1][(d + 4) % 7]);
  const result = scenario(onDays(SEMI), hold, { initialCash: 10_000, cash: { rate: 0.05 } });

  it('23 half-months: 10 000 × 1.05^(23/24) = 10 478.68 (was 10 490.04: an 18-day gap counted 18/15 = 1.2 of them, Σk 23.53)', () => {
    expectNear(result.daily.nav[SEMI.length - 1], 10_478.675985565, 1e-9);
  });

  it('an 18-day row earns one half-month, as a 14-day one: 10 000 × (1.05^(1/24) − 1) = 20.35 (was 1.05^(1.2/24): 24.43)', () => {
    // Row 1 is 2023-01-13 → 01-31 (18 days), on the initial cash.
    expectNear(result.daily.interestReceived[1], 20.349912970, 1e-9);
  });
});

describe('a daily weekday calendar is unchanged: one session a row, whatever the days', () => {
  it('Fri → Mon earns one session of 252, like Mon → Tue: 1 000 000 × (1.05^(1/252) − 1) = 193.63', () => {
    const result = scenario({ symbols: ['S'], closes: Array.from({ length: 30 }, () => [10]) }, hold, { initialCash: 1_000_000, cash: { rate: 0.05 } });
    // Session 1 is Tue 2 January 2024 after Mon 1; session 5 Mon 8 January after Fri 5, on cash grown by (1 + g)^4.
    expectNear(result.daily.interestReceived[1], 193.6305065, 1e-9);
    expectNear(result.daily.interestReceived[5], 193.7805212, 1e-9);
  });
});

/** Weekdays (epoch days) of [from, to], less those of [holeFrom, holeTo]. */
function weekdaysWithout(from: number, to: number, holeFrom: number, holeTo: number): number[] {
  const out: number[] = [];
  for (let d = from; d <= to; d++) if ((d + 4) % 7 >= 1 && (d + 4) % 7 <= 5 && !(d >= holeFrom && d <= holeTo)) out.push(d);
  return out;
}

describe('cash interest across a hole in a daily calendar (P = 252; probe r45b F1)', () => {
  // Weekdays 2024-01-02 … 02-29 without the week of 22 January: 38 sessions; the 29 January row closes
  // a hole of 6 weekdays (22 … 26 and 29), the other 36 rows one session each: 42 in all.
  const G0 = weekdaysWithout(epochDay(2024, 1, 2), epochDay(2024, 2, 29), epochDay(2024, 1, 22), epochDay(2024, 1, 26));
  const result = scenario(onDays(G0), hold, { initialCash: 1_000_000, cash: { rate: 0.05 } });
  const hole = G0.indexOf(epochDay(2024, 1, 29));

  it('the 29 January row earns six sessions: 1 000 000 × 1.05^(13/252) × (1.05^(6/252) − 1) = 1 165.27 (was one session, 194.12)', () => {
    expectNear(result.daily.interestReceived[hole], 1165.274830011, 1e-9);
  });

  it('42 sessions in all, as with the week there: 1 000 000 × 1.05^(42/252) = 1 008 164.85 (was 1.05^(37/252): 1 007 189.36)', () => {
    expectNear(result.daily.nav[G0.length - 1], 1_008_164.846051901, 1e-9);
  });
});

describe('cash interest across a week dated Thursday in one file and Friday in the other (P = 52; probe r45b F3)', () => {
  // Fridays 2024-01-05 … 03-15 and Thursday 01-25: 10 weeks; the week from 01-19 is split 6 days + 1 day.
  const W = [...Array.from({ length: 11 }, (_, k) => epochDay(2024, 1, 5) + 7 * k), epochDay(2024, 1, 25)].sort((a, b) => a - b);
  const result = scenario(onDays(W), hold, { initialCash: 1_000_000, cash: { rate: 0.05 } });
  const thursday = W.indexOf(epochDay(2024, 1, 25));

  it('the Thursday row earns 6/7 of a week, the Friday row 1/7: 1 000 000 × 1.05^(2/52) × (1.05^(6/364) − 1) = 806.07, then 134.41 (was a whole week, 940.48, then 1/7 more)', () => {
    expectNear(result.daily.interestReceived[thursday], 806.068162408, 1e-9);
    expectNear(result.daily.interestReceived[thursday + 1], 134.407730958, 1e-9);
  });

  it('ten weeks in all: 1 000 000 × 1.05^(10/52) = 1 009 426.88 (was 1.05^((10 + 1/7)/52): 1 009 562.19)', () => {
    expectNear(result.daily.nav[W.length - 1], 1_009_426.879624773, 1e-9);
  });
});
