// Vendors' event columns (Tiingo, Alpha Vantage, Quandl WIKI, yfinance): which events a file
// states, which are derived from Close vs AdjClose, and where the two disagree. Small files with
// hand-computed events.
import { describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../data/dates.ts';
import { PriceKind } from '../../../data/market.ts';
import { loadOneSeries } from '../fixtures.ts';

const day = parseIsoDay;

const load = loadOneSeries;

describe('Tiingo and Alpha Vantage event columns', () => {
  it('Tiingo without adjusted columns: splitFactor 2 on a halving close is a 2:1 split, divCash a cash dividend', async () => {
    const s = await load(
      'IWM.csv',
      'date,close,high,low,open,volume,divCash,splitFactor',
      '2024-01-08,196.73,196.97,192.26,193.29,31545400,0.0,1.0',
      '2024-01-09,97.485,97.885,96.66,97.175,57997400,0.0,2.0',
      '2024-01-10,97.54,97.69,96.54,97.37,70150400,0.5,1.0',
    );
    expect(s.priceKind).toBe(PriceKind.raw); // divCash sits beside an unadjusted close
    expect(s.splits).toEqual([{ day: day('2024-01-09'), value: 2 }]);
    expect(s.dividends).toEqual([{ day: day('2024-01-10'), value: 0.5 }]);
    expect(s.notes).toMatch(/1 dividend read from the divCash column and 1 split read from the splitFactor column/);
    expect(s.notes).not.toMatch(/MISSING/);
  });

  // Probe r73d F7: "0 splits read from the Stock Splits column" stood beside "1 split of the Stock Splits column is already
  // in Close": the column states 1 split (2.0 on 2024-01-16), none applied (Close 109 → 110 moved by no ratio). Both said.
  it('a stated split not applied: the count says it was read, and how many were applied', async () => {
    const s = await load(
      'AAA.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits',
      '2024-01-12,107,109,106,108,108,1000,0.0,0.0',
      '2024-01-15,108,110,107,109,109,1000,0.0,0.0',
      '2024-01-16,109,111,108,110,110,1000,0.0,2.0',
      '2024-01-17,110,112,109,111,111,1000,0.0,0.0',
    );
    expect(s.splits).toEqual([]);
    expect(s.notes).toMatch(/0 dividends read from the Dividends column and 1 split read from the Stock Splits column, 0 applied \(1 not: below\)/);
    expect(s.notes).toMatch(/1 split of the Stock Splits column is already in Close/);
  });

  it('Alpha Vantage newest first: split_coefficient 0.005 is a 1:200 reverse split, 1.0 is none', async () => {
    const s = await load(
      'IWM.csv',
      'timestamp,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient',
      '2024-01-10,194.74,195.38,193.08,195.08,195.08,35075200,0.0000,1.0',
      '2024-01-09,194.35,195.77,193.32,194.97,194.97,28998700,0.0000,0.005',
      '2024-01-08,0.9665,0.9849,0.9613,0.9837,196.74,6309080000,0.0000,1.0',
    );
    expect(s.splits).toEqual([{ day: day('2024-01-09'), value: 1 / 200 }]);
    expect(s.dividends).toEqual([]);
    expect(s.notes).not.toMatch(/ignored|disagree/);
  });

  it('Alpha Vantage JSON keys written as a CSV header ("4. close"): read by their names after the number', async () => {
    const header = 'date,1. open,2. high,3. low,4. close,5. adjusted close,6. volume,7. dividend amount,8. split coefficient';
    const s = await load('AAA.csv', header, '2024-01-09,54.0,55.5,53.5,55.0,55.0,1000000,0.0,1.0', '2024-01-08,53.0,54.5,52.5,54.0,54.0,1000000,0.0,2.0', '2024-01-05,104.0,106.5,103.5,106.0,53.0,1000000,0.0,1.0');
    // Close 106 → 54 with "8. split coefficient" 2.0 on 01-08, and 5. adjusted close 53 = 106 / 2 before it: a 2:1 split, no dividend.
    expect(Array.from(s.close)).toEqual([106, 54, 55]);
    expect(s.splits).toEqual([{ day: day('2024-01-08'), value: 2 }]);
    expect(s.dividends).toEqual([]);
    expect(s.columns!.ignored).toEqual([]);
    expect(s.notes).toContain("1. open, 2. high, 3. low, 4. close, 5. adjusted close, 6. volume, 7. dividend amount, 8. split coefficient read by their names after the number (Alpha Vantage's JSON keys)");
    expect(s.notes).not.toMatch(/disagree/);
  });

  it('a numbered name beside the same name unnumbered is refused as two closes', async () => {
    await expect(load('AAA.csv', 'date,4. close,close', '2024-01-05,1,1')).rejects.toThrow(/AAA\.csv:1: columns "4\. close" and "close" both read as close/);
  });
});

describe('a split column without a dividend column', () => {
  it('Quandl WIKI: Ex-Dividend is the dividend column', async () => {
    const s = await load(
      'IWM.csv',
      'Date,Open,High,Low,Close,Volume,Ex-Dividend,Split Ratio,Adj. Close',
      '2024-01-08,193.29,196.97,192.26,196.73,31545400,0.0,1.0,194.73',
      '2024-01-09,194.35,195.77,193.32,194.97,28998700,2.0,1.0,194.97',
    );
    expect(s.dividends).toEqual([{ day: day('2024-01-09'), value: 2 }]);
    expect(s.notes).not.toMatch(/disagree/); // 196.73 × (1 − (194.73/196.73) / 1) = 2.00
  });

  it('yfinance Stock Splits and Adj Close: the dividend comes from the adjustment', async () => {
    const s = await load(
      'IWM.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume,Stock Splits',
      '2024-01-08,193.29,196.97,192.26,196.73,194.73,31545400,0.0',
      '2024-01-09,194.35,195.77,193.32,194.97,194.97,28998700,0.0',
    );
    // D = 196.73 × (1 − (194.73 / 196.73) / (194.97 / 194.97)) = 196.73 − 194.73 = 2.00
    expect(s.dividends.map((d) => [d.day, Number(d.value.toFixed(10))])).toEqual([[day('2024-01-09'), 2]]);
    expect(s.notes).toMatch(/1 dividend derived from Close vs AdjClose and 0 splits read from the Stock Splits column/);
  });
});

describe('yfinance Capital Gains', () => {
  const header = 'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits,Capital Gains';
  it('is paid in cash like a dividend, on its own day or added to a dividend the same day', async () => {
    const s = await load(
      'F.csv',
      header,
      // Adj Close = 10 × (1 − 0.30/10) × (1 − 0.20/10) = 9.506 before both, 10 × 0.98 = 9.8 between.
      '2024-01-08,10,10,10,10,9.506,100,0.0,0.0,0.0',
      '2024-01-09,10,10,10,10,9.8,100,0.0,0.0,0.3',
      '2024-01-10,10,10,10,10,10,100,0.1,0.0,0.1', // 0.1 + 0.1 = 0.20 a share
    );
    expect(s.dividends).toEqual([
      { day: day('2024-01-09'), value: 0.3 },
      { day: day('2024-01-10'), value: 0.2 },
    ]);
    expect(s.notes).toMatch(/2 dividends \(2 with a capital-gain distribution, paid as cash like a dividend\) read from the Dividends and Capital Gains columns/);
  });
});

describe('a stated split that the file\'s AdjClose does not reflect', () => {
  it('yfinance, Stock Splits 0.25 where Close moves exactly ×4 and Adj Close = Close: a split Yahoo did not adjust the prices for, applied and said so', async () => {
    const s = await load(
      'RQ.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits',
      '2024-01-03,5,5,5,5,5,1000,0,0',
      '2024-01-04,5,5,5,5,5,1000,0,0',
      '2024-01-05,20,20,20,20,20,1000,0,0.25',
    );
    // ×4 leaves ln(4 × 0.25) = 0 beyond the ratio, within the 3 % floor of a flat history (dailyRange.ts).
    expect(s.splits.map((e) => e.value)).toEqual([0.25]);
    expect(s.notes).toMatch(/RQ 2024-01-05 \(Close moved by the stated 1:4 split within its daily range, but AdjClose\/Close does not step there: the prices are not adjusted for it, so it is applied/);
    expect(s.notes).not.toMatch(/already in Close/);
    expect(s.notes).not.toMatch(/dividend of/);
  });

  it('Stock Splits 0.04 (1:25) where Close moves ×10 and AdjClose is flat (a 1:10 split): the stated split is applied and the disagreement named, not a dividend of 15 times the price', async () => {
    // Probe r13d, real HA: Close 7.003 → 70.44 with Adj Close 63.10 → 63.47 (continuous): the prices say 1:10.
    const s = await load(
      'HA.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits',
      '2017-02-13,6.95,7.01,6.94,7.0,63.07,1000,0.0,0.0',
      '2017-02-14,6.967,7.008,6.94821,7.003,63.1021,1000,0.0,0.0',
      '2017-02-15,69.8,70.54,69.75,70.44,63.4716,1000,0.0,0.04',
    );
    expect(s.splits.map((e) => e.value)).toEqual([0.04]);
    expect(s.dividends).toEqual([]);
    expect(s.notes).toMatch(/1 stated split of the Stock Splits column disagrees with the prices' split ratio \(the stated ratio is applied to positions; if the prices are right, correct the ratio in the file\): HA 2017-02-15 \(Close and AdjClose step by a 1:10 split, stated 1:25\)/);
    expect(s.notes).not.toMatch(/dividend of/);
  });

  it('a stated split the prices agree with is not called a disagreement (1:10 stated, Close ×10, AdjClose flat)', async () => {
    const s = await load(
      'HB.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits',
      '2017-02-14,7,7,7,7,70,1000,0.0,0.0',
      '2017-02-15,70,70,70,70,70,1000,0.0,0.1',
    );
    expect(s.splits.map((e) => e.value)).toEqual([0.1]);
    expect(s.notes).not.toMatch(/disagree/);
  });
});

describe('a split stated a row away from the day the prices show it (probe r17b)', () => {
  it('Stock Splits 0.1 on 01-05 while Close (2 → 20.4) and AdjClose step on 01-08: one split, applied on 01-08, said once (not "already in Close" beside "does not state")', async () => {
    const s = await load(
      'RSX.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits',
      '2024-01-04,2,2,2,2,20,1000,0.0,0.0',
      '2024-01-05,2,2,2,2,20,1000,0.0,0.1',
      '2024-01-08,20.2,20.4,20.2,20.4,20.4,1000,0.0,0.0',
      '2024-01-09,21.4,21.4,21.4,21.4,21.4,1000,0.0,0.0',
    );
    expect(s.splits.map((e) => [e.day, e.value])).toEqual([[day('2024-01-08'), 0.1]]);
    expect(s.notes).toMatch(/1 split of the Stock Splits column stated a row away from the day Close and AdjClose both show it, applied on that day \(check the date\): RSX 2024-01-05 → 2024-01-08 \(1:10\)/);
    expect(s.notes).not.toMatch(/already in Close|does not state/);
  });
});

describe('a split stated a row away in a Close-only file (probe r18d)', () => {
  it('zipline: 0.1 stated on 01-09 while Close moves ×10.2 on 01-08; 1.5 stated on 01-08 while Close moves ×0.67 on 01-09: each applied where Close moved, said once', async () => {
    const rsx = await load('RSX.csv', 'date,open,high,low,close,volume,dividend,split', '2024-01-05,2,2,2,2,1000,0,1.0', '2024-01-08,20.2,20.4,20.2,20.4,1000,0,1.0', '2024-01-09,21.4,21.4,21.4,21.4,1000,0,0.1', '2024-01-10,21.5,21.5,21.5,21.5,1000,0,1.0');
    expect(rsx.splits.map((e) => [e.day, e.value])).toEqual([[day('2024-01-08'), 0.1]]);
    expect(rsx.notes).toMatch(/1 split of the split column stated a row away from the day Close moves by its ratio, applied on that day — with no AdjClose, Close alone cannot tell a mis-dated split from a crash next to a split Close had already taken \(check the date\): RSX 2024-01-09 → 2024-01-08 \(1:10\)/);
    expect(rsx.notes).not.toMatch(/already in Close|the size of a split/);
    const spl = await load('SPL.csv', 'date,open,high,low,close,volume,dividend,split', '2024-01-05,62,62,62,62,1000,0,1.0', '2024-01-08,62.1,62.1,62.1,62.1,1000,0,1.5', '2024-01-09,41.7,41.7,41.6,41.6,1000,0,1.0', '2024-01-10,43,43,43,43,1000,0,1.0');
    expect(spl.splits.map((e) => [e.day, e.value])).toEqual([[day('2024-01-09'), 1.5]]);
    expect(spl.notes).toMatch(/SPL 2024-01-08 → 2024-01-09 \(3:2\)/);
  });
});

describe('a print that reverts beside a stated split already in Close is no split (probe r19b)', () => {
  it('zipline: 2:1 stated on 01-05 with no move (already in Close), Close 100 → 50 → 100 on 01-08/01-09: no split applied', async () => {
    const s = await load('AAA.csv', 'date,open,high,low,close,volume,dividend,split', '2024-01-04,100,100,100,100,1000,0,1.0', '2024-01-05,100,100,100,100,1000,0,2.0', '2024-01-08,50,50,50,50,1000,0,1.0', '2024-01-09,100,100,100,100,1000,0,1.0', '2024-01-10,100,100,100,100,1000,0,1.0');
    expect(s.splits).toEqual([]);
  });
});

describe('a Close-only file whose split column states nothing on a split-sized move (probe r17b)', () => {
  it('zipline, split 1.0 on every row, Close 2.00 → 20.40: the move is named, at the size of a split, as in a file with no split column', async () => {
    const s = await load(
      'RSX.csv',
      'date,open,high,low,close,volume,dividend,split',
      '2024-01-04,2,2,2,2,1000,0,1.0',
      '2024-01-05,2,2,2,2,1000,0,1.0',
      '2024-01-08,20.2,20.4,20.2,20.4,1000,0,1.0',
      '2024-01-09,21.4,21.4,21.4,21.4,1000,0,1.0',
    );
    expect(s.splits).toEqual([]);
    expect(s.notes).toMatch(/1 one-session move of Close the size of a split, on a day the split column states none, is read as a price move, .*RSX 2024-01-08 \(×10\.2, like a 1:10 split\)/);
  });

  it('a split the column states on the day of the move is not named again', async () => {
    const s = await load('RSY.csv', 'date,open,high,low,close,volume,dividend,split', '2024-01-05,2,2,2,2,1000,0,1.0', '2024-01-08,20,20,20,20,1000,0,0.1', '2024-01-09,21,21,21,21,1000,0,1.0');
    expect(s.splits.map((e) => e.value)).toEqual([0.1]);
    expect(s.notes).not.toMatch(/the size of a split/);
  });
});

describe('an explicit dividend column is the truth for dividends; AdjClose is checked against it', () => {
  it('AdjClose stepping 5% with divCash 0: no dividend, the step listed', async () => {
    const s = await load(
      'IWM.csv',
      'date,close,adjClose,divCash,splitFactor',
      '2024-01-10,195.08,195.08,0.0,1.0',
      '2024-01-11,193.55,203.23,0.0,1.0',
      '2024-01-12,193.23,202.89,0.0,1.0',
      '2024-01-16,190.84,200.38,0.0,1.0',
    );
    expect(s.dividends).toEqual([]);
    // 01-11: 195.08 × (1 − 1 / (203.23 / 193.55)) = 9.292; 01-12 and 01-16 keep the factor (202.89 / 193.23 = 1.05000, 200.38 / 190.84 = 1.04999).
    expect(s.notes).toMatch(/1 AdjClose step disagrees with the divCash and splitFactor columns .* IWM 2024-01-11 \(AdjClose implies a dividend of 9\.292, stated 0\)/);
  });

  it('AdjClose 5% high on two rows and back (a bad print copied down): refused at its first row', async () => {
    await expect(
      load('IWM.csv', 'date,close,adjClose,divCash,splitFactor', '2024-01-10,195.08,195.08,0.0,1.0', '2024-01-11,193.55,203.23,0.0,1.0', '2024-01-12,193.23,202.89,0.0,1.0', '2024-01-16,190.84,190.84,0.0,1.0'),
    ).rejects.toThrow(/IWM\.csv:3: close 193\.55 and adjClose 203\.23 on 2024-01-11: their ratio is ×1\.05 that of the row before and the row 2 rows later/);
  });
});

describe('a stated split on a row with no trade', () => {
  it('Stock Splits 2 on a suspended day (Volume 0, stale Close 100) is applied on the next traded row, where Close halves', async () => {
    const s = await load(
      'SUS.csv',
      'Date,Open,High,Low,Close,Volume,Stock Splits',
      '2024-01-04,100,100,100,100,1000,0',
      '2024-01-05,100,100,100,100,0,2',
      '2024-01-08,50.5,50.5,50.5,50.5,1000,0',
    );
    expect(s.splits).toEqual([{ day: day('2024-01-08'), value: 2 }]);
    expect(s.notes).toMatch(/1 split of the Stock Splits column falls on a row with no trade \(stale Close\), so it is applied on the next traded row.*SUS 2024-01-05 → 2024-01-08/);
    expect(s.notes).not.toMatch(/already in Close/);
  });

  it('with a Yahoo Adj Close stepping on the stated day: the step is the split, not a 50% dividend', async () => {
    // Adj Close 50 → 100 while Close stays 100: the factor halves on 01-05, which is the 2:1 split.
    const s = await load(
      'SUA.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume,Stock Splits',
      '2024-01-04,100,100,100,100,50,1000,0',
      '2024-01-05,100,100,100,100,100,0,2',
      '2024-01-08,50.5,50.5,50.5,50.5,50.5,1000,0',
    );
    expect(s.splits).toEqual([{ day: day('2024-01-08'), value: 2 }]);
    expect(s.dividends).toEqual([]);
    expect(s.notes).not.toMatch(/disagree|distributions above/);
  });

  it('a traded row where Close did not move keeps the split as already in Close, and its AdjClose step is still no dividend', async () => {
    const s = await load(
      'ADJ.csv',
      'Date,Open,High,Low,Close,Adj Close,Volume,Stock Splits',
      '2024-01-04,100,100,100,100,50,1000,0',
      '2024-01-05,101,101,101,101,101,1000,2',
      '2024-01-08,102,102,102,102,102,1000,0',
    );
    expect(s.splits).toEqual([]);
    expect(s.dividends).toEqual([]);
    expect(s.notes).toMatch(/already in Close/);
  });
});

describe('yfinance auto_adjust=True, a raw Close, a 2:1 stated on a suspended row (probe r30a finding 3)', () => {
  it('Volume 0 and Close 99.67 repeated on the stated 02-13, Close 50.50 on 02-14 (×0.5067, 1.3 % from 1/2): applied on 02-14, not "already in Close"', async () => {
    const s = await load(
      'SUS.csv',
      'Date,Open,High,Low,Close,Volume,Dividends,Stock Splits',
      '2023-02-09,99,99,99,99,1000,0.0,0.0',
      '2023-02-10,99.67,99.67,99.67,99.67,1000,0.0,0.0',
      '2023-02-13,99.67,99.67,99.67,99.67,0,0.0,2.0',
      '2023-02-14,50.5,50.5,50.5,50.5,1000,0.0,0.0',
      '2023-02-15,49.5,49.5,49.5,49.5,1000,0.0,0.0',
    );
    expect(s.splits).toEqual([{ day: parseIsoDay('2023-02-14'), value: 2 }]);
    expect(s.notes).not.toMatch(/already in Close|the size of a split/);
    expect(s.notes).toMatch(/on the next traded row.*SUS 2023-02-13 → 2023-02-14/);
  });
});
