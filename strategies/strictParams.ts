// A user's parameter schema refuses keys it does not name. zod's z.object() drops them by default,
// so a misspelt parameter of a strategy or model file (`--param wieght=0.5`) ran at the default
// without a word, and a sweep over it merged its points into one trial (probe r54a); so did a
// misspelt key inside an object parameter (`opts={"levv":2}`, probe r61a). The built-ins declare
// .strict(); an object schema that says what to do with other keys (.strict(), .passthrough(),
// .catchall(…)) keeps its own rule.

import { z } from 'zod';

/** `schema`, refusing unknown keys unless it already says what to do with them (or is no zod object: a .js file's own parser, kept). */
export function refusingUnknownKeys<S extends z.ZodObject>(schema: S): S {
  const def = (schema as { _zod?: { def?: { catchall?: unknown } } })._zod?.def;
  return (def !== undefined && def.catchall === undefined && typeof schema.strict === 'function' ? schema.strict() : schema) as S;
}

/** The parts of a zod schema's definition the walk below reads. */
interface SchemaDef {
  readonly type: string;
  readonly innerType?: SchemaNode;
  readonly in?: SchemaNode;
  readonly element?: SchemaNode;
  readonly shape?: Readonly<Record<string, SchemaNode>>;
  readonly catchall?: unknown;
}
type SchemaNode = { readonly _zod?: { readonly def?: SchemaDef } };

/** Schemas that hold one other and parse a value as it does (a default, an optional …; a pipe reads its input side). */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'nonoptional', 'readonly', 'catch']);

function unwrapped(node: SchemaNode | undefined): SchemaDef | undefined {
  let def = node?._zod?.def;
  while (def !== undefined && (WRAPPERS.has(def.type) || def.type === 'pipe')) def = (def.type === 'pipe' ? def.in : def.innerType)?._zod?.def;
  return def;
}

/**
 * The keys of `raw` (parameters as given) that an object schema nested in `schema` does not name —
 * an object parameter's own keys, or those of an array's objects — as zod's unrecognized_keys
 * issues at their paths (['opts'] for `opts={"levv":2}`), for the caller's message. The top level
 * is left to refusingUnknownKeys; an object with its own rule for other keys (a catchall: .strict(),
 * .passthrough(), .catchall(…)) is zod's to judge. [] for a schema that is no zod schema.
 */
export function nestedUnknownKeys(schema: unknown, raw: unknown): z.core.$ZodIssue[] {
  const shape = unwrapped(schema as SchemaNode)?.shape;
  if (shape === undefined || !isRecord(raw)) return [];
  return Object.keys(raw).flatMap((key) => (Object.hasOwn(shape, key) ? unknownKeysAt(shape[key], raw[key], [key]) : []));
}

function unknownKeysAt(node: SchemaNode, raw: unknown, path: PropertyKey[]): z.core.$ZodIssue[] {
  const def = unwrapped(node);
  if (def === undefined) return [];
  if (def.type === 'array' && Array.isArray(raw) && def.element !== undefined) return raw.flatMap((item, k) => unknownKeysAt(def.element!, item, [...path, k]));
  if (def.type !== 'object' || def.shape === undefined || !isRecord(raw)) return [];
  const shape = def.shape;
  const keys = Object.keys(raw);
  const unknown = def.catchall === undefined ? keys.filter((key) => !Object.hasOwn(shape, key)) : [];
  const here: z.core.$ZodIssue[] = unknown.length ? [{ code: 'unrecognized_keys', keys: unknown, path, input: raw, message: `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` }] : [];
  return [...here, ...keys.flatMap((key) => (Object.hasOwn(shape, key) ? unknownKeysAt(shape[key], raw[key], [...path, key]) : []))];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
