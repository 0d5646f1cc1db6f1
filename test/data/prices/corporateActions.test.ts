import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveCorporateActions, roundSplitRatio, splitRatioForStep, splitSizedMoves } from '../../../data/prices/series/corporateActions.ts';

/**
 * A hand-made raw series with a known $0.50 dividend (ex-date index 3) and a 2:1 split (index 6),
 * and its AdjClose built the Yahoo way: back-adjusted from the last close.
 */
function series(printDecimals?: number) {
  const days = Int32Array.from({ length: 9 }, (_, k) => 18_000 + k);
  const close = Float64Array.from([50, 51, 52, 51.6, 52, 53, 26.8, 27, 27.5]);
  const steps = new Map<number, number>([
    [3, 1 - 0.5 / close[2]],
    [6, 1 / 2],
  ]);
  const adjClose = new Float64Array(close.length);
  let factor = 1;
  for (let t = close.length - 1; t >= 0; t--) {
    adjClose[t] = close[t] * factor;
    factor *= steps.get(t) ?? 1;
  }
  if (printDecimals !== undefined) adjClose.forEach((v, k) => (adjClose[k] = Number(v.toFixed(printDecimals))));
  return { days, close, adjClose };
}

describe('deriveCorporateActions', () => {
  it('recovers a known dividend and a known split', () => {
    const { days, close, adjClose } = series();
    const actions = deriveCorporateActions(days, close, adjClose);
    expect(actions.splits).toEqual([{ day: days[6], value: 2 }]);
    expect(actions.dividends).toHaveLength(1);
    expect(actions.dividends[0].day).toBe(days[3]);
    expect(actions.dividends[0].value).toBeCloseTo(0.5, 10);
    expect(actions.unexplained).toEqual([]);
  });

  it('still finds them when AdjClose is rounded to 4 decimals, and invents nothing else', () => {
    const { days, close, adjClose } = series(4);
    const actions = deriveCorporateActions(days, close, adjClose);
    expect(actions.splits.map((s) => s.value)).toEqual([2]);
    expect(actions.dividends).toHaveLength(1);
    expect(actions.dividends[0].value).toBeCloseTo(0.5, 3);
  });

  it('a split and a dividend on the same ex-date', () => {
    const days = Int32Array.from([1, 2, 3]);
    const close = Float64Array.from([100, 100, 33]);
    // Ex-date 2: a 3:1 split and a $0.30 (post-split) dividend, i.e. step (1 - 0.3 / (100/3)) / 3.
    const step = (1 - 0.3 / (100 / 3)) / 3;
    const adjClose = Float64Array.from([100 * step, 100 * step, 33]);
    const actions = deriveCorporateActions(days, close, adjClose);
    expect(actions.splits).toEqual([{ day: 3, value: 3 }]);
    expect(actions.dividends[0].value).toBeCloseTo(0.3, 10);
  });

  it('a reverse split (1:10)', () => {
    const days = Int32Array.from([1, 2, 3]);
    const close = Float64Array.from([1.2, 1.1, 11.3]);
    const adjClose = Float64Array.from([12, 11, 11.3]);
    expect(deriveCorporateActions(days, close, adjClose).splits).toEqual([{ day: 3, value: 0.1 }]);
  });

  it('a reverse split of 1:200 (a $0.98 stock consolidated to $194.97)', () => {
    const days = Int32Array.from([1, 2, 3]);
    const close = Float64Array.from([0.9663, 0.9837, 194.97]);
    const adjClose = Float64Array.from([193.26, 196.74, 194.97]); // 200 × Close before day 3: the factor steps (196.74 / 0.9837) / 1 = 200
    const actions = deriveCorporateActions(days, close, adjClose);
    expect(actions.splits).toEqual([{ day: 3, value: 1 / 200 }]);
    expect(actions.unexplained).toEqual([]);
    expect(actions.dividends).toEqual([]);
  });

  it('whole-number splits beyond 100:1 and 1:10,000 are read when Close moved by them (1000:1, 1:20,000)', () => {
    const days = Int32Array.from([1, 2, 3, 4]);
    // 1000:1: the factor steps (5.0 / 5000) / (5.1 / 5.1) = 1/1000 and Close falls 5000 → 5.10.
    const forward = deriveCorporateActions(days, Float64Array.from([5000, 5000, 5.1, 5.2]), Float64Array.from([5, 5, 5.1, 5.2]));
    expect([forward.splits, forward.dividends, forward.large]).toEqual([[{ day: 3, value: 1000 }], [], []]);
    // 1:20,000: (10 / 0.0005) / (10 / 10) = 20,000 and Close rises 0.0005 → 10.
    const reverse = deriveCorporateActions(days, Float64Array.from([0.0005, 0.0005, 10, 10]), Float64Array.from([10, 10, 10, 10]));
    expect([reverse.splits, reverse.unexplained, reverse.unreadSplits]).toEqual([[{ day: 3, value: 1 / 20_000 }], [], []]);
  });

  it('a split-sized rise no ratio explains, with Close jumping by it, is listed apart (not among the small unexplained steps)', () => {
    // Close 10 → 13.7 with AdjClose flat: g = 1.37, q = 0.73 is 2.7% from 3:4, no ratio.
    const actions = deriveCorporateActions(Int32Array.from([1, 2, 3]), Float64Array.from([10, 10, 13.7]), Float64Array.from([13.7, 13.7, 13.7]));
    expect(actions.splits).toEqual([]);
    expect(actions.unexplained).toEqual([]);
    expect(actions.unreadSplits).toHaveLength(1);
    expect(actions.unreadSplits[0].value).toBeCloseTo(1.37, 12);
  });

  it('a split-sized step without the price move is not a split (a split-adjusted Close)', () => {
    const days = Int32Array.from([1, 2, 3]);
    const close = Float64Array.from([10, 10, 10.1]);
    const adjClose = Float64Array.from([5, 5, 10.1]); // the factor halves, the price does not
    const actions = deriveCorporateActions(days, close, adjClose);
    expect(actions.splits).toEqual([]);
    expect(actions.large).toHaveLength(1);
  });

  it('a rising factor is unexplained, not a negative dividend', () => {
    const days = Int32Array.from([1, 2, 3]);
    const close = Float64Array.from([10, 10, 10]);
    const adjClose = Float64Array.from([9.5, 9, 9]);
    const actions = deriveCorporateActions(days, close, adjClose);
    expect(actions.dividends).toEqual([]);
    expect(actions.unexplained.map((u) => u.day)).toEqual([2]);
  });

  it('a rise within print rounding (1e-4) early in a file, before its wobble has shown, is not listed as unexplained', () => {
    // The second row's factor is 2e-6 below the first's: g = 1 + 2e-6 with a causal threshold still at 1e-6.
    const days = Int32Array.from([1, 2, 3]);
    const close = Float64Array.from([10, 10, 10]);
    const adjClose = Float64Array.from([9.00002, 9.00000, 9.00000]);
    const actions = deriveCorporateActions(days, close, adjClose);
    expect(actions.unexplained).toEqual([]);
    expect(actions.dividends).toEqual([]);
  });
});

describe('splitRatioForStep', () => {
  it('takes round ratios, and big splits with a small same-day dividend; refuses the rest', () => {
    expect(splitRatioForStep(3.0004)).toBe(3);
    expect(splitRatioForStep(1.5)).toBe(1.5);
    expect(splitRatioForStep(0.05)).toBe(0.05);
    expect(splitRatioForStep(2 / 0.99)).toBe(2); // 2:1 with a 1% dividend
    expect(splitRatioForStep(1.5 / 0.99)).toBe(1.5); // 3:2 with a 1% dividend
    expect(splitRatioForStep(0.5 / 0.985)).toBe(0.5); // 1:2 with a 1.5% dividend
    expect(splitRatioForStep(1.25 / 0.99)).toBeNaN(); // below 3:2 a dividend on top is not told from a special dividend
    expect(splitRatioForStep(1.2594)).toBeNaN(); // SYX 2018-12-21: a special dividend, 0.75% from 5:4
    expect(splitRatioForStep(2 / 0.9)).toBeNaN(); // a 10% "dividend" on top: not a split
    expect(splitRatioForStep(137)).toBe(137); // whole-number forward splits have no cap (1000:1 happens)
    expect(splitRatioForStep(1000)).toBe(1000);
    expect(splitRatioForStep(137.6)).toBe(137); // 137:1 (n:1 of any size is common) with a 0.44 % same-day dividend, within the 2 % floor
  });

  it('reverse splits beyond 1:100 (penny stocks consolidate by hundreds)', () => {
    for (const old of [150, 200, 250, 1000]) expect(splitRatioForStep(1 / old)).toBe(1 / old);
    expect(roundSplitRatio(0.005)).toBe(1 / 200); // Alpha Vantage split_coefficient of a 1:200
    expect(roundSplitRatio(0.00666667)).toBe(1 / 150);
  });
});

describe('roundSplitRatio', () => {
  it('reads a printed ratio as the round ratio within 0.2% of it, else as printed', () => {
    expect(roundSplitRatio(0.333333)).toBe(1 / 3);
    expect(roundSplitRatio(1.333333)).toBe(4 / 3);
    expect(roundSplitRatio(0.666667)).toBe(2 / 3);
    expect(roundSplitRatio(2)).toBe(2);
    expect(roundSplitRatio(0.37)).toBe(0.37); // 1.3% from 3:8: not a rounding of it
  });
});

describe('a split whose ex-date price also moved', () => {
  const days = Int32Array.from({ length: 4 }, (_, k) => 19_000 + k);
  it('a factor step of exactly 1:10 is a reverse split even when Close moved ×6, and the move is listed', () => {
    const actions = deriveCorporateActions(days, Float64Array.from([2, 2, 2, 12]), Float64Array.from([20, 20, 20, 12]));
    expect(actions.splits).toEqual([{ day: days[3], value: 0.1 }]);
    expect(actions.unexplained).toEqual([]);
    expect(actions.offRatio).toHaveLength(1);
    expect(actions.offRatio[0].value).toBeCloseTo(0.6, 12);
  });
  it('a split whose price moved by its ratio lists no move', () => {
    const actions = deriveCorporateActions(days, Float64Array.from([2, 2, 2, 20]), Float64Array.from([20, 20, 20, 20]));
    expect(actions.splits).toEqual([{ day: days[3], value: 0.1 }]);
    expect(actions.offRatio).toEqual([]);
  });
});

describe('a split whose ex-date is a suspended day (Close repeats; AdjClose already steps)', () => {
  const days = Int32Array.from({ length: 6 }, (_, k) => 19_000 + k);
  it('a 1:10 reverse split is taken on the next row whose Close moves by it', () => {
    // Close 2 on the suspended ex-date (row 3), 20 from row 4; AdjClose = Close × the factor from the ex-date on (1).
    const actions = deriveCorporateActions(days, Float64Array.from([2, 2, 2, 2, 20, 20]), Float64Array.from([20, 20, 20, 2, 20, 20]));
    expect(actions.splits).toEqual([{ day: days[4], value: 0.1 }]);
    expect([actions.dividends, actions.unexplained, actions.unreadSplits]).toEqual([[], [], []]);
  });
  it('a 2:1 split waits through two suspended rows (ex-date row 2, Close first moves on row 4)', () => {
    const actions = deriveCorporateActions(days, Float64Array.from([50, 50, 50, 50, 25.5, 26]), Float64Array.from([25, 25, 50, 50, 25.5, 26]));
    expect(actions.splits).toEqual([{ day: days[4], value: 2 }]);
    expect(actions.dividends).toEqual([]);
  });
  it('a 2:1 with a 0.40 dividend (2.5 % of 16) on a suspended ex-date: both, on the row Close first moves (the dividend was dropped)', () => {
    // AdjClose steps by 0.5 × (1 − 0.4/16) = 0.4875 on row 2, where Close repeats 32; Close moves 32 → 15.6 on row 3.
    const actions = deriveCorporateActions(days.subarray(0, 5), Float64Array.from([32, 32, 32, 15.6, 16]), Float64Array.from([32 * 0.4875, 32 * 0.4875, 32, 15.6, 16]));
    expect(actions.splits).toEqual([{ day: days[3], value: 2 }]);
    expect(actions.dividends.map((d) => [d.day, Number(d.value.toFixed(12))])).toEqual([[days[3], 0.4]]);
  });
  it('a split step on a row suspended to the end of the file is listed, not paid as a 50 % dividend', () => {
    // Close 50 throughout; AdjClose 25 → 50 on row 4 (a 2:1 from the ex-date on), and no row after it trades.
    const actions = deriveCorporateActions(days, Float64Array.from([50, 50, 50, 50, 50, 50]), Float64Array.from([25, 25, 25, 25, 50, 50]));
    expect([actions.splits, actions.dividends]).toEqual([[], []]);
    expect(actions.unexplained).toEqual([{ day: days[4], value: 0.5 }]);
  });
  it('a step the next move does not confirm is read as before: a fall of the factor by half is a 50 % dividend on its own day', () => {
    const actions = deriveCorporateActions(days, Float64Array.from([50, 50, 50, 50, 49, 49]), Float64Array.from([25, 25, 25, 50, 49, 49]));
    expect(actions.splits).toEqual([]);
    expect(actions.dividends).toEqual([{ day: days[3], value: 25 }]);
  });
});

describe('the noise threshold is causal: rows after a step never decide whether it was an event', () => {
  const days = Int32Array.from({ length: 40 }, (_, k) => 19_000 + k);
  const close = new Float64Array(40).fill(100);
  /** AdjClose of a flat Close with one dividend step g on row `at`, back-adjusted, and a wobble of ±`wobble` after row `from`. */
  function adjusted(at: number, g: number, wobble = 0, from = 40): Float64Array {
    return Float64Array.from(close, (c, k) => c * (k < at ? g : 1) * (k > from ? 1 + (k % 2 === 0 ? wobble : -wobble) : 1));
  }

  it('a dividend of 5e-5 of the price on row 5 is paid whether or not the AdjClose wobbles by ±4e-5 after row 15', () => {
    // D = Close × (1 − g) = 100 × 5e-5 = 0.005 a share, in both files.
    for (const adj of [adjusted(5, 1 - 5e-5), adjusted(5, 1 - 5e-5, 4e-5, 15)]) {
      const actions = deriveCorporateActions(days, close, adj);
      expect(actions.dividends.filter((d) => d.day <= days[15]).map((d) => [d.day, Number(d.value.toFixed(12))])).toEqual([[days[5], 0.005]]);
    }
  });

  it('for random events and random later wobbles, the events up to a row are the same (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 38 }),
        fc.double({ min: -6, max: -2, noNaN: true }).map((u) => 10 ** u), // dividend, as a share of the price
        fc.integer({ min: 1, max: 38 }),
        fc.double({ min: -7, max: -3, noNaN: true }).map((v) => 10 ** v), // wobble of the later AdjClose
        (at, size, cut, wobble) => {
          const base = deriveCorporateActions(days, close, adjusted(at, 1 - size));
          const perturbed = deriveCorporateActions(days, close, adjusted(at, 1 - size, wobble, cut));
          const upTo = (a: typeof base) => [a.dividends, a.splits, a.unexplained].map((list) => list.filter((e) => e.day <= days[cut]));
          expect(upTo(perturbed)).toEqual(upTo(base));
        },
      ),
      { seed: 20261129 },
    );
  });
});

describe('the noise threshold covers the print resolution of AdjClose', () => {
  const days = Int32Array.from([1, 2, 3, 4]);
  it('a $0.30 stock whose AdjClose is 0.9 × Close rounded to 4 decimals has no dividends', () => {
    // Day 2: (0.2670 / 0.2967) / (0.2700 / 0.3000) = 0.99989, a "dividend" of 1.1e-4 of the price;
    // half a unit of the 4th decimal over each AdjClose allows 0.00005 × (1/0.2670 + 1/0.2700) = 3.7e-4.
    const actions = deriveCorporateActions(days.subarray(0, 2), Float64Array.from([0.2967, 0.3]), Float64Array.from([0.267, 0.27]));
    expect(actions.dividends).toEqual([]);
  });
  it('a 1% dividend on the same penny stock is still paid', () => {
    // Day 3: (0.2970 / 0.3000) / (0.2970 / 0.2970) = 0.99 → D = 0.30 × 0.01 = 0.003; the rows from day 3
    // on are unadjusted (AdjClose = Close), so only day 2's print rounds: 0.0005 / 0.297 = 1.7e-3.
    const actions = deriveCorporateActions(days, Float64Array.from([0.3, 0.3, 0.297, 0.297]), Float64Array.from([0.297, 0.297, 0.297, 0.297]));
    expect(actions.dividends.map((d) => [d.day, Number(d.value.toFixed(12))])).toEqual([[3, 0.003]]);
  });
  it('no phantom events from rounding a random penny series to 4 decimals (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 500, max: 9_999 }), { minLength: 2, maxLength: 60 }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), (ticks, factor) => {
        const close = Float64Array.from(ticks, (t) => t / 10_000); // $0.05 – $1.00, 4 decimals
        const adjClose = Float64Array.from(close, (c) => Number((c * factor).toFixed(4)));
        fc.pre(adjClose.every((a) => a > 0));
        const actions = deriveCorporateActions(Int32Array.from(ticks, (_, k) => k), close, adjClose);
        expect([actions.dividends, actions.splits, actions.unexplained]).toEqual([[], [], []]);
      }),
      { seed: 20260301 },
    );
  });
});

describe('stated events (vendor columns) against Close vs AdjClose', () => {
  const days = Int32Array.from([1, 2, 3, 4]);
  const none = new Map<number, number>();
  it('a stated dividend that AdjClose reflects: no disagreement, nothing derived', () => {
    // Day 3: (49.5 / 50) / 1 = 0.99 → 50 × 0.01 = 0.50, as stated.
    const actions = deriveCorporateActions(days.subarray(0, 3), Float64Array.from([50, 50, 49.5]), Float64Array.from([49.5, 49.5, 49.5]), { splits: none, dividends: new Map([[3, 0.5]]) });
    expect([actions.dividends, actions.splits, actions.disagreements]).toEqual([[], [], []]);
  });
  it('an AdjClose 5% high for one day where the dividend column says 0: two disagreements, no dividend', () => {
    // Day 2: 1 / (105 / 100) → implies 100 × (1 − 1/1.05) = 4.7619 a share; day 3: 1.05 → implies −5.
    const actions = deriveCorporateActions(days, Float64Array.from([100, 100, 100, 100]), Float64Array.from([100, 105, 100, 100]), { splits: none, dividends: none });
    expect(actions.dividends).toEqual([]);
    expect(actions.disagreements.map((d) => [d.day, d.kind, Number(d.value.toFixed(4)), d.stated])).toEqual([
      [2, 'dividend', 4.7619, 0],
      [3, 'dividend', -5, 0],
    ]);
  });
  it('splits from the column, dividends from the adjustment (a split column and no dividend column)', () => {
    // A stated 2:1 on day 3 and a $1 dividend on day 4 in AdjClose: f = 0.98 before day 4, halved before day 3.
    const close = Float64Array.from([100, 100, 50, 49]);
    const adjClose = Float64Array.from([49, 49, 49, 49]);
    const actions = deriveCorporateActions(days, close, adjClose, { splits: new Map([[3, 2]]), dividends: null });
    expect(actions.splits).toEqual([]); // the column's, not derived
    expect(actions.dividends.map((d) => [d.day, Number(d.value.toFixed(12))])).toEqual([[4, 1]]); // 50 × (1 − 49/50)
    expect(actions.disagreements).toEqual([]);
  });
  it('a stated split that AdjClose is not adjusted for is said so, not read as a dividend of 3 × the price', () => {
    // A stated 1:4 on day 3: Close 5 → 20, and AdjClose the same (not back-adjusted): AdjClose/Close does not step.
    const actions = deriveCorporateActions(days.subarray(0, 3), Float64Array.from([5, 5, 20]), Float64Array.from([5, 5, 20]), { splits: new Map([[3, 0.25]]), dividends: none });
    expect(actions.disagreements).toEqual([{ day: 3, kind: 'unadjusted', value: 0.25, stated: NaN }]);
  });
  it('a split in AdjClose and Close that the split column does not state is taken (both prices show it) and listed as a disagreement, not a 50% dividend', () => {
    const actions = deriveCorporateActions(days.subarray(0, 3), Float64Array.from([100, 100, 50]), Float64Array.from([50, 50, 50]), { splits: none, dividends: null });
    expect([actions.splits, actions.dividends]).toEqual([[{ day: 3, value: 2 }], []]);
    expect(actions.disagreements).toEqual([{ day: 3, kind: 'split', value: 2, stated: NaN }]);
  });
});

describe('splitSizedMoves: a Close that states no corporate actions, moving by a split\'s size in one session', () => {
  const days = Int32Array.from({ length: 5 }, (_, k) => 19_000 + k);
  it('lists a halving (×0.4952, 2.02:1 is 1 % from 2:1) and a ×10 (1:10), not a 40 % fall or a ×1.5', () => {
    const close = Float64Array.from([126.28, 62.53, 37.5, 56.25, 562.5]);
    expect(splitSizedMoves(days, close).map((m) => [m.day, Number(m.value.toFixed(4))])).toEqual([
      [days[1], 0.4952],
      [days[4], 10],
    ]);
  });
});

describe('splits of 5:4 and 4:5 whose printed step lands a hair inside the ratio', () => {
  const days = Int32Array.from({ length: 4 }, (_, k) => 19_000 + k);
  it('5:4 with AdjClose to the cent: 1/g = 1.24992, a split (was a 20 % dividend)', () => {
    const actions = deriveCorporateActions(days, Float64Array.from([36.93, 36.76, 29.5, 29.39]), Float64Array.from([29.54, 29.41, 29.5, 29.39]));
    expect(actions.splits).toEqual([{ day: days[2], value: 1.25 }]);
    expect(actions.dividends).toEqual([]);
  });
  it('4:5 with 1/g = 0.8000000000000002: a split (was an ignored step, a +25 % jump)', () => {
    const actions = deriveCorporateActions(days, Float64Array.from([23.72, 23.76, 29.83, 29.8]), Float64Array.from([29.65, 29.7, 29.83, 29.8]));
    expect(actions.splits).toEqual([{ day: days[2], value: 0.8 }]);
    expect(actions.unexplained).toEqual([]);
  });
});

describe('a split printed to the cent at a few dollars: the prints move its step beyond 0.2 %', () => {
  it('2:1 at $3 (Close 3.03 → 1.52, AdjClose 1.52 flat: ×1.9934): a split, not a 50 % dividend', () => {
    const days = Int32Array.from({ length: 4 }, (_, k) => 19_000 + k);
    const actions = deriveCorporateActions(days, Float64Array.from([3.04, 3.03, 1.52, 1.53]), Float64Array.from([1.52, 1.52, 1.52, 1.53]));
    expect(actions.splits).toEqual([{ day: days[2], value: 2 }]);
    expect(actions.dividends).toEqual([]);
  });
});

describe('a split with a same-day dividend above 2 % (probe r27d: read as a 35–51 % distribution, the shares never split)', () => {
  /** AdjClose back-adjusted the Yahoo way from the last row: each ex-row k multiplies every earlier row by steps[k]. */
  function adjustedBy(close: readonly number[], steps: ReadonlyMap<number, number>): Float64Array {
    const adj = new Float64Array(close.length);
    let factor = 1;
    for (let k = close.length - 1; k >= 0; k--) {
      adj[k] = close[k] * factor;
      factor *= steps.get(k) ?? 1;
    }
    return adj;
  }
  const days = (n: number, spacing = 1) => Int32Array.from({ length: n }, (_, k) => 19_000 + k * spacing);

  it('3:2 with 0.50 on a post-split 21.33 (2.34 %): the split and a 0.50 dividend, listed for checking (r27d s20)', () => {
    // Close 32 → 22; the step g = (2/3)(1 − 0.5 / (32 / 1.5)) = 0.65104…; as one distribution it would be 1 − g = 34.90 %.
    const close = [30, 31, 32, 22, 21, 23];
    const g = (2 / 3) * (1 - 0.5 / (32 / 1.5));
    const actions = deriveCorporateActions(days(6), Float64Array.from(close), adjustedBy(close, new Map([[3, g]])));
    expect(actions.splits).toEqual([{ day: 19_003, value: 1.5 }]);
    expect(actions.dividends.map((d) => [d.day, Number(d.value.toFixed(12))])).toEqual([[19_003, 0.5]]);
    expect(actions.large).toEqual([]);
    expect(actions.splitDividends.map((e) => [e.day, e.ratio, Number(e.dividend.toFixed(6)), Number(e.distribution.toFixed(6))])).toEqual([[19_003, 1.5, 0.023438, 0.348958]]);
  });

  it('2:1 with 0.40 on a post-split 16 (2.5 %): the split and a 0.40 dividend (r27d s22); 1.56 % as before (s21)', () => {
    const close = [30, 31, 32, 16, 15.5, 16.5];
    for (const cash of [0.4, 0.25]) {
      const actions = deriveCorporateActions(days(6), Float64Array.from(close), adjustedBy(close, new Map([[3, 0.5 * (1 - cash / 16)]])));
      expect(actions.splits).toEqual([{ day: 19_003, value: 2 }]);
      expect(actions.dividends.map((d) => Number(d.value.toFixed(12)))).toEqual([cash]);
      expect(actions.splitDividends).toHaveLength(cash / 16 > 0.02 ? 1 : 0);
    }
  });

  it('1:4 reverse with 0.60 on a post-split 20 (3 %): the reverse split and a 0.60 dividend', () => {
    // Close 5 → 19.4 = 20 − 0.6; g = 4 × (1 − 0.6 / 20) = 3.88.
    const close = [5, 5, 5, 19.4, 19.5];
    const actions = deriveCorporateActions(days(5), Float64Array.from(close), adjustedBy(close, new Map([[3, 4 * (1 - 0.6 / 20)]])));
    expect(actions.splits).toEqual([{ day: 19_003, value: 0.25 }]);
    expect(actions.dividends.map((d) => Number(d.value.toFixed(12)))).toEqual([0.6]);
  });

  it("with a record of 0.2 % dividends, a 3:2-and-3.04 % step is one 35.4 % distribution (ALEX 2017-11-28 in ../shared/data)", () => {
    // Quarterly dividends of 0.2 % of 45 (0.09) on rows 2 and 5, then the step 1/1.5471 on row 8 where Close falls 45.02 → 28.74.
    const close = [45, 45, 45, 45, 45, 45, 45, 45.02, 28.74, 29.11];
    const g = 1 / 1.5471;
    const actions = deriveCorporateActions(days(10), Float64Array.from(close), adjustedBy(close, new Map([[2, 1 - 0.002], [5, 1 - 0.002], [8, g]])));
    expect(actions.splits).toEqual([]);
    expect(actions.dividends.map((d) => Number(d.value.toFixed(6)))).toEqual([0.09, 0.09, Number((45.02 * (1 - g)).toFixed(6))]);
    expect(actions.large.map((e) => Number(e.value.toFixed(4)))).toEqual([0.3536]);
  });

  it('a record of 2.5 % quarterly dividends lets a split carry up to 1.5 × 2.5 % = 3.75 %: 3 % is a split, 4 % a distribution', () => {
    const close = [40, 40, 40, 40, 20, 20];
    for (const [d, split] of [[0.03, true], [0.04, false]] as const) {
      const actions = deriveCorporateActions(days(6), Float64Array.from(close), adjustedBy(close, new Map([[2, 1 - 0.025], [4, 0.5 * (1 - d)]])));
      expect(actions.splits.length).toBe(split ? 1 : 0);
    }
  });

  it('a special dividend in the record does not stretch the bound: NLOK 2020-02-03, $12 on 28.42 after an 18 % special, stays one distribution (not 5:3 with 3.7 %)', () => {
    // Row 2: an 18 % special (Close 20 → 16.4); rows 4, 6: 0.4 % regulars; row 8: $12 on 28.42 (42.2 %), Close 28.42 → 17.15
    // (×0.6034, within 0.6 % of 5:3's 0.6). With the special in the record the bound would be 1.5 × 18 % and 5:3 with 3.7 % would pass.
    const close = [20, 20, 16.4, 16.4, 16.4, 16.4, 28.42, 28.42, 17.15, 17.15];
    const actions = deriveCorporateActions(days(10), Float64Array.from(close), adjustedBy(close, new Map([[2, 0.82], [4, 0.996], [6, 0.996], [8, 1 - 12 / 28.42]])));
    expect(actions.splits).toEqual([]);
    expect(actions.dividends.map((d) => Number(d.value.toFixed(9))).at(-1)).toBe(12);
  });

  it('a rare ratio the step matches yields to a common one with a plausible dividend (probe r33a: 1:30 with 1 % read as 3:89, 0.11 % off)', () => {
    // q = (1/30) / (1 − 0.01) = 1/29.7; 3:89 = 1/29.667 is within 0.2 % of it, 1:30 leaves the 1 % dividend.
    expect(splitRatioForStep(1 / 29.7)).toBeCloseTo(1 / 30, 15);
    // An exact common ratio still wins at once, and a step no common ratio explains keeps its exact rare match.
    expect(splitRatioForStep(1 / 30)).toBeCloseTo(1 / 30, 15);
    expect(splitRatioForStep(5 / 4)).toBeCloseTo(5 / 4, 15);
  });

  it('n:1 and 1:n of any size carry a same-day dividend (probe r32a: 1:20 with 2 % and 20:1 with 0.5 % were an unread split and a 95 % distribution)', () => {
    // A non-payer with over a year of file (the 2 % floor; a reverse split's remainder up to 7.5 %).
    for (const [ratio, d, after] of [[1 / 20, 0.02, 1_952.8], [20, 0.005, 4.98]] as const) {
      const close = [...new Array<number>(60).fill(100), after, after];
      const actions = deriveCorporateActions(days(62, 7), Float64Array.from(close), adjustedBy(close, new Map([[60, (1 - d) / ratio]])));
      expect(actions.splits.map((x) => x.value), `ratio ${ratio}`).toEqual([ratio]);
      // The dividend: d of the post-split price, 100 / ratio.
      expect(actions.dividends.at(-1)?.value).toBeCloseTo((d * 100) / ratio, 9);
    }
  });

  it('a step beyond a rare ratio is no split with a dividend: RENN 2018-06-22, $27.564 on 30.33 (×10.965 of AdjClose/Close; 43:4 with 1.96 %) stays one distribution', () => {
    const close = [...new Array<number>(60).fill(30.33), 7.08, 7.32];
    const actions = deriveCorporateActions(days(62, 7), Float64Array.from(close), adjustedBy(close, new Map([[60, 1 - 27.564 / 30.33]])));
    expect(actions.splits).toEqual([]);
    expect(actions.dividends.map((d) => Number(d.value.toFixed(6)))).toEqual([27.564]);
  });

  it('a non-payer (a year of file with no dividend) keeps the 2 % floor: 2:1 with 2.5 % is one 51.25 % distribution', () => {
    // Rows a week apart: 60 rows span 413 days before the step on row 60.
    const close = [...new Array<number>(60).fill(32), 16, 16.5];
    const actions = deriveCorporateActions(days(62, 7), Float64Array.from(close), adjustedBy(close, new Map([[60, 0.5 * (1 - 0.4 / 16)]])));
    expect(actions.splits).toEqual([]);
    expect(actions.dividends.map((d) => Number(d.value.toFixed(12)))).toEqual([Number((32 * (1 - 0.4875)).toFixed(12))]);
  });

  it('a dividend column stating the cash that day: the split and its stated dividend, no disagreement', () => {
    // Tiingo's layout (divCash, no split column read): 2:1 with a stated 0.40 on a post-split 16, after a year of no dividends.
    const close = [...new Array<number>(60).fill(32), 16, 16.5];
    const ex = 19_000 + 60 * 7;
    const actions = deriveCorporateActions(days(62, 7), Float64Array.from(close), adjustedBy(close, new Map([[60, 0.5 * (1 - 0.4 / 16)]])), { splits: null, dividends: new Map([[ex, 0.4]]) });
    expect(actions.splits).toEqual([{ day: ex, value: 2 }]);
    expect(actions.disagreements).toEqual([]);
  });

  it('any 3:2, 2:1, 3:1, 1:2, 1:3 or 1:4 split with a dividend of 0.5–2.8 % in a short file is read back as that split and cash (property; whole prices before, so the rounding of the prints stays below the dividend)', () => {
    fc.assert(
      fc.property(fc.constantFrom(1.5, 2, 3, 0.5, 1 / 3, 0.25), fc.double({ min: 0.005, max: 0.028, noNaN: true }), fc.integer({ min: 5, max: 200 }), (ratio, d, price) => {
        // Close falls by the split and the dividend: price → price / ratio × (1 − d); cash = d × price / ratio.
        const after = (price / ratio) * (1 - d);
        const close = [price, price, after, after];
        const actions = deriveCorporateActions(days(4), Float64Array.from(close), adjustedBy(close, new Map([[2, (1 - d) / ratio]])));
        expect(actions.splits).toEqual([{ day: 19_002, value: ratio }]);
        expect(actions.dividends).toHaveLength(1);
        expect(actions.dividends[0].value).toBeCloseTo((d * price) / ratio, 9);
      }),
      { seed: 20261130 },
    );
  });
});

describe('a split with a same-day dividend the 5 % window or the record used to drop (probe r30a findings 1, 2 and 5)', () => {
  it('a reverse split keeps its dividend whatever the record: 1:4 with 3 % and 6 % (q = 0.25 / 0.97, 0.25 / 0.94)', () => {
    expect(splitRatioForStep(0.25 / 0.97, 0, 0.02)).toBe(0.25);
    expect(splitRatioForStep(0.25 / 0.94, 0, 0.02)).toBe(0.25);
  });

  it('a forward split takes a dividend up to the record bound past 5 %: 2:1 and 3:2 with 6 % under a 7.5 % bound, not under 5 %', () => {
    expect(splitRatioForStep(2 / 0.94, 0, 0.075)).toBe(2);
    expect(splitRatioForStep(1.5 / 0.94, 0, 0.075)).toBe(1.5); // not 5:3, which is nearer but above q
    expect(splitRatioForStep(2 / 0.94, 0, 0.05)).toBeNaN();
  });

  it('a non-payer with over a year of file: 1:4 with a 3 % dividend, Close 100 → 387.30, AdjClose/Close ×3.88: split, and 400 × 3 % = 12.00 a new share', () => {
    const actions = deriveCorporateActions(Int32Array.from([1, 400, 401]), Float64Array.from([100, 100, 387.3]), Float64Array.from([388, 388, 387.3]));
    expect(actions.splits).toEqual([{ day: 401, value: 0.25 }]);
    expect(actions.dividends).toHaveLength(1);
    expect(actions.dividends[0].value).toBeCloseTo(12, 9);
    expect([actions.unreadSplits, actions.large]).toEqual([[], []]);
    // No distribution reading for a rising step.
    expect(actions.splitDividends.map((e) => [e.ratio, Number(e.dividend.toFixed(6)), e.distribution])).toEqual([[0.25, 0.03, NaN]]);
  });

  it('a property: a 1:2, 1:4, 2:1, 3:1 or 3:2 split with a same-day dividend of 0–4.5 % reads back its ratio', () => {
    fc.assert(
      fc.property(fc.constantFrom(0.5, 0.25, 2, 3, 1.5), fc.double({ min: 0, max: 0.045, noNaN: true }), (ratio, d) => {
        expect(splitRatioForStep(ratio / (1 - d), 0, 0.075)).toBe(ratio);
      }),
    );
  });
});

describe('a split whose same-day dividend lies within the print rounding of one Close (probe r71a F1: the dividend was dropped)', () => {
  const days = Int32Array.from({ length: 6 }, (_, k) => 19_000 + k);
  // Closes printed to a tenth (3.2 ± 0.05 is 1.56 %), AdjClose to 6 decimals: a 1:10 reverse split on row 3 with a
  // $0.50 dividend a new share. AdjClose before it is Close × 10 × (1 − 0.5 / 32) = Close × 9.84375, exactly.
  const close = Float64Array.from([3, 3.1, 3.2, 31.5, 30, 30]);
  const adjClose = Float64Array.from([29.53125, 30.515625, 31.5, 31.5, 30, 30]);

  it('where AdjClose/Close stays put between different Closes (they are exact), the 1:10 split and a 0.50 dividend', () => {
    const actions = deriveCorporateActions(days, close, adjClose);
    expect(actions.splits).toEqual([{ day: 19_003, value: 0.1 }]);
    // 32 × (1 − 0.984375) = 0.50 a new share (the post-split previous close 3.2 × 10 = 32).
    expect(actions.dividends.map((d) => [d.day, Number(d.value.toFixed(12))])).toEqual([[19_003, 0.5]]);
    expect(actions.unexplained).toEqual([]);
  });

  it('where the Closes show their rounding (AdjClose/Close rises by it between rows), the step within it is the bare split', () => {
    // AdjClose built from an unrounded first Close 3.24 (printed 3.2): AdjClose/Close rises 1.25 % on row 1, within the prints' 3.2 %.
    const printed = Float64Array.from([3.2, 3.1, 3.2, 31.5, 30, 30]);
    const rounded = Float64Array.from([3.24 * 9.84375, 3.1 * 9.84375, 31.5, 31.5, 30, 30]);
    const actions = deriveCorporateActions(days, printed, rounded);
    expect(actions.splits).toEqual([{ day: 19_003, value: 0.1 }]);
    expect(actions.dividends).toEqual([]);
  });
});

describe('a step a split below 3:2 with a small same-day dividend reads alike (probe r71a F2: a 21 % distribution, said only as above 10 %)', () => {
  const days = Int32Array.from({ length: 6 }, (_, k) => 19_000 + k);
  // 5:4 with $0.40 a new share on row 3: AdjClose/Close steps by 0.8 × (1 − 0.4 / 33.6) = 0.790476; Close 42 → 33.6.
  const close = Float64Array.from([40, 41, 42, 33.6, 34, 34]);
  const g = 0.8 * (1 - 0.4 / 33.6);
  const adjClose = Float64Array.from([40 * g, 41 * g, 42 * g, 33.6, 34, 34]);

  it('is read as one distribution (42 × (1 − g) = 8.80) and listed with its 5:4 reading (0.40 / 33.6 = 1.19 %)', () => {
    const actions = deriveCorporateActions(days, close, adjClose);
    expect(actions.splits).toEqual([]);
    expect(actions.dividends.map((d) => Number(d.value.toFixed(9)))).toEqual([8.8]);
    expect(actions.smallSplitReadings.map((e) => [e.day, e.ratio, Number(e.dividend.toFixed(6)), Number(e.distribution.toFixed(6))])).toEqual([[19_003, 1.25, Number((0.4 / 33.6).toFixed(6)), Number((1 - g).toFixed(6))]]);
  });

  it('is not listed where a split column states no split that day (the column settles it), nor where Close did not move like the split', () => {
    expect(deriveCorporateActions(days, close, adjClose, { splits: new Map(), dividends: null }).smallSplitReadings).toEqual([]);
    // Close flat at 42 on row 3 while AdjClose/Close steps: no split moved the price.
    const flat = Float64Array.from([40, 41, 42, 42, 42, 42]);
    expect(deriveCorporateActions(days, flat, Float64Array.from([40 * g, 41 * g, 42 * g, 42, 42, 42])).smallSplitReadings).toEqual([]);
  });
});
