// Whose is an error raised outside breadth's calls (strategies/asyncFault.ts): a frame in a user's
// file makes it the user's, named at that frame; breadth's own stack (or a dependency's) is not;
// a value that is no Error, or an Error without frames, is the user's only once a user's file is loaded.

import { describe, expect, it } from 'vitest';
import { StrategyError } from '../../data/errors.ts';
import { asyncFault, userCodeSettled } from '../../strategies/asyncFault.ts';
import { noteUserFile } from '../../strategies/userFiles.ts';

const LIBRARY = new URL('../../', import.meta.url).pathname;
const FIX = 'breadth calls a strategy or model synchronously and awaits nothing it starts: handle the error where that work runs, or do the work within the call';

/** An Error with `frames` as its stack, innermost first. */
function raised(message: string, frames: string[]): Error {
  const err = new Error(message);
  err.stack = [`Error: ${message}`, ...frames.map((f) => `    at ${f}`)].join('\n');
  return err;
}

describe('asyncFault', () => {
  it("names the user's frame: the first frame outside breadth, its dependencies and Node", () => {
    const err = raised('later', [`Timeout._onTimeout (${LIBRARY}engine/decisions/view.ts:10:3)`, 'Object.decide (/home/me/mine.ts:4:60)', 'listOnTimeout (node:internal/timers:588:17)']);
    expect(asyncFault(err, 'unhandledRejection')).toEqual(new StrategyError(`/home/me/mine.ts:4:60: a promise the code there started and never awaited rejected: later — ${FIX}`));
    expect(asyncFault(err, 'uncaughtException')?.message).toBe(`/home/me/mine.ts:4:60: a callback the code there left to run later (a timer, an event) threw: later — ${FIX}`);
  });

  it("leaves breadth's own (and a dependency's) to be its internal error", () => {
    expect(asyncFault(raised('bug', [`writeRun (${LIBRARY}reports/store/writeRun.ts:80:11)`, 'processTicksAndRejections (node:internal/process/task_queues:105:5)']), 'unhandledRejection')).toBeUndefined();
    expect(asyncFault(raised('socket', [`Socket.onError (${LIBRARY}node_modules/ioredis/built/Redis.js:1:1)`]), 'uncaughtException')).toBeUndefined();
  });

  it('a value that is no Error, or an Error without frames, is the user\'s once a user file is loaded: named by the files', () => {
    const bare = new Error('gone');
    bare.stack = 'Error: gone';
    expect(asyncFault('nope', 'unhandledRejection')).toBeUndefined();
    expect(asyncFault(bare, 'unhandledRejection')).toBeUndefined();
    noteUserFile('/home/me/mine.ts');
    noteUserFile('/home/me/fees.ts');
    expect(asyncFault('nope', 'unhandledRejection')?.message).toBe(`/home/me/mine.ts, /home/me/fees.ts: a promise the code there started and never awaited rejected with the string "nope", not an Error — ${FIX}`);
    expect(asyncFault(bare, 'uncaughtException')?.message).toBe(`/home/me/mine.ts, /home/me/fees.ts: a callback the code there left to run later (a timer, an event) threw: gone — ${FIX}`);
    const revoked = Proxy.revocable(new Error('x'), {});
    revoked.revoke();
    expect(asyncFault(revoked.proxy, 'unhandledRejection')?.message).toMatch(/with a value breadth cannot read/);
  });

  it('userCodeSettled: a promise rejected and a 0 ms timer set before it are in by the time it resolves', async () => {
    const seen: string[] = [];
    const onRejection = (): void => void seen.push('rejection');
    process.on('unhandledRejection', onRejection);
    try {
      setTimeout(() => seen.push('timer'), 0);
      void Promise.reject(new Error('later'));
      await userCodeSettled();
      expect(seen.sort()).toEqual(['rejection', 'timer']);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
