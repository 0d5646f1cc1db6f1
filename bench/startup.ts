// What every command pays before doing any work: whole-process wall time of `breadth --version`,
// `breadth --help`, and a run whose work is negligible (buy-and-hold of one symbol over 60
// sessions, no report) — the fixed overhead of a run: into a fresh results database each time
// (`run`, the schema is created), and appended to one database (`run, same db`).
// Budgets: --version ≤ 0.2 s, run ≤ 0.3 s. Each case runs `repeats` times; best, median and
// spread (max − min) of the wall time are printed, since other work on the machine only ever adds
// time, and the median CPU time (user + system, from /proc, 10 ms ticks), which load disturbs less.
//   node bench/startup.ts [bin] [repeats]     bin: default dist/cli/breadth.js (npm run build first)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './measure.ts';

const bin = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'dist', 'cli', 'breadth.js'));
const REPEATS = Number(process.argv[3] ?? 15);
const BUDGETS: Record<string, number> = { '--version': 0.2, run: 0.3, 'run, same db': 0.3 };

/** One symbol, 60 weekday sessions from 2024-01-01, a gentle random walk. */
function tinyData(dir: string): string {
  const folder = join(dir, 'tiny');
  mkdirSync(folder);
  const rows = ['Date,AdjClose'];
  let price = 100;
  for (let day = Date.UTC(2024, 0, 1), k = 0; k < 60; day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    price *= 1 + 0.01 * Math.sin(k * 1.7);
    rows.push(`${new Date(day).toISOString().slice(0, 10)},${price.toFixed(4)}`);
    k++;
  }
  writeFileSync(join(folder, 'AAA.csv'), `${rows.join('\n')}\n`);
  return folder;
}

/** CPU seconds (user + system) of this process's waited-for children so far; NaN without /proc. */
function childrenCpu(): number {
  if (!existsSync('/proc/self/stat')) return NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, clock ticks of 1/100 s
}

function time(args: string[], cwd: string): { wall: number; cpu: number } {
  const cpu = childrenCpu();
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`breadth ${args.join(' ')} failed (exit ${child.status}):\n${child.stderr}`);
  return { wall, cpu: childrenCpu() - cpu };
}


const dir = mkdtempSync(join(tmpdir(), 'breadth-bench-startup-'));
try {
  const data = tinyData(dir);
  let db = 0;
  const cases: [string, () => string[]][] = [
    ['--version', () => ['--version']],
    ['--help', () => ['--help']],
    ['run', () => ['run', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}', '--data', data, '--benchmark', 'none', '--db', join(dir, `r${db++}.db`)]],
    ['run, same db', () => ['run', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}', '--data', data, '--benchmark', 'none', '--db', join(dir, 'same.db')]],
  ];
  console.log(`startup: ${bin} on Node ${process.version}, ${REPEATS} runs each (after one warm-up)`);
  if (existsSync('/proc/loadavg')) console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores here; above ~1 the wall times are inflated)`);
  console.log('case           best s   median s   spread s   median CPU s   budget s');
  for (const [name, args] of cases) {
    time(args(), dir);
    const runs = Array.from({ length: REPEATS }, () => time(args(), dir));
    const walls = runs.map((r) => r.wall).sort((a, b) => a - b);
    const budget = BUDGETS[name];
    console.log(
      [
        name.padEnd(13),
        walls[0].toFixed(3).padStart(7),
        median(walls).toFixed(3).padStart(10),
        (walls[REPEATS - 1] - walls[0]).toFixed(3).padStart(10),
        median(runs.map((r) => r.cpu)).toFixed(2).padStart(14),
        (budget === undefined ? '—' : budget.toFixed(1)).padStart(10),
      ].join(' '),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
