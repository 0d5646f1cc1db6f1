// zod issues → one readable line per problem, naming the key path.

import type { z } from 'zod';
import { UserError } from '../data/errors.ts';

export function describeIssues(error: z.ZodError, where: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(top level)';
      return `${where}: ${path}: ${issue.message}`;
    })
    .join('\n');
}

/** Parse `input` with `schema`, or throw a UserError listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error, where));
  return parsed.data;
}
