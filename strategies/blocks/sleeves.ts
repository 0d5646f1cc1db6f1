// Two-sleeve allocations: a small-cap fund against a large-cap fund, around a benchmark mix.
// Size-tilt, rate-regime and breadth-thrust all express their view as "how far toward 100%
// small caps", so they share the parameters and the arithmetic here.

import { z } from 'zod';

/** Parameter fragment: spread into a strategy's z.object({...}). */
export const sleeveParams = {
  small: z.string().min(1).default('@smallCap').describe('small-cap sleeve: a symbol or @role'),
  large: z.string().min(1).default('@largeCap').describe('large-cap sleeve: a symbol or @role'),
  benchmarkSmall: z.number().min(0).max(1).default(0.1).describe('small-cap share of the neutral (benchmark) mix'),
  tilt: z.number().min(0).max(1).default(0.5).describe('how far a tilt moves the small-cap share from the benchmark toward 100%'),
};

/**
 * The parsed two-sleeve parameters (sleeveParams): the small-cap and large-cap funds (symbols or
 * roles such as `@smallCap`), the benchmark's small-cap share (a fraction, 0–1) and how far a tilt
 * moves it toward 100% small caps (0–1).
 */
export interface SleeveParams {
  readonly small: string;
  readonly large: string;
  readonly benchmarkSmall: number;
  readonly tilt: number;
}

/** Small-cap share when tilted: benchmark + tilt × (1 − benchmark). tilt 0 = benchmark, 1 = all small. */
export function tiltedSmallShare(p: SleeveParams): number {
  return p.benchmarkSmall + p.tilt * (1 - p.benchmarkSmall);
}

/** NAV weights of the two sleeves for a small-cap share. */
export function sleeveWeights(p: SleeveParams, smallShare: number): Record<string, number> {
  return { [p.small]: smallShare, [p.large]: 1 - smallShare };
}

/** Sleeve weights for the tilted or the neutral (benchmark) mix. */
export function regimeWeights(p: SleeveParams, tilted: boolean): Record<string, number> {
  return sleeveWeights(p, tilted ? tiltedSmallShare(p) : p.benchmarkSmall);
}
