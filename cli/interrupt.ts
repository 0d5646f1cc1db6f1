// Ctrl-C for long jobs: the first SIGINT asks the job to stop cleanly (its signal aborts; work in
// flight finishes and is kept; the terminal is told so), a second one ends the process at once —
// still safe, since every stored item is written in its own transaction. abortOnSignal: the same for a job that writes
// whole or not at all, which then ends the process by the signal.

import { constants } from 'node:os';

/** Runs `job`, its signal aborted by a first Ctrl-C, which prints `stopping` ("stopping after …"); a second ends the process (130). */
export async function interruptible<T>(stopping: string, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(`\nbreadth: ${stopping} (Ctrl-C again to quit now)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  try {
    return await job(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
  }
}

/**
 * Runs `job` with SIGINT and SIGTERM turned into an abort of its signal, for a job that undoes
 * what it began when aborted (a folder written whole or not at all). When the job then rejects,
 * `stopped` is printed (one line; a function is asked then, for what the job had done by then) and
 * the process ends by that same signal, as it would have without a handler (a shell sees 130 or
 * 143). A second signal ends it at once.
 */
export async function abortOnSignal<T>(job: (signal: AbortSignal) => Promise<T>, stopped: string | (() => string)): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) endBy(signal);
    received = signal;
    controller.abort();
  };
  const endBy = (signal: NodeJS.Signals): never => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.kill(process.pid, signal); // no handler left: the default action ends the process
    return process.exit(128 + (constants.signals[signal] ?? 0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await job(controller.signal);
  } catch (err) {
    if (received === undefined) throw err;
    process.stderr.write(`breadth: ${typeof stopped === 'string' ? stopped : stopped()}\n`);
    return endBy(received);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
