// The warnings section: recorded caveats plus the report's own checks, each said once.

import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../../../reports/html/model.ts';
import { reportWarnings } from '../../../reports/html/warnings.ts';

const run = (over: Partial<RunInfo> = {}): RunInfo => ({
  id: '1',
  label: 'test',
  strategy: { name: 's', params: {} },
  data: { name: 'd', from: '2020-01-01', to: '2024-12-31', sessions: 1260, synthetic: false },
  execution: { convention: 'next-open', lookAheadProne: false },
  costModels: [],
  riskFree: 'FRED DTB3',
  ...over,
});

describe('reportWarnings', () => {
  it('says nothing about a clean run', () => {
    expect(reportWarnings(run(), [], { strategy: [{ name: 'sharpe', value: 1, n: 1259 }] })).toEqual([]);
  });

  it('flags look-ahead-prone execution, synthetic and survivorship-biased data', () => {
    const out = reportWarnings(
      run({ execution: { convention: 'same-close', lookAheadProne: true }, data: { name: 'sample', from: 'a', to: 'b', sessions: 1260, synthetic: true, survivorshipBiased: true } }),
      [],
      { strategy: [] },
    );
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/same-close.*look-ahead-prone/);
    expect(out[1]).toMatch(/^SYNTHETIC data/);
    expect(out[2]).toMatch(/^Survivorship-biased/);
  });

  it('does not repeat what the run already recorded', () => {
    const recorded = ['same-close execution: orders fill on the close the strategy decided on (look-ahead-prone)', 'SYNTHETIC data: sample', 'SYNTHETIC data: sample'];
    const out = reportWarnings(run({ execution: { convention: 'same-close', lookAheadProne: true }, data: { ...run().data, synthetic: true } }), recorded, { strategy: [] });
    expect(out).toEqual(recorded.slice(0, 2));
  });

  it('lists metrics that could not be computed, by reason, with n', () => {
    const out = reportWarnings(run(), [], {
      strategy: [
        { name: 'sharpe', value: null, n: 1, note: 'insufficient data' },
        { name: 'sortino', value: null, n: 1, note: 'insufficient data' },
        { name: 'dsr', value: null, n: 900, note: 'number of trials not given' },
      ],
      benchmark: [{ name: 'beta', value: null, n: 0 }],
    }, 'IWM');
    expect(out).toEqual([
      'Strategy: 2 metrics not computed, insufficient data: Sharpe ratio (n = 1), Sortino ratio (n = 1).',
      'Strategy: 1 metric not computed, number of trials not given: Deflated Sharpe (n = 900).',
      'IWM: 1 metric not computed, insufficient data: Beta (n = 0).',
    ]);
  });

  it('notes a missing risk-free rate and a sample shorter than a year', () => {
    const out = reportWarnings(run({ riskFree: undefined, data: { ...run().data, sessions: 30 } }), [], { strategy: [] });
    expect(out).toEqual([
      'No risk-free rate: Sharpe, Sortino, Omega and alpha are measured against zero, not cash.',
      'Short sample: 30 sessions, under a year; annualized figures extrapolate.',
    ]);
  });
});
