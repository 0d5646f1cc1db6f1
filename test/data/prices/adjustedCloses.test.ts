// Total-return closes through splits and dividends (data/adjustedCloses.ts), as `metrics --prices`
// and the engine's back-adjusted history (engine/market/adjustment.ts) read them: hand-computed cases and
// a property against an independent forward simulation of a holding.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustedCloses } from '../../../data/adjustedCloses.ts';
import { buildAdjustmentIndex } from '../../../data/adjustedCloses.ts';
import { adjustedClosesAsOf } from '../../../engine/market/adjustment.ts';
import { fixtureMarket } from '../../engine/fixtures.ts';
import { expectColumn, expectNear } from '../../engine/helpers.ts';

describe('adjusted closes', () => {
  it('a dividend on a reverse split\'s ex-date is per new share: 2.00 → 1:10 and 0.20 cash → 19.80 is no return', () => {
    // One old share at 2.00 becomes 0.1 new share at 19.80 plus 0.1 × 0.20 cash = 2.00.
    // Factor = 10 × (1 − 0.20 / (2.00 / 0.1)) = 9.9, so 2.00 reads as 19.80.
    const market = fixtureMarket({ symbols: ['RSD'], closes: [[2], [2], [19.8], [19.8]], splits: [{ session: 2, symbol: 0, value: 0.1 }], dividends: [{ session: 2, symbol: 0, value: 0.2 }] });
    expectColumn(adjustedCloses(market, 0), [19.8, 19.8, 19.8, 19.8], 1e-12);
    const index = buildAdjustmentIndex(market);
    expectNear(index.priceFactor[0], 9.9, 1e-12, 'factor');
    expectNear(index.splitRatio[0], 0.1, 1e-15, 'ratio');
    expectColumn(adjustedClosesAsOf(market, index, 0, 3, 4, new Float64Array(4)), [19.8, 19.8, 19.8, 19.8], 1e-12);
  });

  it('a forward split with a dividend: 100 → 2:1 and 1.00 a new share → 49, a factor of 0.5 × (1 − 1/50)', () => {
    const market = fixtureMarket({ symbols: ['F'], closes: [[100], [49]], splits: [{ session: 1, symbol: 0, value: 2 }], dividends: [{ session: 1, symbol: 0, value: 1 }] });
    expectColumn(adjustedCloses(market, 0), [49, 49], 1e-12);
  });

  it('the previous close is the symbol\'s own last bar: a missing bar before a dividend leaves the history intact', () => {
    // DIV: 90, 110, (no bar), 99 with 1.10 paid on the third session: factor 1 − 1.10/110 = 0.99.
    const nan = NaN;
    const market = fixtureMarket({ symbols: ['AAA', 'DIV'], closes: [[50, 90], [51, 110], [52, nan], [53, 99], [54, 103]], dividends: [{ session: 3, symbol: 1, value: 1.1 }] });
    const adjusted = adjustedCloses(market, 1);
    expectColumn([adjusted[0], adjusted[1], adjusted[3], adjusted[4]], [89.1, 108.9, 99, 103], 1e-12);
    expect(adjusted[2]).toBeNaN();
    expectNear(adjusted[4] / adjusted[0] - 1, 103 / 89.1 - 1, 1e-12, 'total return');
    const bars = adjustedClosesAsOf(market, buildAdjustmentIndex(market), 1, 4, 4, new Float64Array(4), 0);
    expectColumn(bars, [89.1, 108.9, 99, 103], 1e-12);
  });

  it('a split on a session without a bar puts the next dividend in the split\'s units', () => {
    // 100, (no bar; 2:1 split), 0.5 paid next session, close 49.5: previous close 100 / 2 = 50, factor 0.5 × 0.99.
    const market = fixtureMarket({ symbols: ['S'], closes: [[100], [NaN], [49.5]], splits: [{ session: 1, symbol: 0, value: 2 }], dividends: [{ session: 2, symbol: 0, value: 0.5 }] });
    expectNear(adjustedCloses(market, 0)[0], 49.5, 1e-12, 'first close');
  });

  it('matches a holding that reinvests each dividend at the ex-date price P/q − D (random series, events and missing bars)', () => {
    const series = fc.record({
      closes: fc.array(fc.option(fc.double({ min: 1, max: 500, noNaN: true }), { nil: undefined, freq: 4 }), { minLength: 2, maxLength: 30 }),
      events: fc.array(fc.record({ at: fc.nat(), split: fc.constantFrom(1, 2, 3, 0.5, 0.1, 1.5), yieldOf: fc.constantFrom(0, 0, 0.01, 0.05, 0.3) }), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(series, ({ closes, events }) => {
        const T = closes.length;
        const close = closes.map((c) => c ?? NaN);
        const splits = new Map<number, number>();
        const cash = new Map<number, number>();
        for (const e of events) {
          const s = 1 + (e.at % (T - 1));
          if (e.split !== 1) splits.set(s, (splits.get(s) ?? 1) * e.split);
          if (e.yieldOf > 0) cash.set(s, (cash.get(s) ?? 0) + e.yieldOf);
        }
        const market = fixtureMarket({
          symbols: ['X'],
          closes: close.map((c) => [c]),
          splits: [...splits].map(([session, value]) => ({ session, symbol: 0, value })),
          dividends: [...cash].map(([session, value]) => ({ session, symbol: 0, value })),
        });
        // Forward: one share; a split multiplies it and divides the last close into new-share
        // units; a dividend D is reinvested at that last close less D.
        let shares = 1;
        let last = NaN;
        const value: number[] = [];
        for (let t = 0; t < T; t++) {
          const q = splits.get(t) ?? 1;
          shares *= q;
          last /= q;
          const d = cash.get(t) ?? 0;
          fc.pre(!(d >= last)); // a dividend of the whole price is not data
          if (d > 0 && last > 0) shares *= last / (last - d);
          if (!Number.isNaN(close[t])) last = close[t];
          value.push(shares * close[t]);
        }
        const adjusted = adjustedCloses(market, 0);
        const index = buildAdjustmentIndex(market);
        const asOf = adjustedClosesAsOf(market, index, 0, T - 1, T, new Float64Array(T));
        const first = close.findIndex((c) => !Number.isNaN(c));
        for (let t = first + 1; t < T; t++) {
          if (Number.isNaN(close[t])) continue;
          expectNear(adjusted[t] / adjusted[first], value[t] / value[first], 1e-9, `adjusted return to ${t}`);
          expectNear(asOf[t] / asOf[first], value[t] / value[first], 1e-9, `engine's adjusted return to ${t}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
