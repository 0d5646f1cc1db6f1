// Price-like files a folder holds but breadth does not read: `.txt` files (Stooq and Kaggle name
// their CSV text so; Excel saves "Unicode text" as UTF-16 .txt), files saved in another form
// (QQQ.zip, DIA.xlsx, EFA.json, GLD.csv.bak: otherFormats.ts), macOS metadata, and names with a
// line break or another control character (no symbol holds one). Each becomes a source of its own
// that data inspect lists as not read, with its fix; a symbol asked for by such a file's name is
// told the file is there (nearestName.ts symbolHintIn), not only "unknown symbol".

import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataError, problemAndFix } from '../../errors.ts';
import type { SourceInfo } from '../../market.ts';
import { splitHeader } from '../../formats/dialect.ts';
import { readHeadText } from '../../formats/text.ts';
import { namesDateColumn } from './priceColumns.ts';
import { otherFormatOf } from './otherFormats.ts';
import { APPLE_DOUBLE, CONTROL_CHARACTER, isPriceFileName, symbolOfFile, TEXT_NAME } from './priceFileName.ts';

/** A name a price file or a .txt one might have (`._IWM.csv`, `._IWM.txt`). */
const PRICE_LIKE = /\.(?:csv|tsv|txt)(?:\.gz)?$/i;

/** The `.txt` files of `folder` (paths, sorted by name); README.txt is documentation, not prices. */
export function textFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => TEXT_NAME.test(name) && !/^readme\.txt$/i.test(name) && !APPLE_DOUBLE.test(name))
    .sort()
    .map((name) => join(folder, name));
}

/** The name a `.txt` price file would have as CSV: IWM.txt → IWM.csv, SPY.csv.txt → SPY.csv. */
export function csvNameOf(file: string): string {
  return basename(file).replace(/(\.csv)?\.txt$/i, '.csv');
}

/**
 * True when `file`, a `.txt` file, holds prices as CSV text: its first line, split as the price
 * reader splits it (its sniffed delimiter, quotes and BOM removed), names a column the reader takes
 * as the date, in any position, beside others (priceColumns.ts namesDateColumn). Throws
 * readHeadText's DataError when it is not UTF-8 text (Excel's UTF-16 "Unicode text"), whose fix
 * is a conversion, not a new name.
 */
export function isPriceText(file: string): boolean {
  const header = splitHeader(readHeadText(file));
  return header.length > 1 && namesDateColumn(header);
}

/**
 * Why a `.txt` file is not read, and the fix: not UTF-8 (UTF-16 "Unicode text": readHeadText's
 * refusal, with its iconv command); empty, or no price header on its first line (notes, a
 * licence: nothing to do); a price file of its symbol already read (`readFiles`: the names of the price files
 * beside it, IWM.csv or IWM.tsv: remove the copy); else a rename to .csv.
 */
export function textFileFix(file: string, readFiles: readonly string[] = []): string {
  let prices: boolean;
  try {
    prices = isPriceText(file);
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    // An empty .txt holds no prices either: nothing a run lacks (probe r53b: a caveat on every run).
    if (statSync(file).size === 0) return 'empty: not a price file: nothing to do';
    return problemAndFix(err.problem, err.fix);
  }
  if (!prices) return 'not a price file (its first line names no date column): nothing to do';
  return alreadyRead(symbolOfFile(csvNameOf(file))!, file, readFiles) ?? `a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it ${csvNameOf(file)}`;
}

/** `IWM.csv is read already: remove IWM.txt if it is a copy, …` when `readFiles` holds a price file of `symbol` (any case), else undefined. */
function alreadyRead(symbol: string, file: string, readFiles: readonly string[]): string | undefined {
  const read = readFiles.find((name) => symbolOfFile(name)?.toLowerCase() === symbol.toLowerCase());
  return read === undefined ? undefined : `${read} is read already: remove ${basename(file)} if it is a copy, or name it after another symbol`;
}

/** The files of `folder` saved in a form breadth does not read (otherFormats.ts), sorted by name: files only, never a subfolder. */
export function otherFormatFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => otherFormatOf(name) !== undefined)
    .sort()
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).isFile());
}

/**
 * A source of each file in `folder` that breadth does not read but may hold prices (a `.txt`, a
 * zip, a spreadsheet, a backup name, macOS metadata, a name with a control character), in that
 * order: its path, its form as `format`, and `unread` (why, and the fix) said as its note.
 */
export function unreadSources(folder: string): SourceInfo[] {
  const names = readdirSync(folder);
  const readFiles = names.filter(isPriceFileName);
  const texts = textFilesIn(folder).map((file) => {
    const fix = textFileFix(file, readFiles);
    return { path: file, format: 'not read (.txt)', fingerprint: '', notes: [fix], unread: fix };
  });
  const others = otherFormatFilesIn(folder).map((file) => {
    const { stem, format, fix: formFix } = otherFormatOf(basename(file))!;
    const fix = alreadyRead(stem, file, readFiles) ?? formFix;
    return { path: file, format, fingerprint: '', notes: [fix], unread: fix };
  });
  const why = 'macOS metadata (AppleDouble, left by copying off a Mac), not prices: skipped; delete the ._ files to be rid of them';
  const metadata = names.filter((name) => APPLE_DOUBLE.test(name) && PRICE_LIKE.test(name)).sort().map((name) => ({ path: join(folder, name), format: 'not read (macOS metadata)', fingerprint: '', notes: [why], unread: why }));
  const control = 'its name holds a line break, tab or other control character, which no symbol can: rename the file <SYMBOL>.csv';
  const misnamed = names.filter((name) => CONTROL_CHARACTER.test(name) && PRICE_LIKE.test(name) && !APPLE_DOUBLE.test(name)).sort().map((name) => ({ path: join(folder, name), format: 'not read (name)', fingerprint: '', notes: [control], unread: control }));
  return [...texts, ...others, ...metadata, ...misnamed];
}

/** The paths of every file unreadSources lists, from their names alone (a source's files: adding or renaming one changes what the market says). */
export function unreadFilesIn(folder: string): string[] {
  const named = readdirSync(folder).filter((name) => (APPLE_DOUBLE.test(name) || CONTROL_CHARACTER.test(name)) && PRICE_LIKE.test(name));
  return [...textFilesIn(folder), ...otherFormatFilesIn(folder), ...named.sort().map((name) => join(folder, name))];
}
