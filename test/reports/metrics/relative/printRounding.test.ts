// A benchmark whose printed levels grow at a constant rate up to their rounding is flat: beta on
// its rounding is withheld (r17a findings 4 and 5); one whose returns move by more than its print
// can explain stays measured.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../../reports/metrics/computeMetrics.ts';
import { flatUpToPrint, printTick } from '../../../../reports/metrics/relative/printRounding.ts';

const rescaled = (printed: number[]) => Float64Array.from(printed, (v) => v / printed[0]);

describe('printTick', () => {
  it('reads the tick of a rescaled print from its changes: 100.0000, 100.0200, 100.0400, 100.0601 → 1e-4 / 100 = 1e-6', () => {
    expect(printTick(rescaled([100, 100.02, 100.04, 100.0601]))).toBeCloseTo(1e-6, 12);
  });
  it('is null for levels off any grid (compounded returns) or with one change value', () => {
    expect(printTick(Float64Array.from([1, 1.01, 1.01 * 0.98, 1.01 * 0.98 * 1.013, 1.01 * 0.98 * 1.013 * 1.0071]))).toBeNull();
    expect(printTick(Float64Array.from([1, 1, 1, 1]))).toBeNull();
  });
});

describe('flatUpToPrint', () => {
  it('a constant 2e-4 growth written to 6 decimals is flat: returns within ±1e-6 of 2e-4', () => {
    // 1.0002^i to 6 decimals: changes of 200–201 millionths, tick 1e-6; band b ≈ 0.5e-6·2/1 = 1e-6 and c = 2e-4 fits every row.
    expect(flatUpToPrint(Float64Array.from({ length: 13 }, (_, i) => Math.round(1.0002 ** i * 1e6) / 1e6))).toBeCloseTo(1e-6, 12);
  });
  it('a money-market fund at 1.0000 with one-tick blips is flat (a true level of 1.00005 prints either way)', () => {
    // r = +1e-4 with b = 1.00015e-4, r = −0.99990e-4 with b = 0.99995e-4: c = 0 fits both.
    expect(flatUpToPrint(Float64Array.from([1, 1, 1.0001, 1, 1, 1.0001, 1, 1, 1, 1.0001, 1, 1]))).toBeCloseTo(1e-4, 12);
  });
  it('a 6-decimal series whose growth steps from 2e-4 to 2.05e-4 is measured: 2e-4 + 1e-6 < 2.05e-4 − 1e-6', () => {
    const l = [1];
    for (let i = 0; i < 20; i++) l.push(Math.round(l[l.length - 1] * (1 + (i < 10 ? 2e-4 : 2.05e-4)) * 1e6) / 1e6);
    expect(printTick(Float64Array.from(l))).toBeCloseTo(1e-6, 12);
    expect(flatUpToPrint(Float64Array.from(l))).toBeNull();
  });
  it('a walk of ±1 tick that drifts away from any one growth is measured (probe r18b: 10.00 → 10.48 by cents, correlation 0.80, read flat)', () => {
    // Up a cent on 3 of every 4 rows for 40 rows, then flat for 40: each pair fits the band, the whole is 15 cents off one growth path.
    const l = [10];
    for (let i = 0; i < 80; i++) l.push(Math.round((l[l.length - 1] + (i < 40 && i % 4 !== 3 ? 0.01 : 0)) * 100) / 100);
    expect(printTick(Float64Array.from(l))).toBeCloseTo(0.01, 12);
    expect(flatUpToPrint(Float64Array.from(l))).toBeNull();
  });
  it('a bill index whose every change prints as the same +0.0002 is flat (probe r19c: beta −9,986, alpha 9.3e119)', () => {
    // 1.0002^k to 4 decimals over 20 rows: 1.0000, 1.0002, …, 1.0040 — within 7.6e-6 of one growth path, a tick of 2e-4 at most.
    const l = Float64Array.from({ length: 21 }, (_, k) => Math.round(1.0002 ** k * 1e4) / 1e4);
    expect(new Set(Array.from(l.subarray(1), (v, k) => Math.round((v - l[k]) * 1e4))).size).toBe(1);
    expect(flatUpToPrint(l)).toBeCloseTo(2e-4, 12);
  });
  it('under 10 returns the print is not judged (a real step could pass for the tick)', () => {
    expect(flatUpToPrint(Float64Array.from([1, 1.0002, 1.0004, 1.000605]))).toBeNull();
  });
  it('a quiet index written to 10 decimals whose returns move by 1e-7 is measured', () => {
    // Returns 2e-4, 2.001e-4, 2e-4: band ±1e-10 (tick 1e-10), the spread 1e-7 is real.
    const l = [1];
    for (const r of [2e-4, 2.001e-4, 2e-4, 2.001e-4, 2e-4, 2.001e-4, 2e-4, 2.001e-4, 2e-4, 2.001e-4, 2e-4]) l.push(Math.round(l[l.length - 1] * (1 + r) * 1e10) / 1e10);
    expect(flatUpToPrint(Float64Array.from(l))).toBeNull();
  });
  it('property: any constant growth printed to 2–8 decimals at any scale is flat whenever a tick is read', () => {
    fc.assert(
      fc.property(fc.double({ min: -2e-3, max: 2e-3, noNaN: true }), fc.constantFrom(1, 10, 100, 4000), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 12, max: 80 }), (g, scale, d, n) => {
        const printed = Array.from({ length: n }, (_, i) => Math.round(scale * (1 + g) ** i * 10 ** d) / 10 ** d);
        const levels = rescaled(printed);
        return printTick(levels) === null || flatUpToPrint(levels) !== null;
      }),
    );
  });
});

describe('computeMetrics on a benchmark flat up to its print', () => {
  it('withholds beta, alpha, correlation, Treynor and the captures with the reason (was beta 463, alpha −100 % on 1.0002^i written to 6 decimals; probe r32b: an up capture over one-cent ticks)', () => {
    const printed = Array.from({ length: 61 }, (_, i) => Math.round(1.0002 ** i * 1e6) / 1e6);
    const returns = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) * 0.01);
    const set = computeMetrics({ returns, benchmarkLevels: Float64Array.from(printed), periodsPerYear: 252 });
    for (const name of ['beta', 'alpha', 'correlation', 'r_squared', 'treynor', 'up_capture', 'down_capture']) {
      const m = set.metrics.find((x) => x.name === name);
      expect(m?.value, name).toBeNull();
      expect(m?.note, name).toMatch(/^zero benchmark volatility: its levels grow at a constant rate up to the rounding of their last printed digit \(a tick of 1\.0e-6/);
    }
  });
});

describe('a benchmark flat up to rounding (std ≤ 1e-8 of its level) has no beta, but its rows are all on the side of its constant return (probe r33a; r69a F5)', () => {
  it('5 % a year printed to 8 significant digits: beta withheld; every row up, so up capture and batting up are over all rows, the down ones have none', () => {
    const levels = Float64Array.from({ length: 61 }, (_, i) => Number((91.5 * 1.05 ** (i / 252)).toPrecision(8)));
    const returns = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7) * 0.01);
    const set = computeMetrics({ returns, benchmarkLevels: levels, periodsPerYear: 252 });
    const value = (name: string) => set.metrics.find((m) => m.name === name);
    expect(value('beta')?.value).toBeNull();
    // METRICS.md: annualized r over annualized b on the rows with b > 0 — all 60, each its own count: (Π(1 + r))^(252/60) − 1 over (L60/L0)^(252/60) − 1.
    let g = 1;
    for (const x of returns) g *= 1 + x;
    expect(value('up_capture')).toMatchObject({ value: expect.closeTo((g ** (252 / 60) - 1) / ((levels[60] / levels[0]) ** (252 / 60) - 1), 10), n: 60 });
    expect(value('batting_average_up')).toMatchObject({ value: value('batting_average')?.value, n: 60 });
    for (const name of ['down_capture', 'batting_average_down']) expect(value(name), name).toMatchObject({ value: null, n: 0 });
  });
});
