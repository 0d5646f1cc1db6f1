// How a swept value reads in trial names, tables and pages: `0.25`, `month-start`, `bps 5` for
// `{ kind: bps, bps: 5 }`, `BBB:1` for `{ BBB: 1 }` (weights {BBB: 1} and {CCC: 1} must not read alike), `fixed-bps bps:5 extra:1` when a setting has several fields, and
// `2005-01-03..end` for a period.

export function describeValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(describeValue).join(',');
  const o = value as Record<string, unknown>;
  if ('from' in o || 'to' in o) return `${o.from ?? 'start'}..${o.to ?? 'end'}`;
  const { kind, ...rest } = o;
  // `bps 5` names the field by its kind; without a kind the key is the value's name (`BBB:1`, not `1`).
  const single = kind !== undefined && Object.keys(rest).length === 1;
  const parts = Object.entries(rest).map(([k, v]) => (single ? describeValue(v) : `${k}:${describeValue(v)}`));
  return [...(kind === undefined ? [] : [String(kind)]), ...parts].join(' ');
}
