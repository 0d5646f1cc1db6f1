// Files a price folder holds that are saved in a form breadth does not read — a zip (Stooq's and
// Kaggle's downloads come zipped), a spreadsheet (Excel's .xlsx), JSON, Parquet and the like, or a
// CSV under a backup or download name (GLD.csv.bak, a browser's second download GLD (1).csv) — each with the fix that makes it readable.
// Only names whose stem could be a symbol are meant (QQQ.zip, BRK-B.xlsx, ^GSPC.json, iwm_us_d.zip):
// a folder's README.md, scripts and notes are not prices, and a README.json or manifest.json is
// documentation or metadata, not a symbol. Whether a zip holds one CSV is not looked into: breadth
// reads .csv and .csv.gz, and unzipping (or gzipping) is one command (decided for probe r64d F2:
// reading archives would add a reader, its cache key and its errors for a file a user turns into a
// read one in a second).

import { COPY_NAME, isPriceFileName, TEXT_NAME } from './priceFileName.ts';

/** A file not read because of its form: the symbol its name gives, its form (for data inspect) and the fix. */
export interface OtherFormat {
  /** The name before the extensions: QQQ.zip → QQQ, GLD.csv.bak → GLD. */
  readonly stem: string;
  /** `not read (.zip)`: the form, as data inspect lists a source's format. */
  readonly format: string;
  /** Why it is not read and what to do: one clause, no file path (the source's path names it). */
  readonly fix: string;
}

/** A name a symbol may have: Yahoo's ^GSPC, EURUSD=X and BRK-B, Stooq's iwm_us_d, EODHD's IWM.US; no spaces, at most 25 characters. */
const SYMBOL_LIKE = /^[A-Za-z0-9^][A-Za-z0-9.^=&_-]{0,24}$/;

/** Names of documentation or metadata, never of a symbol. */
const NOT_A_SYMBOL = /^(?:readme|licen[cs]e|notes?|changelog|manifest|metadata|meta|config|settings|schema|datapackage|package(?:-lock)?|index|info)$/i;

/** Each data format's name and pandas' reader of it, for the export command a fix gives. */
const DATA_FORMATS: Readonly<Record<string, { name: string; reader: string }>> = {
  json: { name: 'JSON', reader: 'read_json' },
  jsonl: { name: 'JSON lines', reader: 'read_json' },
  ndjson: { name: 'JSON lines', reader: 'read_json' },
  parquet: { name: 'Parquet', reader: 'read_parquet' },
  pq: { name: 'Parquet', reader: 'read_parquet' },
  feather: { name: 'Feather', reader: 'read_feather' },
  arrow: { name: 'Arrow (Feather)', reader: 'read_feather' },
  h5: { name: 'HDF5', reader: 'read_hdf' },
  hdf5: { name: 'HDF5', reader: 'read_hdf' },
  pkl: { name: 'a Python pickle', reader: 'read_pickle' },
  pickle: { name: 'a Python pickle', reader: 'read_pickle' },
};

/** A text table's extension, written before an archive's or a backup's (IWM.csv.zip, GLD.csv.bak). */
const TABLE = String.raw`(?:\.(?:csv|tsv|txt))?`;

const ZIP = new RegExp(`^(.+?)${TABLE}\\.zip$`, 'i');
const ARCHIVE = new RegExp(`^(.+?)${TABLE}\\.(7z|rar|tar|tgz|tar\\.gz|bz2|xz|zst)$`, 'i');
const TEXT_GZ = /^(.+)\.txt\.gz$/i;
const SPREADSHEET = /^(.+)\.(xlsx|xlsm|xlsb|xls|ods|numbers)$/i;
const DATA = new RegExp(`^(.+?)${TABLE}\\.(${Object.keys(DATA_FORMATS).join('|')})$`, 'i');
/** A CSV left under another name: GLD.csv.bak, .csv.old, .csv.orig, .csv.1, .csv~, .csv.crdownload (a download not finished). */
const COPY = /^(.+?)(\.(?:csv|tsv)(?:\.gz)?)(\.[^.]+|~)$/i;

/**
 * How `name` (a file name, no folder) is saved, when it is a form breadth does not read and its
 * stem could be a symbol; undefined for a file breadth reads (priceFileName.ts), a .txt
 * (unreadFiles.ts says what it holds), and any other name (README.md, a script).
 */
export function otherFormatOf(name: string): OtherFormat | undefined {
  if (isPriceFileName(name) || TEXT_NAME.test(name)) return undefined;
  const found = formOf(name);
  return found !== undefined && SYMBOL_LIKE.test(found.stem) && !NOT_A_SYMBOL.test(found.stem) ? found : undefined;
}

function formOf(name: string): OtherFormat | undefined {
  let m = ZIP.exec(name);
  if (m) return { stem: m[1], format: 'not read (.zip)', fix: `a zip archive, which breadth does not read: unzip it here and name the CSV inside ${m[1]}.csv (or gzip that: ${m[1]}.csv.gz is read as it is)` };
  m = ARCHIVE.exec(name);
  if (m) return { stem: m[1], format: `not read (.${m[2].toLowerCase()})`, fix: `a .${m[2].toLowerCase()} archive, which breadth does not read: extract it here and name the CSV inside ${m[1]}.csv (or gzip that: ${m[1]}.csv.gz is read as it is)` };
  m = TEXT_GZ.exec(name);
  if (m) return { stem: m[1], format: 'not read (.txt.gz)', fix: `a gzipped .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it ${m[1]}.csv.gz` };
  m = SPREADSHEET.exec(name);
  if (m) return { stem: m[1], format: `not read (.${m[2].toLowerCase()})`, fix: `a spreadsheet, which breadth does not read: save it as CSV (in Excel: File › Save As › CSV UTF-8) named ${m[1]}.csv` };
  m = DATA.exec(name);
  if (m) {
    const extension = m[2].toLowerCase();
    const { name: form, reader } = DATA_FORMATS[extension];
    return { stem: m[1], format: `not read (.${extension})`, fix: `${form}, which breadth does not read: export it as CSV named ${m[1]}.csv (pandas: pd.${reader}('${name}').to_csv('${m[1]}.csv'))` };
  }
  m = COPY_NAME.exec(name);
  if (m) return { stem: m[1], format: 'not read (copy name)', fix: `a browser's second download or a copy ("${m[2].trim()}" in its name), which breadth does not read: rename it ${m[1]}${m[3]} if it holds the prices to use` };
  m = COPY.exec(name);
  if (m) return { stem: m[1], format: `not read (${m[3]})`, fix: `a price file under a backup or download name (${m[3]}), which breadth does not read: rename it ${m[1]}${m[2]} if it holds the prices to use` };
  return undefined;
}
