// The trial registry: a trial round-trips whole (its returns BLOB bit for bit), is stored once
// under its key, the registry's count and Sharpe variance give the DSR a hand computes, and a
// trial is kept in full as one run. A failed trial is a sweep's failure until the registry holds it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invPhi, phi } from '../metrics/normal.ts';
import { engineConfigSchema } from '../../../engine/config.ts';
import { dsrOfMoments, sharpeTrialsOf } from '../../../reports/metrics/index.ts';
import { runMetrics } from '../../../reports/runMetrics.ts';
import { failuresBefore, keepTrialRun, linkTrials, openStore, recordedTrials, recordSweep, type Store, sweepFailures, sweepTrials, type TrialRecord, writeRun, writeTrial, writeTrialFailures } from '../../../reports/store/index.ts';
import { longShortRun } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-trials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


function trial(key: string, sr: number, seq: number, strategy = 'size-tilt'): TrialRecord {
  return {
    key,
    name: `t[${key}]`,
    group: 'tilt',
    seq,
    strategy,
    params: { tilt: seq / 4, cap: Infinity },
    engine: engineConfigSchema.parse({ commission: { kind: 'bps', bps: seq } }),
    configHash: `h${seq}`,
    dataName: 'd',
    dataFingerprint: 'fp',
    periodFrom: '2020-01-02',
    periodTo: '2020-01-08',
    sessions: 5,
    benchmark: 'SPY',
    periodsPerYear: 252,
    fillsHash: `f${key}`,
    ordersHash: null,
    fillCount: 3,
    metrics: { sharpe: sr * Math.sqrt(252), annual_return: 0.1, max_drawdown: -0.2, dsr: null },
    moments: { sr, skew: -0.2, kurtosis: 4, n: 1000 },
    returns: Float64Array.from([0.01, -0.02, 1e-300, -0]),
    values: { tilt: seq / 4, commission: { kind: 'bps', bps: seq } },
    caveats: [{ code: 'late-start', severity: 'medium', message: 'requested 2019-01-01, data starts 2020-01-02' }],
  };
}

describe('the trial registry', () => {
  const store = openStore(join(dir, 'registry.db'));
  afterAll(() => store.close());
  const sweep = recordSweep(store, { key: 's1', kind: 'sweep', name: 'x', study: 'x.yaml', spec: {}, dataName: 'd', dataFingerprint: 'fp', planned: 3 });

  it('stores a trial whole and once', () => {
    writeTrial(store, sweep, trial('a', 0.05, 0));
    writeTrial(store, sweep, trial('b', 0.08, 1));
    writeTrial(store, sweep, trial('b', 0.99, 1)); // the same key again: the first row stands
    writeTrial(store, sweep, trial('c', 0.02, 2));
    const back = sweepTrials(store, sweep);
    expect(back.map((t) => t.key)).toEqual(['a', 'b', 'c']);
    const { runId, createdAt, ...b } = back[1];
    expect(runId).toBeNull();
    expect(createdAt).toMatch(/^\d{4}-/);
    expect(b).toEqual(trial('b', 0.08, 1));
    expect(Object.is(b.returns[3], -0)).toBe(true); // the BLOB is the bytes, −0 and subnormals included
  });

  it('a second sweep that repeats a trial links it without a second row', () => {
    const other = recordSweep(store, { key: 's2', kind: 'sweep', name: 'y', study: null, spec: {}, dataName: 'd', dataFingerprint: 'fp', planned: 1 });
    linkTrials(store, other, [{ key: 'a', seq: 0, group: 'again' }]);
    expect(sweepTrials(store, other).map((t) => [t.key, t.group])).toEqual([['a', 'again']]);
    expect(store.db.prepare('SELECT COUNT(*) FROM trials').pluck().get()).toBe(3);
  });

  it('counts the trials of a strategy on a dataset and the variance of their Sharpe ratios', () => {
    writeTrial(store, sweep, trial('other-strategy', 0.5, 3, 'rate-regime'));
    // SR 0.05, 0.08, 0.02: mean 0.05, squared deviations 0, 0.0009, 0.0009 → sample variance 0.0009.
    const recorded = recordedTrials(store, 'size-tilt', 'fp');
    expect(recorded?.count).toBe(3);
    expect(recorded?.sharpeVariance).toBeCloseTo(0.0009, 15);
    expect(recordedTrials(store, 'size-tilt', 'other-data')).toBeUndefined();
  });

  it('gives the DSR a hand computes from N and Var(SR)', () => {
    const gamma = 0.5772156649;
    const srStar = Math.sqrt(0.0009) * ((1 - gamma) * invPhi(1 - 1 / 3) + gamma * invPhi(1 - 1 / (3 * Math.E)));
    // Trial b: SR 0.08, skew −0.2, kurtosis 4, n 1000.
    const expected = phi(((0.08 - srStar) * Math.sqrt(999)) / Math.sqrt(1 + 0.2 * 0.08 + (3 / 4) * 0.08 * 0.08));
    const dsr = dsrOfMoments({ sr: 0.08, skew: -0.2, kurtosis: 4, n: 1000 }, recordedTrials(store, 'size-tilt', 'fp'));
    expect(dsr.value).toBeCloseTo(expected, 10);
    expect(dsr.n).toBe(1000);
  });
});

describe('the registry over several periods (probe r72c F1)', () => {
  // A sweep over one period and a walk-forward's in-sample trials over another, same strategy and
  // data: Var(SR) must be of trials on the same sample, the pooled within-period variance, while N
  // counts every trial. By hand — period A: SR 0.01, 0.02, 0.03 (mean 0.02, squared deviations
  // 1e-4, 0, 1e-4 → V_A = 2e-4 / 2 = 1e-4); period B: the same shifted by +0.04 (0.05, 0.06, 0.07:
  // V_B = 1e-4). Pooled within = (2·1e-4 + 2·1e-4) / (2 + 2) = 1e-4, each group's V. The old V
  // pooled all six (mean 0.04, deviations ±0.01, ±0.02, ±0.03 → 28e-4 / 5 = 5.6e-4): 5.6× larger,
  // the spread between the periods' markets rather than between the choices.
  const store = openStore(join(dir, 'periods.db'));
  afterAll(() => store.close());
  const sweep = recordSweep(store, { key: 'p', kind: 'sweep', name: 'p', study: null, spec: {}, dataName: 'd', dataFingerprint: 'fp', planned: 7 });
  const over = (key: string, sr: number, seq: number, periodFrom: string, periodTo: string): TrialRecord => ({ ...trial(key, sr, seq), periodFrom, periodTo });

  it('N counts every trial; V is the pooled within-period variance, a period of one trial adding nothing', () => {
    [0.01, 0.02, 0.03].forEach((sr, k) => writeTrial(store, sweep, over(`a${k}`, sr, k, '2005-01-03', '2009-12-31')));
    [0.05, 0.06, 0.07].forEach((sr, k) => writeTrial(store, sweep, over(`b${k}`, sr, 3 + k, '2010-01-04', '2014-12-31')));
    const both = recordedTrials(store, 'size-tilt', 'fp');
    expect(both?.count).toBe(6);
    expect(both?.periods).toBe(2);
    expect(both?.sharpeVariance).toBeCloseTo(1e-4, 15); // not 5.6e-4
    // A third period with one trial (SR 0.9, far off): N 7, 3 periods, V unchanged — one trial has no spread of its own.
    writeTrial(store, sweep, over('c0', 0.9, 6, '2015-01-02', '2019-12-31'));
    expect(recordedTrials(store, 'size-tilt', 'fp')).toEqual({ count: 7, sharpeVariance: expect.closeTo(1e-4, 15), periods: 3 });
  });

  it('a DSR over them says so in its note: N, V and the periods it pooled (probe r72c F2)', () => {
    // The registry of the test above: 7 trials over 3 periods, V = 1e-4 (printed to 3 significant digits, as an exponent).
    const dsr = dsrOfMoments({ sr: 0.08, skew: -0.2, kurtosis: 4, n: 1000 }, recordedTrials(store, 'size-tilt', 'fp'));
    expect(dsr.value).not.toBeNull();
    expect(dsr.note).toBe('N = 7 trials over 3 periods, Var(SR) = 1.00e-4 pooled within them');
  });

  it('trials that never share a period give no variance, so no DSR, and say why', () => {
    // SR 0.02 on one period, 0.06 on another: no two trials on one sample.
    const trials = sharpeTrialsOf([{ period: 'A', sr: 0.02 }, { period: 'B', sr: 0.06 }]);
    expect(trials).toMatchObject({ count: 2, periods: 2 });
    expect(dsrOfMoments({ sr: 0.08, skew: -0.2, kurtosis: 4, n: 1000 }, trials)).toEqual({ name: 'dsr', value: null, n: 1000, note: 'needs at least 2 trials over one period (2 trials over 2 periods)' });
  });
});

describe('keeping a trial as a run', () => {
  it('stores one run for a trial even when two writers keep it, each having read it without one (probe r48d F2)', () => {
    // Two connections to one file, as two coordinators: both read trial k with run_id NULL, then
    // keep it. The first stores run 1; the second, in its write transaction, finds run 1 and
    // stores nothing: 1 run, linked from the trial, none orphaned (before: 2 runs, run 1 an orphan).
    const file = join(dir, 'keep.db');
    const first = openStore(file);
    const second = openStore(file);
    try {
      const sweep = recordSweep(first, { key: 'k', kind: 'sweep', name: 'k', study: null, spec: {}, dataName: 'd', dataFingerprint: 'fp', planned: 1 });
      writeTrial(first, sweep, trial('k', 0.05, 0));
      expect(sweepTrials(second, sweep)[0].runId).toBeNull();
      const run = (store: Store) => () => writeRun(store, { result: longShortRun('kept'), metrics: runMetrics(longShortRun('kept')), label: 'k' });
      expect(keepTrialRun(first, 'k', run(first))).toBe(1);
      let wrote = false;
      expect(
        keepTrialRun(second, 'k', () => {
          wrote = true;
          return run(second)();
        }),
      ).toBe(1);
      expect(wrote).toBe(false);
      expect(second.db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(1);
      expect(sweepTrials(second, sweep)[0].runId).toBe(1);
    } finally {
      first.close();
      second.close();
    }
  });
});

describe('failed trials', () => {
  const store = openStore(join(dir, 'failures.db'));
  afterAll(() => store.close());
  const first = recordSweep(store, { key: 'f1', kind: 'sweep', name: 'f', study: null, spec: {}, dataName: 'd', dataFingerprint: 'fp', planned: 3 });
  const failure = (key: string, seq: number, kind: 'user' | 'exhausted', message: string) => ({ key, name: `a[${key}]`, group: 'a', seq, message, kind });
  writeTrialFailures(store, first, [failure('x', 0, 'user', 'boom'), failure('y', 1, 'exhausted', 'failed 1 times: trial a[y] ran longer than 0.02 s'), failure('z', 2, 'user', 'bang')]);

  it('a trial that failed and was stored later is no failure of its sweep: the row stays as history (probe r50a F4: listed failed beside its own result)', () => {
    expect(sweepFailures(store, first).map((f) => f.key)).toEqual(['x', 'y', 'z']);
    // y's attempts ran out on a timeout, then a --resume with a longer one stored it.
    writeTrial(store, first, trial('y', 0.05, 1));
    expect(sweepFailures(store, first).map((f) => f.key)).toEqual(['x', 'z']);
    expect(store.db.prepare('SELECT COUNT(*) FROM trial_failures').pluck().get()).toBe(3);
  });

  it("failuresBefore gives another sweep's user failures under this sweep's names; not an exhausted one, a stored one or one never failed (probe r50a F1, F2)", () => {
    const places = ['x', 'y', 'z', 'w'].map((key, k) => ({ key, name: `b[${key}]`, group: 'b', seq: 10 + k }));
    // x: user, not stored → b's failure, with a's message. y: stored. z: user, stored below. w: never failed.
    writeTrial(store, first, trial('z', 0.02, 2));
    expect(failuresBefore(store, places)).toEqual([{ key: 'x', name: 'b[x]', group: 'b', seq: 10, message: 'boom', kind: 'user' }]);
  });
});
