// Folders of price files under a data folder's etf/ that it does not read: a data folder reads its
// funds from one folder (etf/adjclose/, else etf/ itself: dataFolder.ts), so etf/ohlcv/ beside
// etf/adjclose/ (../shared/data's raw OHLCV) is never read. Its opens are not taken either: raw opens
// and total-return closes are in different units. Each such folder is one source listed as not read
// (data inspect, a run's source notes), with why and the fix; a run whose next-open fills fell back
// to the close names the folder that holds opens (engine/caveats/warnings.ts, opensNotRead).

import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { DataError } from '../errors.ts';
import { splitHeader } from '../formats/dialect.ts';
import { readHeadText } from '../formats/text.ts';
import type { Market, SourceInfo } from '../market.ts';
import { roleOfColumn } from '../prices/files/priceColumns.ts';
import { isPriceFileName, symbolOfFile } from '../prices/files/priceFileName.ts';
import { isSymbolsFileName } from '../prices/files/priceFolder.ts';

/** The format of a source that is a folder of price files under etf/ the data folder does not read, whose files have no opens. */
export const UNREAD_PRICE_FOLDER = 'not read (price folder)';
/** As UNREAD_PRICE_FOLDER, for a folder whose files carry opening prices (an Open column). */
export const UNREAD_OPENS_FOLDER = 'not read (price folder with opens)';

/** A folder under etf/ not read: its price files (paths, sorted by name), why and the fix, and whether any of them has an Open column. */
export interface UnreadPriceFolder {
  readonly folder: string;
  readonly files: readonly string[];
  readonly reason: string;
  readonly opens: boolean;
  /** Symbols of its files (any case) in no folder read: the universe lacks them. */
  readonly lacking: readonly string[];
}

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The per-symbol price files of `dir` (not symbols.csv), sorted by name; none when it is no folder. */
const priceFilesOf = (dir: string): string[] =>
  isDir(dir)
    ? readdirSync(dir)
        .filter((name) => isPriceFileName(name) && !isSymbolsFileName(name))
        .sort()
        .map((name) => join(dir, name))
        .filter((file) => statSync(file).isFile())
    : [];

/** Whether `file`'s first line names an opening price (Open, open, …); false when it cannot be read as text (its own load says why). */
function hasOpenColumn(file: string): boolean {
  try {
    return splitHeader(readHeadText(file)).some((column) => roleOfColumn(column) === 'open');
  } catch (err) {
    if (err instanceof DataError) return false;
    throw err;
  }
}

/** "etf/ohlcv/" for `folder` under `root`. */
const shown = (root: string, folder: string): string => `${relative(root, folder).split(/[\\/]/).join('/')}/`;

/**
 * The folders of price files under `root`/etf/ other than `fundFolder` (the one read, or none):
 * etf/ itself when etf/adjclose/ is read, and each subfolder of etf/ (by name), each with its files
 * and its reason, e.g. "etf/ohlcv/ (11 price files) not read: a data folder reads its funds from
 * etf/adjclose/ (total-return closes); raw opens are in another unit than those closes — to fill
 * at the open, run on etf/ohlcv/ itself (--data /data/etf/ohlcv), whose files carry their own closes".
 */
export function unreadPriceFolders(root: string, fundFolder: string | undefined): UnreadPriceFolder[] {
  const etf = join(root, 'etf');
  if (!isDir(etf)) return [];
  const subfolders = readdirSync(etf)
    .sort()
    .map((name) => join(etf, name))
    .filter(isDir);
  const read = new Set((fundFolder ? priceFilesOf(fundFolder) : []).map((f) => symbolOfFile(f)!.toLowerCase()));
  const adjclose = fundFolder !== undefined && basename(fundFolder) === 'adjclose' && fundFolder !== etf;
  const readFrom = fundFolder === undefined ? 'etf/adjclose/, else etf/ itself' : `${shown(root, fundFolder)}${adjclose ? ' (total-return closes)' : ''}`;
  return [etf, ...subfolders]
    .filter((folder) => folder !== fundFolder)
    .flatMap((folder) => {
      const files = priceFilesOf(folder);
      if (files.length === 0) return [];
      const name = shown(root, folder);
      const opens = files.some(hasOpenColumn);
      const lacking = files.map((f) => symbolOfFile(f)!).filter((symbol) => !read.has(symbol.toLowerCase()));
      const head = `${name} (${files.length} price file${files.length === 1 ? '' : 's'}) not read: a data folder reads its funds from ${readFrom}`;
      const fix = opens
        ? `${adjclose ? '; raw opens are in another unit than those closes' : '; opens are not mixed with the closes of another folder'} — to fill at the open, run on ${name} itself (--data ${folder}), whose files carry their own closes`
        : ` — to read its files, run on ${name} itself (--data ${folder})`;
      const shownLacking = `${lacking.slice(0, 6).join(', ')}${lacking.length > 6 ? ', …' : ''}`;
      const lacks = lacking.length > 0 ? `; ${lacking.length === 1 ? `its symbol ${shownLacking} is` : `${lacking.length} of its symbols (${shownLacking}) are`} in no folder read, so the universe lacks ${lacking.length === 1 ? 'it' : 'them'}` : '';
      return [{ folder, files, reason: `${head}${fix}${lacks}`, opens, lacking }];
    });
}

/** A source of each folder, listed as not read: its path, `format` (UNREAD_OPENS_FOLDER when its files carry opens, else UNREAD_PRICE_FOLDER), its reason as its note and as `unread`. */
export function unreadFolderSources(folders: readonly UnreadPriceFolder[]): SourceInfo[] {
  return folders.map(({ folder, reason, opens }) => ({ path: folder, format: opens ? UNREAD_OPENS_FOLDER : UNREAD_PRICE_FOLDER, fingerprint: '', notes: [reason], unread: reason }));
}

/**
 * A folder source whose symbols the market holds all the same (no "universe lacks" clause): what
 * it adds is opens, said where a run lacked them (opensNotRead), not a file the universe lacks.
 */
export function isReadElsewhere(source: SourceInfo): boolean {
  return (source.format === UNREAD_PRICE_FOLDER || source.format === UNREAD_OPENS_FOLDER) && !/so the universe lacks (?:it|them)$/.test(source.unread ?? '');
}

/**
 * What a run whose next-open fills used the close is told of opens `market` holds but did not read:
 * "etf/ohlcv/ holds opening prices, not read: …, to fill at the open, run on etf/ohlcv/ itself"
 * for each folder with opens (UNREAD_OPENS_FOLDER), joined by "; "; '' when there is none.
 */
export function opensNotRead(market: Market): string {
  return market.sources
    .filter((s) => s.format === UNREAD_OPENS_FOLDER)
    .map((s) => {
      const name = /(?:^|[\\/])(etf(?:[\\/][^\\/]+)?)[\\/]?$/.exec(s.path)?.[1].replace(/\\/g, '/') ?? basename(s.path);
      return `${name}/ holds opening prices, not read (a data folder does not mix another folder's opens with the closes it reads): to fill at the open, run on ${name}/ itself`;
    })
    .join('; ');
}
