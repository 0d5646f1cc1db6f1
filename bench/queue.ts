// `npx tsx bench/queue.ts [trials]`: the distributed sweep on loopback, against a redis-server it
// starts on a free port (Debian's; see test/sweep/queue/redis.ts).
//  1. What the coordinator absorbs: `trials` (default 2,000) trivial trials — two stand-in worker
//     processes answer every job at once with a ready-made result (bench/queueEcho.ts) — through the
//     real coordinator and results store. Goals: ≥ 500 results/s; ≤ 5 ms of coordinator CPU per trial.
//  2. `examples/sweep.yaml` (80 size-tilt trials on the sample), run as a user would: `breadth sweep`
//     on 2 local worker threads, against `breadth sweep --queue` with 2 `breadth worker` processes
//     (one trial at a time each), fresh (they load the market on their first job) and warm. Wall time
//     from launch to exit, `repeats` (default 2) times.
// Other engineers share the cores: the load average is printed with each figure.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore, recordSweep } from '../reports/store/index.ts';
import { parseStudy } from '../study/index.ts';
import { executeTrials } from '../study/sweep/execute.ts';
import { openSweepMarket, planSweep, runTrial } from '../study/sweep/index.ts';
import { queueExecutor } from '../study/sweep/queue/coordinator.ts';
import { encodeResult, marketRequest } from '../study/sweep/queue/protocol.ts';
import { startRedis } from '../test/sweep/queue/redis.ts';
import { SOURCE_NODE_ARGS } from './measure.ts';

const trialCount = Number(process.argv[2] ?? 2000);
const repeats = Number(process.argv[3] ?? 2);
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'breadth-bench-queue-'));
const redis = await startRedis();
const load = (): number => Number(loadavg()[0].toFixed(1));

try {
  // 1. Absorption.
  const config = parseStudy({
    data: 'sample',
    sample: { stocks: 40, years: 4 },
    benchmark: '@largeCap',
    runs: [{ name: 'tilt', strategy: 'size-tilt', params: { mode: 'etf' }, sweep: { method: 'random', samples: trialCount, seed: 11, params: { tilt: { from: 0, to: 1 }, band: { from: 0, to: 0.1 } } } }],
  });
  const { market } = await openSweepMarket(config);
  const { trials } = await planSweep(config, market, 'bench');
  const template = join(dir, 'template.txt');
  writeFileSync(template, encodeResult(await runTrial(trials[0]!, market)));
  const url = `${redis.url}/1`;
  const echoes = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'queueEcho.ts'), url, template, '50'], { stdio: ['ignore', 'pipe', 'inherit'] }));
  await Promise.all(echoes.map((e) => new Promise((r) => e.stdout.once('data', r))));
  const db = join(dir, 'absorb.db');
  const store = openStore(db);
  const sweepId = recordSweep(store, { key: 'bench', kind: 'sweep', name: 'bench', study: null, spec: {}, dataName: market.name, dataFingerprint: market.fingerprint, planned: trials.length });
  const executor = await queueExecutor({ url }, marketRequest(config), market.fingerprint);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { ran } = await executeTrials(store, sweepId, executor, trials, { db });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await executor.close();
  store.close();
  for (const e of echoes) e.kill('SIGTERM');
  console.log(
    JSON.stringify({
      case: 'absorb trivial trials',
      trials: ran,
      wallSeconds: Number(wall.toFixed(2)),
      resultsPerSecond: Math.round(ran / wall),
      coordinatorCpuMsPerTrial: Number(((cpu.user + cpu.system) / 1000 / ran).toFixed(2)),
      goals: { resultsPerSecond: 500, coordinatorCpuMsPerTrial: 5 },
      loadAverage: load(),
    }),
  );

  // 2. examples/sweep.yaml: local threads against two worker processes.
  const breadth = (args: string[]) => [process.execPath, [...SOURCE_NODE_ARGS, join(root, 'cli', 'breadth.ts'), ...args]] as const;
  const timed = (args: string[]): number => {
    const [cmd, argv] = breadth(args);
    const t = performance.now();
    const run = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`breadth ${args.join(' ')} failed:\n${run.stderr.slice(-2000)}`);
    return (performance.now() - t) / 1000;
  };
  const study = join(root, 'examples', 'sweep.yaml');
  const common = ['--keep', '0', '--no-report', '--json'];
  for (let k = 0; k < repeats; k++) {
    const local = timed(['sweep', study, '--db', join(dir, `local-${k}.db`), '--workers', '2', ...common]);
    const queueUrl = `${redis.url}/${2 + k}`;
    const workers = [0, 1].map(() => {
      const [cmd, argv] = breadth(['worker', '--queue', queueUrl, '--concurrency', '1']);
      return spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    });
    await Promise.all(workers.map((w) => new Promise((r) => w.stdout.once('data', r))));
    const cold = timed(['sweep', study, '--db', join(dir, `queue-${k}.db`), '--queue', queueUrl, ...common]);
    // Again with the workers' market loaded (the jobs cleared, so the trials run again).
    const client = redis.client();
    await client.select(2 + k);
    await client.flushdb();
    const warm = timed(['sweep', study, '--db', join(dir, `queue-warm-${k}.db`), '--queue', queueUrl, ...common]);
    for (const w of workers) w.kill('SIGTERM');
    console.log(
      JSON.stringify({
        case: 'examples/sweep.yaml (80 trials, sample)',
        localThreads: { workers: 2, wallSeconds: Number(local.toFixed(2)), trialsPerSecond: Number((80 / local).toFixed(1)) },
        queueFreshWorkers: { workerProcesses: 2, wallSeconds: Number(cold.toFixed(2)), trialsPerSecond: Number((80 / cold).toFixed(1)) },
        queueWarmWorkers: { workerProcesses: 2, wallSeconds: Number(warm.toFixed(2)), trialsPerSecond: Number((80 / warm).toFixed(1)) },
        loadAverage: load(),
      }),
    );
  }
} finally {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
