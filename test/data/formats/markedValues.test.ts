// Nasdaq.com's dollar prices with thousands grouped (probe r27c finding 2: "$6,000.00" was refused
// with a fix the value already followed, so every stock at $1,000 or more failed): read as the
// number, a negative "-$1,234.50" refused as a negative price, a "$0.24" dividend read as cash.
// Expected values are worked by hand beside each input.

import { describe, expect, it } from 'vitest';
import { dollarNumber, readMarkedValue } from '../../../data/formats/markedValues.ts';
import { loadMarket } from '../../../data/load.ts';
import { parseStudy, runStudyRuns } from '../../../study/index.ts';
import { csv, refusal, tempDir, writeFile } from '../fixtures.ts';

const NASDAQ_HEADER = 'Date,Close/Last,Volume,Open,High,Low';

/** The last NAV of buy-and-hold of `symbol` alone from 10,000 cash on the prices in `folder`. */
async function finalHoldNav(folder: string, symbol: string): Promise<number> {
  const m = await loadMarket(folder, { cacheDir: false });
  const config = parseStudy({ data: folder, runs: [{ name: 'hold', strategy: 'buy-and-hold', params: { weights: { [symbol]: 1 } }, engine: { initialCash: 10_000 } }] }, 'test');
  const nav = (await runStudyRuns(config, m, 'test')).runs[0].result.daily.nav;
  return nav[nav.length - 1];
}

describe('dollar amounts (formats/markedValues.ts)', () => {
  it('dollarNumber sets the $ apart and keeps the sign on either side of it', () => {
    expect([dollarNumber('$6,000.00'), dollarNumber('-$1,234.50'), dollarNumber('$-5'), dollarNumber('6,000.00'), dollarNumber('USD 5')]).toEqual(['6,000.00', '-1,234.50', '-5', undefined, undefined]);
  });

  it('a price or cash amount after a $ reads as its number; a volume does not', () => {
    expect(readMarkedValue('$1234.50', 'price')?.value).toBe(1234.5);
    expect(readMarkedValue('-$0.5', 'price')?.value).toBe(-0.5);
    expect(readMarkedValue('$0.24', 'event')).toEqual({ value: 0.24, note: 'cash amounts written with a $ sign (Nasdaq.com): read without it' });
    expect(readMarkedValue('$1e3', 'price')).toBeUndefined();
    expect(readMarkedValue('$1500', 'volume')).toBeUndefined();
  });
});

describe('Nasdaq.com files priced at $1,000 and more', () => {
  it('"$1,200.00" reads as 1200 and "1,500" shares as 1500; buy-and-hold ends at 10,276', async () => {
    const folder = tempDir();
    // Newest first, as Nasdaq.com writes; 01/16 shows month/day/year.
    writeFile(
      folder,
      'BKNG.csv',
      csv(
        NASDAQ_HEADER,
        '01/16/2024,"$1,234.50","1,500","$1,150.00","$1,240.00","$1,140.00"',
        '01/12/2024,"$1,100.00","1,500","$1,200.00","$1,210.00","$1,090.00"',
        '01/11/2024,"$1,000.00","1,500","$990.00","$1,010.00","$980.00"',
      ),
    );
    const m = await loadMarket(folder, { cacheDir: false });
    expect(Array.from(m.close)).toEqual([1000, 1100, 1234.5]);
    expect(Array.from(m.open!)).toEqual([990, 1200, 1150]);
    expect(Array.from(m.volume)).toEqual([1500, 1500, 1500]);
    expect(m.sources[0].notes).toContain('prices written with a $ sign (Nasdaq.com): read without it');
    // Decided at the 01-11 close, filled at the 01-12 open of 1,200: floor(10,000 / 1,200) = 8 shares, cash 400;
    // at the last close 8 × 1,234.50 + 400 = 10,276.
    expect(await finalHoldNav(folder, 'BKNG')).toBeCloseTo(10_276, 9);
  });

  it('"$6,000.00" decides the file\'s decimal mark as 6,000.00 would: a "$1,234" below it is 1234, not a guess', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', '2024-01-02,"$6,000.00"', '2024-01-03,"$1,234"'));
    const m = await loadMarket(file, { cacheDir: false });
    expect(Array.from(m.close)).toEqual([6000, 1234]);
    expect(m.sources[0].notes.join(' | ')).not.toMatch(/guess|1,000×/);
  });

  it('"-$1,234.50" is read as -1234.5 and refused as a negative price, shown as written', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', '2024-01-02,"$1,000.00"', '2024-01-03,"-$1,234.50"'));
    expect(await refusal(file)).toBe(`${file}:3: Close is zero or negative (-$1,234.50) — prices must be positive and volumes non-negative; correct the value or remove the row`);
  });

  it('"$6.000,00" in a file whose "$1,234.50" shows a decimal point is refused by its marks, not its $', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', '2024-01-02,"$1,234.50"', '2024-01-03,"$6.000,00"'));
    expect(await refusal(file)).toBe(
      `${file}:3: Close "$6.000,00" does not fit this file's numbers, whose decimal mark is "." (as line 2's "1,234.50" shows) — write every number one way: "." before the decimals and "," only between groups of three digits (1,234,567.89), or no thousands separator`,
    );
  });
});
