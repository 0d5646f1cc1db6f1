// Where an output file lands, decided before anything is written: the real file at the end of
// its symbolic links (replaced whole), a pipe or device written through, or standard output or
// error. A descriptor of this process other than 1 and 2 (/dev/fd/5, /proc/self/fd/5) is refused:
// Node, SQLite and libuv hold them (the results database, its -wal and -shm, epoll and eventfd),
// and one written as a report destroys the store or the event loop. A descriptor the shell handed
// over (`3>file`) cannot be told apart from those with certainty (Node's IPC channel, a file a
// parent leaves open, are as inherited as the shell's), so it is refused too, with the fix: the path.

import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pid } from 'node:process';
import { DataError } from '../../../data/errors.ts';
import { unreadablePath } from '../../../data/formats/text.ts';

/** A process's open descriptors (Linux /proc/<pid>/fd, as /dev/fd and /dev/stdout lead to): a link there names an open file, not a path to replace. */
const DESCRIPTOR_FOLDER = /^\/proc\/(\d+)(?:\/task\/\d+)?\/fd$/;

/**
 * Where writing `path` lands: `replace`, the real file (created or renamed over); `through`, the
 * path written in place (a FIFO, device, socket, another process's descriptor); `descriptor`,
 * this process's standard output (1) or error (2), written to the descriptor itself (a socket, as
 * a parent process's pipe may be, cannot be opened again by its /proc path).
 */
export type OutputTarget = { readonly kind: 'replace'; readonly file: string } | { readonly kind: 'through' } | { readonly kind: 'descriptor'; readonly fd: 1 | 2 };

/** `folder` with its symbolic links resolved, or as given when it does not exist yet (it is to be created). */
function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

/** True when process (or thread) `id` of /proc is this process: its thread group is ours. */
function isThisProcess(id: number): boolean {
  if (id === pid) return true;
  try {
    return Number(/^Tgid:\s*(\d+)$/m.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1]) === pid;
  } catch {
    return false;
  }
}

/**
 * The refusal of a path that names no file (''), or a folder (`reports/`, `.`, `..`): each writer
 * would otherwise skip it, or write a file under another name. Undefined when `path` may name a file.
 */
function notAFileName(path: string): DataError | undefined {
  if (path === '') return new DataError("''", undefined, 'an empty path names no file', 'give a file name, e.g. out/report.html');
  if (/[/\\]$|(?:^|[/\\])\.\.?$/.test(path)) return new DataError(path, undefined, 'names a folder', `give a file name, e.g. ${join(path, 'report.html')}`);
  return undefined;
}

/** One of this process's descriptors: standard output or error, or the refusal of any other (see above). */
function ownDescriptor(path: string, name: string): OutputTarget {
  const fd = Number(name);
  if (/^\d+$/.test(name) && (fd === 1 || fd === 2)) return { kind: 'descriptor', fd };
  throw new DataError(
    path,
    undefined,
    `descriptor ${name} is not standard output (1) or error (2), the only ones of its own breadth writes (the others may be its database or event loop)`,
    'give a file path (or /dev/stdout)',
  );
}

/**
 * How `path` is to be written: through when it is (or links to) a FIFO, device or socket, or
 * another process's descriptor; standard output or error as `descriptor`; otherwise the file at
 * the end of its symbolic links (a link to nowhere: where it points), to replace. Throws a
 * DataError (one line: path, problem, fix) for an empty path, a folder's name (trailing `/`), a
 * descriptor of this process other than 1 and 2, and a link that leads back to itself.
 */
export function outputTarget(path: string): OutputTarget {
  const refusal = notAFileName(path);
  if (refusal !== undefined) throw refusal;
  try {
    statSync(path, { throwIfNoEntry: false }); // the system's own link-loop check; the walk below then ends
  } catch (err) {
    throw unreadablePath(path, err, 'cannot be written', 'check the path and its permissions');
  }
  let at = resolve(path);
  for (;;) {
    const folder = realFolder(dirname(at));
    const owner = DESCRIPTOR_FOLDER.exec(folder);
    if (owner !== null) return isThisProcess(Number(owner[1])) ? ownDescriptor(path, basename(at)) : { kind: 'through' };
    at = join(folder, basename(at));
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (stat === undefined || stat.isFile() || stat.isDirectory()) return { kind: 'replace', file: at };
    if (!stat.isSymbolicLink()) return { kind: 'through' };
    at = resolve(folder, readlinkSync(at));
  }
}

/** True when `path` leads to this process's standard output (/dev/stdout, /dev/fd/1, a link to either). Throws as outputTarget. */
export function isStandardOutput(path: string): boolean {
  const target = outputTarget(path);
  return target.kind === 'descriptor' && target.fd === 1;
}
