// A .txt price file beside .csv files is not read, and is said so: data inspect lists it with its
// fix (rename, or convert UTF-16 first), and a symbol asked for by its name is told it is there
// (data/prices/unreadFiles.ts, nearestName.ts symbolHintIn). Every expected message is written out by hand.

import { describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { loadMarket } from '../../data/load.ts';
import { csv, tempDir, writeFile } from './fixtures.ts';

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
