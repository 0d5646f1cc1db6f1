// A delistings file, for sources whose price rows cannot say how a listing ended:
// `Ticker,LastDate,DelistReturn[,Reason]`. LastDate is the last trading day; DelistReturn the
// return realised on delisting (blank = unknown), e.g. -0.3 or -30% for a bankruptcy (delistingReturn.ts).

import { matchLayout, readCsvRecords, wrongFieldCountError } from '../formats/csvTable.ts';
import { DataError } from '../errors.ts';
import { badDateError, parseDateText } from '../formats/fields.ts';
import type { SourceInfo } from '../market.ts';
import { delistingReturn } from './delistingReturn.ts';

export interface Delisting {
  /** The line of the file that says it (1-based). */
  readonly line: number;
  readonly lastDay: number;
  /** NaN when unknown. */
  readonly delistReturn: number;
  /** The return as the file writes it ('' when blank), for messages. */
  readonly delistReturnText: string;
}

const LAYOUTS = [
  { name: 'delistings', columns: ['Ticker', 'LastDate', 'DelistReturn'] },
  { name: 'delistings with reason', columns: ['Ticker', 'LastDate', 'DelistReturn', 'Reason'] },
];

/**
 * Reads a delistings file: ticker → its last trading day and delisting return. Throws DataError
 * (file:line) for another header, a row with the wrong number of fields, a date in no form the price
 * reader takes (formats/fields.ts parseDateText; LastDate is required), a return delistingReturn refuses, or a ticker listed twice.
 */
export function loadDelistings(file: string): { delistings: Map<string, Delisting>; source: SourceInfo } {
  const { records, lines, contentHash } = readCsvRecords(file);
  if (records.length === 0) throw new DataError(file, undefined, 'file is empty', 'start with the header Ticker,LastDate,DelistReturn');
  const header = records[0];
  matchLayout(file, lines[0], header, LAYOUTS);
  const delistings = new Map<string, Delisting>();
  for (let k = 1; k < records.length; k++) {
    const [ticker, date, delistReturn] = records[k];
    if (records[k].length !== header.length) throw wrongFieldCountError(file, lines[k], header.length, records[k].length);
    const lastDay = parseDateText(date);
    if (Number.isNaN(lastDay)) throw badDateError({ file, line: lines[k], column: header[1] }, date);
    if (delistings.has(ticker)) throw new DataError(file, lines[k], `${ticker} is listed twice`, 'one row per delisted ticker');
    delistings.set(ticker, { line: lines[k], lastDay, delistReturn: delistingReturn(delistReturn, file, lines[k]), delistReturnText: delistReturn });
  }
  return { delistings, source: { path: file, format: `delistings csv: ${header.join(',')}`, fingerprint: contentHash, notes: [`${delistings.size} delistings`] } };
}
