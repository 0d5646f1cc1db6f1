// Parameter documentation read from a definition's zod schema (through its JSON Schema form,
// zod's public introspection): name, type, range, default and description of every parameter,
// for the CLI's strategy listing and for error messages that quote a parameter's range.

import { z } from 'zod';
import type { ParamSchema } from './api.ts';
import type { DurationDefault } from './blocks/params.ts';

/** The subset of JSON Schema that zod emits for parameter schemas and that we read. */
export interface JsonSchemaNode {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  /** A window's default as a span of time (blocks/params.ts durationParam). */
  readonly duration?: DurationDefault;
  readonly minItems?: number;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly additionalProperties?: JsonSchemaNode | boolean;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
}

/** One parameter of a strategy as listings and error messages describe it, read from its zod schema (describeParams): name, type and range, default and description. */
export interface ParamDoc {
  readonly name: string;
  /** e.g. `number 0 to 1`, `whole number at least 1`, `"etf" | "stocks"`, `map of symbol → number`. */
  readonly type: string;
  /** The default (undefined when the parameter is optional without one, or its default is a duration). */
  readonly default: unknown;
  /** A window's default as a span of time, resolved to the run's sessions (e.g. `12 months`, years 1, at least `min` sessions). */
  readonly defaultDuration?: DurationDefault;
  readonly description: string;
}

/**
 * JSON Schema of the parameters as a user writes them (defaults make keys optional). A schema
 * zod cannot convert (e.g. built by another zod copy in a user's file) still validates; it
 * just documents nothing, and messages fall back to zod's own wording.
 */
export function paramJsonSchema(schema: ParamSchema): JsonSchemaNode {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
  } catch {
    return {};
  }
}

/** The node describing the value at `path`, or undefined when the schema cannot say. */
export function nodeAt(root: JsonSchemaNode, path: readonly PropertyKey[]): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = root;
  for (const key of path) {
    if (!node) return undefined;
    if (typeof key === 'number') node = node.items;
    else if (node.properties && typeof key === 'string' && key in node.properties) node = node.properties[key];
    else node = typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
  }
  return node;
}

export function describeParams(schema: ParamSchema): ParamDoc[] {
  const root = paramJsonSchema(schema);
  return Object.entries(root.properties ?? {}).map(([name, node]) => ({
    name,
    type: typeText(node),
    default: node.default,
    ...(node.duration ? { defaultDuration: node.duration } : {}),
    description: node.description ?? '',
  }));
}

// Integers get ±MAX_SAFE_INTEGER bounds from zod; those are not a range a user chose.
const bound = (x: number | undefined): number | undefined => (x === undefined || Math.abs(x) >= Number.MAX_SAFE_INTEGER ? undefined : x);

/** `between 0 and 1`, `at least 1`, `greater than 0 and at most 1`, … or undefined without bounds. */
export function rangeText(node: JsonSchemaNode): string | undefined {
  const min = bound(node.minimum);
  const max = bound(node.maximum);
  const gt = bound(node.exclusiveMinimum);
  const lt = bound(node.exclusiveMaximum);
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  const low = min !== undefined ? `at least ${min}` : gt !== undefined ? `greater than ${gt}` : undefined;
  const high = max !== undefined ? `at most ${max}` : lt !== undefined ? `less than ${lt}` : undefined;
  return low && high ? `${low} and ${high}` : (low ?? high);
}

function typeText(node: JsonSchemaNode): string {
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.anyOf) return node.anyOf.map(typeText).join(' or ');
  const range = rangeText(node);
  switch (node.type) {
    case 'number':
      return range ? `number ${range}` : 'number';
    case 'integer':
      return range ? `whole number ${range}` : 'whole number';
    case 'array':
      return `list of ${node.items ? typeText(node.items) : 'values'}`;
    case 'object':
      return typeof node.additionalProperties === 'object' ? `map of symbol → ${typeText(node.additionalProperties)}` : 'object';
    default:
      return node.type ?? 'value';
  }
}
