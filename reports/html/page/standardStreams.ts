// Writing to this process's standard output and error, every byte or a one-line failure. Where
// standard output is a file or device, Node's stream makes one write(2) and drops whatever a short
// count leaves (a disk that fills, `ulimit -f`), and reports an error (ENOSPC on /dev/full) as an
// uncaught crash (probe r56d F1): there breadth writes the descriptor itself until every byte is
// out, and a failure is thrown in one line. A terminal or pipe keeps Node's stream, which writes
// whole; its errors reach the stream's 'error' listener (cli/main.ts: a reader that left, EPIPE,
// ends the command quietly).

import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { writeFailure } from './writeFailure.ts';

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Every byte of `bytes` to descriptor `fd`, writing again from where a short count stopped
 * (the next write then says why: ENOSPC, EFBIG, …) and waiting 2 ms whenever a non-blocking pipe
 * is full (EAGAIN). Throws the system's error.
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(PAUSE, 0, 0, 2);
    }
  }
}

let fileOrDevice: boolean | undefined;

/** True when standard output is a file or device (not a terminal, pipe or socket): written here, not through Node's stream. */
function standardOutputIsFile(): boolean {
  if (fileOrDevice === undefined) {
    const stat = fstatSync(1);
    fileOrDevice = !(isatty(1) || stat.isFIFO() || stat.isSocket());
  }
  return fileOrDevice;
}

/**
 * Writes `content` (UTF-8 text or bytes) to standard output, whole (see above). Throws a DataError
 * (`standard output: the device is full (ENOSPC) — free space there, or write elsewhere`) when a
 * file or device there cannot take it all.
 */
export function writeStandardOutput(content: string | Uint8Array): void {
  if (!standardOutputIsFile()) {
    process.stdout.write(content);
    return;
  }
  try {
    writeAll(1, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  } catch (err) {
    throw writeFailure('standard output', err);
  }
}
