// A folder written whole or not at all (`breadth data sample --out`): its files go into a
// temporary folder beside the target (the same file system, so a rename moves it), and only a
// complete one takes the target's place. A write that fails or is stopped removes its temporary
// folder and leaves the target as it was; one a killed process left is removed by the next write
// to the same target (core/leftovers.ts).
//
// A target that is a folder already keeps what it holds besides the written entries: those are
// moved in by renames, each replacing the entry of the same name (a file for a file, a folder
// merged into a folder; a clash of kinds is refused before anything moves). That step is renames
// only, synchronous: no signal handler runs in its midst; only SIGKILL or a power cut there could
// leave some entries new and some old.

import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { leftoverPath, removeLeftovers } from './leftovers.ts';

const PARTIAL = 'partial';

/**
 * Writes the folder `target` whole or not at all (see above): `write(folder)` fills a new empty
 * folder beside it, which then becomes `target` (a rename), or is moved into it where `target`
 * is a folder already. `target`'s parent must exist.
 * @returns what `write` resolved to
 * @throws what `write` threw (its folder removed), or the system's error for a move that cannot
 *   be made (`target` a file: ENOTDIR; an entry of another kind in the way: EEXIST), target untouched
 */
export async function writeWholeFolder<T>(target: string, write: (folder: string) => Promise<T>): Promise<T> {
  removeLeftovers(target, PARTIAL);
  const folder = leftoverPath(target, PARTIAL);
  mkdirSync(folder);
  try {
    const value = await write(folder);
    const existing = lstatSync(target, { throwIfNoEntry: false });
    if (existing?.isDirectory()) for (const [from, to] of movesInto(folder, target)) renameSync(from, to);
    else renameSync(folder, target);
    return value;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The renames that put every entry of `from` into the existing folder `to`, checked before any is made. */
function movesInto(from: string, to: string): [string, string][] {
  const moves: [string, string][] = [];
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, destination] = [join(from, entry.name), join(to, entry.name)];
    const existing: Stats | undefined = lstatSync(destination, { throwIfNoEntry: false });
    if (existing && entry.isDirectory() && existing.isDirectory()) moves.push(...movesInto(source, destination));
    else if (existing && entry.isDirectory() !== existing.isDirectory()) {
      throw Object.assign(new Error(`EEXIST: ${destination} is ${existing.isDirectory() ? 'a folder' : 'a file'} where a ${entry.isDirectory() ? 'folder' : 'file'} is written`), { code: 'EEXIST', path: destination });
    } else moves.push([source, destination]);
  }
  return moves;
}
