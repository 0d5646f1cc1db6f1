// The strategy definition API: one file = one definition. A definition names the strategy,
// describes it in a line, declares its parameters as a zod object schema (every key with a
// default and a `.describe()`, so `{}` is a valid configuration and the CLI can list them),
// says what data it needs, and builds the decision logic from validated parameters.
//
//   export default defineStrategy({
//     name: 'my-idea',
//     description: 'One line a reader of `breadth strategies` understands.',
//     dataNeeds: 'stocks with fundamentals',
//     params: z.object({ top: z.number().int().min(1).default(50).describe('names held') }),
//     create: (p) => ({ schedule: monthStart, decide: (view) => ({ weights: ... }) }),
//   });
//
// `instantiate` validates raw parameters and returns the engine's `Strategy` with name, params
// and source hash filled in, so a definition never repeats them.

import type { z } from 'zod';
import { UserError } from '../data/errors.ts';
import type { Strategy } from '../engine/strategy.ts';
import { strategyFailure } from '../engine/strategyFault.ts';
import { describeParamIssues } from './paramErrors.ts';

/** Parameter schemas are zod objects: one key per parameter. */
export type ParamSchema = z.ZodObject;

/** What `create` returns: the decision logic. Name, params and source hash are added for it. */
export type StrategyLogic = Pick<Strategy, 'schedule' | 'shorts' | 'init' | 'decide'>;

export interface StrategyDefinition<S extends ParamSchema = ParamSchema> {
  /** Kebab-case name used on the command line and in manifests, e.g. `size-tilt`. */
  readonly name: string;
  /** One line: the idea, for `breadth strategies`. */
  readonly description: string;
  /** What the strategy reads, e.g. 'stocks with fundamentals' or 'ETF prices'. */
  readonly dataNeeds: string;
  readonly params: S;
  create(params: z.output<S>): StrategyLogic;
}

/** Identity with type inference: `create` receives the schema's parsed output type. */
export function defineStrategy<S extends ParamSchema>(definition: StrategyDefinition<S>): StrategyDefinition<S> {
  return definition;
}

/** Validate raw parameters against a definition's schema; a UserError lists every problem. */
export function parseParams<S extends ParamSchema>(definition: StrategyDefinition<S>, raw: unknown): z.output<S> {
  const parsed = definition.params.safeParse(raw ?? {});
  if (!parsed.success) throw new UserError(describeParamIssues(definition.name, definition.params, parsed.error, raw));
  return parsed.data;
}

/** A runnable Strategy from a definition and raw (unvalidated) parameters. */
export function instantiate<S extends ParamSchema>(
  definition: StrategyDefinition<S>,
  raw: unknown,
  sourceHash?: string,
): Strategy<z.output<S>> {
  const params = parseParams(definition, raw);
  let logic: StrategyLogic;
  try {
    logic = definition.create(params);
  } catch (err) {
    throw strategyFailure(err, definition.name, 'in create()');
  }
  return {
    name: definition.name,
    params,
    schedule: logic.schedule,
    ...(logic.shorts ? { shorts: true } : {}),
    ...(sourceHash === undefined ? {} : { sourceHash }),
    ...(logic.init ? { init: logic.init.bind(logic) } : {}),
    decide: logic.decide.bind(logic),
  };
}
