// A data folder: everything a study needs in one place, found by layout and file headers.
// This is the shape of ../shared/data and of the files the sample writer emits:
//   funds      etf/adjclose/*.csv, else etf/*.csv (or .tsv)  per-symbol price files (assetClass fund);
//              any other folder of price files under etf/ (etf/ohlcv/) is listed as not read, with why (unreadFolders.ts)
//   stocks     *.csv[.gz] (or .tsv[.gz]) in the folder or universe/ whose header is a long price layout
//   rates      FRED files in the folder or rates/: DTB3 → tbill3m, TB3MS → tbill3mMonthly; any
//              other file in rates/, and any file of the folder itself read as nothing here, is
//              listed as not read, with why (rateFiles.ts)
//   statements SimFin us-{balance,cashflow,income}-* in the folder or universe/ (+ companies, industries)
//   delistings delistings.csv in the folder or universe/ (Ticker,LastDate,DelistReturn[,Reason])
//   symbols    symbols.csv in the folder, etf/, etf/adjclose/ or universe/ (symbolsFile.ts)
// Both names are read in any case (Symbols.csv); what several of these files say of one symbol
// must agree (symbolRecords.ts).
//   synthetic  README.txt whose first line starts with SYNTHETIC (the sample writer's marker)
// The calendar is the union of every series' sessions: funds back to 1993 and stocks from 2016
// alike. A load selects its period from it (prices/select.ts).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { alignSeries, type AlignedPrices } from '../prices/align.ts';
import { splitHeader } from '../formats/dialect.ts';
import { isFredHeader, isTopLevelRateFile, loadRateSeries, notFredReason } from '../fred.ts';
import { Fundamentals } from '../fundamentals.ts';
import { AssetClass, type SourceInfo } from '../market.ts';
import { isPriceFileName } from '../prices/files/priceFileName.ts';
import { isSymbolsFileName, loadPriceFile, loadPriceFolder, priceFilesIn, type LoadedPrices } from '../prices/files/priceFolder.ts';
import { unreadFilesIn } from '../prices/files/unreadFiles.ts';
import { isDelistingsFileName, isLongPriceHeader, isPerSymbolPriceHeader, ownSymbolColumn } from '../prices/files/priceColumns.ts';
import type { RateSeries } from '../rates.ts';
import { loadSimfinLabels, loadSimfinStatements, simfinStatementFiles } from '../fundamentals/simfin.ts';
import { statementsToRows } from '../fundamentals/statements.ts';
import { readHeadText } from '../formats/text.ts';
import { DataError } from '../errors.ts';
import { UNREAD_PRICE_FILE, unreadRateSources, type UnreadRateFile } from './rateFiles.ts';
import { symbolsFilesIn } from './symbolsFile.ts';
import { unreadFolderSources, unreadPriceFolders, type UnreadPriceFolder } from './unreadFolders.ts';

export interface DataFolderPlan {
  readonly root: string;
  readonly fundFolder: string | undefined;
  readonly longFiles: readonly string[];
  readonly rateFiles: readonly string[];
  /**
   * The files in rates/ that are not FRED series, and those of the folder itself read as nothing
   * else, with why: listed as not read (rateFiles.ts).
   */
  readonly unreadRateFiles: readonly UnreadRateFile[];
  /** Per-symbol price files in the folder itself, where only etf/ holds them, with why: listed as not read (rateFiles.ts). */
  readonly unreadPriceFiles: readonly UnreadRateFile[];
  /** The folders of price files under etf/ other than fundFolder (etf/ohlcv/ beside etf/adjclose/), with why: each listed as not read (unreadFolders.ts). */
  readonly unreadPriceFolders: readonly UnreadPriceFolder[];
  readonly statementFolder: string | undefined;
  readonly companies: string | undefined;
  readonly industries: string | undefined;
  /** delistings.csv files (any case) in the folder and universe/. */
  readonly delistings: readonly string[];
  /** symbols.csv files (any case) in the folder, etf/, etf/adjclose/ and universe/. */
  readonly symbolFiles: readonly string[];
  readonly synthetic: boolean;
}

const RATE_NAMES: Readonly<Record<string, string>> = { DTB3: 'tbill3m', TB3MS: 'tbill3mMonthly' };

/** A FRED file's series name in Market.rates, from its value column (DTB3 → tbill3m, TB3MS → tbill3mMonthly, others lower-cased). */
function rateSeriesName(column: string): string {
  return RATE_NAMES[column] ?? column.toLowerCase();
}

const isDir = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();
const tableFilesIn = (dir: string): string[] => (isDir(dir) ? readdirSync(dir).filter(isPriceFileName).sort().map((n) => join(dir, n)) : []);

function isSyntheticMarked(root: string): boolean {
  const readme = join(root, 'README.txt');
  return existsSync(readme) && readFileSync(readme, 'utf8').trimStart().startsWith('SYNTHETIC');
}

/**
 * A FRED rate file beside plain price files (or in their rates/) would be read as a price file, or
 * not at all: rates are read only in the data-folder layout. Throws a DataError naming the file,
 * its series and the layout to use.
 */
function refuseRatesInPriceFolder(root: string, topLevel: readonly string[], heads: ReadonlyMap<string, string>): void {
  const firstLine = (f: string): string => (heads.get(f) ?? readHeadText(f)).split(/\r?\n/, 1)[0];
  const rateFile = topLevel.find((f) => isTopLevelRateFile(f, firstLine(f), true)) ?? tableFilesIn(join(root, 'rates')).find((f) => isFredHeader(firstLine(f)));
  if (rateFile === undefined) return;
  const column = splitHeader(heads.get(rateFile) ?? readHeadText(rateFile))[1] ?? '';
  const name = rateSeriesName(column);
  throw new DataError(
    rateFile,
    1,
    `a FRED rate file (${column}, read as "${name}") in a plain price folder: rates are read only in the data-folder layout`,
    `move the price files into ${join(root, 'etf')}/ (or a long price file into universe/) and keep the rate file in ${join(root, 'rates')}/ or beside etf/`,
  );
}

/** The plan for `root`, or undefined when it is not a data folder (e.g. a plain price folder). */
export function planDataFolder(root: string): DataFolderPlan | undefined {
  const fundFolder = [join(root, 'etf', 'adjclose'), join(root, 'etf')].find((dir) => tableFilesIn(dir).length > 0);
  const topLevel = tableFilesIn(root);
  const universe = tableFilesIn(join(root, 'universe'));
  const heads = new Map([...topLevel, ...universe].map((f) => [f, readHeadText(f)]));
  const longFiles = [...topLevel, ...universe].filter((f) => !isSymbolsFileName(basename(f)) && isLongPriceHeader(splitHeader(heads.get(f)!)));
  if (fundFolder === undefined && longFiles.length === 0) {
    refuseRatesInPriceFolder(root, topLevel, heads);
    return undefined;
  }
  const statementFolder = [root, join(root, 'universe')].find((dir) => isDir(dir) && simfinStatementFiles(dir).length > 0);
  const find = (pattern: RegExp): string | undefined => [...topLevel, ...universe].find((f) => pattern.test(f));
  const firstLine = (f: string): string => (heads.get(f) ?? readHeadText(f)).split(/\r?\n/, 1)[0];
  const inRates = tableFilesIn(join(root, 'rates'));
  const companies = find(/us-companies\.csv(\.gz)?$/);
  const industries = find(/industries\.csv(\.gz)?$/);
  const delistings = [...topLevel, ...universe].filter((f) => isDelistingsFileName(basename(f)));
  const symbolFiles = [...new Set([root, join(root, 'etf'), join(root, 'etf', 'adjclose'), join(root, 'universe')])].flatMap(symbolsFilesIn);
  // Beside etf/ or universe/, a date and one series column is a rate file whatever the series is named (tbill.csv:
  // observation_date,tbill); beside long price files only, a FRED series id (Date,Price is a price file).
  const strict = fundFolder === undefined && universe.length === 0;
  const readElse = new Set([...longFiles, ...delistings, ...symbolFiles, companies, industries, ...simfinStatementFiles(root).map((s) => s.file)]);
  const topRates = topLevel.filter((f) => !readElse.has(f) && isTopLevelRateFile(f, firstLine(f), strict));
  const unreadTop = topLevel.filter((f) => !readElse.has(f) && !topRates.includes(f));
  const isPrices = (f: string): boolean => isPerSymbolPriceHeader(splitHeader(firstLine(f))) || ownSymbolColumn(f, splitHeader(firstLine(f))) >= 0;
  const plan: DataFolderPlan = {
    root,
    fundFolder,
    longFiles,
    rateFiles: [...topRates, ...inRates.filter((f) => isFredHeader(firstLine(f)))],
    unreadRateFiles: [...inRates.filter((f) => !isFredHeader(firstLine(f))), ...unreadTop.filter((f) => !isPrices(f))].map((file) => ({ file, reason: notFredReason(firstLine(file)) })),
    unreadPriceFiles: unreadTop.filter(isPrices).map((file) => ({ file, reason: `a per-symbol price file in the data folder itself, where price files are read from etf/ only — move it into ${join(root, 'etf')}/` })),
    unreadPriceFolders: unreadPriceFolders(root, fundFolder),
    statementFolder,
    companies,
    industries,
    delistings,
    symbolFiles,
    synthetic: isSyntheticMarked(root),
  };
  // Price files and nothing else (no etf/, statements, rates or delistings) are a price folder.
  const onlyPrices = fundFolder === undefined && universe.length === 0 && !statementFolder && plan.rateFiles.length === 0 && plan.delistings.length === 0 && !plan.companies && !plan.synthetic;
  return onlyPrices ? undefined : plan;
}

/**
 * Every file the plan reads (for the cache key), and every file it lists as not read: adding,
 * renaming or changing one changes what the market says of it (a folder's count of files, its opens).
 */
export function dataFolderFiles(plan: DataFolderPlan): string[] {
  const statements = plan.statementFolder ? simfinStatementFiles(plan.statementFolder).map((s) => s.file) : [];
  const funds = plan.fundFolder ? [...priceFilesIn(plan.fundFolder), ...unreadFilesIn(plan.fundFolder)] : [];
  const readme = join(plan.root, 'README.txt');
  const optional = [plan.companies, plan.industries, ...plan.delistings, ...plan.symbolFiles, existsSync(readme) ? readme : undefined].filter((f): f is string => f !== undefined);
  const unread = [...[...plan.unreadRateFiles, ...plan.unreadPriceFiles].map((u) => u.file), ...plan.unreadPriceFolders.flatMap((u) => u.files)];
  return [...funds, ...plan.longFiles, ...plan.rateFiles, ...unread, ...statements, ...optional];
}

export interface DataFolderParts {
  readonly aligned: AlignedPrices;
  readonly synthetic: boolean;
  readonly sources: SourceInfo[];
  /** Content hash of every price file read, by path. */
  readonly hashes: Map<string, string>;
  readonly sector: string[];
  readonly industry: string[];
  readonly fundamentals: Fundamentals;
  readonly rates: Record<string, RateSeries>;
  /** Per symbol, the return realised on delisting (NaN: unknown), as a delistings or symbols file gives it (symbolRecords.ts). */
  readonly delistReturn: Float64Array;
  /** Delisting dates given by a delistings or symbols file (epoch days), by symbol (symbolRecords.ts). */
  readonly delistedOn: Map<string, number>;
}

export interface DataFolderOptions {
  readonly keepSymbol: (symbol: string) => boolean;
  readonly snapshotEnd: (file: string, symbol: string) => number;
  /** Price columns in shared memory (prices/align.ts AlignOptions.shared). */
  readonly sharedColumns?: boolean;
}

export async function loadDataFolder(plan: DataFolderPlan, options: DataFolderOptions): Promise<DataFolderParts> {
  const optionsFor = (assetClass: AssetClass) => (file: string, symbol: string) => ({ assetClass, snapshotEnd: options.snapshotEnd(file, symbol) });
  const funds: LoadedPrices = plan.fundFolder ? await loadPriceFolder(plan.fundFolder, optionsFor(AssetClass.fund), options.keepSymbol) : { series: [], sources: [], hashes: new Map() };
  const stocks: LoadedPrices[] = [];
  for (const file of plan.longFiles) stocks.push(await loadPriceFile(file, optionsFor(AssetClass.stock), options.keepSymbol));
  const aligned = alignSeries([...funds.series, ...stocks.flatMap((s) => s.series)], { consume: true, shared: options.sharedColumns });
  const sources = [...funds.sources, ...stocks.flatMap((s) => s.sources)];
  const hashes = new Map([...funds.hashes, ...stocks.flatMap((s) => [...s.hashes])]);
  const N = aligned.symbols.length;
  const indexOf = new Map(aligned.symbols.map((s, i) => [s, i]));

  const sector = new Array<string>(N).fill('');
  const industry = new Array<string>(N).fill('');
  if (plan.companies && plan.industries) {
    const { labels, sources: labelSources } = loadSimfinLabels(plan.companies, plan.industries);
    aligned.symbols.forEach((symbol, i) => {
      sector[i] = labels.get(symbol)?.sector ?? '';
      industry[i] = labels.get(symbol)?.industry ?? '';
    });
    sources.push(...labelSources);
  }

  let fundamentals = new Fundamentals(N, []);
  if (plan.statementFolder) {
    const loaded = loadSimfinStatements(plan.statementFolder, (ticker) => indexOf.get(ticker) ?? -1);
    fundamentals = new Fundamentals(N, statementsToRows(loaded.statements));
    sources.push(...loaded.sources);
  }

  const rates: Record<string, RateSeries> = {};
  for (const file of plan.rateFiles) {
    const { series, source } = loadRateSeries(file);
    const name = rateSeriesName(series.name);
    rates[name] = { ...series, name };
    sources.push({ ...source, rate: name });
  }
  sources.push(...unreadRateSources(plan.unreadRateFiles), ...unreadRateSources(plan.unreadPriceFiles, UNREAD_PRICE_FILE), ...unreadFolderSources(plan.unreadPriceFolders));

  const delistReturn = new Float64Array(N).fill(NaN);
  return { aligned, synthetic: plan.synthetic, sources, hashes, sector, industry, fundamentals, rates, delistReturn, delistedOn: new Map() };
}
