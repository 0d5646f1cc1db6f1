// A file's decimal mark is decided from every number in it (data/formats/fileMark.ts), not only
// from the sniffed head: a quoted "194,350" below line 6 is a guess said as such, and a file whose
// mark shows only at its last line is read with that mark from its first line. Expected values
// are worked by hand beside each input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadMarket } from '../../../data/load.ts';
import type { Market } from '../../../data/market.ts';
import { decimalMarkOf, plainNumberText } from '../../../data/formats/numberMarks.ts';
import { parseStudy, runStudyRuns } from '../../../study/index.ts';
import { csv, refusal, tempDir, writeFile } from '../fixtures.ts';

/** The last NAV of buy-and-hold of `symbol` alone from 10,000 cash on market `m` of `folder`. */
async function finalHoldNav(folder: string, m: Market, symbol: string): Promise<number> {
  const config = parseStudy({ data: folder, runs: [{ name: 'hold', strategy: 'buy-and-hold', params: { weights: { [symbol]: 1 } }, engine: { initialCash: 10_000 } }] }, 'test');
  const nav = (await runStudyRuns(config, m, 'test')).runs[0].result.daily.nav;
  return nav[nav.length - 1];
}

const days = (n: number): string[] => Array.from({ length: n }, (_, k) => new Date(Date.UTC(2024, 0, 1) + k * 86_400_000).toISOString().slice(0, 10));

describe('the decimal mark is decided over the whole file', () => {
  it('a comma file quoted only below its sniffed head: "194,350" is read by the guess, and the guess is said', async () => {
    // Lines 2–6 are whole numbers; line 7 holds the first quoted number with a comma.
    const lines = ['Date,Open,Close', '2024-01-02,199,200', '2024-01-03,197,194', '2024-01-04,194,194', '2024-01-05,193,193', '2024-01-08,193,197', '2024-01-09,"194,350","194,970"'];
    const m = await loadMarket(writeFile(tempDir(), 'Q.csv', csv(...lines)), { cacheDir: false });
    // "," as the thousands separator (the comma file's usual reading): 194,970 → 194970.
    expect(Array.from(m.close)).toEqual([200, 194, 194, 193, 197, 194970]);
    expect(m.sources[0].notes).toContain(
      '"194,350" read as 194350 ("," as a thousands separator, as comma-separated files usually write it): no number in the file shows its decimal mark, so prices may be 1,000× too high (Open, Close) — if it is a decimal comma (194.350), write the numbers with a decimal point: 194.350',
    );
  });

  it('a comma file whose mark shows only at line 8 is read with a decimal comma from line 2, and says so', async () => {
    const rows = days(6).map((d) => `${d},"125,000","125,000"`);
    const folder = tempDir();
    const file = writeFile(folder, 'X.csv', csv('Date,Open,Close', '2024-01-01,"100,000","100,000"', ...rows.slice(1), '2024-01-08,"125,000","130,25"'));
    const m = await loadMarket(file, { cacheDir: false });
    expect(Array.from(m.close)).toEqual([100, 125, 125, 125, 125, 125, 130.25]);
    expect(m.sources[0].notes).toContain('decimal mark "," shown first at line 8 ("130,25"): the numbers above it fit either mark, and are read with "," too, not the "." comma-separated files usually use');
    expect(m.sources[0].notes.join(' | ')).not.toMatch(/1,000×/);
    // Buy-and-hold, 10,000 cash: decided at the 01-01 close, filled at the 01-02 open of 125.000 → 80 shares, no cash; 80 × 130.25.
    expect(await finalHoldNav(folder, m, 'X')).toBeCloseTo(10_420, 9);
  });

  it('a number no mark reads, where the mark was guessed, is refused saying it was a guess', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close', '2024-01-02,"1,234"', '2024-01-03,"12,34,567"'));
    expect(await refusal(file)).toBe(
      `${file}:3: Close "12,34,567" does not fit this file's numbers, whose decimal mark is "." (a guess: no number in the file shows its decimal mark) — write every number one way: "." before the decimals and "," only between groups of three digits (1,234,567.89), or no thousands separator`,
    );
  });

  it('a mark shown (below numbers that fit either) and contradicted later is refused naming the line that showed it', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date;Close', '2024-01-02;1.234', '2024-01-03;1,5', '2024-01-04;1.5'));
    expect(await refusal(file)).toBe(
      `${file}:4: Close "1.5" does not fit this file's numbers, whose decimal mark is "," (as line 3's "1,5" shows) — write every number one way: "," before the decimals and "." only between groups of three digits (1.234.567,89), or no thousands separator`,
    );
  });

  it('property: where the one number that shows the mark sits does not change what any row reads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 100_000, max: 999_999 }), { minLength: 2, maxLength: 12 }), fc.nat(), async (thousandths, at) => {
        const k = at % thousandths.length;
        // Row k holds "144,05"; every other row "ddd,ddd" (which either mark could read).
        const closes = thousandths.map((v, r) => (r === k ? '144,05' : `${Math.floor(v / 1000)},${String(v % 1000).padStart(3, '0')}`));
        const file = writeFile(tempDir(), 'P.csv', csv('Date,Close', ...days(closes.length).map((d, r) => `${d},"${closes[r]}"`)));
        const m = await loadMarket(file, { cacheDir: false });
        expect(Array.from(m.close)).toEqual(thousandths.map((v, r) => (r === k ? 144.05 : v / 1000)));
      }),
      { numRuns: 25 },
    );
  });
});

// Probe r21d: LibreOffice and Excel in a decimal-comma locale write scientific notation as
// "1,005E+02"; it was refused as not fitting the file's decimal comma, and a grouped number beyond
// range was shown altered ("1000000000…" for the file's "1,000,000,…").
describe('scientific notation with a decimal comma', () => {
  it('the mantissa\'s one mark is the decimal one: nothing groups digits before an exponent', () => {
    expect([decimalMarkOf('1,005E+02'), decimalMarkOf('1.005E+02'), decimalMarkOf('-2,5e-3'), decimalMarkOf('1e5'), decimalMarkOf('1.234,5E+02')]).toEqual([',', '.', ',', undefined, undefined]);
    expect(plainNumberText('1,005E+02', ',')).toBe('1.005E+02');
    expect(plainNumberText('-2,5e-3', ',')).toBe('-2.5e-3');
    expect(plainNumberText('1,8e308', ',')).toBe('1.8e308');
    // A point before an exponent in a decimal-comma file is no thousands separator: refused, never 1005E+02.
    expect(plainNumberText('1.005E+02', ',')).toBeUndefined();
    expect(plainNumberText('1.234,5E+02', ',')).toBeUndefined();
  });

  it('property: "I,FE±X" reads as the number I.FE±X', () => {
    fc.assert(
      fc.property(fc.nat({ max: 99_999 }), fc.stringMatching(/^\d{1,8}$/), fc.integer({ min: -300, max: 300 }), (whole, fraction, exponent) => {
        const text = `${whole},${fraction}E${exponent < 0 ? '' : '+'}${exponent}`;
        expect(decimalMarkOf(text)).toBe(',');
        expect(Number(plainNumberText(text, ','))).toBe(Number(`${whole}.${fraction}e${exponent}`));
      }),
    );
  });

  it('a semicolon file of "1,005E+02" loads as 100.5 …, and buy-and-hold ends at NAV 13,935.25', async () => {
    const folder = tempDir();
    const closes = ['1,005E+02', '1,005E+02', '1,1025E+02', '1,2075E+02', '1,305E+02', '1,4025E+02'];
    const dates = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];
    const file = writeFile(folder, 'AAA.csv', csv('Date;Open;Close;Volume', ...dates.map((d, k) => `${d};${closes[k]};${closes[k]};1000`)));
    const m = await loadMarket(file, { cacheDir: false });
    expect(Array.from(m.close)).toEqual([100.5, 100.5, 110.25, 120.75, 130.5, 140.25]);
    // Decided at the 01-02 close, filled at the 01-03 open of 100.5: floor(10,000 / 100.5) = 99 shares, cash 10,000 − 9,949.5 = 50.5;
    // at the last close 99 × 140.25 + 50.5 = 13,935.25.
    expect(await finalHoldNav(folder, m, 'AAA')).toBeCloseTo(13_935.25, 9);
  });

  it('"1,1025e2" below a "100,5" that shows the comma reads as 110.25', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date;Close', '2024-01-02;100,5', '2024-01-03;1,1025e2'));
    expect(Array.from((await loadMarket(file, { cacheDir: false })).close)).toEqual([100.5, 110.25]);
  });

  it('refusals show the field as the file has it: "1,8e308" beyond range, a grouped 10^309, a negative "-1,5"', async () => {
    const big = writeFile(tempDir(), 'X.csv', csv('Date;Close', '2024-01-02;100,5', '2024-01-03;1,8e308'));
    expect(await refusal(big)).toBe(`${big}:3: Close "1,8e308" is beyond the range of a number (±1.8e308) — correct the value (such as 12.5 or 0.0625) or remove the row`);
    // 1 followed by 103 groups of 000: 10^309, above the largest double; shown by its first 40 characters.
    const grouped = `1${',000'.repeat(103)}`;
    const tsv = writeFile(tempDir(), 'X.tsv', csv('Date\tClose\tVolume', '2024-01-02\t1,100.50\t1,000', `2024-01-03\t1,210.00\t${grouped}`));
    expect(await refusal(tsv)).toBe(`${tsv}:3: Volume "1,000,000,000,000,000,000,000,000,000,00…" is beyond the range of a number (±1.8e308) — correct the value (such as 1200) or remove the row`);
    const negative = writeFile(tempDir(), 'X.csv', csv('Date;Close', '2024-01-02;100,5', '2024-01-03;-1,5'));
    expect(await refusal(negative)).toBe(`${negative}:3: Close is zero or negative (-1,5) — prices must be positive and volumes non-negative; correct the value or remove the row`);
  });
});
