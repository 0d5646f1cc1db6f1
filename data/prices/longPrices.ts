// Long-format price files: one row per (ticker, date), `Ticker,Date,AdjClose` or
// `Ticker,Date,Close,AdjClose,Volume`, plain or gzip. This is the fast path: the file is streamed
// (zlib decompresses on a pool thread while the byte scanner parses the previous chunk).

import { PriceRowParser } from './priceRows.ts';
import type { LoadedPrices, SeriesOptionsFor } from './priceFolder.ts';
import { seriesFromParsed } from './priceSeries.ts';
import { decodedSizeHint, streamSource } from '../formats/text.ts';

/** Every ticker of a long-format file (or only those `keepTicker` accepts). */
export async function loadLongPrices(file: string, optionsFor: SeriesOptionsFor, keepTicker?: (ticker: string) => boolean): Promise<LoadedPrices> {
  const parser = new PriceRowParser(file, { keepTicker, sizeHint: decodedSizeHint(file) });
  const contentHash = await streamSource(file, (chunk) => parser.push(chunk));
  const parsed = parser.finish();
  const { series, notes } = seriesFromParsed(parsed, (symbol) => optionsFor(file, symbol));
  const format = `long csv: ${parsed.layout.columns.join(',')}`;
  return { series, sources: [{ path: file, format, fingerprint: contentHash, notes: [`${series.length} tickers, ${parsed.day.length} rows`, ...notes] }] };
}
