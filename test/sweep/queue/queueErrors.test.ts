// BullMQ's `error` events told apart: only a lost connection says Redis is unreachable. A worker
// whose event loop is blocked past its lock duration (it loads the market) loses its job's lock
// while Redis is up; it says that, once, and the queue runs the job again (probe r69c F1: it said
// "Redis at … is unreachable (could not renew lock for job …)", and "worker stopped after 21
// trials" of a 20-trial sweep). The errors are real ones: ioredis against a closed port, BullMQ's
// scripts and lock renewal against a real redis-server.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyQueueError, watchQueueErrors } from '../../../study/sweep/queue/queueErrors.ts';
import { runQueueWorker } from '../../../study/sweep/queue/queueWorker.ts';
import { QUEUE_NAME } from '../../../study/sweep/queue/protocol.ts';
import { startBreadth, until } from './processes.ts';
import { noRedisReason, redisServerBinary, startRedis, type TestRedis } from './redis.ts';

if (redisServerBinary === null) console.warn(noRedisReason);

/** Hold this thread for `ms`, as a synchronous market load does: no timer of BullMQ's runs meanwhile. */
function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** The error an ioredis client emits when nothing listens on the port. */
async function refusedError(): Promise<Error> {
  const port = await new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  const emitted = new Promise<Error>((done) => client.once('error', done));
  await client.connect().catch(() => {});
  client.disconnect();
  return emitted;
}

describe('classifyQueueError', () => {
  it('a refused connection is a connection error; a script error or a lock message is not', async () => {
    expect(classifyQueueError(await refusedError())).toEqual({ kind: 'connection', reason: 'ECONNREFUSED' });
    expect(classifyQueueError(new Error('Connection is closed.'))).toEqual({ kind: 'connection', reason: 'Connection is closed.' });
    expect(classifyQueueError(new Error('could not renew lock for job ab12-600000ms-3x'))).toEqual({ kind: 'lock', jobId: 'ab12-600000ms-3x' });
    expect(classifyQueueError(new Error('ERR Error running script'))).toEqual({ kind: 'other', message: 'ERR Error running script' });
  });

  it('says an outage once until Redis is back, each lost lock once, each other error once; never "unreachable" but for a connection error', async () => {
    const lines: string[] = [];
    const listeners: ((err: Error) => void)[] = [];
    const source = { on: (_: 'error', listener: (err: Error) => void) => listeners.push(listener) };
    const errors = watchQueueErrors('redis://h:1/0', [source], { log: (line) => lines.push(line), lostLock: (id) => `lost ${id}` });
    const emit = (err: Error): void => listeners.forEach((l) => l(err));
    const refused = await refusedError();
    emit(new Error('could not renew lock for job j1'));
    emit(new Error('could not renew lock for job j1'));
    emit(Object.assign(new Error('Missing lock for job j1. moveToFinished'), { code: -2 }));
    emit(new Error('ERR something odd'));
    emit(new Error('ERR something odd'));
    emit(refused);
    emit(refused);
    errors.back();
    errors.back();
    emit(refused);
    expect(lines).toEqual([
      'lost j1',
      'the queue at redis://h:1/0 reported an error: ERR something odd',
      'Redis at redis://h:1/0 is unreachable (ECONNREFUSED); waiting for it to come back, trials in progress go on',
      'Redis at redis://h:1/0 answers again',
      'Redis at redis://h:1/0 is unreachable (ECONNREFUSED); waiting for it to come back, trials in progress go on',
    ]);
  });
});

describe.skipIf(redisServerBinary === null)('lost locks on a real Redis', () => {
  let redis: TestRedis;
  let dir: string;
  beforeAll(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'breadth-lock-'));
  });
  afterAll(async () => {
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("BullMQ's own lock errors — a job finished without its lock, or with another worker's — are lock errors", async () => {
    const connection = { host: '127.0.0.1', port: redis.port, db: 1 };
    const queue = new Queue('locks', { connection });
    const worker = new Worker('locks', null, { connection, lockDuration: 1_000, autorun: false });
    const seen: Error[] = [];
    worker.on('error', (err) => seen.push(err));
    try {
      await queue.add('a', {}, { jobId: 'job-a' });
      await queue.add('b', {}, { jobId: 'job-b' });
      const a = await worker.getNextJob('token-a');
      const b = await worker.getNextJob('token-b');
      const client = redis.client();
      await client.select(1);
      await client.del('bull:locks:job-a:lock'); // as if it had expired
      await client.set('bull:locks:job-b:lock', 'another worker');
      const missing = await a?.moveToCompleted('r', 'token-a', false).catch((e: Error) => e);
      const mismatch = await b?.moveToCompleted('r', 'token-b', false).catch((e: Error) => e);
      expect(classifyQueueError(missing as Error)).toEqual({ kind: 'lock', jobId: 'job-a' });
      expect(classifyQueueError(mismatch as Error)).toEqual({ kind: 'lock', jobId: 'job-b' });
      expect(seen).toEqual([]);
    } finally {
      await worker.close(true);
      await queue.close();
    }
  });

  it('a worker blocked past --lock-duration on its first job says it lost the lock (not that Redis is unreachable); the job runs again and every trial is stored once', async () => {
    const study = join(dir, 'lock.yaml');
    // A built-in strategy: this process's trial threads resolve `breadth` without the source condition.
    writeFileSync(
      study,
      [
        'title: lost lock',
        'data: sample',
        'sample: { stocks: 40, years: 4 }',
        'benchmark: "@largeCap"',
        'runs:',
        '  - name: tilt',
        '    strategy: size-tilt',
        '    params: { mode: etf }',
        '    sweep: { params: { tilt: [0, 0.5, 1] } }',
        '',
      ].join('\n'),
    );
    const url = `${redis.url}/2`;
    const db = join(dir, 'lock.db');
    const lines: string[] = [];
    const stop = new AbortController();
    const worker = runQueueWorker({ url, concurrency: 1, data: 'sample', lockMs: 1_000, signal: stop.signal, log: (line) => lines.push(line) });
    await until(() => lines.some((l) => l.startsWith('worker ready')), 'the worker');
    const coordinator = startBreadth(['sweep', study, '--queue', url, '--db', db, '--no-report', '--keep', '0', '--json'], dir);
    const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port, db: 2 } });
    try {
      await until(async () => (await queue.getActiveCount()) > 0, 'a job in progress', 60_000);
      block(2_500); // 2.5 s > the 1 s lock: no renewal can run meanwhile
      const ended = await coordinator.exited;
      expect(ended.code, coordinator.output()).toBe(0);
    } finally {
      await queue.close();
      stop.abort();
      await coordinator.kill();
    }
    const outcome = await worker;
    const lost = lines.filter((l) => l.startsWith('lost the lock'));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatch(/^lost the lock on job tilt\[tilt=(0|0\.5|1)\] \(not renewed within --lock-duration 1 s: the worker was busy, e\.g\. loading the market\); the queue will run it again — a longer --lock-duration avoids it$/);
    expect(lines.filter((l) => /unreachable|answers again|reported an error/.test(l))).toEqual([]);
    // 3 trials, each stored once; the run whose lock was lost delivered nothing, so 3 completed, not 4.
    expect(outcome.completed).toBe(3);
    const store = new Database(db, { readonly: true });
    try {
      expect(store.prepare('SELECT COUNT(*) FROM sweep_trials').pluck().get()).toBe(3);
    } finally {
      store.close();
    }
    expect(JSON.parse(coordinator.stdout()).trials).toBe(3);
  });
});
