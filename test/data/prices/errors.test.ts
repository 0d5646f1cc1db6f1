// Every class of bad input becomes a DataError naming the file, the line and a fix.

import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../../data/formats/csvTable.ts';
import { DataError, UserError } from '../../../data/errors.ts';
import { loadFactorTable } from '../../../data/factors.ts';
import { loadRateSeries } from '../../../data/fred.ts';
import { loadReturnsFile } from '../../../data/returnSeries.ts';
import { loadMarket } from '../../../data/load.ts';
import { AssetClass } from '../../../data/market.ts';
import { loadPriceFile } from '../../../data/prices/files/priceFolder.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const asStock = () => ({ assetClass: AssetClass.stock, snapshotEnd: Infinity });
const loadSymbolFile = (file: string) => loadPriceFile(file, asStock);
const loadLong = (file: string) => loadPriceFile(file, asStock);

async function dataError(action: () => unknown): Promise<DataError> {
  try {
    await action();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    expect(err, 'a DataError is a UserError (probe r64c F4)').toBeInstanceOf(UserError);
    const e = err as DataError;
    expect(e.fix, 'every DataError says how to fix it').toBeTruthy();
    expect(e.message.startsWith(e.line === undefined ? e.file : `${e.file}:${e.line}: `)).toBe(true);
    return e;
  }
  throw new Error('expected a DataError');
}

describe('bad input → DataError with file, line and fix', () => {
  const dir = tempDir();

  it('missing file', async () => {
    const e = await dataError(() => loadSymbolFile(join(dir, 'NOPE.csv')));
    expect(e.message).toMatch(/file not found/);
    const viaLoad = await dataError(() => loadMarket(join(dir, 'missing-folder'), { cacheDir: false }));
    expect(viaLoad.message).toMatch(/no such file or folder/);
  });

  it('is a UserError, so one `instanceof UserError` tells every user mistake from breadth\'s own fault (probe r64c F4: loadMarket of a missing path threw a DataError that was not one)', async () => {
    const err = await loadMarket(join(dir, 'nope'), { cacheDir: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).name).toBe('DataError');
    expect((err as DataError).file).toBe(join(dir, 'nope'));
  });

  it('empty file', async () => {
    const file = writeFile(dir, 'EMPTY.csv', '');
    const e = await dataError(() => loadSymbolFile(file));
    expect(e.message).toBe(`${file}: file is empty (0 bytes) — remove it, or give it a header line followed by data rows`);
    const gz = await dataError(() => loadLong(writeFile(dir, 'empty-long.csv.gz', '')));
    expect(gz.message).toMatch(/empty/);
  });

  it('header with no rows', async () => {
    const e = await dataError(() => loadSymbolFile(writeFile(dir, 'HEADONLY.csv', csv('Date,AdjClose'))));
    expect(e.line).toBe(2);
  });

  it('a header without a date or a close says what is missing, and shows the layouts that read', async () => {
    const e = await dataError(() => loadSymbolFile(writeFile(dir, 'ODD.csv', csv('Day,Price', '2020-01-02,1'))));
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/not a price file: the header "Day,Price" has no date column .* and no close column/);
    expect(e.fix).toContain('Date,AdjClose');
    expect(e.fix).toContain('Date,Open,High,Low,Close,Volume');
    const viaLoad = await dataError(() => loadMarket(writeFile(dir, 'odd-long.csv', csv('Symbol,When,Px', 'A,2020-01-02,1')), { cacheDir: false }));
    expect(viaLoad.message).toMatch(/has no date column/);
    expect(viaLoad.fix).toContain('date,symbol,open,high,low,close,volume');
    const semicolons = await dataError(() => loadSymbolFile(writeFile(dir, 'SEMI.csv', csv('Day;Open;Close', '2020-01-02;1,5;1,6'))));
    expect(semicolons.message).toMatch(/\(read as semicolon-separated with decimal commas\)/);
  });

  it('malformed row: too few or too many fields', async () => {
    const few = await dataError(() => loadSymbolFile(writeFile(dir, 'FEW.csv', csv('Date,AdjClose', '2020-01-02,1', '2020-01-03'))));
    expect(few.line).toBe(3);
    expect(few.message).toMatch(/expected 2 fields, found 1/);
    const many = await dataError(() => loadLong(writeFile(dir, 'many.csv', csv('Ticker,Date,AdjClose', 'A,2020-01-02,1', 'A,2020-01-03,1,7'))));
    expect(many.line).toBe(3);
    expect(many.message).toMatch(/expected 3 fields, found 4/);
  });

  it('non-numeric value', async () => {
    const e = await dataError(() => loadSymbolFile(writeFile(dir, 'TEXT.csv', csv('Date,AdjClose', '2020-01-02,1.5', '2020-01-03,1,5x'))));
    expect(e.line).toBe(3);
    const word = await dataError(() => loadSymbolFile(writeFile(dir, 'WORD.csv', csv('Date,AdjClose', '2020-01-02,abc'))));
    expect(word.message).toMatch(/AdjClose is not a number \("abc"\)/);
    const factor = await dataError(() => loadFactorTable(writeFile(dir, 'ff.csv', csv('Date,Mkt-RF', '2020-01-02,0.1', '2020-01-03,n/a'))));
    expect(factor.line).toBe(3);
  });

  it('zero or negative price; negative volume', async () => {
    const zero = await dataError(() => loadSymbolFile(writeFile(dir, 'ZERO.csv', csv('Date,AdjClose', '2020-01-02,1', '2020-01-03,0'))));
    expect(zero.line).toBe(3);
    expect(zero.message).toMatch(/zero or negative \(0\)/);
    const negative = await dataError(() =>
      loadLong(writeFile(dir, 'neg.csv.gz', csv('Ticker,Date,Close,AdjClose,Volume', 'A,2020-01-02,10,9,100', 'B,2020-01-02,-4.2,9,100'))),
    );
    expect(negative.line).toBe(3);
    expect(negative.message).toMatch(/Close is zero or negative \(-4.2\)/);
    const volume = await dataError(() => loadLong(writeFile(dir, 'vol.csv', csv('Ticker,Date,Close,AdjClose,Volume', 'A,2020-01-02,10,9,-1'))));
    expect(volume.message).toMatch(/Volume is negative/);
  });

  it('a number beyond binary64 (1e400 reads as Infinity) is refused at its line in every loader, never stored', async () => {
    const range = (column: string) => new RegExp(`:3: ${column} "1e400" is beyond the range of a number \\(±1\\.8e308\\) — correct the value \\(such as ([^)]+)\\) or remove the row$`);
    const per = await dataError(() => loadSymbolFile(writeFile(dir, 'BIG.csv', csv('Date,Open,High,Low,Close,Volume', '2020-01-02,10,11,9,10,100', '2020-01-03,10,1e400,9,10,100'))));
    expect(per.message).toMatch(range('High'));
    expect(per.fix).toBe('correct the value (such as 12.5 or 0.0625) or remove the row');
    const volume = await dataError(() => loadSymbolFile(writeFile(dir, 'BIGV.csv', csv('Date,Close,Volume', '2020-01-02,10,100', '2020-01-03,10,1e400'))));
    expect(volume.message).toMatch(range('Volume'));
    expect(volume.fix).toBe('correct the value (such as 1200) or remove the row');
    // 309 digits: no exponent, too long for the fast reader, the same refusal.
    const digits = '1' + '0'.repeat(308) + '0';
    const plain = await dataError(() => loadSymbolFile(writeFile(dir, 'BIGD.csv', csv('Date,Close', '2020-01-02,10', `2020-01-03,${digits}`))));
    expect(plain.message).toContain(`:3: Close "${digits.slice(0, 40)}…" is beyond the range of a number`);
    // The general path (quoted fields, csv-parse) and a long file.
    const quoted = await dataError(() => loadSymbolFile(writeFile(dir, 'BIGQ.csv', csv('"Date","Close"', '"2020-01-02","10"', '"2020-01-03","1e400"'))));
    expect(quoted.message).toMatch(range('Close'));
    const long = await dataError(() => loadLong(writeFile(dir, 'big-long.csv.gz', csv('Ticker,Date,Close,AdjClose,Volume', 'A,2020-01-02,10,9,100', 'A,2020-01-03,10,-1e400,100'))));
    expect(long.message).toMatch(/big-long\.csv\.gz:3: AdjClose "-1e400" is beyond the range of a number/);
    // Rates, returns and factor files.
    const rates = await dataError(() => loadRateSeries(writeFile(dir, 'DTB3big.csv', csv('observation_date,DTB3', '2020-01-02,1.5', '2020-01-03,1e400'))));
    expect(rates.message).toMatch(/DTB3big\.csv:3: DTB3 "1e400" is beyond the range of a number/);
    const returns = await dataError(() => loadReturnsFile(writeFile(dir, 'ret.csv', csv('date,return', '2020-01-02,0.01', '2020-01-03,1e400'))));
    expect(returns.message).toMatch(/ret\.csv:3: return "1e400" is beyond the range of a number/);
    const factor = await dataError(() => loadFactorTable(writeFile(dir, 'ffbig.csv', csv('Date,Mkt-RF', '2020-01-02,0.1', '2020-01-03,1e400'))));
    expect(factor.line).toBe(3);
    expect(factor.message).toContain('"1e400" is beyond the range of a number');
  });

  it('a price that reads as 0 shows its text: 1e-400 is below the smallest double, -0 is zero; a non-number\'s fix shows positive prices', async () => {
    const under = await dataError(() => loadSymbolFile(writeFile(dir, 'UNDER.csv', csv('Date,Open,Close', '2020-01-02,10,10', '2020-01-03,1e-400,10'))));
    expect(under.message).toBe(`${join(dir, 'UNDER.csv')}:3: Open "1e-400" is below the smallest positive number (5e-324) and reads as 0 — prices must be positive and volumes non-negative; correct the value or remove the row`);
    const negativeZero = await dataError(() => loadSymbolFile(writeFile(dir, 'NEGZERO.csv', csv('Date,Close,AdjClose', '2020-01-02,10,10', '2020-01-03,10,-0'))));
    expect(negativeZero.message).toBe(`${join(dir, 'NEGZERO.csv')}:3: AdjClose is zero or negative (-0) — prices must be positive and volumes non-negative; correct the value or remove the row`);
    const word = await dataError(() => loadSymbolFile(writeFile(dir, 'WORDP.csv', csv('Date,Close', '2020-01-02,abc'))));
    expect(word.fix).toBe('write plain decimals such as 12.5 or 0.0625 (no thousands separators, currency signs or text)');
  });

  it('a subnormal price (below 2^−1022 ≈ 2.2e-308) is refused at its line, in exponent or plain form, per-symbol or long (r22a finding 3)', async () => {
    const fix = 'a bad print: correct the value or remove the row';
    const exponent = await dataError(() => loadSymbolFile(writeFile(dir, 'SUBN.csv', csv('Date,Open,Close', '2020-01-02,10,10', '2020-01-03,10,1e-320'))));
    expect(exponent.message).toBe(`${join(dir, 'SUBN.csv')}:3: Close "1e-320" is below the smallest normal number (2.2e-308): a price this small cannot be divided by — ${fix}`);
    const plain = `0.${'0'.repeat(319)}1`; // 1e-320 written out: the fast decimal path
    const written = await dataError(() => loadSymbolFile(writeFile(dir, 'SUBNP.csv', csv('Date,Close', '2020-01-02,10', `2020-01-03,${plain}`))));
    expect(written.line).toBe(3);
    expect(written.message).toContain('is below the smallest normal number (2.2e-308)');
    const long = await dataError(() => loadLong(writeFile(dir, 'subn.csv', csv('Ticker,Date,Close', 'A,2020-01-02,10', 'B,2020-01-02,2e-308'))));
    expect(long.message).toBe(`${join(dir, 'subn.csv')}:3: Close "2e-308" is below the smallest normal number (2.2e-308): a price this small cannot be divided by — ${fix}`);
    // The smallest normal number itself, and 1e-300, load.
    await expect(loadSymbolFile(writeFile(dir, 'NORMAL.csv', csv('Date,Close', '2020-01-02,10', '2020-01-03,2.2250738585072014e-308', '2020-01-06,1e-300')))).resolves.toBeDefined();
  });

  it('duplicate date', async () => {
    const e = await dataError(() => loadSymbolFile(writeFile(dir, 'DUP.csv', csv('Date,AdjClose', '2020-01-02,1', '2020-01-03,1', '2020-01-03,1'))));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/duplicate date 2020-01-03 \(line 3\)/);
  });

  it('unsorted dates (per ticker, also when tickers interleave); one direction throughout', async () => {
    const e = await dataError(() => loadSymbolFile(writeFile(dir, 'BACK.csv', csv('Date,AdjClose', '2020-01-02,1', '2020-01-06,1', '2020-01-03,1'))));
    // Three rows whose two steps disagree: which is out of place cannot be told, so all three are named, at the middle one.
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/the first dates run both ways: 2020-01-02 \(line 2\), 2020-01-06 \(line 3\), 2020-01-03 \(line 4\)/);
    const flip = await dataError(() => loadSymbolFile(writeFile(dir, 'FLIP.csv', csv('Date,AdjClose', '2020-01-06,1', '2020-01-03,1', '2020-01-02,1', '2020-01-07,1'))));
    expect(flip.message).toMatch(/date 2020-01-07 comes after 2020-01-02 in rows sorted newest first/);
    const long = await dataError(() => loadLong(writeFile(dir, 'inter.csv', csv('Ticker,Date,AdjClose', 'A,2020-01-02,1', 'B,2020-01-02,1', 'A,2020-01-03,1', 'A,2020-01-04,1', 'A,2020-01-01,1'))));
    expect(long.line).toBe(6);
    expect(long.message).toMatch(/for A \(line 5\)/);
    const rates = await dataError(() => loadRateSeries(writeFile(dir, 'DTB3.csv', csv('observation_date,DTB3', '2020-01-03,1.5', '2020-01-02,1.4'))));
    expect(rates.line).toBe(3);
  });

  it('a FRED rate file in a plain price folder, beside the prices or in rates/, is named as a rate file with the layout to use', async () => {
    for (const [folder, at] of [['plainTop', 'DTB3.csv'], ['plainRates', 'rates/DTB3.csv']] as const) {
      const root = join(dir, folder);
      writeFile(root, 'AAA.csv', csv('Date,AdjClose', '2020-01-02,1', '2020-01-03,1.1'));
      const file = writeFile(root, at, csv('observation_date,DTB3', '2020-01-02,1.5'));
      const e = await dataError(() => loadMarket(root, { cacheDir: false }));
      expect(e.file).toBe(file);
      expect(e.message).toContain('a FRED rate file (DTB3, read as "tbill3m") in a plain price folder: rates are read only in the data-folder layout');
      expect(e.fix).toBe(`move the price files into ${join(root, 'etf')}/ (or a long price file into universe/) and keep the rate file in ${join(root, 'rates')}/ or beside etf/`);
    }
  });

  it('a two-column file with a price-like or unknown column is refused as a price file, not called a FRED rate file (probe r67b)', async () => {
    for (const column of ['Price', 'Clsoe', 'Foo']) {
      const root = join(dir, `plain${column}`);
      const file = writeFile(root, 'AAA.csv', csv(`Date,${column}`, '2020-01-02,100', '2020-01-03,101'));
      const e = await dataError(() => loadMarket(root, { cacheDir: false }));
      expect([e.file, e.line]).toEqual([file, 1]);
      expect(e.message).toContain(`not a price file: the header "Date,${column}" has no close column (Close or Adj Close)`);
    }
  });

  it("a value column named after the file's own symbol is its price, not a FRED rate series: refused with the rename (probe r68b F6)", async () => {
    // pandas writes one series as Date,<its name>: prices['SPY'].to_csv('SPY.csv'). Beside another price file and alone alike.
    const root = join(dir, 'pandasSeries');
    writeFile(root, 'IWM.csv', csv('Date,AdjClose', '2020-01-02,160', '2020-01-03,161'));
    const file = writeFile(root, 'SPY.csv', csv('Date,SPY', '2020-01-02,300', '2020-01-03,301'));
    const expected = new DataError(file, 1, 'not a price file: the header "Date,SPY" has no close column (Close or Adj Close); its column SPY, named after the file, is one series as pandas writes it', 'rename SPY to Close (Adj Close if its prices are adjusted for dividends)');
    for (const data of [root, file]) {
      const e = await dataError(() => loadMarket(data, { cacheDir: false }));
      expect([e.file, e.line, e.problem, e.fix]).toEqual([expected.file, expected.line, expected.problem, expected.fix]);
    }
    // FRED's own download is named after its series: DTB3.csv (observation_date,DTB3) is a rate file there still.
    const fred = writeFile(join(dir, 'fredBeside'), 'DTB3.csv', csv('observation_date,DTB3', '2020-01-02,1.5'));
    writeFile(join(dir, 'fredBeside'), 'IWM.csv', csv('Date,AdjClose', '2020-01-02,160'));
    const refused = await dataError(() => loadMarket(join(dir, 'fredBeside'), { cacheDir: false }));
    expect([refused.file, refused.problem]).toEqual([fred, 'a FRED rate file (DTB3, read as "tbill3m") in a plain price folder: rates are read only in the data-folder layout']);
  });

  it('invalid date: said as no calendar date, with how long the month is (probe r64d F4: "not a valid date")', async () => {
    const e = await dataError(() => loadSymbolFile(writeFile(dir, 'BADDATE.csv', csv('Date,AdjClose', '2020-02-30,1'))));
    expect(e.line).toBe(2);
    // 2020 is a leap year: February has 29 days.
    expect(e.message).toMatch(/Date "2020-02-30" is not a calendar date \(February 2020 has 29 days\) — correct the date, or remove the row$/);
    // Year first with slashes or dots is read (2024/01/02), so a day it lacks is said the same; a month past 12 too.
    for (const [name, written, why] of [['BAD2.csv', '2023/02/29', 'February 2023 has 28 days'], ['BAD3.csv', '2024.04.31', 'April 2024 has 30 days'], ['BAD4.csv', '2024/13/01', 'there is no month 13']]) {
      const bad = await dataError(() => loadSymbolFile(writeFile(dir, name, csv('Date,AdjClose', '2024-01-02,1', `${written},1`))));
      expect(bad.message).toBe(`${join(dir, name)}:3: Date "${written}" is not a calendar date (${why}) — correct the date, or remove the row`);
    }
  });

  // Probe r60c F2: 0024-01-02 (a typo of 2024-01-02) was read as 1924-01-02 in price, returns and delisting files (a 100-year
  // run), while --from and FRED refused it; a factor file's last row so dated was dropped without a word.
  it('a date before 1800 is refused at its line in every file and path, as not a market date with the full year to write', async () => {
    const early = (column: string, text: string, fix = 'write the full year, e.g. 2024-01-02'): string => `${column} "${text}" is not a market date: year ${text.match(/\d{4}/)![0]} is before 1800 — ${fix}`;
    // Per-symbol price files: the byte scanner (ISO, compact, a date-time at midnight, a named month), csv-parse (quoted), a semicolon file; a long file.
    for (const [name, written] of [['Y1.csv', '0024-01-02'], ['Y2.csv', '00240102'], ['Y3.csv', '0024-01-02T00:00:00Z'], ['Y4.csv', '02-Jan-0024'], ['Y5.csv', '"0024-01-02"']] as const) {
      const file = writeFile(dir, name, csv('Date,Close', `${written},100`, '2024-01-03,101'));
      expect((await dataError(() => loadSymbolFile(file))).message).toBe(`${file}:2: ${early('Date', written.replaceAll('"', ''))}`);
    }
    const semicolon = writeFile(dir, 'Y6.csv', csv('Date;Close', '2024-01-02;100,5', '0024-01-03;101,5'));
    expect((await dataError(() => loadSymbolFile(semicolon))).message).toBe(`${semicolon}:3: ${early('Date', '0024-01-03', 'write the full year, e.g. 2024-01-03')}`);
    const long = writeFile(dir, 'y-long.csv', csv('date,symbol,close', '2024-01-02,AAA,1', '0024-01-03,AAA,2'));
    expect((await dataError(() => loadLong(long))).message).toBe(`${long}:3: ${early('date', '0024-01-03', 'write the full year, e.g. 2024-01-03')}`);
    // Returns (a day, and a month as factor files write it: the year alone to show), rates, factors (its last row, once dropped).
    const returns = writeFile(dir, 'y-ret.csv', csv('date,return', '0099-12-31,0.01', '2024-01-02,0.01'));
    expect((await dataError(() => loadReturnsFile(returns))).message).toBe(`${returns}:2: ${early('date', '0099-12-31', 'write the full year, e.g. 1999-12-31')}`);
    const months = writeFile(dir, 'y-mom.csv', csv('Date,Mom', '009912,1.0', '200001,1.0'));
    expect((await dataError(() => loadReturnsFile(months, 'percent'))).message).toBe(`${months}:2: ${early('Date', '009912', 'write the full year, e.g. 1999')}`);
    const rates = writeFile(dir, 'y-DTB3.csv', csv('observation_date,DTB3', '0024-01-02,5.2', '2024-01-03,5.2'));
    expect((await dataError(() => loadRateSeries(rates))).message).toBe(`${rates}:2: ${early('observation_date', '0024-01-02')}`);
    const factors = writeFile(dir, 'y-ff.csv', csv('Date,Mkt-RF,RF', '20240102,0.1,0.01', '20240103,0.1,0.01', '00240104,0.1,0.01'));
    expect((await dataError(() => loadFactorTable(factors))).message).toBe(`${factors}:4: ${early('Date', '00240104', 'write the full year, e.g. 2024-01-04')}`);
    // A date that is none inside a factor table is its line's refusal too, not the table's end (it was "interrupts the table", or dropped as the last row).
    const invalid = writeFile(dir, 'y-ff2.csv', csv('Date,Mkt-RF,RF', '20240102,0.1,0.01', '20240230,0.1,0.01'));
    expect((await dataError(() => loadFactorTable(invalid))).message).toMatch(/y-ff2\.csv:3: Date "20240230" is not a calendar date \(February 2024 has 29 days\)/);
    // A delistings.csv in a data folder; a year 100–1799 is no two-digit year: the fix says the rule.
    const folder = tempDir();
    writeFile(folder, 'etf/AAA.csv', csv('Date,AdjClose', '2024-01-02,1', '2024-01-03,2'));
    const delistings = writeFile(folder, 'delistings.csv', csv('Ticker,LastDate,DelistReturn', 'AAA,1024-01-03,'));
    expect((await dataError(() => loadMarket(folder, { cacheDir: false }))).message).toBe(`${delistings}:2: ${early('LastDate', '1024-01-03', 'correct the year: breadth reads dates from 1800-01-01 on')}`);
    // The period asked of a load.
    await expect(loadMarket(join(folder, 'etf'), { cacheDir: false, from: '0024-01-02' })).rejects.toThrow('from "0024-01-02" is not a market date: year 0024 is before 1800 — write the full year, e.g. 2024-01-02');
  });

  it('corrupt gzip: damaged and truncated, streamed and read whole', async () => {
    const good = gzipSync(Buffer.from(csv('Ticker,Date,AdjClose', ...Array.from({ length: 2000 }, (_, k) => `T${k},2020-01-02,${k + 1}`))));
    const truncated = join(dir, 'truncated.csv.gz');
    writeFileSync(truncated, good.subarray(0, good.length - 20));
    const damaged = join(dir, 'damaged.csv.gz');
    const bytes = Buffer.from(good);
    bytes.fill(0x55, 20, 60);
    writeFileSync(damaged, bytes);
    for (const file of [truncated, damaged]) {
      const streamed = await dataError(() => loadLong(file));
      expect(streamed.message).toMatch(/corrupt gzip/);
    }
    const whole = await dataError(() => readCsvRecords(damaged));
    expect(whole.message).toMatch(/corrupt gzip/);
  });

  it('AdjClose blank on some rows only', async () => {
    const e = await dataError(() =>
      loadSymbolFile(writeFile(dir, 'HALF.csv', csv('Date,Open,High,Low,Close,AdjClose,Volume', '2020-01-02,1,1,1,1,1,5', '2020-01-03,1,1,1,1,,5'))),
    );
    expect(e.line).toBe(3);
  });

  it('a binary file under a .csv name, a symbolic link loop, a folder with only a symbols.csv: each said for what it is', async () => {
    const bin = tempDir();
    writeFileSync(join(bin, 'AAA.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]));
    expect((await dataError(() => loadMarket(bin, { cacheDir: false }))).message).toBe(`${join(bin, 'AAA.csv')}: is not text: it holds NUL bytes (a binary file, e.g. a spreadsheet saved as .xlsx) — export the data as CSV text, or point at the CSV file`);
    // The same bytes named .zip are an archive to unpack, not a spreadsheet to export (probe r45c F4).
    writeFileSync(join(bin, 'prices.zip'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]));
    expect((await dataError(() => loadMarket(join(bin, 'prices.zip'), { cacheDir: false }))).message).toBe(`${join(bin, 'prices.zip')}: is a zip archive, not CSV text — unzip it and point at the folder or file inside (\`unzip prices.zip\`)`);
    const loop = tempDir();
    symlinkSync(join(loop, 'B.csv'), join(loop, 'A.csv'));
    symlinkSync(join(loop, 'A.csv'), join(loop, 'B.csv'));
    expect((await dataError(() => loadMarket(join(loop, 'A.csv'), { cacheDir: false }))).message).toBe(`${join(loop, 'A.csv')}: a symbolic link that leads back to itself — point the link (or the path) at the file itself`);
    const only = tempDir();
    writeFile(only, 'symbols.csv', csv('symbol,asset class', 'AAA,stock'));
    expect((await dataError(() => loadMarket(only, { cacheDir: false }))).message).toMatch(/no price files \(\*\.csv, \*\.tsv, \*\.csv\.gz or \*\.tsv\.gz\) in this folder \(symbols\.csv says what the symbols are; their prices go beside it\)/);
  });

  it('a folder of price folders names those that hold price files, three at most (probe r67c F2: etf/ of adjclose/ and ohlcv/ said only "point at a folder of <SYMBOL>.csv")', async () => {
    const head = 'no price files (*.csv, *.tsv, *.csv.gz or *.tsv.gz) in this folder';
    const parent = (...folders: string[]): string => {
      const dir = tempDir();
      for (const folder of folders) writeFile(join(dir, folder), 'IWM.csv', csv('Date,Close', '2024-01-02,199.52'));
      writeFile(join(dir, 'notes'), 'README.md', 'no prices\n'); // a subfolder without price files is not named
      return dir;
    };
    const refusal = async (dir: string): Promise<string> => (await dataError(() => loadMarket(dir, { cacheDir: false }))).message;
    const one = parent('adjclose');
    expect(await refusal(one)).toBe(`${one}: ${head} — its subfolder adjclose/ holds price files: point at it (${one}/adjclose)`);
    const two = parent('ohlcv', 'adjclose');
    expect(await refusal(two)).toBe(`${two}: ${head} — its subfolders adjclose/ and ohlcv/ hold price files: point at one of them (e.g. ${two}/adjclose)`);
    const five = parent('a', 'b', 'c', 'd', 'e');
    expect(await refusal(five)).toBe(`${five}: ${head} — its subfolders a/, b/, c/ and 2 more hold price files: point at one of them (e.g. ${five}/a)`);
  });

  it('a delistings.csv beside per-symbol price files: said what it is and where it is read, not "not a price file"', async () => {
    const folder = tempDir();
    writeFile(folder, 'AAA.csv', csv('Date,AdjClose', '2020-01-02,1', '2020-01-03,1'));
    writeFile(folder, 'delistings.csv', csv('Ticker,LastDate,DelistReturn', 'AAA,2020-01-02,-0.5'));
    const e = await dataError(() => loadMarket(folder, { cacheDir: false }));
    expect(e.message).toBe(`${join(folder, 'delistings.csv')}: is a delistings file beside price files: breadth reads delistings.csv only in a data folder (beside etf/ or universe/) — give the dates in a symbols.csv beside the prices instead (symbol, delisting date, delisting return columns), or move the price files into etf/`);
  });

  it('a symbol loaded twice, an unknown symbol, a bad date option', async () => {
    const folder = tempDir();
    writeFile(folder, 'etf/SPY.csv', csv('Date,AdjClose', '2020-01-02,1'));
    writeFile(folder, 'prices.csv', csv('Ticker,Date,AdjClose', 'SPY,2020-01-02,1'));
    const twice = await dataError(() => loadMarket(folder, { cacheDir: false }));
    expect(twice.message).toMatch(/symbol SPY is also loaded from/);
    await expect(loadMarket(join(folder, 'etf'), { cacheDir: false, symbols: ['QQQ'] })).rejects.toThrow(UserError);
    await expect(loadMarket(join(folder, 'etf'), { cacheDir: false, from: '2020-13-01' })).rejects.toThrow(/not a date/);
  });
});

describe('BOM and CRLF simply work', () => {
  it('reads a BOM + CRLF file, plain and gzipped, like a clean one', async () => {
    const dir = tempDir();
    const clean = await loadSymbolFile(writeFile(dir, 'X.csv', csv('Date,AdjClose', '2020-01-02,1.5', '2020-01-03,2.25')));
    const messy = '\uFEFFDate,AdjClose\r\n2020-01-02,1.5\r\n2020-01-03,2.25'; // no final newline either
    const bom = await loadSymbolFile(writeFile(join(dir, 'bom'), 'X.csv', messy));
    const bomGz = await loadLong(writeFile(dir, 'long.csv.gz', '\uFEFFTicker,Date,AdjClose\r\nX,2020-01-02,1.5\r\nX,2020-01-03,2.25\r\n'));
    for (const loaded of [bom, bomGz]) {
      expect(Array.from(loaded.series[0].close)).toEqual(Array.from(clean.series[0].close));
      expect(Array.from(loaded.series[0].dates)).toEqual(Array.from(clean.series[0].dates));
    }
    const fred = loadRateSeries(writeFile(dir, 'DTB3_daily.csv', '\uFEFF"Date","TB3MS"\r\n2020-01-01,1.5\r\n'));
    expect(fred.series.values[0]).toBe(0.015);
  });
});
