// symbols.csv beside the prices: what each symbol is, as the user says, not as a folder name
// suggests. Columns by meaning, in any order (names compare case- and punctuation-insensitively):
//   symbol (or ticker)                         required
//   name, asset class (stock | fund; etf, equity… read as such), sector, industry
//   delisting date (YYYY-MM-DD), delisting return (a fraction from -1 to 1, e.g. -0.3, or a
//   percent with its sign, -30%: delistingReturn.ts)   optional; a return needs its symbol's
//   delisting date, in this file or another (symbolRecords.ts)
// A delisting date makes the symbol delisted after its last bar on or before that date (the
// engine closes a position there, at the delisting return when given), and drops its bars after
// the date (folder/delistingDates.ts), as delistings.csv does. Its name may be in any case
// (Symbols.csv), as price folders leave it out of their price files in any case. Written like a
// price file: comma, semicolon (with decimal commas, -0,35) or tab separated (formats/dialect.ts);
// blank rows (`,,,`) skipped and counted.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeColumnName, readSniffedRecords, refuseRepeatedColumns, wrongFieldCountError } from '../formats/csvTable.ts';
import { describeDialect } from '../formats/dialect.ts';
import { badDateError, parseDateText } from '../formats/fields.ts';
import { DataError } from '../errors.ts';
import { delistingReturn } from './delistingReturn.ts';
import { AssetClass, type SourceInfo } from '../market.ts';
import { isSymbolsFileName } from '../prices/files/priceFolder.ts';

export interface SymbolInfo {
  /** The line of the file that says it (1-based). */
  readonly line: number;
  readonly name: string;
  /** undefined: the file leaves it blank. */
  readonly assetClass: AssetClass | undefined;
  readonly sector: string;
  readonly industry: string;
  /** Epoch day of the last trading day; NaN when not delisted (or unknown). */
  readonly delistedOn: number;
  /** NaN when unknown. */
  readonly delistReturn: number;
  /** The return as the file writes it ('' when blank), for messages. */
  readonly delistReturnText: string;
}

type Field = 'symbol' | 'name' | 'assetClass' | 'sector' | 'industry' | 'delistedOn' | 'delistReturn';

const COLUMN_NAMES: Readonly<Record<Field, readonly string[]>> = {
  symbol: ['symbol', 'ticker'],
  name: ['name', 'companyname', 'security'],
  assetClass: ['assetclass', 'class', 'type', 'kind'],
  sector: ['sector'],
  industry: ['industry'],
  delistedOn: ['delistingdate', 'delisted', 'delistedon', 'delistdate', 'lastdate'],
  delistReturn: ['delistingreturn', 'delistreturn'],
};

/** Each field as a message names it. */
const FIELD_NAMES: Readonly<Record<Field, string>> = { symbol: 'symbol', name: 'name', assetClass: 'asset class', sector: 'sector', industry: 'industry', delistedOn: 'delisting date', delistReturn: 'delisting return' };

const ASSET_CLASSES: Readonly<Record<string, AssetClass>> = {
  stock: AssetClass.stock,
  equity: AssetClass.stock,
  share: AssetClass.stock,
  commonstock: AssetClass.stock,
  fund: AssetClass.fund,
  etf: AssetClass.fund,
  etn: AssetClass.fund,
  index: AssetClass.fund,
  mutualfund: AssetClass.fund,
};

/** The symbols files in `dir` (none when it is not a folder), by name whatever its case, sorted. */
export function symbolsFilesIn(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir).filter(isSymbolsFileName).sort().map((name) => join(dir, name));
}

/**
 * Reads a symbols file: symbol → what it is. Throws DataError (file:line) for a header without a
 * symbol column, a row with the wrong number of fields or no symbol, a symbol listed twice, or an
 * asset class, date or return that cannot be read.
 */
export function loadSymbolsFile(file: string): { symbols: Map<string, SymbolInfo>; source: SourceInfo } {
  const { records, lines, contentHash, dialect } = readSniffedRecords(file);
  const howRead = dialect.delimiter === ',' && !dialect.decimalComma ? undefined : describeDialect(dialect);
  if (records.length === 0) throw new DataError(file, undefined, 'file is empty', 'start with a header such as symbol,name,asset class,sector,industry');
  const header = records[0];
  const fields = header.map((name) => (Object.keys(COLUMN_NAMES) as Field[]).find((f) => COLUMN_NAMES[f].includes(normalizeColumnName(name))) ?? null);
  const shown = `"${header.join(dialect.delimiter)}"`;
  refuseRepeatedColumns(file, lines[0], header, fields, howRead ? `${shown} (${howRead})` : shown, (field) => FIELD_NAMES[field]);
  const at = new Map<Field, number>();
  fields.forEach((field, k) => {
    if (field !== null) at.set(field, k);
  });
  if (!at.has('symbol')) throw new DataError(file, lines[0], `no symbol column in ${shown} (${howRead ?? describeDialect(dialect)})`, 'name the first column symbol (or ticker); optional: name, asset class, sector, industry, delisting date, delisting return');
  const symbols = new Map<string, SymbolInfo>();
  let blankRows = 0;
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    if (record.every((field) => field === '')) {
      blankRows++;
      continue;
    }
    if (record.length !== header.length) throw wrongFieldCountError(file, lines[r], header.length, record.length);
    const get = (field: Field): string => (at.has(field) ? record[at.get(field)!] : '');
    const symbol = get('symbol');
    if (symbol === '') throw new DataError(file, lines[r], 'symbol is empty', 'every row names its symbol');
    if (symbols.has(symbol)) throw new DataError(file, lines[r], `${symbol} is listed twice`, 'one row per symbol');
    const classText = get('assetClass');
    const assetClass = classText === '' ? undefined : ASSET_CLASSES[normalizeColumnName(classText)];
    if (classText !== '' && assetClass === undefined) throw new DataError(file, lines[r], `asset class "${classText}" is neither a stock nor a fund`, 'write stock (or equity) or fund (or etf, index), or leave it blank');
    const dateText = get('delistedOn');
    const delistedOn = dateText === '' ? NaN : parseDateText(dateText);
    if (dateText !== '' && Number.isNaN(delistedOn)) throw badDateError({ file, line: lines[r], column: header[at.get('delistedOn')!] }, dateText, 'YYYY-MM-DD (or leave it blank)');
    const returnText = get('delistReturn');
    const delistReturn = delistingReturn(returnText, file, lines[r], dialect.decimalComma ? ',' : '.');
    symbols.set(symbol, { line: lines[r], name: get('name'), assetClass, sector: get('sector'), industry: get('industry'), delistedOn, delistReturn, delistReturnText: returnText });
  }
  const classes = [...symbols.values()].filter((s) => s.assetClass !== undefined).length;
  const notes = [`${symbols.size} symbols; asset class given for ${classes}`];
  if (howRead) notes.push(howRead);
  if (blankRows > 0) notes.push(`${blankRows} blank rows (every field empty) skipped`);
  return { symbols, source: { path: file, format: `symbols csv: ${header.join(',')}`, fingerprint: contentHash, notes } };
}
