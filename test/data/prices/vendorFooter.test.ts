// Lines after the data rows (data/prices/files/vendorFooter.ts): a vendor's footer of text is
// skipped with a note, a DOS end-of-file mark (Ctrl-Z) silently; a line that may be a row, or
// text above a data row, is refused at its line, showing what the line holds (probe r73d F2).
import { describe, expect, it } from 'vitest';
import { csv, load, refusal, tempDir, writeFile } from '../fixtures.ts';

const ROWS = ['Date,Open,High,Low,Close,Volume', '2024-01-02,99,101,98,100,1000', '2024-01-03,100,102,99,101,1000'];

describe('a footer of text after the last data row', () => {
  // Each file's data is two rows, closes 100 and 101 (as written): the footer adds no row.
  it.each([
    ['Nasdaq Data Link, after a blank line', ['', 'Data provided by Nasdaq Data Link. All rights reserved.'], 'Data provided by Nasdaq Data Link. All r…'],
    ['Refinitiv, with no blank line', ['Data provided by Refinitiv'], 'Data provided by Refinitiv'],
    ["Investing.com's summary, digits and all", ['Highest: 120 Lowest: 98 Difference: 22 Average: 109.5 Change %: 19'], 'Highest: 120 Lowest: 98 Difference: 22 A…'],
    ['quoted, with its comma, then empty fields', ['"Data provided by Nasdaq, Inc.",,,,,'], 'Data provided by Nasdaq, Inc.'],
    ['followed by blank lines in CR LF', ['Data provided by Refinitiv\r', '\r', ''], 'Data provided by Refinitiv'],
  ])('%s: skipped with a note naming it', async (_, footer, shown) => {
    const m = await load(writeFile(tempDir(), 'X.csv', csv(...ROWS, ...footer)));
    expect(Array.from(m.close)).toEqual([100, 101]);
    expect(m.sources[0].notes).toContain(`a footer line after the data skipped ("${shown}"): text, not a row of prices`);
  });

  it('two footer lines are both skipped, the note counting them; on the general path too (semicolons)', async () => {
    const m = await load(writeFile(tempDir(), 'X.csv', csv('Date;Close', '2024-01-02;10,5', '2024-01-03;11,25', '*Close price adjusted for splits.', 'Source: Yahoo Finance')));
    expect(Array.from(m.close)).toEqual([10.5, 11.25]);
    expect(m.sources[0].notes).toContain('2 footer lines after the data skipped (the first "*Close price adjusted for splits."): text, not a row of prices');
  });

  it("a DOS end-of-file mark (Ctrl-Z) at the end is dropped without a note", async () => {
    const m = await load(writeFile(tempDir(), 'X.csv', Buffer.from(csv(...ROWS) + '\x1a', 'latin1')));
    expect(Array.from(m.close)).toEqual([100, 101]);
    expect(m.sources[0].notes.join('\n')).not.toMatch(/footer/);
  });
});

describe('a line that is no footer is refused at its line, showing what it holds', () => {
  it('text above a data row: said to be a line of text, "delete the line" first in the fix', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv(ROWS[0], ROWS[1], 'Data provided by Refinitiv', ROWS[2]));
    expect(await refusal(file)).toBe(`${file}:3: expected 6 fields, found 1 ("Data provided by Refinitiv"): a line of text, not a row of values — delete the line if it is a note or a footer; otherwise every row needs one value per header column (leave a value empty rather than dropping its separator)`);
  });

  it('a short last row of values is no footer: refused, shown', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv(...ROWS, '2024-01-04,102'));
    expect(await refusal(file)).toBe(`${file}:4: expected 6 fields, found 2 ("2024-01-04,102") — every row needs one value per header column (leave a value empty rather than dropping its separator)`);
    // A last row holding only a date (a cut-off file) is no footer either.
    const dated = writeFile(tempDir(), 'X.csv', csv(...ROWS, '2024-01-04'));
    expect(await refusal(dated)).toMatch(/X\.csv:4: expected 6 fields, found 1 \("2024-01-04"\) — every row/);
  });
});
