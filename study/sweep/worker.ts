// A worker thread of the local trial pool: opens the market shared by the coordinator (views over
// its SharedArrayBuffer, no copy, no reload) once, then runs the trials it is handed. A user's
// mistake travels back as a message to re-throw as a UserError; anything else is a crash. So does
// an error the trial's strategy or model raised outside breadth's calls (a promise it never
// awaited, a timer it set: strategies/asyncFault.ts): the trial fails as its synchronous throw
// would, and the thread runs the next. Breadth's own such error still ends the thread (a crash).
// It tells the pool when it begins a trial, whose `--trial-timeout` counts from then (pool.ts).

import { parentPort } from 'node:worker_threads';
import { workerData } from 'piscina';
import { isUserFacing } from '../../data/errors.ts';
import { asyncFault, type AsyncFaultEvent } from '../../strategies/asyncFault.ts';
import { openSharedMarket, type SharedMarket } from './sharedMarket.ts';
import { CopyMismatch } from './mismatch.ts';
import { runTrial, type TrialResult, type TrialSpec } from './trial.ts';

const market = openSharedMarket((workerData as { market: SharedMarket }).market);

/**
 * The user's errors raised outside breadth's calls since this thread last answered: those of the
 * trial it runs (replayTrial waits a turn for them), or of an earlier one whose timer fired after
 * it answered — not dropped: the first fails the next answer, naming its file and line (a trial
 * that threw itself fails with its own error).
 */
const faults: Error[] = [];

const onFault = (event: AsyncFaultEvent) => (reason: unknown) => {
  const fault = asyncFault(reason, event);
  if (fault === undefined) throw reason; // breadth's own: the thread ends, a crash, as without this handler
  faults.push(fault);
};
process.on('unhandledRejection', onFault('unhandledRejection'));
process.on('uncaughtException', onFault('uncaughtException'));

/** A trial handed to a thread: `id` numbers it among the pool's tasks. */
export interface TrialTask {
  readonly id: number;
  readonly spec: TrialSpec;
}

export type WorkerAnswer = { readonly trial: TrialResult } | { readonly userError: string; readonly mismatch: boolean };

/** What a thread posts to the pool as it begins task `trialStarted` (piscina's 'message' event). */
export interface TrialStarted {
  readonly trialStarted: number;
}

export default async function runInWorker({ id, spec }: TrialTask): Promise<WorkerAnswer> {
  parentPort?.postMessage({ trialStarted: id } satisfies TrialStarted);
  try {
    const trial = await runTrial(spec, market);
    const fault = faults.splice(0)[0];
    return fault === undefined ? { trial } : { userError: fault.message, mismatch: false };
  } catch (err) {
    faults.length = 0;
    if (isUserFacing(err)) return { userError: err.message, mismatch: err instanceof CopyMismatch };
    throw err;
  }
}
