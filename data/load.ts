// loadMarket: any supported path → a Market, through the cache.
//
// What a path can be (detected, in this order):
//   - a data folder (../shared/data, or a folder the sample writer made): see folder/dataFolder.ts;
//   - a folder of per-symbol price files (`<SYMBOL>.csv[.gz]`);
//   - a long-format price file (`Ticker,Date,...`), plain or gzip;
//   - one per-symbol price file.
// Asset class: data folders know theirs (etf/ → fund, long files → stock). Otherwise a path
// with a folder named etf, etfs or funds holds funds, anything else stocks; `assetClass`
// overrides. Roles: smallCap → IWM, qualitySmallCap → SMLF, largeCap → SPY, when loaded (or the
// sample's SYN_SMALL, SYN_QSMALL, SYN_LARGE); `roles` overrides. A data folder whose README.txt
// starts with "SYNTHETIC" (as the sample writer's does) loads as a synthetic market.

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { alignSeries } from './prices/align.ts';
import { MarketCache, sourceFileState } from './cache/marketCache.ts';
import { matchLayout } from './formats/csvTable.ts';
import { dataFolderFiles, loadDataFolder, planDataFolder, type DataFolderParts } from './folder/dataFolder.ts';
import { parseIsoDay } from './dates.ts';
import { DataError, UserError } from './errors.ts';
import { Fundamentals } from './fundamentals.ts';
import { loadLongPrices } from './prices/longPrices.ts';
import { AssetClass, type Market, type SourceInfo } from './market.ts';
import { loadPriceFile, loadPriceFolder, priceFilesIn, type LoadedPrices } from './prices/priceFolder.ts';
import { LONG_LAYOUTS, PER_SYMBOL_LAYOUTS } from './prices/priceLayouts.ts';
import { SAMPLE_FUNDS } from './sample/indices.ts';
import { snapshotEndResolver } from './prices/snapshotEnds.ts';
import { readFirstLine, requireFile } from './formats/text.ts';

/** Bump when loading rules change, so cached markets and fingerprints from older rules retire. */
export const DATA_LAYER_VERSION = 2;

export interface LoadMarketOptions {
  /** Load only these symbols (an unknown one is an error). */
  readonly symbols?: readonly string[];
  /** First and last session, ISO YYYY-MM-DD (inclusive). */
  readonly from?: string;
  readonly to?: string;
  /** 'union' of every symbol's sessions (default), or a symbol whose sessions are the calendar. */
  readonly calendar?: string;
  /** Cache folder (default `.cache` in the working directory); false: no cache. */
  readonly cacheDir?: string | false;
  /** Snapshot ends (symbol, file name or path end → YYYY-MM-DD); see prices/snapshotEnds.ts. */
  readonly snapshotEnds?: Readonly<Record<string, string>>;
  /** Asset class of price folders and files (data folders know theirs). */
  readonly assetClass?: 'stock' | 'fund';
  /** Roles to set or override, e.g. { smallCap: 'IJR' } (each symbol must be loaded). */
  readonly roles?: Readonly<Record<string, string>>;
  /** Told what the cache did: served the market, stored it, or was skipped (and why). */
  readonly onCache?: (event: CacheEvent) => void;
}

export interface CacheEvent {
  readonly kind: 'hit' | 'stored' | 'skipped';
  readonly detail: string;
}

type SourceKind =
  | { readonly kind: 'dataFolder'; readonly plan: NonNullable<ReturnType<typeof planDataFolder>> }
  | { readonly kind: 'priceFolder' | 'longFile' | 'symbolFile'; readonly path: string };

/** Role → the symbols that can fill it, first present wins (real ETFs, then the sample's funds). */
const ROLE_CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  smallCap: ['IWM', SAMPLE_FUNDS.smallCap],
  qualitySmallCap: ['SMLF', SAMPLE_FUNDS.qualitySmallCap],
  largeCap: ['SPY', SAMPLE_FUNDS.largeCap],
};
const FUND_FOLDER = /^(etf|etfs|funds)$/i;

function detectSource(path: string): SourceKind {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new DataError(path, undefined, 'no such file or folder', 'give a data folder, a folder of <SYMBOL>.csv files, or a price CSV');
  }
  if (isDirectory) {
    const plan = planDataFolder(path);
    return plan ? { kind: 'dataFolder', plan } : { kind: 'priceFolder', path };
  }
  requireFile(path);
  const header = readFirstLine(path).split(',').map((h) => h.trim());
  const layout = matchLayout(path, 1, header, [...LONG_LAYOUTS, ...PER_SYMBOL_LAYOUTS]);
  return { kind: LONG_LAYOUTS.includes(layout) ? 'longFile' : 'symbolFile', path };
}

function sourceFiles(source: SourceKind): string[] {
  if (source.kind === 'dataFolder') return dataFolderFiles(source.plan);
  return source.kind === 'priceFolder' ? priceFilesIn(source.path) : [source.path];
}

function isoOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const day = parseIsoDay(value);
  if (Number.isNaN(day)) throw new UserError(`${name} "${value}" is not a date; write YYYY-MM-DD`);
  return day;
}

/** The options that shape the Market, in a stable form (for the cache slot and fingerprint). */
function normalizedOptions(options: LoadMarketOptions): object {
  const snapshotEnds = Object.entries(options.snapshotEnds ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const roles = Object.entries(options.roles ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return { symbols: options.symbols ? [...options.symbols].sort() : null, from: options.from ?? null, to: options.to ?? null, calendar: options.calendar ?? 'union', snapshotEnds, assetClass: options.assetClass ?? null, roles };
}

const hashOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Load a market from `path` (see the header for what a path can be). */
export async function loadMarket(path: string, options: LoadMarketOptions = {}): Promise<Market> {
  const resolved = resolve(path);
  const source = detectSource(resolved);
  const files = sourceFiles(source).map(sourceFileState);
  const slot = hashOf({ version: DATA_LAYER_VERSION, path: resolved, options: normalizedOptions(options) });
  const cache = openCache(options);
  try {
    const cached = attempt(options, () => cache?.lookup(slot, files));
    if (cached) {
      options.onCache?.({ kind: 'hit', detail: `loaded from the cache in ${cacheDirOf(options)}` });
      return { ...cached, name: path };
    }
    const readAt = Date.now();
    const market = await buildMarket(path, resolved, source, options);
    const unchanged = files.every((f) => JSON.stringify(sourceFileState(f.path)) === JSON.stringify(f));
    if (cache && !unchanged) options.onCache?.({ kind: 'skipped', detail: 'a source file changed while it was read; not cached' });
    if (cache && unchanged) {
      const hashes = new Map(market.sources.map((s) => [resolve(s.path), s.fingerprint]));
      const stored = attempt(options, () => {
        cache.store(slot, files, hashes, market, readAt);
        return true;
      });
      if (stored) options.onCache?.({ kind: 'stored', detail: `stored in ${cacheDirOf(options)}` });
    }
    return market;
  } finally {
    cache?.close();
  }
}

const cacheDirOf = (options: LoadMarketOptions): string => resolve(options.cacheDir || '.cache');

function openCache(options: LoadMarketOptions): MarketCache | undefined {
  return options.cacheDir === false ? undefined : attempt(options, () => new MarketCache(cacheDirOf(options)));
}

/** Cache trouble never stops a load: it is reported and the cache is skipped. */
function attempt<T>(options: LoadMarketOptions, action: () => T): T | undefined {
  try {
    return action();
  } catch (err) {
    options.onCache?.({ kind: 'skipped', detail: `market cache skipped: ${(err as Error).message}` });
    return undefined;
  }
}

async function buildMarket(name: string, resolved: string, source: SourceKind, options: LoadMarketOptions): Promise<Market> {
  const wanted = options.symbols ? new Set(options.symbols) : undefined;
  const keepSymbol = (symbol: string): boolean => wanted === undefined || wanted.has(symbol);
  const snapshotEnd = snapshotEndResolver(options.snapshotEnds);
  const alignOptions = { calendar: options.calendar, from: isoOption('from', options.from), to: isoOption('to', options.to) };
  let parts: DataFolderParts;
  if (source.kind === 'dataFolder') parts = await loadDataFolder(source.plan, { ...alignOptions, keepSymbol, snapshotEnd });
  else {
    const fundPath = resolved.split(sep).some((segment) => FUND_FOLDER.test(segment));
    const assetClass = options.assetClass ? AssetClass[options.assetClass] : fundPath ? AssetClass.fund : AssetClass.stock;
    const optionsFor = (file: string, symbol: string) => ({ assetClass, snapshotEnd: snapshotEnd(file, symbol) });
    let loaded: LoadedPrices;
    if (source.kind === 'priceFolder') loaded = loadPriceFolder(source.path, optionsFor, keepSymbol);
    else if (source.kind === 'longFile') loaded = await loadLongPrices(source.path, optionsFor, keepSymbol);
    else loaded = loadPriceFile(source.path, optionsFor);
    const aligned = alignSeries(loaded.series, alignOptions);
    const N = aligned.symbols.length;
    parts = { aligned, synthetic: false, sources: loaded.sources, sector: new Array<string>(N).fill(''), industry: new Array<string>(N).fill(''), fundamentals: new Fundamentals(N, []), rates: {}, delistReturn: new Float64Array(N).fill(NaN) };
  }
  if (wanted) {
    const missing = [...wanted].filter((s) => !parts.aligned.symbols.includes(s));
    if (missing.length > 0) throw new UserError(`symbols not found in ${name} (or without prices in the date range): ${missing.join(', ')}`);
  }
  return assemble(name, resolved, parts, options);
}

function alignmentSource(name: string, parts: DataFolderParts, calendar: string): SourceInfo {
  const { report, dates, symbols } = parts.aligned;
  const notes = [`${dates.length} sessions × ${symbols.length} symbols on the ${calendar === 'union' ? 'union of all sessions' : `sessions of ${calendar}`}`];
  if (report.missingBars > 0) notes.push(`${report.missingBars} sessions without a bar inside the histories of ${report.symbolsWithGaps} symbols (NaN)`);
  if (report.offCalendarBars > 0) notes.push(`${report.offCalendarBars} bars on dates outside the calendar dropped`);
  if (report.emptySymbols.length > 0) notes.push(`${report.emptySymbols.length} symbols without a bar in the date range left out`);
  if (!parts.synthetic && parts.aligned.assetClass.includes(AssetClass.stock)) {
    notes.push(
      'survivorship: the stock universe holds the companies its price sources still carried when they were compiled; ' +
        'companies that disappeared earlier are missing, so cross-sectional results are survivor-biased',
    );
  }
  return { path: name, format: 'calendar alignment', fingerprint: '', notes };
}

function assemble(name: string, resolved: string, parts: DataFolderParts, options: LoadMarketOptions): Market {
  const { aligned } = parts;
  const sources = [...parts.sources, alignmentSource(name, parts, options.calendar ?? 'union')];
  const contentHashes = parts.sources.map((s) => [relative(resolved, s.path) || '.', s.fingerprint]);
  const fingerprint = hashOf({ version: DATA_LAYER_VERSION, options: normalizedOptions(options), sources: contentHashes });
  const roles: Record<string, string> = {};
  for (const [role, candidates] of Object.entries(ROLE_CANDIDATES)) {
    const present = candidates.find((symbol) => aligned.symbols.includes(symbol));
    if (present) roles[role] = present;
  }
  for (const [role, symbol] of Object.entries(options.roles ?? {})) {
    if (!aligned.symbols.includes(symbol)) throw new UserError(`role ${role}: symbol ${symbol} is not in ${name}`);
    roles[role] = symbol;
  }
  return {
    name,
    synthetic: parts.synthetic,
    symbols: aligned.symbols,
    dates: aligned.dates,
    open: aligned.open,
    high: aligned.high,
    low: aligned.low,
    close: aligned.close,
    volume: aligned.volume,
    priceKind: aligned.priceKind,
    assetClass: aligned.assetClass,
    sector: parts.sector,
    industry: parts.industry,
    splits: aligned.splits,
    dividends: aligned.dividends,
    delistedAfter: aligned.delistedAfter,
    delistReturn: parts.delistReturn,
    fundamentals: parts.fundamentals,
    rates: parts.rates,
    roles,
    sources,
    fingerprint,
  };
}
