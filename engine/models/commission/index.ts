// Commission models by config `kind`: add a model as a file here and a line in COMMISSION_MODELS.

import type { Market } from '../../../data/market.ts';
import { createByKind, kindUnion } from '../builtin.ts';
import type { CommissionModel } from '../types.ts';
import { bpsCommission } from './bps.ts';
import { noCommission } from './none.ts';
import { perShareCommission } from './perShare.ts';

export const COMMISSION_MODELS = [noCommission, perShareCommission, bpsCommission] as const;
export const commissionSchema = kindUnion(COMMISSION_MODELS);
export type CommissionConfig = (typeof commissionSchema)['_output'];

export function commissionModel(config: CommissionConfig, market: Market): CommissionModel {
  return createByKind<CommissionModel>(COMMISSION_MODELS, config, market);
}
