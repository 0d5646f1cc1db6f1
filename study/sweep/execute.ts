// Executing planned trials: skip those the registry holds or that failed before in a way the
// executor would repeat — a user's reason; here, a run past a --trial-timeout no shorter than this
// one (with --resume; without it a stored trial is an error rather than a silent re-run), link
// the stored ones to the sweep and record the failed ones as its failures (in this or another
// sweep, they failed: probe r50a F1, F2), and hand the rest to an executor — local worker threads or a
// queue of workers on other machines — writing each result as it arrives. The coordinator is the
// only writer, so a kill leaves every finished trial stored once and nothing half-written.

import { UserError } from '../../data/errors.ts';
import { failuresBefore, linkTrials, type Store, storedTrialKeys, type TrialFailure, writeTrialFailures, writeTrials } from '../../reports/store/index.ts';
import type { TrialResult, TrialSpec } from './trial.ts';

/** What an executor reports, trial by trial, in completion order. */
export interface TrialSink {
  done(result: TrialResult): void;
  /**
   * The trial failed: for the user's reason (`user`: a strategy that throws — never retried), or
   * after its attempts ran out (`exhausted`: a queue's worker crashes, a run past `--trial-timeout`
   * — here or on a queue; whether `--resume` tries it again is the executor's `failsAgain`).
   * The message is one line.
   */
  failed(spec: TrialSpec, message: string, kind: TrialFailure['kind']): void;
}

/**
 * Runs trials somewhere: worker threads here (localExecutor) or workers on a queue (queue/).
 * `run` resolves when every trial of `todo` has reported, or, once `signal` aborts, when the
 * trials in flight have (a queue's trials go on in its workers: `--resume` collects them).
 * Anything but a user's error rejects.
 */
export interface TrialExecutor {
  run(todo: readonly TrialSpec[], sink: TrialSink, signal?: AbortSignal): Promise<void>;
  /**
   * Whether a trial that failed so before (in any sweep of the store) would fail so again here,
   * so that it is not run again (`--resume` records it as this sweep's failure): a user's error
   * everywhere; on the threads here also a run past a `--trial-timeout` no shorter than this one
   * (trialTimeout.ts failsAgainHere), while a queue gives exhausted trials their attempts again.
   */
  failsAgain(failure: Pick<TrialFailure, 'kind' | 'message'>): boolean;
  close(): Promise<void>;
}

export interface ExecuteOptions {
  readonly db: string;
  /** What the trials belong to, as messages call it (default `sweep`). */
  readonly what?: 'sweep' | 'walk-forward';
  readonly resume?: boolean;
  /**
   * Keys this command stored already (a walk-forward run sharing an in-sample trial with an earlier
   * run of the same command): linked and reused, never refused — a shared trial runs once.
   */
  readonly earlier?: ReadonlySet<string>;
  readonly signal?: AbortSignal;
  onTrial?(done: number, total: number, name: string): void;
}

/** Results that arrive together are written together (one transaction per event-loop turn). */
class Writer {
  #results: TrialResult[] = [];
  #failures: TrialFailure[] = [];
  #scheduled = false;
  written = 0;
  failed = 0;
  /** A write that failed (the store's error): the sweep stops and reports it. */
  error: unknown = null;
  readonly #flush: () => void;

  constructor(store: Store, sweepId: number, stop: AbortController, after: (last: string) => void) {
    this.#flush = () => {
      this.#scheduled = false;
      const results = this.#results.splice(0);
      const failures = this.#failures.splice(0);
      try {
        writeTrials(store, sweepId, results);
        writeTrialFailures(store, sweepId, failures);
      } catch (err) {
        this.error ??= err;
        stop.abort();
        return;
      }
      for (const r of results) {
        this.written++;
        after(r.name);
      }
      for (const f of failures) {
        this.failed++;
        after(f.name);
      }
    };
  }

  add(result: TrialResult): void {
    this.#results.push(result);
    this.#schedule();
  }

  fail(spec: TrialSpec, message: string, kind: TrialFailure['kind']): void {
    this.#failures.push({ key: spec.key, name: spec.name, group: spec.group, seq: spec.seq, message, kind });
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(this.#flush);
  }

  /** Write whatever is still waiting (after the executor is done). */
  drain(): void {
    if (this.#results.length > 0 || this.#failures.length > 0) this.#flush();
  }
}

/** What executeTrials did: trials run now (stored or failed), and trials found stored or failed before (not run again). */
export interface Executed {
  /** Run now and stored. */
  readonly ran: number;
  /** Run now and failed. */
  readonly failed: number;
  /** Found in the registry (`--resume`, or another sweep's): linked to this sweep. */
  readonly stored: number;
  /** Failed before (here or in another sweep) in a way that would repeat (TrialExecutor.failsAgain): recorded as this sweep's failures, not run again. */
  readonly failedBefore: number;
  /** True when stopped (Ctrl-C, a write that failed) before every trial to run had reported. */
  readonly interrupted: boolean;
}

/** The progress line of trials not run again: "3 already stored, 1 failed before". */
const notRunAgain = (stored: number, failedBefore: number): string =>
  [stored > 0 ? `${stored} already stored` : '', failedBefore > 0 ? `${failedBefore} failed before` : ''].filter(Boolean).join(', ');

/** Run the trials neither stored nor failed before (as would repeat); every planned trial ends linked to the sweep, or among its failures, or interrupted. */
export async function executeTrials(store: Store, sweepId: number, executor: TrialExecutor, trials: readonly TrialSpec[], options: ExecuteOptions): Promise<Executed> {
  const stored = storedTrialKeys(store, trials.map((t) => t.key));
  const failed = failuresBefore(store, trials.filter((t) => !stored.has(t.key)), (f) => executor.failsAgain(f));
  const failedKeys = new Set(failed.map((f) => f.key));
  const known = stored.size + failedKeys.size;
  const before = [...stored, ...failedKeys].filter((key) => !options.earlier?.has(key)).length;
  if (before > 0 && !options.resume) {
    throw new UserError(`${options.db} holds ${before} of the ${trials.length} trials of this ${options.what ?? 'sweep'} already: --resume skips them, or choose another --db`);
  }
  linkTrials(store, sweepId, trials.filter((t) => stored.has(t.key)));
  writeTrialFailures(store, sweepId, failed);
  const todo = trials.filter((t) => !stored.has(t.key) && !failedKeys.has(t.key));
  const skipped = { stored: stored.size, failedBefore: failedKeys.size };
  if (known > 0) options.onTrial?.(known, trials.length, notRunAgain(stored.size, failedKeys.size));
  if (todo.length === 0) return { ran: 0, failed: 0, ...skipped, interrupted: false };
  // Stop on the user's Ctrl-C, or on a write that failed.
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort);
  const writer = new Writer(store, sweepId, stop, (last) => options.onTrial?.(known + writer.written + writer.failed, trials.length, last));
  try {
    await executor.run(todo, { done: (r) => writer.add(r), failed: (spec, message, kind) => writer.fail(spec, message, kind) }, stop.signal);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    writer.drain();
  }
  if (writer.error !== null) throw writer.error;
  return { ran: writer.written, failed: writer.failed, ...skipped, interrupted: writer.written + writer.failed < todo.length };
}
