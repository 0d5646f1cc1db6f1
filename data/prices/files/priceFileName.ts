// The names breadth reads as price files: `<SYMBOL>.csv` or `<SYMBOL>.tsv`, each optionally
// gzipped. The name before the extension is a per-symbol file's symbol; how the text is split is
// read from the text (formats/dialect.ts: commas, semicolons or tabs whatever the extension), so a
// .tsv is read by the same rules as a .csv, and IWM.csv beside IWM.tsv is one symbol twice.

const PRICE_FILE = /^(.+)\.(?:csv|tsv)(?:\.gz)?$/i;

/** The names, for messages: `<SYMBOL>.csv or <SYMBOL>.tsv (or gzipped: .csv.gz, .tsv.gz)`. */
export const PRICE_FILE_NAMES = '<SYMBOL>.csv or <SYMBOL>.tsv (or gzipped: .csv.gz, .tsv.gz)';

/** The same as file patterns, for messages: `*.csv, *.tsv, *.csv.gz or *.tsv.gz`. */
export const PRICE_FILE_PATTERNS = '*.csv, *.tsv, *.csv.gz or *.tsv.gz';

/** Price files named .txt: Stooq's and Kaggle's downloads are comma-separated text so named (not read: unreadFiles.ts). */
export const TEXT_NAME = /\.txt$/i;

/** macOS metadata beside a file copied off a Mac (AppleDouble `._IWM.csv`): never prices. */
export const APPLE_DOUBLE = /^\._/;

/** A line break, tab or other control character: no symbol holds one (a name with one is listed as not read: unreadFiles.ts). */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * A price file under a browser's or a file manager's copy name: `AAA (1).csv` (a browser's second
 * download), `AAA - Copy.csv` (Windows), `AAA copy 2.csv` (macOS). No symbol is so named, and
 * read as one such a file gave the symbol "AAA (1)": it is listed as not read with its rename
 * (otherFormats.ts). Groups: the stem, the copy's suffix, the extension.
 */
export const COPY_NAME = /^(.+?)( \(\d+\)| - Copy(?: \(\d+\))?| copy(?: \d+)?)(\.(?:csv|tsv)(?:\.gz)?)$/i;

/** True for a file name (or path) breadth reads as a price file. */
export function isPriceFileName(name: string): boolean {
  const base = /[^/\\]*$/.exec(name)![0];
  return PRICE_FILE.test(base) && !APPLE_DOUBLE.test(base) && !CONTROL_CHARACTER.test(base) && !COPY_NAME.test(base);
}

/** The symbol a per-symbol file holds (its name without the extension), or undefined when the name is no price file's. */
export function symbolOfFile(file: string): string | undefined {
  return PRICE_FILE.exec(/[^/\\]*$/.exec(file)![0])?.[1];
}
