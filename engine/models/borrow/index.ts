// The borrow model, from config `borrow`. A second model would give the key a `kind`.

import type { Market } from '../../../data/market.ts';
import type { BorrowModel } from '../types.ts';
import { annualRateBorrow } from './annualRate.ts';

export const borrowSchema = annualRateBorrow.schema;
export type BorrowConfig = (typeof borrowSchema)['_output'];

export function borrowModel(config: BorrowConfig, market: Market): BorrowModel {
  return annualRateBorrow.create(config, market);
}
