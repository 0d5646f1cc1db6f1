// Price-like files a folder holds but breadth does not read: `.txt` files (Stooq and Kaggle name
// their CSV text so; Excel saves "Unicode text" as UTF-16 .txt). Each becomes a source of its own
// that data inspect lists as not read, with its fix; a symbol asked for by such a file's name is
// told the file is there (nearestName.ts symbolHintIn), not only "unknown symbol".

import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataError, problemAndFix } from '../errors.ts';
import type { SourceInfo } from '../market.ts';
import { readHeadText } from '../formats/text.ts';

/** Price files named .txt: Stooq's and Kaggle's downloads are comma-separated text so named. */
export const TEXT_NAME = /\.txt$/i;

/** The `.txt` files of `folder` (paths, sorted by name); README.txt is documentation, not prices. */
export function textFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => TEXT_NAME.test(name) && !/^readme\.txt$/i.test(name))
    .sort()
    .map((name) => join(folder, name));
}

/**
 * Why a `.txt` file is not read, and the fix: not UTF-8 (UTF-16 "Unicode text": readHeadText's
 * refusal, with its iconv command), else a rename to .csv.
 */
export function textFileFix(file: string): string {
  try {
    readHeadText(file);
  } catch (err) {
    if (err instanceof DataError) return problemAndFix(err.problem, err.fix);
    throw err;
  }
  return `a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it ${basename(file).replace(TEXT_NAME, '.csv')}`;
}

/** A source of each `.txt` file in `folder`, not read: its path, `unread` (why, and the fix) said as its note. */
export function unreadSources(folder: string): SourceInfo[] {
  return textFilesIn(folder).map((file) => {
    const fix = textFileFix(file);
    return { path: file, format: 'not read (.txt)', fingerprint: '', notes: [fix], unread: fix };
  });
}
