// A trial is the run it stands for: the same fills hash and metrics as that configuration run
// alone through a study, whatever the worker count and the order the trials run in.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Market } from '../../data/market.ts';
import { excessReturns, sharpeMoments } from '../../reports/metrics/index.ts';
import { fillsHash } from '../../reports/store/index.ts';
import { parseStudy, runStudyRuns } from '../../study/index.ts';
import { measuredMetricNames, resolveRiskFree, trialRiskFree } from '../../study/measure.ts';
import { localPool, openSharedMarket, planSweep, runTrial, shareMarket, type SharedMarket, type TrialResult, type TrialSpec } from '../../study/sweep/index.ts';
import { openStudyMarket } from '../../study/market.ts';

const study = parseStudy({
  data: 'sample',
  sample: { stocks: 40, years: 6 },
  benchmark: '@largeCap',
  riskFree: 'tbill3m',
  engine: { slippage: { kind: 'fixed-bps', bps: 2 } },
  runs: [
    {
      name: 'tilt',
      strategy: 'size-tilt',
      params: { mode: 'etf' },
      sweep: { params: { tilt: [0, 0.5, 1], schedule: ['month-start', 'quarter-end'] }, engine: { 'slippage.bps': [0, 10] } },
    },
    { name: 'stocks', strategy: 'size-tilt', params: { mode: 'stocks' }, sweep: { params: { alpha: [0, 1] }, periods: [{ from: '2008-01-01' }, { to: '2009-06-30' }] } },
  ],
});

let market: Market;
let shared: SharedMarket;
let trials: TrialSpec[];
let alone: Map<string, { hash: string; sharpe: number | null; returns: Float64Array }>;

beforeAll(async () => {
  shared = shareMarket(await openStudyMarket(study));
  market = openSharedMarket(shared);
  trials = (await planSweep(study, market, 'test')).trials;
  // The same configurations as ordinary study runs, one by one.
  const runs = trials.map((t, k) => ({ name: `p${k}`, strategy: t.strategy, params: t.params as Record<string, unknown>, engine: { ...t.engine }, benchmark: t.benchmark ?? 'none' }));
  const { runs: results } = await runStudyRuns(parseStudy({ ...study, sweep: undefined, runs }), market, 'test');
  alone = new Map(
    results.map((r, k) => [trials[k].key, { hash: fillsHash(r.result.fills, r.result), sharpe: r.metrics.metrics.find((m) => m.name === 'sharpe')?.value ?? null, returns: Float64Array.from(r.result.daily.nav.subarray(1), (v, t) => v / r.result.daily.nav[t] - 1) }]),
  );
});

function expectSameAsAlone(results: readonly TrialResult[]): void {
  expect(results).toHaveLength(trials.length);
  for (const r of results) {
    const single = alone.get(r.key);
    expect(single, r.name).toBeDefined();
    expect(r.fillsHash, r.name).toBe(single?.hash);
    expect(r.metrics.sharpe, r.name).toBe(single?.sharpe);
    expect(Array.from(r.returns), r.name).toEqual(Array.from(single?.returns ?? []));
  }
}

describe('a trial equals the single run', () => {
  it('plans 3 × 2 × 2 + 2 × 2 trials, each with its own key', () => {
    expect(trials).toHaveLength(16);
    expect(new Set(trials.map((t) => t.key)).size).toBe(16);
    expect(new Set(trials.map((t) => alone.get(t.key)?.hash)).size).toBeGreaterThan(8); // the axes change the trades
  });

  it('in process', async () => {
    expectSameAsAlone(await Promise.all(trials.map((t) => runTrial(t, market))));
  });

  for (const workers of [1, 2]) {
    it(`on ${workers} worker thread${workers > 1 ? 's' : ''}, trials handed out in reverse order`, async () => {
      const pool = localPool(shared, workers);
      try {
        expectSameAsAlone(await Promise.all([...trials].reverse().map((t) => pool.run(t))));
      } finally {
        await pool.close();
      }
    });
  }
});


describe('the risk-free of a stored trial', () => {
  it('is the one its metrics subtracted (PBO ranks by it): r − trialRiskFree gives the trial\'s own SR, bit for bit', async () => {
    // tbill3m, a dated series, over whole runs and over the periods axis' shorter spans.
    const riskFree = resolveRiskFree(study.riskFree, market);
    for (const r of await Promise.all(trials.map((t) => runTrial(t, market)))) {
      const own = sharpeMoments(excessReturns(r.returns, trialRiskFree(r, market, riskFree)));
      expect('sr' in own ? own.sr : null, r.name).toBe(r.moments?.sr ?? null);
    }
  });
});

describe('the metric names an option is checked against before any trial runs', () => {
  it('are the names every trial is measured by (against a benchmark, as these trials are)', async () => {
    const names = measuredMetricNames(market);
    for (const r of await Promise.all(trials.slice(0, 3).map((t) => runTrial(t, market)))) expect(Object.keys(r.metrics), r.name).toEqual(names);
  });
});
