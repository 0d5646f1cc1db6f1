// A source path → the whole Market it holds (every symbol, every session), before any period or
// symbol selection: what the cache keeps. Knows the kinds of source (data folder, folder of price
// files, one price file) and who says what a symbol is.

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { isoDay } from '../dates.ts';
import { splitHeader } from '../formats/dialect.ts';
import { readHeadText, requireFile, unreadablePath } from '../formats/text.ts';
import { Fundamentals } from '../fundamentals.ts';
import { AssetClass, type Market, type SourceInfo } from '../market.ts';
import { alignSeries } from '../prices/align.ts';
import { isLongPriceHeader } from '../prices/files/priceColumns.ts';
import { PRICE_FILE_NAMES } from '../prices/files/priceFileName.ts';
import { loadPriceFile, loadPriceFolder, priceFilesIn, type LoadedPrices } from '../prices/files/priceFolder.ts';
import { unreadFilesIn } from '../prices/files/unreadFiles.ts';
import { snapshotEndResolver } from '../prices/snapshotEnds.ts';
import { applyDelistingDates } from './delistingDates.ts';
import { dataFolderFiles, loadDataFolder, planDataFolder, type DataFolderParts, type DataFolderPlan } from './dataFolder.ts';
import { assetClassNotes, type ClassRule } from './assetClassNotes.ts';
import { loadDelistings } from './delistings.ts';
import { SymbolRecords } from './symbolRecords.ts';
import { loadSymbolsFile, symbolsFilesIn } from './symbolsFile.ts';

export type SourceKind =
  | { readonly kind: 'dataFolder'; readonly plan: DataFolderPlan }
  | { readonly kind: 'priceFolder' | 'longFile' | 'symbolFile'; readonly path: string };

export interface BuildOptions {
  readonly snapshotEnds?: Readonly<Record<string, string>>;
  readonly assetClass?: 'stock' | 'fund';
  /** Price columns in shared memory (prices/align.ts AlignOptions.shared). */
  readonly sharedColumns?: boolean;
}

const FUND_FOLDER = /^(etf|etfs|funds)$/i;

export function detectSource(path: string): SourceKind {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (err) {
    throw unreadablePath(path, err, 'no such file or folder', `give a data folder, a folder of ${PRICE_FILE_NAMES} files, or one price file`);
  }
  if (isDirectory) {
    const plan = planDataFolder(path);
    return plan ? { kind: 'dataFolder', plan } : { kind: 'priceFolder', path };
  }
  requireFile(path);
  return { kind: isLongPriceHeader(splitHeader(readHeadText(path))) ? 'longFile' : 'symbolFile', path };
}

/** The symbols files a source reads: a data folder's, or those beside a price folder or file (any case: Symbols.csv). */
function symbolsFilesOf(source: SourceKind): string[] {
  if (source.kind === 'dataFolder') return [...source.plan.symbolFiles];
  return symbolsFilesIn(source.kind === 'priceFolder' ? source.path : dirname(source.path));
}

/** The folder of per-symbol price files a source reads, beside which files not read (IWM.txt, QQQ.zip) are listed so (prices/files/unreadFiles.ts): a data folder's funds; none for one file. */
export function perSymbolFolderOf(source: SourceKind): string | undefined {
  if (source.kind === 'dataFolder') return source.plan.fundFolder;
  return source.kind === 'priceFolder' ? source.path : undefined;
}

/** Every file a source reads (the cache checks them all). */
export function sourceFiles(source: SourceKind): string[] {
  if (source.kind === 'dataFolder') return dataFolderFiles(source.plan);
  // A file beside the prices that is not read (IWM.txt, QQQ.zip: prices/files/unreadFiles.ts) is listed so: adding or renaming one changes the market's sources.
  const prices = source.kind === 'priceFolder' ? [...priceFilesIn(source.path), ...unreadFilesIn(source.path)] : [source.path];
  return [...prices, ...symbolsFilesOf(source)];
}

const hashOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** Builds the whole market of a source; `hashes` holds the content hash of each file read. */
export async function buildSource(name: string, source: SourceKind, options: BuildOptions): Promise<{ market: Market; hashes: Map<string, string> }> {
  const snapshotEnd = snapshotEndResolver(options.snapshotEnds);
  const keep = (): boolean => true;
  let parts: DataFolderParts;
  let classRule: ClassRule | undefined;
  if (source.kind === 'dataFolder') parts = await loadDataFolder(source.plan, { keepSymbol: keep, snapshotEnd, sharedColumns: options.sharedColumns });
  else {
    const byFolderName = source.path.split(sep).find((segment) => FUND_FOLDER.test(segment));
    classRule = { option: options.assetClass, byFolderName };
    const assetClass = options.assetClass ? AssetClass[options.assetClass] : byFolderName ? AssetClass.fund : AssetClass.stock;
    const optionsFor = (file: string, symbol: string) => ({ assetClass, snapshotEnd: snapshotEnd(file, symbol) });
    const loaded: LoadedPrices = source.kind === 'priceFolder' ? await loadPriceFolder(source.path, optionsFor, keep) : await loadPriceFile(source.path, optionsFor);
    const aligned = alignSeries(loaded.series, { consume: true, shared: options.sharedColumns });
    const N = aligned.symbols.length;
    parts = {
      aligned,
      synthetic: false,
      sources: loaded.sources,
      hashes: loaded.hashes,
      sector: new Array<string>(N).fill(''),
      industry: new Array<string>(N).fill(''),
      fundamentals: new Fundamentals(N, []),
      rates: {},
      delistReturn: new Float64Array(N).fill(NaN),
      delistedOn: new Map(),
    };
  }
  const records = new SymbolRecords(parts);
  for (const file of source.kind === 'dataFolder' ? source.plan.delistings : []) {
    const { delistings, source: info } = loadDelistings(file);
    records.addDelistings(file, delistings);
    parts.sources.push(info);
  }
  for (const file of symbolsFilesOf(source)) {
    const { symbols, source: info } = loadSymbolsFile(file);
    records.addSymbols(symbols, info);
    parts.sources.push(info);
  }
  records.requireDelistingDates();
  const classNotes = classRule ? assetClassNotes(parts.aligned, records.classGiven, classRule) : [];
  const delistingNotes = applyDelistingDates(parts.aligned, parts.delistedOn);
  const root = source.kind === 'dataFolder' ? source.plan.root : source.path;
  return { market: assemble(name, root, parts, [...classNotes, ...delistingNotes]), hashes: parts.hashes };
}

/** The calendar's source notes: its shape, `loadNotes` (asset classes, dropped bars…), gaps, flagged moves, survivorship. */
function alignmentSource(name: string, parts: DataFolderParts, loadNotes: readonly string[]): SourceInfo {
  const { report, dates, symbols } = parts.aligned;
  const notes = [`${dates.length} sessions × ${symbols.length} symbols on the union of all sessions`, ...loadNotes];
  if (report.missingBars > 0) notes.push(`${report.missingBars} session${report.missingBars === 1 ? '' : 's'} without a bar inside the histor${report.symbolsWithGaps === 1 ? 'y of 1 symbol' : `ies of ${report.symbolsWithGaps} symbols`} (NaN)`);
  const readEarlier = [...report.weekendBarsReadEarlier].map(([symbol, bars]) => `${symbol} (${bars})`);
  if (readEarlier.length > 0) {
    notes.push(`weekend-dated bars read as of the previous session, as nothing here trades on weekends (calendar month-end levels): ${readEarlier.slice(0, 10).join(', ')}${readEarlier.length > 10 ? ', …' : ''}`);
  }
  for (const [symbol, days] of report.strayWeekendBars) {
    notes.push(`${symbol}: ${days.length} bar${days.length === 1 ? '' : 's'} dated on a weekend (${days.slice(0, 3).map(isoDay).join(', ')}${days.length > 3 ? ', …' : ''}) in a load whose daily series do not trade on weekends: each is a session nothing else trades on — check the row's date`);
  }
  const moves = parts.aligned.revertingMoves.session.length;
  if (moves > 0) notes.push(`${moves} single-session moves that revert (×3 or more, taken back within 10 bars) flagged; see data inspect`);
  if (!parts.synthetic && parts.aligned.assetClass.includes(AssetClass.stock)) {
    notes.push(
      'survivorship: the stock universe holds the companies its price sources still carried when they were compiled; ' +
        'companies that disappeared earlier are missing, so cross-sectional results are survivor-biased',
    );
  }
  return { path: name, format: 'calendar alignment', fingerprint: '', notes };
}

function assemble(name: string, root: string, parts: DataFolderParts, loadNotes: readonly string[]): Market {
  const { aligned } = parts;
  const sources = [...parts.sources, alignmentSource(name, parts, loadNotes)];
  const contentHashes = parts.sources.map((s) => [relative(root, s.path) || '.', s.fingerprint]);
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
    revertingMoves: aligned.revertingMoves,
    delistedAfter: aligned.delistedAfter,
    ...(aligned.continuesAfter ? { continuesAfter: aligned.continuesAfter } : {}),
    ...(aligned.delistingAfterData ? { delistingAfterData: aligned.delistingAfterData } : {}),
    delistReturn: parts.delistReturn,
    fundamentals: parts.fundamentals,
    rates: parts.rates,
    roles: {},
    sources,
    fingerprint: hashOf({ sources: contentHashes }),
  };
}
