// Baselines of a study: run it, keep the headline figures and the fills and orders hashes of every run.

import { fillsHash, ordersHash } from '../reports/store/index.ts';
import { BASELINE_METRICS, BASELINE_VERSION, type Baseline, type BaselineRun, type Tolerance } from '../reports/regression.ts';
import type { StudyConfig } from './config.ts';
import { openStudyMarket, type StudyLoadOptions } from './market.ts';
import { runStudyRuns } from './runStudy.ts';

/** Runs the study (its data loaded as `load` says) and records each run's headline figures and hashes. */
export async function studyBaselineRuns(config: StudyConfig, where: string, baseDir?: string, load?: StudyLoadOptions): Promise<{ runs: BaselineRun[]; data: string; fingerprint: string }> {
  const market = await openStudyMarket(config, load);
  const study = await runStudyRuns(config, market, where, {}, baseDir);
  const runs = study.runs.map((run) => {
    const metrics: Record<string, number | null> = {};
    for (const name of BASELINE_METRICS) {
      const metric = run.metrics.metrics.find((m) => m.name === name);
      if (metric) metrics[name] = metric.value;
    }
    return { name: run.name, fills_hash: fillsHash(run.result.fills, run.result), orders_hash: ordersHash(run.result.orders, run.result), metrics };
  });
  return { runs, data: market.name, fingerprint: market.fingerprint };
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
