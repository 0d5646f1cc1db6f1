// A sweep (or a walk-forward window) none of whose trials produced a result has measured nothing:
// it ended 0 with "0 trials … 2 trials failed", so a CI step `breadth sweep … && next` passed
// (probe r48d F3). It is an error, in one line, whose kind sets the exit code: the user's (2) when
// every failure is — a strategy that threw or refused its parameters, a trial (or a queue's
// attempts) that ran past its `--trial-timeout` — else breadth's (70): trials that crashed on the workers.

import { UserError } from '../../data/errors.ts';
import type { TrialFailure } from '../../reports/store/index.ts';
import { timedOut } from './trialTimeout.ts';

/**
 * The error of `what` (`sweep 3`, `…: the in-sample window 2019-01-02..2023-12-29`) whose trials
 * all failed with `failures` (at least one): the first failure's message, and how many there are.
 */
export function noResultError(what: string, failures: readonly TrialFailure[]): Error {
  const first = failures[0];
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : '';
  const message = `no trial of ${what} produced a result: ${failures.length === 1 ? 'its one trial' : `all ${failures.length}`} failed — ${first.name}: ${first.message}${more}`;
  return failures.every((f) => f.kind === 'user' || timedOut(f)) ? new UserError(message) : new Error(message);
}
