// The execution models of a run: one per concern, from the engine config or brought by the user.
//   engine/models/<concern>/  one file per built-in model (model + zod schema + one-line doc) and
//                             an index mapping the config's `kind` to the model's factory;
//   types.ts                  the six interfaces and the parameter objects they are asked with;
//   define.ts                 defineModel, for a user's model file.

import { UserError } from '../../data/errors.ts';
import type { Market } from '../../data/market.ts';
import { type EngineConfig, type EngineConfigInput, engineConfigSchema } from '../config.ts';
import type { UserModelRecord } from '../result.ts';
import { borrowModel } from './borrow/index.ts';
import { cashModel } from './cash/index.ts';
import { commissionModel } from './commission/index.ts';
import { fillModel } from './fill/index.ts';
import { guardModel } from './modelGuard.ts';
import { slippageModel } from './slippage/index.ts';
import { type ExecutionModels, MODEL_CONCERNS, MODEL_METHODS, type ModelConcern } from './types.ts';
import { volumeLimit } from './volume/index.ts';

export { defineModel, type ModelDefinition } from './define.ts';
export * from './types.ts';

/** The engine config key that chooses each concern's built-in model. */
export const CONFIG_KEYS = {
  commission: 'commission',
  slippage: 'slippage',
  fill: 'fill',
  volume: 'participationCap',
  borrow: 'borrow',
  cash: 'cash',
} as const satisfies Record<ModelConcern, keyof EngineConfigInput>;

/** Where a user's model came from: its file (as the study names it), the file's sha256, its parameters. */
export interface ModelSource {
  readonly path: string;
  readonly sourceHash: string;
  readonly params: unknown;
}

const DEFAULTS = engineConfigSchema.parse({});

/**
 * The run's models: each given instance (a user's: `sources` names its file) replaces its
 * concern's config setting (which must then be left at its default) and answers through a guard
 * (modelGuard.ts: a throw or an answer its concern cannot take is the model's fault, named); the
 * rest are built from the config. Throws UserError for an instance that is not a model of its
 * concern, for a config that also sets a concern given as an instance, and for a config the market
 * cannot serve (a cash rate series it lacks).
 */
export function executionModels(config: EngineConfig, market: Market, given: Partial<ExecutionModels> = {}, sources: Partial<Record<ModelConcern, ModelSource>> = {}): ExecutionModels {
  for (const concern of MODEL_CONCERNS) {
    if (given[concern] === undefined) continue;
    checkModel(concern, given[concern]);
    const key = CONFIG_KEYS[concern];
    if (JSON.stringify(config[key]) !== JSON.stringify(DEFAULTS[key])) throw new UserError(`engine config: ${key} is set, and a ${concern} model is given too: keep one`);
  }
  const user = <C extends ModelConcern>(concern: C): ExecutionModels[C] | undefined => {
    const model = given[concern] as ExecutionModels[C] | undefined;
    return model === undefined ? undefined : guardModel(concern, model, market, sources[concern]?.path);
  };
  return {
    commission: user('commission') ?? commissionModel(config.commission, market),
    slippage: user('slippage') ?? slippageModel(config.slippage, market),
    fill: user('fill') ?? fillModel(config.fill, market),
    volume: user('volume') ?? volumeLimit(config.participationCap),
    borrow: user('borrow') ?? borrowModel(config.borrow, market),
    cash: user('cash') ?? cashModel(config.cash, market),
  };
}

/** A model a user brought: an object with a name and its concern's methods. */
export function checkModel(concern: ModelConcern, value: unknown, where = `${concern} model`): void {
  const methods = MODEL_METHODS[concern];
  const model = value as Record<string, unknown> | null;
  if (typeof model !== 'object' || model === null || typeof model.name !== 'string' || methods.some((m) => typeof model[m] !== 'function')) {
    throw new UserError(`${where}: expected a ${concern} model, an object with a name (string) and ${methods.map((m) => `${m}(…)`).join(' and ')}`);
  }
}

/** The models a user brought, with where they came from (`sources`: a study's model files), for the manifest. */
export function userModelRecords(models: ExecutionModels, given: Partial<ExecutionModels> = {}, sources: Partial<Record<ModelConcern, ModelSource>> = {}): UserModelRecord[] {
  return MODEL_CONCERNS.filter((c) => given[c] !== undefined).map((concern) => {
    const source = sources[concern];
    return { concern, name: models[concern].name, path: source?.path ?? null, sourceHash: source?.sourceHash ?? null, params: source?.params ?? null };
  });
}

/** Each concern's model name, for the manifest. */
export function modelNames(models: ExecutionModels): Record<ModelConcern, string> {
  return Object.fromEntries(MODEL_CONCERNS.map((c) => [c, models[c].name])) as Record<ModelConcern, string>;
}
