// Slippage models by config `kind`: add a model as a file here and a line in SLIPPAGE_MODELS.

import type { Market } from '../../../data/market.ts';
import { createByKind, kindUnion } from '../builtin.ts';
import type { SlippageModel } from '../types.ts';
import { fixedBpsSlippage } from './fixedBps.ts';
import { halfSpreadSlippage } from './halfSpread.ts';
import { noSlippage } from './none.ts';
import { sqrtImpactSlippage } from './sqrtImpact.ts';

export const SLIPPAGE_MODELS = [noSlippage, fixedBpsSlippage, halfSpreadSlippage, sqrtImpactSlippage] as const;
export const slippageSchema = kindUnion(SLIPPAGE_MODELS);
export type SlippageConfig = (typeof slippageSchema)['_output'];

export function slippageModel(config: SlippageConfig, market: Market): SlippageModel {
  return createByKind<SlippageModel>(SLIPPAGE_MODELS, config, market);
}
