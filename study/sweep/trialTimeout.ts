// How long a trial may run (`--trial-timeout`), wherever it runs: on the worker threads here or
// on a queue's `breadth worker`. The pool (pool.ts) starts a trial's clock when its thread begins
// it and ends the thread past the limit; the trial then fails with timeoutReason. This module is
// the one rule: the limit's range, the failure's message, how a stored failure is known as a
// timeout, and which timed-out trials a `--resume` here leaves alone.

import { UserError } from '../../data/errors.ts';

/** 10 minutes, the `--trial-timeout` default. */
export const DEFAULT_TRIAL_TIMEOUT_MS = 10 * 60_000;

/** The longest limit a timer holds: 2³¹ − 1 ms, about 24.8 days (Node's setTimeout fires at once past it). */
export const MAX_TRIAL_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * `--trial-timeout` `seconds` in milliseconds; a UserError in one line when it is not a number of
 * seconds > 0, or longer than a timer holds (MAX_TRIAL_TIMEOUT_MS).
 */
export function trialTimeoutMs(seconds: number): number {
  if (!(Number.isFinite(seconds) && seconds > 0)) throw new UserError(`--trial-timeout must be a number of seconds > 0, got ${seconds}`);
  const ms = seconds * 1000;
  if (ms > MAX_TRIAL_TIMEOUT_MS) throw new UserError(`--trial-timeout must be at most ${Math.floor(MAX_TRIAL_TIMEOUT_MS / 1000)} seconds (24.8 days, the longest timer), got ${seconds}`);
  return ms;
}

/** The message of a trial `name` that ran past `timeoutMs`: "trial a[x=2] ran longer than 5 s (--trial-timeout)". */
export const timeoutReason = (name: string, timeoutMs: number): string => `trial ${name} ran longer than ${timeoutMs / 1000} s (--trial-timeout)`;

/** A trial ended past its limit (its thread was ended); the message is timeoutReason. Not the user's error as such: a queue tries it again. */
export class TrialTimedOut extends Error {
  override readonly name = 'TrialTimedOut';
  constructor(trial: string, timeoutMs: number) {
    super(timeoutReason(trial, timeoutMs));
  }
}

/** The end of a stored timeout's message; stores written before "(--trial-timeout)" was said hold it without. */
const TIMED_OUT = / ran longer than ([0-9.e+-]+) s(?: \(--trial-timeout\))?$/;

/**
 * The limit, in ms, a failed trial ran past: a failure `exhausted` whose message ends with
 * timeoutReason (here: its one attempt; on a queue: its last one, "failed 3 times: trial …");
 * null for any other failure.
 */
export function timedOutAfter(failure: { readonly kind: string; readonly message: string }): number | null {
  const match = failure.kind === 'exhausted' ? TIMED_OUT.exec(failure.message) : null;
  const seconds = match ? Number(match[1]) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : null;
}

/** True for a failure whose (last) attempt ran past its `--trial-timeout`. */
export const timedOut = (failure: { readonly kind: string; readonly message: string }): boolean => timedOutAfter(failure) !== null;

/**
 * Whether a trial that failed so before fails so again on the worker threads here under a limit of
 * `timeoutMs`, so `--resume` does not run it: the user's error, always (the same key is the same
 * strategy source, parameters and data); a run past a limit at least as long — the same trial
 * under the same or a shorter limit would, and a longer one runs it again under that limit. A
 * crash on a queue's workers is tried again.
 */
export function failsAgainHere(failure: { readonly kind: string; readonly message: string }, timeoutMs: number): boolean {
  if (failure.kind === 'user') return true;
  const after = timedOutAfter(failure);
  return after !== null && after >= timeoutMs;
}
