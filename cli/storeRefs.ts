// Naming stored runs on the command line: an id, or a strategy / label (its latest run).

import { UserError } from '../data/errors.ts';
import { findRuns, listRuns, type Store } from '../reports/store/index.ts';

/** Resolve `ref` (a run id, or a label or strategy name → its latest run) to a run id. */
export function resolveRun(store: Store, ref: string | number | undefined): number {
  const runs = listRuns(store);
  if (runs.length === 0) throw new UserError(`${store.path} holds no runs yet — run \`breadth run\` or \`breadth study\` first`);
  if (ref === undefined) return Math.max(...runs.map((r) => r.id));
  if (/^\d+$/.test(String(ref))) {
    const id = Number(ref);
    if (!runs.some((r) => r.id === id)) throw new UserError(`${store.path} has no run ${id} (ids ${Math.min(...runs.map((r) => r.id))}–${Math.max(...runs.map((r) => r.id))}; see \`breadth runs list\`)`);
    return id;
  }
  // A label names a run on purpose; a strategy name only when no label matches.
  const byLabel = findRuns(store, { label: String(ref) });
  const byName = byLabel.length ? byLabel : findRuns(store, { strategy: String(ref) });
  if (byName.length === 0) throw new UserError(`${store.path} has no run labelled or named "${ref}" (see \`breadth runs list\`)`);
  return Math.max(...byName.map((r) => r.id));
}
