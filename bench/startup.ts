// What every command pays before doing any work: whole-process wall time of `breadth --version`,
// `breadth --help`, and a run whose work is negligible (buy-and-hold of one symbol over 60
// sessions, a fresh results database each time, no report) — the fixed overhead of a run.
// Budgets: --version ≤ 0.2 s, run ≤ 0.3 s. Each case runs `repeats` times; best, median and
// spread (max − min) are printed, since other work on the machine only ever adds time.
//   node bench/startup.ts [bin] [repeats]     bin: default dist/cli/breadth.js (npm run build first)

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'dist', 'cli', 'breadth.js'));
const REPEATS = Number(process.argv[3] ?? 15);
const BUDGETS: Record<string, number> = { '--version': 0.2, run: 0.3 };

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

function time(args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`breadth ${args.join(' ')} failed (exit ${child.status}):\n${child.stderr}`);
  return seconds;
}

const dir = mkdtempSync(join(tmpdir(), 'breadth-bench-startup-'));
try {
  const data = tinyData(dir);
  let db = 0;
  const cases: [string, () => string[]][] = [
    ['--version', () => ['--version']],
    ['--help', () => ['--help']],
    ['run', () => ['run', '--strategy', 'buy-and-hold', '--param', 'weights={"AAA":1}', '--data', data, '--benchmark', 'none', '--db', join(dir, `r${db++}.db`)]],
  ];
  console.log(`startup: ${bin} on Node ${process.version}, ${REPEATS} runs each (after one warm-up)`);
  console.log('case          best s   median s   spread s   budget s');
  for (const [name, args] of cases) {
    time(args(), dir);
    const seconds = Array.from({ length: REPEATS }, () => time(args(), dir)).sort((a, b) => a - b);
    const budget = BUDGETS[name];
    console.log(
      [
        name.padEnd(12),
        seconds[0].toFixed(3).padStart(7),
        seconds[Math.floor(REPEATS / 2)].toFixed(3).padStart(10),
        (seconds[REPEATS - 1] - seconds[0]).toFixed(3).padStart(10),
        (budget === undefined ? '—' : budget.toFixed(1)).padStart(10),
      ].join(' '),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
