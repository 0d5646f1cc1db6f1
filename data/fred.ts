// FRED rate downloads (`observation_date,DTB3`, `"Date","TB3MS"`, `DATE,VALUE`; tab- or
// semicolon-separated alike): one date column and one value column in percent a year. Values
// become decimals (5.27 → 0.0527); a decimal comma (`5,27`) reads as in price files
// (formats/markedColumn.ts). FRED leaves a value blank (or writes ".") on market holidays;
// those rows carry the previous value forward, and a source note counts them. A comma ending
// every line (Excel's save: `observation_date,DTB3,`) is an empty third column, read past.

import { ownSymbolColumn, roleOfColumn } from './prices/files/priceColumns.ts';
import { matchLayout, readSniffedRecords, requireAscendingDates, wrongFieldCountError } from './formats/csvTable.ts';
import { describeDialect, splitHeader } from './formats/dialect.ts';
import { DataError } from './errors.ts';
import { badDateError, parseDateText, requirePercent, shownText } from './formats/fields.ts';
import { plainColumn } from './formats/markedColumn.ts';
import type { SourceInfo } from './market.ts';
import { type RateSeries, startDatedMonths } from './rates.ts';

export interface LoadedRate {
  readonly series: RateSeries;
  readonly source: SourceInfo;
  /** Rows whose value was blank and carried forward. */
  readonly filled: number;
}

const DATE_COLUMNS = ['observation_date', 'DATE', 'Date'];

/** A header's columns less an empty last one: the column a comma ending every line makes (Excel's `observation_date,DTB3,`). */
const withoutTrailingEmpty = (columns: readonly string[]): readonly string[] => (columns.length > 2 && columns[columns.length - 1] === '' ? columns.slice(0, -1) : columns);

/** A FRED series; `name` defaults to the value column's header (e.g. DTB3). */
export function loadRateSeries(file: string, name?: string): LoadedRate {
  const { records, lines, contentHash, dialect } = readSniffedRecords(file);
  if (records.length === 0) throw new DataError(file, undefined, 'file is empty', 'a FRED file starts with a header such as observation_date,DTB3');
  const header = withoutTrailingEmpty(records[0]);
  const trailing = header.length < records[0].length;
  const valueColumn = header.length === 2 ? header[1] : '';
  matchLayout(file, lines[0], header, DATE_COLUMNS.map((d) => ({ name: 'FRED series', columns: [d, valueColumn || '<SERIES>'] })), dialect.delimiter);
  const days: number[] = [];
  const dayLines: number[] = [];
  const values: number[] = [];
  let filled = 0;
  let previous = NaN;
  for (let k = 1; k < records.length; k++) checkFieldCount(file, lines[k], records[k], trailing);
  const texts = plainColumn(file, records, lines, 1, dialect);
  for (let k = 1; k < records.length; k++) {
    const record = records[k];
    const day = parseDateText(record[0]);
    if (Number.isNaN(day)) throw badDateError({ file, line: lines[k], column: header[0] }, record[0]);
    let value: number;
    const text = texts[k - 1];
    if (text === '' || text === '.') {
      value = previous;
      filled++;
    } else value = requirePercent(text, { file, line: lines[k], column: valueColumn });
    days.push(day);
    dayLines.push(lines[k]);
    values.push(value);
    previous = value;
  }
  if (days.length === 0) throw new DataError(file, 2, 'the header is not followed by any data rows', 'add at least one dated value');
  requireAscendingDates(file, days, dayLines);
  const notes = [`${valueColumn}: percent a year → decimal`];
  if (trailing) notes.push('a comma ends every line (as Excel saves CSV): the empty column it makes is read past');
  if (filled > 0) notes.push(`${filled} blank values (market holidays) carry the previous value forward`);
  const series = { name: name ?? valueColumn, dates: Int32Array.from(days), values: Float64Array.from(values) };
  const months = startDatedMonths(series);
  if (months > 0) notes.push(`dated on the first day of each ${months === 1 ? 'month' : `${months}-month period`}: read as that period's average (FRED's convention), which strategies know only once the period is over; cash accrues at it through its own period`);
  return {
    series,
    source: { path: file, format: `FRED ${dialect.delimiter === ',' ? 'csv' : `file ${describeDialect(dialect)}`}: ${header.join(dialect.delimiter)}`, fingerprint: contentHash, notes },
    filled,
  };
}

/**
 * A row's fields are a date and a value, and an empty third where a comma ends every line
 * (`trailing`); else a DataError at `line`: the field count, or what the unnamed column holds.
 */
function checkFieldCount(file: string, line: number, record: readonly string[], trailing: boolean): void {
  if (record.length === 2 || (trailing && record.length === 3 && record[2] === '')) return;
  if (trailing && record.length === 3) throw new DataError(file, line, `the third column, unnamed in the header, holds "${record[2]}"`, 'a FRED file holds a date and one value per row: remove the third field, or name its series in a file of its own');
  throw wrongFieldCountError(file, line, trailing ? 3 : 2, record.length);
}

/** A FRED series id, as FRED names the value column: capitals, digits and underscores (DTB3, TB3MS, VALUE, an ALFRED vintage's DTB3_20240102). */
const SERIES_ID = /^[A-Z][A-Z0-9_]*$/;

/**
 * True when a header line is a rate file's: a date column and one series column that names no price
 * field, split by a comma, semicolon or tab (and an empty column a comma ending the line makes). In
 * rates/ any series name is read (observation_date,tbill as a user saved it); `strict`, beside price
 * files, where a two-column price file with an unknown price column (Date,Price; Date,Clsoe) is no
 * rate file, the series column is a FRED series id (SERIES_ID) — a price reader refuses the others
 * for what they lack (probe r67b F4).
 */
export function isFredHeader(line: string, strict = false): boolean {
  const columns = withoutTrailingEmpty(splitHeader(line));
  return columns.length === 2 && DATE_COLUMNS.includes(columns[0]) && roleOfColumn(columns[1]) === null && columns[1] !== '' && (!strict || SERIES_ID.test(columns[1]));
}

/**
 * True when `file`, whose first line is `line`, is a rate file at the top of a folder: a FRED header
 * (isFredHeader; `strict` in a folder of price files, where Date,Price is a price file) whose series
 * column is not named after the file itself under a date column not FRED's (SPY.csv: Date,SPY is one
 * price series as pandas writes it: priceColumns.ts ownSymbolColumn). FRED's own download
 * (DTB3.csv: observation_date,DTB3) is a rate file.
 */
export function isTopLevelRateFile(file: string, line: string, strict: boolean): boolean {
  const columns = splitHeader(line);
  return isFredHeader(line, strict) && (FRED_DATE_COLUMNS.includes(columns[0]) || ownSymbolColumn(file, columns) < 0);
}

/** The date columns FRED writes (fredgraph.csv's observation_date, its older DATE); Date is any tool's. */
const FRED_DATE_COLUMNS = ['observation_date', 'DATE'];

/**
 * Why a file whose first line `line` is given is not read as a FRED series (isFredHeader false), for
 * `data inspect` and a refusal of a rate series the data lacks: its first line is a row of data (no
 * header), or its header is not observation_date,<SERIES>; with the fix.
 */
export function notFredReason(line: string): string {
  const columns = splitHeader(line);
  const fix = 'give it FRED\'s header, a date column and one series column (observation_date,DTB3)';
  if (line.trim() === '') return `its first line is empty — ${fix}`;
  if (!Number.isNaN(parseDateText(columns[0]))) return `its first line "${shownText(line)}" is a row of data, with no header — ${fix}`;
  return `its header "${shownText(line)}" is not observation_date,<SERIES> — ${fix}`;
}
