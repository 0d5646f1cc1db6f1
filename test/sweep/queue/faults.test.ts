// A distributed sweep survives what machines do: a worker killed mid-trial, the coordinator killed
// and restarted with --resume, Redis restarted, a worker with other data. Real processes on
// loopback: a redis-server, `breadth worker`s and `breadth sweep --queue` coordinators. Each case
// ends with every planned trial stored exactly once, and the stored trials equal a local sweep's.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Job, Queue } from 'bullmq';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadStudyFile } from '../../../study/index.ts';
import { runSweep } from '../../../study/sweep/index.ts';
import { DEFAULT_ATTEMPTS, QUEUE_NAME, trialJobId } from '../../../study/sweep/queue/protocol.ts';
import { DEFAULT_TRIAL_TIMEOUT_MS } from '../../../study/sweep/trialTimeout.ts';
import { sourceFingerprint } from '../../../core/buildFingerprint.ts';
import { anotherBuild, repoRoot } from '../../cli/helpers.ts';
import { startBreadth, until, type Running } from './processes.ts';
import { noRedisReason, redisServerBinary, startRedis, type TestRedis } from './redis.ts';

if (redisServerBinary === null) console.warn(noRedisReason);

const strategy = resolve(import.meta.dirname, 'slowTilt.ts');
const TILTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/**
 * CPU time a worker's trials spend at each of their ~209 weekly decisions (4 sample years), ms:
 * SLOW_TILT_SPIN_MS of the `breadth worker`s that must be slow (slowTilt.ts); 3 ms ≈ 0.65 s a
 * trial, long enough for a fault to land while trials are in progress and more are waiting.
 */
const SLOW = 3;

function studyYaml(data: string, tilts: readonly number[]): string {
  return [
    'title: queue faults',
    `data: ${data}`,
    ...(data === 'sample' ? ['sample: { stocks: 40, years: 4 }'] : []),
    'benchmark: "@largeCap"',
    'runs:',
    '  - name: slow',
    `    strategy: ${strategy}`,
    `    sweep: { params: { tilt: [${tilts.join(', ')}] } }`,
    '',
  ].join('\n');
}

/** Each stored trial of the sweep: key → fills hash and headline metrics (what must not depend on where it ran). */
function storedTrials(db: string): Map<string, string> {
  const d = new Database(db, { readonly: true });
  try {
    const rows = d.prepare('SELECT t.key, t.fills_hash, t.sharpe, t.annual_return, t.max_drawdown, hex(t.returns) AS returns FROM trials t JOIN sweep_trials s ON s.trial_key = t.key ORDER BY t.key').all() as Record<string, unknown>[];
    return new Map(rows.map((r) => [r.key as string, JSON.stringify(r)]));
  } finally {
    d.close();
  }
}

/** One number from the store; 0 while the coordinator has not created it or its tables yet. */
function count(db: string, sql: string): number {
  if (!existsSync(db)) return 0;
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return d.prepare(sql).pluck().get() as number;
  } catch (e) {
    if (e instanceof Error && /no such table/.test(e.message)) return 0;
    throw e;
  } finally {
    d.close();
  }
}

const storedCount = (db: string): number => count(db, 'SELECT COUNT(*) FROM sweep_trials');

describe.skipIf(redisServerBinary === null)('distributed sweeps on a real Redis', () => {
  let redis: TestRedis;
  let dir: string;
  const running: Running[] = [];
  const local = new Map<string, Promise<Map<string, string>>>();

  // Each test has a Redis database of its own (the trials of two tests may share keys, and a trial
  // done in one would be collected, not run, by the other).
  let redisDb = 0;
  beforeEach(() => {
    redisDb++;
  });
  const queueUrl = (): string => `${redis.url}/${redisDb}`;
  /** A `breadth worker` whose trials spend `spinMs` at each decision (none by default: they take ~10 ms). */
  const worker = ({ data = 'sample', spinMs = 0, breadthBin }: { data?: string; spinMs?: number; breadthBin?: string } = {}): Running => {
    const w = startBreadth(['worker', '--queue', queueUrl(), '--concurrency', '1', '--data', data, '--lock-duration', '2'], dir, breadthBin, { SLOW_TILT_SPIN_MS: String(spinMs) });
    running.push(w);
    return w;
  };
  const coordinator = (study: string, store: string, ...more: string[]): Running => {
    const c = startBreadth(['sweep', study, '--queue', queueUrl(), '--db', store, '--no-report', '--keep', '0', '--json', ...more], dir);
    running.push(c);
    return c;
  };
  const writeStudy = (name: string, data: string, tilts: readonly number[] = TILTS): string => {
    const path = join(dir, name);
    writeFileSync(path, studyYaml(data, tilts));
    return path;
  };
  /**
   * The same sweep run here, on worker threads, for comparison (once per study text: equal texts
   * plan equal trials). A test with no fault to time may start it early, beside its processes.
   */
  const localSweep = (study: string): Promise<Map<string, string>> => {
    const text = readFileSync(study, 'utf8');
    let trials = local.get(text);
    if (trials === undefined) {
      const db = join(dir, `local-${local.size}.db`);
      trials = runSweep(loadStudyFile(study), { where: study, db, workers: 1, keep: 0 }).then(() => storedTrials(db));
      trials.catch(() => {}); // awaited (and its failure reported) by expectComplete
      local.set(text, trials);
    }
    return trials;
  };
  const expectComplete = async (c: Running, db: string, study: string, planned = TILTS.length): Promise<void> => {
    const ended = await c.exited;
    expect(ended.code, c.output()).toBe(0);
    const json = JSON.parse(c.stdout());
    expect(json.interrupted).toBe(false);
    expect(json.failed).toEqual([]);
    expect(storedCount(db)).toBe(planned);
    expect(count(db, 'SELECT COUNT(*) FROM trials')).toBe(planned);
    expect(storedTrials(db)).toEqual(await localSweep(study));
  };

  beforeAll(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'breadth-queue-'));
  });
  afterAll(async () => {
    for (const p of running) await p.kill('SIGKILL');
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores exactly what the local sweep stores (keys, fills hashes, metrics, daily returns)', async () => {
    const study = writeStudy('same.yaml', 'sample');
    void localSweep(study);
    const workers = [worker(), worker()];
    const db = join(dir, 'same.db');
    await expectComplete(coordinator(study, db), db, study);
    for (const w of workers) await w.kill('SIGTERM');
  });

  it('a worker killed (SIGKILL) in the middle of a trial: its job goes to the other, every trial stored once', async () => {
    const study = writeStudy('killed.yaml', 'sample');
    const db = join(dir, 'killed.db');
    // The doomed worker's trials are slow (~0.85 s), so the kill lands in one; the survivor's are quick.
    const doomed = worker({ spinMs: 4 });
    // The coordinator starts beside it: until the kill the doomed worker is the only one, so it takes every job.
    const c = coordinator(study, db);
    await until(() => doomed.output().includes('worker ready'), 'the first worker');
    // Kill it while it holds a job: the queue's active list is not empty and nothing else works.
    const queue = new Queue(QUEUE_NAME, { connection: { host: '127.0.0.1', port: redis.port, db: redisDb } });
    await until(async () => (await queue.getActiveCount()) > 0 && storedCount(db) >= 1, 'a trial in progress after the first result');
    await doomed.kill('SIGKILL');
    const survivor = worker();
    await expectComplete(c, db, study);
    // Some trial was started twice: the killed worker's, recovered as stalled.
    const started = await Promise.all([...(await localSweep(study)).keys()].map(async (key) => (await Job.fromId(queue, trialJobId(key, DEFAULT_TRIAL_TIMEOUT_MS, DEFAULT_ATTEMPTS)))?.attemptsStarted ?? 0));
    expect(started.reduce((a, b) => a + b, 0)).toBeGreaterThan(TILTS.length);
    await queue.close();
    await survivor.kill('SIGTERM');
  });

  it('the coordinator killed and restarted with --resume: the sweep completes, no trial stored twice', async () => {
    const study = writeStudy('resumed.yaml', 'sample');
    const db = join(dir, 'resumed.db');
    const workers = [worker({ spinMs: SLOW }), worker({ spinMs: SLOW })];
    const first = coordinator(study, db);
    await until(() => storedCount(db) >= 2, 'two stored trials');
    await first.kill('SIGKILL');
    const second = coordinator(study, db, '--resume');
    await expectComplete(second, db, study);
    expect(JSON.parse(second.stdout()).resumed).toBeGreaterThanOrEqual(2);
    for (const w of workers) await w.kill('SIGTERM');
  });

  /** A sweep on two workers, `fault` done to Redis after two trials are stored; resolves with the coordinator once the sweep is complete. */
  const faultMidSweep = async (name: string, fault: () => Promise<void>): Promise<Running> => {
    const study = writeStudy(`${name}.yaml`, 'sample');
    const db = join(dir, `${name}.db`);
    const workers = [worker({ spinMs: SLOW }), worker({ spinMs: SLOW })];
    const c = coordinator(study, db);
    await until(() => storedCount(db) >= 2, 'two stored trials');
    await fault();
    await expectComplete(c, db, study);
    for (const w of workers) await w.kill('SIGTERM');
    return c;
  };

  it('Redis restarted mid-sweep: workers and the coordinator reconnect, and the sweep completes', async () => {
    const c = await faultMidSweep('restarted', () => redis.restart(1_000));
    // Said once, in one line each, with no stack trace.
    expect(c.output()).toMatch(/^breadth: Redis at redis:\/\/127\.0\.0\.1:\d+\/\d+ is unreachable \(ECONNREFUSED\); waiting for it to come back, trials in progress go on$/m);
    expect(c.output()).toMatch(/^breadth: Redis at .* answers again$/m);
    expect(c.output()).not.toMatch(/\n\s+at /);
  });

  it('Redis loses its data mid-sweep (FLUSHDB, as a restart without persistence): the coordinator queues the lost trials again', async () => {
    const c = await faultMidSweep('flushed', async () => {
      const client = redis.client();
      await client.select(redisDb);
      await client.flushdb();
    });
    expect(c.output()).toMatch(/^breadth: \d+ awaited trials? (is|are) no longer in the queue \(Redis lost its data\?\): queued again$/m);
  });

  it('a worker with different data is refused (exit 2, one line) and stores nothing; the others finish', async () => {
    // Two copies of a small fund folder that differ in one price.
    const series = (bump: number) => ['Date,AdjClose', ...Array.from({ length: 400 }, (_, k) => `${new Date(Date.UTC(2020, 0, 1 + Math.floor(k / 5) * 7 + (k % 5))).toISOString().slice(0, 10)},${(100 + k / 10 + (k === 200 ? bump : 0)).toFixed(2)}`)].join('\n');
    for (const [name, bump] of [['good', 0], ['other', 1]] as const) {
      mkdirSync(join(dir, name, 'etf'), { recursive: true });
      writeFileSync(join(dir, name, 'etf', 'IWM.csv'), `${series(bump)}\n`);
      writeFileSync(join(dir, name, 'etf', 'SPY.csv'), `${series(0)}\n`);
    }
    const study = writeStudy('data.yaml', join(dir, 'good'));
    const db = join(dir, 'data.db');
    // Started together: until it is refused, the worker with other data is the only one, so it takes a job.
    const wrong = worker({ data: join(dir, 'other') });
    const c = coordinator(study, db);
    await until(() => wrong.output().includes('worker ready'), 'the worker with other data');
    const refused = await wrong.exited;
    expect(refused.code).toBe(2);
    const lines = wrong.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^breadth: this worker's data \(.*other, fingerprint [0-9a-f]{12}…\) is not the sweep's \([0-9a-f]{12}…\): start the worker with --data on a copy of the same files$/);
    expect(wrong.output()).not.toMatch(/\n\s+at /);
    expect(storedCount(db)).toBe(0);
    const right = worker({ data: join(dir, 'good') });
    void localSweep(study);
    await expectComplete(c, db, study);
    await right.kill('SIGTERM');
  });

  it('a worker on another build of the same version is refused (exit 2, one line) and stores nothing; the others finish (probe r48d F1)', async () => {
    // Before: the worker compared the version string alone ('0.1.0' on both), ran every job and
    // its trials were stored under the coordinator's keys.
    const study = writeStudy('build.yaml', 'sample');
    const db = join(dir, 'build.db');
    // Started together: until it is refused, the worker of another build is the only one, so it takes a job.
    const other = worker({ breadthBin: anotherBuild(dir) });
    const c = coordinator(study, db);
    await until(() => other.output().includes('worker ready'), 'the worker of another build');
    const refused = await other.exited;
    expect(refused.code, other.output()).toBe(2);
    const fingerprint = sourceFingerprint(repoRoot).slice(0, 12);
    expect(other.output().trim().split('\n').at(-1)).toMatch(
      new RegExp(`^breadth: job slow\\[tilt=[0-9.]+\\] was queued by another build of breadth 0\\.1\\.0 \\(build ${fingerprint}…; this worker is build (?!${fingerprint})[0-9a-f]{12}…\\): its source differs, so its trials would too — run the same checkout or package on every machine$`),
    );
    expect(other.output()).not.toMatch(/\n\s+at /);
    expect(storedCount(db)).toBe(0);
    const right = worker();
    await expectComplete(c, db, study);
    await right.kill('SIGTERM');
  });

  it('a sweep whose every trial runs past --trial-timeout on every attempt fails with exit 2 and one line (probe r48d F3: exit 0, nothing measured); a --resume with a longer one runs them under it (probe r50a F3)', async () => {
    // 4 trials of 4 sample years with 1 ms of CPU at each of ~209 weekly decisions: ≥ 0.2 s
    // each, past a 0.05 s timeout; one attempt each: 4 failures `exhausted` by the timeout, the
    // user's setting, so 2 — not 70 — and no trial stored. (Each timeout ends the worker's
    // thread, and the next trial starts another: 4 trials show it as well as 10, in less time.)
    const tilts = [0, 0.3, 0.6, 0.9];
    const study = writeStudy('timeouts.yaml', 'sample', tilts);
    const db = join(dir, 'timeouts.db');
    const w = worker({ spinMs: 1 });
    void localSweep(study);
    const c = coordinator(study, db, '--trial-timeout', '0.05', '--attempts', '1');
    const ended = await c.exited;
    expect(ended.code, c.output()).toBe(2);
    const json = JSON.parse(c.stdout());
    expect(json.trials).toBe(0);
    expect(json.failed).toHaveLength(tilts.length);
    expect(json.failed.every((f: { kind: string; message: string }) => f.kind === 'exhausted' && / ran longer than 0\.05 s \(--trial-timeout\)$/.test(f.message))).toBe(true);
    const errors = c.output().slice(c.stdout().length).trim().split('\n').filter((l) => l.startsWith('breadth: no trial'));
    expect(errors).toEqual([expect.stringMatching(/^breadth: no trial of sweep \d+ produced a result: all 4 failed — slow\[tilt=[0-9.]+\]: failed 1 times: trial slow\[tilt=[0-9.]+\] ran longer than 0\.05 s \(--trial-timeout\) \(and 3 more\)$/)]);
    expect(c.output()).not.toMatch(/\n\s+at /);
    expect(storedCount(db)).toBe(0);
    // The user's fix: --resume with a longer timeout and more attempts. Each trial runs under them
    // (≈ 0.2 s < 600 s): all 4 stored, equal to the local sweep's, exit 0, and none listed as
    // failed. Before (probe r50a F3, F4): the failed jobs were retried with their 0.05 s and 1
    // attempt (the job id was the trial key), exit 2 again; and a trial stored after its failure
    // was still listed "failed".
    const fixed = coordinator(study, db, '--resume', '--trial-timeout', '600', '--attempts', '3');
    await expectComplete(fixed, db, study, tilts.length);
    await w.kill('SIGTERM');
  });
});
