// Price files by column meaning, in every dialect a strategist's files come in, and the refusals.
// Each layout is checked against values written by hand in the file itself.

import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../../data/dates.ts';
import { DataError } from '../../../data/errors.ts';
import { loadFactorTable } from '../../../data/factors.ts';
import { loadSymbolsFile } from '../../../data/folder/symbolsFile.ts';
import { parseCsvText } from '../../../data/formats/csvTable.ts';
import { loadMarket } from '../../../data/load.ts';
import { AssetClass, PriceKind, type Market } from '../../../data/market.ts';
import { loadPriceFile } from '../../../data/prices/files/priceFolder.ts';
import { parsePriceBytes } from '../../../data/prices/files/priceReader.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const load = (path: string): Promise<Market> => loadMarket(path, { cacheDir: false });
const asStock = () => ({ assetClass: AssetClass.stock, snapshotEnd: Infinity });
const closes = (m: Market): number[] => Array.from(m.close);
const days = (m: Market): string[] => Array.from(m.dates, isoDay);

async function refusal(action: () => Promise<unknown>): Promise<DataError> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

describe('columns by meaning', () => {
  it('any order and case, synonyms, extra columns ignored and listed', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'ABC.csv', csv('Volume,adj_close,CLOSE,Comment,timestamp', '100,9.9,10,"first, quoted",2020-01-02', '200,10.9,11,,2020-01-03'));
    const m = await load(file);
    expect(days(m)).toEqual(['2020-01-02', '2020-01-03']);
    expect(closes(m)).toEqual([10, 11]);
    expect(Array.from(m.volume)).toEqual([100, 200]);
    expect(m.priceKind[0]).toBe(PriceKind.raw);
    expect(m.sources[0].columns).toEqual({ used: ['Volume', 'adj_close', 'CLOSE', 'timestamp'], ignored: ['Comment'] });
    expect(m.sources[0].notes).toContain('columns ignored: Comment');
  });

  // Probe r73d F5: pandas' index written with an empty header (",Date,Open,…", rows "0,2024-01-02,…") was ignored
  // but listed as "ignored: none", where the same column headed "Unnamed: 0" is listed. A trailing separator's
  // empty column (after the last named one) is no column of the file's and stays unlisted.
  it('a column without a name is listed by its position; a trailing separator is not', async () => {
    const dir = tempDir();
    const m = await load(writeFile(dir, 'ABC.csv', csv(',Date,Close,', '0,2020-01-02,10,', '1,2020-01-03,11,')));
    expect(closes(m)).toEqual([10, 11]);
    expect(m.sources[0].columns).toEqual({ used: ['Date', 'Close'], ignored: ['(unnamed column 1)'] });
    expect(m.sources[0].notes).toContain('columns ignored: (unnamed column 1)');
    const trailing = await load(writeFile(dir, 'DEF.csv', csv('Date,Close,', '2020-01-02,10,')));
    expect(trailing.sources[0].columns).toEqual({ used: ['Date', 'Close'], ignored: [] });
  });

  it('long files: Ticker,Date or date,symbol in any order, gzip too', async () => {
    const dir = tempDir();
    const a = await load(writeFile(dir, 'a.csv.gz', csv('close,symbol,date', '10,X,2020-01-02', '20,Y,2020-01-02', '11,X,2020-01-03')));
    expect(a.symbols).toEqual(['X', 'Y']);
    expect(closes(a)).toEqual([10, 20, 11, NaN]);
    const b = await load(writeFile(dir, 'b.csv', csv('Ticker,Date,Adj Close', 'X,2020-01-02,5')));
    expect(b.priceKind[0]).toBe(PriceKind.totalReturn);
  });

  it('a folder mixes per-symbol and long files', async () => {
    const dir = tempDir();
    writeFile(dir, 'prices/AAA.csv', csv('Date,Close', '2020-01-02,1'));
    writeFile(dir, 'prices/more.csv', csv('date,symbol,close', '2020-01-02,BBB,2'));
    const m = await load(`${dir}/prices`);
    expect(m.symbols).toEqual(['AAA', 'BBB']);
  });

  it('required: a date and a close; a role twice is refused', async () => {
    const dir = tempDir();
    const noClose = await refusal(() => load(writeFile(dir, 'A.csv', csv('Date,Open,Volume', '2020-01-02,1,2'))));
    expect(noClose.message).toMatch(/A\.csv:1: not a price file: the header "Date,Open,Volume" has no close column/);
    const twice = await refusal(() => load(writeFile(dir, 'B.csv', csv('Date,Close,close', '2020-01-02,1,2'))));
    expect(twice.message).toMatch(/columns "Close" and "close" both read as close/);
  });

  // Probe r60c F5: a symbols.csv with a column twice was read with its first copy (symbolsFile.test.ts); so, with its last, was a
  // factor table whose consumers look columns up by name. Every table loaded by column meaning refuses it as a price file does.
  it('a column twice is refused at line 1 in every table loaded by column meaning, in the same words', async () => {
    const dir = tempDir();
    const factors = writeFile(dir, 'ff.csv', csv('Date,Mkt-RF,SMB,SMB,RF', '20240102,0.1,0.2,0.3,0.01'));
    expect(() => loadFactorTable(factors)).toThrow(new DataError(factors, 1, 'columns "SMB" and "SMB" both read as SMB in "Date,Mkt-RF,SMB,SMB,RF"', 'keep one of them, or rename the other'));
    // Factor columns read by meaning (probe K1): Mom and Carhart's UMD are one factor, so are RF and rf.
    const momentum = writeFile(dir, 'mom.csv', csv('Date,Mom,UMD', '20240102,0.1,0.2'));
    expect(() => loadFactorTable(momentum)).toThrow(new DataError(momentum, 1, 'columns "Mom" and "UMD" both read as Mom in "Date,Mom,UMD"', 'keep one of them, or rename the other'));
    const riskFree = writeFile(dir, 'rf.csv', csv('Date,RF,Mkt-RF,rf', '20240102,0.1,0.2,0.1'));
    expect(() => loadFactorTable(riskFree)).toThrow(new DataError(riskFree, 1, 'columns "RF" and "rf" both read as RF in "Date,RF,Mkt-RF,rf"', 'keep one of them, or rename the other'));
    const symbols = writeFile(dir, 'symbols.csv', csv('symbol,type,kind', 'AAA,stock,fund'));
    expect(() => loadSymbolsFile(symbols)).toThrow(new DataError(symbols, 1, 'columns "type" and "kind" both read as asset class in "symbol,type,kind"', 'keep one of them, or rename the other'));
  });
});

describe('dialects', () => {
  it('tab-separated and semicolon with decimal commas read like commas', async () => {
    const dir = tempDir();
    const tab = await load(writeFile(dir, 'tab/T.csv', csv('Date\tOpen\tHigh\tLow\tClose', '2020-01-02\t1.5\t2\t1\t1.75')));
    const semi = await load(writeFile(dir, 'semi/T.csv', csv('Date;Open;High;Low;Close', '2020-01-02;1,5;2;1;1,75')));
    for (const m of [tab, semi]) {
      expect(Array.from(m.open!)).toEqual([1.5]);
      expect(closes(m)).toEqual([1.75]);
    }
  });

  it('a quote further down than the sniffed head still reads (the general path takes over)', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 3000 }, (_, k) => `${isoDay(parseIsoDay('2000-01-01') + k)},${k + 1}`);
    rows.push(`"${isoDay(parseIsoDay('2000-01-01') + 3000)}","3001"`);
    const m = await load(writeFile(dir, 'Q.csv', csv('Date,Close', ...rows)));
    expect(m.close[3000]).toBe(3001);
  });

  it('a broken quote is one line naming file and line', async () => {
    const dir = tempDir();
    const e = await refusal(() => load(writeFile(dir, 'Q.csv', csv('"Date","Close"', '"2020-01-02","1', '"2020-01-03","2"'))));
    expect(e.message).toMatch(/Q\.csv:\d+: cannot parse CSV/);
  });
});

describe('quoting refusals name the line where the field at fault opens (probe r56c F2: the file\'s last line was named)', () => {
  /** Weekday dates from 2024-01-02. */
  const weekdays = (count: number): string[] => {
    const out: string[] = [];
    for (let day = parseIsoDay('2024-01-02'); out.length < count; day++) if (![0, 6].includes(new Date(day * 86_400_000).getUTCDay())) out.push(isoDay(day));
    return out;
  };
  const fix = 'end a quoted field with " right before its delimiter or the line\'s end, and write a quote inside it as ""';

  it("the probe's open_quote2: a quote opened on line 4 of 21 is refused at line 4, not 21", async () => {
    // Line 1 the header, line k + 2 the row of the k-th weekday from 2024-01-02: 2024-01-04 is on line 4. Nothing closes its quote,
    // so csv-parse reads to the end of the file (line 21) and stops there.
    const dir = tempDir();
    const rows = weekdays(20).map((d, k) => (d === '2024-01-04' ? `${d},"102,1000` : `${d},${100 + k},1000`));
    const e = await refusal(() => load(writeFile(dir, 'AAA.csv', csv('Date,Close,Volume', ...rows))));
    expect(e.line).toBe(4);
    expect(e.message).toBe(`${join(dir, 'AAA.csv')}:4: cannot parse CSV: a quote opened here is never closed (its field runs on to the end of the file, line 21) — ${fix}`);
  });

  it("the probe's open_quote: OHLCV, a quote opened on line 4 of 6 — and the same line plain, CRLF, gzip with a BOM, semicolon, tab", async () => {
    const dir = tempDir();
    const rows = ['2024-01-02,100,101,99,100,1000', '2024-01-03,101,102,100,101,1000', '2024-01-04,102,103,101,"102,1000', '2024-01-05,103,104,102,103,1000', '2024-01-08,104,105,103,104,1000'];
    const text = csv('Date,Open,High,Low,Close,Volume', ...rows);
    const files: [string, string | Buffer, string][] = [
      ['LF.csv', text, ''],
      ['CRLF.csv', text.replaceAll('\n', '\r\n'), ''],
      ['BOMGZ.csv.gz', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), ''],
      ['SEMI.csv', text.replaceAll(',', ';').replace('"102;1000', '"102,5;1000'), ' read as semicolon-separated with decimal commas'],
      ['TAB.tsv', text.replaceAll(',', '\t'), ' read as tab-separated'],
    ];
    for (const [name, content, readAs] of files) {
      const e = await refusal(() => loadPriceFile(writeFile(dir, name, content), asStock));
      expect(e.message, name).toBe(`${join(dir, name)}:4: cannot parse CSV${readAs}: a quote opened here is never closed (its field runs on to the end of the file, line 6) — ${fix}`);
    }
  });

  it('a quoted field over two lines and blank lines before the open quote are counted: line 7', async () => {
    // Line 2 opens "Alpha, and line 3 closes it (one record); line 4 is blank; line 5 Beta; line 6 blank; line 7 opens "Gamma.
    const dir = tempDir();
    const text = csv('Date,Name,Close', '2024-01-02,"Alpha', 'Inc",100', '', '2024-01-03,Beta,101', '', '2024-01-04,"Gamma,102', '2024-01-05,Delta,103');
    const e = await refusal(() => load(writeFile(dir, 'N.csv', text)));
    expect(e.message).toMatch(/N\.csv:7: cannot parse CSV: a quote opened here is never closed \(its field runs on to the end of the file, line 8\)/);
  });

  it('a quote closed lines later, by a quote followed by text, is refused where it opened, naming both lines', async () => {
    // Line 3 opens "101 and never closes it on its line; the next quote is line 6's, before 1,000: followed by "1".
    const dir = tempDir();
    const text = csv('Date,Close,Volume', '2024-01-02,100,1000', '2024-01-03,"101,1000', '2024-01-04,102,1000', '2024-01-05,103,1000', '2024-01-08,104,"1,000"');
    const e = await refusal(() => load(writeFile(dir, 'R.csv', text)));
    expect(e.message).toBe(`${join(dir, 'R.csv')}:3: cannot parse CSV: a quote opened here is never closed on its line (its field runs on to line 6, where a quote is followed by "1") — ${fix}`);
  });

  it('text after a closing quote, and a quote inside an unquoted field, are refused at their own line', async () => {
    const dir = tempDir();
    const after = await refusal(() => load(writeFile(dir, 'X.csv', csv('Date,Close', '2024-01-02,100', '2024-01-03,"101"x', '2024-01-04,102'))));
    expect(after.message).toBe(`${join(dir, 'X.csv')}:3: cannot parse CSV: the quoted field opened here has text after its closing quote ("101"x) — ${fix}`);
    const spaced = await refusal(() => load(writeFile(dir, 'S.csv', csv('Date,Close', '2024-01-02,100', '2024-01-03,"101" 5', '2024-01-04,102'))));
    expect(spaced.message).toBe(`${join(dir, 'S.csv')}:3: cannot parse CSV: the quoted field opened here has text after its closing quote ("101" 5) — ${fix}`);
    const inside = await refusal(() => load(writeFile(dir, 'I.csv', csv('Date,Close', '"2024-01-02",100', '2024-01-03,1"01', '2024-01-04,102'))));
    expect(inside.message).toBe(`${join(dir, 'I.csv')}:3: cannot parse CSV: a quote inside an unquoted field — quote the whole field ("…") and write a quote inside it as "", or remove the quote`);
  });

  it('a short row after a quoted field over two lines is named at its own line', async () => {
    // Lines 2–3 are one record; line 4 has no Close.
    const dir = tempDir();
    const e = await refusal(() => load(writeFile(dir, 'F.csv', csv('Date,Name,Close', '2024-01-02,"Alpha', 'Inc",100', '2024-01-04,Beta'))));
    expect(e.line).toBe(4);
  });

  it('a row after a quoted line break in a CR LF file is named at its own line (csv-parse counted the CR and the LF: line 6)', async () => {
    // Lines 2–3 are one record ("Alpha<CR LF>Inc"); line 4 is 2024-01-03; line 5's Close is text.
    const dir = tempDir();
    const text = csv('Date,Name,Close', '2024-01-02,"Alpha', 'Inc",100', '2024-01-03,Beta,101', '2024-01-04,Gamma,abc').replaceAll('\n', '\r\n');
    const e = await refusal(() => load(writeFile(dir, 'C.csv', text)));
    expect(e.line).toBe(5);
    expect(e.message).toContain('C.csv:5: Close');
  });

  it('property: each record is numbered with the line it starts on, across quoted line breaks, doubled quotes and blank lines, LF or CR LF', () => {
    const names = ['Plain', '"Comma, Inc"', '"Say ""hi"""', '"Two\nlines"', '"Three\n\nlines"'];
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.constantFrom(...names), blankBefore: fc.boolean() }), { maxLength: 12 }), fc.boolean(), (rows, crlf) => {
        const lines = ['Date,Name,Close'];
        const starts = [1];
        weekdays(rows.length).forEach((date, k) => {
          if (rows[k].blankBefore) lines.push('');
          starts.push(lines.length + 1);
          lines.push(...`${date},${rows[k].name},${100 + k}`.split('\n'));
        });
        const text = csv(...lines);
        expect(parseCsvText('P.csv', Buffer.from(crlf ? text.replaceAll('\n', '\r\n') : text)).lines).toEqual(starts);
      }),
      { numRuns: 200 },
    );
  });

  it('the other csv-parse readers: symbols.csv and a factor table below its preamble', () => {
    const dir = tempDir();
    const symbols = writeFile(dir, 'symbols.csv', csv('symbol,name,sector', 'AAA,Alpha,Tech', 'BBB,"Beta Corp,Energy', 'CCC,Gamma,Health'));
    expect(() => loadSymbolsFile(symbols)).toThrow(`${symbols}:3: cannot parse CSV: a quote opened here is never closed (its field runs on to the end of the file, line 4)`);
    // Three preamble lines, the header on line 4; the table's own line 3 is the file's line 6.
    const factors = writeFile(dir, 'F-F.csv', csv('Fama/French factors', 'made by hand', '', 'Date,Mkt-RF,RF', '2024-01-02,0.1,0.02', '2024-01-03,"0.2,0.02', '2024-01-04,0.3,0.02'));
    expect(() => loadFactorTable(factors)).toThrow(`${factors}:6: cannot parse CSV: a quote opened here is never closed (its field runs on to the end of the file, line 7)`);
  });

  it('property: wherever a quote is left open, among quoted fields over lines, doubled quotes and blank lines, in LF or CRLF, the line named is where it opens', () => {
    // A row's Name is plain, a quoted comma, a doubled quote or a quoted line break (two lines); blank lines between rows.
    // Row `broken` opens a quote it never closes: a later quoted Name's opening quote, followed by a letter, cannot close it.
    const names = ['Plain', '"Comma, Inc"', '"Say ""hi"""', '"Two\nlines"'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom(...names), blankBefore: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.boolean(),
        (rows, pick, crlf) => {
          const broken = pick % rows.length;
          const lines = ['Date,Name,Close'];
          let brokenLine = 0;
          weekdays(rows.length).forEach((date, k) => {
            if (rows[k].blankBefore) lines.push('');
            if (k === broken) brokenLine = lines.length + 1;
            lines.push(...`${date},${k === broken ? '"Open' : rows[k].name},${100 + k}`.split('\n'));
          });
          const text = csv(...lines);
          const bytes = Buffer.from(crlf ? text.replaceAll('\n', '\r\n') : text);
          const general = (() => parsePriceBytes('P.csv', bytes, '')) as () => unknown;
          const table = (() => parseCsvText('P.csv', bytes)) as () => unknown;
          for (const read of [general, table]) {
            const e = (() => {
              try {
                read();
              } catch (err) {
                return err;
              }
            })();
            expect(e).toBeInstanceOf(DataError);
            expect((e as DataError).line).toBe(brokenLine);
            expect((e as DataError).problem).toMatch(/^cannot parse CSV: a quote opened here is never closed/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('dates and rows', () => {
  it('ISO date-times at midnight (with or without Z) and compact YYYYMMDD read as that date', async () => {
    const dir = tempDir();
    const m = await load(writeFile(dir, 'D.csv', csv('Date,Close', '2020-01-02T00:00:00Z', '2020-01-03 00:00:00,2', '20200106,3').replace('00Z\n', '00Z,1\n')));
    expect(days(m)).toEqual(['2020-01-02', '2020-01-03', '2020-01-06']);
  });

  it('ambiguous day/month and intraday times are clear errors', async () => {
    const dir = tempDir();
    const ambiguous = await refusal(() => load(writeFile(dir, 'A.csv', csv('Date,Close', '01/02/2024,1'))));
    expect(ambiguous.message).toMatch(/A\.csv:2: Date "01\/02\/2024" is ambiguous \(day\/month or month\/day\?\)/);
    const intraday = await refusal(() => load(writeFile(dir, 'B.csv', csv('Date,Close', '2024-01-02T15:30:00,1'))));
    expect(intraday.message).toMatch(/B\.csv:2: Date "2024-01-02T15:30:00" has a time of day \(15:30:00\); breadth reads daily bars/);
  });

  it('descending rows are accepted (and said), blank trailing rows skipped, duplicates stay an error', async () => {
    const dir = tempDir();
    const m = await load(writeFile(dir, 'D.csv', csv('Date,Open,High,Low,Close,Volume', '2020-01-03,2,2,2,2,1', '2020-01-02,1,1,1,1,1', ',,,,,', ',,,,,')));
    expect(closes(m)).toEqual([1, 2]);
    expect(m.sources[0].notes).toContain('rows run newest first: read in date order');
    expect(m.sources[0].notes).toContain('2 blank rows (every field empty) skipped');
    const dup = await refusal(() => load(writeFile(dir, 'E.csv', csv('Date,Close', '2020-01-03,2', '2020-01-02,1', '2020-01-02,1'))));
    expect(dup.message).toMatch(/E\.csv:4: duplicate date 2020-01-02/);
  });
});

describe('bars that cannot be true', () => {
  const bar = (row: string) => csv('Date,Open,High,Low,Close,Volume', '2020-01-02,10,11,9,10,5', row);
  it.each([
    ['2020-01-03,10,11,9,12,5', /X\.csv:3: Close 12 is above High 11 on 2020-01-03/],
    ['2020-01-03,10,11,9,8,5', /X\.csv:3: Close 8 is below Low 9/],
    ['2020-01-03,12,11,9,10,5', /X\.csv:3: Open 12 is above High 11/],
  ])('%s', async (row, message) => {
    const dir = tempDir();
    const e = await refusal(() => load(writeFile(dir, 'X.csv', bar(row))));
    expect(e.message).toMatch(message);
    expect(e.fix).toMatch(/within \[Low, High\]/);
  });

  it('High below Low: the fix speaks of High and Low, not of Open and Close', async () => {
    const e = await refusal(() => load(writeFile(tempDir(), 'X.csv', bar('2020-01-03,10,9,11,10,5'))));
    expect(e.message).toMatch(/X\.csv:3: High 9 is below Low 11 on 2020-01-03/);
    expect(e.fix).toBe("a bar's High is its highest price and Low its lowest, so High ≥ Low (are the two columns swapped?); correct the bar or remove the row");
  });

  it('the general path checks bars the same way', async () => {
    const dir = tempDir();
    const e = await refusal(() => load(writeFile(dir, 'X.csv', csv('Date;Open;High;Low;Close', '2020-01-02;10;11;9;10', '2020-01-03;10;11;9;12,5'))));
    // The cell as the file has it (12,5), not the 12.5 read from it.
    expect(e.message).toMatch(/X\.csv:3: Close 12,5 is above High 11 on 2020-01-03 —/);
  });
});

describe('yfinance actions: Dividends and Stock Splits columns', () => {
  it('dividends are paid as given; a split is applied only where Close moved by it', async () => {
    const dir = tempDir();
    const text = csv(
      // auto_adjust=False: Adj Close beside a Close that is not dividend-adjusted. Adj Close = Close here
      // reflects neither event: the stated dividend is paid and the disagreement listed; the split, where
      // Close moved by exactly its ratio (within its daily range), is one the prices were not adjusted for: applied.
      'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits',
      '2020-01-02,100,100,100,100,100,5,0,0',
      '2020-01-03,99,99,99,99,99,5,0.5,0', // ex-dividend 0.50
      '2020-01-06,50,50,50,50,50,5,0,2', // 2:1 split, Close 99 → 50 (ln(50 × 2 / 99) = 1 %), AdjClose/Close stays 1: applied
      '2020-01-07,50,50,50,50,50,5,0,0',
      '2020-01-08,51,51,51,51,51,5,0,3', // "3" with no move: already in the prices, not applied
    );
    const { series, sources } = await loadPriceFile(writeFile(dir, 'Y.csv', text), asStock);
    expect(series[0].priceKind).toBe(PriceKind.raw);
    expect(series[0].dividends).toEqual([{ day: parseIsoDay('2020-01-03'), value: 0.5 }]);
    expect(series[0].splits).toEqual([{ day: parseIsoDay('2020-01-06'), value: 2 }]);
    expect(sources[0].notes.join(' ')).toMatch(/1 split of the Stock Splits column is already in Close \(no price move by the ratio\), not applied again: Y 2020-01-08/);
    // 01-03: 100 × (1 − (99/99) / (100/100)) = 0, not the stated 0.50; 01-06: the applied 2:1 is not in Adj Close either (Adj Close / Close stays 1).
    expect(sources[0].notes.join(' ')).toMatch(/2 AdjClose steps disagree with the Dividends and Stock Splits columns .* Y 2020-01-03 \(AdjClose implies a dividend of 0\.000, stated 0\.5\), Y 2020-01-06 \(Close moved by the stated 2:1 split within its daily range, but AdjClose\/Close does not step there: the prices are not adjusted for it, so it is applied/);
  });

  it("yfinance's default auto_adjust=True layout (Dividends, no Adj Close): Close already holds the dividends, which are not paid again", async () => {
    const dir = tempDir();
    const rows = ['2020-01-02,100,100,100,100,5,0,0', '2020-01-03,99,99,99,99,5,0.5,0', '2020-01-06,99,99,99,99,5,0,0'];
    const { series, sources } = await loadPriceFile(writeFile(dir, 'Y.csv', csv('Date,Open,High,Low,Close,Volume,Dividends,Stock Splits', ...rows)), asStock);
    expect(series[0].priceKind).toBe(PriceKind.totalReturn);
    expect(series[0].dividends).toEqual([]);
    expect(sources[0].notes.join(' ')).toMatch(/Close is adjusted for dividends and splits .* the 1 dividend listed is not paid again — export with auto_adjust=False \(which adds Adj Close\) to receive dividends as cash beside a Close that is split-adjusted only/);
    // With Adj Close beside them (auto_adjust=False), Close is raw and the dividend is paid.
    const raw = await loadPriceFile(writeFile(dir, 'Z.csv', csv('Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits', ...rows.map((r) => r.replace(/^([^,]+,[^,]+,[^,]+,[^,]+,[^,]+)/, '$1,99')))), asStock);
    expect(raw.series[0].priceKind).toBe(PriceKind.raw);
    expect(raw.series[0].dividends).toEqual([{ day: parseIsoDay('2020-01-03'), value: 0.5 }]);
  });

  it("a fund's auto_adjust=True layout with Capital Gains: the gains are in Close as the dividends are, not 'paid as cash' (probe r66a F4)", async () => {
    const rows = ['2020-01-02,100,100,100,100,5,0,0,0', '2020-01-03,99,99,99,99,5,0.5,0.25,0', '2020-01-06,99,99,99,99,5,0,0,0'];
    const { series, sources } = await loadPriceFile(writeFile(tempDir(), 'F.csv', csv('Date,Open,High,Low,Close,Volume,Dividends,Capital Gains,Stock Splits', ...rows)), asStock);
    expect(series[0].dividends).toEqual([]);
    const notes = sources[0].notes.join(' ');
    expect(notes).toContain('the 1 dividend listed is not paid again (1 with a capital-gain distribution, likewise in Close)');
    expect(notes).not.toContain('paid as cash');
  });
});
