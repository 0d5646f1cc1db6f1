// A failed write said in one line: the path (or "standard output"), what went wrong with the
// system's code, and what to do — for every output breadth writes (pages, PDFs, exports,
// baselines, standard output), so a full disk reads the same wherever it happens.

import { DataError, isUserFacing } from '../../../data/errors.ts';

/** What a system error code means for a file to be written, and what to do (`[problem, fix]`). */
const WRITE_ERRORS: Readonly<Record<string, readonly [string, string]>> = {
  ENOSPC: ['the device is full', 'free space there, or write elsewhere'],
  EDQUOT: ['the disk quota is used up', 'free space there, or write elsewhere'],
  EFBIG: ['the file grew past the size limit', 'raise the limit (ulimit -f), or write elsewhere'],
  EIO: ['the device failed to write', 'check the device, or write elsewhere'],
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

/**
 * A failed write of `path` as a DataError (`path: problem (CODE) — fix`); an error already meant
 * for the user, or one without a system code (a bug), is returned as it is.
 */
export function writeFailure(path: string, err: unknown): Error {
  if (isUserFacing(err)) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === undefined) return err as Error;
  const [problem, fix] = WRITE_ERRORS[code] ?? ['cannot be written', 'give a writable file path'];
  return new DataError(path, undefined, `${problem} (${code})`, fix);
}
