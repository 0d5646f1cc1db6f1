// The failing inputs of ../shared/cases (copied into ./inputs), each run the way its README says,
// so each case's hand-computed value is asserted against what a user gets.

import { resolve } from 'node:path';
import { loadMarket } from '../../data/load.ts';
import type { Market } from '../../data/market.ts';
import type { Metric } from '../../reports/metrics/index.ts';
import { parseStudy, runStudyRuns, type StudyRun } from '../../study/index.ts';

export const inputs = (name: string): string => resolve(import.meta.dirname, 'inputs', name);

export function caseMarket(name: string): Promise<Market> {
  return loadMarket(inputs(name), { cacheDir: false });
}

/** One study run over a case folder; `run` holds the run's strategy, params, benchmark, engine. */
export async function studyRun(name: string, run: Record<string, unknown>, study: Record<string, unknown> = {}): Promise<StudyRun> {
  const config = parseStudy({ data: inputs(name), ...study, runs: [{ name: 'case', ...run }] }, name);
  const market = await caseMarket(name);
  const { runs } = await runStudyRuns(config, market, name);
  return runs[0];
}

export function metric(metrics: readonly Metric[], name: string): Metric {
  const m = metrics.find((x) => x.name === name);
  if (!m) throw new Error(`no metric ${name}`);
  return m;
}
