// A dated return series file (`date,return`, as in ../shared/data/returns), or a price file turned
// into total returns — the inputs of `breadth metrics`, which analyses a series without a backtest.

import { adjustedCloses } from './adjustedCloses.ts';
import { readSniffedRecords, requireAscendingDates, wrongFieldCountError } from './formats/csvTable.ts';
import { describeDialect } from './formats/dialect.ts';
import { medianGap } from './dates.ts';
import { DataError } from './errors.ts';
import { parseFactorDate } from './factors.ts';
import { badDateError, optionalNumber, parseDateText, requirePercent } from './formats/fields.ts';
import { plainColumn } from './formats/markedColumn.ts';
import { loadMarket } from './load.ts';
import type { Market } from './market.ts';
import { nearestSymbol } from './nearestName.ts';

/** A dated return series (loadReturnsFile, loadPriceReturns): simple per-period returns as fractions (0.01 = 1%), each on the epoch day it ends. */
export interface ReturnSeries {
  readonly name: string;
  /** Epoch day of each return. */
  readonly dates: Int32Array;
  readonly returns: Float64Array;
  /** Epoch day of the value before the first return (the price series' first date), when known. */
  readonly startDay: number | undefined;
}

/** How a returns file writes its numbers: fractions (0.01 = 1 %) or percent (1 = 1 %). */
export type ReturnUnit = 'fraction' | 'percent';

/**
 * A fractional return series whose median |r| · √(periods a year) exceeds this (a typical move of
 * 200 % a year) is taken for percent. Real series sit far below (daily SPY 0.10, NVDA 0.36, a
 * monthly equity index about 0.1); the same series in percent sit far above (SPY 10, monthly 5–9).
 */
export const PERCENT_LIKE = 2;

/**
 * `date,<name>` rows of simple returns (comma-, tab- or semicolon-separated, as the header shows;
 * dates as price files write them (ISO, 2024/01/02, 2024.1.2…: formats/fields.ts parseDateText), or months as the factor files write them — `1927-01`, `192701` — dated on the month's last day;
 * decimal commas read as in price files: formats/markedColumn.ts;
 * blank = missing, skipped in means), in `unit`: 'percent'
 * reads each as the fraction it writes (1.15 → 0.0115, exactly: formats/fields.ts parseScaledNumber); 'fraction' takes them as written; omitted, fractions are expected and a file
 * that looks like percent (PERCENT_LIKE) is refused. A return below −1 (a loss of more than
 * everything) is always refused with its line. Throws DataError (file:line, problem, fix).
 */
export function loadReturnsFile(file: string, unit?: ReturnUnit): ReturnSeries {
  const { records, lines, dialect } = readSniffedRecords(file);
  if (records.length < 2) throw new DataError(file, undefined, 'no return rows', 'write a header `date,return` and one row per period');
  const header = records[0];
  if (header.length !== 2 || !/^date$/i.test(header[0])) {
    throw new DataError(file, lines[0], `expected two columns date,<return> but the header is "${header.join(dialect.delimiter)}"${dialect.delimiter === ',' ? '' : ` (${describeDialect(dialect)})`}`, 'write `date,return` (or tab-separated) with ISO dates and simple returns (0.01 = 1%)');
  }
  const days: number[] = [];
  const dayLines: number[] = [];
  const returns = new Float64Array(records.length - 1);
  for (let k = 1; k < records.length; k++) if (records[k].length !== 2) throw wrongFieldCountError(file, lines[k], 2, records[k].length);
  const texts = plainColumn(file, records, lines, 1, dialect);
  for (let k = 1; k < records.length; k++) {
    const record = records[k];
    // A date as price files write it (formats/fields.ts parseDateText: ISO, 2024/01/02…), or a month as factor files write it (YYYY-MM, YYYYMM: its last calendar day, when its return is known).
    const written = parseDateText(record[0]);
    const day = Number.isNaN(written) ? parseFactorDate(record[0].trim()) : written;
    if (Number.isNaN(day)) throw badDateError({ file, line: lines[k], column: header[0] }, record[0]);
    days.push(day);
    dayLines.push(lines[k]);
    const at = { file, line: lines[k], column: header[1] };
    returns[k - 1] = unit === 'percent' && texts[k - 1] !== '' ? requirePercent(texts[k - 1], at) : optionalNumber(texts[k - 1], at);
  }
  requireAscendingDates(file, days, dayLines);
  checkUnit(file, unit, days, dayLines, returns, texts);
  return { name: header[1], dates: Int32Array.from(days), returns, startDay: undefined };
}

/** Refuses a return below −1 (its line, the return as `texts` write it) and, with no unit given, a file that looks like percent. */
function checkUnit(file: string, unit: ReturnUnit | undefined, days: number[], lines: number[], returns: Float64Array, texts: readonly string[]): void {
  const percentFix = 'returns are fractions (0.01 = 1 %): if the file is in percent, pass --returns-unit percent (÷ 100)';
  for (let k = 0; k < returns.length; k++) {
    if (!(returns[k] < -1)) continue;
    if (unit === 'percent') throw new DataError(file, lines[k], `return ${texts[k]} % is below −100 %`, 'a simple return cannot lose more than everything; correct that row');
    throw new DataError(file, lines[k], `return ${returns[k]} is below −1 (a loss of more than 100 %)`, percentFix);
  }
  if (unit !== undefined || days.length < 2) return;
  // Typed arrays sort numerically; the upper median, as medianGap takes it.
  const sizes = Float64Array.from(returns, Math.abs).filter((x) => !Number.isNaN(x)).sort();
  if (sizes.length === 0) return;
  const gap = medianGap(days);
  const size = sizes[sizes.length >> 1];
  const typical = size * Math.sqrt(365.25 / gap);
  if (typical > PERCENT_LIKE) {
    throw new DataError(
      file,
      undefined,
      `the returns look like percent: median |return| ${size} per ${gap}-day period is ${typical.toFixed(1)} scaled to a year by √(365.25 / ${gap}) (fractions stay below ${PERCENT_LIKE})`,
      `${percentFix}, or --returns-unit fraction if they really are fractions`,
    );
  }
}

/** A price file's total returns, with the market they came from (for its data caveats). */
export interface PriceReturns extends ReturnSeries {
  readonly market: Market;
  /** The series' symbol index in `market`, and its first and last session with a price. */
  readonly symbol: number;
  readonly first: number;
  readonly last: number;
}

const listed = (symbols: readonly string[]): string => `${symbols.slice(0, 8).join(', ')}${symbols.length > 8 ? `, … (${symbols.length})` : ''}`;

/**
 * Total returns (dividends reinvested) of one symbol of a price file or folder (`Date,AdjClose`,
 * OHLCV, a long `date,symbol,…` file): the only one, or `symbol` — `option` names the flag that
 * picks it in the errors. Throws DataError when several symbols hold and none is picked, or the
 * picked one is absent.
 */
export async function loadPriceReturns(file: string, symbol?: string, option = '--symbol'): Promise<PriceReturns> {
  const market = await loadMarket(file, { cacheDir: false });
  const i = symbol === undefined ? (market.symbols.length === 1 ? 0 : -1) : market.symbols.indexOf(symbol);
  if (symbol === undefined && i < 0) throw new DataError(file, undefined, `holds ${market.symbols.length} symbols (${listed(market.symbols)})`, `pick one with ${option} ${market.symbols[0]}`);
  if (i < 0) {
    const near = nearestSymbol(symbol ?? '', market.symbols);
    throw new DataError(file, undefined, `has no symbol ${symbol} (it holds ${listed(market.symbols)})`, near ? `did you mean ${option} ${near}?` : `pick one of those with ${option}`);
  }
  const prices = adjustedCloses(market, i);
  const dates: number[] = [];
  const returns: number[] = [];
  let previous = NaN;
  let startDay: number | undefined;
  let first = -1;
  let last = -1;
  for (let t = 0; t < prices.length; t++) {
    if (Number.isNaN(prices[t])) continue;
    if (Number.isNaN(previous)) {
      startDay = market.dates[t];
      first = t;
    } else {
      dates.push(market.dates[t]);
      returns.push(prices[t] / previous - 1);
    }
    previous = prices[t];
    last = t;
  }
  return { name: market.symbols[i], dates: Int32Array.from(dates), returns: Float64Array.from(returns), startDay, market, symbol: i, first, last };
}
