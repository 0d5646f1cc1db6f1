// `npx tsx bench/sweep.ts [repeats] [cases]`: sweep throughput on the real data, each case in a
// fresh process (honest peak RSS) on Node's own TypeScript, as the CLI runs: size-tilt on the ETF
// data with registry writes on 1 and 2 workers (repeated; best and spread), a 1,000-trial random
// sweep's database size, the quality-long-short 24-trial grid on the stock universe, and where one
// trial's time goes.
// Other engineers share the cores: the load average is printed with each case.

import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { SOURCE_NODE_ARGS } from './measure.ts';

const repeats = Number(process.argv[2] ?? 3);
const only = process.argv[3]?.split(',');
const cases: [string, number, number][] = [
  ['profile', 0, 1],
  ['size-tilt', 1, repeats],
  ['size-tilt', 2, repeats],
  ['size-tilt-1000', 2, 1],
  ['quality-long-short', 1, 1],
  ['quality-long-short', 2, 1],
];

for (const [kind, workers, times] of cases) {
  if (only && !only.includes(kind)) continue;
  const results: Record<string, unknown>[] = [];
  for (let k = 0; k < times; k++) {
    const load = loadavg()[0].toFixed(1);
    // Node's own TypeScript, as `npm run breadth` runs the CLI: under tsx every worker thread would
    // transpile its modules through esbuild first (a second of start-up and 70 MB per worker).
    const run = spawnSync(process.execPath, ['--expose-gc', ...SOURCE_NODE_ARGS, join(import.meta.dirname, 'sweepCase.ts'), kind, String(workers)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) {
      console.log(`${kind} × ${workers}: failed\n${run.stderr.slice(-2000)}`);
      break;
    }
    const r = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    results.push(r);
    console.log(JSON.stringify({ ...r, loadAverage: Number(load) }));
  }
  const rates = results.map((r) => r.steadyTrialsPerSecond).filter((x): x is number => typeof x === 'number');
  if (rates.length > 1) console.log(`${kind} × ${workers} workers: steady trials/s best ${Math.max(...rates)}, spread ${Math.min(...rates)}–${Math.max(...rates)}`);
}
