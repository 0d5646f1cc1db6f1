// The coordinator's side of a distributed sweep: the trials go to a BullMQ queue on Redis as jobs
// (job id = trial key and this sweep's timeout and attempts, protocol.ts trialJobId: adding a
// trial that is queued, running or done already with them adds nothing), and their results come
// back from the queue's events. Retries, stalled-job recovery (a worker killed mid-trial) and
// concurrency are BullMQ's. The coordinator stays the only writer of the results store; it never
// runs a trial itself.
//
// Events can be missed — the coordinator restarted, Redis restarted — so whenever no event has
// come for a while the coordinator also asks the queue for the state of each trial still awaited,
// and collects what finished meanwhile. `--resume` re-attaches the same way: re-adding with the
// same settings is a no-op, and every trial done while no coordinator listened is collected from
// its job; with other settings (a longer --trial-timeout) its jobs are new ones, run under them.

import { Job, Queue, QueueEvents } from 'bullmq';
import type { TrialExecutor, TrialSink } from '../execute.ts';
import type { TrialSpec } from '../trial.ts';
import { queueConnection, reachable } from './connection.ts';
import { watchQueueErrors } from './queueErrors.ts';
import { DEFAULT_TRIAL_TIMEOUT_MS } from '../trialTimeout.ts';
import { DEFAULT_ATTEMPTS, decodeResult, type MarketRequest, QUEUE_NAME, type QueueSettings, type TrialJob, trialJob, trialJobId, USER_ERROR } from './protocol.ts';

/** Without an event for this long, the awaited trials' jobs are read directly. */
const QUIET_MS = 1_000;
/** Jobs read per round trip when reconciling. */
const CHUNK = 200;
/** Finished jobs stay in Redis this long (for `--resume` by a coordinator that was away). */
const KEEP_SECONDS = 7 * 24 * 3600;

/**
 * Trials as jobs whose attempts end `timeoutMs` after their thread began them (`--trial-timeout`).
 * Resolves once Redis answers (else a one-line UserError: nothing is queued or written).
 */
export async function queueExecutor(settings: QueueSettings, market: MarketRequest, fingerprint: string, timeoutMs = DEFAULT_TRIAL_TIMEOUT_MS): Promise<TrialExecutor> {
  const connection = queueConnection(settings.url);
  await reachable(connection);
  const queue = new Queue<TrialJob, string>(QUEUE_NAME, { connection: connection.options });
  const events = new QueueEvents(QUEUE_NAME, { connection: connection.options, autorun: false });
  const outage = watchQueueErrors(connection.label, [queue, events], { log: settings.log });
  // Listening starts once, for every `run` of this executor (a walk-forward test runs one per run).
  events.run().catch(() => {}); // ends when closed; its errors go to watchQueueErrors
  await events.waitUntilReady();
  const attempts = settings.attempts ?? DEFAULT_ATTEMPTS;
  const jobId = (spec: TrialSpec): string => trialJobId(spec.key, timeoutMs, attempts);
  return {
    async run(todo, sink, signal) {
      const awaited = new Awaited(todo, sink, jobId);
      let lastEvent = Date.now();
      const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: string }): void => {
        lastEvent = Date.now();
        outage.back();
        awaited.done(jobId, returnvalue);
      };
      const onFailed = ({ jobId }: { jobId: string }): void => {
        lastEvent = Date.now();
        // A failed attempt with attempts left goes back to wait; only a job in `failed` is final.
        settleFromJob(queue, jobId, awaited).then(undefined, retryLater);
      };
      events.on('completed', onCompleted);
      events.on('failed', onFailed);
      const enqueue = async (specs: readonly TrialSpec[]): Promise<void> => {
        for (let k = 0; k < specs.length; k += CHUNK) {
          await queue.addBulk(
            specs.slice(k, k + CHUNK).map((spec) => ({
              name: spec.name,
              data: trialJob(spec, market, fingerprint, timeoutMs),
              opts: { jobId: jobId(spec), attempts, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: KEEP_SECONDS }, removeOnFail: { age: KEEP_SECONDS } },
            })),
          );
        }
      };
      /** Settle what finished unheard; queue again what Redis lost (restarted without persistence). */
      const catchUp = async (retryExhausted: boolean): Promise<void> => {
        const missing = await reconcile(queue, awaited, retryExhausted);
        if (missing.length > 0) {
          settings.log?.(`${missing.length} awaited trial${missing.length === 1 ? ' is' : 's are'} no longer in the queue (Redis lost its data?): queued again`);
          await enqueue(missing);
        }
      };
      try {
        await enqueue(todo);
        // Trials queued or done before (a resumed sweep, another sweep with the same trials); those
        // whose attempts ran out before are given their attempts again.
        await catchUp(true);
        let catchingUp = false;
        await new Promise<void>((resolve) => {
          const tick = setInterval(() => {
            if (awaited.size === 0 || signal?.aborted) {
              clearInterval(tick);
              resolve();
            } else if (Date.now() - lastEvent > QUIET_MS && !catchingUp) {
              // One read at a time: while Redis is away a read waits for it.
              catchingUp = true;
              catchUp(false)
                .then(outage.back, retryLater)
                .finally(() => {
                  catchingUp = false;
                  lastEvent = Date.now();
                });
            }
          }, 100);
        });
      } finally {
        events.off('completed', onCompleted);
        events.off('failed', onFailed);
      }
    },
    // Exhausted attempts (crashes, timeouts) may be a worker's trouble: a --resume gives them their attempts again.
    failsAgain: (failure) => failure.kind === 'user',
    async close() {
      await events.close();
      await queue.close();
    },
  };
}

/** A read that failed while Redis was away: the next quiet tick reads again. */
const retryLater = (): void => {};

/** The trials still awaited, by job id, each reported to the sink once. */
class Awaited {
  readonly #specs: Map<string, TrialSpec>;
  readonly #sink: TrialSink;

  constructor(todo: readonly TrialSpec[], sink: TrialSink, jobId: (spec: TrialSpec) => string) {
    this.#specs = new Map(todo.map((t) => [jobId(t), t]));
    this.#sink = sink;
  }

  get size(): number {
    return this.#specs.size;
  }

  ids(): string[] {
    return [...this.#specs.keys()];
  }

  spec(id: string): TrialSpec | undefined {
    return this.#specs.get(id);
  }

  done(id: string, returnvalue: string): void {
    if (!this.#specs.delete(id)) return;
    this.#sink.done(decodeResult(returnvalue));
  }

  failed(id: string, message: string, kind: 'user' | 'exhausted'): void {
    const spec = this.#specs.get(id);
    if (spec === undefined) return;
    this.#specs.delete(id);
    this.#sink.failed(spec, message, kind);
  }
}

/** Read the jobs of the awaited trials and settle those that finished; returns the trials whose job is gone. */
async function reconcile(queue: Queue<TrialJob, string>, awaited: Awaited, retryExhausted = false): Promise<TrialSpec[]> {
  const ids = awaited.ids();
  const missing: TrialSpec[] = [];
  for (let k = 0; k < ids.length; k += CHUNK) {
    const found = await Promise.all(ids.slice(k, k + CHUNK).map((id) => settleFromJob(queue, id, awaited, retryExhausted)));
    found.forEach((there, j) => {
      const spec = there ? undefined : awaited.spec(ids[k + j] as string);
      if (spec !== undefined) missing.push(spec);
    });
  }
  return missing;
}

/**
 * A job's final state, if it has one: completed → its result; failed for the user's reason → a
 * failure recorded as such (never retried); failed after its attempts ran out (worker crashes,
 * timeouts) → a failure recorded as exhausted, or, when re-attaching, queued once more (its id
 * names this sweep's timeout and attempts, so its data and options are this sweep's). False when
 * the job is not in Redis at all.
 */
async function settleFromJob(queue: Queue<TrialJob, string>, id: string, awaited: Awaited, retryExhausted = false): Promise<boolean> {
  // The state first: a job read before it completes has no result yet, and a finished job stays finished.
  const state = await queue.getJobState(id);
  if (state === 'unknown') return false;
  if (state !== 'completed' && state !== 'failed') return true;
  const job = await Job.fromId<TrialJob, string>(queue, id);
  if (job === undefined) return false;
  if (state === 'completed') awaited.done(id, job.returnvalue);
  else if (job.failedReason.startsWith(USER_ERROR)) awaited.failed(id, job.failedReason.slice(USER_ERROR.length), 'user');
  else if (retryExhausted) await job.retry('failed', { resetAttemptsMade: true });
  else awaited.failed(id, `failed ${job.attemptsMade} times: ${job.failedReason}`, 'exhausted');
  return true;
}
