// Folders this process made for its outputs (ensureFolder), so a command that fails can take back
// the empty ones: `breadth run --db new/r.db` refused for its data, or a sweep refused for a
// --runs name after its --out folder was made, left an empty `new/` behind (probe r64b).

import { rmdirSync } from 'node:fs';

const made: string[] = [];

/** Records `folder` (an absolute path) as made by this process, after its parents. */
export function noteMadeFolder(folder: string): void {
  made.push(folder);
}

/**
 * Removes the folders this process made that are still empty, deepest first (a folder holding
 * anything, a file or a folder it did not make, stays). For a command that fails: nothing it
 * made is left behind.
 */
export function removeEmptyMadeFolders(): void {
  for (const folder of made.reverse()) {
    try {
      rmdirSync(folder); // only an empty folder goes
    } catch {
      // Not empty, or gone: it stays as it is.
    }
  }
  made.length = 0;
}
