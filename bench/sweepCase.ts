// One sweep benchmark case in this process (so its peak RSS is its own):
//   node --conditions=breadth-source bench/sweepCase.ts <size-tilt|size-tilt-1000|quality-long-short|profile> <workers> [data]
// Prints one JSON line: trials, wall seconds (whole sweep incl. pool start), steady trials/s
// (from the 5th finished trial to the last), peak RSS MB of the process and while the trials ran,
// database MB; `profile` times the
// parts of one trial in process instead.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { backtest } from '../engine/backtest.ts';
import { navReturns } from '../reports/runMetrics.ts';
import { fillsHash, openStore, recordSweep, writeTrial } from '../reports/store/index.ts';
import { instantiate } from '../strategies/api.ts';
import { loadStrategyDefinition } from '../strategies/registry.ts';
import { parseStudy, type StudyConfig } from '../study/index.ts';
import { measureRun } from '../study/measure.ts';
import { executeTrials } from '../study/sweep/execute.ts';
import { localExecutor } from '../study/sweep/pool.ts';
import { DEFAULT_TRIAL_TIMEOUT_MS } from '../study/sweep/trialTimeout.ts';
import { openSweepMarket, planSweep, runTrial } from '../study/sweep/index.ts';

const [kind, workersText, dataArg] = process.argv.slice(2);
const data = dataArg ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const ETFS = ['BIL', 'IJR', 'IVV', 'IWB', 'IWM', 'IWN', 'IWO', 'MDY', 'QQQ', 'SHY', 'SMLF', 'SPY', 'TLT', 'VB'];

function study(): StudyConfig {
  if (kind === 'quality-long-short') {
    return parseStudy({
      data,
      riskFree: 'tbill3m',
      benchmark: 'cash',
      engine: { from: '2017-06-01', account: { kind: 'margin', maxGross: 2, maxNet: 1 }, slippage: { kind: 'sqrt-impact', k: 1, window: 20 }, participationCap: 0.1, commission: { kind: 'bps', bps: 1 } },
      runs: [{ name: 'qls', strategy: 'quality-long-short', params: { neutral: 'dollar', gross: 1 }, sweep: { params: { qualityBuckets: [3, 5, 10], cohortBuckets: [2, 3], neutral: ['dollar', 'beta'], sectorNeutral: [false, true] } } }],
    });
  }
  const sweep =
    kind === 'size-tilt-1000'
      ? { method: 'random', samples: 1000, seed: 7, params: { tilt: { from: 0, to: 1 }, band: { from: 0, to: 0.1 }, schedule: ['month-start', 'month-end', 'quarter-start', 'weekly'] } }
      : { params: { tilt: { from: 0, to: 1, step: 0.05 }, band: [0, 0.01, 0.02, 0.05], schedule: ['month-start', 'quarter-start', 'weekly'] } };
  return parseStudy({
    data,
    symbols: ETFS,
    riskFree: 'tbill3m',
    benchmark: '@largeCap',
    engine: { from: '2000-06-01', commission: { kind: 'bps', bps: 1 }, slippage: { kind: 'fixed-bps', bps: 2 }, cash: { rate: 'tbill3m' } },
    runs: [{ name: 'size-tilt', strategy: 'size-tilt', params: { mode: 'etf' }, sweep }],
  });
}

const dir = mkdtempSync(join(tmpdir(), 'breadth-bench-sweep-'));
const db = join(dir, 'sweep.db');
const config = study();
const t0 = performance.now();
const { market, shared } = await openSweepMarket(config);
const loaded = (performance.now() - t0) / 1000;
const { trials } = await planSweep(config, market, 'bench');

if (kind === 'profile') {
  // Where one trial's time goes, in process: backtest, metrics, fills hash, registry write.
  const store = openStore(db);
  const sweepId = recordSweep(store, { key: 'p', kind: 'sweep', name: 'p', study: null, spec: {}, dataName: market.name, dataFingerprint: market.fingerprint, planned: trials.length });
  const parts = { backtest: 0, metrics: 0, fillsHash: 0, whole: 0, write: 0 };
  const sample = trials.slice(0, 60);
  for (const spec of sample) {
    const d = await loadStrategyDefinition(spec.strategy);
    const s = instantiate(d.definition, spec.params, d.sourceHash, d.origin);
    let t = performance.now();
    const result = backtest(market, s, spec.engine);
    parts.backtest += performance.now() - t;
    t = performance.now();
    measureRun(result, market, { benchmark: spec.benchmark, periodsPerYear: spec.periodsPerYear, riskFree: spec.riskFree });
    navReturns(result);
    parts.metrics += performance.now() - t;
    t = performance.now();
    fillsHash(result.fills, result);
    parts.fillsHash += performance.now() - t;
    t = performance.now();
    const trial = await runTrial(spec, market);
    parts.whole += performance.now() - t;
    t = performance.now();
    writeTrial(store, sweepId, trial);
    parts.write += performance.now() - t;
  }
  store.close();
  const ms = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Number((v / sample.length).toFixed(2))]));
  console.log(JSON.stringify({ kind, trials: sample.length, msPerTrial: ms, sessions: market.dates.length, symbols: market.symbols.length }));
} else {
  const store = openStore(db);
  const sweepId = recordSweep(store, { key: 'b', kind: 'sweep', name: 'b', study: null, spec: {}, dataName: market.name, dataFingerprint: market.fingerprint, planned: trials.length });
  const done: number[] = [];
  // The loader's own peak (the whole cached source is read, then sliced) would hide the sweep's:
  // sample the process RSS while the trials run, after a collection of what loading left.
  (globalThis as { gc?: () => void }).gc?.();
  let sweepPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (sweepPeak = Math.max(sweepPeak, process.memoryUsage().rss)), 25);
  const start = performance.now();
  const executor = localExecutor(shared, Number(workersText), DEFAULT_TRIAL_TIMEOUT_MS);
  await executeTrials(store, sweepId, executor, trials, { db, onTrial: () => done.push(performance.now()) });
  await executor.close();
  const wall = (performance.now() - start) / 1000;
  clearInterval(sampler);
  store.close();
  const finished = done;
  const steady = finished.length > 6 ? (finished.length - 5) / ((finished[finished.length - 1] - finished[4]) / 1000) : NaN;
  const dbBytes = statSync(db).size + (statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  console.log(
    JSON.stringify({
      kind,
      workers: Number(workersText),
      trials: trials.length,
      loadSeconds: Number(loaded.toFixed(2)),
      wallSeconds: Number(wall.toFixed(2)),
      trialsPerSecond: Number((trials.length / wall).toFixed(1)),
      steadyTrialsPerSecond: Number(steady.toFixed(1)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      sweepPeakRssMb: Math.round(sweepPeak / 1e6),
      firstTrialSeconds: Number(((done[0] - start) / 1000).toFixed(2)),
      marketMb: Math.round(shared.buffer.byteLength / 1e6),
      dbMb: Number((dbBytes / 1e6).toFixed(1)),
    }),
  );
}
rmSync(dir, { recursive: true, force: true });
