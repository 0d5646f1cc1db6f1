// Price-file columns, recognised by what they mean rather than by exact header strings: names
// compare case-, space- and punctuation-insensitively ("Adj Close" = "adj_close" = "AdjClose"),
// in any order, with the usual synonyms (below). Columns with no meaning here are ignored and
// listed, so `data inspect` can say what a file held that breadth did not read.
// Required: a date and a close (traded or adjusted); a long file also names its symbol in every
// row. Everything else is optional, and what is missing is said once, in the source notes.

import { basename } from 'node:path';
import { DataError } from '../../errors.ts';
import { symbolOfFile } from './priceFileName.ts';
import { normalizeColumnName, refuseRepeatedColumns } from '../../formats/csvTable.ts';

export type PriceField = 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume' | 'dividend' | 'capitalGain' | 'splitRatio' | AdjustedBarField;
/** The adjusted bar beside AdjClose (Tiingo adjOpen…, Quandl Adj. Open…). */
export type AdjustedBarField = 'adjOpen' | 'adjHigh' | 'adjLow' | 'adjVolume';
/** Stooq's <TIME> and <PER>: read only to refuse intraday bars. */
export type BarPeriodRole = 'time' | 'period';
export type Role = 'ticker' | 'date' | PriceField | BarPeriodRole;

/** True for a delistings file's name in any case (delistings.csv, Delistings.csv): read in a data folder (folder/dataFolder.ts), never a price file. */
export const isDelistingsFileName = (name: string): boolean => /^delistings\.csv$/i.test(name);

/** Normalised header names per role (normalizeColumnName of what files print). */
const SYNONYMS: Readonly<Record<Role, readonly string[]>> = {
  ticker: ['ticker', 'symbol'],
  // MetaStock's <DTYYYYMMDD>, Refinitiv Eikon's Exchange Date.
  date: ['date', 'timestamp', 'datetime', 'tradedate', 'dtyyyymmdd', 'exchangedate'],
  // Bloomberg's PX_OPEN, PX_HIGH, PX_LOW, PX_LAST, PX_VOLUME; Barchart's Last (the day's last trade).
  open: ['open', 'pxopen'],
  high: ['high', 'pxhigh'],
  low: ['low', 'pxlow'],
  close: ['close', 'closelast', 'last', 'pxlast'],
  adjClose: ['adjclose', 'adjustedclose', 'adjclosing'],
  volume: ['volume', 'vol', 'pxvolume'],
  // Cash per share on the ex-date: yfinance Dividends, Tiingo divCash, Alpha Vantage dividend_amount, Quandl WIKI Ex-Dividend.
  dividend: ['dividends', 'dividend', 'divcash', 'dividendamount', 'exdividend'],
  // yfinance's fund distributions, paid in cash like a dividend (its Adj Close reflects them).
  capitalGain: ['capitalgains', 'capitalgain'],
  // New shares per old (blank, 0 or 1 = none): yfinance Stock Splits, Tiingo splitFactor, Alpha Vantage split_coefficient, Quandl Split Ratio,
  // zipline's csvdir `split` (csvdir.py stores 1/split as the price ratio, so 2.0 is a 2-for-1 split; 1.0 = none).
  splitRatio: ['stocksplits', 'stocksplit', 'splits', 'split', 'splitratio', 'splitfactor', 'splitcoefficient'],
  adjOpen: ['adjopen', 'adjustedopen'],
  adjHigh: ['adjhigh', 'adjustedhigh'],
  adjLow: ['adjlow', 'adjustedlow'],
  adjVolume: ['adjvolume', 'adjustedvolume'],
  time: ['time'],
  period: ['per'],
};

/** Each adjusted bar column and the raw column it stands for in a file with no Close. */
const RAW_OF_ADJUSTED: Readonly<Record<AdjustedBarField, 'open' | 'high' | 'low' | 'volume'>> = { adjOpen: 'open', adjHigh: 'high', adjLow: 'low', adjVolume: 'volume' };

const ROLE_OF_NAME: ReadonlyMap<string, Role> = new Map(
  (Object.entries(SYNONYMS) as [Role, readonly string[]][]).flatMap(([role, names]) => names.map((name) => [name, role] as const)),
);

/** The columns of one price file: which role each position plays (null = ignored). */
export interface PriceColumns {
  /** Per header position: its role, or null for an ignored column. */
  readonly roles: readonly (Role | null)[];
  /** The header as printed. */
  readonly header: readonly string[];
  /** True when the rows name their symbol (a long file). */
  readonly long: boolean;
  /** How header names were read beyond their plain meaning (for the source notes), e.g. Investing.com's Price as the close. */
  readonly readAs: readonly string[];
}

/** Header name of each role used, in file order (for `data inspect`). */
export function usedColumns(columns: PriceColumns): string[] {
  return columns.header.filter((_, k) => columns.roles[k] !== null);
}

/**
 * Header name of each column not used, in file order (for `data inspect`): a column without a
 * name as `(unnamed column 1)` by its position — pandas' index written with an empty header,
 * `,Date,Open,…` — except after the last named column (a trailing separator: `Date,Close,`).
 */
export function ignoredColumns(columns: PriceColumns): string[] {
  const lastNamed = columns.header.findLastIndex((name) => name !== '');
  return columns.header.flatMap((name, k) => (columns.roles[k] !== null || k > lastNamed ? [] : [name === '' ? `(unnamed column ${k + 1})` : name]));
}

export function hasRole(columns: PriceColumns, role: Role): boolean {
  return columns.roles.includes(role);
}

/** A field of a data row, not a header name: digits with marks, signs, spaces, date and time separators. */
const DATA_FIELD = /^[\d.,:\s/+-]+$/;

/** What a header line may look like, for error messages. */
export const PRICE_HEADER_EXAMPLES =
  'Date,Open,High,Low,Close,Volume (any order and case; optional Adj Close, Dividends, Capital Gains, Stock Splits), Date,AdjClose, or a long file date,symbol,open,high,low,close,volume';

/** A name numbered as Alpha Vantage's JSON keys are (`1. open` … `8. split coefficient`): the name after the number. */
const NUMBERED_NAME = /^\s*\d+\.\s+(\S.*)$/;

/**
 * The role of one header name, or null when it means nothing to a price loader. A numbered name
 * (`4. close`) has the role of its name without the number; two columns of one role are refused
 * by resolvePriceColumns, so the number is never needed to tell them apart.
 */
export function roleOfColumn(name: string): Role | null {
  const numbered = NUMBERED_NAME.exec(name);
  return ROLE_OF_NAME.get(normalizeColumnName(name)) ?? (numbered ? ROLE_OF_NAME.get(normalizeColumnName(numbered[1])) : undefined) ?? null;
}

/**
 * Reads a header. `expect` says what the caller needs: 'symbol' for a per-symbol file (a
 * symbol column makes it long all the same), 'long' for a file that must name its symbols.
 * Throws a DataError (file:line, what was found, the fix) when a required column is missing
 * or a role appears twice (yfinance's multi-row header is reshaped before: yfinanceHeader.ts). `delimiterNote` (e.g. "read as semicolon-separated") is added to
 * errors so a user sees how the line was split, and the header is shown joined by its `delimiter`, as written.
 */
export function resolvePriceColumns(file: string, line: number, header: readonly string[], expect: 'symbol' | 'long' | 'any', delimiterNote = '', delimiter = ','): PriceColumns {
  const roles = header.map(roleOfColumn);
  const written = header.join(delimiter);
  const shown = `"${written}"${delimiterNote ? ` (${delimiterNote})` : ''}`;
  refuseRepeatedColumns(file, line, header, roles, shown);
  const has = (role: Role): boolean => roles.includes(role);
  const numbered = header.filter((name, k) => roles[k] !== null && NUMBERED_NAME.test(name));
  const readAs = [...(numbered.length > 0 ? [`${numbered.join(', ')} read by their names after the number (Alpha Vantage's JSON keys)`] : []), ...readLayoutRoles(header, roles)];
  if (!has('date') && isPolygonHeader(header)) {
    throw new DataError(file, line, `the header ${shown} is Polygon's aggregates (o, h, l, c, v: the bar; t: its time in Unix milliseconds)`, `rename the columns Open, High, Low, Close, Volume${header.includes('T') ? ', Symbol (T)' : ''} and Date, and write each t as its date (1704171600000 ms is 2024-01-02 05:00 UTC: 2024-01-02)`);
  }
  if (header.length > 1 && header.every((field) => DATA_FIELD.test(field))) {
    throw new DataError(file, line, `the file has no header: its first line ${shown} is a row of data (QuantConnect LEAN's daily files have none)`, `add a first line naming the columns, e.g. Date,Open,High,Low,Close,Volume for LEAN's order (LEAN writes equity prices ×10,000: divide them first)`);
  }
  const missing: string[] = [];
  if (!has('date')) missing.push('date column (Date, timestamp or datetime)');
  if (!has('close') && !has('adjClose')) missing.push('close column (Close or Adj Close)');
  if (expect === 'long' && !has('ticker')) missing.push('symbol column (symbol or Ticker)');
  if (missing.length > 0 && isDelistingsFileName(basename(file))) {
    throw new DataError(file, undefined, 'is a delistings file beside price files: breadth reads delistings.csv only in a data folder (beside etf/ or universe/)', 'give the dates in a symbols.csv beside the prices instead (symbol, delisting date, delisting return columns), or move the price files into etf/');
  }
  const own = ownSymbolColumn(file, header);
  if (missing.length > 0 && own >= 0 && has('date') && roles[own] === null) {
    throw new DataError(file, line, `not a price file: the header ${shown} has no close column (Close or Adj Close); its column ${header[own]}, named after the file, is one series as pandas writes it`, `rename ${header[own]} to Close (Adj Close if its prices are adjusted for dividends)`);
  }
  if (missing.length > 0) {
    throw new DataError(file, line, `not a price file: the header ${shown} has no ${missing.join(' and no ')}`, `a price file's first line names its columns, e.g. ${PRICE_HEADER_EXAMPLES}`);
  }
  return { roles, header, long: has('ticker'), readAs };
}

/** Polygon's aggregate bars (v, vw, o, c, h, l, t, n in any order; vw and n optional): one-letter names breadth does not guess. */
const isPolygonHeader = (header: readonly string[]): boolean => ['o', 'h', 'l', 'c', 'v', 't'].every((name) => header.some((h) => h.trim().toLowerCase() === name));

/**
 * Settles, in place, what a header's columns mean together, and says how (the source notes):
 *   - Barchart's `Time` with no Date column is the date (its daily files put the date there;
 *     beside a Date, Time is Stooq's <TIME>, read only to refuse intraday bars);
 *   - Norgate's `Unadjusted Close` beside `Close`: Unadjusted Close is the traded close and Close
 *     the adjusted one (AdjClose), so Open, High and Low, on Close's basis, are its adjusted bar;
 *   - Investing.com's `Price` beside Open, High and Low with no Close column is the close;
 *   - with a Close, the adjusted bar (AdjOpen, AdjHigh, AdjLow) is read only to check it against
 *     AdjClose: trades use the raw Open/High/Low/Close, and AdjVolume (in adjusted shares) is ignored;
 *   - with no Close, AdjClose is the price, so the adjusted bar is the bar: each adjusted column
 *     stands in for its raw one, which is then ignored (it is not on AdjClose's basis).
 */
function readLayoutRoles(header: readonly string[], roles: (Role | null)[]): string[] {
  const notes: string[] = [];
  const at = (role: Role): number => roles.indexOf(role);
  const named = (name: string): number => header.findIndex((h) => normalizeColumnName(h) === name);
  if (at('date') < 0 && at('time') >= 0) {
    notes.push(`${header[at('time')]} read as the date (Barchart's layout: no Date column, the day in Time)`);
    roles[at('time')] = 'date';
  }
  const unadjusted = named('unadjustedclose');
  if (unadjusted >= 0 && at('close') >= 0 && at('adjClose') < 0) {
    notes.push(`${header[unadjusted]} is the traded close and ${header[at('close')]} the adjusted one (Norgate's layout)`);
    roles[at('close')] = 'adjClose';
    roles[unadjusted] = 'close';
    for (const [raw, adjusted] of [['open', 'adjOpen'], ['high', 'adjHigh'], ['low', 'adjLow']] as const) if (at(raw) >= 0) roles[at(raw)] = adjusted;
  }
  const price = named('price');
  if (price > 0 && roles[price] === null && at('close') < 0 && at('adjClose') < 0 && at('open') >= 0 && at('high') >= 0 && at('low') >= 0) {
    roles[price] = 'close';
    notes.push(`${header[price]} read as the close (Investing.com's layout: Price beside Open, High and Low, no Close column)`);
  }
  const adjusted = (Object.keys(RAW_OF_ADJUSTED) as AdjustedBarField[]).filter((role) => at(role) >= 0);
  if (adjusted.length === 0) return notes;
  const names = (list: readonly AdjustedBarField[]): string => list.map((role) => header[at(role)]).join(', ');
  if (at('close') >= 0) {
    const bar = adjusted.filter((role) => role !== 'adjVolume');
    if (at('adjVolume') >= 0) roles[at('adjVolume')] = null;
    const traded = at('open') >= 0 ? 'the raw Open/High/Low and Close' : 'the Close (there is no raw Open/High/Low)';
    if (bar.length > 0) notes.push(`${names(bar)} checked as a bar against AdjClose only: trades use ${traded}`);
    return notes;
  }
  for (const role of adjusted) {
    const raw = at(RAW_OF_ADJUSTED[role]);
    if (raw >= 0) roles[raw] = null;
  }
  notes.push(`no Close: AdjClose is the price, and ${names(adjusted)} ${adjusted.length === 1 ? 'is' : 'are'} its bar (used for fills and checks in place of any raw column)`);
  return notes;
}

/**
 * True when a header line (already split) names a column the price reader takes as the date, in
 * any position: one of the date's names (Date, timestamp, datetime, TradeDate, Stooq's <DATE>…),
 * or Time where there is none (Barchart's layout: readLayoutRoles).
 */
export function namesDateColumn(header: readonly string[]): boolean {
  const roles = header.map(roleOfColumn);
  return roles.includes('date') || roles.includes('time');
}

/**
 * The index of the column of `header` (already split) named after `file`'s own symbol, any case, or
 * -1: one series as pandas writes it (`prices['SPY'].to_csv('SPY.csv')`: Date,SPY), a price column
 * under another name, not a rate series.
 */
export function ownSymbolColumn(file: string, header: readonly string[]): number {
  const symbol = symbolOfFile(file)?.toLowerCase();
  return symbol === undefined ? -1 : header.findIndex((name, k) => k > 0 && name.trim().toLowerCase() === symbol);
}

/** True when a header line (already split) reads as one symbol's prices: a date and a close (or adjusted close) column, and no symbol column. */
export function isPerSymbolPriceHeader(header: readonly string[]): boolean {
  const roles = header.map(roleOfColumn);
  return namesDateColumn(header) && (roles.includes('close') || roles.includes('adjClose')) && !isLongPriceHeader(header);
}

/** True when a header line (already split) reads as a long price file: a ticker column, or yf.download's first header row of several tickers. */
export function isLongPriceHeader(header: readonly string[]): boolean {
  const roles = header.map(roleOfColumn);
  if (roles.includes('ticker') && roles.includes('date') && (roles.includes('close') || roles.includes('adjClose'))) return true;
  const level = yfinanceLevel(header);
  const names = new Set(header.slice(1));
  // Fields by column: each field once per ticker; tickers by column (group_by='ticker'): each ticker once per field.
  return level === 'field' ? names.size < header.length - 1 : level === 'ticker' && names.size > 1;
}

/**
 * Which of yf.download's column levels a header line (already split) is, when it is the first row
 * of its multi-row header (yfinanceHeader.ts): 'field' (`Price,Close,Close,High,…`, the default)
 * or 'ticker' (`Ticker,IWM,IWM,…`, group_by='ticker'), named by its first cell as yfinance names
 * its levels since 0.2.33; before, the levels had no name (`,Adj Close,Adj Close,…`), and a row
 * of price fields only is the field level, a row repeating other names the ticker level (named
 * Ticker too, it repeats each ticker once per field: `Ticker,LastDate,…` is no such row). Every
 * cell after the first is filled and none is a date column. Undefined for any other line.
 */
export function yfinanceLevel(header: readonly string[]): 'field' | 'ticker' | undefined {
  const names = header.slice(1);
  if (names.length === 0 || names.some((name) => name.trim() === '')) return undefined;
  const roles = names.map(roleOfColumn);
  if (roles.includes('date')) return undefined;
  const first = normalizeColumnName(header[0]);
  // Each ticker once per field: a Ticker column beside others (a symbols or delistings file's `Ticker,LastDate,…`) names no ticker twice.
  const repeats = new Set(names).size < names.length;
  if (first === 'price') return 'field';
  if (first === 'ticker') return repeats ? 'ticker' : undefined;
  if (header[0].trim() !== '') return undefined;
  if (roles.every((role) => role !== null && role !== 'ticker' && role !== 'time' && role !== 'period')) return 'field';
  return repeats ? 'ticker' : undefined;
}
