// loadMarket: any supported path → a Market, through the cache.
//
// What a path can be (detected, in this order):
//   - a data folder (../shared/data, or a folder the sample writer made): see folder/dataFolder.ts;
//   - a folder of price files (`<SYMBOL>.csv` or `.tsv`, optionally gzipped, per symbol, or long files naming their symbols);
//   - one long-format price file (`date,symbol,...` in any order), plain or gzip;
//   - one per-symbol price file.
// Columns are read by meaning (prices/files/priceColumns.ts); comma, semicolon (with decimal commas)
// and tab files, quoted or not (prices/files/priceReader.ts).
// A source is built whole and cached once (cache/); each load then selects its period, symbols
// and calendar in memory (selectLoaded.ts, the path loadSampleMarket takes too), so five `from`
// dates cost one cache entry. A load of some symbols decodes only theirs from the cache.
// Asset class, most specific first: symbols.csv beside the prices; the `assetClass` option for a
// folder or file; a data folder's structure (etf/ → funds, long files → stocks); and, as a
// documented fallback that the source notes report, a path through a folder named etf, etfs or
// funds holds funds. Roles: smallCap → IWM, qualitySmallCap → SMLF, largeCap → SPY, bond → TLT,
// when loaded (or the sample's SYN_SMALL, SYN_QSMALL, SYN_LARGE, SYN_BOND); `roles` overrides. A data folder whose
// README.txt starts with "SYNTHETIC" (as the sample writer's does) loads as a synthetic market.

import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { openMarketCache, type CacheEvent, type CacheOptions, type SymbolPick } from './cache/marketCache.ts';
import { sourceFileState } from './cache/sourceFiles.ts';
import { UserError } from './errors.ts';
import { buildSource, detectSource, perSymbolFolderOf, sourceFiles, type SourceKind } from './folder/source.ts';
import { type Market } from './market.ts';
import { symbolIndexes } from './prices/select.ts';
import { unreadSources } from './prices/files/unreadFiles.ts';
import { selectLoaded, selectionOf } from './selectLoaded.ts';

export type { CacheEvent } from './cache/marketCache.ts';

/** Bump when loading rules change, so cached markets and fingerprints from older rules retire. */
export const DATA_LAYER_VERSION = 13;

/** What loadMarket reads of a path: which symbols, period and calendar, snapshot ends, the asset class of price files that do not say, roles, and the market cache (CacheOptions). */
export interface LoadMarketOptions extends CacheOptions {
  /** Load only these symbols (an unknown one is an error). */
  readonly symbols?: readonly string[];
  /** First and last session, ISO YYYY-MM-DD (inclusive); absent: everything the data holds. */
  readonly from?: string;
  readonly to?: string;
  /** 'union' of every symbol's sessions (default), or a symbol whose sessions are the calendar. */
  readonly calendar?: string;
  /** Snapshot ends (symbol, file name or path end → YYYY-MM-DD); see prices/snapshotEnds.ts. */
  readonly snapshotEnds?: Readonly<Record<string, string>>;
  /** Asset class of a folder of price files or a price file (symbols.csv still says per symbol). */
  readonly assetClass?: 'stock' | 'fund';
  /** Roles to set or override, e.g. { smallCap: 'IJR' } (each symbol must be loaded). */
  readonly roles?: Readonly<Record<string, string>>;
  /** Told what the cache did: served the market, stored it, or was skipped (and why). */
  readonly onCache?: (event: CacheEvent) => void;
}

const hashOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const sorted = (record: Readonly<Record<string, string>> | undefined): [string, string][] => Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));

/**
 * Load a market from `path`: a data folder, a folder of price files (one per symbol, or long
 * files naming their symbols), one long-format file or one per-symbol file (`.csv` or `.tsv`, optionally `.gz`;
 * columns read by meaning, comma/semicolon/tab). Prices are aligned on one calendar of sessions
 * (`Market.dates`, epoch days) as symbol-major rows of Float64Array columns (NaN where a symbol
 * has no bar), with splits, dividends and delistings as event tables. `options` select the period
 * (`from`/`to`, ISO dates), symbols, calendar and cache.
 * @throws DataError (file:line, what was found, the fix) for a file that cannot be read as prices;
 *   UserError for a path or an option that does not fit (no such folder, no symbol matches, a
 *   `from` after `to`, …).
 */
export async function loadMarket(path: string, options: LoadMarketOptions = {}): Promise<Market> {
  const selection = selectionOf(options); // checked before the source is read
  const resolved = resolve(path);
  const source = detectSource(resolved);
  if (source.kind === 'dataFolder' && options.assetClass) {
    throw new UserError(`--asset-class applies to a folder of price files or one file; ${path} is a data folder, whose etf/ holds funds and long files stocks (or say per symbol in a symbols.csv)`);
  }
  const build = { version: DATA_LAYER_VERSION, path: resolved, snapshotEnds: sorted(options.snapshotEnds), assetClass: options.assetClass ?? null };
  const files = sourceFiles(source).map(sourceFileState);
  const pick = options.symbols && symbolPick(path, source, options.symbols, selection.calendar);
  const { market: whole, partial, all } = await wholeMarket(hashOf(build), files, options, () => buildSource(path, source, { snapshotEnds: options.snapshotEnds, assetClass: options.assetClass, sharedColumns: options.cacheInBackground && options.cacheDir !== false }), pick);
  return selectLoaded(whole, path, options, partial, all);
}

/**
 * The requested symbols of a cached source (and a calendar symbol beside them), checked against
 * all of its symbols as selectMarket checks them, with the .txt files a load would list as not
 * read (in a data folder's funds as in a price folder). A calendar symbol the source lacks: every
 * symbol, so that selectMarket reports it as from the whole source.
 */
function symbolPick(path: string, source: SourceKind, symbols: readonly string[], calendar: string | undefined): SymbolPick {
  const folder = perSymbolFolderOf(source);
  return (all) => {
    const indexes = symbolIndexes(path, all, symbols, () => (folder === undefined ? [] : unreadSources(folder)));
    if (calendar === undefined || calendar === 'union' || symbols.includes(calendar)) return indexes;
    const i = all.indexOf(calendar);
    return i < 0 ? undefined : [...indexes, i];
  };
}

/**
 * The whole source: from the cache when its files are unchanged, else built and stored. From the
 * cache with `pick`, only the symbols it picks over every session (`partial`); `all`: every symbol
 * of the source (the cache's listing, or the built market's).
 */
async function wholeMarket(
  slot: string,
  files: ReturnType<typeof sourceFileState>[],
  options: LoadMarketOptions,
  build: () => Promise<{ market: Market; hashes: Map<string, string> }>,
  pick: SymbolPick | undefined,
): Promise<{ market: Market; partial: boolean; all: readonly string[] }> {
  const cache = openMarketCache(options);
  try {
    let partial = false;
    let listed: readonly string[] | undefined;
    const cached = cache?.lookup(slot, files, pick && ((all) => {
      listed = all;
      const picked = pick(all);
      partial = picked !== undefined;
      return picked;
    }));
    if (cached) return { market: cached, partial, all: partial && listed !== undefined ? listed : cached.symbols };
    const readAt = Date.now();
    const { market, hashes } = await build();
    if (cache) {
      const unchanged = files.every((f) => JSON.stringify(sourceFileState(f.path)) === JSON.stringify(f));
      if (unchanged) cache.store(slot, files, hashes, market, readAt);
      else options.onCache?.({ kind: 'skipped', detail: 'a source file changed while it was read; not cached' });
    }
    return { market, partial: false, all: market.symbols };
  } finally {
    cache?.close();
  }
}
