// A dated return series file (`date,return`, as in ../shared/data/returns), or a price file turned
// into total returns — the inputs of `breadth metrics`, which analyses a series without a backtest.

import { readCsvRecords, requireAscendingDates, wrongFieldCountError } from './formats/csvTable.ts';
import { parseIsoDay } from './dates.ts';
import { DataError } from './errors.ts';
import { badDateError, optionalNumber } from './formats/fields.ts';
import { loadMarket } from './load.ts';
import { adjustedCloses } from './sample/csv.ts';

export interface ReturnSeries {
  readonly name: string;
  /** Epoch day of each return. */
  readonly dates: Int32Array;
  readonly returns: Float64Array;
  /** Epoch day of the value before the first return (the price series' first date), when known. */
  readonly startDay: number | undefined;
}

/** `date,<name>` rows of simple returns (blank = missing, skipped in means). */
export function loadReturnsFile(file: string): ReturnSeries {
  const { records, lines } = readCsvRecords(file);
  if (records.length < 2) throw new DataError(file, undefined, 'no return rows', 'write a header `date,return` and one row per period');
  const header = records[0];
  if (header.length !== 2 || !/^date$/i.test(header[0])) {
    throw new DataError(file, lines[0], `expected two columns date,<return> but the header is "${header.join(',')}"`, 'write `date,return` with ISO dates and simple returns (0.01 = 1%)');
  }
  const days: number[] = [];
  const dayLines: number[] = [];
  const returns = new Float64Array(records.length - 1);
  for (let k = 1; k < records.length; k++) {
    const record = records[k];
    if (record.length !== 2) throw wrongFieldCountError(file, lines[k], 2, record.length);
    const day = parseIsoDay(record[0]);
    if (Number.isNaN(day)) throw badDateError({ file, line: lines[k], column: header[0] }, record[0]);
    days.push(day);
    dayLines.push(lines[k]);
    returns[k - 1] = optionalNumber(record[1], { file, line: lines[k], column: header[1] });
  }
  requireAscendingDates(file, days, dayLines);
  return { name: header[1], dates: Int32Array.from(days), returns, startDay: undefined };
}

/** Total returns of the one symbol in a price file (`Date,AdjClose` or OHLCV; dividends reinvested). */
export async function loadPriceReturns(file: string): Promise<ReturnSeries> {
  const market = await loadMarket(file, { cacheDir: false });
  if (market.symbols.length !== 1) throw new DataError(file, undefined, `holds ${market.symbols.length} symbols`, 'give a file with one price series (Date and a price column)');
  const prices = adjustedCloses(market, 0);
  const dates: number[] = [];
  const returns: number[] = [];
  let previous = NaN;
  let startDay: number | undefined;
  for (let t = 0; t < prices.length; t++) {
    if (Number.isNaN(prices[t])) continue;
    if (Number.isNaN(previous)) startDay = market.dates[t];
    else {
      dates.push(market.dates[t]);
      returns.push(prices[t] / previous - 1);
    }
    previous = prices[t];
  }
  return { name: market.symbols[0], dates: Int32Array.from(dates), returns: Float64Array.from(returns), startDay };
}
