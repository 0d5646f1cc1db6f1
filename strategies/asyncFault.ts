// A strategy's or model's error raised outside any call breadth made into it: a promise its code
// started and never awaited (an un-awaited fetch that fails) that rejected, or a callback it left to
// run later (a timer set in create()) that threw. Breadth calls strategies and models
// synchronously and awaits nothing they start, so such an error reaches the process
// ('unhandledRejection', 'uncaughtException') with no session to name. Whose it is is read from
// its stack, as a synchronous throw's is (engine/decisions/strategyFault.ts strategyFrame): a frame in a
// user's file makes it the user's; so does a value that is no Error, or an Error without frames,
// where a user's file is loaded (userFiles.ts: breadth throws only Errors, with their stacks).
// The CLI turns the user's into its one line, exit 2 (cli/main.ts); a sweep's worker thread into
// the failure of its trial (study/sweep/worker.ts).

import { StrategyError } from '../data/errors.ts';
import { describe, hasFrames, strategyFrame } from '../engine/decisions/strategyFault.ts';
import { importedUserFiles } from './userFiles.ts';

/** How the error reached the process: the 'process' event that carried it. */
export type AsyncFaultEvent = 'unhandledRejection' | 'uncaughtException';

const HOW: Record<AsyncFaultEvent, string> = {
  unhandledRejection: 'a promise the code there started and never awaited rejected',
  uncaughtException: 'a callback the code there left to run later (a timer, an event) threw',
};

const FIX = 'breadth calls a strategy or model synchronously and awaits nothing it starts: handle the error where that work runs, or do the work within the call';

/**
 * The StrategyError for `reason`, raised outside breadth's calls and carried by `event`, where a
 * user's file is at fault: `<file>:<line>:<col>: a promise the code there started and never
 * awaited rejected: <message> — <fix>` (the files loaded in place of the frame where the stack
 * names none). Undefined where breadth's own code (or a dependency's) is. Never throws.
 */
export function asyncFault(reason: unknown, event: AsyncFaultEvent): StrategyError | undefined {
  const files = importedUserFiles();
  const theirs = files.length > 0 ? files.join(', ') : undefined;
  const fault = (where: string | undefined, what: string): StrategyError | undefined => (where === undefined ? undefined : new StrategyError(`${where}: ${HOW[event]}${what} — ${FIX}`));
  try {
    if (!(reason instanceof Error)) return fault(theirs, ` with ${describe(reason)}, not an Error`);
    const stack: unknown = reason.stack;
    const frame = strategyFrame(typeof stack === 'string' ? stack : undefined);
    return fault(frame ?? (hasFrames(stack) ? undefined : theirs), `: ${reason.message}`);
  } catch {
    // A value that cannot be looked at (a revoked Proxy) is no Error of breadth's.
    return fault(theirs, ' with a value breadth cannot read');
  }
}

/**
 * One turn of the event loop (a 0 ms timer), taken after a replay: what the strategy or model just
 * run left to fail later — a promise it never awaited that rejected, a 0 ms timer (already due) —
 * reaches the process's handlers now, before the run is stored or the trial reported. A timer set
 * further ahead may still fire later.
 */
export function userCodeSettled(): Promise<void> {
  return new Promise((settle) => setTimeout(settle, 0));
}
