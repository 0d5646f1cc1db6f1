// The sweep page's histogram of the CSCV logits λ, read from the page's chart payload: its red
// bars (λ ≤ 0) count exactly the combinations PBO counts, and equal logits make one bar at their value.

import { describe, expect, it } from 'vitest';
import { renderSweepPage, type SweepPageData } from '../../reports/html/sweep/sweepPage.ts';
import { payload } from '../reports/html/helpers/pages.ts';

/** A sweep page whose PBO has these logits (PBO = the share ≤ 0, as pbo.ts counts it). */
function page(logits: readonly number[]): SweepPageData {
  const pbo = logits.filter((l) => l <= 0).length / logits.length;
  return {
    title: 'logits',
    dataName: 'sample',
    synthetic: true,
    metric: 'sharpe',
    planned: 2,
    trials: [0, 1].map((tilt) => ({ name: `t[tilt=${tilt}]`, values: { tilt }, metrics: { sharpe: tilt }, dsr: null, period: '2020-01-02 → 2020-12-31', fillsHash: 'ab'.repeat(32), runId: null })),
    failed: [],
    refused: 0,
    best: null,
    pbo: { pbo, probabilityOfLoss: 0, logits: Float64Array.from(logits), isSharpe: new Float64Array(0), oosSharpe: new Float64Array(0), slope: 0, intercept: 0, rSquared: 0, blocks: 4, combinations: logits.length, trials: 2 },
    notes: [],
  };
}

type Bars = { categories: string[]; series: { name: string; values: (number | null)[] }[] };
const bars = (logits: readonly number[]): Bars => payload(renderSweepPage(page(logits))).charts.find((c) => c.id === 'pbo-logits') as unknown as Bars;
const total = (values: readonly (number | null)[]): number => values.reduce<number>((a, v) => a + (v ?? 0), 0);

describe('the λ histogram (probe r72c F3)', () => {
  it('counts λ = 0 red, as PBO does: the red bars add to PBO × combinations', () => {
    // λ −1, 0, 0, 0.5, 1: PBO counts λ ≤ 0, 3 of 5. The old bins started at the least λ (−1) with
    // width 2/24 = 1/12, so λ = 0 fell in bin ⌊(0 + 1)·12⌋ = 12, centred at −1 + 12.5/12 = +0.042,
    // green: red bars 1 for PBO's 3.
    const chart = bars([-1, 0, 0, 0.5, 1]);
    const [red, green] = chart.series;
    expect(red.name).toMatch(/^λ ≤ 0/);
    expect(total(red.values)).toBe(3);
    expect(total(green.values)).toBe(2);
    // 0 is a bin edge: the bar holding λ = 0 is (−1/12, 0], centred at −1/24, labelled to 3 places (the width 0.083 needs them): -0.042, red only.
    const zero = chart.categories.indexOf('-0.042');
    expect([red.values[zero], green.values[zero]]).toEqual([2, null]);
    // No bar is both colours.
    expect(red.values.every((v, b) => v === null || green.values[b] === null)).toBe(true);
  });

  it('any mix of signs: red = #(λ ≤ 0), green = #(λ > 0)', () => {
    // 13 logits from −0.3 to 0.9 in steps of 0.1, and 0 twice more: 4 + 2 = 6 at or below 0.
    const logits = [...Array.from({ length: 13 }, (_, k) => (k - 3) / 10), 0, -0];
    const [red, green] = bars(logits).series;
    expect(total(red.values)).toBe(6);
    expect(total(green.values)).toBe(9);
  });
});

describe('the λ histogram when every λ is equal (probe r72c F4)', () => {
  it('one bar at the value, not 24 bins of width 1 beyond any λ there can be', () => {
    // 6 combinations, each λ = ln 3 = 1.0986 (ω̄ = 3/4): no range, so no width. The old fallback
    // width 1 gave 24 categories 1.60 … 24.60 from the least λ, most of them above ln N, the
    // largest λ N trials allow. Right: one bin, labelled by the value, green (λ > 0), all 6.
    const chart = bars(new Array(6).fill(Math.log(3)));
    expect(chart.categories).toEqual(['1.10']);
    expect(chart.series.map((s) => s.values)).toEqual([[null], [6]]);
  });

  it('equal λ of 0 make one red bar at 0.00', () => {
    // Ties at the median in every combination: PBO counts all 4.
    const chart = bars([0, 0, 0, 0]);
    expect(chart.categories).toEqual(['0.00']);
    expect(chart.series.map((s) => s.values)).toEqual([[4], [null]]);
  });
});
