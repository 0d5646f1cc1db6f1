// yfinance's `yf.download` CSV: a header of two or three rows (Price,… then Ticker,… then
// Date,,,…), one column per field and ticker. With one ticker, deleting rows 2 and 3 leaves a
// per-symbol file; with several, each field's name repeats once per ticker, so the first row
// alone cannot say which ticker a column holds: breadth refuses the file, saying what it is and
// how to write it as files breadth reads (one per ticker, or one long file). The same holds for
// `group_by='ticker'`, whose rows come the other way round (Ticker,… then Price,…).

import { DataError } from '../../errors.ts';
import { normalizeColumnName } from '../../formats/csvTable.ts';

/**
 * The refusal of a header that is yf.download's first row (`header` as split, `written` as the
 * file has it), or undefined when it is not one: `Price` first (fields by column) with a field
 * named twice (several tickers) or not (one ticker), or `Ticker` first with a name repeated
 * (`group_by='ticker'`). The caller checks first that no column is a date.
 */
export function yfinanceDownloadError(file: string, line: number, header: readonly string[], written: string): DataError | undefined {
  const first = normalizeColumnName(header[0] ?? '');
  const names = header.slice(1).filter((name) => name !== '');
  const repeats = new Set(names).size < names.length;
  if (first === 'price' && !repeats) {
    return new DataError(file, line, `the header "${written}" is yfinance's multi-row header (Price,… then Ticker,… then Date,,,…)`, 'delete rows 2 and 3 and rename Price to Date');
  }
  if (first !== 'price' && !(first === 'ticker' && repeats)) return undefined;
  // pandas on the DataFrame `df` yf.download returned: the ticker level stacked into the rows gives a long file (Date, Ticker, then the fields).
  const [rows, level] = first === 'price' ? ['Price,… then Ticker,… then Date,,,…', 1] : ['Ticker,… then Price,… then Date,,,…, as group_by=\'ticker\' writes it', 0];
  return new DataError(
    file,
    line,
    `the header "${shorten(written)}" is yfinance's yf.download of several tickers (${rows}: a column per field and ticker), which breadth does not read`,
    `save one file per ticker (yf.download(ticker).droplevel("Ticker", axis=1).to_csv(f"{ticker}.csv")), or one long file: df.stack(level=${level}).reset_index().to_csv("prices.csv", index=False)`,
  );
}

/** A long header for a one-line message: its first 60 characters. */
const shorten = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text);
