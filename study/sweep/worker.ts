// A worker thread of the local trial pool: opens the market shared by the coordinator (views over
// its SharedArrayBuffer, no copy, no reload) once, then runs the trials it is handed. A user's
// mistake travels back as a message to re-throw as a UserError; anything else is a crash.

import { workerData } from 'piscina';
import { isUserFacing } from '../../data/errors.ts';
import { openSharedMarket, type SharedMarket } from './sharedMarket.ts';
import { CopyMismatch } from './mismatch.ts';
import { runTrial, type TrialResult, type TrialSpec } from './trial.ts';

const market = openSharedMarket((workerData as { market: SharedMarket }).market);

export type WorkerAnswer = { readonly trial: TrialResult } | { readonly userError: string; readonly mismatch: boolean };

export default async function runInWorker(spec: TrialSpec): Promise<WorkerAnswer> {
  try {
    return { trial: await runTrial(spec, market) };
  } catch (err) {
    if (isUserFacing(err)) return { userError: err.message, mismatch: err instanceof CopyMismatch };
    throw err;
  }
}
