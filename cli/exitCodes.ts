// Documented exit codes (README → CLI), and the one way the CLI ends with one.

import { awaitBackgroundStores } from '../data/cache/backgroundStore.ts';

export const ExitCode = {
  ok: 0,
  /** `breadth regress`: results drifted beyond tolerance. */
  drift: 1,
  /** Bad input: unknown command or flag, invalid config or parameter, unreadable data. */
  badInput: 2,
  /** A bug in breadth: the stack trace is printed for a report. */
  internal: 70,
} as const;

/**
 * Ends the process with `code` once the market-cache entries being written on worker threads are
 * done (at most a minute): process.exit() cuts a worker thread wherever it is, and one cut inside
 * better-sqlite3 aborts the whole process with a native stack trace instead of the exit code
 * (data/cache/backgroundStore.ts awaitBackgroundStores).
 */
export function exitWith(code: number): never {
  awaitBackgroundStores();
  return process.exit(code);
}
