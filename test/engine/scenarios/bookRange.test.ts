// A price so large that a position's value leaves binary64's range (Close 1e308 × 100 shares):
// the replay stops with a one-line UserError naming the symbol, the session and the value, never
// a NaN NAV handed on to the metrics and the store.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../data/errors.ts';
import { orders, scenario } from '../helpers.ts';

const FIX = 'a price this large is a bad print: correct it in the data or remove the row';

/** `run` throws a UserError whose message is exactly `message`. */
function expectRefusal(run: () => unknown, message: string): void {
  expect(run).toThrow(UserError);
  expect(run).toThrow(new UserError(message));
}

describe('a book beyond the range of a number', () => {
  it('names the position whose shares × price overflowed, with its session', () => {
    // Sessions are weekdays from 2024-01-01: 100 shares bought at the 01-02 open (100); the 01-03 close is 1e308.
    const m = { symbols: ['AAA'], closes: [[100], [100], [1e308], [100]] };
    expectRefusal(() => scenario(m, { 0: orders({ symbol: 'AAA', quantity: 100 }) }, { initialCash: 100_000 }), `AAA on 2024-01-03: 100 shares at 1e+308 are worth Infinity, beyond the range of a number (±1.8e308) — ${FIX}`);
  });

  it('names the largest position when each is finite but their sum is not', () => {
    // 1 share each of AAA and BBB bought at 100: cash 1000 − 200 = 800; each then worth 1e308, together 2e308 = Infinity.
    const m = { symbols: ['AAA', 'BBB'], closes: [[100, 100], [100, 100], [1e308, 1e308]] };
    expectRefusal(
      () => scenario(m, { 0: orders({ symbol: 'AAA', quantity: 1 }, { symbol: 'BBB', quantity: 1 }) }, { initialCash: 1000 }),
      `on 2024-01-03 the book's value (cash 800, NAV Infinity) is beyond the range of a number (±1.8e308); its largest position is AAA, 1 shares at 1e+308 — ${FIX}`,
    );
  });

  it('a book stays finite or the run is refused: never a NaN or infinite NAV (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1e308, noNaN: true }), { minLength: 2, maxLength: 5 }), fc.integer({ min: 1, max: 1000 }), (closes, quantity) => {
        const m = { symbols: ['AAA'], closes: [[100], ...closes.map((c) => [c])] };
        try {
          const result = scenario(m, { 0: orders({ symbol: 'AAA', quantity }) }, { initialCash: 1e6 });
          for (const nav of result.daily.nav) expect(Number.isFinite(nav)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
          expect((err as Error).message).toMatch(/^AAA on \d{4}-\d{2}-\d{2}: \d+ shares at [\d.e+]+ are worth Infinity, beyond the range of a number/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const SMALL = 'a price this small is a bad print: correct it in the data or remove the row';

describe('a target whose shares are beyond the range of a number (r21d den, den2, p305, mix)', () => {
  it('names the symbol, session, price and the shares it would need (10,000 / 5e-324 ≈ 2.0e327), never a leverage rejection', () => {
    // 5e-324 is the smallest double, 4.94e-324: log10(10,000 / 4.94e-324) = 4 + 323.306 = 327.306 → 10^0.306 = 2.0.
    const m = { symbols: ['AAA'], closes: [[5e-324], [5e-324], [5e-324]] };
    expectRefusal(() => scenario(m, { 0: { weights: { AAA: 1 } } }, { initialCash: 10_000 }), `AAA on 2024-01-01: a target worth 10,000 at a price of 5e-324 needs 2.0e327 shares, beyond the range of a number (±1.8e308) — ${SMALL}`);
  });

  it('beside a normal symbol: the tiny one is named (BBB was never bought because the whole decision read gross Infinity)', () => {
    const m = { symbols: ['AAA', 'BBB'], closes: [[1e-320, 100], [1e-320, 100]] };
    // 5,000 / 1e-320 (9.99989e-321 as a double) = 5.0e323.
    expectRefusal(() => scenario(m, { 0: { weights: { AAA: 0.5, BBB: 0.5 } } }, { initialCash: 10_000 }), `AAA on 2024-01-01: a target worth 5,000 at a price of 1e-320 needs 5.0e323 shares, beyond the range of a number (±1.8e308) — ${SMALL}`);
  });

  it('a value target: 10,000 at 1e-305 needs 1.0e309 shares (just past 1.8e308)', () => {
    const m = { symbols: ['AAA'], closes: [[1e-305], [1e-305]] };
    expectRefusal(() => scenario(m, { 0: { values: { AAA: 10_000 } } }, { initialCash: 10_000 }), `AAA on 2024-01-01: a target worth 10,000 at a price of 1e-305 needs 1.0e309 shares, beyond the range of a number (±1.8e308) — ${SMALL}`);
  });

  it('at 1e-300 the shares are finite (1e304): the run invests, NAV 10,000', () => {
    const m = { symbols: ['AAA'], closes: [[1e-300], [1e-300], [1e-300]] };
    const result = scenario(m, { 0: { weights: { AAA: 1 } } }, { initialCash: 10_000 });
    expect(result.breaches).toEqual([]);
    expect(result.fills.quantity[0] / 1e304).toBeCloseTo(1, 9);
    for (const nav of result.daily.nav) expect(nav).toBeCloseTo(10_000, 6);
  });

  it('refused exactly when weight × cash / price is not finite, else never rejected for leverage (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 5e-324, max: 1e-280, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (price, weight) => {
        const m = { symbols: ['AAA'], closes: [[price], [price]] };
        const run = (): unknown => scenario(m, { 0: { weights: { AAA: weight } } }, { initialCash: 10_000 });
        if (Number.isFinite((weight * 10_000) / price)) expect((run() as { breaches: unknown[] }).breaches).toEqual([]);
        else expect(run).toThrow(/^AAA on 2024-01-01: a target worth [\d,.]+ at a price of \S+ needs \d\.\de3\d\d shares, beyond the range of a number/);
      }),
      { numRuns: 200 },
    );
  });
});
