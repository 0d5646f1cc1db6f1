// Shared helpers for the data tests: temp folders with small files, and where the real data is.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, expect } from 'vitest';
import { DataError } from '../../data/errors.ts';
import { loadMarket } from '../../data/load.ts';
import { AssetClass, type Market, PriceKind } from '../../data/market.ts';
import { loadPriceFile } from '../../data/prices/files/priceFolder.ts';
import type { SymbolSeries } from '../../data/prices/series/priceSeries.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedData = resolve(repoRoot, '../shared/data');
export const hasData = existsSync(join(sharedData, 'README.md'));

/** Call at the top of a real-data suite: says why it is skipped when the data is absent. */
export function explainSkip(suite: string): void {
  if (!hasData) console.warn(`[skip] ${suite}: real data not found at ${sharedData} (expected ../shared/data next to the repo)`);
}

/** The folders tempDir made for the test file being run: removed after it (a full suite made ~1,000 a run and left them, 53,000 in /tmp after a day). */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty folder under the system's temp folder, removed when the test file ends. */
export function tempDir(prefix = 'breadth-data-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes `content` to dir/name (creating folders); gzips it when the name ends in .gz. */
export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(bytes) : bytes);
  return path;
}

/** Lines joined with \n and a final newline. */
export const csv = (...lines: string[]): string => lines.join('\n') + '\n';

/** Loads a source with no cache. */
export const load = (path: string): Promise<Market> => loadMarket(path, { cacheDir: false });

/** The message of the DataError that loading `path` throws (fails the test when there is none). */
export async function refusal(path: string): Promise<string> {
  const error = await load(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return (error as Error).message;
}

/** A total-return stock series on `days` (epoch days) with close = day + 0.5, for alignment tests; `options` override any field. */
export function symbolSeries(symbol: string, days: readonly number[], options: Partial<SymbolSeries> = {}): SymbolSeries {
  return {
    symbol,
    source: `${symbol}.csv`,
    dates: Int32Array.from(days),
    close: Float64Array.from(days, (d) => d + 0.5),
    open: null,
    high: null,
    low: null,
    volume: null,
    priceKind: PriceKind.totalReturn,
    assetClass: AssetClass.stock,
    dividends: [],
    splits: [],
    snapshotEnd: Infinity,
    ...options,
  };
}

/** The first series of a one-file price source written from `lines` (stock, no snapshot end), with its notes joined by " | " and its columns. */
export async function loadOneSeries(name: string, ...lines: string[]) {
  const { series, sources } = await loadPriceFile(writeFile(tempDir(), name, csv(...lines)), () => ({ assetClass: AssetClass.stock, snapshotEnd: Infinity }));
  return { ...series[0], notes: sources[0].notes.join(' | '), columns: sources[0].columns };
}
