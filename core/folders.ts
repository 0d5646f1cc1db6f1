// Output folders are made when something is written into them, not before: a command checks its
// output paths before any work (checkFolder, which leaves nothing behind) and the writer makes the
// folder as it writes (ensureFolder), so a command refused or stopped before it writes leaves no
// empty folder (probe r67b F5: `run --db o2/x/a.db --symbols NOPE` left an empty o2/x/).

import { existsSync, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../data/errors.ts';

/** The levels of `folder` that do not exist, outermost first (absolute paths). */
function missingLevels(folder: string): string[] {
  const missing: string[] = [];
  let at = resolve(folder);
  while (!existsSync(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  return missing;
}

/**
 * Makes the missing `levels` (outermost first), or throws a UserError naming `folder` and the
 * system's code, and the file in its way where one is (`x.csv is a file, not a folder (ENOTDIR)`).
 * The level they go in (or `folder` itself, when none is missing) must be a folder: a file there
 * is ENOTDIR, as mkdir says one level deeper (probe r68b F3: `--report afile/x.html` passed this
 * check and crashed where the page was written). Levels are made one at a time: Node's recursive
 * mkdir never returns on some paths (e.g. under /proc).
 */
function makeLevels(folder: string, levels: readonly string[]): void {
  const base = levels.length > 0 ? dirname(levels[0]) : resolve(folder);
  try {
    if (statSync(base, { throwIfNoEntry: false })?.isDirectory() === false) throw Object.assign(new Error(`${base} is a file, not a folder`), { code: 'ENOTDIR' });
    for (const level of levels) makeLevel(level);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const file = code === 'ENOTDIR' ? fileInTheWay(folder) : undefined;
    throw new UserError(`cannot create folder ${folder}: ${file === undefined ? (code ?? (err as Error).message) : `${file} is a file, not a folder (ENOTDIR)`} — choose a writable location`);
  }
}

/** The level of `folder` (as written) that exists, where it is a file; undefined otherwise. */
function fileInTheWay(folder: string): string | undefined {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(at)) return statSync(at).isFile() ? at : undefined;
    if (dirname(at) === at) return undefined;
  }
}

/** Makes one folder level; EEXIST is no failure when the level is a folder (made by another process since it was found missing). */
function makeLevel(level: string, again = true): void {
  try {
    mkdirSync(level);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Its parent gone meanwhile: another command's checkFolder took back the level it made for its check (two
    // commands writing into one new folder at once). Made again, once: under /proc it stays ENOENT.
    if (code === 'ENOENT' && again) {
      makeLevel(dirname(level), false);
      makeLevel(level, false);
      return;
    }
    if (code !== 'EEXIST' || !statSync(level, { throwIfNoEntry: false })?.isDirectory()) throw err;
  }
}

/**
 * Create a folder (and its missing parents), or explain in one line why it cannot be. Another
 * process may make the same level meanwhile (concurrent runs writing into one `out/`): a level
 * that exists as a folder by then is what was asked. Throws a UserError naming the folder and the
 * system's code.
 * @returns the levels it made (absolute paths, outermost first), for removeFolders to take back.
 */
export function ensureFolder(folder: string): string[] {
  const missing = missingLevels(folder);
  makeLevels(folder, missing);
  return missing;
}

/**
 * Removes the folder `levels` (outermost first, as ensureFolder returns them), innermost first,
 * each only while it is empty: a level another process put something in meanwhile stays.
 */
export function removeFolders(levels: readonly string[]): void {
  for (const level of levels.toReversed()) {
    try {
      rmdirSync(level);
    } catch {
      // not made, or no longer empty: not ours to remove
    }
  }
}

/**
 * Checks that `folder` exists or can be made, before any work, without leaving it made: its
 * missing levels are made (as ensureFolder would, so a place no folder can be made — inside a
 * file, under /proc — is refused the same way) and removed again, innermost first; a level
 * another process put something in meanwhile stays. The writer makes it with ensureFolder.
 * Throws a UserError naming the folder and the system's code.
 */
export function checkFolder(folder: string): void {
  const missing = missingLevels(folder);
  try {
    makeLevels(folder, missing);
  } finally {
    removeFolders(missing); // those the refusal above left unmade are skipped
  }
}
