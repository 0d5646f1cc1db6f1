// zod issues → one readable line per problem, in the form users see on the command line:
//   size-tilt: tilt must be between 0 and 1, got 1.7
// The range comes from the schema itself, so a parameter declared `.min(0).max(1)` reads
// "between 0 and 1" whichever bound was crossed.

import type { z } from 'zod';
import { excerpt, keyPath, valueAt } from '../data/errors.ts';
import { nearestName } from '../data/nearestName.ts';
import type { ParamSchema } from './api.ts';
import { nodeAt, paramJsonSchema, rangeText, type JsonSchemaNode } from './paramDocs.ts';

export function describeParamIssues(strategy: string, schema: ParamSchema, error: z.ZodError, raw: unknown): string {
  const root = paramJsonSchema(schema);
  return error.issues.map((issue) => `${strategy}: ${describeIssue(issue, root, raw)}`).join('\n');
}

function describeIssue(issue: z.core.$ZodIssue, root: JsonSchemaNode, raw: unknown): string {
  const path = keyPath(issue.path);
  const value = valueAt(raw, issue.path);
  const subject = path || 'parameters';
  const got = `, got ${excerpt(value)}`;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = Object.keys(nodeAt(root, issue.path)?.properties ?? {});
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      const where = path ? ` in ${path}` : '';
      const near = issue.keys.length === 1 ? nearestName(issue.keys[0], known) : undefined;
      return `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${keys}${where}${near !== undefined ? `: did you mean ${near}?` : ''}${known.length ? ` (known: ${known.join(', ')})` : ''}`;
    }
    case 'invalid_type':
      if (value === undefined) return `${subject} is required`;
      return `${subject} must be ${issue.expected === 'int' ? 'a whole number' : article(issue.expected)}${got}`;
    case 'too_small':
    case 'too_big': {
      if (issue.origin === 'number' || issue.origin === 'int') {
        const node = nodeAt(root, issue.path);
        const range = node ? rangeText(node) : undefined;
        return `${subject} must be ${range ?? limitText(issue)}${got}`;
      }
      return `${subject} must have ${limitText(issue)} ${issue.origin === 'string' ? 'characters' : 'entries'}${got}`;
    }
    case 'invalid_value':
      return `${subject} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`;
    case 'not_multiple_of':
      return `${subject} must be a multiple of ${issue.divisor}${got}`;
    default:
      return `${subject} ${issue.message}${value === undefined ? '' : got}`;
  }
}

function limitText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.code === 'too_small') return issue.inclusive ? `at least ${limit}` : `more than ${limit}`;
  return issue.inclusive ? `at most ${limit}` : `less than ${limit}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
