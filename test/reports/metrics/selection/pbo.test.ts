import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../../data/random.ts';
import { lineFit, probabilityOfBacktestOverfitting } from '../../../../reports/metrics/selection/pbo.ts';

/** N trials of T iid normal returns (σ 1 %), the first with a daily drift `skill`. */
function trials(seed: number, N: number, T: number, skill = 0): Float64Array[] {
  const random = new Random(seed, 'pbo-test');
  return Array.from({ length: N }, (_, j) => Float64Array.from({ length: T }, () => 0.01 * random.normal() + (j === 0 ? skill : 0)));
}

describe('probability of backtest overfitting (CSCV)', () => {
  it('is about one half on trials of pure noise', () => {
    // One noise sample's PBO wanders (its combinations share blocks); the mean over seeds does not.
    const values = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => probabilityOfBacktestOverfitting({ returns: trials(seed, 30, 1600), blocks: 10 }).pbo);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.4);
    expect(mean).toBeLessThan(0.6);
  });

  it('is about zero when one trial has planted skill', () => {
    // Drift 0.3 % a day against σ 1 %: a per-period Sharpe of 0.3, far above any noise trial's.
    const result = probabilityOfBacktestOverfitting({ returns: trials(11, 30, 1600, 0.003) });
    expect(result.pbo).toBeLessThan(0.02);
    expect(result.probabilityOfLoss).toBe(0);
    expect(result.combinations).toBe(12870); // C(16, 8)
    expect(result.rowsPerBlock).toBe(100);
  });

  it('counts a combination by the logit of the chosen trial\'s out-of-sample rank', () => {
    // S = 2: one combination each way. Trial a wins block 0, trial b wins block 1, each loses the other.
    const a = [0.02, 0.03, 0.025, -0.01, -0.02, -0.015];
    const b = [-0.01, -0.02, -0.012, 0.02, 0.03, 0.028];
    const result = probabilityOfBacktestOverfitting({ returns: [a, b], blocks: 2 });
    expect(result.combinations).toBe(2);
    // The IS best ranks 1 of 2 out of sample: ω̄ = 1/3, λ = ln(0.5) < 0 both times.
    for (const lambda of result.logits) expect(lambda).toBeCloseTo(Math.log(0.5), 14);
    expect(result.pbo).toBe(1);
    expect(result.probabilityOfLoss).toBe(1);
  });

  it('scores rows that do not move by the sign of their mean: cash at the risk-free rate is Sharpe 0, not a loss (probe r46c F2)', () => {
    // S = 2, three rows a block, excess returns. F: block 0 [.01, .02, .03] (Sharpe .02/.01 = 2), block 1
    // in cash at rf: [0, 0, 0], Sharpe 0. G: block 0 [.01, −.01, 0] (Sharpe 0), block 1 [−.01, .01, −.03]
    // (mean −.01, std .02: Sharpe −.5). J = {0} picks F (2 > 0), above G out of sample (0 > −.5): ω̄ = 2/3,
    // λ = ln 2 > 0, no loss (0 is not < 0). J = {1} picks F (0 > −.5), above G on block 0 (2 > 0): λ = ln 2.
    // PBO 0, P(loss) 0 — the old −∞ for F's flat block made both 1 and 0.5.
    const f = [0.01, 0.02, 0.03, 0, 0, 0];
    const g = [0.01, -0.01, 0, -0.01, 0.01, -0.03];
    const result = probabilityOfBacktestOverfitting({ returns: [f, g], blocks: 2 });
    expect(Array.from(result.oosSharpe)).toEqual([0, expect.closeTo(2, 12)]);
    for (const lambda of result.logits) expect(lambda).toBeCloseTo(Math.log(2), 14);
    expect([result.pbo, result.probabilityOfLoss]).toEqual([0, 0]);
  });

  it('property: a trial whose excess return is one constant v is +∞ (v > 0) or −∞ (v < 0) in every combination, whatever the float rounding', () => {
    // Σx² − c·mean² of a constant rounds to either sign (a cash accrual of 1.9e-4 over 336 rows read −∞ or
    // 8.6e7 by the value's last bits): v > 0 must be the in-sample best everywhere, never lose, never be overfit.
    const noise = trials(5, 1, 64)[0];
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.01, noNaN: true }), fc.boolean(), (v, positive) => {
        const constant = new Float64Array(64).fill(positive ? v : -v);
        const result = probabilityOfBacktestOverfitting({ returns: [noise, constant], blocks: 4 });
        if (positive) {
          expect(Array.from(result.isSharpe).every((x) => x === Infinity)).toBe(true);
          expect([result.pbo, result.probabilityOfLoss]).toEqual([0, 0]);
        } else expect(Array.from(result.oosSharpe).every(Number.isFinite)).toBe(true);
      }),
    );
  });

  it('refuses what it cannot measure', () => {
    expect(() => probabilityOfBacktestOverfitting({ returns: [[0.1, 0.2]] })).toThrow(/at least 2 trials/);
    expect(() => probabilityOfBacktestOverfitting({ returns: [[0.1], [0.1, 0.2]] })).toThrow(/same sessions/);
    expect(() => probabilityOfBacktestOverfitting({ returns: trials(1, 3, 100), blocks: 3 })).toThrow(/even number/);
    expect(() => probabilityOfBacktestOverfitting({ returns: trials(1, 3, 20), blocks: 16 })).toThrow(/at least 32 returns/);
  });
});

describe('lineFit', () => {
  it('fits y = 1 + 2x exactly and skips non-finite pairs', () => {
    const fit = lineFit([0, 1, 2, NaN, 3], [1, 3, 5, 7, -Infinity]);
    expect(fit).toEqual({ slope: 2, intercept: 1, rSquared: 1, n: 3 });
  });
});

describe('ties but for rounding (probe r47c)', () => {
  it('trials whose returns are exact multiples of one another tie in every block set: the first is chosen, each rival counts half, λ = 0, PBO 1', () => {
    // x, 0.2x, 0.3x: one Sharpe ratio on any blocks, in float apart in the 16th digit (the old code chose by that digit:
    // logits 0, −0.511, 1.099, … and PBO 0.667). By hand: ω = (½ + ½ + 1) / (3 + 1) = ½, λ = ln 1 = 0 ≤ 0 in all C(4, 2) = 6.
    let x = 9301;
    const base = Array.from({ length: 16 }, () => {
      x = (x * 9301 + 49297) % 233280;
      return (x / 233280 - 0.45) * 0.02;
    });
    const r = probabilityOfBacktestOverfitting({ returns: [1, 0.2, 0.3].map((w) => Float64Array.from(base, (v) => w * v)), blocks: 4 });
    expect(Array.from(r.logits)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.pbo).toBe(1);
    // ... and counts the combinations where no choice was made: all 6 tie in sample (probe r64b F6).
    expect(r.tiedInSample).toBe(6);
  });
});
