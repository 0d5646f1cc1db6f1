// A price so large that a position's value leaves binary64's range (Close 1e308 × 100 shares):
// the replay stops with a one-line UserError naming the symbol, the session and the value, never
// a NaN NAV handed on to the metrics and the store.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../data/errors.ts';
import { orders, scenario } from '../../helpers.ts';

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
/** 2^53 − 1 = 9,007,199,254,740,991: Number.MAX_SAFE_INTEGER, written out by hand. */
const BOUND = 'more than 2^53 − 1 = 9,007,199,254,740,991, beyond which whole shares are not exact';

describe('a target that needs more shares than a number counts exactly (r21d den, den2, p305, mix; r22a finding 2)', () => {
  it('names the symbol, session, price and the shares it would need (10,000 / 5e-324 ≈ 2.0e327), never a leverage rejection', () => {
    // 5e-324 is the smallest double, 4.94e-324: log10(10,000 / 4.94e-324) = 4 + 323.306 = 327.306 → 10^0.306 = 2.0.
    const m = { symbols: ['AAA'], closes: [[5e-324], [5e-324], [5e-324]] };
    expectRefusal(() => scenario(m, { 0: { weights: { AAA: 1 } } }, { initialCash: 10_000 }), `AAA on 2024-01-01: a target worth 10,000 at a price of 5e-324 needs 2.0e327 shares, ${BOUND} — ${SMALL}`);
  });

  it('beside a normal symbol: the tiny one is named (BBB was never bought because the whole decision read gross Infinity)', () => {
    const m = { symbols: ['AAA', 'BBB'], closes: [[1e-320, 100], [1e-320, 100]] };
    // 5,000 / 1e-320 (9.99989e-321 as a double) = 5.0e323.
    expectRefusal(() => scenario(m, { 0: { weights: { AAA: 0.5, BBB: 0.5 } } }, { initialCash: 10_000 }), `AAA on 2024-01-01: a target worth 5,000 at a price of 1e-320 needs 5.0e323 shares, ${BOUND} — ${SMALL}`);
  });

  it('rounds the shares to one decimal of the mantissa: 491.6 / 4.94e-324 = 9.95e325 is 1.0e326, not 10.0e325', () => {
    const m = { symbols: ['AAA'], closes: [[5e-324], [5e-324]] };
    expectRefusal(() => scenario(m, { 0: { values: { AAA: 491.6 } } }, { initialCash: 10_000 }), `AAA on 2024-01-01: a target worth 491.6 at a price of 5e-324 needs 1.0e326 shares, ${BOUND} — ${SMALL}`);
  });

  it('a value target: 10,000 at 1e-305 needs 1.0e309 shares (just past 1.8e308)', () => {
    const m = { symbols: ['AAA'], closes: [[1e-305], [1e-305]] };
    expectRefusal(() => scenario(m, { 0: { values: { AAA: 10_000 } } }, { initialCash: 10_000 }), `AAA on 2024-01-01: a target worth 10,000 at a price of 1e-305 needs 1.0e309 shares, ${BOUND} — ${SMALL}`);
  });

  it('a margin target of 15,000 at 1e-304: 1.5e308 shares, finite, refused before its fill at 10 overflows (r22a H2)', () => {
    const m = { symbols: ['BBB'], closes: [[10], [1e-304], [10], [10]] };
    expectRefusal(
      () => scenario(m, { 1: { values: { BBB: 15_000 } } }, { initialCash: 15_000, account: { kind: 'margin', maxGross: 2, maxNet: 1 } }),
      `BBB on 2024-01-02: a target worth 15,000 at a price of 1e-304 needs 1.5e308 shares, ${BOUND} — ${SMALL}`,
    );
  });

  it('a tiny price r21d ran (10,000 at 1e-12: 1e16 shares) is refused now, by design; 1e-11 (1e15 shares) runs', () => {
    const tiny = { symbols: ['AAA'], closes: [[1e-12], [1e-12]] };
    expectRefusal(() => scenario(tiny, { 0: { weights: { AAA: 1 } } }, { initialCash: 10_000 }), `AAA on 2024-01-01: a target worth 10,000 at a price of 1e-12 needs 1.0e16 shares, ${BOUND} — ${SMALL}`);
    const result = scenario({ symbols: ['AAA'], closes: [[1e-11], [1e-11]] }, { 0: { weights: { AAA: 1 } } }, { initialCash: 10_000 });
    expect(result.fills.quantity[0]).toBeCloseTo(1e15, -1);
  });

  it('a share target: 2^53 − 1 shares are sized, 2^53 refused (ask for fewer)', () => {
    const m = { symbols: ['AAA'], closes: [[1e-12], [1e-12]] };
    const result = scenario(m, { 0: { shares: { AAA: 9_007_199_254_740_991 } } }, { initialCash: 1e6 });
    expect(result.fills.quantity[0]).toBe(9_007_199_254_740_991);
    expectRefusal(() => scenario(m, { 0: { shares: { AAA: 9_007_199_254_740_992 } } }, { initialCash: 1e6 }), `AAA on 2024-01-01: a target of 9.0e15 shares at a price of 1e-12, ${BOUND} — ask for fewer shares`);
  });

  it('an explicit order of 1e16 shares is a strategy fault, said in one line', () => {
    const m = { symbols: ['AAA'], closes: [[10], [10]] };
    expect(() => scenario(m, { 0: orders({ symbol: 'AAA', quantity: 1e16 }) }, { initialCash: 1e6 })).toThrow(`the order quantity for AAA is 10000000000000000 shares, ${BOUND}`);
  });

  it('a fill whose value leaves the range (10,000 shares decided at 10, opened at 1e306) is refused at the fill, never a breach of Infinity', () => {
    const m = { symbols: ['AAA'], closes: [[10], [1e306], [1e306]] };
    expectRefusal(
      () => scenario(m, { 0: { shares: { AAA: 10_000 } } }, { initialCash: 1e6, account: { kind: 'margin', maxGross: 2, maxNet: 1 } }),
      `AAA on 2024-01-02: 10000 shares at 1e+306 are worth Infinity, beyond the range of a number (±1.8e308) — ${FIX}`,
    );
  });

  it('a decision whose targets are worth more than a number holds names the largest (10,000 shares at 1e306)', () => {
    const m = { symbols: ['AAA', 'BBB'], closes: [[1e306, 10], [1e306, 10]] };
    expectRefusal(
      () => scenario(m, { 0: { shares: { AAA: 10_000, BBB: 1 } } }, { initialCash: 1e6, account: { kind: 'margin', maxGross: 2, maxNet: 1 } }),
      "on 2024-01-01 the decision's targets are worth more than a number holds, beyond the range of a number (±1.8e308): its largest is AAA, 10000 shares at 1e+306 — ask for a book of finite size, or correct a price this large (a bad print) in the data",
    );
  });

  it('refused exactly when weight × cash / price is more than 2^53 − 1, else never rejected for leverage (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 5e-324, max: 1e-8, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (price, weight) => {
        const m = { symbols: ['AAA'], closes: [[price], [price]] };
        const run = (): unknown => scenario(m, { 0: { weights: { AAA: weight } } }, { initialCash: 10_000 });
        if ((weight * 10_000) / price <= 9_007_199_254_740_991) expect((run() as { breaches: unknown[] }).breaches).toEqual([]);
        else expect(run).toThrow(/^AAA on 2024-01-01: a target worth [\d,.]+ at a price of \S+ needs \d\.\de\d+ shares, more than 2\^53 − 1/);
      }),
      { numRuns: 200, examples: [[5e-324, 0.04915953176120573]] },
    );
  });
});
