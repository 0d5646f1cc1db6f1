// Missing-value markers (null, NaN, N/A, NA, -, #N/A) in a price file (data/prices/rows/missingValues.ts):
// in Volume read as an empty cell, in a price column refused naming the column, the marker and
// the later rows that hold it. Both parse paths (plain commas; semicolons with decimal commas).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csv, load, refusal, tempDir, writeFile } from '../fixtures.ts';

const MARKERS = ['null', 'None', 'NaN', 'N/A', 'NA', '-', '#N/A'];

describe('a missing-value marker in Volume is an empty Volume cell', () => {
  it('loads with the prices as written, the volume unknown that day, and a note (property over markers and both paths)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MARKERS), fc.boolean(), async (marker, semicolons) => {
        const rows = semicolons
          ? ['Date;Open;Close;Volume', '2024-01-02;10,5;11,25;1000', `2024-01-03;11;12,5;${marker}`]
          : ['Date,Open,Close,Volume', '2024-01-02,10.5,11.25,1000', `2024-01-03,11,12.5,${marker}`];
        const m = await load(writeFile(tempDir(), 'X.csv', csv(...rows)));
        expect(Array.from(m.close)).toEqual([11.25, 12.5]);
        expect(m.volume![0]).toBe(1000);
        expect(m.volume![1]).toBeNaN();
        expect(m.sources[0].notes).toContain(`Volume: the missing-value marker "${marker}" read as an empty cell`);
      }),
      { numRuns: 24 },
    );
  });
});

describe("Bloomberg's #N/A with a reason in a price file (probe r73d F1)", () => {
  it('in Volume: an empty Volume cell with the note, on both paths; the prices as written', async () => {
    for (const marker of ['#N/A N/A', '#N/A Field Not Applicable']) {
      for (const rows of [
        ['Date,PX_OPEN,PX_LAST,PX_VOLUME', '2024-01-02,99,100,1000', `2024-01-03,100,101,${marker}`],
        ['Date;PX_OPEN;PX_LAST;PX_VOLUME', '2024-01-02;99;100;1000', `2024-01-03;100;101;${marker}`],
      ]) {
        const m = await load(writeFile(tempDir(), 'X.csv', csv(...rows)));
        expect(Array.from(m.close)).toEqual([100, 101]);
        expect(m.volume![1]).toBeNaN();
        expect(m.sources[0].notes).toContain(`PX_VOLUME: the missing-value marker "${marker}" read as an empty cell`);
      }
    }
  });

  it('#N/A Requesting Data... is refused: the sheet was saved before it loaded', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,PX_OPEN,PX_LAST,PX_VOLUME', '2024-01-02,99,100,1000', '2024-01-03,100,101,#N/A Requesting Data...'));
    expect(await refusal(file)).toBe(`${file}:3: PX_VOLUME is "#N/A Requesting Data...", Bloomberg's placeholder while a value loads: the sheet was saved before its data arrived — let the sheet finish loading, then save it again`);
  });

  it('in a price column: refused as #N/A is, naming the column and the later rows', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,PX_OPEN,PX_LAST', '2024-01-02,#N/A N/A,100', '2024-01-03,#N/A N/A,101'));
    expect(await refusal(file)).toBe(`${file}:2: PX_OPEN is "#N/A N/A", a missing-value marker, where PX_LAST has a price; 1 more row holds "#N/A N/A" (line 3) — fill in PX_OPEN or remove the row (or leave PX_OPEN empty on every row when it is not known), and likewise on that row`);
  });
});

describe('a missing-value marker in a price column is refused in one line', () => {
  it.each(MARKERS)('%s in Open beside a Close: names Open, the marker and the Close', async (marker) => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Open,High,Low,Close,Volume', '2024-01-02,10,11,9,10,100', `2024-01-03,${marker},11,9,10,100`));
    expect(await refusal(file)).toBe(`${file}:3: Open is "${marker}", a missing-value marker, where High has a price — fill in Open or remove the row (or leave Open empty on every row when it is not known)`);
  });

  it('in Close beside an Adj Close: the fix offers Adj Close as the price', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date;Open;Close;Adj Close', '2024-01-02;10,5;10,5;10,5', '2024-01-03;10,5;#N/A;10,5'));
    expect(await refusal(file)).toBe(`${file}:3: Close is "#N/A", a missing-value marker, where Open has a price — fill in Close or remove the row (or leave Close empty on every row: Adj Close is then the price)`);
  });

  it('later rows count only the refused column, in any case: Volume None (read as empty) is not one; Close none is', async () => {
    // Line 3: Close None (refused). Line 4: Volume None (allowed). Line 5: Close none. Line 6: Volume NONE (allowed).
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Open,Close,Volume', '2024-01-02,10,10,100', '2024-01-03,10,None,100', '2024-01-04,10,10,None', '2024-01-05,10,none,100', '2024-01-08,10,10,NONE'));
    expect(await refusal(file)).toBe(`${file}:3: Close is "None", a missing-value marker, where Open has a price; 1 more row holds "None" (line 5) — fill in Close or remove the row, and likewise on that row`);
  });

  it('a semicolon file\'s later rows are read by its own delimiter', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date;Open;Close', '2024-01-02;10,5;None', '2024-01-03;10,5;10,5', '2024-01-04;10,5;"None"'));
    expect(await refusal(file)).toMatch(/X\.csv:2: Close is "None".*; 1 more row holds "None" \(line 4\)/);
  });

  it('Yahoo null rows: no price on the row, and how many more rows hold null, by line', async () => {
    const nulls = '2024-01-03,null,null,null,null,null,null';
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Open,High,Low,Close,Adj Close,Volume', '2024-01-02,10,11,9,10,10,100', nulls, '2024-01-04,10,11,9,10,10,100', nulls.replace('03', '05'), nulls.replace('03', '08')));
    expect(await refusal(file)).toBe(`${file}:3: no price on this row (Open is "null", a missing-value marker, and no other price is given: as Yahoo writes a day without trading); 2 more rows hold "null" (lines 5, 6) — remove the row, and likewise on those rows`);
  });

  it('the fix (those rows removed) loads', async () => {
    const m = await load(writeFile(tempDir(), 'X.csv', csv('Date,Open,High,Low,Close,Adj Close,Volume', '2024-01-02,10,11,9,10,10,100', '2024-01-04,10,11,9,10,10,100')));
    expect(Array.from(m.close)).toEqual([10, 10]);
  });
});

describe('a missing-value marker in an event column is an empty cell: no event', () => {
  it('Dividends "NaN" beside Close and Adj Close pays nothing that day', async () => {
    const m = await load(writeFile(tempDir(), 'X.csv', csv('Date,Close,Adj Close,Dividends', '2024-01-02,10,10,0', '2024-01-03,11,11,NaN')));
    expect(Array.from(m.close)).toEqual([10, 11]);
    expect(m.dividends.session.length).toBe(0);
    expect(m.sources[0].notes).toContain('Dividends: the missing-value marker "NaN" read as an empty cell');
  });
});
