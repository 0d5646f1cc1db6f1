// Files in a data folder's rates/ that are not FRED series (a third column, no header), and files
// of the data folder itself read as nothing (a per-symbol price file beside etf/): never read, so
// each is a source of its own listed as not read, with why and the fix (data inspect), and what
// refuses or caveats a rate series the data lacks names those that are no prices (unreadRateFiles).

import { basename, dirname } from 'node:path';
import { printable } from '../errors.ts';
import type { Market, SourceInfo } from '../market.ts';

/** The format of a source that is a file in rates/ not read as a rate series. */
export const UNREAD_RATE_FILE = 'not read (rate file)';

/** A file in rates/ (or the data folder itself) not read, and why: the problem and its fix (fred.ts notFredReason). */
export interface UnreadRateFile {
  readonly file: string;
  readonly reason: string;
}

/** The format of a source that is a per-symbol price file in a data folder itself, not in etf/: a run's caveat, as an unread .txt is. */
export const UNREAD_PRICE_FILE = 'not read (price file beside etf/)';

/** A source of each file, listed as not read: its path, `format` (UNREAD_RATE_FILE, UNREAD_PRICE_FILE), its reason as its note and as `unread`. */
export function unreadRateSources(files: readonly UnreadRateFile[], format = UNREAD_RATE_FILE): SourceInfo[] {
  return files.map(({ file, reason }) => ({ path: file, format, fingerprint: '', notes: [reason], unread: reason }));
}

/**
 * The files of `market`'s rates/ (or its folder) not read, each as "rates/DTB3.csv was not read: its header … is
 * not observation_date,<SERIES> — …", joined by "; "; '' when there are none. For the refusal or
 * caveat of a rate series the market lacks: the file the user meant is named, with its fix.
 */
export function unreadRateFiles(market: Market): string {
  return market.sources
    .filter((s) => s.format === UNREAD_RATE_FILE)
    .map((s) => `${printable(basename(dirname(s.path)))}/${printable(basename(s.path))} was not read: ${s.unread}`)
    .join('; ');
}

/**
 * What a rate series `name` that `market` lacks is said as, wherever it is asked for (--rf, a cash
 * rate, a strategy's view.rate, a study's riskFree): `no rate series "tbill3m" in df (it has
 * tbill3mMonthly)`, with the files of its rates/ not read (unreadRateFiles) in the parenthesis.
 */
export function noRateSeries(market: Market, name: string): string {
  const has = Object.keys(market.rates);
  const unread = unreadRateFiles(market);
  return `no rate series "${name}" in ${market.name} (${has.length ? `it has ${has.join(', ')}` : 'it has none'}${unread ? `; ${unread}` : ''})`;
}
