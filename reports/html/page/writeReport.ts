// Reports are written whole or not at all: the HTML (or PDF, or export) goes to a temporary file
// in the target's directory (same file system, so the rename is atomic) and replaces the target
// in one step, keeping the replaced file's permissions. A crash or a failed render leaves the
// previous report, never half of a new one; a temporary file a killed writer left is removed by
// the next write to the same target. A symbolic link is followed, so the rename replaces the file
// it points to and the link stays a link. What is not a file to replace (a pipe, a terminal,
// /dev/null, a socket, /dev/stdout) is written through, as `cat > path` would (outputTarget.ts).

import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { leftoverPath, removeLeftovers } from '../../../core/leftovers.ts';
import { DataError, isUserFacing, UserError } from '../../../data/errors.ts';
import { outputTarget } from './outputTarget.ts';

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Every byte of `bytes` to descriptor `fd`, waiting 2 ms whenever it is full (a non-blocking pipe says EAGAIN). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(PAUSE, 0, 0, 2);
    }
  }
}

/**
 * Create a folder (and its missing parents), or explain in one line why it cannot be. Levels are
 * made one at a time: Node's recursive mkdir never returns on some paths (e.g. under /proc).
 * Throws a UserError naming the folder and the system's code.
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
    for (const level of missing) mkdirSync(level);
  } catch (err) {
    throw new UserError(`cannot create folder ${folder}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} — choose a writable location`);
  }
}

/** `content` as the new `file`, renamed over the old one (whose permission bits it keeps). */
function replaceFile(file: string, content: string | Uint8Array): void {
  const dir = dirname(file);
  ensureFolder(dir);
  removeLeftovers(file, 'tmp'); // of a write killed before its rename
  const replaced = statSync(file, { throwIfNoEntry: false });
  const temp = leftoverPath(file, 'tmp');
  try {
    writeFileSync(temp, content, typeof content === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    if (replaced?.isFile()) chmodSync(temp, replaced.mode & 0o7777);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** What a system error code means for a file to be written, and what to do (`[problem, fix]`). */
const WRITE_ERRORS: Readonly<Record<string, readonly [string, string]>> = {
  ENOSPC: ['the device is full', 'free space there, or write elsewhere'],
  EDQUOT: ['the disk quota is used up', 'free space there, or write elsewhere'],
  EACCES: ['writing there is not permitted', 'choose a folder you can write to'],
  EPERM: ['writing there is not permitted', 'choose a folder you can write to'],
  EROFS: ['the file system is read-only', 'choose a writable folder'],
  ENOENT: ['its folder cannot hold a new file', 'give a path in a folder you can write to'],
  ENOTDIR: ['a part of the path is a file, not a folder', 'check the path'],
  EISDIR: ['names a folder', 'give a file name'],
  EBADF: ['is not open for writing', 'give a file path'],
  EEXIST: ['holds a file where a folder is written, or a folder where a file is', 'move it away, or write elsewhere'],
  EPIPE: ['the reading end of the pipe closed before the whole file was written', 'let the reader read to the end (not `| head`), or write to a file'],
};

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

/** A failed write as one line naming the path, what went wrong (the system's code) and the fix; a user-facing error as it is. */
export function writeFailure(path: string, err: unknown): Error {
  if (isUserFacing(err)) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === undefined) return err as Error;
  const [problem, fix] = WRITE_ERRORS[code] ?? ['cannot be written', 'give a writable file path'];
  return new DataError(path, undefined, `${problem} (${code})`, fix);
}

/**
 * Writes `content` (UTF-8 text or bytes) to `path`, creating its folder: whole or not at all (see
 * above). Standard output is written as every other line breadth prints (a reader that leaves
 * early ends the command quietly, as for `export --out -`). Throws a DataError (one line: path,
 * problem, fix) for a path outputTarget refuses and for every failed write (ENOSPC, EACCES, …).
 */
export function writeReport(path: string, content: string | Uint8Array): void {
  try {
    const target = outputTarget(path);
    if (target.kind === 'replace' && isSqliteDatabase(target.file)) {
      throw new DataError(path, undefined, 'is an SQLite database (a results store?): writing there would lose every run stored in it', 'name another file');
    }
    if (target.kind === 'replace') replaceFile(target.file, content);
    else if (target.kind === 'through') writeFileSync(path, content, { flag: 'a' }); // a FIFO or device has nothing to truncate
    else if (target.fd === 1) process.stdout.write(content);
    else writeAll(target.fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  } catch (err) {
    throw writeFailure(path, err);
  }
}
