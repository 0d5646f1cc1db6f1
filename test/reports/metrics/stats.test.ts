import { describe, expect, it } from 'vitest';
import { erf } from 'mathjs';
import { dayParts, epochDay } from '../../../data/dates.ts';
import { centralMoments, isFlat, isRoundingNoise, nonNaNCount, mean, normCdf, normInv, percentileSorted, sampleStd, sortedNonNaN } from '../../../reports/metrics/stats.ts';
import { monthIndex } from '../../../reports/metrics/periods.ts';

describe('mean and sample std', () => {
  it('hand values, NaN skipped', () => {
    const x = [0.1, -0.05, NaN, 0.02, -0.03];
    expect(nonNaNCount(x)).toBe(4);
    // (0.10 − 0.05 + 0.02 − 0.03) / 4 = 0.01
    expect(mean(x)).toBeCloseTo(0.01, 15);
    // deviations 0.09, −0.06, 0.01, −0.04; squares sum 0.0134; ddof 1 → /3
    expect(sampleStd(x)).toBeCloseTo(Math.sqrt(0.0134 / 3), 15);
  });

  it('ranges [start, end) work without slicing', () => {
    const x = [100, 1, 2, 3, -100];
    expect(mean(x, 1, 4)).toBe(2);
    expect(sampleStd(x, 1, 4)).toBe(1); // deviations −1, 0, 1 → 2/2
  });

  it('fewer than two values: NaN; constant: exactly 0 despite a rounded mean', () => {
    expect(Number.isNaN(mean([]))).toBe(true);
    expect(Number.isNaN(sampleStd([0.5]))).toBe(true);
    // 0.1·3/3 is not 0.1 in binary, so a naive two-pass std would be ~1e-17, not 0.
    expect(sampleStd([0.1, 0.1, 0.1])).toBe(0);
  });

  it('central moments divide by n', () => {
    // x = −0.02, 0, 0.02: m2 = 0.0008/3, m3 = 0, m4 = 3.2e-7/3
    const m = centralMoments([-0.02, 0, 0.02]);
    expect(m.m2).toBeCloseTo(0.0008 / 3, 18);
    expect(m.m3).toBeCloseTo(0, 18);
    expect(m.m4).toBeCloseTo(3.2e-7 / 3, 20);
  });
});

describe('percentile, Hyndman–Fan type 7', () => {
  const sorted = [-0.04, -0.02, -0.01, 0, 0.01, 0.02, 0.03, 0.05];
  it('interpolates at q/100·(n−1)', () => {
    expect(percentileSorted(sorted, 5)).toBeCloseTo(-0.04 + 0.35 * 0.02, 15); // pos 0.35
    expect(percentileSorted(sorted, 95)).toBeCloseTo(0.03 + 0.65 * 0.02, 15); // pos 6.65
    expect(percentileSorted(sorted, 50)).toBeCloseTo(0.005, 15); // pos 3.5
    expect(percentileSorted(sorted, 0)).toBe(-0.04);
    expect(percentileSorted(sorted, 100)).toBe(0.05);
  });

  it('sortedNonNaN drops NaN and sorts numerically', () => {
    expect(Array.from(sortedNonNaN([0.3, NaN, -1, 10, 2]))).toEqual([-1, 0.3, 2, 10]);
  });
});

describe('normal distribution', () => {
  const phi = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2));
  it('Φ matches mathjs erf and known values', () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    for (let z = -6; z <= 6; z += 0.37) expect(Math.abs(normCdf(z) - phi(z))).toBeLessThan(1e-15);
  });

  it('Φ⁻¹ hits published quantiles and inverts Φ', () => {
    expect(normInv(0.05)).toBeCloseTo(-1.6448536269514722, 13);
    expect(normInv(0.01)).toBeCloseTo(-2.3263478740408408, 13);
    expect(normInv(0.9)).toBeCloseTo(1.2815515655446004, 13);
    expect(normInv(0.5)).toBe(0);
    // erf-based Φ cancels in the far left tail, so compare absolutely there and relatively inside.
    for (const p of [0.01, 0.02, 0.03, 0.3, 0.7, 0.97, 0.99]) expect(Math.abs(phi(normInv(p)) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-13);
    for (const p of [1e-12, 1e-6, 1 - 1e-9]) expect(Math.abs(phi(normInv(p)) - p)).toBeLessThan(1e-16);
    expect(normInv(1e-12)).toBeCloseTo(-7.034484, 6); // R: qnorm(1e-12)
    expect(normInv(0)).toBe(-Infinity);
    expect(Number.isNaN(normInv(1.5))).toBe(true);
  });
});

describe('monthIndex (integer civil calendar)', () => {
  it('agrees with Date-based dayParts from 1900 to 2100', () => {
    for (let d = epochDay(1900, 1, 1); d <= epochDay(2100, 12, 31); d++) {
      const p = dayParts(d);
      if (monthIndex(d) !== p.year * 12 + p.month - 1) throw new Error(`day ${d}: ${monthIndex(d)} vs ${p.year}-${p.month}`);
    }
    expect(monthIndex(epochDay(2024, 2, 29))).toBe(2024 * 12 + 1);
  });
});

describe('isRoundingNoise / isFlat: returns constant up to the rounding of their levels (r16b finding 6)', () => {
  it('the floor is 1e-8 of the level |1 + mean|: mean 0.02 → 1.02e-8', () => {
    expect(isRoundingNoise(1.0e-8, 0.02)).toBe(true);
    expect(isRoundingNoise(1.1e-8, 0.02)).toBe(false);
    // Relative to the level, not the mean return: a mean of 0 still has a floor of 1e-8.
    expect(isRoundingNoise(0.9e-8, 0)).toBe(true);
  });

  it('isFlat: [0.02 ± 5e-9] is flat (std 5e-9 · √(4 / 3) = 5.8e-9); [0.02 ± 5e-8] is not; one value is not', () => {
    expect(isFlat([0.02 + 5e-9, 0.02 - 5e-9, 0.02 + 5e-9, 0.02 - 5e-9])).toBe(true);
    expect(isFlat([0.02 + 5e-8, 0.02 - 5e-8, 0.02 + 5e-8, 0.02 - 5e-8])).toBe(false);
    expect(isFlat([0.02])).toBe(false);
  });
});
