// zod issues → one readable line naming the file (or object) once and each problem at its key
// path. An unknown key is named with the nearest known key ("runz" → did you mean runs?), and the
// "required" issue its typo caused for that key is not listed again.

import type { z } from 'zod';
import { excerpt, keyPath, UserError, valueAt } from '../data/errors.ts';
import { nearestName } from '../data/nearestName.ts';

/** The schema a key path leads to, through arrays, records, optionals, defaults and pipes (undefined where it leads nowhere). */
function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; in?: z.core.$ZodType; element?: z.core.$ZodType; valueType?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType> };
  const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  if (inner) return schemaAt(inner, path);
  if (path.length === 0) return schema;
  const [key, ...rest] = path;
  const next = def.type === 'object' ? def.shape?.[String(key)] : def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : undefined;
  return next && schemaAt(next, rest);
}

/** The keys an object schema knows at `path` ([] where it is no object). */
function knownKeys(schema: z.core.$ZodType | undefined, path: readonly PropertyKey[]): string[] {
  const node = schema && schemaAt(schema, path);
  const def = node?._zod.def as { type?: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean => a.length === b.length && a.every((k, n) => k === b[n]);

/**
 * One line: `where: base.path.to.key: message`, e.g. `study.yaml: runs[2].engine.cash: …`, each
 * further issue after "; " with its own key path (said once for issues in a row at the same path):
 * `baseline.json: runs[0].name: …; runs[0].fills_hash: …`. Values quoted as short excerpts. With
 * `schema`, an unknown key gets the nearest known one as a hint.
 */
export function describeIssues(error: z.ZodError, where: string, basePath = '', input?: unknown, schema?: z.core.$ZodType): string {
  const hinted: (readonly PropertyKey[])[] = [];
  const messages = new Map<z.core.$ZodIssue, string>();
  for (const issue of error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const given = Object.keys(valueAt(input, issue.path) ?? {});
    const missing = knownKeys(schema, issue.path).filter((k) => !given.includes(k));
    const parts = issue.keys.map((key) => {
      const near = nearestName(key, missing);
      if (near === undefined) return `"${key}"`;
      hinted.push([...issue.path, near]);
      return `"${key}" (did you mean ${near}?)`;
    });
    messages.set(issue, `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${parts.join(', ')}`);
  }
  const said = error.issues
    .filter((issue) => !(issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined && hinted.some((p) => samePath(p, issue.path))))
    .map((issue) => {
      const own = keyPath(issue.path);
      const path = basePath && own && !own.startsWith('[') ? `${basePath}.${own}` : basePath + own;
      const value = valueAt(input, issue.path);
      // A schema's message that quotes the value itself ("\"2016-01-01\" is after `to` …") does not get it twice.
      const got = value === undefined || (typeof value === 'object' && value !== null) || issue.message.includes(excerpt(value)) ? '' : `, got ${excerpt(value)}`;
      return { path: path || '(top level)', text: messages.get(issue) ?? plainIssue(issue, value) ?? `${issue.message}${got}` };
    });
  return `${where}: ${said.map(({ path, text }, n) => (n > 0 && path === said[n - 1].path ? text : `${path}: ${text}`)).join('; ')}`;
}

/** What a zod type expects, in a config file's words: "a text", "a whole number", "a list", "a mapping". */
function kindText(expected: string): string {
  const words: Record<string, string> = { string: 'a text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a mapping', record: 'a mapping' };
  return words[expected] ?? (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
}

/** A value found where another kind was expected: "a mapping", "a list", "the text \"abc\"", "5". */
export function foundText(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  return typeof value === 'string' ? `the text ${excerpt(value)}` : excerpt(value);
}

/** A zod bound in words: "at least 1", "above 0", "at most 1", "below 10", "exactly 3". */
export function boundText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.exact) return `exactly ${limit}`;
  if (issue.code === 'too_small') return issue.inclusive ? `at least ${limit}` : `above ${limit}`;
  return issue.inclusive ? `at most ${limit}` : `below ${limit}`;
}

/** The wording zod gives an issue of its own (en locale), as against a schema's own message. */
const ZOD_WORDING = /^(Invalid input|Invalid option|Too small|Too big): /;

/**
 * The issues zod words for itself, in plain words with the fix: a required key left out ("required
 * but missing: add name: (a text)") or left empty (null); a value of another kind ("a list is
 * expected (each entry on a line starting \"- \", or [a, b]), found a mapping"); a number, list or
 * text out of its bounds ("must be above 0, got 0", "needs at least 2 entries, found 1"); a value
 * not the one(s) allowed ("must be 1, got 2"); a kind
 * not among a union's ("\"bps\" is not one of none, fixed-bps, …: did you mean fixed-bps?").
 * Undefined for others, and for a message the schema gives itself. `value`: the input at the
 * issue's path.
 */
export function plainIssue(issue: z.core.$ZodIssue, value: unknown): string | undefined {
  const key = issue.path.at(-1);
  if (issue.code === 'invalid_type' && (value === undefined || value === null) && typeof key === 'string') {
    return `required but ${value === null ? 'empty' : 'missing'}: ${value === null ? 'give' : 'add'} ${key}: (${kindText(issue.expected)})`;
  }
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    const options = (issue.options as unknown[]).map(String);
    const near = typeof value === 'string' ? nearestName(value, options) : undefined;
    const choices = options.join(', ');
    if (value === undefined && typeof key === 'string') return `required but missing: add ${key}: one of ${choices}`;
    return `${excerpt(value)} is not one of ${choices}${near === undefined ? '' : `: did you mean ${near}?`}`;
  }
  if (!ZOD_WORDING.test(issue.message)) return undefined;
  if (issue.code === 'invalid_type') {
    const how = issue.expected === 'array' ? ' (each entry on a line starting "- ", or [a, b])' : issue.expected === 'object' ? ' (key: value entries)' : '';
    const kind = typeof value === 'number' && !Number.isFinite(value) && issue.expected === 'number' ? 'a finite number' : kindText(issue.expected);
    return `${kind} is expected${how}, found ${foundText(value)}`;
  }
  if (issue.code === 'invalid_value') {
    const [only, ...others] = issue.values.map((v) => excerpt(v));
    return `must be ${others.length === 0 ? only : `one of ${[only, ...others].join(', ')}`}, got ${excerpt(value)}`;
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = boundText(issue);
    const one = bound.endsWith(' 1');
    if (issue.origin === 'array' || issue.origin === 'set') return `needs ${bound} ${one ? 'entry' : 'entries'}, found ${Array.isArray(value) ? value.length || 'none' : foundText(value)}`;
    return `${issue.origin === 'string' ? `needs ${bound} character${one ? '' : 's'}` : `must be ${bound}`}, got ${excerpt(value)}`;
  }
  return undefined;
}

/** Parse `input` with `schema`, or throw a UserError listing every problem in one line. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string, basePath = ''): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error, where, basePath, input, schema));
  return parsed.data;
}
