// The local trial pool: worker threads (piscina) that each run trials over the one shared market,
// and the executor that feeds it a trial ahead of each thread, so stopping (Ctrl-C) only waits for
// the trials already running — each at most its `--trial-timeout`, which counts from the moment
// its thread begins it (a trial fed ahead waits for a thread without its clock running, and is not
// begun once stopped). Past it the thread is ended — a strategy looping forever stops there — and
// a fresh one starts for the next trials once it has exited. A queue worker on another machine
// runs its jobs on the same pool.

import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { UserError } from '../../data/errors.ts';
import { CopyMismatch } from './mismatch.ts';
import type { TrialExecutor, TrialSink } from './execute.ts';
import type { SharedMarket } from './sharedMarket.ts';
import type { TrialResult, TrialSpec } from './trial.ts';
import { failsAgainHere, TrialTimedOut } from './trialTimeout.ts';
import type { TrialStarted, TrialTask, WorkerAnswer } from './worker.ts';

export interface TrialPool {
  readonly workers: number;
  /**
   * Run one trial when a thread is free (`workers` at once, in order). A user's error rejects with
   * a UserError (a CopyMismatch for another copy of its strategy); with `timeoutMs`, a trial still
   * running that long after its thread began it is ended (the thread with it) and rejects with a
   * TrialTimedOut; a trial still waiting for a thread when `stop` aborts is never begun and
   * rejects with a TrialNotBegun.
   */
  run(spec: TrialSpec, limits?: { readonly timeoutMs?: number; readonly stop?: AbortSignal }): Promise<TrialResult>;
  close(): Promise<void>;
}

/** A trial that waited for a thread until its run was stopped (Ctrl-C): not run, nothing to report. */
export class TrialNotBegun extends Error {
  override readonly name = 'TrialNotBegun';
}

/** One worker per core by default. */
export const defaultWorkers = (): number => availableParallelism();

const isTrialStarted = (message: unknown): message is TrialStarted => typeof message === 'object' && message !== null && typeof (message as TrialStarted).trialStarted === 'number';

// The worker is a sibling module with this file's own extension (.ts from source, .js once built).
const WORKER = new URL(`./worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

export function localPool(market: SharedMarket, workers: number): TrialPool {
  if (!(Number.isInteger(workers) && workers >= 1)) throw new UserError(`--workers must be a whole number ≥ 1, got ${workers}`);
  // Threads start with the first trials (minThreads 0): a sweep whose trials are all stored starts none,
  // and none is ended while it is still starting.
  const pool = new Piscina<TrialTask, WorkerAnswer>({ filename: WORKER.href, minThreads: 0, maxThreads: workers, idleTimeout: 60_000, workerData: { market } });
  // Each trial with a limit, by task id: what starts its clock once its thread says it began.
  const clocks = new Map<number, () => void>();
  pool.on('message', (message: unknown) => {
    if (isTrialStarted(message)) clocks.get(message.trialStarted)?.();
  });
  const slots = threadSlots(workers);
  let tasks = 0;
  return {
    workers,
    async run(spec, { timeoutMs, stop } = {}) {
      if (!(await slots.take(stop))) throw new TrialNotBegun(`trial ${spec.name} was not begun: stopped`);
      const id = tasks++;
      const limit = timeoutMs === undefined ? null : new AbortController();
      let timer: NodeJS.Timeout | undefined;
      let ended: Promise<void> = Promise.resolve();
      if (limit !== null) clocks.set(id, () => (timer = setTimeout(() => (ended = threadsEndedBy(pool, () => limit.abort())), timeoutMs)));
      let answer: WorkerAnswer;
      try {
        answer = await pool.run({ id, spec }, limit === null ? {} : { signal: limit.signal });
      } catch (err) {
        if (limit?.signal.aborted && timeoutMs !== undefined) throw new TrialTimedOut(spec.name, timeoutMs);
        throw err;
      } finally {
        clearTimeout(timer);
        clocks.delete(id);
        // The next trial may start a thread: not before the one this trial's limit ended is gone.
        await ended;
        slots.give();
      }
      if ('userError' in answer) throw answer.mismatch ? new CopyMismatch(answer.userError) : new UserError(answer.userError);
      return answer.trial;
    },
    close: () => pool.destroy(),
  };
}

/**
 * Runs `abort` — which makes piscina end the thread of the running task it aborts — and resolves
 * once every thread it ended has exited. A thread started while another is still being torn down
 * can crash the whole process with SIGSEGV (nodejs/node#56312: one isolate created while another
 * is disposed); it did so once in a full test run here, in a sweep whose trials passed their limit.
 */
export function threadsEndedBy(pool: Piscina, abort: () => void): Promise<void> {
  const before = pool.threads;
  abort();
  const left = new Set(pool.threads);
  return Promise.all(before.filter((thread) => !left.has(thread)).map((thread) => once(thread, 'exit'))).then(() => undefined);
}

/**
 * At most `count` trials handed to piscina at once, the others waiting here in order: piscina
 * (minThreads 0) does not replace a thread it ended — a trial past its limit, a crash — for the
 * trials it holds queued, which then never ran; a trial handed to it with a thread missing starts
 * one. `take` resolves true with a slot, or false once `stop` aborts first (no slot taken).
 */
function threadSlots(count: number): { take(stop?: AbortSignal): Promise<boolean>; give(): void } {
  let free = count;
  const waiting: ((taken: boolean) => void)[] = [];
  return {
    take(stop) {
      if (stop?.aborted) return Promise.resolve(false);
      if (free > 0) {
        free--;
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => {
        const onStop = (): void => {
          waiting.splice(waiting.indexOf(wake), 1);
          resolve(false);
        };
        const wake = (taken: boolean): void => {
          stop?.removeEventListener('abort', onStop);
          resolve(taken);
        };
        waiting.push(wake);
        stop?.addEventListener('abort', onStop, { once: true });
      });
    },
    give() {
      const next = waiting.shift();
      if (next === undefined) free++;
      else next(true);
    },
  };
}

/**
 * Trials on worker threads here: two in flight per worker, fed as they finish, each ended past
 * `timeoutMs` (`--trial-timeout`) and then failed (`exhausted`, its message timeoutReason) while
 * the others go on. A trial that failed so before is not run again under a limit no longer than
 * the one it ran past (trialTimeout.ts failsAgainHere).
 */
export function localExecutor(market: SharedMarket, workers: number, timeoutMs: number): TrialExecutor {
  const pool = localPool(market, workers);
  return {
    run: (todo, sink, signal) => feed(pool, timeoutMs, todo, sink, signal),
    failsAgain: (failure) => failsAgainHere(failure, timeoutMs),
    close: () => pool.close(),
  };
}

/**
 * Run `todo` on the pool, reporting each trial to `sink` as it finishes. When `signal` aborts, or
 * a trial crashes, feeding stops: the trials running finish (each within `timeoutMs`), those
 * waiting for a thread are not begun.
 */
async function feed(pool: TrialPool, timeoutMs: number, todo: readonly TrialSpec[], sink: TrialSink, signal: AbortSignal | undefined): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) stop.abort();
  const lane = async (): Promise<void> => {
    while (next < todo.length && !stop.signal.aborted) {
      const spec = todo[next++];
      try {
        sink.done(await pool.run(spec, { timeoutMs, stop: stop.signal }));
      } catch (err) {
        if (err instanceof TrialNotBegun) break;
        if (err instanceof TrialTimedOut) sink.failed(spec, err.message, 'exhausted');
        else if (err instanceof UserError && !(err instanceof CopyMismatch)) sink.failed(spec, err.message, 'user');
        else {
          failure ??= err;
          stop.abort();
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(pool.workers * 2, todo.length) }, lane));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (failure !== null) throw failure;
}
