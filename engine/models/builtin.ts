// How a built-in model is declared: its config schema (with a `kind` literal where a concern has
// several models) and a factory. A concern's index lists its models; engine/config.ts builds the
// config's discriminated unions from those lists, so adding a model is one file and one line.

import { z } from 'zod';
import type { Market } from '../../data/market.ts';

/** A model's config schema: an object whose `kind` names it. */
export type KindSchema = z.ZodObject<{ kind: z.ZodLiteral<string> } & z.ZodRawShape>;

/** A built-in model chosen by `kind`: its schema, and a factory from its validated config. */
export interface BuiltinModel<S extends KindSchema, M> {
  readonly schema: S;
  /** Throws UserError when the config cannot apply to this market (a rate series it lacks…). */
  create(config: z.output<S>, market: Market): M;
}

type Schemas<T extends readonly BuiltinModel<KindSchema, unknown>[]> = { -readonly [K in keyof T]: T[K]['schema'] };

/** The discriminated union of the models' config schemas (one readable error for an unknown kind). */
export function kindUnion<const T extends readonly [BuiltinModel<KindSchema, unknown>, ...BuiltinModel<KindSchema, unknown>[]]>(models: T) {
  return z.discriminatedUnion('kind', models.map((m) => m.schema) as unknown as Schemas<T>);
}

/** The model of `config.kind`, made for `market`. */
export function createByKind<M>(models: readonly BuiltinModel<KindSchema, M>[], config: { readonly kind: string }, market: Market): M {
  const model = models.find((m) => m.schema.shape.kind.value === config.kind);
  if (!model) throw new RangeError(`no model of kind ${config.kind}`); // the config's union already refused it
  return model.create(config as never, market);
}
