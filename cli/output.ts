// Terminal output helpers: JSON for machines, tables for people, a progress bar that stays quiet
// when output is not a terminal or CI is set.

import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { checkFolder, ensureFolder } from '../core/folders.ts';
import { DataError, UserError } from '../data/errors.ts';
import { metricInfo } from '../reports/html/metricCatalog.ts';
import { decimals } from '../reports/html/page/decimals.ts';
import { outputTarget } from '../reports/html/page/outputTarget.ts';
import { writeStandardOutput } from '../reports/html/page/standardStreams.ts';

export { ensureFolder };

export function printJson(value: unknown): void {
  writeStandardOutput(`${JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
}

/** A boxed table on stdout; `colWidths` (cell widths including padding) wraps longer cells inside them. */
export function printTable(head: string[], rows: (string | number)[][], colWidths?: number[]): void {
  const table = new Table({ head, style: { head: [], border: [] }, ...(colWidths ? { colWidths, wordWrap: true } : {}) });
  for (const row of rows) table.push(row.map(String));
  writeStandardOutput(`${table.toString()}\n`);
}

/** True when a progress bar may draw: a terminal on stderr and not under CI. */
export function interactive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

/** A bar on stderr (nothing when not interactive); `eta` adds the time left at the current pace. */
export function progressBar(options: { eta?: boolean } = {}): Progress {
  if (!interactive()) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `  {bar} {value}/{total}${options.eta ? ' ETA {eta_formatted}' : ''} {label}`, etaBuffer: 50, hideCursor: true, clearOnComplete: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label) {
      if (!started) bar.start(total, 0, { label });
      started = true;
      bar.update(done, { label });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Beyond this magnitude a figure prints as a power of ten ("-1.8e+53"): a short sample's extrapolation, where its digits mean nothing. */
const EXPONENT_FROM = 1e6;

/**
 * x with `digits` decimals, rounded as the pages round it (decimals.ts: 1.95 → "2.0", where toFixed
 * gave "1.9"), a value that rounds to zero without its sign ("0.0", never "-0.0"); past ±1,000,000 "1.8e+53".
 */
export const unsignedZero = (x: number, digits: number): string => (Math.abs(x) >= EXPONENT_FROM ? x.toExponential(1) : decimals(x, digits));
export const percent = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${unsignedZero(x * 100, digits)}%`;
export const fixed = (x: number | null | undefined, digits = 2): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : unsignedZero(x, digits);

/** An amount of money: two decimals, en-US thousands separators, no sign on what rounds to zero ("1,234.50", "-0.42", "0.00"). */
const money = (x: number): string => decimals(x, 2, { grouping: true });

/**
 * A metric's value as the terminal prints it (`runs show`, `breadth metrics`), in the unit the
 * report's metric catalog gives it (reports/html/metricCatalog.ts, the units of METRICS.md), so the
 * terminal, the tear sheet and the compare page agree — one format per catalog kind:
 * percent "12.35%"; currency (a cost line's total, a trade's average win or loss, in the run's
 * currency) "1,234.56", two decimals with thousands separators; a count of periods or names whole
 * ("12") or to one decimal; a ratio (Sharpe, up capture) to four decimals; "—" for none.
 */
export function metricText(name: string, value: number | null): string {
  if (value === null) return '—';
  const kind = metricInfo(name).kind;
  switch (kind) {
    case 'percent':
      return percent(value, 2);
    case 'currency':
      return Number.isFinite(value) ? money(value) : '—';
    case 'sessions':
    case 'count':
      return fixed(value, Number.isInteger(value) ? 0 : 1);
    case 'ratio':
      return fixed(value, 4);
  }
}

/**
 * The results store (`store`, its SQLite journal files too) named as an output: replacing it with
 * a page or a table would lose every run stored in it (links resolved as outputTarget resolves them).
 */
function refuseStore(file: string, store: string, path: string, flag: string, example: string): void {
  let db;
  try {
    db = outputTarget(store);
  } catch {
    return; // a store path no file could be written to is refused where the store opens
  }
  if (db.kind !== 'replace') return;
  const target = statSync(file, { throwIfNoEntry: false });
  for (const [suffix, what] of STORE_FILES) {
    const other = statSync(db.file + suffix, { throwIfNoEntry: false });
    // The same file by name, by link, or by hard link (one inode under two names).
    const same = file === db.file + suffix || (target !== undefined && other !== undefined && target.dev === other.dev && target.ino === other.ino);
    if (same) throw new UserError(`${flag} ${path} is ${what} of the results store ${store}: writing there would lose every run stored in it — name another file, e.g. ${flag} ${example}`);
  }
}

/** The files of an SQLite store: the database and its journals, as a message names them. */
const STORE_FILES: readonly [string, string][] = [
  ['', 'the database file'],
  ['-wal', 'the write-ahead log'],
  ['-shm', 'the shared-memory index'],
  ['-journal', 'the rollback journal'],
];

/**
 * Checks an output folder before any work (checkFolder: it is made as a file is written into it),
 * its refusal naming the flag and the path given: `--report a.txt/x.html: cannot create folder
 * a.txt: ENOTDIR — choose a writable location`. Every output path of every command is checked here.
 * @throws UserError naming `flag`, `given` and the folder.
 */
export function checkOutputFolder(folder: string, flag: string, given: string): void {
  try {
    checkFolder(folder);
  } catch (err) {
    throw err instanceof UserError ? new UserError(`${flag} ${given}: ${err.message}`) : err;
  }
}

/**
 * The folders a study file, sweep or walk-forward writes into, checked before any work
 * (checkOutputFolder): the database's and, with `pages`, <out>/reports (`places` as outputPlaces
 * gives them; probe r68b F4: `--out afile` was refused only after every run was stored). A refusal
 * names the flag that put the folder there (--db, else --out, whose default is `out`).
 */
export function checkOutputPlaces(places: { readonly out: string; readonly db: string }, given: { readonly out?: string; readonly db?: string }, pages: boolean): void {
  if (given.out !== undefined) checkFolderOption(given.out, '--out', 'out');
  checkOutputFolder(dirname(places.db), given.db === undefined ? '--out' : '--db', given.db ?? places.out);
  if (pages) checkOutputFolder(join(places.out, 'reports'), given.out === undefined && given.db !== undefined ? '--db' : '--out', given.out ?? given.db ?? places.out);
}

/**
 * Check an output file before any work is done: a folder given where a file is meant is refused
 * (naming the flag), as is `-` (standard output) where the command writes only files (export
 * reads `-` itself), and every path outputTarget refuses ('', `name/`, a descriptor other than
 * standard output or error), and the results store `store` when given; the file's folder is
 * checked first (checkOutputFolder: a file where a folder of the path is meant is refused there),
 * or refused in one line.
 */
export function prepareOutputFile(path: string, flag: string, example: string, store?: string): void {
  if (path === '-') throw new UserError(`${flag} -: this writes a file, not standard output — name the file, e.g. ${flag} ${example}`);
  checkOutputFolder(dirname(path) || '.', flag, path);
  let target;
  try {
    target = outputTarget(path);
  } catch (err) {
    throw err instanceof DataError ? new UserError(`${flag} ${err.message}`) : err;
  }
  if (store !== undefined && target.kind === 'replace') refuseStore(target.file, store, path, flag, example);
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UserError(`${flag} ${path} is a folder: name the file to write, e.g. ${flag} ${join(path, example)}`);
  }
}

/**
 * Check a flag that names an output folder (`--out` of a study, sweep or sample) before any work is
 * done: a path that is a file is refused as `--out sample.csv is a file: --out takes a folder, e.g.
 * --out out/sample` (the system would say only that "a part of the path is a file"); the folder is
 * then checked as checkOutputFolder checks it (made when written).
 * @throws UserError naming `flag`, the path and an `example` of the flag's use.
 */
export function checkFolderOption(path: string, flag: string, example: string): void {
  if (statSync(path, { throwIfNoEntry: false })?.isFile()) throw new UserError(`${flag} ${path} is a file: ${flag} takes a folder, e.g. ${flag} ${example}`);
  checkOutputFolder(path, flag, path);
}
