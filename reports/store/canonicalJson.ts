// JSON that is the same text for the same value (sorted keys), and that keeps the numbers JSON
// cannot spell: a parameter may well be Infinity (an uncapped limit), which JSON.stringify would
// silently turn into null. Such numbers are written as {"$nonFinite": "Infinity"}.
import { createHash } from 'node:crypto';

const NON_FINITE = '$nonFinite';

function sortedReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { [NON_FINITE]: String(value) };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** JSON with object keys sorted at every level and non-finite numbers tagged. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedReplacer);
}

/** Parse canonicalJson output, restoring tagged non-finite numbers. */
export function parseCanonicalJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === NON_FINITE) return Number((value as Record<string, string>)[NON_FINITE]);
    }
    return value;
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
