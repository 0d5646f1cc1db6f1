// The price files people actually have: thousands separators, padded fields, offsets on
// midnight, all-zero or all-empty columns, bars checked with what a file has, and the one-line
// refusals of what cannot be read. Expected values are written by hand beside each input; the
// property test holds the fast byte scanner and the csv-parse path to the same columns.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../../data/dates.ts';
import { parsePriceBytes } from '../../../data/prices/files/priceReader.ts';
import { symbolIndexes } from '../../../data/prices/select.ts';
import { csv, load, refusal, tempDir, writeFile } from '../fixtures.ts';


describe('thousands separators: the decimal mark is read from the numbers', () => {
  it.each([
    ['semicolon, decimal comma, volume grouped by points', csv('Date;Open;Close;Volume', '2024-01-02;199,4;199,52;443.415', '2024-01-03;197,4;194,2;1.575.325')],
    ['tab, decimal point, volume grouped by commas', csv('Date\tOpen\tClose\tVolume', '2024-01-02\t199.4\t199.52\t443,415', '2024-01-03\t197.4\t194.2\t1,575,325')],
    ['comma, quoted, grouped by commas', csv('Date,Open,Close,Volume', '2024-01-02,199.4,199.52,"443,415"', '2024-01-03,197.4,194.2,"1,575,325.0"')],
    ['semicolon, both marks in one number', csv('Date;Open;Close;Volume', '2024-01-02;199,4;199,52;443.415,0', '2024-01-03;197,4;194,2;1.575.325')],
  ])('%s', async (_, text) => {
    const m = await load(writeFile(tempDir(), 'X.csv', text));
    expect(Array.from(m.open!)).toEqual([199.4, 197.4]);
    expect(Array.from(m.close)).toEqual([199.52, 194.2]);
    expect(Array.from(m.volume)).toEqual([443415, 1575325]);
  });

  it('an ignored column does not decide the mark: a Note of 1.5 leaves 199,400 as 199.4 (the semicolon file\'s guess ",")', async () => {
    // By hand: 199,400 with "," as decimal mark is 199.4; read by "." it would be 199400.
    const m = await load(writeFile(tempDir(), 'X.csv', csv('Date;Open;Close;Note', '2024-01-02;199,400;199,520;1.5', '2024-01-03;197,400;194,200;1.5')));
    expect(Array.from(m.open!)).toEqual([199.4, 197.4]);
    expect(Array.from(m.close)).toEqual([199.52, 194.2]);
  });

  it('a mark that breaks the file\'s rule is one line naming file:line', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date;Close;Volume', '2024-01-02;199,52;100', '2024-01-03;194.20;100'));
    expect(await refusal(file)).toBe(
      `${file}:3: Close "194.20" does not fit this file's numbers, whose decimal mark is "," (as line 2's "199,52" shows) — write every number one way: "," before the decimals and "." only between groups of three digits (1.234.567,89), or no thousands separator`,
    );
  });
});

describe('bars are checked with the prices a file has', () => {
  it('High without Low, and Low without High', async () => {
    const dir = tempDir();
    const high = writeFile(dir, 'H.csv', csv('Date,Open,High,Close', '2024-01-02,10,11,10.5', '2024-01-03,10,10.2,10.4'));
    expect(await refusal(high)).toMatch(/H\.csv:3: Close 10\.4 is above High 10\.2 on 2024-01-03 — a bar's Open and Close lie within \[Low, High\]/);
    const low = writeFile(dir, 'L.csv', csv('Date,Open,Low,Close', '2024-01-02,10,9,10.5', '2024-01-03,8.5,9,10'));
    expect(await refusal(low)).toMatch(/L\.csv:3: Open 8\.5 is below Low 9 on 2024-01-03/);
  });

  it('Open/High/Low beside AdjClose and no Close are checked against AdjClose: off on one row, a bad bar', async () => {
    const file = writeFile(tempDir(), 'AAA.csv', csv('Date,Open,High,Low,Adj Close', '2024-01-02,100,101,99,50', '2024-01-03,100,101,99,100'));
    expect(await refusal(file)).toBe(`${file}:2: Adj Close 50 is below Low 99 on 2024-01-02 (the only row of 2 where Adj Close is outside [Low, High]) — a bar's Open and Adj Close lie within [Low, High]; correct the bar or remove the row`);
  });

  it('off on more rows than one: the columns are on two bases (judged on the file, named at the first row off)', async () => {
    // Rows 2 and 3 below Low (traded Low beside a dividend-adjusted close), row 4 inside: 2 of 3.
    const file = writeFile(tempDir(), 'AAA.csv', csv('Date,Open,High,Low,Adj Close', '2024-01-02,100,101,99,97', '2024-01-03,100,101,99,98', '2024-01-04,100,101,99,100'));
    expect(await refusal(file)).toBe(
      `${file}:2: Adj Close 97 is below Low 99 on 2024-01-02 (Adj Close is outside [Low, High] on 2 of 3 rows) — Open/High/Low must be on Adj Close's basis: add the raw Close column, or remove Open/High/Low (if they are on its basis, correct those rows)`,
    );
  });

  it('a bad bar in a long file names its ticker', async () => {
    const file = writeFile(tempDir(), 'prices.csv', csv('date,symbol,high,low,close', '2024-01-02,AAA,11,9,10', '2024-01-02,BBB,9,11,10'));
    expect(await refusal(file)).toMatch(/prices\.csv:3: high 9 is below low 11 on 2024-01-02 for BBB —/);
  });
});

describe('volume', () => {
  it('0 on every row of a symbol is unknown (said once); 0 before the first traded volume is unknown too, row by row; 0 after it stays no trade', async () => {
    const file = writeFile(
      tempDir(),
      'prices.csv',
      csv('date,symbol,close,volume', '2024-01-02,FUND,10,0', '2024-01-02,STK,20,0', '2024-01-03,FUND,11,0', '2024-01-03,STK,21,500', '2024-01-04,FUND,12,0', '2024-01-04,STK,22,0'),
    );
    const m = await load(file);
    expect(m.symbols).toEqual(['FUND', 'STK']);
    // STK's 0 of 01-02 comes before any traded volume: what it means cannot wait for 01-03's 500 (probe r37b: a file's later volumes decided whether its earlier bars traded).
    expect(Array.from(m.volume)).toEqual([NaN, NaN, NaN, 500, NaN, 0]);
    expect(m.sources[0].notes).toContain('volume is 0 on every row of FUND: read as unknown');
    expect(m.sources[0].notes).toContain('volume is 0 on the first rows of STK (1 row to 2024-01-02), before its first traded volume: read as unknown there (no participation limit, not a session without trades)');
  });
});

describe('dates and fields', () => {
  it('midnight with a UTC offset (yfinance) is that date; other times are refused saying the time', async () => {
    const dir = tempDir();
    const m = await load(writeFile(dir, 'D.csv', csv('Date,Close', '2024-01-02 00:00:00-05:00,1', '2024-01-03T00:00:00-05:00,2', '2024-01-04T00:00:00+0100,3')));
    expect(Array.from(m.dates, isoDay)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    const file = writeFile(dir, 'E.csv', csv('Date,Close', '2024-01-02T05:00:00Z,1'));
    expect(await refusal(file)).toMatch(/E\.csv:2: Date "2024-01-02T05:00:00Z" has a time of day \(05:00:00Z\); breadth reads daily bars/);
  });

  it('spaces around fields are trimmed (tickers too); a line of spaces is skipped', async () => {
    const dir = tempDir();
    const per = await load(writeFile(dir, 'a/X.csv', csv('Date, Open, Close', '2024-01-02, 10.5 , 11', '   ', '2024-01-03 ,10,12 ')));
    expect(Array.from(per.open!)).toEqual([10.5, 10]);
    expect(Array.from(per.close)).toEqual([11, 12]);
    expect(per.sources[0].notes.filter((n) => n.includes('blank'))).toEqual([]); // an empty line, as csv-parse reads it
    const long = await load(writeFile(dir, 'b/prices.csv', csv('date,symbol,close', '2024-01-02, IWM,1', '2024-01-03,IWM ,2')));
    expect(long.symbols).toEqual(['IWM']);
    expect(Array.from(long.close)).toEqual([1, 2]);
  });

  it('an Open column empty on every row is dropped with a note; empty on some rows is refused', async () => {
    const dir = tempDir();
    const m = await load(writeFile(dir, 'a/X.csv', csv('Date,Open,High,Low,Close', '2024-01-02,,11,9,10', '2024-01-03,,12,10,11')));
    expect(m.open).toBeUndefined();
    expect(m.sources[0].notes).toContain('Open is empty on every row: read as absent');
    const hole = writeFile(dir, 'b/X.csv', csv('Date,Open,Close', '2024-01-02,10,10', '2024-01-03,,11', '2024-01-04,12,12'));
    expect(await refusal(hole)).toBe(`${hole}:3: Open is empty — fill in the price or remove the row (or leave Open empty on every row, or on its earliest rows only, when it is not known)`);
    const twoRuns = writeFile(dir, 'c/X.csv', csv('Date,Open,Close', '2024-01-02,,10', '2024-01-03,11,11', '2024-01-04,,12'));
    expect(await refusal(twoRuns)).toMatch(/c\/X\.csv:4: Open is empty/);
    const last = writeFile(dir, 'd/X.csv', csv('Date,Open,Close', '2024-01-02,10,10', '2024-01-03,,11'));
    expect(await refusal(last)).toMatch(/d\/X\.csv:3: Open is empty/);
  });

  it('Open, High and Low empty on the earliest rows only (history from before the vendor kept the range): unknown there, said', async () => {
    const dir = tempDir();
    const note = 'opening or range prices empty on the first rows only: unknown there (a next-open fill uses that session\'s close; limit and stop orders see only the open and the close): X (Open, High, Low; 2 rows to 2024-01-03)';
    const rows = ['2024-01-02,,,,10', '2024-01-03,,,,11', '2024-01-04,12,13,11,12'];
    for (const [name, lines] of [['asc', rows], ['desc', [...rows].reverse()]] as const) {
      const m = await load(writeFile(dir, `${name}/X.csv`, csv('Date,Open,High,Low,Close', ...lines)));
      expect(Array.from(m.open!)).toEqual([NaN, NaN, 12]);
      expect(Array.from(m.high!)).toEqual([NaN, NaN, 13]);
      expect(m.sources[0].notes).toContain(note);
    }
    // Newest first, the earliest rows are the file's last: an empty on its first row is a hole.
    const newestEmpty = writeFile(dir, 'e/X.csv', csv('Date,Open,Close', '2024-01-04,,12', '2024-01-03,11,11', '2024-01-02,10,10'));
    expect(await refusal(newestEmpty)).toMatch(/e\/X\.csv:2: Open is empty/);
    // A long file judges each ticker on its own rows; quoting takes the general path.
    const long = await load(writeFile(dir, 'f/p.csv', csv('"Date","Ticker","Open","Close"', '2024-01-02,A,,10', '2024-01-02,B,20,20', '2024-01-03,A,11,11', '2024-01-03,B,21,21')));
    expect(Array.from(long.open!)).toEqual([NaN, 20, 11, 21]);
    const stray = writeFile(dir, 'g/p.csv', csv('Date,Ticker,Open,Close', '2024-01-02,A,10,10', '2024-01-02,B,,20', '2024-01-03,A,,11', '2024-01-03,B,21,21'));
    expect(await refusal(stray)).toMatch(/g\/p\.csv:4: Open is empty for A/);
  });
});

describe('one-line refusals that say what the file is', () => {
  it.each([
    ['day/month/year beside month/day/year (no one order)', csv('Date,Close', '16/01/2024,1', '01/18/2024,1'), /X\.csv:2: Date "16\/01\/2024" is day\/month\/year, which breadth does not read — write dates as YYYY-MM-DD .*e\.g\. 2024-01-16$/],
    ['month/day ambiguity', csv('Date,Close', '01/02/2024,1'), /X\.csv:2: Date "01\/02\/2024" is ambiguous \(day\/month or month\/day\?\)/],
    ['Yahoo null row', csv('Date,Open,Close', '2024-01-02,1,1', '2024-01-03,null,null'), /X\.csv:3: no price on this row \(Open is "null", a missing-value marker, and no other price is given: as Yahoo writes a day without trading\) — remove the row$/],
    ['digits grouped by a no-break space', csv('Date;Close', '2024-01-02;1\u00a0994,20'), /X\.csv:2: Close "1 994,20" groups its digits with a no-break space \(U\+00A0\), which breadth does not read as a thousands separator — remove the spaces from the numbers \(1994,20\), e\.g\. by saving without digit grouping$/],
    ['digits grouped by a space, decimal point', csv('Date,Close', '2024-01-02,1 994.20'), /X\.csv:2: Close "1 994\.20" groups its digits with a space, which breadth does not read as a thousands separator — remove the spaces from the numbers \(1994\.20\)/],
    ["Polygon's aggregates", csv('v,vw,o,c,h,l,t,n', '44341500,199.52,199.4,199.52,201.62,198.44,1704171600000,1000'), /X\.csv:1: the header "v,vw,o,c,h,l,t,n" is Polygon's aggregates \(o, h, l, c, v: the bar; t: its time in Unix milliseconds\) — rename the columns Open, High, Low, Close, Volume and Date, and write each t as its date/],
    ["yfinance's header with its Ticker and Date rows deleted and Price kept", csv('Price,Close,Volume', '2024-01-02,1,2'), /X\.csv:2: the header's first row "Price,Close,Volume" is yfinance's Price row \(Price,… then Ticker,…\), but the next line is not its Ticker row — rename Price to Date when the column holds the dates .*$/],
    ['UTF-16', Buffer.from('\ufeffDate,Close\n2024-01-02,1\n', 'utf16le'), /X\.csv: the file is UTF-16 text \(as Excel saves "Unicode text"\) — save it as UTF-8 \(in Excel: CSV UTF-8; or `iconv -f UTF-16 -t UTF-8`\)$/],
  ])('%s', async (_, text, message) => {
    expect(await refusal(writeFile(tempDir(), 'X.csv', text))).toMatch(message);
  });

  it('a tab file is not said to have quoted fields', async () => {
    const m = await load(writeFile(tempDir(), 'X.csv', csv('Date\tClose', '2024-01-02\t1')));
    expect(m.sources[0].notes).toContain('read as tab-separated');
  });

  it('a symbol asked in another case than its file name hints at the case', () => {
    expect(() => symbolIndexes('data', ['iwm', 'SPY'], ['IWM'])).toThrow(/no symbol matches IWM in data \("iwm" is here: symbols are case-sensitive/);
  });
});

describe('the fast path and the general path agree (property)', () => {
  const price = fc.integer({ min: 1, max: 99_999_999 }).map((cents) => cents / 100);
  const row = fc.record({ open: price, close: price, volume: fc.integer({ min: 0, max: 2e9 }) });
  const grouped = (n: number, separator: string): string => String(n).replace(/\B(?=(\d{3})+$)/g, separator);
  const writers: Record<string, (date: string, r: { open: number; close: number; volume: number }) => string> = {
    plain: (d, r) => `${d},${r.open},${r.close},${r.volume}`,
    padded: (d, r) => ` ${d} , ${r.open},${r.close} , ${r.volume}`,
    semicolon: (d, r) => `${d};${String(r.open).replace('.', ',')};${String(r.close).replace('.', ',')};${grouped(r.volume, '.')}`,
    tab: (d, r) => `${d}\t${r.open}\t${r.close}\t${grouped(r.volume, ',')}`,
    quoted: (d, r) => `"${d}","${r.open}",${r.close},"${grouped(r.volume, ',')}"`,
  };
  const header: Record<string, string> = { plain: 'Date,Open,Close,Volume', padded: 'Date,Open,Close,Volume', semicolon: 'Date;Open;Close;Volume', tab: 'Date\tOpen\tClose\tVolume', quoted: 'Date,Open,Close,Volume' };

  it('every dialect of the same rows gives the same columns', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const date = (k: number): string => isoDay(19_723 + k);
        const columns = Object.keys(writers).map((name) => {
          const text = [header[name], ...rows.map((r, k) => writers[name](date(k), r))].join('\n');
          const { parsed } = parsePriceBytes(`${name}.csv`, Buffer.from(text), '', { symbol: 'S' });
          return { day: Array.from(parsed.day), open: Array.from(parsed.fields.open!), close: Array.from(parsed.fields.close!), volume: Array.from(parsed.fields.volume!) };
        });
        expect(columns[0].volume).toEqual(rows.map((r) => r.volume));
        expect(columns[0].close).toEqual(rows.map((r) => r.close));
        for (const c of columns.slice(1)) expect(c).toEqual(columns[0]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the fixes those refusals give load', () => {
  it('spaces removed (1994,20) and Polygon renamed (Date from t): the prices as written', async () => {
    const spaced = await load(writeFile(tempDir(), 'X.csv', csv('Date;Close', '2024-01-02;1994,20')));
    expect(Array.from(spaced.close)).toEqual([1994.2]);
    const polygon = await load(writeFile(tempDir(), 'X.csv', csv('Volume,vw,Open,Close,High,Low,Date,n', '44341500,199.52,199.4,199.52,201.62,198.44,2024-01-02,1000')));
    expect(Array.from(polygon.close)).toEqual([199.52]);
    expect(Array.from(polygon.open!)).toEqual([199.4]);
  });
});
