// A .txt price file beside .csv files is not read, and is said so: data inspect lists it with its
// fix (rename, or convert UTF-16 first), and a symbol asked for by its name is told it is there
// (data/prices/files/unreadFiles.ts, nearestName.ts symbolHintIn). Every expected message is written out by hand.

import { describe, expect, it } from 'vitest';
import { UserError } from '../../../data/errors.ts';
import { inspectMarket, renderInspection } from '../../../data/inspect.ts';
import { loadMarket } from '../../../data/load.ts';
import { backtest } from '../../../engine/backtest.ts';
import { createStrategy } from '../../../strategies/index.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const spy = csv('Date,Close', '2024-01-02,472.65', '2024-01-03,468.79');
const iwm = csv('Date,Close', '2024-01-02,199.52', '2024-01-03,194.2');

const folderWith = (txt: string | Buffer): string => {
  const dir = tempDir();
  writeFile(dir, 'SPY.csv', spy);
  writeFile(dir, 'IWM.txt', txt);
  writeFile(dir, 'README.txt', 'notes about this folder\n');
  return dir;
};

const refusalOf = async (promise: Promise<unknown>): Promise<string> => {
  const e = await promise.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  return (e as Error).message;
};

describe('a .txt beside .csv files', () => {
  it('UTF-8: listed as not read with the rename; README.txt is not a price file', async () => {
    const dir = folderWith(iwm);
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.symbols).toEqual(['SPY']);
    const unread = m.sources.filter((s) => s.unread !== undefined);
    expect(unread.map((s) => [s.path, s.format, s.notes])).toEqual([[`${dir}/IWM.txt`, 'not read (.txt)', ['a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it IWM.csv']]]);
  });

  it('--symbols IWM names IWM.txt and the fix', async () => {
    const dir = folderWith(iwm);
    expect(await refusalOf(loadMarket(dir, { cacheDir: false, symbols: ['IWM'] }))).toBe(
      `no symbol matches IWM in ${dir} (IWM.txt is here but not read: a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it IWM.csv) (it holds 1 symbols, e.g. SPY); check the spelling, or run breadth data inspect on it`,
    );
  });

  it('UTF-16 (Excel "Unicode text"): the fix converts it, and the hint says so from a cached market too', async () => {
    const dir = folderWith(Buffer.from(`\ufeff${iwm.replaceAll(',', '\t')}`, 'utf16le'));
    const fix = 'the file is UTF-16 text (as Excel saves "Unicode text") — save it as UTF-8 (in Excel: CSV UTF-8; or `iconv -f UTF-16 -t UTF-8 IWM.txt > IWM.csv`)';
    const cacheDir = tempDir('breadth-cache-');
    await loadMarket(dir, { cacheDir });
    expect(await refusalOf(loadMarket(dir, { cacheDir, symbols: ['iwm'] }))).toBe(`no symbol matches iwm in ${dir} (IWM.txt is here but not read: ${fix}) (it holds 1 symbols, e.g. SPY); check the spelling, or run breadth data inspect on it`);
  });

  it("a data folder's etf/IWM.txt is named from a cached market as from a fresh load", async () => {
    const root = tempDir();
    writeFile(root, 'etf/SPY.csv', spy);
    writeFile(root, 'etf/IWM.txt', iwm);
    const said = `no symbol matches IWM in ${root} (IWM.txt is here but not read: a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it IWM.csv) (it holds 1 symbols, e.g. SPY); check the spelling, or run breadth data inspect on it`;
    expect(await refusalOf(loadMarket(root, { cacheDir: false, symbols: ['IWM'] }))).toBe(said);
    const cacheDir = tempDir('breadth-cache-');
    await loadMarket(root, { cacheDir });
    expect(await refusalOf(loadMarket(root, { cacheDir, symbols: ['IWM'] }))).toBe(said);
  });
});

describe('the fix a .txt is offered works (probe r15b)', () => {
  it('notes.txt and LICENSE.txt are not price files: listed as not read, no rename offered', async () => {
    const dir = tempDir();
    writeFile(dir, 'SPY.csv', spy);
    writeFile(dir, 'notes.txt', 'bought these in 2024\n');
    writeFile(dir, 'LICENSE.txt', 'MIT License\n\nCopyright (c) 2024\n');
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.sources.filter((s) => s.unread !== undefined).map((s) => s.unread)).toEqual([
      'not a price file (its first line names no date column): nothing to do',
      'not a price file (its first line names no date column): nothing to do',
    ]);
  });

  it('IWM.txt beside IWM.csv is not told to rename over it', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', iwm);
    writeFile(dir, 'IWM.txt', iwm);
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.sources.find((s) => s.unread !== undefined)?.unread).toBe('IWM.csv is read already: remove IWM.txt if it is a copy, or name it after another symbol');
  });

  it('SPY.csv.txt is renamed SPY.csv, and "no symbol matches SPY" names it', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', iwm);
    writeFile(dir, 'SPY.csv.txt', spy);
    expect(await refusalOf(loadMarket(dir, { cacheDir: false, symbols: ['SPY'] }))).toContain('(SPY.csv.txt is here but not read: a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it SPY.csv)');
  });
});

describe('a .txt names its date column anywhere on its first line, as the price reader reads it (probe r48c F4)', () => {
  const rename = 'a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it IWM.csv';
  const nothing = 'not a price file (its first line names no date column): nothing to do';
  /** What data inspect says of IWM.txt whose first line is `header` (a row of IWM's 2024-01-02 bar after it), beside SPY.csv. */
  const fixOf = async (header: string): Promise<string | undefined> => {
    const dir = tempDir();
    writeFile(dir, 'SPY.csv', spy);
    writeFile(dir, 'IWM.txt', `${header}\n2024-01-02\n`);
    return (await loadMarket(dir, { cacheDir: false })).sources.find((s) => s.unread !== undefined)?.unread;
  };

  it.each([
    ['last, comma-separated (the probe\'s f3d)', 'Open,High,Low,Close,Volume,Date'],
    ['last, tab-separated', 'Open\tHigh\tLow\tClose\tVolume\tDate'],
    ['last, semicolon-separated', 'Open;Close;Date'],
    ['in the middle', 'Open,Date,Close'],
    ['first', 'Date,Open,High,Low,Close,Volume'],
    ['quoted, last', '"Open","Close","Date"'],
    ['after a BOM, last', '\ufeffOpen,Close,Date'],
    ['after a BOM, first', '\ufeffDate,Close'],
    ['Timestamp', 'Close,Timestamp'],
    ['Datetime (yfinance intraday)', 'Close,Datetime'],
    ['trade_date (no word boundary before date)', 'close,trade_date'],
    ['Exchange Date (Refinitiv Eikon)', 'Close,Exchange Date'],
    ['Stooq\'s <DATE>', '<TICKER>,<PER>,<DATE>,<TIME>,<CLOSE>'],
    ['MetaStock\'s <DTYYYYMMDD>', '<TICKER>,<DTYYYYMMDD>,<CLOSE>'],
    ['Barchart\'s Time (the date where no column is named so)', 'Time,Open,High,Low,Last,Volume'],
  ])('%s: renamed .csv', async (_, header) => {
    expect(await fixOf(header)).toBe(rename);
  });

  it.each([
    // "date" as a word inside a field of prose is no date column: the price reader would find none.
    ['a sentence that mentions a date', 'bought on this date, in 2024'],
    ['a column whose name holds "date" but is no date (Updated)', 'Close,Updated'],
    ['one field', 'Date'],
  ])('%s: not a price file', async (_, header) => {
    expect(await fixOf(header)).toBe(nothing);
  });

  it('a folder of only .txt files offers the rename for those that hold prices, none for notes', async () => {
    const exactly = (message: string): RegExp => new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const dateLast = tempDir();
    writeFile(dateLast, 'IWM.txt', 'Open,High,Low,Close,Volume,Date\n199.4,201.62,198.44,199.52,44341500,2024-01-02\n');
    writeFile(dateLast, 'notes.txt', 'bought on this date, in 2024\n');
    await expect(loadMarket(dateLast, { cacheDir: false })).rejects.toThrow(exactly(`${dateLast}: no price files (*.csv, *.tsv, *.csv.gz or *.tsv.gz) in this folder — 1 .txt file is here: a .txt price file (as Stooq and Kaggle name theirs) is CSV text, so rename it to .csv`));
    const notes = tempDir();
    writeFile(notes, 'notes.txt', 'bought on this date, in 2024\n');
    await expect(loadMarket(notes, { cacheDir: false })).rejects.toThrow(exactly(`${notes}: no price files (*.csv, *.tsv, *.csv.gz or *.tsv.gz) in this folder — point at a folder of <SYMBOL>.csv or <SYMBOL>.tsv (or gzipped: .csv.gz, .tsv.gz) files, a long-format CSV, or the shared data root`));
  });
});

describe("macOS metadata beside the prices (AppleDouble ._IWM.csv, left by copying a folder off a Mac: probe r45c F4)", () => {
  it('is never read as prices (it stopped the load: "is not text … a spreadsheet"), and data inspect lists it as skipped', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', iwm);
    const appleDouble = Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, ...Buffer.from('Mac OS X')]);
    writeFile(dir, '._IWM.csv', appleDouble);
    writeFile(dir, '._IWM.txt', appleDouble);
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.symbols).toEqual(['IWM']);
    const why = 'macOS metadata (AppleDouble, left by copying off a Mac), not prices: skipped; delete the ._ files to be rid of them';
    expect(m.sources.filter((s) => s.unread !== undefined).map((s) => [s.path, s.notes])).toEqual([
      [`${dir}/._IWM.csv`, [why]],
      [`${dir}/._IWM.txt`, [why]],
    ]);
  });
});

describe('a price file whose name holds a line break or a tab (probe r53a F3: skipped without a word)', () => {
  const control = 'its name holds a line break, tab or other control character, which no symbol can: rename the file <SYMBOL>.csv';

  it('is listed as not read, its name escaped on one line, and a run that read the folder is told (low caveat)', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', iwm);
    writeFile(dir, 'S\nPY.csv', spy);
    writeFile(dir, 'Q\tQQ.csv', spy);
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.symbols).toEqual(['IWM']);
    expect(m.sources.filter((s) => s.unread !== undefined).map((s) => [s.path, s.notes])).toEqual([
      [`${dir}/Q\tQQ.csv`, [control]],
      [`${dir}/S\nPY.csv`, [control]],
    ]);
    expect(renderInspection(inspectMarket(m)).split('\n')).toContain(`    ${dir}/S\\nPY.csv  (not read (name))`);
    const run = backtest(m, await createStrategy('buy-and-hold', { weights: { IWM: 1 } }));
    expect(run.caveats.filter((c) => /not read/.test(c.message)).map((c) => [c.severity, c.message])).toEqual([['low', `not read: ${control} (2 files: Q\\tQQ.csv, S\\nPY.csv)`]]);
  });

  it('alone in a folder: the refusal names it and the fix', async () => {
    const dir = tempDir();
    writeFile(dir, 'S\nPY.csv', spy);
    await expect(loadMarket(dir, { cacheDir: false })).rejects.toThrow(`no price files (*.csv, *.tsv, *.csv.gz or *.tsv.gz) in this folder — "S\\nPY.csv" has a name holding a line break, tab or other control character, which no symbol can: rename it <SYMBOL>.csv`);
  });

  it('--symbols SPL is told of "SPL\\n.csv", escaped (probe r53b F3: only "no symbol matches")', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', iwm);
    writeFile(dir, 'SPL\n.csv', spy);
    expect(await refusalOf(loadMarket(dir, { cacheDir: false, symbols: ['SPL'] }))).toContain(`no symbol matches SPL in ${dir} (SPL\\n.csv is here but not read: ${control})`);
  });

  it('an empty .txt holds no prices: listed as nothing to do, never a run caveat (probe r53b F4)', async () => {
    const dir = folderWith(iwm);
    writeFile(dir, 'empty.txt', '');
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.sources.filter((s) => s.unread !== undefined).map((s) => [s.path.replace(/^.*\//, ''), s.notes])).toEqual([
      ['IWM.txt', ['a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it IWM.csv']],
      ['empty.txt', ['empty: not a price file: nothing to do']],
    ]);
    const run = backtest(m, await createStrategy('buy-and-hold', { weights: { SPY: 1 } }));
    expect(run.caveats.filter((c) => /not read/.test(c.message)).map((c) => c.message)).toEqual(['IWM.txt: not read: a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it IWM.csv']);
  });

  it('a README.txt (no prices) is never a run caveat: nothing the run lacks', async () => {
    const m = await loadMarket(folderWith(iwm), { cacheDir: false });
    const run = backtest(m, await createStrategy('buy-and-hold', { weights: { SPY: 1 } }));
    // IWM.txt holds prices the run could not read (said); README.txt holds none (not said).
    expect(run.caveats.filter((c) => /not read/.test(c.message)).map((c) => c.message)).toEqual(['IWM.txt: not read: a .txt price file (as Stooq and Kaggle name theirs) is CSV text: rename it IWM.csv']);
  });
});

describe('a price file saved as .zip, .xlsx, .json, .parquet or under a backup name (probe r64d F2: skipped without a word)', () => {
  const zip = "a zip archive, which breadth does not read: unzip it here and name the CSV inside QQQ.csv (or gzip that: QQQ.csv.gz is read as it is)";
  const xlsx = 'a spreadsheet, which breadth does not read: save it as CSV (in Excel: File › Save As › CSV UTF-8) named DIA.csv';
  const json = "JSON, which breadth does not read: export it as CSV named EFA.csv (pandas: pd.read_json('EFA.json').to_csv('EFA.csv'))";
  const parquet = "Parquet, which breadth does not read: export it as CSV named TLT.csv (pandas: pd.read_parquet('TLT.parquet').to_csv('TLT.csv'))";
  const bak = 'a price file under a backup or download name (.bak), which breadth does not read: rename it GLD.csv if it holds the prices to use';
  /** SPY.csv read, beside a file of each form, and what a price folder holds that is no price file. */
  const folder = (): string => {
    const dir = tempDir();
    writeFile(dir, 'SPY.csv', spy);
    writeFile(dir, 'QQQ.zip', Buffer.from('PK\x03\x04', 'latin1'));
    writeFile(dir, 'DIA.xlsx', Buffer.from('PK\x03\x04', 'latin1'));
    writeFile(dir, 'EFA.json', '[]');
    writeFile(dir, 'TLT.parquet', 'PAR1');
    writeFile(dir, 'GLD.csv.bak', iwm);
    // Documentation, metadata and a subfolder: not prices, never listed.
    writeFile(dir, 'README.md', '# prices\n');
    writeFile(dir, 'manifest.json', '{}');
    writeFile(dir, 'fetch prices.py', 'print(1)\n');
    writeFile(dir, 'ohlcv/IWM.zip', 'PK');
    return dir;
  };

  it('each is listed by data inspect as not read, with its form and fix', async () => {
    const dir = folder();
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.symbols).toEqual(['SPY']);
    expect(m.sources.filter((s) => s.unread !== undefined).map((s) => [s.path.replace(/^.*\//, ''), s.format, s.unread])).toEqual([
      ['DIA.xlsx', 'not read (.xlsx)', xlsx],
      ['EFA.json', 'not read (.json)', json],
      ['GLD.csv.bak', 'not read (.bak)', bak],
      ['QQQ.zip', 'not read (.zip)', zip],
      ['TLT.parquet', 'not read (.parquet)', parquet],
    ]);
    expect(renderInspection(inspectMarket(m)).split('\n')).toContain(`    ${dir}/QQQ.zip  (not read (.zip))`);
  });

  it.each([
    ['QQQ', `QQQ.zip is here but not read: ${zip}`],
    ['DIA', `DIA.xlsx is here but not read: ${xlsx}`],
    ['EFA', `EFA.json is here but not read: ${json}`],
    ['TLT', `TLT.parquet is here but not read: ${parquet}`],
    ['GLD', `GLD.csv.bak is here but not read: ${bak}`],
  ])('--symbols %s and a run asking for it name the file and the fix', async (symbol, said) => {
    const dir = folder();
    expect(await refusalOf(loadMarket(dir, { cacheDir: false, symbols: ['SPY', symbol] }))).toBe(`no symbol matches ${symbol} in ${dir} (${said}) (it holds 1 symbols, e.g. SPY); check the spelling, or run breadth data inspect on it`);
    const m = await loadMarket(dir, { cacheDir: false });
    const strategy = await createStrategy('buy-and-hold', { weights: { [symbol]: 1 } });
    expect(() => backtest(m, strategy)).toThrow(`unknown symbol "${symbol}" in ${dir} (${said})`);
  });

  it('a copy beside the file read is told to be removed, not renamed over it', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', iwm);
    writeFile(dir, 'IWM.csv.bak', iwm);
    writeFile(dir, 'IWM.zip', 'PK');
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.sources.filter((s) => s.unread !== undefined).map((s) => s.unread)).toEqual([
      'IWM.csv is read already: remove IWM.csv.bak if it is a copy, or name it after another symbol',
      'IWM.csv is read already: remove IWM.zip if it is a copy, or name it after another symbol',
    ]);
  });

  it('one added after a load is listed from the cache too (it is one of the source\'s files)', async () => {
    const dir = tempDir();
    writeFile(dir, 'SPY.csv', spy);
    const cacheDir = tempDir('breadth-cache-');
    await loadMarket(dir, { cacheDir });
    writeFile(dir, 'QQQ.zip', 'PK');
    expect((await loadMarket(dir, { cacheDir })).sources.filter((s) => s.unread !== undefined).map((s) => s.unread)).toEqual([zip]);
  });

  it("a data folder's etf/QQQ.zip is named, and a folder of only such files says what each is", async () => {
    const root = tempDir();
    writeFile(root, 'etf/SPY.csv', spy);
    writeFile(root, 'etf/QQQ.zip', 'PK');
    expect(await refusalOf(loadMarket(root, { cacheDir: false, symbols: ['QQQ'] }))).toContain(`(QQQ.zip is here but not read: ${zip})`);
    const only = tempDir();
    writeFile(only, 'QQQ.zip', 'PK');
    writeFile(only, 'DIA.xlsx', 'PK');
    await expect(loadMarket(only, { cacheDir: false })).rejects.toThrow(`${only}: no price files (*.csv, *.tsv, *.csv.gz or *.tsv.gz) in this folder — DIA.xlsx is ${xlsx}; QQQ.zip is ${zip}`);
  });
});

// Probe r73d F4: a browser's second download, "AAA (1).csv", loaded as the symbol "AAA (1)", and a run
// asking for AAA was told only "unknown symbol". A copy's name is no symbol: listed as not read, with the rename.
describe("a price file under a browser's or a file manager's copy name", () => {
  const copy = (suffix: string, name: string): string => `a browser's second download or a copy ("${suffix}" in its name), which breadth does not read: rename it ${name} if it holds the prices to use`;

  it.each([
    ['IWM (1).csv', '(1)', 'IWM.csv'],
    ['IWM (12).csv.gz', '(12)', 'IWM.csv.gz'],
    ['IWM - Copy.csv', '- Copy', 'IWM.csv'],
    ['IWM copy 2.tsv', 'copy 2', 'IWM.tsv'],
  ])('%s is listed as not read with its rename; a run asking for IWM names it', async (file, suffix, renamed) => {
    const dir = tempDir();
    writeFile(dir, 'SPY.csv', spy);
    writeFile(dir, file, iwm);
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.symbols).toEqual(['SPY']);
    expect(m.sources.filter((s) => s.unread !== undefined).map((s) => [s.path.replace(/^.*\//, ''), s.format, s.unread])).toEqual([[file, 'not read (copy name)', copy(suffix, renamed)]]);
    const strategy = await createStrategy('buy-and-hold', { weights: { IWM: 1 } });
    expect(() => backtest(m, strategy)).toThrow(`unknown symbol "IWM" in ${dir} (${file} is here but not read: ${copy(suffix, renamed)})`);
  });

  it('beside the file of its symbol: told to be removed if it is a copy', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', iwm);
    writeFile(dir, 'IWM (1).csv', iwm);
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.symbols).toEqual(['IWM']);
    expect(m.sources.filter((s) => s.unread !== undefined).map((s) => s.unread)).toEqual(['IWM.csv is read already: remove IWM (1).csv if it is a copy, or name it after another symbol']);
  });
});
