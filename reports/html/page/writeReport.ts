// Reports are written whole or not at all: the HTML (or PDF, or export) goes to a temporary file
// in the target's directory (same file system, so the rename is atomic) and replaces the target
// in one step. A crash or a failed render leaves the previous report, never half of a new one.
// A symbolic link is followed, so the rename replaces the file it points to and the link stays a
// link. What is not a file to replace (a pipe, a terminal, /dev/null, a socket, /dev/stdout) is
// written through, as `cat > path` would: renaming over it would put a file in its place.

import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pid } from 'node:process';
import { DataError } from '../../../data/errors.ts';
import { unreadablePath } from '../../../data/formats/text.ts';

/** A process's open descriptors (Linux /proc/<pid>/fd, as /dev/fd and /dev/stdout lead to): a link there names an open file, not a path to replace. */
const DESCRIPTOR_FOLDER = /^\/proc\/(\d+)(?:\/task\/\d+)?\/fd$/;

/**
 * Where writing `path` lands: `replace`, the real file (created or renamed over); `through`, the
 * path written in place; `descriptor`, this process's open descriptor `fd` written (a socket, as
 * a parent process's pipe may be, cannot be opened again by its /proc path).
 */
export type OutputTarget = { readonly kind: 'replace'; readonly file: string } | { readonly kind: 'through' } | { readonly kind: 'descriptor'; readonly fd: number };

/** `folder` with its symbolic links resolved, or as given when it does not exist yet (it is to be created). */
function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

/**
 * How `path` is to be written: through when it is (or links to) a FIFO, device or socket, or an
 * open descriptor (/dev/stdout, /dev/fd/1: what the shell opened, which a rename would only
 * unlink; this process's own as `descriptor`); otherwise the file at the end of its symbolic links
 * (a link to nowhere: where it points), to replace. Throws a DataError for a link that leads back to itself.
 */
export function outputTarget(path: string): OutputTarget {
  try {
    statSync(path, { throwIfNoEntry: false }); // the system's own link-loop check; the walk below then ends
  } catch (err) {
    throw unreadablePath(path, err, 'cannot be written', 'check the path and its permissions');
  }
  let at = resolve(path);
  for (;;) {
    const folder = realFolder(dirname(at));
    const owner = DESCRIPTOR_FOLDER.exec(folder);
    if (owner !== null) return Number(owner[1]) === pid && /^\d+$/.test(basename(at)) ? { kind: 'descriptor', fd: Number(basename(at)) } : { kind: 'through' };
    at = join(folder, basename(at));
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (stat === undefined || stat.isFile() || stat.isDirectory()) return { kind: 'replace', file: at };
    if (!stat.isSymbolicLink()) return { kind: 'through' };
    at = resolve(folder, readlinkSync(at));
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** Every byte of `bytes` to descriptor `fd`, waiting 2 ms whenever it is full (a non-blocking pipe, as Node makes stdout, says EAGAIN). */
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

/** Writes `content` (UTF-8 text or bytes) to `path`, creating its folder: whole or not at all (see above); errors are the file system's. */
export function writeReport(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const target = outputTarget(path);
  if (target.kind !== 'replace') {
    try {
      // Appended, never truncated: a FIFO or device has nothing to truncate, and a descriptor writes at its own offset.
      if (target.kind === 'through') writeFileSync(path, content, { flag: 'a' });
      else writeAll(target.fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
      throw new DataError(path, undefined, 'the reading end of the pipe closed before the whole file was written', 'let the reader read to the end (not `| head`), or write to a file');
    }
    return;
  }
  const dir = dirname(target.file);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(target.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, typeof content === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    renameSync(temp, target.file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
