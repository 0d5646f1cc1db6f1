// A folder written whole or not at all (`breadth data sample --out`): its entries are written into
// a temporary folder, and only complete ones take their places. A write that fails or is stopped
// removes its temporary folder and leaves the target as it was; one a killed process left is
// removed by the next write to the same target (core/leftovers.ts).
//
// A new target: the temporary folder is made beside it and renamed to it, one step. A target that
// is a folder already keeps what it holds besides the written entries: the temporary folder is
// made inside it (on the file system its entries live on, also where the target is a mount point
// or reached through a link), and its entries are moved in by renames, each replacing the entry
// of the same name (a file for a file, a folder merged into a folder; a clash of kinds, or a
// folder on another file system, is refused before anything moves). That step is renames only,
// synchronous: no signal handler runs in its midst; only SIGKILL or a power cut there could leave
// some entries new and some old.

import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { leftoverPath, removeLeftovers } from './leftovers.ts';

const PARTIAL = 'partial';

/** An error as Node's file system functions give them (`code` is what callers look at). */
const systemError = (code: string, message: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: ${message}`), { code });

/**
 * Writes the folder `target` whole or not at all (see above): `write(folder)` fills a new empty
 * folder, which then becomes `target` (a rename), or whose entries are moved into `target` where
 * it is a folder already. `target`'s parent must exist.
 * @returns what `write` resolved to
 * @throws what `write` threw (its folder removed, `target` untouched); ENOTDIR before writing when
 *   `target` is a file; EEXIST or EXDEV, before any entry moves, for an entry that cannot be
 *   replaced by a rename (a folder where a file goes or the reverse, a folder on another file system)
 */
export async function writeWholeFolder<T>(target: string, write: (folder: string) => Promise<T>): Promise<T> {
  const path = resolve(target);
  const existing = statSync(path, { throwIfNoEntry: false }); // through a link, as writing into it would
  if (existing && !existing.isDirectory()) throw systemError('ENOTDIR', `${target} is a file, not a folder`);
  const anchor = existing ? join(path, basename(path)) : path; // the temporary folder goes beside this
  removeLeftovers(anchor, PARTIAL);
  const folder = leftoverPath(anchor, PARTIAL);
  mkdirSync(folder);
  try {
    const value = await write(folder);
    if (existing) for (const [from, to] of movesInto(folder, path)) renameSync(from, to);
    else renameSync(folder, path);
    return value;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The renames that put every entry of `from` into the existing folder `to`, checked before any is made. */
function movesInto(from: string, to: string): [string, string][] {
  if (statSync(from).dev !== statSync(to).dev) throw systemError('EXDEV', `${to} is on another file system than the files written for it`);
  const moves: [string, string][] = [];
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, destination] = [join(from, entry.name), join(to, entry.name)];
    const existing = statSync(destination, { throwIfNoEntry: false });
    if (existing && entry.isDirectory() !== existing.isDirectory()) {
      throw systemError('EEXIST', `${destination} is ${existing.isDirectory() ? 'a folder' : 'a file'} where a ${entry.isDirectory() ? 'folder' : 'file'} is written`);
    }
    if (existing?.isDirectory()) moves.push(...movesInto(source, destination));
    else moves.push([source, destination]);
  }
  return moves;
}
