// A user's parameter schema refuses keys it does not name. zod's z.object() drops them by default,
// so a misspelt parameter of a strategy or model file (`--param wieght=0.5`) ran at the default
// without a word, and a sweep over it merged its points into one trial (probe r54a). The built-ins
// declare .strict(); a schema that says what to do with other keys (.strict(), .passthrough(),
// .catchall(…)) keeps its own rule.

import type { z } from 'zod';

/** `schema`, refusing unknown keys unless it already says what to do with them (or is no zod object: a .js file's own parser, kept). */
export function refusingUnknownKeys<S extends z.ZodObject>(schema: S): S {
  const def = (schema as { _zod?: { def?: { catchall?: unknown } } })._zod?.def;
  return (def !== undefined && def.catchall === undefined && typeof schema.strict === 'function' ? schema.strict() : schema) as S;
}
