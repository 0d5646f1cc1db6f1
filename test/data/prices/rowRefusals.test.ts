// Refusals of rows that say what to do with them (probe r73d F7): a repeated date with its two
// rows compared and the later rows repeating a date, an Open/High/Low of 0 with the empty cell
// as the documented way, and a slashed date with a time of day said to have one.
import { describe, expect, it } from 'vitest';
import { csv, refusal, tempDir, writeFile } from '../fixtures.ts';

const ONE_WAY = 'dates must run one way (oldest or newest first), one row per date (per ticker)';

describe('a repeated date', () => {
  it('the same row twice: delete it; later rows repeating a date are listed by line (lines 7 and 9 here)', async () => {
    // Line 3 repeats line 2; line 7 repeats line 6's date; line 9 line 8's (with another Close).
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', '2024-01-02,10', '2024-01-02,10', '2024-01-03,11', '2024-01-04,12', '2024-01-05,13', '2024-01-05,13', '2024-01-08,14', '2024-01-08,15'));
    expect(await refusal(file)).toBe(`${file}:3: duplicate date 2024-01-02 (line 2), the same row twice; 2 more rows repeat a date (lines 7, 9) — ${ONE_WAY}: delete the repeated row; keep one row per date at the later lines too`);
  });

  it('rows that differ: both shown, keep the right one', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Open,Close', '2024-01-09,40,40', '2024-01-10,40,40', '2024-01-10,40,41', '2024-01-11,40,40'));
    expect(await refusal(file)).toBe(`${file}:4: duplicate date 2024-01-10 (line 3) with other values (line 3: "2024-01-10,40,40"; line 4: "2024-01-10,40,41") — ${ONE_WAY}: keep the row that is right for that date (check it against another source) and delete the other`);
  });

  it("in a long file, per ticker: another ticker's same date is no repeat (line 6 is, for AAA)", async () => {
    const file = writeFile(tempDir(), 'all.csv', csv('Ticker,Date,Close', 'AAA,2024-01-02,10', 'BBB,2024-01-02,20', 'AAA,2024-01-02,10', 'BBB,2024-01-03,21', 'AAA,2024-01-02,10'));
    expect(await refusal(file)).toBe(`${file}:4: duplicate date 2024-01-02 for AAA (line 2), the same row twice; 1 more row repeats a date (line 6) — ${ONE_WAY}: delete the repeated row; keep one row per date at the later line too`);
  });
});

describe('an Open, High or Low of 0', () => {
  it('is said to be a vendor placeholder, the empty cell first in the fix; a Close of 0 is refused as before', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Open,High,Low,Close', '2024-01-02,0,0,0,100', '2024-01-03,100,102,99,101'));
    expect(await refusal(file)).toBe(`${file}:2: Open is zero (0), as some vendors write a range price they do not have — leave Open empty where it is not known (on a symbol's earliest rows, or on every row), correct the value, or remove the row`);
    const close = writeFile(tempDir(), 'X.csv', csv('Date,Open,Close', '2024-01-02,100,0'));
    expect(await refusal(close)).toBe(`${close}:2: Close is zero or negative (0) — prices must be positive and volumes non-negative; correct the value or remove the row`);
  });
});

describe('a slashed date with a time of day (Google Sheets: 1/2/2024 16:00:00)', () => {
  it('where the file shows month/day (1/25/2024): the time of day, and the ISO date', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', '1/2/2024 16:00:00,100', '1/25/2024 16:00:00,101'));
    expect(await refusal(file)).toMatch(/X\.csv:2: Date "1\/2\/2024 16:00:00" has a time of day \(16:00:00\); breadth reads daily bars, one row per date at midnight or with no time — write dates as YYYY-MM-DD .*, e\.g\. 2024-01-02$/);
  });

  it('where it does not: the time of day, and the date ambiguous', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', '1/2/2024 16:00:00,100'));
    expect(await refusal(file)).toMatch(/X\.csv:2: Date "1\/2\/2024 16:00:00" has a time of day \(16:00:00\); breadth reads daily bars, one row per date at midnight or with no time, and its date 1\/2\/2024 is ambiguous \(day\/month or month\/day\?\) — /);
  });
});
