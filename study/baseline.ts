// Baselines of a study: run it, keep every metric, the fills and orders hashes and the caveats of every run.

import { recordedCaveats } from '../reports/caveats/baselineCaveats.ts';
import { fillsHash, ordersHash } from '../reports/store/index.ts';
import { BASELINE_VERSION, type Baseline, type BaselineRun, type Tolerance } from '../reports/regression.ts';
import type { StudyConfig } from './config.ts';
import { openStudyMarket, type StudyLoadOptions } from './market.ts';
import { runStudyRuns, type StudyRun } from './runStudy.ts';

/**
 * A run as a baseline records it: every metric it measured (METRICS.md name → value, null where it
 * has none), its fills and orders hashes, and its caveats and its measurement's by code, severity
 * and symbols (reports/caveats/baselineCaveats.ts).
 */
export function baselineRun(run: StudyRun): BaselineRun {
  return {
    name: run.name,
    fills_hash: fillsHash(run.result.fills, run.result),
    orders_hash: ordersHash(run.result.orders, run.result),
    metrics: Object.fromEntries(run.metrics.metrics.map((m) => [m.name, m.value])),
    caveats: recordedCaveats([...run.result.caveats, ...run.metrics.caveats]),
  };
}

/** Runs the study (its data loaded as `load` says) and records each run (baselineRun). */
export async function studyBaselineRuns(config: StudyConfig, where: string, baseDir?: string, load?: StudyLoadOptions): Promise<{ runs: BaselineRun[]; data: string; fingerprint: string }> {
  const market = await openStudyMarket(config, load);
  const study = await runStudyRuns(config, market, where, {}, baseDir);
  return { runs: study.runs.map(baselineRun), data: market.name, fingerprint: market.fingerprint };
}

/** `study` and `dataSource` are relative to the baseline file. */
export function makeBaseline(
  study: string,
  dataSource: string,
  measured: Awaited<ReturnType<typeof studyBaselineRuns>>,
  tolerances: Record<string, Tolerance> = {},
): Baseline {
  return { breadth_baseline: BASELINE_VERSION, study, data_source: dataSource, data: measured.data, data_fingerprint: measured.fingerprint, tolerances, runs: measured.runs };
}
