// A trial past its --trial-timeout has its thread ended; the next trial may start a thread only
// once that one has exited: a thread started while another is torn down can crash the process with
// SIGSEGV (nodejs/node#56312), as one full test run here did in trialTimeout.test.ts. Real threads.

import { once } from 'node:events';
import { Piscina } from 'piscina';
import { describe, expect, it } from 'vitest';
import { threadsEndedBy } from '../../study/sweep/pool.ts';

describe('threadsEndedBy', () => {
  it('resolves only after the thread of the aborted running task has exited', { timeout: 20_000 }, async () => {
    const pool = new Piscina({ filename: new URL('./fixtures/loopingTask.mjs', import.meta.url).href, minThreads: 0, maxThreads: 1 });
    try {
      const limit = new AbortController();
      const started = new SharedArrayBuffer(4);
      const looping = pool.run(started, { signal: limit.signal }).catch((err: Error) => err.name);
      while (Atomics.load(new Int32Array(started), 0) === 0) await new Promise((r) => setTimeout(r, 10));
      const [thread] = pool.threads;
      let exited = false;
      void once(thread, 'exit').then(() => (exited = true));
      await threadsEndedBy(pool, () => limit.abort());
      expect(exited).toBe(true);
      expect(await looping).toBe('AbortError');
      expect(pool.threads).not.toContain(thread);
    } finally {
      await pool.destroy();
    }
  });

  it('resolves at once when the abort ended no thread (the task had already finished)', async () => {
    const pool = new Piscina({ filename: new URL('./fixtures/loopingTask.mjs', import.meta.url).href, minThreads: 0, maxThreads: 1 });
    try {
      let aborted = false;
      await threadsEndedBy(pool, () => (aborted = true));
      expect(aborted).toBe(true);
    } finally {
      await pool.destroy();
    }
  });
});
