// Reports are written whole or not at all: the HTML (or PDF, or export) goes to a temporary file
// in the target's directory (same file system, so the rename is atomic) and replaces the target
// in one step, keeping the replaced file's permissions. A crash or a failed render leaves the
// previous report, never half of a new one. The temporary file goes with the process however it
// ends (Ctrl-C, SIGTERM: core/exitCleanup.ts); one a writer killed outright (kill -9) left is
// removed by the next write to the same target. A symbolic link is followed, so the rename
// replaces the file it points to and the link stays a link. What is not a file to replace (a pipe,
// a terminal, /dev/null, a socket, /dev/stdout) is written through, as `cat > path` would
// (outputTarget.ts).

import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { removeOnExit } from '../../../core/exitCleanup.ts';
import { leftoverPath, removeLeftovers } from '../../../core/leftovers.ts';
import { DataError, UserError } from '../../../data/errors.ts';
import { outputTarget } from './outputTarget.ts';
import { writeAll, writeStandardOutput } from './standardStreams.ts';
import { writeFailure } from './writeFailure.ts';

/**
 * Create a folder (and its missing parents), or explain in one line why it cannot be. Levels are
 * made one at a time: Node's recursive mkdir never returns on some paths (e.g. under /proc).
 * Another process may make the same level meanwhile (concurrent runs writing into one `out/`):
 * a level that exists as a folder by then is what was asked. Throws a UserError naming the folder
 * and the system's code.
 */
export function ensureFolder(folder: string): void {
  const missing: string[] = [];
  let at = resolve(folder);
  while (!existsSync(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  try {
    for (const level of missing) makeLevel(level);
  } catch (err) {
    throw new UserError(`cannot create folder ${folder}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} — choose a writable location`);
  }
}

/** Makes one folder level; EEXIST is no failure when the level is a folder (made by another process since it was found missing). */
function makeLevel(level: string): void {
  try {
    mkdirSync(level);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(level, { throwIfNoEntry: false })?.isDirectory()) throw err;
  }
}

/** `content` as the new `file`, renamed over the old one (whose permission bits it keeps). */
function replaceFile(file: string, content: string | Uint8Array): void {
  const dir = dirname(file);
  ensureFolder(dir);
  removeLeftovers(file, 'tmp'); // of a write killed before its rename
  const replaced = statSync(file, { throwIfNoEntry: false });
  const temp = leftoverPath(file, 'tmp');
  const forget = removeOnExit(temp);
  try {
    writeFileSync(temp, content, typeof content === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    if (replaced?.isFile()) chmodSync(temp, replaced.mode & 0o7777);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    forget();
  }
}

/** SQLite's file header, the first 16 bytes of every database file. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** `file` is an SQLite database (its header says so): a page or table written there would replace a results store — whatever route named it (study pages, --out, a link). */
function isSqliteDatabase(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return false; // no such file yet, or unreadable: nothing to protect here
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `content` (UTF-8 text or bytes) to `path`, creating its folder: whole or not at all (see
 * above). Standard output is written as every other line breadth prints (standardStreams.ts: a
 * reader that leaves early ends the command quietly, as for `export --out -`). Throws a DataError
 * (one line: path, problem, fix) for a path outputTarget refuses and for every failed write
 * (ENOSPC, EFBIG, EACCES, …).
 */
export function writeReport(path: string, content: string | Uint8Array): void {
  try {
    const target = outputTarget(path);
    if (target.kind === 'replace' && isSqliteDatabase(target.file)) {
      throw new DataError(path, undefined, 'is an SQLite database (a results store?): writing there would lose every run stored in it', 'name another file');
    }
    if (target.kind === 'replace') replaceFile(target.file, content);
    else if (target.kind === 'through') writeFileSync(path, content, { flag: 'a' }); // a FIFO or device has nothing to truncate
    else if (target.fd === 1) writeStandardOutput(content);
    else writeAll(target.fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  } catch (err) {
    throw writeFailure(path, err);
  }
}
