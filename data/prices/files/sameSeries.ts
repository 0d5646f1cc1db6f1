// Two price files of one load holding the same series: the same dates and the same prices, volumes
// and stated events, however the bytes differ (CRLF, a BOM, gzip, quoting, no final newline). One
// ticker under two names (IWM.csv and IWM.US.csv, iwm.csv and IWM.csv) would load as two symbols
// and count twice in any cross-section: refused. Two tickers with one series are legitimate for
// flat cash-like funds (two money-market funds at 1.00) but are more often a copy under another
// name: a note a run that reads both hears at medium (engine/caveats/warnings.ts IDENTICAL_SERIES),
// data inspect lists whatever was loaded.

import { basename } from 'node:path';
import { DataError } from '../../errors.ts';
import { isoDay } from '../../dates.ts';
import type { SymbolSeries } from '../series/priceSeries.ts';

/** A series with the file it came from. */
export interface FiledSeries {
  readonly file: string;
  readonly series: SymbolSeries;
}

/** An exchange suffix on a ticker (IWM.US, VOD.L, SAP.DE, 7203.T): one listing's name for the same ticker. */
const EXCHANGE_SUFFIX = /\.[A-Za-z]{1,4}$/;

/** The ticker a symbol names, for comparing two: case folded, an exchange suffix dropped (IWM.US → IWM). */
export const bareTicker = (symbol: string): string => symbol.replace(EXCHANGE_SUFFIX, '').toUpperCase();

/**
 * Notes for the files whose series repeats an earlier one under another ticker (by file path), in
 * `all`'s order. Series with no rows, and one symbol in two files (align.ts refuses it), are left alone (a header-only file of a symbol with no data yet).
 * Cheap first: only series alike in length, end dates and end closes are compared column by column.
 * @throws DataError naming both files when the two symbols are one ticker (bareTicker).
 */
export function identicalSeriesNotes(all: readonly FiledSeries[]): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  const byEnds = new Map<string, FiledSeries[]>();
  for (const one of all) {
    const s = one.series;
    const n = s.dates.length;
    if (n === 0) continue;
    const ends = `${n}:${s.dates[0]}:${s.dates[n - 1]}:${s.close[0]}:${s.close[n - 1]}`;
    const alike = byEnds.get(ends) ?? [];
    const first = alike.find((x) => sameSeries(x.series, s));
    if (first === undefined) {
      byEnds.set(ends, [...alike, one]);
      continue;
    }
    // One symbol in two files (IWM.csv, IWM.csv.gz) is the duplicate-symbol refusal's (align.ts).
    if (first.series.symbol === s.symbol) continue;
    const [a, b] = [first, one].map((x) => `${x.series.symbol} (${basename(x.file)})`);
    const what = `the same series (${n} rows ${isoDay(s.dates[0])} → ${isoDay(s.dates[n - 1])}, every date and price alike)`;
    if (bareTicker(first.series.symbol) === bareTicker(s.symbol)) {
      throw new DataError(one.file, undefined, `holds ${what} as ${basename(first.file)}: ${first.series.symbol} and ${s.symbol} are one ticker (${bareTicker(s.symbol)}) and would load as two symbols and count twice`, `remove one of ${basename(first.file)} and ${basename(one.file)}`);
    }
    notes.set(one.file, [...(notes.get(one.file) ?? []), `${b} holds ${what} as ${a}: right for two flat cash-like funds, else one file is a copy under another name and the series counts twice — check both`]);
  }
  return notes;
}

/** True when two series hold the same dates, prices, volumes (bit for bit: NaN alike) and stated events. */
function sameSeries(a: SymbolSeries, b: SymbolSeries): boolean {
  const bytes = (column: ArrayBufferView | null): Buffer | undefined => (column === null ? undefined : Buffer.from(column.buffer, column.byteOffset, column.byteLength));
  const columns = (s: SymbolSeries) => [s.dates, s.close, s.open, s.high, s.low, s.volume].map(bytes);
  const [x, y] = [columns(a), columns(b)];
  const sameColumns = x.every((column, k) => (column === undefined ? y[k] === undefined : y[k] !== undefined && column.equals(y[k])));
  return sameColumns && a.priceKind === b.priceKind && JSON.stringify([a.dividends, a.splits]) === JSON.stringify([b.dividends, b.splits]);
}
