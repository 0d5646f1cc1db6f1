// One configuration per built-in (and per mode worth running) that exercises it on the test
// market: shared by the end-to-end and the causality suites.

import type { EngineConfigInput } from '../../engine/config.ts';
import type { Strategy } from '../../engine/strategy.ts';

export const SMALL_CAP_PARAMS = { excludeLargest: 8, minDollarVolume: 0, qualityBuckets: 4, cohortBuckets: 3, minNamesPerSide: 2 };
/** The trailing beta window of the beta-neutral runs (betaWindow is refused beside neutral=dollar: it shapes nothing there). */
export const BETA_WINDOW = 120;

export const BUILTIN_RUNS: readonly (readonly [string, Record<string, unknown>])[] = [
  ['buy-and-hold', { weights: { '@smallCap': 0.5, '@qualitySmallCap': 0.5 } }],
  ['fixed-weights', { driftBand: 0.03 }],
  ['equal-weight', {}],
  ['sma-crossover', { fast: 10, slow: 40 }],
  ['momentum', { lookback: 120, skip: 10, buckets: 5 }],
  ['quality-long-short', SMALL_CAP_PARAMS],
  ['quality-long-short', { ...SMALL_CAP_PARAMS, neutral: 'beta', betaWindow: BETA_WINDOW, sectorNeutral: true }],
  ['size-tilt', { tilt: 0.4 }],
  ['size-tilt', { mode: 'stocks', alpha: 0.5, topK: 20 }],
  ['iwm-vs-smlf', { mode: 'hold-quality' }],
  ['iwm-vs-smlf', { mode: 'switch', lookback: 42 }],
  ['iwm-vs-smlf', { mode: 'spread', betaWindow: 60 }],
  ['rate-regime', { months: 2 }],
  ['breadth-thrust', { window: 10, upper: 0.55, lower: 0.45 }],
  ['risk-allocation', { lookback: 60 }],
  ['risk-allocation', { method: 'min-variance', covariance: 'sample', lookback: 60 }],
  ['risk-allocation', { method: 'hrp', covariance: 'ewma', halfLife: 20, lookback: 60, targetVol: 0.1 }],
  ['risk-allocation', { method: 'max-diversification', lookback: 60, schedule: 'weekly' }],
];

/** Reg T margin (gross 2, net 1) for strategies that short; the default cash account for the rest. */
export function accountFor(strategy: Strategy): Pick<EngineConfigInput, 'account'> {
  return strategy.shorts ? { account: { kind: 'margin', maxGross: 2, maxNet: 1 } } : {};
}
