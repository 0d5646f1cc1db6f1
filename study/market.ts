// The study's market: the built-in SYNTHETIC sample, or real data loaded from a path.

import { UserError } from '../data/errors.ts';
import type { Market } from '../data/market.ts';
import { generateSampleMarket } from '../data/sample.ts';
import { loadMarket, type LoadMarketOptions } from '../data/load.ts';
import type { StudyConfig } from './config.ts';

export const SAMPLE = 'sample';

/** How a study's real data is loaded: a price folder's asset class, the market cache and what it reports (onCache). */
export type StudyLoadOptions = Pick<LoadMarketOptions, 'assetClass' | 'cacheDir' | 'cacheInBackground' | 'onCache'>;

/** `load`: how to read real data (StudyLoadOptions). */
export async function openStudyMarket(config: Pick<StudyConfig, 'data' | 'sample' | 'symbols' | 'to'>, load: StudyLoadOptions = {}): Promise<Market> {
  if (config.data === SAMPLE) {
    const market = generateSampleMarket(config.sample);
    const unknown = (config.symbols ?? []).filter((s) => !market.symbols.includes(s));
    if (unknown.length) throw new UserError(`symbols not in the built-in sample: ${unknown.join(', ')} (its symbols are SYN0001…, SYN_SMALL, SYN_QSMALL, SYN_LARGE; the sample is always generated whole)`);
    return market;
  }
  // Everything up to the study's end: each run starts at its own `from`, and the data before it
  // is the history its strategy warms up on (the engine never trades before `from`).
  return loadMarket(config.data, {
    ...load,
    ...(config.symbols ? { symbols: config.symbols } : {}),
    ...(config.to ? { to: config.to } : {}),
  });
}
