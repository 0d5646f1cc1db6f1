// yfinance's yf.download of several tickers (probe r27c finding 3): its header's first row repeats
// each field once per ticker, and was refused as "columns Adj Close and Adj Close both read as
// adjClose … keep one of them", advice that throws symbols away. It is named as what it is, with
// the two ways to write it that breadth reads; the long file the advice gives loads.

import { describe, expect, it } from 'vitest';
import { csv, load, refusal, tempDir, writeFile } from './fixtures.ts';

const SAVE_EACH = 'save one file per ticker (yf.download(ticker).droplevel("Ticker", axis=1).to_csv(f"{ticker}.csv")), or one long file:';

describe("yf.download's multi-row header", () => {
  it('several tickers, fields by column (the default): refused in one line naming the layout and the fix', async () => {
    const file = writeFile(tempDir(), 'prices.csv', csv('Price,Close,Close,Volume,Volume', 'Ticker,AAA,BBB,AAA,BBB', 'Date,,,,', '2024-01-02,10,20,100,200'));
    expect(await refusal(file)).toBe(
      `${file}:1: the header "Price,Close,Close,Volume,Volume" is yfinance's yf.download of several tickers (Price,… then Ticker,… then Date,,,…: a column per field and ticker), which breadth does not read — ${SAVE_EACH} df.stack(level=1).reset_index().to_csv("prices.csv", index=False)`,
    );
  });

  it("group_by='ticker' (Ticker,… then Price,…): the ticker is level 0", async () => {
    const file = writeFile(tempDir(), 'prices.csv', csv('Ticker,AAA,AAA,BBB,BBB', 'Price,Close,Volume,Close,Volume', 'Date,,,,', '2024-01-02,10,100,20,200'));
    expect(await refusal(file)).toMatch(/prices\.csv:1: the header "Ticker,AAA,AAA,BBB,BBB" is yfinance's yf\.download of several tickers \(Ticker,… then Price,… then Date,,,…, as group_by='ticker' writes it: a column per field and ticker\), .* df\.stack\(level=0\)\.reset_index\(\)/);
  });

  it('a long header is shown by its first 60 characters', async () => {
    const header = `Price,${['Adj Close', 'Close', 'Dividends', 'High'].flatMap((f) => [f, f, f]).join(',')}`;
    const message = await refusal(writeFile(tempDir(), 'prices.csv', csv(header, 'Ticker,A,B,C,A,B,C,A,B,C,A,B,C', 'Date,,,,,,,,,,,,', '2024-01-02,1,1,1,1,1,1,0,0,0,1,1,1')));
    expect(message).toContain(`the header "${header.slice(0, 60)}…" is yfinance's`);
  });

  it('one ticker keeps its own fix (delete rows 2 and 3)', async () => {
    const file = writeFile(tempDir(), 'AAA.csv', csv('Price,Close,Volume', 'Ticker,AAA,AAA', 'Date,,', '2024-01-02,1,2'));
    expect(await refusal(file)).toBe(`${file}:1: the header "Price,Close,Volume" is yfinance's multi-row header (Price,… then Ticker,… then Date,,,…) — delete rows 2 and 3 and rename Price to Date`);
  });

  it('the long file the fix writes (Date, Ticker, then the fields) loads each ticker', async () => {
    // What df.stack(level=1).reset_index() makes of the first test's file, with a second date.
    const file = writeFile(tempDir(), 'prices.csv', csv('Date,Ticker,Close,Volume', '2024-01-02,AAA,10,100', '2024-01-02,BBB,20,200', '2024-01-03,AAA,11,100', '2024-01-03,BBB,21,200'));
    const m = await load(file);
    expect(m.symbols).toEqual(['AAA', 'BBB']);
    // Session-major: [AAA, BBB] on 01-02, then on 01-03.
    expect(Array.from(m.close)).toEqual([10, 20, 11, 21]);
  });
});
