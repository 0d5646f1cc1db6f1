// Line ends and blank lines as files have them: classic Mac OS CR-only line ends (Excel's "CSV
// (Macintosh)") read like LF, with the same file:line numbering on every path (byte scanner,
// csv-parse, gzip, streamed); a line of white space alone (spaces, tabs, form feeds) is a blank
// line wherever it is. Expected values are written by hand beside each input; the property holds
// every line-end style and path to the columns of the plain LF file.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../../data/dates.ts';
import { readCsvRecords } from '../../../data/formats/csvTable.ts';
import { readTextLines } from '../../../data/formats/text.ts';
import { readPriceFile, streamPriceFile } from '../../../data/prices/files/priceReader.ts';
import { load, refusal, tempDir, writeFile } from '../fixtures.ts';

const BAR_FIX = "a bar's Open and Close lie within [Low, High]; correct the bar or remove the row";

describe('CR-only line ends (classic Mac OS)', () => {
  const lines = ['Date,Open,High,Low,Close,Volume', '2024-01-02,100,101,99,100,1000', '2024-01-03,100,101,99,100.5,1000', '2024-01-04,100,101,99,150,1000'];

  it('read like LF: the same values, and a bad bar named at its line (4) on every path', async () => {
    const dir = tempDir();
    const good = writeFile(dir, 'ok/AAA.csv', lines.slice(0, 3).join('\r') + '\r');
    const m = await load(good);
    expect(Array.from(m.close)).toEqual([100, 100.5]);
    expect(Array.from(m.high!)).toEqual([101, 101]);
    const plain = writeFile(dir, 'a/AAA.csv', lines.join('\r') + '\r');
    const gz = writeFile(dir, 'b/AAA.csv.gz', lines.join('\r'));
    const semicolon = writeFile(dir, 'c/AAA.csv', lines.map((l) => l.replaceAll(',', ';').replace('100.5', '100,5')).join('\r'));
    for (const file of [plain, gz]) expect(await refusal(file)).toBe(`${file}:4: Close 150 is above High 101 on 2024-01-04 — ${BAR_FIX}`);
    expect(await refusal(semicolon)).toBe(`${semicolon}:4: Close 150 is above High 101 on 2024-01-04 — ${BAR_FIX}`);
    // The streamed path (files above 16 MB) judges the line ends on its first chunk.
    await expect(streamPriceFile(plain, { symbol: 'AAA' })).rejects.toThrow(`${plain}:4: Close 150 is above High 101`);
    await expect(streamPriceFile(gz, { symbol: 'AAA' })).rejects.toThrow(`${gz}:4: Close 150 is above High 101`);
  });

  it('a text file (rates, symbols) splits into its lines', () => {
    const file = writeFile(tempDir(), 'r.csv', 'Date,Rate\r2024-01-02,5.3\r2024-01-03,5.31\r');
    expect(readTextLines(file).lines).toEqual(['Date,Rate', '2024-01-02,5.3', '2024-01-03,5.31']);
  });
});

describe('CR LF and LF rows mixed in one file (hand-edited or concatenated)', () => {
  // Probe r60b: csv-parse kept the first line end it met, so after CR LF rows the LF rows ran into one
  // record ("expected 3 fields, found 7"). Each row is its own record, on its own line.
  const rows = ['a;b;c', '1;2;3', '4;5;6', '7;8;9', '10;11;12'];
  const mixed = `${rows[0]}\r\n${rows[1]}\r\n${rows[2]}\n${rows[3]}\n${rows[4]}\r\n`;

  it('a semicolon table (SimFin, companies) reads one record per row, each on its line', () => {
    const { records, lines } = readCsvRecords(writeFile(tempDir(), 'm.csv', mixed), ';');
    expect(records).toEqual(rows.map((r) => r.split(';')));
    expect(lines).toEqual([1, 2, 3, 4, 5]);
  });

  it('a quoted price file (the csv-parse path) gives the same closes, and a bad bar on its line (5)', async () => {
    const dir = tempDir();
    const bars = ['"Date","Open","High","Low","Close"', '"2024-01-02","10","11","9","10.5"', '"2024-01-03","10","11","9","10.25"', '"2024-01-04","10","11","9","10.75"'];
    const text = (extra: string[]) => [...bars, ...extra].map((l, k) => l + (k % 2 === 0 ? '\r\n' : '\n')).join('');
    expect(Array.from((await load(writeFile(dir, 'ok/AAA.csv', text([])))).close)).toEqual([10.5, 10.25, 10.75]);
    const bad = writeFile(dir, 'bad/AAA.csv', text(['"2024-01-05","10","11","9","15"']));
    expect(await refusal(bad)).toBe(`${bad}:5: Close 15 is above High 11 on 2024-01-05 — ${BAR_FIX}`);
  });
});

describe('a line of white space alone is a blank line', () => {
  it.each([
    ['a tab', '\t'],
    ['spaces', '   '],
    ['a tab and spaces', ' \t '],
    ['a form feed', '\f'],
  ])('%s, last or between rows, on the byte scanner and csv-parse alike', async (_, blank) => {
    const dir = tempDir();
    const rows = ['Date,Open,Close,Volume', '2024-01-02,10,10.5,100', blank, '2024-01-03,11,11.5,200', blank];
    for (const [name, text] of [
      ['comma', rows.join('\n')],
      ['semicolon', rows.map((r) => r.replaceAll(',', ';').replaceAll('.', ',')).join('\n')],
    ]) {
      const m = await load(writeFile(dir, `${name}/X.csv`, text));
      expect(Array.from(m.close)).toEqual([10.5, 11.5]);
      expect(Array.from(m.volume)).toEqual([100, 200]);
    }
  });
});

describe('every line-end style and path gives the columns of the LF file (property)', () => {
  const price = fc.integer({ min: 1, max: 9_999_999 }).map((cents) => cents / 100);
  const row = fc.record({ close: price, volume: fc.integer({ min: 0, max: 2e9 }), blankAfter: fc.option(fc.constantFrom(' ', '\t', '  \t', '\f'), { nil: undefined }) });

  it('LF, CR LF and CR; comma (byte scanner) and semicolon (csv-parse); plain and gzip; white-space lines anywhere', () => {
    const dir = tempDir();
    let run = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        run++;
        const lines = (separator: string, decimal: string): string[] => [
          `Date${separator}Close${separator}Volume`,
          ...rows.flatMap((r, k) => [`${isoDay(19_723 + k)}${separator}${String(r.close).replace('.', decimal)}${separator}${r.volume}`, ...(r.blankAfter === undefined ? [] : [r.blankAfter])]),
        ];
        const columns = ['\n', '\r\n', '\r'].flatMap((end) =>
          [
            [',', '.'],
            [';', ','],
          ].flatMap(([separator, decimal]) =>
            ['csv', 'csv.gz'].map((ext) => {
              const file = writeFile(dir, `${run}/${JSON.stringify(end).slice(1, -1)}${separator}/S.${ext}`, lines(separator, decimal).join(end));
              const { parsed } = readPriceFile(file, { symbol: 'S' });
              return { day: Array.from(parsed.day), close: Array.from(parsed.fields.close!), volume: Array.from(parsed.fields.volume!), blankRows: parsed.blankRows };
            }),
          ),
        );
        expect(columns[0].close).toEqual(rows.map((r) => r.close));
        expect(columns[0].blankRows).toBe(0);
        for (const c of columns.slice(1)) expect(c).toEqual(columns[0]);
      }),
      { numRuns: 60 },
    );
  });
});
