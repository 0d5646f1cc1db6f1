// What BullMQ's `error` events mean, and the one line each is worth. A Queue, QueueEvents or Worker
// emits `error` for a lost connection (ioredis's socket errors while it reconnects) but also for
// much that is no outage: a worker's job lock that could not be renewed in time, or was gone when
// the job finished — its event loop was blocked past the lock duration (loading a market), the
// queue took the job back and runs it again — and any other error of a script or command. Only a
// connection error may say Redis is unreachable (probe r69c F1: a worker with --lock-duration 1
// said so of a lost lock while Redis was up).

/** A BullMQ `error` event, classified. */
export type QueueError =
  /** The connection to Redis is lost or Redis is not serving yet; `reason` e.g. `ECONNREFUSED`. */
  | { readonly kind: 'connection'; readonly reason: string }
  /** This worker no longer holds job `jobId`'s lock (not renewed in time, or gone when it finished). */
  | { readonly kind: 'lock'; readonly jobId: string }
  | { readonly kind: 'other'; readonly message: string };

/** Socket errors of a connection lost or not made (Node's `code`, as ioredis passes them on). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
/** ioredis's and BullMQ's words for a closed connection; Redis's reply while it reads its data after a restart. */
const CLOSED = /^(Connection is closed\.|LOADING )/;
/**
 * BullMQ's lock errors: its lock renewal (`could not renew lock for job <id>`) and the scripts that
 * finish a job (`Missing lock for job <id>. moveToFinished`, `Lock mismatch for job <id>. Cmd …`).
 */
const LOCK = /^(?:could not renew lock for job|Missing lock for job|Lock mismatch for job) (.+?)(?:\. .*)?$/s;

export function classifyQueueError(err: Error): QueueError {
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return { kind: 'connection', reason: code };
  if (CLOSED.test(err.message) || err.name === 'MaxRetriesPerRequestError' || err.name === 'ConnectionClosedError') return { kind: 'connection', reason: err.message };
  const lock = LOCK.exec(err.message);
  if (lock) return { kind: 'lock', jobId: lock[1] as string };
  return { kind: 'other', message: err.message };
}

/** Anything of BullMQ's that reports errors as `error` events (Queue, QueueEvents, Worker). */
export interface ErrorSource {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export interface QueueErrorLog {
  /** Where each line goes (none: the errors are only silenced). */
  log?(line: string): void;
  /** The line for a lost lock on job `jobId`; else a generic one. */
  lostLock?(jobId: string): string;
}

/**
 * Listen for the errors of `sources` (without a listener BullMQ prints each one with its stack) and
 * tell `log`, in one line each: once per outage that Redis at `label` is unreachable and the sweep
 * waits for it (ioredis reconnects by itself); once per job that its lock was lost; once per
 * message any other error. `back()` marks an outage over (call it when Redis answered again).
 */
export function watchQueueErrors(label: string, sources: readonly ErrorSource[], how: QueueErrorLog = {}): { back(): void } {
  let away = false;
  const lostLocks = new Set<string>();
  const others = new Set<string>();
  const onError = (err: Error): void => {
    const error = classifyQueueError(err);
    if (error.kind === 'connection') {
      if (away) return;
      away = true;
      how.log?.(`Redis at ${label} is unreachable (${error.reason}); waiting for it to come back, trials in progress go on`);
    } else if (error.kind === 'lock') {
      // BullMQ repeats it at every renewal until the job ends, and again when it cannot finish it.
      if (lostLocks.has(error.jobId)) return;
      lostLocks.add(error.jobId);
      how.log?.(how.lostLock?.(error.jobId) ?? `lost the lock on job ${error.jobId}; the queue will run it again`);
    } else {
      if (others.has(error.message)) return;
      others.add(error.message);
      how.log?.(`the queue at ${label} reported an error: ${error.message}`);
    }
  };
  for (const source of sources) source.on('error', onError);
  return {
    back() {
      if (!away) return;
      away = false;
      how.log?.(`Redis at ${label} answers again`);
    },
  };
}
