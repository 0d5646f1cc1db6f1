// The hash that names a source file's code — a strategy's or a model file's source hash (in every
// run's manifest and trial key, and compared by a queue worker), and each file of breadth's build
// fingerprint: sha256 of the text with CRLF read as LF, so a Windows checkout (git's
// core.autocrlf) of the same file is the same code (probe r50a F5: built-in strategies hashed the
// raw bytes, and a CRLF worker refused every built-in job of the same commit). An LF file hashes
// as the sha256 of its text, as before.

import { createHash } from 'node:crypto';

/** sha256 (64 hex digits) of source `text` with each CRLF read as LF. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text.replaceAll('\r\n', '\n')).digest('hex');
}
