// yfinance's yf.download(...).to_csv() (its default since 0.2.48, one ticker or several): a header
// of two or three rows, a column per field and ticker. It was refused (probe r65a); it is read, in
// every orientation yfinance writes, with the prices of the same data as plain per-symbol files
// (the shared cases' plain-ohlcv: IWM and SPY, 12 sessions).

import { describe, expect, it } from 'vitest';
import type { Market } from '../../data/market.ts';
import { csv, load, refusal, tempDir, writeFile } from './fixtures.ts';
import { hasPlainCase, plainCase, plainCsv, yfinanceCsv, type Layout } from './yfinanceLayouts.ts';

/** What a market holds of its prices: symbols, sessions and every bar (NaN kept by Array.from). */
const pricesOf = (m: Market) => ({
  symbols: m.symbols,
  dates: Array.from(m.dates),
  close: Array.from(m.close),
  open: Array.from(m.open!),
  high: Array.from(m.high!),
  low: Array.from(m.low!),
  volume: Array.from(m.volume),
});

describe.skipIf(!hasPlainCase)("yf.download's multi-row header is read", () => {
  it.each<[string, Layout]>([
    ['fields by column (the default: Price, Ticker, Date rows)', {}],
    ["group_by='ticker' (Ticker, Price, Date rows)", { groupBy: 'ticker' }],
    ['two rows (an index with no name: no Date row)', { indexRow: false }],
    ["group_by='ticker', two rows", { groupBy: 'ticker', indexRow: false }],
    ['unnamed levels (yfinance before 0.2.33: ,Close,… then ,IWM,…)', { named: false }],
  ])('several tickers, %s: the plain files\' prices, one symbol per ticker', async (_, layout) => {
    const file = writeFile(tempDir(), 'prices.csv', yfinanceCsv(['IWM', 'SPY'], layout));
    const m = await load(file);
    expect(pricesOf(m)).toEqual(pricesOf(await load(plainCase)));
    // Hand-checked against the case: IWM's 01-02 close 199.52, SPY's 01-18 open.
    expect(m.close[0]).toBe(199.52);
    expect(m.symbols).toEqual(['IWM', 'SPY']);
  });

  it('one ticker per file (Price, Ticker, Date rows), both orientations: a per-symbol file named by its file', async () => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', yfinanceCsv(['IWM']));
    writeFile(dir, 'SPY.csv', yfinanceCsv(['SPY'], { groupBy: 'ticker' }));
    const m = await load(dir);
    expect(pricesOf(m)).toEqual(pricesOf(await load(plainCase)));
    expect(m.sources[0].format).toBe('csv per symbol: Date,Adj Close,High,Low,Open,Volume');
    expect(m.sources[0].notes).toContain("yfinance multi-row header, 1 ticker (Price,… then Ticker,… then Date,,,…): read as Date,Adj Close,High,Low,Open,Volume, the ticker row naming the file's symbol; no Adj Close: its Close is adjusted for dividends and splits (auto_adjust=True, yfinance's default), read as Adj Close");
    // auto_adjust=True's Close includes the dividends: a total-return price, never "dividends are MISSING" (probe r66a F1).
    expect(m.sources[0].notes).toContain('AdjClose only: prices are total-return (dividends reinvested), no separate dividend events');
    expect(m.sources[0].notes.join(' ')).not.toContain('MISSING');
  });

  it('the same as the long file df.stack().reset_index() writes, and said so with the columns read and ignored', async () => {
    const file = writeFile(tempDir(), 'prices.csv', yfinanceCsv(['IWM', 'SPY'], { extra: [['Repaired?', 'False']] }));
    const m = await load(file);
    const long = ['Date,Ticker,Close,High,Low,Open,Volume'];
    for (const date of ['2024-01-02', '2024-01-03']) for (const t of ['IWM', 'SPY']) long.push(`${date},${t},${plainCsv(t).split('\n').find((l) => l.startsWith(date))!.split(',').slice(1).join(',')}`);
    expect(m.sources[0].columns).toEqual({ used: ['Date', 'Ticker', 'Adj Close', 'High', 'Low', 'Open', 'Volume'], ignored: ['Repaired?'] });
    expect(m.sources[0].notes).toContain(
      'yfinance multi-row header, 2 tickers (IWM, SPY; Price,… then Ticker,… then Date,,,…: a column per field and ticker): read as a long file Date,Ticker,Adj Close,High,Low,Open,Volume,Repaired?; no Adj Close: its Close is adjusted for dividends and splits (auto_adjust=True, yfinance\'s default), read as Adj Close',
    );
    expect(m.sources[0].notes).toContain('columns ignored: Repaired?');
    expect(pricesOf(m)).toEqual(pricesOf(await load(plainCase)));
  });

  it('a ticker that starts later (its cells empty) has no bar on those dates; a row where every ticker is empty is skipped', async () => {
    const late = ['2024-01-02', '2024-01-03'];
    const dir = tempDir();
    const text = yfinanceCsv(['IWM', 'SPY'], { noBar: { SPY: late } });
    // A date with every cell empty, between 01-12 and 01-16 (as for a holiday of another market).
    const ragged = text.replace(/^(2024-01-16,)/m, `2024-01-15${',' .repeat(10)}\n$1`);
    const file = writeFile(dir, 'yf/prices.csv', ragged);
    writeFile(dir, 'plain/IWM.csv', plainCsv('IWM'));
    writeFile(dir, 'plain/SPY.csv', plainCsv('SPY', late));
    const m = await load(file);
    expect(pricesOf(m)).toEqual(pricesOf(await load(`${dir}/plain`)));
    // 12 sessions (01-15 is none); SPY's first close is on 01-04, its third session.
    expect(m.dates.length).toBe(12);
    expect([m.close[1], m.close[3]]).toEqual([NaN, NaN]);
    expect(m.close[5]).toBe(467.28);
    expect(m.sources[0].notes.find((n) => n.startsWith('yfinance'))).toMatch(/; every cell empty \(no bar that date, left out\): SPY on 3 dates, IWM on 1 date$/);
  });
});

describe("yf.download's header refused", () => {
  it("one ticker in a file named after another: refused naming file, both names and the rename", async () => {
    const file = writeFile(tempDir(), 'SPY.csv', csv('Price,Close,Volume', 'Ticker,IWM,IWM', 'Date,,', '2024-01-02,199.52,44341500'));
    expect(await refusal(file)).toBe(`${file}:2: yfinance's Ticker row names IWM, but a per-symbol file's symbol is its file name: SPY — rename the file IWM.csv (or save SPY's download as SPY.csv)`);
  });

  it('a Price row with no Ticker row under it (rows 2 and 3 deleted, Price kept)', async () => {
    const file = writeFile(tempDir(), 'AAA.csv', csv('Price,Close,Volume', '2024-01-02,1,2'));
    expect(await refusal(file)).toMatch(/AAA\.csv:2: the header's first row "Price,Close,Volume" is yfinance's Price row \(Price,… then Ticker,…\), but the next line is not its Ticker row — rename Price to Date/);
  });

  it('a row of another width is refused at its line', async () => {
    const file = writeFile(tempDir(), 'prices.csv', csv('Price,Close,Close', 'Ticker,AAA,BBB', 'Date,,', '2024-01-02,10,20', '2024-01-03,11'));
    expect(await refusal(file)).toMatch(/prices\.csv:5: expected 3 fields, found 2/);
  });

  it('the long file (Date, Ticker, then the fields) loads each ticker', async () => {
    const file = writeFile(tempDir(), 'prices.csv', csv('Date,Ticker,Close,Volume', '2024-01-02,AAA,10,100', '2024-01-02,BBB,20,200', '2024-01-03,AAA,11,100', '2024-01-03,BBB,21,200'));
    const m = await load(file);
    expect(m.symbols).toEqual(['AAA', 'BBB']);
    // Session-major: [AAA, BBB] on 01-02, then on 01-03.
    expect(Array.from(m.close)).toEqual([10, 20, 11, 21]);
  });
});
