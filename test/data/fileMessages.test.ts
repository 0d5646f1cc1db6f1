// One-line refusals about a row that a user can act on, through the loader on real files: a row's
// message names the header's own columns and its cells as the file has them; Adj Close outside
// Open/High/Low's range is judged on the file; a second header line is said to be one; two files of one ticker holding the same series are refused, of two tickers noted. Every
// expected message is written out by hand.

import { describe, expect, it } from 'vitest';
import { loadMarket } from '../../data/load.ts';
import { csv, load, refusal, tempDir, writeFile } from './fixtures.ts';

describe('Adj Close beside High/Low and no Close, judged on the file', () => {
  const file = (closes: number[]) => writeFile(tempDir(), 'AAA.csv', csv('Date,High,Low,Adj Close', ...closes.map((c, k) => `2024-01-0${k + 2},101,99,${c}`)));

  it('one bad row (line 4 of 4 rows): a bad bar, not a basis', async () => {
    const f = file([100, 100, 150, 100]);
    expect(await refusal(f)).toBe(`${f}:4: Adj Close 150 is above High 101 on 2024-01-04 (the only row of 4 where Adj Close is outside [Low, High]) — a bar's Open and Adj Close lie within [Low, High]; correct the bar or remove the row`);
  });

  it('every row below Low: the columns are on two bases', async () => {
    const f = file([90, 90, 90, 90]);
    expect(await refusal(f)).toBe(
      `${f}:2: Adj Close 90 is below Low 99 on 2024-01-02 (Adj Close is outside [Low, High] on 4 of 4 rows) — High/Low must be on Adj Close's basis: add the raw Close column, or remove High/Low (if they are on its basis, correct those rows)`,
    );
  });

  it('a problem of another kind further down is named first', async () => {
    const f = writeFile(tempDir(), 'AAA.csv', csv('Date,High,Low,Adj Close', '2024-01-02,101,99,150', '2024-01-03,101,99,100', '2024-01-03,101,99,100'));
    expect(await refusal(f)).toMatch(/AAA\.csv:4: duplicate date 2024-01-03/);
  });
});

describe("a row's message names the header's own columns", () => {
  const norgate = (rows: string[]) => writeFile(tempDir(), 'AAA.csv', csv('Date,Open,High,Low,Close,Volume,Unadjusted Close', ...rows));
  const day = (d: number, bar: string) => `2024-01-0${d},${bar}`;

  it("Norgate: its Close is the adjusted close, Unadjusted Close the traded one — each by the file's name", async () => {
    const spike = norgate([day(2, '100,101,99,100,1000,100'), day(3, '100,101,99,100,1000,100'), day(4, '100,101,99,100,1000,150'), day(5, '100,101,99,100,1000,100')]);
    expect(await refusal(spike)).toBe(
      `${spike}:4: Unadjusted Close 150 and Close 100 on 2024-01-04: their ratio is ×0.6667 that of the rows before and after (a bad print in one of them, not a dividend or split) — correct the price or remove the row`,
    );
    const bad = norgate([day(2, '100,101,99,100,1000,100'), day(3, '100,101,99,150,1000,100')]);
    expect(await refusal(bad)).toBe(`${bad}:3: Close 150 is above High 101 on 2024-01-03 — a bar's Open and Close lie within [Low, High] (the vendor's adjusted prices disagree with each other); correct the row or remove it`);
  });

  it('a long file with a symbol column: its empty ticker is named as the header names it', async () => {
    const f = writeFile(tempDir(), 'prices.csv', csv('symbol,date,close', 'AAA,2024-01-02,10', ',2024-01-03,11'));
    expect(await refusal(f)).toBe(`${f}:3: symbol is empty — every row of a long-format file names its ticker`);
  });

  it('decimal commas: the cell as the file has it (150,5), not the number read from it', async () => {
    const f = writeFile(tempDir(), 'AAA.csv', csv('Date;Open;High;Low;Close;Adj Close;Volume', '2024-01-02;100;101;99;100;99;1000', '2024-01-03;100;101;99;150,5;99;1000'));
    expect(await refusal(f)).toBe(`${f}:3: Close 150,5 is above High 101 on 2024-01-03 — a bar's Open and Close lie within [Low, High]; correct the bar or remove the row`);
  });
});

describe('a second header line (two files joined)', () => {
  it.each([
    ['comma (byte scanner)', ','],
    ['semicolon (csv-parse)', ';'],
    ['quoted (csv-parse)', '","'],
  ])('%s: said as such at its line', async (_, separator) => {
    const line = (fields: string[]) => (separator === '","' ? `"${fields.join(separator)}"` : fields.join(separator));
    const header = line(['Date', 'Open', 'Close', 'Volume']);
    const f = writeFile(tempDir(), 'X.csv', csv(header, line(['2024-01-02', '10', '10', '100']), header, line(['2024-01-03', '10', '10', '100'])));
    expect(await refusal(f)).toBe(`${f}:3: a second header line (it repeats line 1), as when two files are joined into one — remove this line`);
  });

  it('a long file, whose ticker column comes first', async () => {
    const f = writeFile(tempDir(), 'prices.csv', csv('Ticker,Date,Close', 'AAA,2024-01-02,10', 'ticker,date,close', 'AAA,2024-01-03,11'));
    expect(await refusal(f)).toBe(`${f}:3: a second header line (it repeats line 1), as when two files are joined into one — remove this line`);
  });
});

describe('a bar scaled by a vendor (yfinance auto_adjust) is one binary digit off its own close: not a bad bar', () => {
  // Real SHY 2002-11-07 as yfinance auto_adjust prints it: High = raw High × (Adj Close / Close) = 57.68745799999999, Close 57.687458.
  const header = 'Date,Open,High,Low,Close,Volume,Dividends,Stock Splits';
  it('loads', async () => {
    const f = writeFile(tempDir(), 'SHY.csv', csv(header, '2002-11-06,57.63111059619218,57.73674087813464,57.60294782592428,57.659279,176100,0.0,0.0', '2002-11-07,57.67337696437585,57.68745799999999,57.631121182036246,57.687458,39900,0.0,0.0'));
    const market = await loadMarket(f, { cacheDir: false });
    expect(market.close[1]).toBe(57.687458);
  });
  it('a close a hundredth of a cent above its high is still refused', async () => {
    const f = writeFile(tempDir(), 'SHY.csv', csv(header, '2002-11-07,57.67,57.6874,57.63,57.6875,39900,0.0,0.0'));
    expect(await refusal(f)).toMatch(/SHY\.csv:2: Close 57\.6875 is above High 57\.6874 on 2002-11-07/);
  });
});

describe('a Close-only file whose price halves in one session', () => {
  it('says the move is the size of a split no column states (a run books it as a loss)', async () => {
    const f = writeFile(tempDir(), 'IJR.csv', csv('Date,PX_OPEN,PX_HIGH,PX_LOW,PX_LAST,PX_VOLUME', '2017-01-18,126.1,126.5,125.8,126.28,1000', '2017-01-19,62.9,63.1,62.3,62.53,2000', '2017-01-20,62.6,63.0,62.4,62.8,2000'));
    const market = await loadMarket(f, { cacheDir: false });
    expect(market.sources[0].notes).toContain(
      '1 one-session move of Close the size of a split is read as a price move: the file states no corporate actions (no AdjClose or split column), so the traded Close — and any position\'s value — jumps there by that factor (check the company\'s record; a split needs a split column or an AdjClose): IJR 2017-01-19 (×0.4952, like a 2:1 split)',
    );
  });
});

describe('a file whose AdjClose column is empty (kittycapital\'s layout), whose price triples in one session (probe r73b F3)', () => {
  // By hand: Close 101 → 303 on 2024-01-04 is ×3, a 1:3 split's size; AdjClose is blank on every row,
  // so there is no AdjClose/Close step at all — only Close's jump, which the note must say.
  const rows = ['2024-01-02,100,101,99,100,,1000', '2024-01-03,101,102,100,101,,1000', '2024-01-04,303,306,300,303,,1000', '2024-01-05,304,306,302,304,,1000'];
  const closeOnly = '1 one-session move of Close the size of a split is read as a price move: its AdjClose is empty and the file has no split column, so the traded Close — and any position\'s value — jumps there by that factor (check the company\'s record; a split needs a split column or a filled AdjClose)';

  it('is said as a move of Close, not as an AdjClose/Close step (the note named a step there is none of)', async () => {
    const f = writeFile(tempDir(), 'AAA.csv', csv('Date,Open,High,Low,Close,AdjClose,Volume', ...rows));
    const notes = (await loadMarket(f, { cacheDir: false })).sources[0].notes;
    expect(notes).toContain(`${closeOnly}: AAA 2024-01-04 (×3, like a 1:3 split)`);
    expect(notes.join('\n')).not.toMatch(/AdjClose\/Close step/);
  });

  it('in a long file, per symbol: the one with an empty AdjClose is said so, the one with a filled AdjClose not at all', async () => {
    const filled = ['2024-01-02,50,51,49,50,49,1000', '2024-01-03,50,51,49,50,49,1000', '2024-01-04,50,51,49,50,49,1000', '2024-01-05,50,51,49,50,49,1000'];
    const f = writeFile(tempDir(), 'prices.csv', csv('Ticker,Date,Open,High,Low,Close,AdjClose,Volume', ...rows.map((r) => `AAA,${r}`), ...filled.map((r) => `BBB,${r}`)));
    const notes = (await loadMarket(f, { cacheDir: false })).sources[0].notes;
    expect(notes).toContain(`${closeOnly}: AAA 2024-01-04 (×3, like a 1:3 split)`);
    expect(notes.join('\n')).not.toMatch(/AdjClose\/Close step|BBB 2024/);
  });
});

describe('two files of one folder holding the same series', () => {
  const rows = ['Date,Close', '2024-01-02,10', '2024-01-03,11'];
  const spy = csv('Date,Close', '2024-01-02,20', '2024-01-03,21');
  // The same two rows written five other ways: the parsed dates and closes (10, 11) are alike.
  it.each([
    ['CRLF line ends', Buffer.from(rows.join('\r\n') + '\r\n')],
    ['a UTF-8 BOM', Buffer.from('\ufeff' + csv(...rows))],
    ['no final newline', Buffer.from(rows.join('\n'))],
    ['quoted fields', Buffer.from(csv('"Date","Close"', '"2024-01-02","10"', '"2024-01-03","11"'))],
    ['10.00 for 10', Buffer.from(csv('Date,Close', '2024-01-02,10.00', '2024-01-03,11.0'))],
  ])('IWM.csv and IWM.US.csv with %s are one ticker: refused naming both', async (_, other) => {
    const dir = tempDir();
    writeFile(dir, 'IWM.csv', csv(...rows));
    writeFile(dir, 'IWM.US.csv', other);
    writeFile(dir, 'SPY.csv', spy);
    // Names sort IWM.US.csv before IWM.csv ('U' < 'c').
    expect(await refusal(dir)).toBe(`${dir}/IWM.csv: holds the same series (2 rows 2024-01-02 → 2024-01-03, every date and price alike) as IWM.US.csv: IWM.US and IWM are one ticker (IWM) and would load as two symbols and count twice — remove one of IWM.US.csv and IWM.csv`);
  });

  it('gzipped under another suffix (VOD.L.csv.gz beside vod.csv) is one ticker too', async () => {
    const dir = tempDir();
    writeFile(dir, 'vod.csv', csv(...rows));
    writeFile(dir, 'VOD.L.csv.gz', csv(...rows)); // gzipped by writeFile
    expect(await refusal(dir)).toMatch(/vod\.csv: holds the same series .* as VOD\.L\.csv\.gz: VOD\.L and vod are one ticker \(VOD\)/);
  });

  it('two tickers flat at 1.00 (two money-market funds) load, with a note naming both', async () => {
    const dir = tempDir();
    const flat = csv('Date,Close', '2024-01-02,1.00', '2024-01-03,1.00');
    writeFile(dir, 'MMFA.csv', flat);
    writeFile(dir, 'MMFB.csv', flat);
    const market = await load(dir);
    expect(market.symbols).toEqual(['MMFA', 'MMFB']);
    const notes = market.sources.flatMap((s) => s.notes);
    expect(notes).toContain('MMFB (MMFB.csv) holds the same series (2 rows 2024-01-02 → 2024-01-03, every date and price alike) as MMFA (MMFA.csv): right for two flat cash-like funds, else one file is a copy under another name and the series counts twice — check both');
    expect(notes.filter((n) => n.includes('same series'))).toHaveLength(1);
  });

  it('one price apart is two series: no note', async () => {
    const dir = tempDir();
    writeFile(dir, 'AAA.csv', csv('Date,Close', '2024-01-02,1.00', '2024-01-03,1.00'));
    writeFile(dir, 'BBB.csv', csv('Date,Close', '2024-01-02,1.00', '2024-01-03,1.01'));
    expect((await load(dir)).sources.flatMap((s) => s.notes).some((n) => n.includes('same series'))).toBe(false);
  });
});
