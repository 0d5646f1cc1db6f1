// zod issues → one readable line per problem, naming the file (or object) and the key path.

import type { z } from 'zod';
import { keyPath, UserError, valueAt } from '../data/errors.ts';

/** `where: base.path.to.key: message` per issue, e.g. `study.yaml: runs[2].params.tilt: …`. */
export function describeIssues(error: z.ZodError, where: string, basePath = '', input?: unknown): string {
  return error.issues
    .map((issue) => {
      const own = keyPath(issue.path);
      const path = basePath && own && !own.startsWith('[') ? `${basePath}.${own}` : basePath + own;
      const value = valueAt(input, issue.path);
      const got = value === undefined || (typeof value === 'object' && value !== null) ? '' : `, got ${JSON.stringify(value)}`;
      return `${where}: ${path || '(top level)'}: ${issue.message}${got}`;
    })
    .join('\n');
}

/** Parse `input` with `schema`, or throw a UserError listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string, basePath = ''): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error, where, basePath, input));
  return parsed.data;
}
