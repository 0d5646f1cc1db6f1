// Reports are written whole or not at all: the HTML (or PDF, or export) goes to a temporary file
// in the target's directory (same file system, so the rename is atomic) and replaces the target
// in one step, keeping the replaced file's permissions. A crash or a failed render leaves the
// previous report, never half of a new one. The temporary file goes with the process however it
// ends (Ctrl-C, SIGTERM: core/exitCleanup.ts); one a writer killed outright (kill -9) left is
// removed by the next write to the same target. A symbolic link is followed, so the rename
// replaces the file it points to and the link stays a link. What is not a file to replace (a pipe,
// a terminal, /dev/null, a socket, /dev/stdout) is written through, as `cat > path` would
// (outputTarget.ts).

import { chmodSync, closeSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { removeOnExit } from '../../../core/exitCleanup.ts';
import { ensureFolder } from '../../../core/folders.ts';
import { leftoverPath, removeLeftovers } from '../../../core/leftovers.ts';
import { DataError } from '../../../data/errors.ts';
import { outputTarget } from './outputTarget.ts';
import { writeAll, writeStandardOutput } from './standardStreams.ts';
import { writeFailure } from './writeFailure.ts';

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
