// Choosing among trials: a metric's direction, trials without a value (never invested: no
// volatility or drawdown to be proud of), PBO over the trials that have a Sharpe ratio, and the
// sweep's caveat notes told per message, not per code.

import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '../../reports/store/index.ts';
import { bestTrial, ranked, score, sweepPbo, trialDsr } from '../../study/sweep/index.ts';
import { caveatNotes, pboNotes } from '../../study/sweep/select.ts';

function trial(name: string, seq: number, fillCount: number, metrics: Record<string, number | null>, returns: number[] = [], caveats: string[] = []): TrialRecord {
  return {
    key: name, name, group: 'g', seq, params: {}, engine: {} as TrialRecord['engine'], values: {}, strategy: 's', configHash: '', dataName: 'd', dataFingerprint: 'f',
    periodFrom: '2020-01-01', periodTo: '2020-12-31', sessions: returns.length + 1, benchmark: null, periodsPerYear: 252, fillsHash: '', ordersHash: null,
    fillCount, metrics, moments: null, returns: Float64Array.from(returns), caveats: caveats.map((message) => ({ code: message === 'stale' ? 'stale-marks' : 'warm-up', severity: 'high', message })),
  };
}

// A does well in the first half, B in the second; C never invests (flat: zero returns).
const up = [0.01, 0.02, 0.01, 0.02];
const flat = [0.01, -0.01, 0.01, -0.01];
const a = trial('A', 0, 5, { annual_volatility: 0.2, max_drawdown: -0.1, sharpe: 1 }, [...up, ...flat]);
const b = trial('B', 1, 5, { annual_volatility: 0.1, max_drawdown: -0.2, sharpe: 0.5 }, [...flat, ...up]);
const c = trial('C', 2, 0, { annual_volatility: 0, max_drawdown: 0, sharpe: null }, new Array(8).fill(0));

describe('choosing by a metric', () => {
  it('least volatility wins among trials that invested; the one that never did has no value and never wins', () => {
    expect(bestTrial([a, b, c], 'annual_volatility')?.name).toBe('B');
    expect(ranked([a, b, c], 'annual_volatility').map((t) => t.name)).toEqual(['B', 'A', 'C']);
    expect(score(c, 'annual_volatility')).toBe(-Infinity);
  });

  it('Sharpe ratios equal but for rounding are a tie: the first of equals wins, and the ranking keeps sweep order (probe r47c: w = 0.2 won by its 16th digit)', () => {
    const w1 = trial('W1', 0, 5, { sharpe: 1.2345678901234567 });
    const w05 = trial('W05', 1, 5, { sharpe: 1.2345678901234567 * (1 - 1e-15) });
    const w02 = trial('W02', 2, 5, { sharpe: 1.2345678901234567 * (1 + 1e-15) });
    expect(bestTrial([w1, w05, w02], 'sharpe')?.name).toBe('W1');
    expect(ranked([w02, w05, w1], 'sharpe').map((t) => t.name)).toEqual(['W1', 'W05', 'W02']);
    // A real difference still counts.
    expect(bestTrial([w1, trial('W2', 3, 5, { sharpe: 1.2345679 })], 'sharpe')?.name).toBe('W2');
  });

  it('the shallowest drawdown wins (max_drawdown ≤ 0), but not a flat 0 of a trial without a fill', () => {
    expect(bestTrial([a, b, c], 'max_drawdown')?.name).toBe('A');
    expect(bestTrial([c], 'max_drawdown')).toBeNull();
  });

  it('PBO counts only the trials with a Sharpe ratio and says how many it left out', () => {
    // S = 2: J = first half picks A, which is below B out of sample; J = second half picks B, below A. PBO = 2/2.
    const pbo = sweepPbo([a, b, c], a, 2, () => 0);
    expect('note' in pbo ? pbo.note : { pbo: pbo.result.pbo, trials: pbo.trials, leftOut: pbo.leftOut }).toEqual({ pbo: 1, trials: 2, leftOut: 1 });
    const alone = sweepPbo([a, c], a, 2, () => 0);
    expect('note' in alone && alone.note).toMatch(/at least 2 trials with a Sharpe ratio over the same period, this sweep has 1 over 2020-01-01..2020-12-31 \(1 without a Sharpe ratio left out\)/);
  });

  it('PBO over a periods axis is over the best trial\'s period, and says how many trials of other periods it left out (probe r64b F3)', () => {
    // A, B over 2020; E, F the same returns over 2021 (a periods axis). S = 2 over A, B: PBO 2/2 as above.
    const e = { ...a, key: 'E', name: 'E', seq: 3, periodFrom: '2021-01-01', periodTo: '2021-12-31' };
    const f = { ...b, key: 'F', name: 'F', seq: 4, periodFrom: '2021-01-01', periodTo: '2021-12-31' };
    const pbo = sweepPbo([a, b, c, e, f], a, 2, () => 0);
    expect('note' in pbo ? pbo.note : { pbo: pbo.result.pbo, trials: pbo.trials, period: pbo.period, leftOut: pbo.leftOut, otherPeriods: pbo.otherPeriods }).toEqual({ pbo: 1, trials: 2, period: '2020-01-01..2020-12-31', leftOut: 1, otherPeriods: 2 });
    expect(pboNotes(pbo).slice(0, 2)).toEqual([
      "PBO over the 3 trials of 2020-01-01..2020-12-31, the best trial's period (CSCV needs returns that line up session for session): 2 trials of other periods left out",
      'PBO over the 2 trials with a Sharpe ratio: 1 that never invested or stayed flat left out',
    ]);
    const alone = sweepPbo([a, e, f], a, 2, () => 0);
    expect('note' in alone && alone.note).toBe('PBO needs at least 2 trials with a Sharpe ratio over the same period, this sweep has 1 over 2020-01-01..2020-12-31 (2 of other periods left out)');
  });

  it('PBO is undefined, with why, when every trial has one Sharpe ratio in every split; a split with no choice is said (probe r64b F6: "PBO 100.0%")', () => {
    // x, 0.5x, 0.25x: one Sharpe ratio on any blocks; CSCV's rule gives λ = 0 in every split, PBO 1.
    const x = [0.01, -0.004, 0.02, 0.003, -0.01, 0.006, 0.012, -0.002];
    const scaled = [1, 0.5, 0.25].map((w, k) => trial(`W${k}`, k, 5, { sharpe: 1 }, x.map((v) => w * v)));
    const pbo = sweepPbo(scaled, scaled[0], 4, () => 0);
    expect('note' in pbo && pbo.note).toBe("undefined: the 3 trials over 2020-01-01..2020-12-31 have one Sharpe ratio in every in-sample split (equal but for rounding), so there is no choice among them to overfit (CSCV's rule would read 100 %: in each split the tied best sits at the out-of-sample median, λ = 0)");
    // G equals A on blocks 0 and 1 (rows 0–3) and differs after: S = 4, the split J = {0, 1} (1 of 6) has no choice.
    const g = trial('G', 5, 5, { sharpe: 1 }, [...x.slice(0, 4), 0.02, 0.001, -0.015, 0.004]);
    const some = sweepPbo([trial('A2', 0, 5, { sharpe: 1 }, x), g], g, 4, () => 0);
    expect('note' in some ? some.note : pboNotes(some)).toEqual(['PBO: in 1 of 6 combinations every trial had the same in-sample Sharpe ratio, so none was chosen: the first stands in (ties count half in its out-of-sample rank)']);
  });

  it('PBO ranks by the Sharpe of r − rf, as the sweep does (probe r46c F4: raw returns rewarded low volatility for its own sake)', () => {
    // S = 2, two rows a block, rf = 0.0003 a period. A sample std of [μ + d, μ − d] is d·√2.
    // Block 0: A μ .001, d .01; B μ .0004, d .002. Raw Sharpe ∝ μ/d: A .1 < B .2; excess (μ − rf)/d: A .07 > B .05.
    // Block 1: A μ .02, d .01; B μ 0, d .002: A leads raw (2 vs 0) and in excess (1.97 vs −.15).
    // Excess: J = {0} picks A, above B on block 1; J = {1} picks A, above B on block 0 → PBO 0, P(loss) 0.
    // Raw, as before: J = {0} picks B, below A on block 1; J = {1} picks A, below B on block 0 → PBO 1.
    const hi = trial('A', 0, 5, { sharpe: 1 }, [0.011, -0.009, 0.03, 0.01]);
    const lo = trial('B', 1, 5, { sharpe: 1 }, [0.0024, -0.0016, 0.002, -0.002]);
    const pbo = sweepPbo([hi, lo], hi, 2, () => 0.0003);
    expect('note' in pbo ? pbo.note : [pbo.result.pbo, pbo.result.probabilityOfLoss]).toEqual([0, 0]);
  });
});

describe('a trial\'s DSR', () => {
  const recorded = { count: 5, sharpeVariance: 0.01 };
  it('of a trial that never invested says why and over how many returns (probe r64b F1: "insufficient data", n = 0, for 129 returns all 0)', () => {
    // C: 8 returns, all 0; less rf 0.0002 a period, 8 excess returns all -0.0002: no spread, no Sharpe.
    expect(trialDsr(c, recorded, 0.0002)).toEqual({ name: 'dsr', value: null, n: 8, note: 'zero volatility: never invested' });
  });
  it('of a trial with too few returns says so, with its n', () => {
    expect(trialDsr(trial('D', 3, 1, { sharpe: null }, [0.01]), recorded, 0)).toEqual({ name: 'dsr', value: null, n: 1, note: 'insufficient data' });
  });
});

describe('PBO notes', () => {
  it('say how many combinations the degradation line leaves out: an infinite Sharpe of a constant stretch', () => {
    // S = 2. F earns .001 a period, constant, over block 0: Sharpe +∞ there, so J = {0} picks it and its
    // pair (+∞, OOS) cannot be fitted. J = {1}: F's mean 0 (Sharpe 0) loses to G's (.005 / .0212), a finite pair.
    const f = trial('F', 0, 5, { sharpe: 1 }, [0.001, 0.001, 0.01, -0.01]);
    const g = trial('G', 1, 5, { sharpe: 1 }, [0.01, -0.005, 0.02, -0.01]);
    const pbo = sweepPbo([f, g], f, 2, () => 0);
    expect(pboNotes(pbo)).toEqual([
      "PBO degradation slope over 1 of 2 combinations: in the others the in-sample best's Sharpe is infinite in or out of sample (its excess returns constant over those blocks; PBO and P(loss) count them)",
    ]);
    expect(pboNotes(sweepPbo([a, b, c], a, 2, () => 0))).toEqual(['PBO over the 2 trials with a Sharpe ratio: 1 that never invested or stayed flat left out']);
  });
});

describe('caveat notes', () => {
  it('trials with one code but different messages are told apart and named; "every trial" only for one message all share', () => {
    const t = [
      trial('T1', 0, 1, {}, [], ['first investment after 64 sessions', 'stale']),
      trial('T2', 1, 1, {}, [], ['first investment after 253 sessions', 'stale']),
      trial('T3', 2, 0, {}, [], ['never invested', 'stale']),
      trial('T4', 3, 1, {}, [], ['stale']),
    ];
    expect(caveatNotes(t)).toEqual(['T1: first investment after 64 sessions', 'T2: first investment after 253 sessions', 'T3: never invested', 'every trial: stale']);
  });

  it('a message most trials share is counted; beyond 3 messages of a code, the rest are counted in one line', () => {
    const t = Array.from({ length: 8 }, (_, k) => trial(`T${k}`, k, 1, {}, [], [k < 4 ? 'common' : `rare ${k}`]));
    expect(caveatNotes(t)).toEqual(['4 of 8 trials: common', 'T4: rare 4', 'T5: rare 5', "T6, T7: 2 more caveats of this kind, less severe or fewer trials (each trial's own: breadth sweep --json, or its kept run)"]);
  });

  it('the most severe message of a code comes first, however few trials share it (probe r30b: "never invested" hidden behind "warm-up with 1 other message")', () => {
    const t = Array.from({ length: 6 }, (_, k) => trial(`T${k}`, k, 1, {}, [], [k < 5 ? `first investment after ${k % 3} sessions` : 'never invested']));
    const severe = t.map((x) => ({ ...x, caveats: x.caveats.map((c) => ({ ...c, severity: c.message === 'never invested' ? 'high' : 'low' })) }));
    expect(caveatNotes(severe)[0]).toBe('T5: never invested');
  });
});
