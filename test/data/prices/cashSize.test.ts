// Stated cash distributions at or above the previous close are refused at their row (either date
// direction, long files naming the ticker, a decimal mark's reading said); those above 10 % of it
// are listed like derived ones. And a bar refusal says how marked cells were read.
// Expected values are worked by hand beside each input.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../../data/errors.ts';
import { parsePriceBytes } from '../../../data/prices/files/priceReader.ts';
import { csv, loadOneSeries, refusal, tempDir, writeFile } from '../fixtures.ts';

describe('a stated dividend at or above the previous close is refused', () => {
  it('ascending rows: 10 a share on a previous Close of 10 is 1×', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close,Dividends', '2024-01-02,10,0', '2024-01-03,9,10'));
    expect(await refusal(file)).toBe(
      `${file}:3: Dividends 10 on 2024-01-03 is 1× the previous Close 10 (2024-01-02): a payout that large leaves a price of 0 or less — correct the amount (cash per share, below the price: not cents or a total) or remove it`,
    );
  });

  it('descending rows: the dividend on line 2 is judged against line 3\'s earlier Close (12 / 8 = 1.5×)', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date,Close,divCash', '2024-01-03,9,12', '2024-01-02,8,0'));
    expect(await refusal(file)).toMatch(new RegExp(`^${file}:2: divCash 12 on 2024-01-03 is 1.5× the previous Close 8 \\(2024-01-02\\)`));
  });

  it('a long file names the ticker; a dividend plus a capital gain adds up (6 + 5 = 11 on 10 is 1.1×)', async () => {
    const file = writeFile(tempDir(), 'prices.csv', csv('Date,Ticker,Close,Dividends,Capital Gains', '2024-01-02,AAA,10,0,0', '2024-01-02,BBB,10,0,0', '2024-01-03,AAA,10,1,0', '2024-01-03,BBB,10,6,5'));
    expect(await refusal(file)).toMatch(new RegExp(`^${file}:5: Dividends 6 \\+ Capital Gains 5 for BBB on 2024-01-03 is 1.1× the previous Close 10 \\(2024-01-02\\)`));
  });

  it('1.000 read by a decimal comma is one thousand, and the refusal says so (1000 / 194.97 = 5.13×)', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date;Close;Dividends', '2024-01-02;194,97;0', '2024-01-03;195,08;1.000'));
    expect(await refusal(file)).toMatch(
      new RegExp(`^${file}:3: Dividends 1000 \\(Dividends 1\\.000 read as 1000: the file's decimal mark is ",", as line 2's "194,97" shows\\) on 2024-01-03 is 5\\.1× the previous Close 194\\.97 \\(2024-01-02\\)`),
    );
  });

  it('refused exactly when the cash reaches the previous close (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 200_000 }), (cents, cashCents) => {
        const close = cents / 100;
        const cash = cashCents / 100;
        const text = csv('Date,Close,Dividends', `2024-01-02,${close},0`, `2024-01-03,${close},${cash}`);
        const read = (): unknown => parsePriceBytes('X.csv', Buffer.from(text), '', { symbol: 'X' });
        if (cash >= close) expect(read).toThrow(DataError);
        else expect(read).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('a stated dividend above 10 % of the previous close is listed', () => {
  it('50 on 200 is 25.0 %; 20 on 200 (10 % exactly) is not listed', async () => {
    const s = await loadOneSeries('X.csv', 'Date,Close,Dividends', '2024-01-02,200,0', '2024-01-03,150,50', '2024-01-04,200,0', '2024-01-05,180,20');
    expect(s.dividends.map((d) => d.value)).toEqual([50, 20]);
    expect(s.notes).toContain('1 distribution above 10% of the price (special dividends, spin-offs or rights issues as the Dividends column states them): X 2024-01-03 (25.0%)');
  });
});

describe("a stated dividend on a split's ex-date is sized in the new shares it is paid on (probe r45a F6)", () => {
  it('1.2 on a 1:4 ex-date after a close of 10 is 1.2 / (10 / 0.25) = 3.0 % — not listed (was "12.0%")', async () => {
    // zipline csvdir: the engine pays 1.2 per post-split share (25 of 101 old shares: 30.00); 40 is the old close in new shares.
    const s = await loadOneSeries('ZRV.csv', 'date,open,high,low,close,volume,dividend,split', '2024-01-02,10,10,10,10,100000,0.0,1.0', '2024-01-03,10,10,10,10,100000,0.0,1.0', '2024-01-04,38.8,38.8,38.8,38.8,100000,1.2,0.25', '2024-01-05,38.8,38.8,38.8,38.8,100000,0.0,1.0');
    expect(s.splits.map((e) => e.value)).toEqual([0.25]);
    expect(s.dividends.map((d) => d.value)).toEqual([1.2]);
    expect(s.notes).not.toContain('distribution above 10%');
  });

  it('6 on a 2:1 ex-date after a close of 100 is 6 / (100 / 2) = 12.0 % — listed (was 6 %, missed)', async () => {
    const s = await loadOneSeries('ZSP.csv', 'date,open,high,low,close,volume,dividend,split', '2024-01-02,100,100,100,100,100000,0.0,1.0', '2024-01-03,100,100,100,100,100000,0.0,1.0', '2024-01-04,44,44,44,44,100000,6.0,2.0', '2024-01-05,44,44,44,44,100000,0.0,1.0');
    expect(s.splits.map((e) => e.value)).toEqual([2]);
    expect(s.notes).toContain('1 distribution above 10% of the price (special dividends, spin-offs or rights issues as the dividend column states them): ZSP 2024-01-04 (12.0%)');
  });

  it('property: on a split by q, a dividend of d % of the previous close in new shares is listed exactly when d > 10', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0.1, 0.25, 0.5, 2, 3, 4), fc.integer({ min: 1, max: 25 }).filter((d) => d !== 10), async (q, d) => {
        // Previous close 100 is 100 / q in new shares; the ex-date closes at that less the dividend (up to 25 %: Close still
        // moves nearer the split than no move, so the split is applied — a 1:2 split less 30 % moves ×1.4, read as no split).
        const cash = ((d / 100) * 100) / q;
        const s = await loadOneSeries('Q.csv', 'date,close,dividend,split', '2024-01-02,100,0,1', `2024-01-03,${100 / q - cash},${cash},${q}`, `2024-01-04,${100 / q - cash},0,1`);
        expect(s.splits.map((e) => e.value)).toEqual([q]);
        expect(s.notes.includes('distribution above 10%')).toBe(d > 10);
      }),
      { numRuns: 40 },
    );
  });

  it('a reverse split\'s row judges the cash against the previous close in new shares: 12 after 10 on a 1:4 ex-date is 30 %, read; 40 is refused', async () => {
    // 12 / (10 / 0.25) = 0.3 of the old close in new shares (was refused as "1.2× the previous close 10"); listed above 10 %.
    const rows = (cash: number) => ['date,close,dividend,split', '2024-01-02,10,0,1', `2024-01-03,28,${cash},0.25`, '2024-01-04,28,0,1'];
    const s = await loadOneSeries('X.csv', ...rows(12));
    expect(s.dividends.map((d) => d.value)).toEqual([12]);
    expect(s.notes).toContain('X 2024-01-03 (30.0%)');
    const file = writeFile(tempDir(), 'X.csv', csv(...rows(40)));
    expect(await refusal(file)).toBe(
      `${file}:3: dividend 40 on 2024-01-03 is 1× the previous close 10 (2024-01-02) in the new shares of that day's split (10 / 0.25 = 40): a payout that large leaves a price of 0 or less — correct the amount (cash per share, below the price: not cents or a total) or remove it`,
    );
  });

  it("a split the row's Close does not show (already in Close, not applied) leaves the cash on the old shares; one it shows, forward too, on the new (probe r47a F1)", async () => {
    // 45 on a "1:4" row whose Close stays near 40: the split is not applied, so 45 is 1.1× the previous close 40 — it loaded
    // and paid 45 × 250 = 11,250 on a 10,000 book. 60 on a 2:1 row whose Close fell to 20: 60 / (100 / 2) = 1.2×, paid 12,000.
    const notShown = writeFile(tempDir(), 'Z.csv', csv('date,close,dividend,split', '2024-01-02,40,0,1', '2024-01-03,39,45,0.25', '2024-01-04,39,0,1'));
    expect(await refusal(notShown)).toBe(`${notShown}:3: dividend 45 on 2024-01-03 is 1.1× the previous close 40 (2024-01-02): a payout that large leaves a price of 0 or less — correct the amount (cash per share, below the price: not cents or a total) or remove it`);
    const forward = writeFile(tempDir(), 'F.csv', csv('date,close,dividend,split', '2024-01-02,100,0,1', '2024-01-03,20,60,2', '2024-01-04,20,0,1'));
    expect(await refusal(forward)).toMatch(/F\.csv:3: dividend 60 on 2024-01-03 is 1\.2× the previous close 100 \(2024-01-02\) in the new shares of that day's split \(100 \/ 2 = 50\)/);
    // Newest first, the same rows are judged when the previous session's row arrives.
    const descending = writeFile(tempDir(), 'D.csv', csv('date,close,dividend,split', '2024-01-04,39,0,1', '2024-01-03,39,45,0.25', '2024-01-02,40,0,1'));
    expect(await refusal(descending)).toMatch(/D\.csv:3: dividend 45 on 2024-01-03 is 1\.1× the previous close 40/);
  });
});

describe('a bar refusal says how cells with marks were read', () => {
  it('Low 191,300 beside a Close of 194.97: "." shown by line 3, so the comma groups thousands', async () => {
    const file = writeFile(tempDir(), 'X.csv', csv('Date;Low;Close', '2024-01-02;191,300;199,520', '2024-01-03;191,300;194.97'));
    // Line 2 reads 191300 and 199520 (a bar within bounds); line 3's Close 194.97 is below Low 191300.
    expect(await refusal(file)).toBe(
      `${file}:3: Close 194.97 is below Low 191,300 on 2024-01-03 (Low 191,300 read as 191300: the file's decimal mark is ".", as line 3's "194.97" shows) — a bar's Open and Close lie within [Low, High]; correct the bar or remove the row`,
    );
  });
});
