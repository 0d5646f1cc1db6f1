// Fill models by config `kind`: add a model as a file here and a line in FILL_MODELS.

import type { Market } from '../../../data/market.ts';
import { createByKind, kindUnion } from '../builtin.ts';
import type { FillModel } from '../types.ts';
import { barFill } from './bar.ts';

export const FILL_MODELS = [barFill] as const;
export const fillSchema = kindUnion(FILL_MODELS);
export type FillConfig = (typeof fillSchema)['_output'];

export function fillModel(config: FillConfig, market: Market): FillModel {
  return createByKind<FillModel>(FILL_MODELS, config, market);
}
