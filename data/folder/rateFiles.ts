// Files in a data folder's rates/ that are not FRED series (a third column, no header): never read
// as rates, so each is a source of its own listed as not read, with why and the fix (data
// inspect), and what refuses or caveats a rate series the data lacks names them (unreadRateFiles).

import { basename } from 'node:path';
import { printable } from '../errors.ts';
import type { Market, SourceInfo } from '../market.ts';

/** The format of a source that is a file in rates/ not read as a rate series. */
export const UNREAD_RATE_FILE = 'not read (rate file)';

/** A file in rates/ whose first line is not a FRED header, and why (fred.ts notFredReason: the problem and its fix). */
export interface UnreadRateFile {
  readonly file: string;
  readonly reason: string;
}

/** A source of each file, listed as not read: its path, its reason as its note and as `unread`. */
export function unreadRateSources(files: readonly UnreadRateFile[]): SourceInfo[] {
  return files.map(({ file, reason }) => ({ path: file, format: UNREAD_RATE_FILE, fingerprint: '', notes: [reason], unread: reason }));
}

/**
 * The files of `market`'s rates/ not read, each as "rates/DTB3.csv was not read: its header … is
 * not observation_date,<SERIES> — …", joined by "; "; '' when there are none. For the refusal or
 * caveat of a rate series the market lacks: the file the user meant is named, with its fix.
 */
export function unreadRateFiles(market: Market): string {
  return market.sources
    .filter((s) => s.format === UNREAD_RATE_FILE)
    .map((s) => `rates/${printable(basename(s.path))} was not read: ${s.unread}`)
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
