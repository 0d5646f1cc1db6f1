// yfinance's `yf.download(...).to_csv()`: a header of two or three rows, one column per field and
// ticker (pandas writes a MultiIndex of columns one level per row, then the index's name on a row
// of its own when it has one):
//   Price,Adj Close,Close,…         the field level (the default, group_by='column'), then
//   Ticker,IWM,IWM,…                the ticker level (the other way round with group_by='ticker'),
//   Date,,,…                        the index's name (absent when the index has none),
// then one row per date. yfinance names its levels Price and Ticker since 0.2.33 (before, the
// first cells are empty: `,Adj Close,…` / `,IWM,…`), and writes them even for one ticker since
// 0.2.48. The records are reshaped before the price reader sees them (priceReader.ts readGeneral),
// so the rows are read as any other file's: one ticker is a per-symbol file whose columns are the
// field row's names (its symbol is the file name, as every per-symbol file's; row 2 names the same
// one); several are a long file, `Date,Ticker,<fields>`, one record per ticker and date, as
// `df.stack(level=…).reset_index()` writes it: a ticker whose cells are all empty on a date (a
// ticker that starts later, or a holiday of its own market) has no bar that date, and its record
// is left out, as stack leaves out such rows.

import { DataError } from '../../errors.ts';
import { normalizeColumnName, wrongFieldCountError } from '../../formats/csvTable.ts';
import { roleOfColumn, yfinanceLevel } from './priceColumns.ts';

/** Records reshaped from yf.download's header: a one-row header first, each with its line in the file. */
export interface YfinanceRecords {
  readonly records: readonly (readonly string[])[];
  readonly lines: readonly number[];
  /** What was read, for the source notes (`data inspect`). */
  readonly note: string;
}

/** Tickers named in a note, at most. */
const NAMED_UP_TO = 10;

/**
 * `records` (csv-parse's, header first, each starting on `lines[k]`) reshaped when they open with
 * yf.download's multi-row header, else undefined. `symbol`: a per-symbol file's (its file name).
 * Throws a DataError (file:line) for a header whose first row names yfinance's level (Price or
 * Ticker) with no second level under it, a (field, ticker) named twice, a row of another length,
 * or one ticker other than the file's symbol.
 */
export function readYfinanceHeader(file: string, records: readonly (readonly string[])[], lines: readonly number[], symbol: string | undefined): YfinanceRecords | undefined {
  const first = records[0];
  const level = first === undefined ? undefined : yfinanceLevel(first);
  if (level === undefined) return undefined;
  const second = records[1] ?? [];
  const named = first[0].trim() !== '';
  const [otherName, writes] = level === 'field' ? ['Ticker', 'Price,… then Ticker,…'] : ['Price', "Ticker,… then Price,…, as group_by='ticker' writes it"];
  if (!isSecondLevel(second, first, named ? otherName : '', level)) {
    // A Ticker row is read as one only above its Price row: `Ticker,…` heads other files too.
    if (!named || level === 'ticker') return undefined;
    const fix = `rename ${first[0]} to Date when the column holds the dates (a file of one ticker with rows 2 and 3 deleted), or keep the rows yfinance writes`;
    throw new DataError(file, lines[1] ?? lines[0], `the header's first row "${shorten(first.join(','))}" is yfinance's ${first[0]} row (${writes}), but the next line is not its ${otherName} row`, fix);
  }
  const [given, tickerRow] = level === 'field' ? [first, second] : [second, first];
  // yfinance writes Adj Close only with auto_adjust=False; without it (auto_adjust=True, its
  // default since 0.2.51), Close is adjusted for dividends and splits: it is read as Adj Close, a
  // total-return price, never as a traded Close whose dividends are missing (probe r66a F1). With
  // its action columns (actions=True) the price series' own rule reads that layout already
  // (series/priceSeries.ts closeHoldsDividends: the dividends listed are not paid again).
  const roles = given.map((name) => roleOfColumn(name));
  const adjusted = !roles.includes('adjClose') && roles.includes('close') && !roles.some((role) => role === 'dividend' || role === 'splitRatio' || role === 'capitalGain');
  const fieldRow = adjusted ? given.map((name) => (roleOfColumn(name) === 'close' ? 'Adj Close' : name)) : given;
  const adjustedNote = adjusted ? '; no Adj Close: its Close is adjusted for dividends and splits (auto_adjust=True, yfinance\'s default), read as Adj Close' : '';
  // pandas writes the index's name on a row of its own (Date,,,…); with no name, the data follow.
  const third = records[2];
  const indexRow = third !== undefined && third.length === first.length && third[0] !== '' && !/^\d/.test(third[0]) && third.slice(1).every((cell) => cell === '');
  const indexName = indexRow ? third[0] : 'Date';
  const role = roleOfColumn(indexName);
  const dateName = role === 'date' || role === 'time' ? indexName : 'Date';
  const start = indexRow ? 3 : 2;
  const rows = indexRow ? `${first[0] || '(empty)'},… then ${second[0] || '(empty)'},… then ${indexName},,,…` : `${first[0] || '(empty)'},… then ${second[0] || '(empty)'},…`;

  const tickers: string[] = [];
  const fields: string[] = [];
  const columnOf = new Map<string, number>();
  for (let k = 1; k < first.length; k++) {
    const [field, ticker] = [fieldRow[k], tickerRow[k]];
    if (!tickers.includes(ticker)) tickers.push(ticker);
    if (!fields.includes(field)) fields.push(field);
    const key = `${field}\u0000${ticker}`;
    const twice = columnOf.get(key);
    if (twice !== undefined) throw new DataError(file, lines[0], `columns ${twice + 1} and ${k + 1} of yfinance's header are both ${field} of ${ticker}`, 'keep one of them');
    columnOf.set(key, k);
  }
  const width = first.length;
  const checked = (r: number): readonly string[] => {
    const record = records[r];
    if (record.length !== width) throw wrongFieldCountError(file, lines[r], width, record.length);
    return record;
  };

  if (tickers.length === 1 && symbol !== undefined) {
    const ticker = tickers[0];
    if (ticker !== symbol) {
      const name = file.replace(/^.*[/\\]/, '');
      throw new DataError(
        file,
        lines[level === 'field' ? 1 : 0],
        `yfinance's ${tickerRow[0] || 'ticker'} row names ${ticker}, but a per-symbol file's symbol is its file name: ${symbol}`,
        `rename the file ${ticker}${name.slice(symbol.length)} (or save ${symbol}'s download as ${name})`,
      );
    }
    const body = records.slice(start).map((_, k) => checked(start + k));
    const note = `yfinance multi-row header, 1 ticker (${rows}): read as ${dateName},${fields.join(',')}, the ticker row naming the file's symbol${adjustedNote}`;
    return { records: [[dateName, ...fieldRow.slice(1)], ...body], lines: [lines[0], ...lines.slice(start)], note };
  }

  const longRecords: string[][] = [[dateName, 'Ticker', ...fields]];
  const longLines: number[] = [lines[0]];
  const columns = tickers.map((ticker) => fields.map((field) => columnOf.get(`${field}\u0000${ticker}`)));
  const noBar = new Map<string, number>();
  for (let r = start; r < records.length; r++) {
    const record = checked(r);
    // A row of empty cells (a date's separators only) is a blank row, skipped as csv-parse skips an empty line.
    if (record.every((cell) => cell === '')) continue;
    for (let t = 0; t < tickers.length; t++) {
      const cells = columns[t].map((k) => (k === undefined ? '' : record[k]));
      if (cells.every((cell) => cell === '')) {
        noBar.set(tickers[t], (noBar.get(tickers[t]) ?? 0) + 1);
        continue;
      }
      longRecords.push([record[0], tickers[t], ...cells]);
      longLines.push(lines[r]);
    }
  }
  const listed = tickers.length <= NAMED_UP_TO ? tickers.join(', ') : `${tickers.slice(0, NAMED_UP_TO).join(', ')}, … ${tickers.length - NAMED_UP_TO} more`;
  const empties = [...noBar].slice(0, NAMED_UP_TO).map(([ticker, n]) => `${ticker} on ${n} date${n === 1 ? '' : 's'}`);
  const gaps = noBar.size === 0 ? '' : `; every cell empty (no bar that date, left out): ${empties.join(', ')}${noBar.size > NAMED_UP_TO ? `, … ${noBar.size - NAMED_UP_TO} more tickers` : ''}`;
  const note = `yfinance multi-row header, ${tickers.length} ticker${tickers.length === 1 ? '' : 's'} (${listed}; ${rows}: a column per field and ticker): read as a long file ${dateName},Ticker,${fields.join(',')}${adjustedNote}${gaps}`;
  return { records: longRecords, lines: longLines, note };
}

/**
 * True when `row` is the second level under `first` (of level `level`): as wide, its first cell
 * `name` (any case), every other cell filled; unnamed (`name` ''), the other level: price fields
 * only under tickers, and not under fields.
 */
function isSecondLevel(row: readonly string[], first: readonly string[], name: string, level: 'field' | 'ticker'): boolean {
  if (row.length !== first.length || normalizeColumnName(row[0]) !== normalizeColumnName(name) || row.slice(1).some((cell) => cell === '')) return false;
  return name !== '' || (yfinanceLevel(row) === 'field') === (level === 'ticker');
}

/** A long header for a one-line message: its first 60 characters. */
const shorten = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text);
