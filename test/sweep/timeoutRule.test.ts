// The one rule of `--trial-timeout` (study/sweep/trialTimeout.ts), here and on a queue: the range
// of the limit, the message of a trial past it, how a stored failure is read back as one, and
// which of them a `--resume` on the worker threads here leaves alone. Behaviour end to end:
// trialTimeout.test.ts.

import { describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { failsAgainHere, timedOut, timedOutAfter, timeoutReason, trialTimeoutMs } from '../../study/sweep/trialTimeout.ts';

describe('the timeout rule (trialTimeout.ts)', () => {
  it('names the trial and the limit, and reads the limit back from a stored failure, here or a queue\'s, with or without "(--trial-timeout)"', () => {
    expect(timeoutReason('a[x=2]', 1500)).toBe('trial a[x=2] ran longer than 1.5 s (--trial-timeout)');
    expect(timedOutAfter({ kind: 'exhausted', message: 'trial a[x=2] ran longer than 1.5 s (--trial-timeout)' })).toBe(1500);
    // A queue's, after 3 attempts; and one a store kept from before the flag was named.
    expect(timedOutAfter({ kind: 'exhausted', message: 'failed 3 times: trial a[x=2] ran longer than 600 s (--trial-timeout)' })).toBe(600_000);
    expect(timedOutAfter({ kind: 'exhausted', message: 'failed 1 times: trial b[x=2] ran longer than 0.05 s' })).toBe(50);
    // The user's error that happens to end so is no timeout; nor is a crash.
    expect(timedOutAfter({ kind: 'user', message: 'strategy "a" failed: it ran longer than 5 s' })).toBeNull();
    expect(timedOut({ kind: 'exhausted', message: 'failed 3 times: job stalled more than allowable limit' })).toBe(false);
  });

  it('leaves a trial that ran past a limit at least as long as this one, or failed for the user\'s reason; runs again one past a shorter limit, or a crash', () => {
    const past = (seconds: number) => ({ kind: 'exhausted', message: timeoutReason('a[x=2]', seconds * 1000) });
    expect(failsAgainHere(past(5), 5000)).toBe(true);
    expect(failsAgainHere(past(5), 2000)).toBe(true);
    expect(failsAgainHere(past(5), 6000)).toBe(false);
    expect(failsAgainHere({ kind: 'user', message: 'boom' }, 6000)).toBe(true);
    expect(failsAgainHere({ kind: 'exhausted', message: 'failed 3 times: worker exited with code: 1' }, 6000)).toBe(false);
  });

  it('refuses a limit that is not a number of seconds > 0, or longer than a timer holds (2³¹ − 1 ms: Node fired longer ones at once)', () => {
    expect(trialTimeoutMs(600)).toBe(600_000);
    expect(trialTimeoutMs(2_147_483.647)).toBe(2 ** 31 - 1);
    expect(() => trialTimeoutMs(0)).toThrow(new UserError('--trial-timeout must be a number of seconds > 0, got 0'));
    expect(() => trialTimeoutMs(Number.NaN)).toThrow(new UserError('--trial-timeout must be a number of seconds > 0, got NaN'));
    expect(() => trialTimeoutMs(2_147_484)).toThrow(new UserError('--trial-timeout must be at most 2147483 seconds (24.8 days, the longest timer), got 2147484'));
  });
});
