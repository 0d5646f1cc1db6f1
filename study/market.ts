// The study's market: the built-in SYNTHETIC sample, or real data loaded from a path.

import { UserError } from '../data/errors.ts';
import type { Market } from '../data/market.ts';
import { generateSampleMarket } from '../data/sample.ts';
import { loadMarket, type LoadMarketOptions } from '../data/load.ts';
import type { StudyConfig } from './config.ts';

export const SAMPLE = 'sample';

/** `load`: how to read real data (asset class of a price folder, the market cache). */
export async function openStudyMarket(config: Pick<StudyConfig, 'data' | 'sample' | 'symbols' | 'to'>, load: Pick<LoadMarketOptions, 'assetClass' | 'cacheDir' | 'cacheInBackground'> = {}): Promise<Market> {
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
