// A private folder in the temp folder for one job of this process (a read-only store's snapshot
// copy, a page printed to PDF), named `breadth-<purpose>-<pid>-<8 hex>` so that a later process
// can tell the leftovers of a killed one (kill -9, a power cut) from a live one's: each new folder
// of a purpose first removes those whose process no longer runs. The folder is removed by its
// owner, or when the process ends, however it ends (exitCleanup.ts).

import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeOnExit } from './exitCleanup.ts';
import { removeOrphans } from './processAlive.ts';

export interface TempFolder {
  /** The folder's absolute path. */
  readonly path: string;
  /** Removes the folder and everything in it (its owner is done with it). */
  remove(): void;
}

/**
 * Makes a new private folder (mode 700) for `purpose` (letters, e.g. 'store') in the temp folder
 * (see above). Throws the system's error when the temp folder cannot hold it.
 */
export function privateTempFolder(purpose: string): TempFolder {
  const parent = tmpdir();
  const leftover = new RegExp(`^breadth-${purpose}-(\\d+)-[0-9a-f]{8}$`);
  removeOrphans(parent, (name) => {
    const writer = leftover.exec(name)?.[1];
    return writer === undefined ? undefined : Number(writer);
  });
  const path = join(parent, `breadth-${purpose}-${process.pid}-${randomBytes(4).toString('hex')}`);
  const forget = removeOnExit(path); // before the folder exists: a signal from now on finds it registered
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (err) {
    forget();
    throw err;
  }
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true });
      forget();
    },
  };
}
