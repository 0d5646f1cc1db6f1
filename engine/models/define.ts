// A user's model file: one definition, like a strategy file — a concern, a name, a zod schema of
// its parameters and a factory. Studies name the file under `models:`; from code, create the
// model yourself and hand it to backtest(…, { models }).

import type { z } from 'zod';
import type { Market } from '../../data/market.ts';
import type { ExecutionModels, ModelConcern } from './types.ts';

/**
 * A user's execution model as a model file defines it (defineModel): the concern it answers
 * (C), a kebab-case name, a zod schema of its parameters (P) and `create`, which builds the model
 * from parsed parameters. Studies name the file under `models:`; from code, create the model and
 * pass it to backtest(…, { models }).
 */
export interface ModelDefinition<C extends ModelConcern = ModelConcern, P extends z.ZodObject = z.ZodObject> {
  /** The concern the model answers: commission, slippage, fill, volume, borrow or cash. */
  readonly concern: C;
  /** kebab-case, e.g. "tiered-per-share". */
  readonly name: string;
  /** One line: what it charges and where the schedule comes from. */
  readonly description: string;
  /** Parameters: a zod object schema (give every parameter a default and a `.describe()`). */
  readonly params: P;
  /** Once per run, with validated parameters and the run's market: the model (types.ts). */
  create(params: z.output<P>, market: Market): ExecutionModels[C];
}

/** Type the definition of a model file (identity at run time). */
export function defineModel<C extends ModelConcern, P extends z.ZodObject>(definition: ModelDefinition<C, P>): ModelDefinition<C, P> {
  return definition;
}
