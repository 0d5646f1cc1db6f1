// The cash model, from config `cash`. A second model would give the key a `kind`.

import type { Market } from '../../../data/market.ts';
import type { CashModel } from '../types.ts';
import { annualRateCash } from './annualRate.ts';

export const cashSchema = annualRateCash.schema;
export type CashConfig = (typeof cashSchema)['_output'];

export function cashModel(config: CashConfig, market: Market): CashModel {
  return annualRateCash.create(config, market);
}
