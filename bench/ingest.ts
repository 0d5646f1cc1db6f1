// Ingestion benchmark. Default source: backtrader's multi-symbol set (2,000 files × 5,040
// sessions, plain Date,Open,High,Low,Close,Volume; written by bench/backtraderSet.ts to a temp
// folder). Every measurement runs in a fresh process, so neither the page cache of a previous
// parse nor a warm JIT flatters the numbers, and peak RSS is per phase:
//   cold   no cache: read, parse (worker threads where it pays), align
//   main   the same on the main thread alone (BREADTH_PARSE_THREADS=0), to show what the pool buys
//   store  cold, storing the market in an empty cache
//   warm   from the cache
//   run    the whole `breadth run --strategy equal-weight` (monthly, every symbol) as a user types
//          it: cold (empty cache) and warm
// Other load on the machine inflates wall times; CPU seconds (all threads) are steadier.
//
//   npx tsx bench/ingest.ts [source] [--runs=3] [--root=../shared/data]
//   --root: also load that data root with five `from` dates and print the cache's size.
//
// Goals (issue 12, 2-core machine): first ingestion ≤ 2 s, whole cold run ≤ 3 s, peak RSS ≤ 1 GB.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBytes } from '../data/cache/location.ts';
import { MarketCache } from '../data/cache/marketCache.ts';
import { loadMarket } from '../data/load.ts';
import { backtraderSet } from './backtraderSet.ts';
import { median, SOURCE_NODE_ARGS } from './measure.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GOALS = { ingestSeconds: 2, runSeconds: 3, rssMb: 1024 } as const;

type Phase = 'cold' | 'main' | 'store' | 'warm';

interface Measurement {
  readonly seconds: number;
  /** CPU seconds of the whole process (main thread, workers, zlib pool). */
  readonly cpuSeconds: number;
  readonly rows: number;
  readonly symbols: number;
  readonly sessions: number;
  readonly peakRssMb: number;
}

/** Child process: one load, one JSON line on stdout. */
async function measure(phase: Phase, source: string, cacheDir: string): Promise<void> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const market = await loadMarket(source, { cacheDir: phase === 'cold' || phase === 'main' ? false : cacheDir });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  let rows = 0;
  for (const price of market.close) if (price === price) rows++;
  const result: Measurement = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, rows, symbols: market.symbols.length, sessions: market.dates.length, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(phase: Phase, source: string, cacheDir: string): Measurement {
  const env = phase === 'main' ? { ...process.env, BREADTH_PARSE_THREADS: '0' } : process.env;
  // On this Node with its own type stripping, as `npm run breadth` runs breadth (not through tsx,
  // whose loader would transpile every module again in each worker thread).
  const child = spawnSync(process.execPath, [...SOURCE_NODE_ARGS, fileURLToPath(import.meta.url), `--phase=${phase}`, `--cache=${cacheDir}`, source], { encoding: 'utf8', env });
  if (child.status !== 0) throw new Error(`phase ${phase} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measurement;
}

/** The whole CLI run in a fresh process: wall seconds and peak RSS (reported by a preload at exit). */
function runCli(source: string, cacheDir: string, workDir: string): { seconds: number; peakRssMb: number } {
  const preload = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxrss '+process.resourceUsage().maxRSS+'\\n'))`;
  const start = performance.now();
  // The source CLI on this Node (as `npm run breadth` runs it), so the figures follow the working tree.
  const child = spawnSync(process.execPath, ['--import', preload, ...SOURCE_NODE_ARGS, join(repoRoot, 'cli', 'breadth.ts'), 'run', '--data', source, '--strategy', 'equal-weight', '--db', join(workDir, 'bench.db')], {
    encoding: 'utf8',
    cwd: workDir,
    env: { ...process.env, CI: '1', BREADTH_CACHE_DIR: cacheDir },
  });
  const seconds = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`breadth run failed:\n${child.stderr}`);
  const kb = Number(/maxrss (\d+)/.exec(child.stderr)?.[1] ?? NaN);
  return { seconds, peakRssMb: kb / 1024 };
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const verdict = (value: number, goal: number): string => (value <= goal ? `goal ${goal}: ok` : `goal ${goal}: OVER`);

function folderBytes(source: string): number {
  const stat = statSync(source);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(source).reduce((sum, name) => sum + statSync(join(source, name)).size, 0);
}

async function rootCacheSize(root: string): Promise<void> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'breadth-bench-root-'));
  try {
    const froms = ['2000-01-03', '2010-01-04', '2016-01-04', '2020-01-02', '2024-01-02'];
    for (const from of froms) {
      const start = performance.now();
      const market = await loadMarket(root, { cacheDir, from });
      console.log(`  ${root} from ${from}: ${market.dates.length} sessions × ${market.symbols.length} symbols in ${fmt((performance.now() - start) / 1000)} s`);
    }
    const cache = new MarketCache(cacheDir);
    const info = cache.info();
    cache.close();
    console.log(`  cache after five from dates: ${info.entries.length} entry, ${formatBytes(info.entries.reduce((s, e) => s + e.bytes, 0))} stored, ${formatBytes(info.fileBytes)} on disk`);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const source = resolve(args.find((a) => !a.startsWith('--')) ?? backtraderSet());
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  const root = args.find((a) => a.startsWith('--root='))?.slice(7);
  const bytes = folderBytes(source);
  console.log(`ingest benchmark: ${source} (${formatBytes(bytes)})`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (other work inflates wall times; cpu is steadier)`);
  const cacheDir = mkdtempSync(join(tmpdir(), 'breadth-bench-cache-'));
  try {
    for (const [phase, count] of [['cold', runs], ['main', runs], ['store', 1], ['warm', runs]] as [Phase, number][]) {
      const results = Array.from({ length: count }, () => runChild(phase, source, cacheDir));
      const times = results.map((r) => r.seconds);
      const best = Math.min(...times);
      const r = results[0];
      const goal = phase === 'cold' || phase === 'main' ? `  (${verdict(best, GOALS.ingestSeconds)})` : '';
      console.log(
        `${phase.padEnd(5)} best ${fmt(best)} s, median ${fmt(median(times))} of [${times.map((t) => fmt(t)).join(', ')}]  cpu ${fmt(median(results.map((x) => x.cpuSeconds)))} s` +
          `  ${fmt(r.rows / best / 1e6)} M rows/s  ${fmt(bytes / best / 1e6, 0)} MB/s  peak RSS ${Math.round(Math.max(...results.map((x) => x.peakRssMb)))} MB${goal}`,
      );
    }
    const r = runChild('warm', source, cacheDir);
    console.log(`market: ${r.rows.toLocaleString('en-US')} prices, ${r.symbols} symbols × ${r.sessions} sessions`);
    const runDir = mkdtempSync(join(tmpdir(), 'breadth-bench-run-'));
    try {
      for (const kind of ['cold', 'warm'] as const) {
        const results = Array.from({ length: kind === 'cold' ? runs : runs }, () => {
          if (kind === 'cold') rmSync(join(runDir, 'cache'), { recursive: true, force: true });
          return runCli(source, join(runDir, 'cache'), runDir);
        });
        const times = results.map((x) => x.seconds);
        const rss = Math.max(...results.map((x) => x.peakRssMb));
        console.log(`run ${kind.padEnd(4)} best ${fmt(Math.min(...times))} s of [${times.map((t) => fmt(t)).join(', ')}]  peak RSS ${Math.round(rss)} MB  (${verdict(Math.min(...times), GOALS.runSeconds)}; RSS ${verdict(rss, GOALS.rssMb)} MB)`);
      }
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
    if (root) await rootCacheSize(resolve(root));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const phaseArg = process.argv.find((a) => a.startsWith('--phase='));
if (phaseArg) {
  const cache = process.argv.find((a) => a.startsWith('--cache='))!.slice(8);
  await measure(phaseArg.slice(8) as Phase, process.argv.slice(2).find((a) => !a.startsWith('--'))!, cache);
} else await main();
