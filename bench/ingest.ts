// Ingestion benchmark: the 6.1M-row universe price file → a Market, first from the gzip
// source, then from the cache. Every measurement runs in a fresh process, so neither the page
// cache of a previous parse nor a warm JIT flatters the numbers, and peak RSS is per phase.
//
//   npx tsx bench/ingest.ts [file.csv.gz] [--runs=3]
//
// Budgets (2-core machine): first ingestion ≤ 3 s, cached reload ≤ 0.3 s.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMarket } from '../data/load.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FILE = resolve(repoRoot, '../shared/data/universe/prices_daily_adjclose.csv.gz');
const BUDGET_SECONDS = { first: 3, cached: 0.3 } as const;

type Phase = 'first' | 'store' | 'cached';

interface Measurement {
  readonly phase: Phase;
  readonly seconds: number;
  /** CPU seconds of the process (main thread + zlib pool), less sensitive to other load than wall time. */
  readonly cpuSeconds: number;
  readonly rows: number;
  readonly symbols: number;
  readonly sessions: number;
  readonly peakRssMb: number;
}

/** Child process: one load, one JSON line on stdout. */
async function measure(phase: Phase, file: string, cacheDir: string): Promise<void> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const market = await loadMarket(file, { cacheDir: phase === 'first' ? false : cacheDir });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  let rows = 0;
  for (const price of market.close) if (price === price) rows++;
  const result: Measurement = {
    phase,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rows,
    symbols: market.symbols.length,
    sessions: market.dates.length,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(phase: Phase, file: string, cacheDir: string): Measurement & { processSeconds: number } {
  const start = performance.now();
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), `--phase=${phase}`, `--cache=${cacheDir}`, file], { encoding: 'utf8' });
  const processSeconds = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`phase ${phase} failed:\n${child.stderr}`);
  return { ...(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measurement), processSeconds };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];
const fmt = (n: number, digits = 3): string => n.toFixed(digits);

function main(): void {
  const args = process.argv.slice(2);
  const file = resolve(args.find((a) => !a.startsWith('--')) ?? DEFAULT_FILE);
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  const cacheDir = mkdtempSync(join(tmpdir(), 'breadth-bench-cache-'));
  console.log(`ingest benchmark: ${file}`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work inflates wall times; cpu is steadier)`);
  try {
    const phases: [Phase, number][] = [['first', runs], ['store', 1], ['cached', runs]];
    for (const [phase, count] of phases) {
      const results = Array.from({ length: count }, () => runChild(phase, file, cacheDir));
      const seconds = median(results.map((r) => r.seconds));
      const r = results[0];
      const budget = phase === 'store' ? undefined : BUDGET_SECONDS[phase];
      const verdict = budget === undefined ? '' : seconds <= budget ? `  (budget ${budget} s: ok)` : `  (budget ${budget} s: OVER)`;
      console.log(
        `${phase.padEnd(6)} median ${fmt(seconds)} s of [${results.map((x) => fmt(x.seconds)).join(', ')}]  cpu ${fmt(median(results.map((x) => x.cpuSeconds)))} s` +
          `  ${(r.rows / seconds / 1e6).toFixed(2)} M rows/s  ${((r.symbols * r.sessions) / seconds / 1e6).toFixed(1)} M symbol-sessions/s` +
          `  peak RSS ${Math.round(Math.max(...results.map((x) => x.peakRssMb)))} MB  process ${fmt(median(results.map((x) => x.processSeconds)))} s${verdict}`,
      );
    }
    const r = runChild('cached', file, cacheDir);
    console.log(`market: ${r.rows.toLocaleString('en-US')} prices, ${r.symbols} symbols × ${r.sessions} sessions`);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const phaseArg = process.argv.find((a) => a.startsWith('--phase='));
if (phaseArg) {
  const cache = process.argv.find((a) => a.startsWith('--cache='))!.slice(8);
  await measure(phaseArg.slice(8) as Phase, process.argv.slice(2).find((a) => !a.startsWith('--'))!, cache);
} else main();
