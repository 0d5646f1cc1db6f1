// A data folder: everything a study needs in one place, found by layout and file headers.
// This is the shape of ../shared/data and of the files the sample writer emits:
//   funds      etf/adjclose/*.csv, else etf/*.csv            per-symbol price files (assetClass fund)
//   stocks     *.csv[.gz] in the folder or universe/ whose header is a long price layout
//   rates      FRED files in the folder or rates/: DTB3 → tbill3m, TB3MS → tbill3mMonthly
//   statements SimFin us-{balance,cashflow,income}-* in the folder or universe/ (+ companies, industries)
//   delistings delistings.csv (Ticker,LastDate,DelistReturn[,Reason])
//   synthetic  README.txt whose first line starts with SYNTHETIC (the sample writer's marker)
// When a folder has both stocks and funds, the calendar starts at the stocks' first date unless
// `from` says otherwise: the cross-section cannot start earlier, and T×N columns for decades of
// fund-only history (SPY goes back to 1993) would cost hundreds of MB for nothing.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { alignSeries, type AlignedPrices, type AlignOptions } from '../prices/align.ts';
import { findLayout } from '../formats/csvTable.ts';
import { loadDelistings } from './delistings.ts';
import { isFredHeader, loadRateSeries } from '../fred.ts';
import { Fundamentals } from '../fundamentals.ts';
import { loadLongPrices } from '../prices/longPrices.ts';
import { AssetClass, type SourceInfo } from '../market.ts';
import { loadPriceFolder, priceFilesIn, type LoadedPrices } from '../prices/priceFolder.ts';
import { LONG_LAYOUTS } from '../prices/priceLayouts.ts';
import type { RateSeries } from '../rates.ts';
import { loadSimfinLabels, loadSimfinStatements, simfinStatementFiles } from '../fundamentals/simfin.ts';
import { statementsToRows } from '../fundamentals/statements.ts';
import { readFirstLine } from '../formats/text.ts';

export interface DataFolderPlan {
  readonly root: string;
  readonly fundFolder: string | undefined;
  readonly longFiles: readonly string[];
  readonly rateFiles: readonly string[];
  readonly statementFolder: string | undefined;
  readonly companies: string | undefined;
  readonly industries: string | undefined;
  readonly delistings: string | undefined;
  readonly synthetic: boolean;
}

const RATE_NAMES: Readonly<Record<string, string>> = { DTB3: 'tbill3m', TB3MS: 'tbill3mMonthly' };
const CSV = /\.csv(\.gz)?$/i;

const isDir = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();
const csvFilesIn = (dir: string): string[] => (isDir(dir) ? readdirSync(dir).filter((n) => CSV.test(n)).sort().map((n) => join(dir, n)) : []);
const isLongPriceFile = (file: string): boolean => findLayout(readFirstLine(file).split(','), LONG_LAYOUTS) !== undefined;

function isSyntheticMarked(root: string): boolean {
  const readme = join(root, 'README.txt');
  return existsSync(readme) && readFileSync(readme, 'utf8').trimStart().startsWith('SYNTHETIC');
}

/** The plan for `root`, or undefined when it is not a data folder (e.g. a plain price folder). */
export function planDataFolder(root: string): DataFolderPlan | undefined {
  const fundFolder = [join(root, 'etf', 'adjclose'), join(root, 'etf')].find((dir) => csvFilesIn(dir).length > 0);
  const topLevel = csvFilesIn(root);
  const universe = csvFilesIn(join(root, 'universe'));
  const longFiles = [...topLevel, ...universe].filter(isLongPriceFile);
  if (fundFolder === undefined && longFiles.length === 0) return undefined;
  const statementFolder = [root, join(root, 'universe')].find((dir) => isDir(dir) && simfinStatementFiles(dir).length > 0);
  const find = (pattern: RegExp): string | undefined => [...topLevel, ...universe].find((f) => pattern.test(f));
  return {
    root,
    fundFolder,
    longFiles,
    rateFiles: [...topLevel, ...csvFilesIn(join(root, 'rates'))].filter((f) => !longFiles.includes(f) && isFredHeader(readFirstLine(f))),
    statementFolder,
    companies: find(/us-companies\.csv(\.gz)?$/),
    industries: find(/industries\.csv(\.gz)?$/),
    delistings: find(/(^|[\\/])delistings\.csv$/),
    synthetic: isSyntheticMarked(root),
  };
}

/** Every file the plan reads (for the cache key). */
export function dataFolderFiles(plan: DataFolderPlan): string[] {
  const statements = plan.statementFolder ? simfinStatementFiles(plan.statementFolder).map((s) => s.file) : [];
  const funds = plan.fundFolder ? priceFilesIn(plan.fundFolder) : [];
  const readme = join(plan.root, 'README.txt');
  const optional = [plan.companies, plan.industries, plan.delistings, existsSync(readme) ? readme : undefined].filter((f): f is string => f !== undefined);
  return [...funds, ...plan.longFiles, ...plan.rateFiles, ...statements, ...optional];
}

export interface DataFolderParts {
  readonly aligned: AlignedPrices;
  readonly synthetic: boolean;
  readonly sources: SourceInfo[];
  readonly sector: string[];
  readonly industry: string[];
  readonly fundamentals: Fundamentals;
  readonly rates: Record<string, RateSeries>;
  readonly delistReturn: Float64Array;
}

export interface DataFolderOptions extends AlignOptions {
  readonly keepSymbol: (symbol: string) => boolean;
  readonly snapshotEnd: (file: string, symbol: string) => number;
}

export async function loadDataFolder(plan: DataFolderPlan, options: DataFolderOptions): Promise<DataFolderParts> {
  const optionsFor = (assetClass: AssetClass) => (file: string, symbol: string) => ({ assetClass, snapshotEnd: options.snapshotEnd(file, symbol) });
  const funds: LoadedPrices = plan.fundFolder ? loadPriceFolder(plan.fundFolder, optionsFor(AssetClass.fund), options.keepSymbol) : { series: [], sources: [] };
  const stocks = await Promise.all(plan.longFiles.map((f) => loadLongPrices(f, optionsFor(AssetClass.stock), options.keepSymbol)));
  const stockSeries = stocks.flatMap((s) => s.series);
  const stockStart = Math.min(...stockSeries.map((s) => s.dates[0] ?? Infinity));
  const from = options.from ?? (funds.series.length > 0 && Number.isFinite(stockStart) ? stockStart : undefined);
  const aligned = alignSeries([...funds.series, ...stockSeries], { calendar: options.calendar, from, to: options.to });
  const sources = [...funds.sources, ...stocks.flatMap((s) => s.sources)];
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
    const name = RATE_NAMES[series.name] ?? series.name.toLowerCase();
    rates[name] = { ...series, name };
    sources.push(source);
  }

  const delistReturn = new Float64Array(N).fill(NaN);
  if (plan.delistings) {
    const { delistings, source } = loadDelistings(plan.delistings);
    for (const [ticker, d] of delistings) {
      const i = indexOf.get(ticker);
      if (i !== undefined) delistReturn[i] = d.delistReturn;
    }
    sources.push(source);
  }
  return { aligned, synthetic: plan.synthetic, sources, sector, industry, fundamentals, rates, delistReturn };
}
