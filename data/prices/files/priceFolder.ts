// Price files → series: one file (per-symbol `<SYMBOL>.csv` or `.tsv`, optionally gzipped, the file name is the symbol;
// or long, naming its symbol in every row), or a folder of them. A folder of more than 50
// per-symbol files shares one SourceInfo, so what they lack is said once ("no opening prices"
// for 2,000 files is one note, not 2,000).

import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataError } from '../../errors.ts';
import type { ListedNote } from '../../listedNotes.ts';
import type { SourceInfo } from '../../market.ts';
import { delimiterName, splitHeader, type Dialect } from '../../formats/dialect.ts';
import { plainNumberText, type DecimalMark } from '../../formats/numberMarks.ts';
import { readHeadText, requireFile, sha256 } from '../../formats/text.ts';
import { ignoredColumns, isLongPriceHeader, usedColumns } from './priceColumns.ts';
import { parseOnWorkers, parseThreads, POOL_MIN_BYTES, POOL_MIN_FILES } from './parsePool.ts';
import { readPriceFile, streamPriceFile, type ReadPrices } from './priceReader.ts';
import { identicalSeriesNotes } from './sameSeries.ts';
import { seriesFromParsed, type SeriesOptions, type SymbolSeries } from '../series/priceSeries.ts';
import { CONTROL_CHARACTER, isPriceFileName, PRICE_FILE_NAMES, PRICE_FILE_PATTERNS, symbolOfFile, TEXT_NAME } from './priceFileName.ts';
import { otherFormatOf } from './otherFormats.ts';
import { isPriceText, otherFormatFilesIn, textFilesIn, unreadSources } from './unreadFiles.ts';

export interface LoadedPrices {
  readonly series: SymbolSeries[];
  readonly sources: SourceInfo[];
  /** Content hash (sha256 of the stored bytes) of every file read, by path. */
  readonly hashes: Map<string, string>;
}

/** Per-file options: how to read the symbol in `file`. */
export type SeriesOptionsFor = (file: string, symbol: string) => SeriesOptions;

/** Files above this size are streamed (a long file of thousands of symbols) rather than read whole. */
const STREAM_ABOVE_BYTES = 16 << 20;

interface FileRead {
  readonly file: string;
  readonly read: ReadPrices;
  readonly series: SymbolSeries[];
  readonly notes: string[];
  readonly listed: ListedNote[];
}

async function readOne(file: string, optionsFor: SeriesOptionsFor, keepTicker?: (ticker: string) => boolean): Promise<FileRead> {
  const symbol = symbolOfFile(file);
  if (symbol === undefined) throw new DataError(file, undefined, 'not a price file name', `name per-symbol files ${PRICE_FILE_NAMES}${TEXT_NAME.test(file) ? ` (a .txt price file, as Stooq and Kaggle name theirs, is CSV text: rename this one ${basename(file).replace(TEXT_NAME, '.csv')})` : ''}`);
  requireFile(file);
  const options = { symbol, keepTicker };
  const read = statSync(file).size > STREAM_ABOVE_BYTES ? await streamPriceFile(file, options) : readPriceFile(file, options);
  return { file, read, ...seriesFromParsed(read.parsed, (name) => optionsFor(file, name)) };
}

function columnsOf(read: ReadPrices): SourceInfo['columns'] {
  return { used: usedColumns(read.parsed.columns), ignored: ignoredColumns(read.parsed.columns) };
}

/**
 * How the file was split and its numbers read (notes of a source; data/inspect.ts prints them),
 * with the line that showed a decimal mark other than the delimiter's usual one (Dialect.markShownLate).
 * Where no number shows its decimal mark, a note of the guess (guessedMarkNote), which the run's
 * caveats carry (engine/caveats/warnings.ts).
 */
function dialectNote(read: ReadPrices): string[] {
  const { delimiter, decimalComma, quoted, markShownLate } = read.dialect;
  const parts = [delimiter === ';' ? 'semicolon-separated' : delimiter === '\t' ? 'tab-separated' : '', decimalComma ? 'decimal commas' : '', quoted ? 'quoted fields' : ''].filter(Boolean);
  const notes = parts.length > 0 ? [`read as ${parts.join(', ')}`] : [];
  if (markShownLate !== undefined) {
    const mark = decimalComma ? ',' : '.';
    notes.push(`decimal mark "${mark}" shown first at line ${markShownLate.line} ("${markShownLate.text}"): the numbers above it fit either mark, and are read with "${mark}" too, not the "${mark === ',' ? '.' : ','}" ${delimiterName(delimiter)}-separated files usually use`);
  }
  const guess = guessedMarkNote(read.dialect);
  return guess === undefined ? notes : [...notes, guess];
}

/**
 * The note of a decimal-mark guess that read numbers (Dialect.unshownMark, readByGuess): the number
 * and what it became, the columns, which way the magnitude may be off (×1,000: `199,520` is 199520
 * or 199.52, and nothing in the file tells), and the fix. Its words "prices may be 1,000× too high"
 * make it a high caveat, "volumes may be 1,000× too high" a medium one, "… too low" (the mark read
 * as a decimal one, as such files write it) a low one (engine/caveats/warnings.ts).
 * Undefined when there was no guess, or it read no number.
 */
function guessedMarkNote(dialect: Dialect): string | undefined {
  const { delimiter, decimalComma, unshownMark, readByGuess = [] } = dialect;
  if (unshownMark === undefined || readByGuess.length === 0) return undefined;
  const [decimal, other]: DecimalMark[] = decimalComma ? [',', '.'] : ['.', ','];
  const grouped = unshownMark.includes(other);
  const digits = unshownMark.replace(/[.,]/, '');
  const [reading, fix] = grouped
    ? [`"${other}" as a thousands separator`, `if it is a decimal ${MARK_NAME[other]} (${unshownMark.replace(other, '.')}), write the numbers with a decimal ${MARK_NAME[decimal]}: ${unshownMark.replace(other, decimal)}`]
    : [`"${decimal}" as the decimal mark`, `if "${decimal}" separates thousands (${digits}), write the numbers without it: ${digits}`];
  const what = readByGuess.some((c) => c.price) ? 'prices' : 'volumes';
  const columns = readByGuess.map((c) => c.column).join(', ');
  return `"${unshownMark}" read as ${Number(plainNumberText(unshownMark, decimal))} (${reading}, as ${delimiterName(delimiter)}-separated files usually write it): no number in the file shows its decimal mark, so ${what} may be 1,000× too ${grouped ? 'high' : 'low'} (${columns}) — ${fix}`;
}

const MARK_NAME: Readonly<Record<DecimalMark, string>> = { '.': 'point', ',': 'comma' };

/** A long file: its own SourceInfo. */
function longSource(one: FileRead): SourceInfo {
  const { parsed } = one.read;
  const notes = [`${one.series.length} ticker${one.series.length === 1 ? '' : 's'}, ${parsed.day.length} row${parsed.day.length === 1 ? '' : 's'}`, ...dialectNote(one.read), ...one.notes];
  const ignored = columnsOf(one.read)!.ignored;
  if (ignored.length > 0) notes.push(`columns ignored: ${ignored.join(', ')}`);
  const symbols = one.series.map((s) => s.symbol);
  return { path: one.file, format: `long csv: ${columnsOf(one.read)!.used.join(',')}`, fingerprint: one.read.contentHash, notes, columns: columnsOf(one.read), symbols, listed: one.listed };
}

/** Per-symbol files: one SourceInfo for all of them (notes said once, with how many files). */
function perSymbolSource(path: string, reads: readonly FileRead[]): SourceInfo {
  const n = reads.length;
  const formats = new Set(reads.map((r) => columnsOf(r.read)!.used.join(',')));
  const counts = new Map<string, number>();
  for (const r of reads) for (const note of [...dialectNote(r.read), ...r.notes]) counts.set(note, (counts.get(note) ?? 0) + 1);
  const said = (note: string): string => {
    const k = counts.get(note)!;
    return k === n || n === 1 ? note : `${note} (${k} of ${n} files)`;
  };
  const notes = [...counts.keys()].map(said);
  // A listing note names its file's symbol: restated per run like a long file's, under the note as said here.
  const listed = reads.flatMap((r) => r.listed.map((l) => ({ ...l, note: said(l.note) })));
  const ignored = [...new Set(reads.flatMap((r) => columnsOf(r.read)!.ignored))];
  if (ignored.length > 0) notes.push(`columns ignored: ${ignored.join(', ')}`);
  const used = [...new Set(reads.flatMap((r) => columnsOf(r.read)!.used))];
  const layout = formats.size === 1 ? [...formats][0] : `${formats.size} layouts (${[...formats].slice(0, 3).join(' | ')}${formats.size > 3 ? ' | …' : ''})`;
  const fingerprint = n === 1 ? reads[0].read.contentHash : sha256(Buffer.from(reads.map((r) => `${basename(r.file)}:${r.read.contentHash}`).join('\n')));
  const symbols = reads.flatMap((r) => r.series.map((s) => s.symbol));
  return { path, format: `${n === 1 ? 'csv per symbol' : `csv per symbol (${n} files)`}: ${layout}`, fingerprint, notes, columns: { used, ignored }, symbols, listed };
}

/** Up to this many per-symbol files keep a source each; more share one (notes said once, with counts). */
const SOURCE_PER_FILE_UP_TO = 50;

function collect(path: string, given: readonly FileRead[]): LoadedPrices {
  const identical = identicalSeriesNotes(given.flatMap((r) => r.series.map((series) => ({ file: r.file, series }))));
  const reads = given.map((r) => (identical.has(r.file) ? { ...r, notes: [...r.notes, ...identical.get(r.file)!] } : r));
  const perSymbol = reads.filter((r) => !r.read.parsed.columns.long);
  const long = reads.filter((r) => r.read.parsed.columns.long);
  const perFile = perSymbol.length <= SOURCE_PER_FILE_UP_TO;
  const symbolSources = perFile ? perSymbol.map((r) => perSymbolSource(r.file, [r])) : [perSymbolSource(path, perSymbol)];
  const sources = [...(perSymbol.length > 0 ? symbolSources : []), ...long.map(longSource)];
  return { series: reads.flatMap((r) => r.series), sources, hashes: new Map(reads.map((r) => [r.file, r.read.contentHash])) };
}

/** One price file (per-symbol or long). */
export async function loadPriceFile(file: string, optionsFor: SeriesOptionsFor, keepTicker?: (ticker: string) => boolean): Promise<LoadedPrices> {
  return collect(file, [await readOne(file, optionsFor, keepTicker)]);
}

/** True for a symbols file's name in any case (symbols.csv, Symbols.csv): what a symbol is, not its prices (folder/symbolsFile.ts). */
export const isSymbolsFileName = (name: string): boolean => /^symbols\.csv$/i.test(name);

/** Up to this many subfolders holding price files are named in a refusal; more are counted. */
const SUBFOLDERS_NAMED_UP_TO = 3;

/** True when `dir` holds a price file by name (false when it cannot be read: it is only a hint). */
function holdsPriceFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => isPriceFileName(name) && !isSymbolsFileName(name));
  } catch {
    return false;
  }
}

/**
 * The fix for a folder without price files whose subfolders hold some (the shared data's etf/, of
 * adjclose/ and ohlcv/): `its subfolders adjclose/ and ohlcv/ hold price files: point at one of
 * them (…/etf/adjclose)`, the first three named and the rest counted; undefined when none does.
 * One level down, in name order.
 */
function priceSubfoldersFix(folder: string): string | undefined {
  const holding = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && holdsPriceFiles(join(folder, entry.name)))
    .map((entry) => entry.name)
    .sort();
  if (holding.length === 0) return undefined;
  const shown = holding.slice(0, SUBFOLDERS_NAMED_UP_TO).map((name) => `${name}/`);
  const more = holding.length - shown.length;
  const names = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return holding.length === 1
    ? `its subfolder ${names} holds price files: point at it (${join(folder, holding[0])})`
    : `its subfolders ${names} hold price files: point at one of them (e.g. ${join(folder, holding[0])})`;
}

/** The price files of a folder, sorted by name (other files are ignored). */
export function priceFilesIn(folder: string): string[] {
  const files = readdirSync(folder)
    .filter((name) => isPriceFileName(name) && !isSymbolsFileName(name))
    .sort()
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).isFile());
  if (files.length === 0) {
    const names = readdirSync(folder);
    // One that is not UTF-8 text (Excel's UTF-16 "Unicode text") is said as such (isPriceText throws), not as a name to change;
    // one whose first line names no date column (notes, a licence) holds no prices to rename.
    const texts = textFilesIn(folder).filter(isPriceText);
    const misnamed = names.filter((name) => CONTROL_CHARACTER.test(name) && /\.(?:csv|tsv)(?:\.gz)?$/i.test(name));
    const others = otherFormatFilesIn(folder).map((file) => `${basename(file)} is ${otherFormatOf(basename(file))!.fix}`);
    const fix =
      texts.length > 0
        ? `${texts.length} .txt file${texts.length === 1 ? ' is' : 's are'} here: a .txt price file (as Stooq and Kaggle name theirs) is CSV text, so rename ${texts.length === 1 ? 'it' : 'them'} to .csv`
        : others.length > 0
          ? `${others.slice(0, 3).join('; ')}${others.length > 3 ? `; … (${others.length} such files in all)` : ''}`
          : misnamed.length > 0
          ? `${misnamed.map((name) => JSON.stringify(name)).join(', ')} ${misnamed.length === 1 ? 'has a name' : 'have names'} holding a line break, tab or other control character, which no symbol can: rename ${misnamed.length === 1 ? 'it' : 'them'} <SYMBOL>.csv`
          : (priceSubfoldersFix(folder) ?? `point at a folder of ${PRICE_FILE_NAMES} files, a long-format CSV, or the shared data root`);
    const symbols = names.find(isSymbolsFileName);
    throw new DataError(folder, undefined, `no price files (${PRICE_FILE_PATTERNS}) in this folder${symbols === undefined ? '' : ` (${symbols} says what the symbols are; their prices go beside it)`}`, fix);
  }
  return files;
}

/** Every price file of `folder` (per-symbol or long), optionally only some symbols. */
export async function loadPriceFolder(folder: string, optionsFor: SeriesOptionsFor, keepSymbol: (symbol: string) => boolean = () => true): Promise<LoadedPrices> {
  const files: string[] = [];
  for (const file of priceFilesIn(folder)) {
    // A file named after a symbol that is not wanted is skipped unread, unless it is a long file.
    if (keepSymbol(symbolOfFile(file)!) || isLongPriceHeader(splitHeader(readHeadText(file)))) files.push(file);
  }
  const sizes = files.map((file) => statSync(file).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const pooled = files.length >= POOL_MIN_FILES && total >= POOL_MIN_BYTES && parseThreads() > 0;
  const reads: FileRead[] = [];
  if (!pooled) {
    for (const file of files) reads.push(await readOne(file, optionsFor, keepSymbol));
    return withUnread(folder, collect(folder, reads));
  }
  // Large files (long files of many symbols) are streamed on the main thread; the rest go to workers.
  const small = files.filter((_, k) => sizes[k] <= STREAM_ABOVE_BYTES);
  const tasks = small.map((file) => {
    const symbol = symbolOfFile(file)!;
    const { assetClass, snapshotEnd } = optionsFor(file, symbol);
    return { file, symbol, assetClass, snapshotEnd };
  });
  const outcomes = await parseOnWorkers(tasks);
  const byFile = new Map<string, FileRead>();
  for (const [k, outcome] of outcomes.entries()) {
    const file = small[k];
    // A worker's error is raised again by reading the file here: the same DataError, file and line.
    byFile.set(file, outcome.ok ? { file, read: outcome.read, series: outcome.series, notes: outcome.notes, listed: outcome.listed } : await readOne(file, optionsFor, keepSymbol));
  }
  for (const file of files) reads.push(byFile.get(file) ?? (await readOne(file, optionsFor, keepSymbol)));
  return withUnread(folder, collect(folder, reads));
}

/** The folder's prices with a source for each .txt file beside them, not read (prices/files/unreadFiles.ts). */
function withUnread(folder: string, loaded: LoadedPrices): LoadedPrices {
  return { ...loaded, sources: [...loaded.sources, ...unreadSources(folder)] };
}
