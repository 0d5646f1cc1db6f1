// Studies: run configurations (one or many runs) end to end — market, strategies, engine,
// metrics, attribution, SQLite, HTML.

import { existsSync } from 'node:fs';
import type { Market } from '../data/market.ts';
import { openStore, recordedTrials } from '../reports/store/index.ts';
import type { StudyConfig } from './config.ts';
import { openStudyMarket } from './market.ts';
import { publishStudy, type Published } from './publish.ts';
import { runStudyRuns, type StudyProgress, type StudyRuns } from './runStudy.ts';

export { loadStudyFile, parseStudy, studySchema, type RunSpec, type StudyConfig } from './config.ts';
export { openStudyMarket, SAMPLE } from './market.ts';
export { publishStudy, type Published, type PublishedRun } from './publish.ts';
export { comparisonHtml, tearSheetHtml, writeComparison, writeTearSheet } from './reportFiles.ts';
export { measureRun, resolveRiskFree } from './measure.ts';
export { prepareRun, runStudyRuns, type PreparedRun, type StudyProgress, type StudyRun, type StudyRuns, type TrialsLookup } from './runStudy.ts';

export interface StudyOutcome {
  readonly study: StudyRuns;
  readonly published: Published;
}

/** Run a whole study and publish it to `db` (and reports to `reportDir` unless null). */
export async function runStudy(
  config: StudyConfig,
  options: { where: string; db: string; reportDir: string | null; baseDir?: string; progress?: StudyProgress; load?: Parameters<typeof openStudyMarket>[1] },
): Promise<StudyOutcome> {
  return runStudyOn(await openStudyMarket(config, options.load), config, options);
}

/**
 * Replay a study's runs on its `market` (openStudyMarket), writing nothing: each run's DSR counts
 * the trials the results store at `db` holds for its strategy on this data (a store that does not
 * exist yet holds none, and is not created just to look). publishStudy stores them.
 */
export async function replayStudy(
  market: Market,
  config: StudyConfig,
  options: { where: string; db: string; baseDir?: string; progress?: Omit<StudyProgress, 'trials'> },
): Promise<StudyRuns> {
  const registry = existsSync(options.db) ? openStore(options.db) : undefined;
  try {
    const trials = registry ? (strategy: string, fingerprint: string) => recordedTrials(registry, strategy, fingerprint) : undefined;
    return await runStudyRuns(config, market, options.where, { ...options.progress, ...(trials ? { trials } : {}) }, options.baseDir);
  } finally {
    registry?.close();
  }
}

/**
 * Run a study on its `market` (openStudyMarket) and publish it to `db` (and reports to `reportDir`
 * unless null): what `breadth run <config>` and `breadth study` do (replayStudy, then publishStudy).
 */
export async function runStudyOn(
  market: Market,
  config: StudyConfig,
  options: { where: string; db: string; reportDir: string | null; baseDir?: string; progress?: Omit<StudyProgress, 'trials'> },
): Promise<StudyOutcome> {
  const study = await replayStudy(market, config, options);
  return { study, published: await publishStudy(config, study, { db: options.db, reportDir: options.reportDir }) };
}
