// The study's market: the built-in SYNTHETIC sample, or real data loaded from a path.

import type { Market } from '../data/market.ts';
import { generateSampleMarket } from '../data/sample.ts';
import { loadMarket } from '../data/load.ts';
import type { StudyConfig } from './config.ts';

export const SAMPLE = 'sample';

export async function openStudyMarket(config: StudyConfig): Promise<Market> {
  if (config.data === SAMPLE) return generateSampleMarket(config.sample);
  // The study's period bounds what is loaded (a data root otherwise starts with its stock universe).
  return loadMarket(config.data, {
    ...(config.symbols ? { symbols: config.symbols } : {}),
    ...(config.from ? { from: config.from } : {}),
    ...(config.to ? { to: config.to } : {}),
  });
}
