// What a writer makes beside its target before renaming it into place (a report's temporary file,
// a sample folder being written) is named for the writing process: `.<target name>.<pid>.<8 hex>.<kind>`.
// A killed writer's leftover is then recognised and removed by the next write to the same target,
// and a live writer's is never touched.

import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { pid } from 'node:process';
import { removeOrphans } from './processAlive.ts';

/** A new path beside `target` for this process's `kind` of it ('tmp', 'partial': a word). */
export function leftoverPath(target: string, kind: string): string {
  return join(dirname(target), `.${basename(target)}.${pid}.${randomBytes(4).toString('hex')}.${kind}`);
}

/** Removes the `kind` leftovers of `target` (files or folders, see leftoverPath) whose writer no longer runs. */
export function removeLeftovers(target: string, kind: string): void {
  const prefix = `.${basename(target)}.`;
  const name = new RegExp(`^(\\d+)\\.[0-9a-f]{8}\\.${kind}$`);
  removeOrphans(dirname(target), (entry) => {
    const writer = entry.startsWith(prefix) ? name.exec(entry.slice(prefix.length))?.[1] : undefined;
    return writer === undefined ? undefined : Number(writer);
  });
}
