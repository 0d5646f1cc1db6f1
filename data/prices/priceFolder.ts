// A folder with one price CSV per symbol (`SPY.csv`, `IWM.csv.gz`, ...): the file name is the
// symbol; the header is `Date,AdjClose` or `Date,Open,High,Low,Close,AdjClose,Volume`.

import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataError } from '../errors.ts';
import type { SourceInfo } from '../market.ts';
import { PriceRowParser } from './priceRows.ts';
import { seriesFromParsed, type SeriesOptions, type SymbolSeries } from './priceSeries.ts';
import { readSource } from '../formats/text.ts';

export interface LoadedPrices {
  readonly series: SymbolSeries[];
  readonly sources: SourceInfo[];
}

/** Per-file options: how to read the symbol in `file`. */
export type SeriesOptionsFor = (file: string, symbol: string) => SeriesOptions;

const PRICE_FILE = /^(.+)\.csv(\.gz)?$/i;

/** The symbol a per-symbol file holds, or undefined when the name is not `<SYMBOL>.csv[.gz]`. */
export function symbolOfFile(file: string): string | undefined {
  return PRICE_FILE.exec(basename(file))?.[1];
}

/** One per-symbol price file. */
export function loadPriceFile(file: string, optionsFor: SeriesOptionsFor): LoadedPrices {
  const symbol = symbolOfFile(file);
  if (symbol === undefined) throw new DataError(file, undefined, 'not a price file name', 'name per-symbol files <SYMBOL>.csv or <SYMBOL>.csv.gz');
  const { bytes, contentHash } = readSource(file);
  const parser = new PriceRowParser(file, { symbol });
  parser.push(bytes);
  const parsed = parser.finish();
  const { series, notes } = seriesFromParsed(parsed, (name) => optionsFor(file, name));
  const format = `csv per symbol: ${parsed.layout.columns.join(',')}`;
  return { series, sources: [{ path: file, format, fingerprint: contentHash, notes }] };
}

/** The price files of a folder, sorted by name (other files are ignored). */
export function priceFilesIn(folder: string): string[] {
  const files = readdirSync(folder)
    .filter((name) => PRICE_FILE.test(name))
    .sort()
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).isFile());
  if (files.length === 0) throw new DataError(folder, undefined, 'no price files (*.csv or *.csv.gz) in this folder', 'point at a folder of <SYMBOL>.csv files, a long-format CSV, or the shared data root');
  return files;
}

/** Every per-symbol file of `folder`, optionally only some symbols. */
export function loadPriceFolder(folder: string, optionsFor: SeriesOptionsFor, keepSymbol: (symbol: string) => boolean = () => true): LoadedPrices {
  const loaded: LoadedPrices = { series: [], sources: [] };
  for (const file of priceFilesIn(folder)) {
    if (!keepSymbol(symbolOfFile(file)!)) continue;
    const one = loadPriceFile(file, optionsFor);
    loaded.series.push(...one.series);
    loaded.sources.push(...one.sources);
  }
  return loaded;
}
