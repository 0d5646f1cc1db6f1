// zod issues → one readable line, the strategy named once and its problems after "; ", in the
// form users see on the command line:
//   size-tilt: tilt must be between 0 and 1, got 2; alpha must be between 0 and 1, got -1
// The range comes from the schema itself, so a parameter declared `.min(0).max(1)` reads
// "between 0 and 1" whichever bound was crossed.

import type { z } from 'zod';
import { excerpt, keyPath, valueAt } from '../data/errors.ts';
import { boundText } from '../engine/configError.ts';
import { nearestName } from '../data/nearestName.ts';
import type { ParamSchema } from './api.ts';
import { nodeAt, paramJsonSchema, rangeText, type JsonSchemaNode } from './paramDocs.ts';

/** `strategy: problem; problem…` for every issue of `error` (raw: the parameters as given, quoted in it). */
export function describeParamIssues(strategy: string, schema: ParamSchema, error: z.ZodError, raw: unknown): string {
  const root = paramJsonSchema(schema);
  return `${strategy}: ${error.issues.map((issue) => describeIssue(issue, root, raw)).join('; ')}`;
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
      if (value === undefined) return issue.path.length === 1 ? `${subject} is required: give it (--param ${subject}=… on the command line, under params: in a study), or declare a default for it in the strategy (.default(…))` : `${subject} is required`;
      return `${subject} must be ${issue.expected === 'int' ? 'a whole number' : article(issue.expected)}${got}`;
    case 'too_small':
    case 'too_big': {
      if (issue.origin === 'number' || issue.origin === 'int') {
        const node = nodeAt(root, issue.path);
        const range = node ? rangeText(node) : undefined;
        return `${subject} must be ${range ?? boundText(issue)}${got}`;
      }
      return `${subject} must have ${boundText(issue)} ${issue.origin === 'string' ? 'characters' : 'entries'}${got}`;
    }
    case 'invalid_value':
      return `${subject} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`;
    case 'not_multiple_of':
      return `${subject} must be a multiple of ${issue.divisor}${got}`;
    case 'custom':
      // A parameter given where it shapes nothing (blocks/params.ts onlyWith): what it needs, the value is beside the point.
      if (issue.params?.appliesWith !== undefined) return `${subject} ${issue.message}`;
      return `${subject} ${issue.message}${value === undefined ? '' : got}`;
    default:
      return `${subject} ${issue.message}${value === undefined ? '' : got}`;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
