// What the delistings and symbols files say of each loaded symbol — asset class, sector, industry,
// delisting date and return — applied over what the folder layout implied. Several files may speak
// of one symbol (delistings.csv beside a symbols.csv; symbols files in a data folder, its etf/ and
// universe/): what only one says, or all say alike, is applied; two that differ are refused with
// both lines, as a backtest must not pick one of them silently. A row naming a loaded symbol in
// another case (DDD beside ddd.csv) is refused too: symbols are case-sensitive, so it would
// apply to nothing, its delisting included, without a word. So is a delisting return without a
// delisting date in any file: the date is what the return is measured from, and without it the
// return would apply to nothing while the run called the symbol's end "no delisting record".

import { isoDay } from '../dates.ts';
import { DataError } from '../errors.ts';
import { AssetClass, type SourceInfo } from '../market.ts';
import { meantSymbol } from '../nearestName.ts';
import type { AlignedPrices } from '../prices/align.ts';
import type { DataFolderParts } from './dataFolder.ts';
import type { Delisting } from './delistings.ts';
import type { SymbolInfo } from './symbolsFile.ts';

/** What a file says of one field of one symbol: its value (compared), as a message shows it, and where. */
interface Said {
  /** Labels compare as text, numbers as numbers: -57.7% and -0.577 are one delisting return. */
  readonly value: string | number;
  readonly text: string;
  readonly file: string;
  readonly line: number;
}

/** The key of what files said of `symbol`'s `what`. */
const sayingKey = (symbol: string, what: string): string => `${symbol}\u0000${what}`;

/** The ISO date of symbol i's last bar; undefined when it has none. */
/** Unpriced symbols listed in a note. */
const UNPRICED_SHOWN = 10;

/**
 * The note on a symbols file's symbols that have no prices (`unknown`, in file order), each with
 * the loaded symbol it may mean (nearestName.ts meantSymbol: AAA beside Stooq's AAA.US): a row
 * applies to the symbol it names exactly, so the one meant keeps the default class, silently but
 * for this note.
 */
function unpricedNote(unknown: readonly string[], loaded: readonly string[]): string {
  const shown = unknown.slice(0, UNPRICED_SHOWN).map((symbol) => ({ symbol, meant: meantSymbol(symbol, loaded) }));
  const list = shown.map(({ symbol, meant }) => (meant === undefined ? symbol : `${symbol} (did you mean ${meant}?)`)).join(', ') + (unknown.length > UNPRICED_SHOWN ? ', …' : '');
  const which = unknown.length === 1 ? '1 symbol listed here has' : `${unknown.length} symbols listed here have`;
  const fix = shown.some((s) => s.meant !== undefined) ? ' — a row applies only to the symbol it names exactly: write it as the prices name it' : '';
  return `${which} no prices: ${list}${fix}`;
}

function lastBarDay(aligned: AlignedPrices, i: number): string | undefined {
  const n = aligned.symbols.length;
  for (let t = aligned.dates.length - 1; t >= 0; t--) if (aligned.close[t * n + i] === aligned.close[t * n + i]) return isoDay(aligned.dates[t]);
  return undefined;
}

const CLASS_NAMES: Readonly<Record<AssetClass, string>> = { [AssetClass.stock]: 'stock', [AssetClass.fund]: 'fund' };

/** The records of a source's files, written into its parts (asset class, sector, industry, delistedOn, delistReturn) as they are added. */
export class SymbolRecords {
  readonly #parts: DataFolderParts;
  readonly #indexOf: ReadonlyMap<string, number>;
  /** Loaded symbols by their lower case, for rows that name one in another case. */
  readonly #byLowerCase: ReadonlyMap<string, string>;
  readonly #said = new Map<string, Said>();
  /** Per loaded symbol: 1 when a symbols file gave its asset class. */
  readonly classGiven: Uint8Array;

  constructor(parts: DataFolderParts) {
    this.#parts = parts;
    this.#indexOf = new Map(parts.aligned.symbols.map((s, i) => [s, i]));
    this.#byLowerCase = new Map(parts.aligned.symbols.map((s) => [s.toLowerCase(), s]));
    this.classGiven = new Uint8Array(parts.aligned.symbols.length);
  }

  /** A delistings file's rows (delistings.ts); rows for symbols not loaded are left out. Throws DataError on a contradiction. */
  addDelistings(file: string, delistings: ReadonlyMap<string, Delisting>): void {
    for (const [symbol, d] of delistings) {
      const i = this.#loaded(symbol, file, d.line);
      if (i !== undefined) this.#delisting(symbol, i, { delistedOn: d.lastDay, delistReturn: d.delistReturn, delistReturnText: d.delistReturnText, line: d.line }, file);
    }
  }

  /**
   * A symbols file's rows (symbolsFile.ts), with notes on `info`: how many loaded symbols it gave
   * an asset class, and which of its symbols have no prices. Throws DataError on a contradiction.
   */
  addSymbols(symbols: ReadonlyMap<string, SymbolInfo>, info: SourceInfo): void {
    const { aligned, sector, industry } = this.#parts;
    const file = info.path;
    let classes = 0;
    const unknown: string[] = [];
    for (const [symbol, entry] of symbols) {
      const i = this.#loaded(symbol, file, entry.line);
      if (i === undefined) {
        unknown.push(symbol);
        continue;
      }
      if (entry.assetClass !== undefined) {
        this.#agree(symbol, 'asset class', CLASS_NAMES[entry.assetClass], CLASS_NAMES[entry.assetClass], file, entry.line);
        (aligned.assetClass as Uint8Array)[i] = entry.assetClass;
        this.classGiven[i] = 1;
        classes++;
      }
      if (entry.sector) sector[i] = this.#agree(symbol, 'sector', entry.sector, entry.sector, file, entry.line);
      if (entry.industry) industry[i] = this.#agree(symbol, 'industry', entry.industry, entry.industry, file, entry.line);
      this.#delisting(symbol, i, entry, file);
    }
    const notes = info.notes as string[];
    notes.push(`asset class from this file for ${classes} loaded symbol${classes === 1 ? '' : 's'}`);
    if (unknown.length > 0) notes.push(unpricedNote(unknown, aligned.symbols));
  }

  /**
   * After every file is added: a DataError at the line of a loaded symbol's delisting return
   * when no file gave its delisting date, with the fix (its last bar's date, when that is when it
   * stopped trading).
   */
  requireDelistingDates(): void {
    const { aligned, delistReturn, delistedOn } = this.#parts;
    aligned.symbols.forEach((symbol, i) => {
      if (Number.isNaN(delistReturn[i]) || delistedOn.has(symbol)) return;
      const said = this.#said.get(sayingKey(symbol, 'delisting return'))!;
      const last = lastBarDay(aligned, i);
      throw new DataError(
        said.file,
        said.line,
        `${symbol} has a delisting return (${said.text}) but no delisting date, here or in another file: a delisting return applies after its delisting date, so it would apply to nothing`,
        `give its delisting date${last === undefined ? '' : `, e.g. ${last} if that is when it stopped trading (its last bar)`}, or leave the return blank`,
      );
    });
  }

  /** The index of loaded `symbol` (undefined when none is); a DataError at `file:line` when one is loaded in another case. */
  #loaded(symbol: string, file: string, line: number): number | undefined {
    const i = this.#indexOf.get(symbol);
    const spelled = i === undefined ? this.#byLowerCase.get(symbol.toLowerCase()) : undefined;
    if (spelled !== undefined) {
      throw new DataError(file, line, `${symbol} is loaded as ${spelled}, in another case; symbols are case-sensitive, so this row would apply to no symbol`, 'spell the symbol one way in both (rename the price file or correct the row)');
    }
    return i;
  }

  /** A delisting date (epoch day) and return (NaN: not said; the return as written, for messages) of loaded symbol i, from `file`'s line. */
  #delisting(symbol: string, i: number, said: Pick<SymbolInfo, 'delistedOn' | 'delistReturn' | 'delistReturnText' | 'line'>, file: string): void {
    const { delistedOn, delistReturn, line } = said;
    if (!Number.isNaN(delistedOn)) {
      this.#agree(symbol, 'delisting date', delistedOn, isoDay(delistedOn), file, line);
      this.#parts.delistedOn.set(symbol, delistedOn);
    }
    if (!Number.isNaN(delistReturn)) {
      this.#agree(symbol, 'delisting return', delistReturn, said.delistReturnText, file, line);
      this.#parts.delistReturn[i] = delistReturn;
    }
  }

  /**
   * `value`, once no earlier file said otherwise of `symbol`'s `what` (numbers compared as numbers);
   * else a DataError naming both lines, each value as its file writes it (`text`).
   */
  #agree<V extends string | number>(symbol: string, what: string, value: V, text: string, file: string, line: number): V {
    const key = sayingKey(symbol, what);
    const earlier = this.#said.get(key);
    if (earlier === undefined) this.#said.set(key, { value, text, file, line });
    else if (earlier.value !== value) {
      throw new DataError(file, line, `${symbol}'s ${what} is ${text}, but ${earlier.file}:${earlier.line} says ${earlier.text}`, `say it in one file, or the same in both`);
    }
    return value;
  }
}
