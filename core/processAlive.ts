// Whether a process of this machine still runs: for leftovers that name their writer's pid (a
// report's temporary file, a store's private snapshot, a sweep's claim), so a dead writer's are
// cleared and a live one's kept.

import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** True while process `pid` of this machine runs (another user's answers EPERM, and runs too). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes each entry of `folder` (a file, or a folder with its contents) whose writer — the pid
 * `writerOf` reads from its name, undefined for an entry that is not such a leftover — no longer
 * runs; never this process's own. An entry that will not go (another user's) is left.
 */
export function removeOrphans(folder: string, writerOf: (name: string) => number | undefined): void {
  for (const name of readdirSync(folder)) {
    const writer = writerOf(name);
    if (writer === undefined || writer === process.pid || processAlive(writer)) continue;
    try {
      rmSync(join(folder, name), { recursive: true, force: true });
    } catch {
      // not ours to remove (another user's, in a shared temp folder)
    }
  }
}
