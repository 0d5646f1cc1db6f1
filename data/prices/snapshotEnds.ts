// Where a source's data simply stops (the day its snapshot was taken) as opposed to where a
// company stopped trading. Where a source's snapshot end is known, a series that ends before
// it (and before the calendar's last session) is read as a delisting, and one that ends on or
// after it is alive: the file just knows nothing later. Where none is known, an early end says
// nothing about the company: it is a data end (README "Where the data stops"), unless a
// delisting record says otherwise.
//
// The defaults describe ../shared/data (see its README): the Bluefin universe file ends on
// 2020-12-11 (§4b), the MDY adjusted-close file on 2026-07-13 (§1a, from an older commit), and
// the bdi2357 / JacksonSong27 OHLCV files on 2024-04-19 / 2023-10-11 (§1b). The `snapshotEnds`
// load option adds to or overrides them; its keys are a symbol, a file name, or the end of a
// path ("etf/adjclose/MDY.csv").

import { sep } from 'node:path';
import { notAnIsoDay, parseIsoDay } from '../dates.ts';
import { UserError } from '../errors.ts';

export const SHARED_DATA_SNAPSHOT_ENDS: Readonly<Record<string, string>> = {
  'universe/prices_daily_bluefin_nodsturdy.csv.gz': '2020-12-11',
  'etf/adjclose/MDY.csv': '2026-07-13',
  'etf/ohlcv/IVV.csv': '2024-04-19',
  'etf/ohlcv/VB.csv': '2024-04-19',
  'etf/ohlcv/IJR.csv': '2024-04-19',
  'etf/ohlcv/IWB.csv': '2024-04-19',
  'etf/ohlcv/MDY.csv': '2024-04-19',
  'etf/ohlcv/SHY.csv': '2023-10-11',
  'etf/ohlcv/BIL.csv': '2023-10-11',
};

/** Path-like keys compare with '/' whatever the platform's separator. */
const slashes = (path: string): string => path.split(sep).join('/');

function matches(key: string, file: string, symbol: string): boolean {
  if (key === symbol) return true;
  const path = slashes(file);
  return path === key || path.endsWith(`/${key}`);
}

/** Epoch-day snapshot end for a symbol of a file: +Infinity when none is known. */
export function snapshotEndResolver(overrides: Readonly<Record<string, string>> = {}): (file: string, symbol: string) => number {
  const entries = [...Object.entries(overrides), ...Object.entries(SHARED_DATA_SNAPSHOT_ENDS)].map(([key, iso]) => {
    const day = parseIsoDay(iso);
    if (Number.isNaN(day)) throw new UserError(`snapshotEnds["${key}"] = "${iso}" is ${notAnIsoDay(iso)}`);
    return { key, day };
  });
  return (file, symbol) => entries.find((e) => matches(e.key, file, symbol))?.day ?? Number.POSITIVE_INFINITY;
}
