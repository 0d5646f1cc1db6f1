// Factor return tables: Ken French data-library CSVs (parsed copies, or the files as downloaded
// with their text preamble and annual sections) and AQR's QMJ sheet saved as CSV.
//
// Units. Ken French prints percent per period (1.23 = 1.23%) and -99.99 / -999 for missing;
// AQR prints decimals and leaves cells blank. Both become decimal returns with NaN for
// missing. The firm-count and average-size tables of `Portfolios_Formed_on_ME` are not returns
// and keep their printed values ('level'). The default units come from the file name (below);
// pass `units` to override.
// Dates. Daily rows are YYYY-MM-DD or YYYYMMDD; monthly rows YYYY-MM or YYYYMM (dated at the
// month's last calendar day, when the return is known) or a month-end YYYY-MM-DD (AQR). The
// frequency follows from the spacing of the dates.

import { basename } from 'node:path';
import { normalizeColumnName, parseCsvText, refuseRepeatedColumns, requireAscendingDates, wrongFieldCountError } from './formats/csvTable.ts';
import { epochDay, marketDay, medianGap } from './dates.ts';
import { DataError } from './errors.ts';
import { badDateError, optionalNumber, parseScaledNumber } from './formats/fields.ts';
import type { SourceInfo } from './market.ts';
import { readTextLines } from './formats/text.ts';

export type FactorUnits = 'percent' | 'decimal' | 'level';

/** A factor return table (Ken French, AQR): dates, one decimal-return column per factor (NaN: missing; 'level' tables keep their printed values) and its source. */
export interface FactorTable {
  readonly name: string;
  readonly frequency: 'daily' | 'monthly';
  /** Epoch days, ascending; monthly rows sit on the month's last day. */
  readonly dates: Int32Array;
  /** One column per factor; decimal returns (or levels), NaN = missing. */
  readonly columns: Record<string, Float64Array>;
  readonly source: SourceInfo;
}

export interface FactorOptions {
  readonly name?: string;
  readonly units?: FactorUnits;
}

const MISSING_MARKERS = new Set([-99.99, -999]);

/**
 * The usual spellings of the factors attribution names (normalizeColumnName of what files print):
 * Ken French's Mkt-RF (WRDS mktrf), SMB, HML, RMW, CMA, RF and Mom (Carhart's and AQR's UMD),
 * and AQR's QMJ, whose sheet names the US factor by its country, USA.
 */
const FACTOR_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  'Mkt-RF': ['mktrf'],
  SMB: ['smb'],
  HML: ['hml'],
  RMW: ['rmw'],
  CMA: ['cma'],
  RF: ['rf'],
  Mom: ['mom', 'umd'],
  QMJ: ['qmj', 'usa'],
};

const FACTOR_OF_NAME: ReadonlyMap<string, string> = new Map(Object.entries(FACTOR_SYNONYMS).flatMap(([factor, names]) => names.map((name) => [name, factor] as const)));

/**
 * What a factor column's name reads as: one of the factors above in its usual spelling
 * ("mkt_rf", "MKT-RF" → "Mkt-RF"; "UMD" → "Mom"), else the name compared case-, space- and
 * punctuation-insensitively ("Lo 30" → "lo30"); null for a name of no letter or digit.
 */
export function factorMeaning(name: string): string | null {
  const normal = normalizeColumnName(name);
  return FACTOR_OF_NAME.get(normal) ?? (normal === '' ? null : normal);
}

/**
 * The column of `table` that reads as `name` (factorMeaning: "mkt-rf" for Mkt-RF, "UMD" for
 * Mom, "USA" for QMJ), with its name as the table has it; undefined when none does.
 */
export function factorColumn(table: Pick<FactorTable, 'columns'>, name: string): { readonly name: string; readonly values: Float64Array } | undefined {
  const meaning = factorMeaning(name);
  const found = meaning === null ? undefined : Object.keys(table.columns).find((column) => factorMeaning(column) === meaning);
  return found === undefined ? undefined : { name: found, values: table.columns[found] };
}

/** Units implied by a file name: AQR files are decimal; ME firm counts and sizes are levels. */
export function defaultFactorUnits(file: string): FactorUnits {
  const name = basename(file).toLowerCase();
  if (name.includes('aqr') || name.includes('quality_minus_junk') || name.includes('qmj')) return 'decimal';
  if (name.includes('nfirms') || name.includes('avgsize')) return 'level';
  return 'percent';
}

/** What a factor file's dates look like (see header): a day or a month, with or without dashes. */
const FACTOR_DATE = /^(\d{4})-?(\d{2})(?:-?(\d{2}))?$/;

/** Epoch day of a factor-file date (see header): a market date (dates.ts marketDay, from 1800 on), or NaN. */
export function parseFactorDate(text: string): number {
  const m = FACTOR_DATE.exec(text);
  if (!m) return NaN;
  const year = +m[1];
  const month = +m[2];
  if (m[3] !== undefined) return marketDay(year, month, +m[3]);
  return Number.isNaN(marketDay(year, month, 1)) ? NaN : epochDay(year, month + 1, 0); // day 0 = last day of month
}

const firstField = (line: string): string => line.split(',', 1)[0].trim().replace(/^"|"$/g, '');
/** A row of the table: its first field has a date's shape, so a date that is none (2024-02-30, 0024-01-02) is refused at its line, never taken for the table's end. */
const isDated = (line: string): boolean => FACTOR_DATE.test(firstField(line));

/**
 * The table's lines: from the header (the first undated line followed by a dated one) through
 * the last dated line before an empty line or another section. Ken French's downloads put a
 * text preamble before it and annual sections (dated YYYY) after it.
 */
function findTable(file: string, lines: readonly string[]): { header: number; end: number } {
  const header = lines.findIndex((line, k) => k + 1 < lines.length && !isDated(line) && line.includes(',') && isDated(lines[k + 1]));
  if (header < 0) {
    throw new DataError(file, undefined, 'no factor table found', 'expected a header line (e.g. Date,Mkt-RF,SMB,HML,RF) followed by rows dated YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYYMM');
  }
  let end = header + 1;
  while (end < lines.length && lines[end].trim() !== '' && isDated(lines[end])) end++;
  const dateWidth = firstField(lines[header + 1]).length;
  const resumes = lines.findIndex((line, k) => k > end && isDated(line) && firstField(line).length === dateWidth);
  if (resumes >= 0) {
    const shown = lines[end].trim() === '' ? 'an empty line' : `"${lines[end].slice(0, 40)}"`;
    throw new DataError(file, end + 1, `${shown} interrupts the table (rows continue on line ${resumes + 1})`, 'every row of a factor table starts with a valid date; remove empty or malformed lines inside it');
  }
  return { header, end };
}

/**
 * Reads a factor table: a Ken French data-library CSV (as downloaded, preamble and annual
 * sections included, or a parsed copy) or AQR's QMJ sheet saved as CSV. Percent tables become
 * decimal returns (−99.99 and −999 read as missing); units default from the file name, or
 * `options.units`. Daily or monthly from the dates' spacing; monthly rows sit on the month's last day.
 * @throws DataError naming the file and line: no table, a bad date or number, a repeated column, dates out of order.
 */
export function loadFactorTable(file: string, options: FactorOptions = {}): FactorTable {
  const { lines: text, contentHash } = readTextLines(file);
  const table = findTable(file, text);
  const { records, lines } = parseCsvText(file, text.slice(table.header, table.end).join('\n'), ',', table.header + 1);
  const units = options.units ?? defaultFactorUnits(file);
  const header = records[0];
  const names = header.slice(1);
  // Columns are looked up by what they mean (factorColumn: attribution's Mkt-RF, RF): two of one meaning would keep one column's values without a word.
  refuseRepeatedColumns(file, lines[0], header, [null, ...names.map(factorMeaning)], `"${header.join(',')}"`);
  const values: number[][] = names.map(() => []);
  const days: number[] = [];
  const dayLines: number[] = [];
  let missing = 0;
  for (let k = 1; k < records.length; k++) {
    const record = records[k];
    if (record.length !== header.length) throw wrongFieldCountError(file, lines[k], header.length, record.length);
    const day = parseFactorDate(record[0]);
    if (Number.isNaN(day)) throw badDateError({ file, line: lines[k], column: header[0] }, record[0], 'YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYYMM');
    days.push(day);
    dayLines.push(lines[k]);
    names.forEach((column, c) => {
      const raw = optionalNumber(record[c + 1], { file, line: lines[k], column });
      const isMissing = Number.isNaN(raw) || (units !== 'decimal' && MISSING_MARKERS.has(raw));
      if (isMissing) missing++;
      // A percent is the decimal it writes, to the bit (0.0289 for 2.89, where 2.89 / 100 is 0.028900000000000002).
      values[c].push(isMissing ? NaN : units === 'percent' ? parseScaledNumber(record[c + 1], -2) : raw);
    });
  }
  requireAscendingDates(file, days, dayLines);
  const notes = [units === 'percent' ? 'percent → decimal' : units === 'decimal' ? 'already decimal' : 'levels (not returns), as printed'];
  if (missing > 0) notes.push(`${missing} missing values (-99.99 or blank) → NaN`);
  return {
    name: options.name ?? basename(file).replace(/\.csv(\.gz)?$/i, ''),
    frequency: medianGap(days) >= 20 ? 'monthly' : 'daily',
    dates: Int32Array.from(days),
    columns: Object.fromEntries(names.map((n, c) => [n, Float64Array.from(values[c])])),
    source: { path: file, format: `factor csv: ${header.join(',')}`, fingerprint: contentHash, notes },
  };
}
