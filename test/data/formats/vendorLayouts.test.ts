// The layouts vendors write, read as they mean: Tiingo's and Quandl's adjusted bar, Investing.com's
// Price and 41.76M volumes, Nasdaq.com's $ prices and month/day dates, yfinance's stacked download
// with a late ticker, a Close left empty beside Adj Close; and the one-line refusals of what
// cannot be read (an adjusted bar that breaks itself, two spellings of a symbol, intraday Stooq
// bars, epoch and Excel serial dates, Stooq's .txt names). Expected values are written by hand.

import { isoDay } from '../../../data/dates.ts';
import { describe, expect, it } from 'vitest';
import { parseDateText, slashedDateOrder } from '../../../data/formats/fields.ts';
import type { Market } from '../../../data/market.ts';
import { csv, load, refusal, tempDir, writeFile } from '../fixtures.ts';


const notes = (m: Market): string[] => m.sources.flatMap((s) => s.notes);

describe('the adjusted bar (Tiingo adjOpen…, Quandl Adj. Open…)', () => {
  it('an AdjClose-only file trades its adjusted bar: adjOpen is the open, adjVolume the volume', async () => {
    const file = writeFile(tempDir(), 'IWM.csv', csv('date,adjClose,adjHigh,adjLow,adjOpen,adjVolume', '2024-01-02,199.52,201.62,198.44,199.4,44341500', '2024-01-03,194.2,197.67,193.78,197.4,57532500'));
    const m = await load(file);
    expect(Array.from(m.open!)).toEqual([199.4, 197.4]);
    expect(Array.from(m.high!)).toEqual([201.62, 197.67]);
    expect(Array.from(m.low!)).toEqual([198.44, 193.78]);
    expect(Array.from(m.close)).toEqual([199.52, 194.2]);
    expect(Array.from(m.volume)).toEqual([44341500, 57532500]);
    expect(notes(m).some((n) => /no opening prices/.test(n))).toBe(false);
    expect(notes(m)).toContain('no Close: AdjClose is the price, and adjOpen, adjHigh, adjLow, adjVolume are its bar (used for fills and checks in place of any raw column)');
  });

  it('with no Close, an adjusted column stands in for its raw one (the raw one is ignored)', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Open,Adj Open,Adj Close', '2024-01-02,50,10,10.5'));
    const m = await load(file);
    expect(Array.from(m.open!)).toEqual([10]);
    expect(m.sources[0].columns).toEqual({ used: ['Date', 'Adj Open', 'Adj Close'], ignored: ['Open'] });
  });

  it('beside a raw bar, trades use the raw Open and Close; the adjusted bar is only checked', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('date,close,high,low,open,volume,adjClose,adjHigh,adjLow,adjOpen,adjVolume', '2024-01-02,100,101,99,99.5,1000,50,50.5,49.5,49.75,2000'));
    const m = await load(file);
    expect([m.open![0], m.close[0], m.volume[0]]).toEqual([99.5, 100, 1000]);
    expect(m.sources[0].columns!.ignored).toEqual(['adjVolume']);
    expect(notes(m)).toContain('adjOpen, adjHigh, adjLow checked as a bar against AdjClose only: trades use the raw Open/High/Low and Close');
  });

  it.each([
    ['raw and adjusted (tiingo-badadj-2rows)', 'date,close,high,low,open,adjClose,adjHigh,adjLow,adjOpen', '2024-01-11,193.55,194.74,191.3,194.5,203.23,194.74,191.3,194.5', 'adjClose 203.23 is above adjHigh 194.74 on 2024-01-11', 'adjOpen'],
    ['adjusted only (tiingo-adjonly-bad)', 'date,adjClose,adjHigh,adjLow,adjOpen', '2024-01-11,205,194.74,191.3,194.5', 'adjClose 205 is above adjHigh 194.74 on 2024-01-11', 'adjOpen'],
    ['adjusted Open below Low', 'date,close,adjClose,adjHigh,adjLow,adjOpen', '2024-01-11,10,10,11,9,8', 'adjOpen 8 is below adjLow 9 on 2024-01-11', 'adjOpen'],
  ])('an adjusted bar that cannot be true is refused at its line, in the header\'s names: %s', async (_, header, row, problem, open) => {
    // A column the header lacks (adjOpen) goes by its usual name in the fix.
    const file = writeFile(tempDir(), 'IWM.csv', csv(header, row));
    expect(await refusal(file)).toBe(`${file}:2: ${problem} — a bar's ${open} and adjClose lie within [adjLow, adjHigh] (the vendor's adjusted prices disagree with each other); correct the row or remove it`);
  });

  it('an adjusted High below its Low: the fix is about adjHigh and adjLow', async () => {
    const file = writeFile(tempDir(), 'IWM.csv', csv('date,close,adjClose,adjHigh,adjLow', '2024-01-11,10,10,9,11'));
    expect(await refusal(file)).toBe(`${file}:2: adjHigh 9 is below adjLow 11 on 2024-01-11 — a bar's adjHigh is its highest price and adjLow its lowest, so adjHigh ≥ adjLow (are the two columns swapped?) (the vendor's adjusted prices disagree with each other); correct the row or remove it`);
  });
});

describe('Close empty on every row beside Adj Close', () => {
  it('reads as an AdjClose-only file, its Open/High/Low checked against AdjClose', async () => {
    const dir = tempDir();
    const m = await load(writeFile(dir, 'X.csv', csv('Date,Open,High,Low,Close,Adj Close', '2024-01-02,199.4,201.62,198.44,,199.52', '2024-01-03,197.4,197.67,193.78,,194.2')));
    expect(Array.from(m.close)).toEqual([199.52, 194.2]);
    expect(Array.from(m.open!)).toEqual([199.4, 197.4]);
    expect(notes(m)).toContain('Close is empty on every row: read as absent');
    const bad = writeFile(dir, 'Y.csv', csv('Date,Open,High,Low,Close,Adj Close', '2024-01-02,10,11,9,,12'));
    expect(await refusal(bad)).toBe(`${bad}:2: Adj Close 12 is above High 11 on 2024-01-02 (the only row of 1 where Adj Close is outside [Low, High]) — a bar's Open and Adj Close lie within [Low, High]; correct the bar or remove the row`);
  });

  it('a Close filled on some rows only is refused at the first empty one; with no Adj Close, the hint does not offer leaving it empty', async () => {
    const dir = tempDir();
    const some = writeFile(dir, 'X.csv', csv('Date,Close,Adj Close', '2024-01-02,,1', '2024-01-03,2,2'));
    expect(await refusal(some)).toBe(`${some}:2: Close is empty — fill in the price or remove the row (or leave Close empty on every row: Adj Close is then the price)`);
    const alone = writeFile(dir, 'Y.csv', csv('Date,Close', '2024-01-02,'));
    expect(await refusal(alone)).toBe(`${alone}:2: Close is empty — fill in the price or remove the row`);
  });
});

describe('long files', () => {
  it("yfinance's stacked download: rows with no price before a late ticker's first trade are skipped and said", async () => {
    const file = writeFile(
      tempDir(),
      'prices.csv',
      csv('Date,Ticker,Adj Close,Close,High,Low,Open,Volume', '2024-01-02,AAA,10,10,11,9,10,100', '2024-01-02,BBB,,,,,,', '2024-01-03,AAA,11,11,12,10,11,100', '2024-01-03,BBB,20,20,21,19,20,50'),
    );
    const m = await load(file);
    expect(m.symbols).toEqual(['AAA', 'BBB']);
    expect(Array.from(m.close)).toEqual([10, NaN, 11, 20]);
    expect(notes(m)).toContain("1 row with a ticker and a date but no price (as yfinance's stacked download writes them where a ticker has no trade) skipped: BBB");
  });

  it('a row with no price whose Stock Splits is 1 (yfinance: no split) is a priceless row, skipped, not an action to move', async () => {
    const file = writeFile(tempDir(), 'prices.csv', csv('Ticker,Date,Close,Stock Splits', 'AAA,2024-01-05,10,0', 'AAA,2024-01-06,,1', 'AAA,2024-01-08,11,0'));
    const m = await load(file);
    expect(Array.from(m.close)).toEqual([10, 11]);
    expect(notes(m)).toContain("1 row with a ticker and a date but no price (as yfinance's stacked download writes them where a ticker has no trade) skipped: AAA");
  });

  it('two spellings of a symbol in one file are refused at the second, naming both', async () => {
    const file = writeFile(tempDir(), 'prices.csv.gz', csv('Date,Symbol,Close', '2024-01-02,AAA,1', '2024-01-02,Bbb,2', '2024-01-03,BBB,2'));
    expect(await refusal(file)).toBe(`${file}:4: ticker "BBB" is "Bbb" (line 3) in another case; symbols are case-sensitive, so they would load as two symbols — write one spelling of the symbol on every row (e.g. BBB)`);
  });

  it('per-symbol files bbb.csv and BBB.csv are refused naming both files', async () => {
    const dir = tempDir();
    writeFile(dir, 'BBB.csv', csv('Date,Close', '2024-01-02,1'));
    writeFile(dir, 'bbb.csv', csv('Date,Close', '2024-01-03,1'));
    expect(await refusal(dir)).toMatch(/bbb\.csv: symbol bbb is BBB \(from .*BBB\.csv\) in another case; symbols are case-sensitive, so they would load as two symbols — spell the symbol one way in both/);
  });
});

describe('Investing.com and Nasdaq.com', () => {
  it("Investing.com: Price beside Open/High/Low is the close; 41.76M is 41,760,000 shares; 01/18/2024 is month/day", async () => {
    const file = writeFile(
      tempDir(),
      'IWM.csv',
      csv('"Date","Price","Open","High","Low","Vol.","Change %"', '"01/18/2024","190.60","190.71","191.17","188.21","41.76M","0.59%"', '"01/17/2024","189.48","188.13","189.93","187.53","1.5K","-0.71%"'),
    );
    const m = await load(file);
    expect(Array.from(m.dates, (d) => d)).toEqual([19739, 19740]); // 2024-01-17, 2024-01-18 as epoch days
    expect(Array.from(m.close)).toEqual([189.48, 190.6]);
    expect(Array.from(m.volume)).toEqual([1500, 41_760_000]);
    expect(notes(m)).toContain("Price read as the close (Investing.com's layout: Price beside Open, High and Low, no Close column)");
  });

  it('Investing.com\'s older "Jan 16, 2024" dates: the month\'s name says which number is the day', async () => {
    // Epoch days: 2024-01-16 is 19738, 2024-02-29 is 19782; 30 February is no date.
    expect([parseDateText('Jan 16, 2024'), parseDateText('feb 29, 2024'), parseDateText('Jan 2, 2024')]).toEqual([19738, 19782, 19724]);
    expect([parseDateText('Feb 30, 2024'), parseDateText('Jan 16 2024'), parseDateText('Jnu 16, 2024')].every(Number.isNaN)).toBe(true);
    // Whole names and Sept (probe r29b): 2024-09-06 is epoch day 19972, 2024-01-12 19734, 2024-03-05 19787.
    expect([parseDateText('Sept 6, 2024'), parseDateText('September 6, 2024'), parseDateText('Sep. 6, 2024'), parseDateText('January 12, 2024'), parseDateText('march 5, 2024')]).toEqual([19972, 19972, 19972, 19734, 19787]);
    expect([parseDateText('Septx 6, 2024'), parseDateText('Ju 6, 2024'), parseDateText('Mayo 6, 2024')].every(Number.isNaN)).toBe(true);
    const file = writeFile(tempDir(), 'X.csv', csv('"Date","Price","Open","High","Low","Vol.","Change %"', '"Jan 16, 2024","1,800.00","1,740.00","1,815.00","1,725.00","1.00M","3.45%"', '"Jan 12, 2024","1,740.00","1,710.00","1,755.00","1,695.00","2.00M","1.75%"'));
    const m = await load(file);
    expect(Array.from(m.dates)).toEqual([19734, 19738]); // 2024-01-12, 2024-01-16
    expect(Array.from(m.close)).toEqual([1740, 1800]);
    expect(Array.from(m.volume)).toEqual([2_000_000, 1_000_000]);
  });

  it('Price is not the close without Open/High/Low, nor beside a Close', async () => {
    const dir = tempDir();
    expect(await refusal(writeFile(dir, 'X.csv', csv('Date,Price', '2024-01-02,1')))).toMatch(/has no close column/);
    const m = await load(writeFile(dir, 'Y.csv', csv('Date,Price,Open,High,Low,Close', '2024-01-02,5,1,2,1,1.5')));
    expect(m.close[0]).toBe(1.5);
  });

  it('Nasdaq.com: $ prices read; month/day/year read when a day above 12 shows the order', async () => {
    const file = writeFile(tempDir(), 'IWM.csv', csv('Date,Close/Last,Volume,Open,High,Low', '01/18/2024,$190.60,41760000,$190.71,$191.17,$188.21', '01/02/2024,$199.52,44341500,$199.40,$201.62,$198.44'));
    const m = await load(file);
    expect(Array.from(m.dates)).toEqual([19724, 19740]); // 2024-01-02, 2024-01-18
    expect(Array.from(m.open!)).toEqual([199.4, 190.71]);
    expect(notes(m)).toContain('prices written with a $ sign (Nasdaq.com): read without it');
  });

  it('Nasdaq.com: its Close/Last layout is month/day/year even where no day passes 12 (probe r29b: a download of Jan 2–12 was refused as ambiguous)', async () => {
    const file = writeFile(tempDir(), 'IWM.csv', csv('Date,Close/Last,Volume,Open,High,Low', '01/10/2024,"$1,210.00","1,000","$1,200.00","$1,215.00","$1,190.00"', '01/05/2024,$190.60,41760000,$190.71,$191.17,$188.21'));
    const m = await load(file);
    expect(Array.from(m.dates, isoDay)).toEqual(['2024-01-05', '2024-01-10']);
    expect(Array.from(m.close)).toEqual([190.6, 1210]);
    expect(notes(m)).toContain("dates read as month/day/year: Nasdaq.com's layout (a Close/Last column) writes month/day/year");
  });

  it('an accounting negative, ($12.50), is refused as the negative it is, not as "not a number" with advice that drops its sign (probe r29b)', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close/Last,Volume,Open,High,Low', '01/18/2024,($12.50),1000,$12.00,$12.60,$11.90'));
    expect(await refusal(file)).toMatch(/X\.csv:2: Close\/Last "\(\$12\.50\)" is a negative amount in accounting parentheses \(-12\.50\) — prices must be positive and volumes non-negative: correct the value or remove the row/);
  });

  it('the first two rows swapped: all three first dates are named, not the correct third row (probe r35b)', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', '2024-01-03,1', '2024-01-02,1', '2024-01-04,1', '2024-01-05,1'));
    expect(await refusal(file)).toMatch(/X\.csv:3: the first dates run both ways: 2024-01-03 \(line 2\), 2024-01-02 \(line 3\), 2024-01-04 \(line 4\) — dates must run one way/);
    // A swap further in still names the row that breaks the direction its first rows set.
    const later = writeFile(tempDir(), 'Y.csv', csv('Date,Close', '2024-01-02,1', '2024-01-03,1', '2024-01-05,1', '2024-01-04,1'));
    expect(await refusal(later)).toMatch(/Y\.csv:5: date 2024-01-04 comes after 2024-01-05 in rows sorted oldest first \(line 4\)/);
  });

  it('a file whose every date is ambiguous stays refused (01/02/2024)', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', '01/02/2024,1', '01/03/2024,1'));
    expect(await refusal(file)).toMatch(/X\.csv:2: Date "01\/02\/2024" is ambiguous \(day\/month or month\/day\?\)/);
  });

  it('slashedDateOrder: one order, shown by a number above 12 in one place only', () => {
    expect(slashedDateOrder('Date\n01/18/2024\n01/02/2024\n')).toBe('monthFirst');
    expect(slashedDateOrder('Date\n18.01.2024\n02.01.2024\n')).toBe('dayFirst');
    expect(slashedDateOrder('Date\n01/02/2024\n')).toBeUndefined();
    expect(slashedDateOrder('Date\n18/01/2024\n01/18/2024\n')).toBeUndefined();
  });

  it('a volume with another suffix is not a number', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close,Volume', '2024-01-02,1,4T'));
    expect(await refusal(file)).toMatch(/X\.csv:2: Volume is not a number \("4T"\)/);
  });
});

describe('Stooq, Polygon and Excel: what is refused says what it is', () => {
  it('intraday bars (<PER> 60, or a <TIME> other than 000000) are refused as such; daily ones read', async () => {
    const dir = tempDir();
    const header = '<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>';
    const hourly = writeFile(dir, 'a/iwm.us.csv', csv(header, 'IWM.US,60,20240102,160000,199.4,201.62,198.44,199.52,22170750,0'));
    expect(await refusal(hourly)).toBe(`${hourly}:2: intraday bars are not read: <PER> is 60 — breadth reads daily bars: download the daily series (Stooq: interval D, <TIME> 000000)`);
    const timed = writeFile(dir, 'b/iwm.us.csv', csv(header, 'IWM.US,D,20240102,153000,199.4,201.62,198.44,199.52,22170750,0'));
    expect(await refusal(timed)).toMatch(/:2: intraday bars are not read: <TIME> is 153000 —/);
    const daily = await load(writeFile(dir, 'c/iwm.us.csv', csv(header, 'IWM.US,D,20240102,000000,199.4,201.62,198.44,199.52,44341500,0')));
    expect(daily.close[0]).toBe(199.52);
  });

  it('.txt files: the folder and the file say to rename them .csv', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'iwm.us.txt', csv('<TICKER>,<PER>,<DATE>,<TIME>,<CLOSE>', 'IWM.US,D,20240102,000000,1'));
    expect(await refusal(dir)).toBe(`${dir}: no price files (*.csv, *.tsv, *.csv.gz or *.tsv.gz) in this folder — 1 .txt file is here: a .txt price file (as Stooq and Kaggle name theirs) is CSV text, so rename it to .csv`);
    expect(await refusal(file)).toMatch(/iwm\.us\.txt: not a price file name — .*rename this one iwm\.us\.csv/);
  });

  it('a UTF-16 .txt (Excel\'s "Unicode text") is said to be one, with the conversion to a .csv, before its name', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'IWM.txt', Buffer.from('\ufeffDate\tClose\n2024-01-02\t1\n', 'utf16le'));
    expect(await refusal(dir)).toBe(`${file}: the file is UTF-16 text (as Excel saves "Unicode text") — save it as UTF-8 (in Excel: CSV UTF-8; or \`iconv -f UTF-16 -t UTF-8 IWM.txt > IWM.csv\`)`);
  });

  it.each([
    // 1704171600000 ms / 86,400,000 = 19724.208 days: 2024-01-02 05:00 UTC.
    ['epoch milliseconds', '1704171600000', 'looks like Unix time in milliseconds (Polygon\'s t), 2024-01-02 UTC: convert it to that date'],
    ['epoch nanoseconds', '1704171600000000000', 'looks like Unix time in nanoseconds (Polygon flat files), 2024-01-02 UTC: convert it to that date'],
    ['epoch seconds', '1704171600', 'looks like Unix time in seconds, 2024-01-02 UTC: convert it to that date'],
    // Excel serial 45293 − 25569 (1970-01-01) = epoch day 19724.
    ['an Excel serial day', '45293', 'looks like an Excel serial day number (2024-01-02): format the column as yyyy-mm-dd in Excel before saving'],
  ])('%s', async (_, date, problem) => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', `${date},1`));
    expect(await refusal(file)).toMatch(new RegExp(`X\\.csv:2: Date "${date}" ${problem.replace(/[().]/g, '\\$&')} — write dates as YYYY-MM-DD .*e\\.g\\. 2024-01-02$`));
  });
});
