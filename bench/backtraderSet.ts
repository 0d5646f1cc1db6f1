// The shape of backtrader's multi-symbol benchmark: N per-symbol files of T daily bars in the
// plain `Date,Open,High,Low,Close,Volume` layout (2,000 × 5,040 = 10.08 M rows, about 505 MB).
// Generated here (seeded random walks, consistent bars), written to a temp folder, never
// committed; a set already written with the same shape is reused.
//
//   npx tsx bench/backtraderSet.ts [--symbols=2000] [--sessions=5040]   → prints the folder

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isoDay, parseIsoDay } from '../data/dates.ts';
import { Random } from '../data/random.ts';

export const FIRST_DAY = '2005-01-03';

/** Weekdays from FIRST_DAY: the benchmark's calendar (holidays do not matter for ingestion). */
function weekdays(count: number): string[] {
  const days: string[] = [];
  for (let d = parseIsoDay(FIRST_DAY); days.length < count; d++) {
    const weekday = (d + 4) % 7; // 1970-01-01 was a Thursday
    if (weekday !== 0 && weekday !== 6) days.push(isoDay(d));
  }
  return days;
}

function symbolFile(dates: readonly string[], rng: Random): string {
  const lines = ['Date,Open,High,Low,Close,Volume'];
  let close = 20 + 80 * rng.uniform();
  for (const date of dates) {
    const open = close * (1 + 0.004 * rng.normal());
    close = open * (1 + 0.015 * rng.normal());
    const high = Math.max(open, close) * (1 + 0.005 * rng.uniform());
    const low = Math.min(open, close) * (1 - 0.005 * rng.uniform());
    const volume = Math.round(1e5 + 9e6 * rng.uniform());
    // Three decimals (the size of backtrader's set); the bar stays consistent after rounding.
    const [o, c] = [open.toFixed(3), close.toFixed(3)];
    const h = Math.max(Number(o), Number(c), Number(high.toFixed(3))).toFixed(3);
    const l = Math.min(Number(o), Number(c), Number(low.toFixed(3))).toFixed(3);
    lines.push(`${date},${o},${h},${l},${c},${volume}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The folder of an N × T set, written (atomically, via a temp name) unless already there. */
export function backtraderSet(symbols = 2000, sessions = 5040): string {
  const folder = join(tmpdir(), 'breadth-bench', `backtrader-${symbols}x${sessions}`);
  if (existsSync(folder) && readdirSync(folder).length === symbols) return folder;
  const partial = `${folder}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const dates = weekdays(sessions);
  const rng = new Random(2000, 'backtrader benchmark set');
  for (let i = 0; i < symbols; i++) writeFileSync(join(partial, `S${String(i).padStart(4, '0')}.csv`), symbolFile(dates, rng));
  rmSync(folder, { recursive: true, force: true });
  renameSync(partial, folder);
  return folder;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  console.log(backtraderSet(arg('symbols', 2000), arg('sessions', 5040)));
}
