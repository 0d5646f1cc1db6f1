// .tsv and .tsv.gz files are price files like .csv (probe r20d: a folder of .tsv was "no price
// files", IWM.tsv beside SPY.csv an "unknown symbol IWM"): read by the same rules, listed as
// sources, keyed in the cache, and one symbol in a .csv and a .tsv is the duplicate it is.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../data/errors.ts';
import { isFredHeader, loadRateSeries } from '../../../data/fred.ts';
import { loadMarket } from '../../../data/load.ts';
import { loadReturnsFile } from '../../../data/returnSeries.ts';
import { parseStudy, runStudyRuns } from '../../../study/index.ts';
import { isPriceFileName, symbolOfFile } from '../../../data/prices/files/priceFileName.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

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

// Probe r21d: a FRED file saved as .tsv was ignored (`--rf tbill3m`: "no rate series"), in a plain
// price folder it was refused as a price file with a header shown with a comma it does not have,
// and `metrics --returns r.tsv` refused its tab-separated header.
describe('tab-separated rate and returns files', () => {
  const DAYS = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];

  it('a FRED header is one whatever splits it: comma, tab, semicolon, quoted', () => {
    expect(['observation_date,DTB3', 'observation_date\tDTB3', '"DATE";"TB3MS"', 'Date\tClose'].map((line) => isFredHeader(line))).toEqual([true, true, true, false]);
  });

  it("beside price files a rate file's series column is a FRED series id in capitals; a price-like or unknown name is not one (probe r67b)", () => {
    const strict = (line: string): boolean => isFredHeader(line, true);
    expect(['DATE,VALUE', '"Date","TB3MS"', 'observation_date,DTB3_20240102', 'observation_date,DGS10,'].map(strict)).toEqual([true, true, true, true]);
    expect(['Date,Price', 'Date,Clsoe', 'Date,Foo', 'observation_date,tbill'].map(strict)).toEqual([false, false, false, false]);
    // In rates/ the folder says what the file is: a series a user named in lower case is read.
    expect(['observation_date,tbill', 'Date,Foo', 'Date,Close'].map((line) => isFredHeader(line))).toEqual([true, true, false]);
  });

  it('a .tsv FRED file reads like the .csv: percent a year as decimals, its header shown as written', () => {
    const file = writeFile(tempDir(), 'DTB3.tsv', tabs('observation_date,DTB3', '2024-01-02,5.2', '2024-01-03,', '2024-01-04,5.3'));
    const { series, source, filled } = loadRateSeries(file);
    expect(series.name).toBe('DTB3');
    expect(Array.from(series.values)).toEqual([0.052, 0.052, 0.053]); // percent as the decimal it writes, the blank carried forward
    expect(filled).toBe(1);
    expect(source.format).toBe('FRED file read as tab-separated: observation_date\tDTB3');
    const odd = writeFile(tempDir(), 'X.tsv', tabs('when,DTB3', '2024-01-02,5.2'));
    expect(() => loadRateSeries(odd)).toThrow(`${odd}:1: unknown column layout "when\tDTB3" — the header must be one of: observation_date,DTB3 (FRED series); DATE,DTB3 (FRED series); Date,DTB3 (FRED series)`);
  });

  it('a data folder\'s rates/DTB3_daily.tsv is tbill3m: buy-and-hold with cash at the rate ends at 14,000 + 10,000·r·(1 + r)^4', async () => {
    const dir = tempDir();
    writeFile(dir, 'etf/AAA.tsv', tabs('Date,Open,Close', ...DAYS.map((d, k) => `${d},${k < 2 ? 100 : 90 + 10 * k},${k < 2 ? 100 : 90 + 10 * k}`)));
    writeFile(dir, 'rates/DTB3_daily.tsv', tabs('observation_date,DTB3', ...DAYS.map((d) => `${d},5.2`)));
    const m = await loadMarket(dir, { cacheDir: false });
    expect(Object.keys(m.rates)).toEqual(['tbill3m']);
    const config = parseStudy({ data: dir, runs: [{ name: 'hold', strategy: 'buy-and-hold', params: { weights: { AAA: 1 } }, engine: { initialCash: 10_000, cash: { rate: 'tbill3m' } } }] }, 'test');
    const nav = (await runStudyRuns(config, m, 'test')).runs[0].result.daily.nav;
    // r = 1.052^(1/252) − 1 a session. 01-03: 10,000 cash earns 10,000·r, then 100 shares at the open of 100 leave it as cash;
    // four more sessions compound it; at the last close the shares are worth 100 × 140.
    const r = 1.052 ** (1 / 252) - 1;
    expect(nav[nav.length - 1]).toBeCloseTo(14_000 + 10_000 * r * (1 + r) ** 4, 9);
  });

  it('a .tsv FRED file in a plain price folder is named as a rate file, not refused as a price file', async () => {
    const dir = tempDir();
    writeFile(dir, 'AAA.tsv', tabs('Date,Close', '2024-01-02,100'));
    const rates = writeFile(dir, 'DTB3_daily.tsv', tabs('observation_date,DTB3', '2024-01-02,5.2'));
    expect(await refusalOf(loadMarket(dir, { cacheDir: false }))).toBe(
      `${rates}:1: a FRED rate file (DTB3, read as "tbill3m") in a plain price folder: rates are read only in the data-folder layout — move the price files into ${join(dir, 'etf')}/ (or a long price file into universe/) and keep the rate file in ${join(dir, 'rates')}/ or beside etf/`,
    );
  });

  it('a price header is shown split as the file splits it', async () => {
    const file = writeFile(tempDir(), 'AAA.tsv', tabs('when,price', '2024-01-02,100'));
    expect(await refusalOf(loadMarket(file, { cacheDir: false }))).toMatch(/^[^:]+:1: not a price file: the header "when\tprice" \(read as tab-separated\) has no date column/);
  });

  it('a tab-separated returns file reads like date,return; a wrong header is shown as written', () => {
    const file = writeFile(tempDir(), 'r.tsv', tabs('date,return', '2024-01-03,0.1', '2024-01-04,-0.1', '2024-01-05,0.1'));
    expect(Array.from(loadReturnsFile(file).returns)).toEqual([0.1, -0.1, 0.1]);
    const wrong = writeFile(tempDir(), 'w.tsv', tabs('date,close,volume', '2024-01-03,1,2'));
    expect(() => loadReturnsFile(wrong)).toThrow(`${wrong}:1: expected two columns date,<return> but the header is "date\tclose\tvolume" (read as tab-separated) — write \`date,return\` (or tab-separated) with ISO dates and simple returns (0.01 = 1%)`);
  });
});
