// .tsv and .tsv.gz files are price files like .csv (probe r20d: a folder of .tsv was "no price
// files", IWM.tsv beside SPY.csv an "unknown symbol IWM"): read by the same rules, listed as
// sources, keyed in the cache, and one symbol in a .csv and a .tsv is the duplicate it is.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../data/errors.ts';
import { loadMarket } from '../../data/load.ts';
import { isPriceFileName, symbolOfFile } from '../../data/prices/priceFileName.ts';
import { csv, tempDir, writeFile } from './fixtures.ts';

const tabs = (...lines: string[]): string => csv(...lines.map((line) => line.replaceAll(',', '\t')));

async function refusalOf(load: Promise<unknown>): Promise<string> {
  const err = await load.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return (err as Error).message;
}

describe('.tsv price files', () => {
  it('names: .csv and .tsv, each optionally gzipped, in any case; the symbol is the name before them', () => {
    for (const name of ['IWM.csv', 'IWM.tsv', 'IWM.csv.gz', 'IWM.TSV.GZ', 'BRK.B.tsv']) expect(isPriceFileName(name), name).toBe(true);
    for (const name of ['IWM.txt', 'IWM.tsv.txt', 'IWM.gz', 'IWM.tsvx', '.tsv']) expect(isPriceFileName(name), name).toBe(false);
    expect([symbolOfFile('/d/IWM.tsv'), symbolOfFile('BRK.B.tsv.gz'), symbolOfFile('IWM.txt')]).toEqual(['IWM', 'BRK.B', undefined]);
  });

  it('a folder of .tsv and .tsv.gz files loads, beside a .csv, with their closes as written', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.tsv', tabs('Date,Close', '2024-01-02,199.52', '2024-01-03,194.2'));
    writeFile(dir, 'QQQ.tsv.gz', tabs('Date,Close', '2024-01-02,402.1', '2024-01-03,396.28'));
    writeFile(dir, 'SPY.csv', csv('Date,Close', '2024-01-02,472.65', '2024-01-03,468.79'));
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.symbols).toEqual(['IWM', 'QQQ', 'SPY']);
    // Session-major: [IWM, QQQ, SPY] on 01-02, then on 01-03.
    expect(Array.from(m.close)).toEqual([199.52, 402.1, 472.65, 194.2, 396.28, 468.79]);
    expect(m.sources.filter((s) => s.symbols !== undefined).map((s) => [s.path, s.notes[0]])).toEqual([
      [join(dir, 'IWM.tsv'), 'read as tab-separated'],
      [join(dir, 'QQQ.tsv.gz'), 'read as tab-separated'],
      [join(dir, 'SPY.csv'), 'Close only (no AdjClose): Close is the traded price, and dividends are MISSING (returns understate the total return unless Close already includes them)'],
    ]);
  });

  it('a data folder reads its funds from etf/*.tsv and a long .tsv.gz in universe/', async () => {
    const dir = tempDir();
    writeFile(dir, 'etf/IWM.tsv', tabs('Date,AdjClose', '2024-01-02,199.52'));
    writeFile(dir, 'universe/prices.tsv.gz', tabs('Ticker,Date,Close', 'AAA,2024-01-02,10.5'));
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.symbols).toEqual(['AAA', 'IWM']);
    expect(Array.from(m.close)).toEqual([10.5, 199.52]);
  });

  it('one symbol in IWM.csv and IWM.tsv is refused as loaded twice', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', csv('Date,Close', '2024-01-02,199.52'));
    writeFile(dir, 'IWM.tsv', tabs('Date,Close', '2024-01-02,199.52'));
    expect(await refusalOf(loadMarket(dir, { cacheDir: false }))).toMatch(/symbol IWM is also loaded from/);
  });

  it('a folder with neither names the extensions it reads; IWM.txt beside IWM.tsv is a copy, not a rename', async () => {
    const empty = tempDir();
    writeFile(empty, 'notes.md', 'nothing here\n');
    expect(await refusalOf(loadMarket(empty, { cacheDir: false }))).toBe(
      `${empty}: no price files (*.csv, *.tsv, *.csv.gz or *.tsv.gz) in this folder — point at a folder of <SYMBOL>.csv or <SYMBOL>.tsv (or gzipped: .csv.gz, .tsv.gz) files, a long-format CSV, or the shared data root`,
    );
    const dir = tempDir();
    writeFile(dir, 'IWM.tsv', tabs('Date,Close', '2024-01-02,199.52'));
    writeFile(dir, 'IWM.txt', csv('Date,Close', '2024-01-02,199.52'));
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.sources.find((s) => s.unread !== undefined)?.unread).toBe('IWM.tsv is read already: remove IWM.txt if it is a copy, or name it after another symbol');
  });

  it('adding a .tsv to a cached folder is seen by the cache', async () => {
    const dir = tempDir();
    const cacheDir = tempDir('breadth-cache-');
    writeFile(dir, 'SPY.csv', csv('Date,Close', '2024-01-02,472.65'));
    expect((await loadMarket(dir, { cacheDir })).symbols).toEqual(['SPY']);
    writeFile(dir, 'IWM.tsv', tabs('Date,Close', '2024-01-02,199.52'));
    expect((await loadMarket(dir, { cacheDir })).symbols).toEqual(['IWM', 'SPY']);
  });
});
