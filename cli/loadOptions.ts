// The command-line options that say how data is loaded (--asset-class, --no-cache, --cache-dir),
// shared by the commands that load data (`run`, `study`, `data inspect`), and the line every
// command that loads data prints when the market cache was skipped.

import type { Argv } from 'yargs';
import type { CacheEvent } from '../data/load.ts';
import { UserError } from '../data/errors.ts';
import type { StudyLoadOptions } from '../study/market.ts';

export interface LoadArgs {
  'asset-class'?: 'stock' | 'fund';
  cache: boolean;
  'cache-dir'?: string;
}

export function withLoadOptions<T>(y: Argv<T>): Argv<T & LoadArgs> {
  return y
    .option('asset-class', { choices: ['stock', 'fund'] as const, describe: 'what the symbols of a price folder or file are (a symbols.csv beside the prices says it per symbol)' })
    .option('cache', { type: 'boolean', default: true, describe: 'use the market cache (--no-cache: read the files, store nothing)' })
    .option('cache-dir', { type: 'string', describe: 'market cache folder (default: $BREADTH_CACHE_DIR, $XDG_CACHE_HOME/breadth or ~/.cache/breadth)' }) as Argv<T & LoadArgs>;
}

/**
 * A load's cache event as the terminal tells it: a skipped cache (not written on a full disk, larger
 * than its limit, unreadable) is one note on stderr — the command goes on with the data read from
 * the files, and its exit code is not changed. Hits and stores are not told.
 */
export function noteCacheSkipped(event: CacheEvent): void {
  if (event.kind === 'skipped') process.stderr.write(`breadth: note: ${event.detail}\n`);
}

/** What the commands tell a load: the flags, that a new market is cached while the command goes on, and noteCacheSkipped. */
export type CommandLoadOptions = StudyLoadOptions;

/** The load options of the parsed flags. */
export function loadOptions(args: LoadArgs): CommandLoadOptions {
  return {
    cacheInBackground: true,
    onCache: noteCacheSkipped,
    ...(args['asset-class'] ? { assetClass: args['asset-class'] } : {}),
    ...(args.cache === false ? { cacheDir: false as const } : args['cache-dir'] ? { cacheDir: args['cache-dir'] } : {}),
  };
}

/** "IWM, SPY" → ['IWM', 'SPY']. */
const symbolList = (text: string): string[] => text.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The --symbols flag as a list, or undefined when not given (every symbol).
 * @throws UserError when it is given but names no symbol ('' or ','), never read as every symbol.
 */
export function symbolsOption(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const symbols = symbolList(text);
  if (symbols.length === 0) throw new UserError(`--symbols ${JSON.stringify(text)} names no symbol: give them comma-separated (--symbols AAA,BBB), or leave --symbols out to load every symbol`);
  return symbols;
}
