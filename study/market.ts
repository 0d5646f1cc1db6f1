// The study's market: the built-in SYNTHETIC sample, or real data loaded from a path.

import type { Market } from '../data/market.ts';
import { loadSampleMarket } from '../data/sample/loadSample.ts';
import { loadMarket, type LoadMarketOptions } from '../data/load.ts';
import { UserError } from '../data/errors.ts';
import { hasSampleOptions, type StudyConfig } from './config.ts';

export const SAMPLE = 'sample';

/** How a study's real data is loaded: a price folder's asset class, the market cache and what it reports (onCache). */
export type StudyLoadOptions = Pick<LoadMarketOptions, 'assetClass' | 'cacheDir' | 'cacheInBackground' | 'onCache'>;

/**
 * The market a study runs on: the sample (loadSampleMarket with its `sample` options) or the data
 * at `config.data` (loadMarket; `load`: how to read it, StudyLoadOptions), either narrowed the same
 * way to the study's `symbols` and up to its `to` — everything up to the study's end: each run
 * starts at its own `from`, and the data before it is the history its strategy warms up on (the
 * engine never trades before `from`).
 * @throws UserError as loadSampleMarket or loadMarket (a symbol the data lacks, an empty symbols list, …);
 *   for sample options beside a data path (they would shape nothing; parseStudy refuses them too).
 */
export async function openStudyMarket(config: Pick<StudyConfig, 'data' | 'sample' | 'symbols' | 'to'>, load: StudyLoadOptions = {}): Promise<Market> {
  const select = { ...(config.symbols ? { symbols: config.symbols } : {}), ...(config.to ? { to: config.to } : {}) };
  if (config.data === SAMPLE) return loadSampleMarket(config.sample, select);
  // A config built in code, not by parseStudy, is held to the file's rule: a sample block shapes only the sample.
  if (hasSampleOptions(config.sample)) throw new UserError(`sample: applies only with data: sample — drop it, or set data: sample (data here: ${config.data})`);
  return loadMarket(config.data, { ...load, ...select });
}
